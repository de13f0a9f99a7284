import io
from contextlib import nullcontext

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.management.commands import bench


@pytest.fixture
def in_this_database(monkeypatch):
    """Run the data sets in the test database instead of creating temporary ones."""
    monkeypatch.setattr(bench, "temporary_database", nullcontext)


def test_bench_times_every_page_against_base_html_for_both_data_sets(db, in_this_database):
    out = io.StringIO()
    call_command("bench", repeat=1, indicators=12, years=2, imports=False, stdout=out)
    report = out.getvalue()
    assert "8 indikator (data demo Rakortek 2025)" in report
    assert "12 indikator sintetis, 2 tahun × 4 triwulan" in report
    for page in ["base.html", *(page.label for page in bench.PAGES)]:
        assert report.count(f"  {page} ") == 2, page
    base_lines = [line.split() for line in report.splitlines() if line.strip().startswith("base.html")]
    assert all(words[-1] == "1.0" for words in base_lines)
    # The summary PDF built once more per data set, all bureaus and one, each step timed.
    steps = [line for line in report.splitlines() if "langkah demi langkah" in line]
    assert len(steps) == 4
    assert all("tata letak" in line and "ms/halaman" in line for line in steps)
    assert report.count("RSS maksimum proses sejauh ini") == 2


def test_a_page_is_added_to_the_bench_with_one_line(db, in_this_database, monkeypatch):
    monkeypatch.setattr(
        bench, "PAGES", [*bench.PAGES, bench.TimedPage("Dasbor TW I", "reports:dashboard", query={"tw": 1})]
    )
    out = io.StringIO()
    call_command("bench", repeat=1, indicators=4, years=1, imports=False, stdout=out)
    assert out.getvalue().count("Dasbor TW I") == 2


def test_the_synthetic_set_has_every_kind_of_indicator(db):
    from reports import synthetic
    from targets.choices import Aggregation
    from targets.models import Realization, Target

    indicators = synthetic.build(8, first_year=2020, years=3)
    assert {i.aggregation for i in indicators} == set(Aggregation)
    assert Target.objects.count() == 8 * 3
    # Ratio indicators take their figures from the two supporting series.
    assert Realization.objects.filter(indicator__is_supporting=False).count() == 6 * 3 * 4
    assert Realization.objects.filter(indicator__is_supporting=True).count() == 2 * 3 * 4


def test_bench_import_shows_both_dangerous_files_refused_with_time_and_memory(settings):
    settings.IMPORT_MAX_UNPACKED_MB = 2
    settings.IMPORT_MAX_ROWS = 100
    out = io.StringIO()
    call_command("bench_import", xlsx_mb=3, rows=1000, stdout=out)
    report = out.getvalue()
    assert "Isi berkas XLSX terlalu besar setelah dibuka (3 MB; batasnya 2 MB)." in report
    assert "Berkas terlalu panjang: paling banyak 100 baris." in report
    assert report.count("puncak memori Python") == 3
    assert report.count("Berkas terlalu panjang") == 2  # the CSV, and the XLSX just under the unpacked cap
    assert "tidak ditolak" not in report


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_national_pages_read_the_same_queries_however_many_regencies_report(db, client):
    from reports import synthetic
    from targets.choices import Aggregation, RegionKind, Role
    from targets.models import Indicator, Region, User

    # One indicator in five is reported by region: the third of them is cumulative.
    samples, written = bench.national_data(indicators=15, years=2, provinces=2, regencies=3)
    assert written > 0
    cumulative = Indicator.objects.get(code=samples["cumulative_by_region"])
    assert cumulative.by_region and cumulative.aggregation == Aggregation.CUMULATIVE
    client.force_login(User.objects.create(username="kepala.nasional", role=Role.HEAD))
    urls = [
        reverse("reports:dashboard"),
        reverse("reports:bureau", args=[samples["bureau"]]),
        reverse("reports:indicator", args=[samples["by_region"]]),
        reverse("reports:bureau_regencies", args=[samples["bureau"]]),
        reverse("reports:indicator", args=[samples["cumulative_by_region"]]),
        reverse("reports:bureau_regencies", args=[samples["cumulative_bureau"]]),
    ]
    # Every page the bench times nationally is among these.
    assert {(page.url_name, page.sample) for page in bench.NATIONAL_PAGES} <= {
        ("reports:dashboard", None),
        ("reports:bureau", "bureau"),
        ("reports:indicator", "by_region"),
        ("reports:bureau_regencies", "bureau"),
        ("reports:indicator", "cumulative_by_region"),
        ("reports:bureau_regencies", "cumulative_bureau"),
    }
    before = [_query_count(client, url) for url in urls]

    known = set(Region.objects.values_list("pk", flat=True))
    regencies = synthetic.national_tree(provinces=5, regencies=6)
    added = [region for region in regencies if region.pk not in known]
    synthetic.regional_figures(list(Indicator.objects.filter(by_region=True)), added, 2016, 2)

    assert Region.objects.filter(kind=RegionKind.PROVINCE, code__in=synthetic.PROVINCE_CODES[:5]).count() == 5
    assert len(added) > 15
    assert [_query_count(client, url) for url in urls] == before
    assert added[-1].name in client.get(urls[2]).content.decode()


def test_the_national_tree_has_kemendagri_codes_and_about_the_regencies_asked(db):
    from reports import synthetic
    from targets.choices import RegionKind
    from targets.models import Region

    regencies = synthetic.national_tree(provinces=38, regencies=14)
    provinces = Region.objects.filter(kind=RegionKind.PROVINCE)
    assert provinces.count() == 38
    assert all(len(code) == 2 and code.isdigit() for code in provinces.values_list("code", flat=True))
    assert all(
        region.code.startswith(f"{region.parent.code}.") and len(region.code) == 5 for region in regencies
    )
    assert 13 * 38 <= len(regencies) <= 15 * 38
    assert any(region.kind == RegionKind.CITY for region in regencies)
