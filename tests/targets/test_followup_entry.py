"""The entry form's follow-ups: agreeing new ones under each row, and reporting on earlier ones."""

import datetime

import pytest

from targets.choices import FollowUpStatus
from targets.models import FollowUp, FollowUpReport, Realization
from tests.targets.conftest import entry_data, entry_url

PRODUCTION = "volume-usaha-produksi"
# The demo's follow-up of 2025 TW III on the production volume, still in progress in 2026.
CARRIED = "Pendampingan akses pasar dan temu bisnis dengan offtaker pada triwulan IV."


@pytest.fixture
def staff(demo, log_in_as):
    return log_in_as("staf.koperasi")


@pytest.fixture
def carried(demo):
    return FollowUp.objects.get(action=CARRIED)


def test_the_form_lists_the_earlier_unfinished_follow_ups_of_the_bureau(staff, carried):
    page = staff.get(entry_url()).content.decode()
    assert "Tindak lanjut triwulan sebelumnya" in page
    assert CARRIED in page and f'name="tl-{carried.pk}-status"' in page
    # Another bureau's follow-up is not this bureau's to report on.
    assert "Verifikasi bersama dinas kabupaten" not in page


def test_a_follow_up_typed_under_a_row_is_saved_with_the_quarters_kendala(staff):
    fields = {
        "value": "60.000.000.000",
        "kendala": "Harga karet turun.",
        "tl-action": "Temu bisnis dengan offtaker karet.",
        "tl-pic": "Kabid Koperasi",
        "tl-due_date": "2026-06-30",
    }
    response = staff.post(entry_url(), entry_data({PRODUCTION: fields}))
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(year=2026, quarter=1)
    assert (follow_up.indicator.code, follow_up.kendala, follow_up.pic) == (
        PRODUCTION,
        "Harga karet turun.",
        "Kabid Koperasi",
    )
    assert follow_up.due_date == datetime.date(2026, 6, 30) and follow_up.status == FollowUpStatus.OPEN
    page = staff.get(entry_url()).content.decode()
    assert "Temu bisnis dengan offtaker karet." in page


def test_a_follow_up_without_its_pic_is_refused_beside_the_field_and_nothing_typed_is_lost(staff):
    fields = {
        "value": "60.000.000.000",
        "tl-action": "Temu bisnis yang diketik.",
        "tl-due_date": "2026-06-30",
    }
    response = staff.post(entry_url(), entry_data({PRODUCTION: fields}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tuliskan penanggung jawabnya (PIC)." in page
    assert "Temu bisnis yang diketik." in page and 'value="2026-06-30"' in page
    assert 'value="60.000.000.000"' in page
    # Nothing is saved: neither the follow-up nor the figure typed with it.
    assert not FollowUp.objects.filter(year=2026).exists()
    assert not Realization.objects.filter(year=2026).exists()


def test_reporting_on_an_earlier_follow_up_records_the_quarters_report_and_its_new_status(staff, carried):
    data = entry_data({}) | {
        f"tl-{carried.pk}-status": "done",
        f"tl-{carried.pk}-note": "Kontrak dengan offtaker.",
    }
    response = staff.post(entry_url(), data, follow=True)
    assert "Tersimpan sebagai draf." in response.content.decode()
    report = FollowUpReport.objects.get(follow_up=carried, year=2026, quarter=1)
    assert (report.status, report.note, report.reported_by.username) == (
        "done",
        "Kontrak dengan offtaker.",
        "staf.koperasi",
    )
    carried.refresh_from_db()
    assert carried.status == FollowUpStatus.DONE
    # Closed by this quarter's report, it stays on this quarter's form with what was reported.
    page = staff.get(entry_url()).content.decode()
    assert "Kontrak dengan offtaker." in page


def test_dropping_an_earlier_follow_up_without_a_reason_is_refused(staff, carried):
    data = entry_data({}) | {f"tl-{carried.pk}-status": "dropped", f"tl-{carried.pk}-note": ""}
    page = staff.post(entry_url(), data).content.decode()
    assert "Tuliskan alasan tindak lanjut ini dibatalkan." in page
    assert 'value="dropped" selected' in page
    carried.refresh_from_db()
    assert carried.status == FollowUpStatus.IN_PROGRESS
    assert not FollowUpReport.objects.filter(year=2026).exists()


def test_a_follow_up_left_as_it_was_gets_no_report(staff, carried):
    data = entry_data({}) | {f"tl-{carried.pk}-status": carried.status, f"tl-{carried.pk}-note": ""}
    staff.post(entry_url(), data)
    assert not FollowUpReport.objects.filter(year=2026).exists()
