import io
from contextlib import nullcontext

import pytest
from django.core.management import call_command

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
