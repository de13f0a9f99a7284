"""The follow-ups' write path: what it requires, who may use it, and that it leaves the figures alone."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from targets import followups
from targets.choices import FollowUpStatus, Role, Status
from targets.models import FollowUp, FollowUpReport, Indicator, Realization, User

DUE = datetime.date(2025, 12, 31)


@pytest.fixture
def indicator(bureau):
    return Indicator.objects.create(code="volume", name="Volume usaha", bureau=bureau)


@pytest.fixture
def agreed(indicator, staff):
    return followups.create(
        staff, indicator, 2025, 3, action="Temu bisnis dengan offtaker.", pic="Kabid Koperasi", due_date=DUE
    )


def test_a_follow_up_is_agreed_with_its_action_pic_and_due_date(agreed, staff):
    agreed.refresh_from_db()
    assert (agreed.action, agreed.pic, agreed.due_date) == (
        "Temu bisnis dengan offtaker.",
        "Kabid Koperasi",
        DUE,
    )
    assert agreed.status == FollowUpStatus.OPEN
    assert agreed.created_by == staff
    assert agreed.history.count() == 1


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"action": " ", "pic": "Kabid", "due_date": DUE}, "action"),
        ({"action": "Temu bisnis", "pic": "", "due_date": DUE}, "pic"),
        ({"action": "Temu bisnis", "pic": "Kabid", "due_date": None}, "due_date"),
    ],
)
def test_a_follow_up_needs_an_action_a_pic_and_a_due_date(indicator, staff, fields, missing):
    with pytest.raises(ValidationError) as refused:
        followups.create(staff, indicator, 2025, 3, **fields)
    assert list(refused.value.message_dict) == [missing]
    assert not FollowUp.objects.exists()


def test_dropping_a_follow_up_needs_a_reason(agreed, staff):
    with pytest.raises(ValidationError) as refused:
        followups.update(
            staff, agreed, status=FollowUpStatus.DROPPED, status_note="", pic="Kabid", due_date=DUE
        )
    assert refused.value.message_dict == {"note": ["Tuliskan alasan tindak lanjut ini dibatalkan."]}
    with pytest.raises(ValidationError):
        followups.report(staff, agreed, 2025, 4, status=FollowUpStatus.DROPPED, note=" ")
    assert FollowUp.objects.get().status == FollowUpStatus.OPEN


def test_staff_of_another_bureau_and_the_administrator_may_not_write(agreed, other_staff):
    admin = User.objects.create_user("admin", role=Role.ADMIN)
    for user in (other_staff, admin):
        with pytest.raises(PermissionDenied):
            followups.update(
                user, agreed, status=FollowUpStatus.DONE, status_note="", pic="Kabid", due_date=DUE
            )
        with pytest.raises(PermissionDenied):
            followups.create(user, agreed.indicator, 2025, 4, action="x", pic="y", due_date=DUE)
    assert FollowUp.objects.count() == 1


def test_the_head_and_the_planners_may_update_any_bureaus_follow_up(agreed, head, planner):
    followups.update(
        head, agreed, status=FollowUpStatus.IN_PROGRESS, status_note="", pic="Kabid", due_date=DUE
    )
    followups.update(
        planner, agreed, status=FollowUpStatus.DONE, status_note="Selesai.", pic="Kabid", due_date=DUE
    )
    agreed.refresh_from_db()
    assert (agreed.status, agreed.updated_by) == (FollowUpStatus.DONE, planner)


def test_a_report_in_a_later_quarter_moves_the_follow_up_and_a_second_one_replaces_it(agreed, staff):
    followups.report(staff, agreed, 2025, 4, status=FollowUpStatus.IN_PROGRESS, note="Satu temu bisnis.")
    followups.report(staff, agreed, 2025, 4, status=FollowUpStatus.DONE, note="Dua temu bisnis.")
    report = FollowUpReport.objects.get()
    assert (report.year, report.quarter, report.status, report.note) == (2025, 4, "done", "Dua temu bisnis.")
    agreed.refresh_from_db()
    assert agreed.is_closed and agreed.outcome == "Dua temu bisnis."


def test_a_follow_up_is_not_reported_on_in_the_quarter_it_was_agreed(agreed, staff):
    with pytest.raises(ValueError):
        followups.report(staff, agreed, 2025, 3, status=FollowUpStatus.DONE, note="")


def test_updating_after_approval_leaves_the_figures_and_their_status_alone(agreed, staff, indicator):
    approved = Realization.objects.create(
        indicator=indicator, year=2025, quarter=3, value=D(44), kendala="Harga turun.", status=Status.APPROVED
    )
    before = (approved.value, approved.status, approved.version, approved.history.count())
    followups.report(staff, agreed, 2025, 4, status=FollowUpStatus.IN_PROGRESS, note="Berjalan.")
    followups.update(
        staff, agreed, status=FollowUpStatus.DONE, status_note="Selesai.", pic="Kabid", due_date=DUE
    )
    approved.refresh_from_db()
    assert (approved.value, approved.status, approved.version, approved.history.count()) == before


def test_overdue_means_unfinished_and_past_its_due_date(agreed, staff):
    after_due = DUE + datetime.timedelta(days=1)
    assert list(FollowUp.objects.overdue(after_due)) == [agreed]
    assert not FollowUp.objects.overdue(DUE).exists()
    followups.update(staff, agreed, status=FollowUpStatus.DONE, status_note="", pic="Kabid", due_date=DUE)
    assert not FollowUp.objects.overdue(after_due).exists()
