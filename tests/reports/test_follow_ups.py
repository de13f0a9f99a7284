"""What is being done: the follow-ups on the dashboard, in the PDF and in the bureau export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from targets import followups
from targets.choices import FollowUpStatus
from targets.models import FollowUp, Indicator, User

DASHBOARD = reverse("reports:dashboard")
OVERDUE = "Verifikasi bersama dinas kabupaten dan pendamping KUMKM pada awal TW IV."
IN_PROGRESS = "Pendampingan akses pasar dan temu bisnis dengan offtaker pada triwulan IV."


def _section(page, marker):
    return page.split(marker)[1].split("</section>")[0]


def _more(count):
    indicator = Indicator.objects.get(code="mikro-naik-kelas")
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


def test_the_dashboard_says_what_is_being_done_about_each_indicator_behind(head_client):
    response = head_client.get(DASHBOARD, {"tahun": 2025, "tw": 4})
    page = response.content.decode()
    being_done = _section(page, 'id="yang-sedang-dilakukan"')
    graduations = being_done.split('data-behind="mikro-naik-kelas"')[1].split("</article>")[0]
    # The latest kendala up to TW IV (TW III's, returned) and the unfinished follow-up with PIC and due date.
    assert "Verifikasi lapangan usaha yang naik kelas di tiga kabupaten belum selesai." in graduations
    assert OVERDUE in graduations and "Kasi Pemberdayaan Usaha Mikro" in graduations
    assert "31 Okt 2025" in graduations and "lewat batas waktu" in graduations
    # The done follow-up of TW II is no longer what is being done.
    assert "Bimbingan teknis pendataan" not in graduations
    # Only the indicators behind are listed.
    rows = response.context["rows"]
    behind = {item.row.indicator.code for item in response.context["behind"]}
    assert behind == {row.indicator.code for row in rows if row.is_behind}


def test_the_dashboard_lists_the_overdue_follow_ups(head_client):
    page = head_client.get(DASHBOARD, {"tahun": 2025, "tw": 4}).content.decode()
    overdue = _section(page, 'id="tindak-lanjut-terlambat"')
    assert OVERDUE in overdue
    assert IN_PROGRESS not in overdue  # due at the end of 2026


def test_the_dashboard_shows_the_earliest_due_and_counts_the_rest(head_client):
    _more(20)  # all due 1 November 2025, after the demo's overdue one of 31 October
    page = head_client.get(DASHBOARD, {"tahun": 2025, "tw": 4}).content.decode()
    graduations = _section(page, 'id="yang-sedang-dilakukan"').split('data-behind="mikro-naik-kelas"')[1]
    graduations = graduations.split("</article>")[0]
    assert OVERDUE in graduations and graduations.count("Tambahan ") == 2
    assert "dan 18 tindak lanjut lain yang belum selesai" in graduations
    overdue = _section(page, 'id="tindak-lanjut-terlambat"')
    assert "Tindak lanjut lewat batas waktu (21)" in overdue
    assert "10 yang paling lama lewat batas waktu:" in overdue
    assert OVERDUE in overdue and overdue.count("<li data-follow-up=") == 10


@pytest.mark.parametrize("extra", [1, 20])
def test_the_dashboard_takes_no_more_queries_for_more_follow_ups(
    head_client, django_assert_num_queries, extra
):
    _more(extra)
    # session, user, data version, latest period, bureaus, indicators, targets, realizations of this
    # year and the last, the cumulative indicators' totals of earlier years, the unfinished
    # follow-ups, the latest kendala of the indicators behind their path
    with django_assert_num_queries(11):
        page = head_client.get(DASHBOARD).content.decode()
    assert "Tambahan 0" in page


def _earlier_follow_ups(client, quarter):
    response = client.get(reverse("reports:summary_pdf"), {"tahun": 2025, "tw": quarter})
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    return text.split("Tindak lanjut rapat sebelumnya")[1].split("Bidang ")[0]


def test_the_pdf_asks_what_became_of_the_earlier_meetings_follow_ups(client, demo):
    client.force_login(User.objects.get(username="kadis"))
    # At TW III: the TW II meeting's follow-up, done, with what became of it.
    section = _earlier_follow_ups(client, 3)
    assert "Bimbingan teknis pendataan" in section
    assert "Kabid Pemberdayaan Usaha Kecil" in section and "selesai" in section
    assert "Bimtek diikuti 14 kabupaten/kota pada Agustus 2025." in section
    # At TW IV: the TW III meeting's follow-ups; one not started and past its due date, one dropped with
    # its reason, one in progress with its latest report.
    section = _earlier_follow_ups(client, 4)
    assert "Kasi Pemberdayaan Usaha Mikro" in section and "lewat batas waktu" in section
    assert "BPS merilis data pelaku usaha per kabupaten sendiri" in section
    assert "Temu bisnis pertama dengan dua offtaker sawit terlaksana November." in section
    # Closed before TW III and agreed before the last meeting: no longer asked about.
    assert "Bimbingan teknis pendataan" not in section


def test_the_export_joins_every_follow_up_agreed_in_a_quarter(head_client):
    staff = User.objects.get(username="staf.usahakecil")
    indicator = Indicator.objects.get(code="mikro-naik-kelas")
    followups.create(
        staff,
        indicator,
        2025,
        3,
        action="Rapat koordinasi.",
        pic="Kasi Mikro",
        due_date=datetime.date(2025, 12, 1),
    )
    response = head_client.get(reverse("reports:bureau", args=["usaha-kecil"]), {"_export": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    record = dict(zip(table[0], table[[r[0] for r in table].index("mikro-naik-kelas")], strict=True))
    assert record["Tindak lanjut TW III"] == (
        "Verifikasi bersama dinas kabupaten dan pendamping KUMKM pada awal TW IV. "
        "(Kasi Pemberdayaan Usaha Mikro, 31-10-2025, belum dimulai); "
        f"Rapat koordinasi. (Kasi Mikro, 01-12-2025, {FollowUpStatus.OPEN.label})"
    )
