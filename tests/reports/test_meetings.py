"""Meeting snapshots: recording freezes what the meeting saw; later revisions show beside it."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import meetings, synthetic
from reports.models import Meeting, MeetingDeletion, MeetingFigure, MeetingRow, SnapshotImmutable
from targets import workflow
from targets.models import FollowUp, Indicator, Realization, User
from targets.readmodel import build_rows
from tests.meeting_data import MEETING_NAME, record, revise

MILIAR = Decimal(1_000_000_000)
FAKE_PDF = b"%PDF-1.7\n% a stand-in for the summary PDF\n%%EOF\n"


@pytest.fixture
def quick_pdf(monkeypatch, media):
    """The summary PDF's bytes without WeasyPrint: for tests about everything but the document."""
    monkeypatch.setattr(meetings, "summary_pdf", lambda year, quarter: FAKE_PDF)


def as_user(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def volume_row(rows):
    return next(row for row in rows if row.indicator.code == "volume-usaha-produksi")


def test_recording_freezes_every_figure_row_and_follow_up_of_the_period(demo, quick_pdf):
    follow_up = FollowUp.objects.create(
        indicator=Indicator.objects.get(code="mikro-naik-kelas"),
        year=2025,
        quarter=3,
        kendala="Verifikasi lapangan belum selesai.",
        action="Verifikasi bersama dinas kabupaten.",
        pic="Kabid UKM",
        due_date=datetime.date(2025, 11, 30),
    )
    meeting = record()
    period = Realization.objects.filter(year=2025, quarter__lte=3)
    assert meeting.figures.count() == period.count()
    returned = meeting.figures.get(indicator__code="mikro-naik-kelas", quarter=3)
    assert (returned.value, returned.status) == (Decimal(160), "returned")
    assert "Verifikasi lapangan" in returned.kendala
    assert [row.indicator.code for row in meeting.rows.all()] == [
        row.indicator.code for row in build_rows(2025, 3)
    ]
    frozen_follow_up = meeting.follow_ups.get(follow_up=follow_up)
    assert (frozen_follow_up.follow_up, frozen_follow_up.pic) == (follow_up, "Kabid UKM")
    assert meeting.document.name.startswith("rapat/") and meeting.document.name.endswith(".pdf")


def test_the_meeting_keeps_the_period_s_follow_ups_and_those_still_open_from_earlier_years(demo, quick_pdf):
    indicator = Indicator.objects.get(code="mikro-naik-kelas")

    def follow_up(action, year, quarter, status="open"):
        due = datetime.date(year, 12, 31)
        return FollowUp.objects.create(
            indicator=indicator,
            year=year,
            quarter=quarter,
            action=action,
            pic="Kabid UKM",
            due_date=due,
            status=status,
        )

    follow_up("Masih berjalan dari 2024", 2024, 4, status="in_progress")
    follow_up("Selesai pada 2024", 2024, 4, status="done")
    follow_up("Disepakati TW II", 2025, 2, status="done")
    follow_up("Disepakati sesudah rapat", 2025, 4)
    meeting = record()
    kept = sorted(meeting.follow_ups.filter(pic="Kabid UKM").values_list("action", flat=True))
    assert kept == ["Disepakati TW II", "Masih berjalan dari 2024"]


def test_a_revision_through_the_workflow_changes_the_live_figure_not_the_snapshot(demo, quick_pdf):
    meeting = record()
    revise("volume-usaha-produksi", 2025, 3, 46 * MILIAR)
    assert (
        Realization.objects.get(indicator__code="volume-usaha-produksi", year=2025, quarter=3).value
        == 46 * MILIAR
    )
    frozen = meeting.figures.get(indicator__code="volume-usaha-produksi", quarter=3)
    assert frozen.value == 44 * MILIAR
    assert volume_row(build_rows(2025, 3)).official.realization == 125 * MILIAR
    assert volume_row(meetings.meeting_rows(meeting)).official.realization == 123 * MILIAR


def test_the_snapshot_page_marks_the_revised_figure_with_its_old_and_new_value(client, demo, quick_pdf):
    meeting = record()
    revise("volume-usaha-produksi", 2025, 3, 46 * MILIAR)
    page = (
        as_user(client, "staf.koperasi").get(reverse("reports:meeting", args=[meeting.pk])).content.decode()
    )
    assert "1 angka diubah sejak rapat" in page
    row = page.split('data-series="volume-usaha-produksi" data-quarter="3"')[1].split("</tr>")[0]
    assert "diubah sejak rapat" in row
    assert "Rp 44 miliar" in row and "Rp 46 miliar" in row
    unchanged = page.split('data-series="volume-usaha-produksi" data-quarter="2"')[1].split("</tr>")[0]
    assert "diubah sejak rapat" not in unchanged
    # The frozen table still reads the meeting's Rp 123 miliar for TW I–III.
    frozen = page.split('data-indicator="volume-usaha-produksi"')[1].split("</tr>")[0]
    assert "Rp 123 miliar" in frozen
    assert "diubah sejak rapat" in frozen
    untouched = page.split('data-indicator="koperasi-produsen"')[1].split("</tr>")[0]
    assert "diubah sejak rapat" not in untouched


def test_a_figure_entered_after_the_meeting_counts_as_revised(demo, quick_pdf):
    meeting = record(year=2026, quarter=1, name="Rapat awal 2026")
    indicator = Indicator.objects.get(code="volume-usaha-produksi")
    staff = User.objects.get(username="staf.koperasi")
    workflow.write_realizations(
        indicator.bureau, staff, [workflow.RowChange(indicator, 2026, 1, 60 * MILIAR, 0)]
    )
    [figure] = meetings.compare(meeting)
    assert figure.revised
    assert (figure.old_value, figure.new_value) == (None, 60 * MILIAR)


def test_the_stored_pdf_is_served_byte_for_byte_even_after_a_revision(client, demo, media):
    meeting = record()
    with meeting.document.open("rb") as stored:
        printed = stored.read()
    assert printed.startswith(b"%PDF-")
    revise("volume-usaha-produksi", 2025, 3, 46 * MILIAR)
    response = as_user(client, "kadis").get(reverse("reports:meeting_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == printed


def test_a_snapshot_cannot_be_saved_again(demo, quick_pdf):
    meeting = record()
    meeting.name = "Diubah"
    with pytest.raises(SnapshotImmutable):
        meeting.save()
    figure = meeting.figures.first()
    figure.value = Decimal(1)
    with pytest.raises(SnapshotImmutable):
        figure.save()
    with pytest.raises(SnapshotImmutable):
        MeetingRow.objects.filter(meeting=meeting).update(realization=Decimal(1))
    assert Meeting.objects.get(pk=meeting.pk).name == MEETING_NAME


def test_the_snapshot_has_no_edit_page(client, demo, quick_pdf):
    meeting = record()
    url = reverse("reports:meeting", args=[meeting.pk])
    response = as_user(client, "admin").post(url, {"name": "Diubah", "place": "Di mana saja"})
    assert response.status_code == 405
    assert Meeting.objects.get(pk=meeting.pk).place == "Aula Dinas, Palangka Raya"


def test_the_admin_shows_a_snapshot_read_only(client, demo, quick_pdf):
    meeting = record()
    url = reverse("admin:reports_meeting_change", args=[meeting.pk])
    as_user(client, "admin")
    page = client.get(url)
    assert page.status_code == 200
    assert MEETING_NAME in page.content.decode()
    assert 'name="name"' not in page.content.decode()
    assert client.post(url, {"name": "Diubah"}).status_code == 403
    assert (
        client.post(reverse("admin:reports_meeting_delete", args=[meeting.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Meeting.objects.get(pk=meeting.pk).name == MEETING_NAME


@pytest.mark.parametrize(
    ("username", "status"),
    [("staf.koperasi", 403), ("kadis", 403), ("perencana", 200), ("admin", 200)],
)
def test_only_planners_and_the_administrator_may_record_a_meeting(client, demo, quick_pdf, username, status):
    as_user(client, username)
    assert client.get(reverse("reports:meeting_new")).status_code == status
    data = {"name": "Rapat", "held_on": "2025-10-20", "place": "Aula", "year": "2025", "quarter": "3"}
    response = client.post(reverse("reports:meeting_new"), data)
    if status == 403:
        assert response.status_code == 403
        assert not Meeting.objects.exists()
    else:
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("reports:meeting", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_log_in(client, demo):
    for name in ("reports:meetings", "reports:meeting_new"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_every_role_sees_the_list_of_meetings(client, demo, quick_pdf):
    record()
    for username in ("staf.koperasi", "kadis", "perencana", "admin"):
        page = as_user(client, username).get(reverse("reports:meetings")).content.decode()
        assert MEETING_NAME in page
        assert "Aula Dinas, Palangka Raya" in page
        assert "2025 TW III" in page


def test_bad_input_is_named_next_to_its_field_and_kept(client, demo, quick_pdf):
    as_user(client, "perencana")
    data = {"name": "Rapat evaluasi", "held_on": "31/02/2025", "place": "", "year": "1900", "quarter": "3"}
    response = client.post(reverse("reports:meeting_new"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["held_on"] == ["Tanggal tidak dapat dibaca; tulis misalnya 28/11/2026."]
    assert errors["place"] == ["Tuliskan tempat rapat."]
    assert errors["year"] == ["Tahun harus antara 2000 dan 2100."]
    page = response.content.decode()
    assert 'value="Rapat evaluasi"' in page
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("username", ["staf.koperasi", "kadis", "perencana"])
def test_only_the_administrator_may_delete_a_snapshot(client, demo, quick_pdf, username):
    meeting = record()
    url = reverse("reports:meeting_delete", args=[meeting.pk])
    as_user(client, username)
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Salah periode."}).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert not MeetingDeletion.objects.exists()


def test_deleting_needs_a_reason_and_leaves_a_record(
    client, demo, quick_pdf, django_capture_on_commit_callbacks
):
    meeting = record()
    stored = meeting.document.path
    url = reverse("reports:meeting_delete", args=[meeting.pk])
    as_user(client, "admin")
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Tuliskan alasannya."]
    assert Meeting.objects.filter(pk=meeting.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Dicatat untuk periode yang salah."})
    assert response.status_code == 302 and response.url == reverse("reports:meetings")
    assert not Meeting.objects.exists()
    assert not MeetingFigure.objects.exists()
    deletion = MeetingDeletion.objects.get()
    assert (deletion.name, deletion.year, deletion.quarter) == (MEETING_NAME, 2025, 3)
    assert deletion.reason == "Dicatat untuk periode yang salah."
    assert deletion.deleted_by.username == "admin"
    assert not Path(stored).exists()


def test_the_dashboard_as_at_a_meeting_shows_the_frozen_figures(client, demo, quick_pdf):
    meeting = record()
    revise("volume-usaha-produksi", 2025, 3, 46 * MILIAR)
    as_user(client, "kadis")
    response = client.get(reverse("reports:dashboard"), {"rapat": meeting.pk})
    page = response.content.decode()
    assert f"Keadaan per rapat {MEETING_NAME}, 20 Oktober 2025" in page
    assert "Kembali ke angka hari ini" in page
    row = page.split('data-indicator="volume-usaha-produksi"')[1].split("</tr>")[0]
    assert "Rp 123 miliar" in row
    live = client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 3}).content.decode()
    assert "Rp 125 miliar" in live.split('data-indicator="volume-usaha-produksi"')[1].split("</tr>")[0]
    assert "Keadaan per rapat" not in live


def test_the_dashboard_as_at_a_meeting_keeps_the_bureau_filter(client, demo, quick_pdf):
    meeting = record()
    response = as_user(client, "kadis").get(
        reverse("reports:dashboard"), {"rapat": meeting.pk, "bidang": "koperasi"}
    )
    assert {row.indicator.code for row in response.context["rows"]} == {
        "volume-usaha-produksi",
        "rasio-volume-pdrb",
    }


@pytest.mark.parametrize("value", ["", "abc", "999", "-1", "99999999999999999999999", "1.5"])
def test_an_unknown_meeting_on_the_dashboard_is_not_found(client, demo, value):
    response = as_user(client, "kadis").get(reverse("reports:dashboard"), {"rapat": value})
    assert response.status_code == 404


def test_the_snapshot_page_reads_in_a_fixed_number_of_queries(
    client, demo, quick_pdf, django_assert_num_queries
):
    meeting = record()
    as_user(client, "kadis")
    # session, user, meeting, frozen figures, current figures, frozen rows, the nav's bureaus, follow-ups
    with django_assert_num_queries(8):
        client.get(reverse("reports:meeting", args=[meeting.pk]))


def test_more_indicators_take_no_more_queries_on_the_snapshot_or_the_dashboard(
    client, demo, quick_pdf, django_assert_num_queries
):
    synthetic.build(12, first_year=2024, years=2)
    meeting = record()
    as_user(client, "kadis")
    with django_assert_num_queries(8):
        client.get(reverse("reports:meeting", args=[meeting.pk]))
    # session, user, meeting, data version, bureaus, frozen rows, the frozen unfinished follow-ups,
    # the frozen kendala of the indicators behind
    with django_assert_num_queries(8):
        response = client.get(reverse("reports:dashboard"), {"rapat": meeting.pk})
    assert len(response.context["rows"]) == 8 + 12


def test_recording_takes_a_fixed_number_of_queries(demo, quick_pdf):
    def queries_to_record():
        with CaptureQueriesContext(connection) as captured:
            record()
        return len(captured)

    before = queries_to_record()
    synthetic.build(12, first_year=2024, years=2)
    assert queries_to_record() == before
