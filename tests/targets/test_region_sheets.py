"""The region column of the bureau sheet, the bureau import's handling of regency rows and derived
province figures, and the regency operator's own export and import."""

import io
from decimal import Decimal as D

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from targets import sheet
from targets.choices import Aggregation, RegionalStatus, RegionKind
from targets.models import Indicator, Realization, Region, RegionalRealization
from tests.targets.test_import_safety import _zip_bomb

BUREAU = "usaha-kecil"
IMPORT_URL = reverse("targets:import", args=[BUREAU])
REGION_IMPORT_URL = reverse("targets:region_import", args=["62.71"])
REGION_EXPORT_URL = reverse("targets:region_export", args=["62.71"])


@pytest.fixture
def staff(demo, log_in_as):
    return log_in_as("staf.usahakecil")


@pytest.fixture
def operator(demo, log_in_as):
    return log_in_as("operator.palangkaraya")


def csv_upload(rows, headers=sheet.HEADERS, name="sheet.csv"):
    data = tablib.Dataset(*rows, headers=list(headers))
    return SimpleUploadedFile(name, data.export("csv").encode())


def row(code, year, *quarters, region="", headers=sheet.HEADERS):
    cells = {sheet.CODE: code, sheet.YEAR: year, sheet.REGION_CODE: region}
    cells.update({sheet.QUARTER_COLUMNS[q]: v for q, v in enumerate(quarters, start=1)})
    return [cells.get(header, "") for header in headers]


def export_rows(client, kind="csv"):
    response = client.get(reverse("reports:bureau", args=[BUREAU]), {"tahun": 2025, "tw": 4, "_export": kind})
    if kind == "csv":
        return list(tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv").dict)
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.iter_rows(values_only=True))
    return [dict(zip(rows[0], cells, strict=True)) for cells in rows[1:]]


def regional_figures():
    return set(
        RegionalRealization.objects.values_list("indicator__code", "region__code", "year", "quarter", "value")
    )


def province_figures():
    return set(Realization.objects.values_list("indicator__code", "year", "quarter", "value", "status"))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_export_carries_the_province_code_and_a_row_per_regency_of_a_series_reported_by_region(
    staff, kind
):
    rows = export_rows(staff, kind)
    regencies = list(Region.objects.exclude(kind=RegionKind.PROVINCE))
    province = [r for r in rows if r[sheet.REGION_CODE] == "62"]
    assert {r[sheet.REGION] for r in province} == {"Kalimantan Tengah"}
    by_region = [r for r in rows if r[sheet.CODE] == "wirausaha-baru" and r[sheet.REGION_CODE] != "62"]
    assert [r[sheet.REGION_CODE] for r in by_region] == [region.code for region in regencies]
    stored = RegionalRealization.objects.get(
        indicator__code="wirausaha-baru", region__code="62.71", year=2025, quarter=1
    )
    palangka_raya = next(r for r in by_region if r[sheet.REGION_CODE] == "62.71")
    assert palangka_raya[sheet.REGION] == "Kota Palangka Raya"
    assert D(str(palangka_raya[sheet.QUARTER_COLUMNS[1]])) == stored.value
    assert palangka_raya[sheet.STATUS_COLUMNS[1]] == "diterima"
    # Series not reported by region have only their province row.
    assert {r[sheet.REGION_CODE] for r in rows if r[sheet.CODE] == "mikro-naik-kelas"} == {"62"}


def test_the_export_neutralises_a_regency_name_that_a_spreadsheet_would_run(staff):
    Region.objects.filter(code="62.71").update(name="=HYPERLINK(1)")
    rows = export_rows(staff, "csv")
    assert "'=HYPERLINK(1)" in {r[sheet.REGION] for r in rows}
    cells = {r[sheet.REGION] for r in export_rows(staff, "xlsx")}
    assert "=HYPERLINK(1)" in cells


