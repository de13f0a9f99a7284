"""The follow-up pages, and the overdue follow-ups on the worklist."""

import datetime

import pytest
from django.urls import reverse

from targets.choices import FollowUpStatus, Status
from targets.models import FollowUp, Indicator, Realization, User

LIST = reverse("targets:follow_ups")
# From the demo: done, in progress (due end of 2026), overdue (open since October 2025), dropped.
DONE = "Bimbingan teknis pendataan bagi dinas kabupaten/kota."
IN_PROGRESS = "Pendampingan akses pasar dan temu bisnis dengan offtaker pada triwulan IV."
OVERDUE = "Verifikasi bersama dinas kabupaten dan pendamping KUMKM pada awal TW IV."


@pytest.fixture
def in_progress(demo):
    return FollowUp.objects.get(action=IN_PROGRESS)


def _more(count):
    indicator = Indicator.objects.get(code="volume-usaha-produksi")
    FollowUp.objects.bulk_create(
        FollowUp(
            indicator=indicator,
            year=2025,
            quarter=4,
            action=f"Tambahan {n}",
            pic="Kabid",
            due_date=datetime.date(2025, 11, 1),
        )
        for n in range(count)
    )


def test_the_list_shows_the_unfinished_follow_ups_with_their_pic_due_date_and_latest_report(demo, log_in_as):
    page = log_in_as("staf.usahakecil").get(LIST).content.decode()
    assert IN_PROGRESS in page and OVERDUE in page
    assert DONE not in page
    assert "Kabid Pemberdayaan dan Pengembangan Koperasi" in page
    assert "Temu bisnis pertama dengan dua offtaker sawit" in page  # the latest report
    assert "lewat batas waktu" in page


def test_the_list_filters_by_bureau_status_and_overdue(demo, log_in_as):
    client = log_in_as("kadis")
    done = client.get(LIST, {"status": "done"}).content.decode()
    assert DONE in done and IN_PROGRESS not in done
    overdue = client.get(LIST, {"terlambat": "1"}).content.decode()
    assert OVERDUE in overdue and IN_PROGRESS not in overdue
    koperasi = client.get(LIST, {"bidang": "koperasi", "status": "semua"}).content.decode()
    assert IN_PROGRESS in koperasi and OVERDUE not in koperasi


@pytest.mark.parametrize("extra", [1, 20])
def test_the_list_reads_its_data_in_a_fixed_number_of_queries(
    demo, log_in_as, django_assert_num_queries, extra
):
    _more(extra)
    client = log_in_as("kadis")
    # session, user, bureaus, follow-ups with their indicators, their reports
    with django_assert_num_queries(5):
        client.get(LIST)


