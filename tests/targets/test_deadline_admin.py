"""The planners set a quarter's due date in the admin; the pages follow it."""

import datetime

from django.urls import reverse

from targets.models import ReportingDeadline, User

ADD = reverse("admin:targets_reportingdeadline_add")


def test_the_planners_set_a_quarters_due_date_in_the_admin(client, demo, today):
    today(datetime.date(2026, 11, 28))
    client.force_login(User.objects.get(username="perencana"))
    response = client.post(
        ADD, {"year": "2026", "quarter": "4", "due_date": "2027-01-22", "reason": "Cuti bersama Januari"}
    )
    assert response.status_code == 302
    assert ReportingDeadline.objects.get(year=2026, quarter=4).due_date == datetime.date(2027, 1, 22)
    page = client.get(reverse("targets:entry", args=["koperasi", 2026, 4])).content.decode()
    assert 'data-due="2027-01-22"' in page and "Cuti bersama Januari" in page


def test_the_list_shows_the_date_the_working_day_rule_would_give(client, demo):
    ReportingDeadline.objects.create(
        year=2026, quarter=1, due_date=datetime.date(2026, 4, 20), reason="Rapat"
    )
    client.force_login(User.objects.get(username="perencana"))
    page = client.get(reverse("admin:targets_reportingdeadline_changelist")).content.decode()
    # 1 April 2026 is day 1; Good Friday (3 April) is a holiday; the tenth working day is 15 April.
    assert 'field-by_rule nowrap">15 April 2026</td>' in page


def test_a_second_date_for_the_same_quarter_is_refused_next_to_the_form(client, demo):
    ReportingDeadline.objects.create(
        year=2026, quarter=1, due_date=datetime.date(2026, 4, 20), reason="Rapat"
    )
    client.force_login(User.objects.get(username="perencana"))
    response = client.post(ADD, {"year": "2026", "quarter": "1", "due_date": "2026-04-21", "reason": "Lagi"})
    assert response.status_code == 200
    assert ReportingDeadline.objects.count() == 1


def test_staff_and_the_head_cannot_set_due_dates(client, demo):
    for username in ("staf.koperasi", "kadis"):
        client.force_login(User.objects.get(username=username))
        client.post(ADD, {"year": "2026", "quarter": "1", "due_date": "2026-04-21", "reason": "x"})
    assert not ReportingDeadline.objects.exists()