def test_the_bureau_import_skips_regency_rows_and_says_how_many(staff):
    before = regional_figures()
    response = staff.post(
        IMPORT_URL,
        {
            "sheet": csv_upload(
                [
                    row("mikro-naik-kelas", 2026, 125, region="62"),
                    row("wirausaha-baru", 2026, 9, region="62.71"),
                ]
            )
        },
        follow=True,
    )
    page = response.content.decode()
    assert "1 baris kabupaten/kota dilewati: diisi oleh operator kabupaten/kota" in page
    assert Realization.objects.get(indicator__code="mikro-naik-kelas", year=2026, quarter=1).value == D(125)
    assert regional_figures() == before


def test_a_file_without_the_region_column_is_read_as_province_rows(staff):
    old_headers = [h for h in sheet.HEADERS if h not in (sheet.REGION_CODE, sheet.REGION)]
    response = staff.post(
        IMPORT_URL,
        {"sheet": csv_upload([row("mikro-naik-kelas", 2026, 126, headers=old_headers)], old_headers)},
        follow=True,
    )
    assert "Impor selesai" in response.content.decode()
    assert Realization.objects.get(indicator__code="mikro-naik-kelas", year=2026, quarter=1).value == D(126)


def test_a_changed_province_figure_of_a_derived_series_is_refused(staff):
    before = province_figures()
    response = staff.post(IMPORT_URL, {"sheet": csv_upload([row("wirausaha-baru", 2026, 999, region="62")])})
    page = response.content.decode()
    assert "angka provinsi dihitung dari kabupaten/kota" in page
    assert province_figures() == before


def test_an_unknown_region_code_is_refused(staff):
    before = province_figures()
    response = staff.post(
        IMPORT_URL, {"sheet": csv_upload([row("mikro-naik-kelas", 2026, 5, region="99.99")])}
    )
    assert "Kode wilayah 99.99 tidak dikenal" in response.content.decode()
    assert province_figures() == before


def test_the_operator_exports_their_regency_and_imports_it_back_unchanged(operator):
    before = regional_figures()
    response = operator.get(REGION_EXPORT_URL, {"tahun": 2025})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == sheet.HEADERS
    assert {cells[sheet.HEADERS.index(sheet.REGION_CODE)] for cells in rows[1:]} == {"62.71"}
    response = operator.post(
        REGION_IMPORT_URL, {"sheet": SimpleUploadedFile("62.71.xlsx", response.content)}, follow=True
    )
    assert "Impor selesai: 0 angka disimpan sebagai draf" in response.content.decode()
    assert regional_figures() == before


def test_the_operators_import_writes_drafts_that_show_on_the_entry_page(operator):
    response = operator.post(
        REGION_IMPORT_URL,
        {"sheet": csv_upload([row("wirausaha-baru", 2026, 17, 23, region="62.71")])},
        follow=True,
    )
    assert "Impor selesai: 2 angka disimpan sebagai draf" in response.content.decode()
    stored = RegionalRealization.objects.get(
        indicator__code="wirausaha-baru", region__code="62.71", year=2026, quarter=2
    )
    assert (stored.value, stored.status) == (D(23), RegionalStatus.DRAFT)
    page = operator.get(reverse("targets:region_entry", args=["62.71", 2026, 2])).content.decode()
    assert 'value="23"' in page


def test_rows_of_other_regions_are_refused_with_their_lines_and_nothing_is_saved(operator):
    before = regional_figures()
    rows = [
        row("wirausaha-baru", 2026, 17, region="62.71"),
        row("wirausaha-baru", 2026, 4, region="62.01"),
        row("wirausaha-baru", 2026, 4, region="62"),
        row("mikro-naik-kelas", 2026, 4, region="62.71"),
    ]
    response = operator.post(REGION_IMPORT_URL, {"sheet": csv_upload(rows)})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-line="3"' in page and 'data-line="4"' in page and 'data-line="5"' in page
    assert 'data-line="2"' not in page
    assert "Baris wilayah 62.01, bukan Kota Palangka Raya" in page
    assert "Kode mikro-naik-kelas tidak dilaporkan per kabupaten/kota" in page
    assert "Tidak ada yang disimpan" in page
    assert regional_figures() == before