def test_anonymous_people_are_sent_to_log_in(client, in_progress):
    for url in (LIST, in_progress.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_bureaus_staff_and_the_administrator_read_but_may_not_update(client, in_progress):
    for username in ("staf.usahakecil", "admin"):
        client.force_login(User.objects.get(username=username))
        page = client.get(in_progress.get_absolute_url()).content.decode()
        assert IN_PROGRESS in page and "Perbarui tindak lanjut" not in page
        response = client.post(
            in_progress.get_absolute_url(), {"status": "done", "pic": "x", "due_date": "2026-01-01"}
        )
        assert response.status_code == 403
    in_progress.refresh_from_db()
    assert in_progress.status == FollowUpStatus.IN_PROGRESS


def test_the_bureau_closes_a_follow_up_after_approval_without_touching_the_figures(client, in_progress):
    figures = Realization.objects.filter(indicator=in_progress.indicator, year=2025)
    figures.update(status=Status.APPROVED)
    before = list(figures.values("quarter", "value", "status", "version"))
    client.force_login(User.objects.get(username="staf.koperasi"))
    response = client.post(
        in_progress.get_absolute_url(),
        {
            "status": "done",
            "status_note": "Kontrak ditandatangani.",
            "pic": "Kabid Koperasi",
            "due_date": "2026-12-31",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Tindak lanjut diperbarui." in page and 'data-status="done"' in page
    assert "Kontrak ditandatangani." in page
    assert list(figures.values("quarter", "value", "status", "version")) == before


def test_a_wrong_update_is_refused_beside_its_field_and_keeps_what_was_typed(client, in_progress):
    client.force_login(User.objects.get(username="kadis"))
    response = client.post(
        in_progress.get_absolute_url(),
        {"status": "dropped", "status_note": "", "pic": "PIC yang diketik", "due_date": "31/31/2026"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tuliskan alasan tindak lanjut ini dibatalkan." in page
    assert "Tanggal tidak dikenali" in page
    assert 'value="PIC yang diketik"' in page
    in_progress.refresh_from_db()
    assert in_progress.status == FollowUpStatus.IN_PROGRESS


def test_overdue_follow_ups_are_on_the_worklist_of_their_bureau_the_head_and_the_planners(
    demo, log_in_as, client
):
    worklist = reverse("targets:worklist")
    for username in ("staf.usahakecil", "kadis", "perencana"):
        assert OVERDUE in log_in_as(username).get(worklist).content.decode()
    assert OVERDUE not in log_in_as("staf.koperasi").get(worklist).content.decode()
    assert OVERDUE not in log_in_as("admin").get(worklist).content.decode()


@pytest.mark.parametrize("extra", [1, 20])
def test_the_worklist_takes_no_more_queries_for_more_follow_ups(
    demo, log_in_as, django_assert_num_queries, extra
):
    _more(extra)
    client = log_in_as("kadis")
    # session, user, bureaus, first year, states, workflow log, due dates, overdue follow-ups; the
    # coverage of the series reported by region in the quarters awaiting approval: the series, the
    # regencies, their accepted figures
    with django_assert_num_queries(11):
        page = client.get(reverse("targets:worklist")).content.decode()
    assert "Tambahan 0" in page


NEW = reverse("targets:follow_up_new")


def _agreed_at_the_meeting(indicator):
    return {
        "indicator": indicator.pk,
        "year": "2025",
        "quarter": "4",
        "kendala": "Data kabupaten terlambat.",
        "action": "Rapat koordinasi pendataan.",
        "pic": "Kasubbag Program",
        "due_date": "2026-03-31",
    }


def test_the_head_records_a_follow_up_agreed_at_the_meeting(demo, log_in_as):
    indicator = Indicator.objects.get(code="mikro-naik-kelas")
    response = log_in_as("kadis").post(NEW, _agreed_at_the_meeting(indicator), follow=True)
    assert "Tindak lanjut dicatat." in response.content.decode()
    follow_up = FollowUp.objects.get(action="Rapat koordinasi pendataan.")
    assert (follow_up.indicator, follow_up.year, follow_up.quarter, follow_up.pic) == (
        indicator,
        2025,
        4,
        "Kasubbag Program",
    )
    assert follow_up.due_date == datetime.date(2026, 3, 31) and follow_up.created_by.username == "kadis"


def test_staff_record_follow_ups_only_for_their_bureaus_indicators(demo, log_in_as):
    other = Indicator.objects.get(code="mikro-naik-kelas")  # the small-business bureau's
    response = log_in_as("staf.koperasi").post(NEW, _agreed_at_the_meeting(other))
    assert response.status_code == 200
    assert "Rapat koordinasi pendataan." in response.content.decode()  # what was typed stays
    assert not FollowUp.objects.filter(action="Rapat koordinasi pendataan.").exists()


def test_a_follow_up_without_its_pic_is_refused_beside_the_field(demo, log_in_as):
    data = _agreed_at_the_meeting(Indicator.objects.get(code="mikro-naik-kelas")) | {"pic": ""}
    page = log_in_as("perencana").post(NEW, data).content.decode()
    assert "Tuliskan penanggung jawabnya (PIC)." in page and "Rapat koordinasi pendataan." in page
    assert not FollowUp.objects.filter(action="Rapat koordinasi pendataan.").exists()


def test_the_administrator_and_anonymous_people_may_not_record_follow_ups(demo, client):
    assert client.get(NEW).status_code == 302
    client.force_login(User.objects.get(username="admin"))
    assert client.get(NEW).status_code == 403
    data = _agreed_at_the_meeting(Indicator.objects.get(code="mikro-naik-kelas"))
    assert client.post(NEW, data).status_code == 403
    assert not FollowUp.objects.filter(action="Rapat koordinasi pendataan.").exists()
