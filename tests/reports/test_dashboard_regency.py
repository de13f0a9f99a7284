"""The dashboard filtered by kabupaten/kota (`?wilayah=`)."""

import html
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from targets import regional_entry
from targets.choices import Aggregation, RegionalStatus, Status, Unit
from targets.models import Indicator, Realization, RegionalRealization, Target, User
from tests.reports.test_regency_table import add_another_province, report, set_targets


@pytest.fixture
def indicators(bureau):
    """Cooperatives reported by regency, beside business volume that only the province reports."""
    cooperatives = Indicator.objects.create(
        code="koperasi-aktif",
        name="Jumlah koperasi aktif",
        bureau=bureau,
        unit=Unit.UNIT,
        aggregation=Aggregation.LEVEL,
        by_region=True,
    )
    volume = Indicator.objects.create(
        code="volume-usaha",
        name="Volume usaha koperasi",
        bureau=bureau,
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
    )
    Target.objects.create(indicator=cooperatives, year=2026, value=D(2000))
    Target.objects.create(indicator=volume, year=2026, value=D(400_000_000_000))
    Realization.objects.create(
        indicator=volume, year=2026, quarter=1, value=D(90_000_000_000), status=Status.APPROVED
    )
    report(cooperatives, {"62.71": 180, "62.01": 100})
    report(cooperatives, {"62.12": 40}, status=RegionalStatus.SUBMITTED)
    set_targets(cooperatives, {"62.71": 200})
    return cooperatives, volume


def dashboard(client, **params):
    return client.get(reverse("reports:dashboard"), {"tahun": 2026, "tw": 1, **params})


def row_text(page, code):
    match = re.search(rf'<tr data-indicator="{re.escape(code)}"[^>]*>(.*?)</tr>', page, re.S)
    assert match, code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def test_a_regency_shows_its_own_figure_target_achievement_and_category(client, head, indicators):
    client.force_login(head)
    page = dashboard(client, wilayah="62.71").content.decode()
    assert "Kota Palangka Raya" in re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert row_text(page, "koperasi-aktif") == "Jumlah koperasi aktif 180 200 90,00% Tinggi melapor"


def test_a_regency_without_its_own_target_shows_its_figure_without_an_achievement(client, head, indicators):
    client.force_login(head)
    page = dashboard(client, wilayah="62.01").content.decode()
    assert row_text(page, "koperasi-aktif") == "Jumlah koperasi aktif 100 – – belum ada data melapor"


def test_a_regency_that_has_not_reported_says_so(client, head, indicators):
    client.force_login(head)
    assert row_text(dashboard(client, wilayah="62.13").content.decode(), "koperasi-aktif").endswith(
        "belum melapor"
    )
    # Submitted but not yet accepted by the bureau: not counted, and said.
    assert row_text(dashboard(client, wilayah="62.12").content.decode(), "koperasi-aktif") == (
        "Jumlah koperasi aktif – – – belum ada data menunggu pemeriksaan bidang"
    )


def test_indicators_only_the_province_reports_are_listed_apart(client, head, indicators):
    client.force_login(head)
    page = dashboard(client, wilayah="62.71").content.decode()
    regency_part, province_part = page.split("Hanya tingkat provinsi", 1)
    assert 'data-indicator="volume-usaha"' not in regency_part
    assert 'data-indicator="koperasi-aktif"' not in province_part
    assert "Rp 90 miliar" in row_text(province_part, "volume-usaha")


def test_without_a_regency_the_province_figures_are_shown(client, head, indicators):
    client.force_login(head)
    page = dashboard(client).content.decode()
    assert "Hanya tingkat provinsi" not in page
    assert '<option value="62.71">Kota Palangka Raya</option>' in page
    assert "Rp 90 miliar" in row_text(page, "volume-usaha")


@pytest.mark.parametrize("code", ["99.99", "62", "x" * 300, "62.71'; DROP TABLE x;--", "62.71\n"])
def test_an_unknown_or_malformed_regency_is_said_and_the_province_shown(client, head, indicators, code):
    client.force_login(head)
    response = dashboard(client, wilayah=code)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kabupaten/kota yang diminta tidak dikenal; angka provinsi ditampilkan." in page
    assert 'aria-describedby="wilayah-error"' in page
    assert "Rp 90 miliar" in row_text(page, "volume-usaha")


def test_a_null_byte_in_the_regency_is_refused(client, head, indicators):
    client.force_login(head)
    assert dashboard(client, wilayah="62.71\x00").status_code == 400


def test_the_bureau_filter_still_applies_with_a_regency(client, head, indicators, other_bureau):
    client.force_login(head)
    page = dashboard(client, wilayah="62.71", bidang=other_bureau.code).content.decode()
    assert 'data-indicator="koperasi-aktif"' not in page
    assert "Belum ada indikator yang dilaporkan per kabupaten/kota untuk pilihan ini." in page


def test_the_regency_dashboard_reads_in_english(client, head, indicators):
    client.force_login(head)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = dashboard(client, wilayah="62.71").content.decode()
    assert "Province level only" in page
    assert row_text(page, "koperasi-aktif") == "Jumlah koperasi aktif 180 200 90.00% High reported"
    page = html.unescape(dashboard(client, wilayah="nowhere").content.decode())
    assert "The regency asked for is not known; the province's figures are shown." in page


def test_a_meetings_figures_are_not_filtered_by_regency(client, recorded_meeting):
    client.force_login(User.objects.get(username="kadis"))
    page = client.get(reverse("reports:dashboard"), {"rapat": recorded_meeting.pk, "wilayah": "62.71"})
    page = page.content.decode()
    assert 'name="wilayah"' not in page
    assert "Angka rapat hanya memuat angka provinsi; pilihan kabupaten/kota tidak berlaku di sini." in page
    assert "Hanya tingkat provinsi" not in page


def test_a_regencys_dashboard_reads_in_a_fixed_number_of_queries(head_client, django_assert_num_queries):
    url = reverse("reports:dashboard") + "?tahun=2025&tw=4&wilayah=62.71"
    # session, user, data version, indicators, targets, realizations of this year and the last, the
    # cumulative indicators' totals of earlier years, bureaus, the regencies, and the chosen regency's
    # figures and its targets
    with django_assert_num_queries(11):
        response = head_client.get(url)
    assert len(response.context["regency_rows"]) == 2

    add_another_province()
    with django_assert_num_queries(11):
        response = head_client.get(url)
    assert len(response.context["regency_filter"].choices) == 1 + 28


def test_a_figure_the_bureau_accepts_shows_on_the_regencys_next_dashboard(client, head, staff, indicators):
    # The bureau's quarter still open, so that its regency figures may be reviewed.
    Realization.objects.filter(year=2026, quarter=1).update(status=Status.DRAFT)
    client.force_login(head)
    waiting = "Jumlah koperasi aktif – – – belum ada data menunggu pemeriksaan bidang"
    assert row_text(dashboard(client, wilayah="62.12").content.decode(), "koperasi-aktif") == waiting
    figure = RegionalRealization.objects.get(region__code="62.12", year=2026, quarter=1)
    regional_entry.accept(staff, staff.bureau, 2026, 1, [regional_entry.Decision(figure.pk, figure.version)])
    assert row_text(dashboard(client, wilayah="62.12").content.decode(), "koperasi-aktif").startswith(
        "Jumlah koperasi aktif 40 "
    )
