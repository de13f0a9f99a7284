"""The worklist: each role lands on what it must act on, across years, with due dates."""

import datetime
import re

import pytest
from django.urls import reverse

from targets.choices import Aggregation, Role, Status, Step, Unit
from targets.models import Bureau, Indicator, Realization, Target, User, WorkflowStep
from targets.workflow import submit
from tests.targets.conftest import entry_data, entry_url

URL = reverse("targets:worklist")
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _today(today):
    today(TODAY)


def section(page, anchor):
    """The periods ("2025-3") listed in one section of the page, in order."""
    match = re.search(rf'<section[^>]*id="{anchor}">(.*?)</section>', page, flags=re.S)
    return re.findall(r'data-period="(\d+-\d)"', match.group(1)) if match else []


def test_staff_find_the_returned_quarter_of_last_year_with_the_heads_reason(demo, log_in_as):
    page = log_in_as("staf.usahakecil").get(URL).content.decode()
    assert section(page, "dikembalikan") == ["2025-3"]
    assert "Angka TW III belum disertai daftar nama usaha yang naik kelas." in page
    assert entry_url("usaha-kecil", 2025, 3) in page


def test_staff_see_the_ended_quarters_not_yet_submitted_as_late_and_the_running_one_to_fill(demo, log_in_as):
    page = log_in_as("staf.koperasi").get(URL).content.decode()
    # 2025 TW IV was submitted; 2026 TW I–III are past their due dates; TW IV is still running.
    assert section(page, "terlambat") == ["2026-1", "2026-2", "2026-3"]
    assert section(page, "perlu-diisi") == ["2026-4"]
    assert "triwulan belum berakhir" in page
    assert 'data-due="2027-01-18"' in page
    # Only their own bureau's quarters.
    assert 'data-bureau="usaha-kecil"' not in page


def test_a_quarter_close_to_its_due_date_is_marked_due_soon(demo, log_in_as, today):
    today(datetime.date(2026, 10, 9))  # TW III is due on 14 October: three working days left
    page = log_in_as("staf.koperasi").get(URL).content.decode()
    assert "2026-3" in section(page, "perlu-diisi")
    assert 'class="due due-soon" data-due="2026-10-14"' in page
    assert "3 hari kerja lagi" in page


def test_submitting_takes_the_quarter_off_the_staff_worklist(demo, log_in_as):
    client = log_in_as("staf.koperasi")
    values = {"volume-usaha-produksi": "50.000.000.000", "volume-usaha-koperasi": "530.000.000.000"}
    response = client.post(
        entry_url("koperasi", 2026, 1), entry_data(values, "koperasi", 2026, 1, button="submit"), follow=True
    )
    assert "Triwulan ini telah diajukan kepada Kepala Dinas." in response.content.decode()
    page = client.get(URL).content.decode()
    assert section(page, "terlambat") == ["2026-2", "2026-3"]


def test_the_head_sees_the_quarters_waiting_for_approval_oldest_first_each_one_click_away(demo, log_in_as):
    staff = User.objects.get(username="staf.koperasi")
    for code in ("volume-usaha-produksi", "volume-usaha-koperasi"):
        Realization.objects.create(
            indicator=Indicator.objects.get(code=code), year=2026, quarter=1, value=1, updated_by=staff
        )
    submit(Bureau.objects.get(code="koperasi"), 2026, 1, staff)
    page = log_in_as("kadis").get(URL).content.decode()
    assert section(page, "menunggu-persetujuan") == ["2025-4", "2025-4", "2026-1"]
    awaiting = page.split('id="menunggu-persetujuan"')[1].split("</section>")[0]
    assert awaiting.index('data-bureau="koperasi" data-period="2025-4"') < awaiting.index(
        'data-bureau="usaha-kecil" data-period="2025-4"'
    )
    assert entry_url("koperasi", 2026, 1) in awaiting
    assert "Diajukan" in awaiting


def test_the_head_sees_the_late_bureaus(demo, log_in_as):
    page = log_in_as("kadis").get(URL).content.decode()
    late = page.split('id="bidang-terlambat"')[1].split("</section>")[0]
    for code in ("kelembagaan", "koperasi", "usaha-kecil", "program"):
        assert f'<li class="late-bureau" data-bureau="{code}">' in late
    assert "terlambat 32 hari kerja" in late