def test_a_locked_figure_is_refused_next_to_the_file_field(operator):
    # The demo's 2025 province figures are approved by the head, so the regency figures are closed.
    before = regional_figures()
    response = operator.post(
        REGION_IMPORT_URL, {"sheet": csv_upload([row("wirausaha-baru", 2025, 1, region="62.71")])}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "sudah disetujui Kepala Dinas" in page and "field-error" in page
    assert regional_figures() == before


@pytest.mark.parametrize(
    "name,content",
    [
        ("bom.xlsx", b"PK\x03\x04 not really a zip"),
        ("binary.csv", b"\x00\x01\x02"),
        ("other.csv", b"a,b,c\n1,2,3\n"),
    ],
)
def test_a_hostile_or_foreign_file_is_refused_next_to_the_field_and_saves_nothing(operator, name, content):
    before = regional_figures()
    response = operator.post(REGION_IMPORT_URL, {"sheet": SimpleUploadedFile(name, content)})
    page = response.content.decode()
    assert 'class="field-error"' in page
    assert regional_figures() == before


def test_the_row_cap_applies_to_the_operators_import(operator, settings):
    settings.IMPORT_MAX_ROWS = 2
    before = regional_figures()
    rows = [row("wirausaha-baru", year, 1, region="62.71") for year in (2024, 2025, 2026)]
    response = operator.post(REGION_IMPORT_URL, {"sheet": csv_upload(rows)})
    assert "Berkas terlalu panjang" in response.content.decode()
    assert regional_figures() == before


@pytest.mark.parametrize("username", ["staf.usahakecil", "kadis", "perencana"])
def test_only_the_regencys_operator_opens_its_import_and_export(client, demo, log_in_as, username):
    other = log_in_as(username)
    assert other.get(REGION_IMPORT_URL).status_code == 403
    assert other.get(REGION_EXPORT_URL).status_code == 403


def test_the_entry_page_links_to_the_import_and_the_export(operator):
    page = operator.get(reverse("targets:region_entry", args=["62.71", 2026, 1])).content.decode()
    assert f'href="{REGION_IMPORT_URL}"' in page
    assert f'href="{REGION_EXPORT_URL}?tahun=2026"' in page


def test_the_operators_pages_read_in_a_fixed_number_of_queries(operator, django_assert_num_queries):
    # session, user, the region, and for the page: the bureaus of the menu and the user's region
    with django_assert_num_queries(5):
        operator.get(REGION_IMPORT_URL)
    # session, user, the region, the series reported by region, the regency's figures of the year
    with django_assert_num_queries(5):
        operator.get(REGION_EXPORT_URL, {"tahun": 2025})
    series = Indicator.objects.get(code="wirausaha-baru")
    region = Region.objects.get(code="62.71")
    for number in range(5):
        more = Indicator.objects.create(
            code=f"seri-wilayah-{number}",
            name=f"Seri wilayah {number}",
            bureau=series.bureau,
            unit=series.unit,
            aggregation=Aggregation.SUM,
            by_region=True,
        )
        RegionalRealization.objects.create(
            indicator=more, region=region, year=2025, quarter=1, value=D(number)
        )
    with django_assert_num_queries(5):
        response = operator.get(REGION_EXPORT_URL, {"tahun": 2025})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert {cells[0] for cells in rows[1:]} >= {f"seri-wilayah-{number}" for number in range(5)}


def test_an_xlsx_too_large_once_unpacked_is_refused_by_the_operators_import(operator, settings):
    settings.IMPORT_MAX_UNPACKED_MB = 1
    before = regional_figures()
    content = _zip_bomb(2 * 1024 * 1024)
    response = operator.post(REGION_IMPORT_URL, {"sheet": SimpleUploadedFile("bom.xlsx", content)})
    assert "Isi berkas XLSX terlalu besar setelah dibuka" in response.content.decode()
    assert regional_figures() == before


def test_a_formula_in_the_operators_export_stays_text(operator):
    Indicator.objects.filter(code="wirausaha-baru").update(name="=HYPERLINK(1)")
    response = operator.get(REGION_EXPORT_URL, {"tahun": 2025})
    workbook = load_workbook(io.BytesIO(response.content))
    names = [row[1] for row in workbook.active.iter_rows(min_row=2)]
    assert {cell.data_type for cell in names if cell.value == "=HYPERLINK(1)"} == {"s"}