def test_planners_see_the_missing_quarters_and_the_indicators_without_next_years_target(demo, log_in_as):
    Target.objects.create(indicator=Indicator.objects.get(code="wirausaha-baru"), year=2027, value=3000)
    page = log_in_as("perencana").get(URL).content.decode()
    missing = section(page, "belum-diajukan")
    assert "2025-3" in missing and "2026-3" in missing
    assert "2026-4" not in missing
    untargeted = re.findall(r'data-indicator="([\w-]+)"', page)
    assert "koperasi-produsen" in untargeted and "wirausaha-baru" not in untargeted
    assert "pdrb-adhb" not in untargeted  # supporting series have no target
    assert "Indikator tanpa target tahun 2027" in page


def test_every_role_lands_on_the_worklist_after_logging_in(client, demo):
    response = client.post(
        reverse("login") + "?next=/", {"username": "kadis", "password": "kaltengkop-demo", "next": "/"}
    )
    assert response.url == URL
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_a_page_asked_for_before_logging_in_is_still_where_the_login_leads(client, demo):
    bureau_page = reverse("reports:bureau", args=["koperasi"])
    response = client.post(
        reverse("login"), {"username": "kadis", "password": "kaltengkop-demo", "next": bureau_page}
    )
    assert response.url == bureau_page


def test_the_header_links_to_the_worklist_and_its_count_comes_from_the_count_url(demo, log_in_as):
    client = log_in_as("staf.koperasi")
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{URL}"' in page
    assert reverse("targets:worklist_count") in page
    assert client.get(reverse("targets:worklist_count")).json() == {"count": 4}


def test_the_count_is_shown_on_the_worklist_itself(demo, log_in_as):
    page = log_in_as("staf.koperasi").get(URL).content.decode()
    assert re.search(r'class="worklist-count"[^>]*>4</span>', page)


def _grow(years, bureaus):
    """More years of figures, steps and bureaus, to show that the worklist's queries do not grow."""
    staff = User.objects.get(username="staf.koperasi")
    for i in range(bureaus):
        bureau = Bureau.objects.create(code=f"bidang-{i}", name=f"Bidang {i}", order=10 + i)
        Indicator.objects.create(
            code=f"seri-{i}", name=f"Seri {i}", bureau=bureau, unit=Unit.UNIT, aggregation=Aggregation.SUM
        )
        User.objects.create_user(f"staf-{i}", role=Role.STAFF, bureau=bureau)
    for year in range(2026 - years, 2025):
        for indicator in Indicator.objects.exclude(aggregation=Aggregation.RATIO):
            Target.objects.get_or_create(indicator=indicator, year=year, defaults={"value": 10})
            for quarter in (1, 2, 3, 4):
                Realization.objects.create(
                    indicator=indicator, year=year, quarter=quarter, value=1, status=Status.RETURNED
                )
        for bureau in Bureau.objects.all():
            for quarter in (1, 2, 3, 4):
                WorkflowStep.objects.create(
                    bureau=bureau, year=year, quarter=quarter, action=Step.RETURN, actor=staff, reason="x"
                )


@pytest.mark.parametrize(("years", "bureaus"), [(0, 0), (3, 5)])
@pytest.mark.parametrize(("username", "queries"), [("staf.koperasi", 9), ("kadis", 11), ("perencana", 9)])
def test_the_worklist_reads_its_data_in_a_fixed_number_of_queries(
    demo, log_in_as, django_assert_num_queries, username, queries, years, bureaus
):
    _grow(years, bureaus)
    client = log_in_as(username)
    # session, user, the bureaus (with whether each enters series), the first year with a target,
    # the realizations' states, the workflow log, the planners' due dates; for the planners, the
    # indicators without next year's target; the follow-ups past their due date; for staff, the regency
    # figures waiting for their review; for the head, the series reported by region of the bureaus
    # awaiting approval, the regencies and their accepted figures
    with django_assert_num_queries(queries):
        response = client.get(URL)
    assert response.status_code == 200


def test_the_worklist_speaks_english_once_english_is_chosen(demo, log_in_as):
    client = log_in_as("staf.usahakecil")
    client.cookies["django_language"] = "en"
    page = client.get(URL).content.decode()
    assert "Returned for correction" in page
    assert "working days late" in page
