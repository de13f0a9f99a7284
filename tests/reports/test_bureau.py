import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from targets import sheet
from targets.choices import RegionKind
from targets.models import Indicator, Region
from tests.reports.downloads import pdf_form

URL = reverse("reports:bureau", args=["usaha-kecil"])


def rows_of(page, code):
    return page.split(f'data-indicator="{code}"')[1].split("</tr>")[0]


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_unknown_bureau_is_not_found(head_client):
    assert head_client.get(reverse("reports:bureau", args=["tidak-ada"])).status_code == 404


def test_the_table_shows_each_quarters_own_value_and_the_official_figures(head_client):
    page = head_client.get(URL).content.decode()
    row = rows_of(page, "mikro-naik-kelas")
    for shown in ("120", "150", "160", "800", "270", "33,75%", "Sangat Rendah"):
        assert shown in row
    # TW III was returned: its value is shown with its status, not counted.
    assert "dikembalikan" in row


def test_a_value_awaiting_approval_carries_its_status(head_client):
    row = rows_of(head_client.get(URL).content.decode(), "proporsi-ukm")
    assert "3,41%" in row and "diajukan" in row
    assert "menunggu persetujuan" in row  # beside the official realization 3,35%
    assert "3,35%" in row


def test_supporting_series_are_listed_and_marked_without_a_target(head_client):
    page = head_client.get(reverse("reports:bureau", args=["program"])).content.decode()
    row = rows_of(page, "pdrb-adhb")
    assert "data pendukung" in row
    assert "Rp 57,5 triliun" in row  # TW IV of the PDRB


def test_the_table_sorts_by_achievement(head_client):
    response = head_client.get(URL, {"sort": "-achievement"})
    codes = [record.code for record in response.context["table"].rows]
    assert codes == ["rasio-kewirausahaan", "wirausaha-baru", "proporsi-ukm", "mikro-naik-kelas"]


def test_the_sorted_column_says_its_order_and_its_link_reverses_it(head_client):
    page = head_client.get(URL, {"sort": "-achievement"}).content.decode()
    header = page.split("<thead>")[1].split("</thead>")[0]
    assert header.count("aria-sort") == 1
    assert (
        '<th class="desc num orderable" scope="col" aria-sort="descending">'
        '<a href="?tahun=2025&amp;tw=4&amp;sort=achievement">'
    ) in header
    # Every other column sorts ascending first.
    assert '<a href="?tahun=2025&amp;tw=4&amp;sort=category">Kategori</a>' in header
    ascending = head_client.get(URL, {"sort": "achievement"}).content.decode()
    assert 'aria-sort="ascending"><a href="?tahun=2025&amp;tw=4&amp;sort=-achievement">' in ascending


def test_the_table_sorts_by_category_best_first(head_client):
    response = head_client.get(URL, {"sort": "category"})
    codes = [record.code for record in response.context["table"].rows]
    assert codes[-1] == "mikro-naik-kelas"


def test_the_charts_and_latest_notes_are_beside_the_table(head_client):
    response = head_client.get(URL)
    page = response.content.decode()
    assert [chart.dom_id for _row, chart in response.context["path_charts"]] == [
        "chart-proporsi-ukm",
        "chart-mikro-naik-kelas",
        "chart-rasio-kewirausahaan",
        "chart-wirausaha-baru",
    ]
    # The unfinished follow-up of mikro-naik-kelas shows; the dropped one of proporsi-ukm does not.
    assert "Verifikasi bersama dinas kabupaten dan pendamping KUMKM" in page
    assert "Surat permintaan data ke kabupaten/kota" not in page
    # The latest note of mikro-naik-kelas is TW III's (returned, yet still the bureau's own words).
    assert "Verifikasi lapangan usaha yang naik kelas" in page
    assert "Pendataan usaha mikro di kabupaten belum seragam" not in page


def test_every_chart_has_its_figures_in_a_table_for_screen_readers(head_client):
    page = head_client.get(URL).content.decode()
    # The achievement chart and one path chart per indicator, each with its table; and the regencies'
    # chart of the one reported by region, whose table stands beside it.
    assert page.count('<figure class="chart-figure">') == 6
    assert page.count('<details class="chart-data">') == 5
    path = page.split('id="chart-mikro-naik-kelas"')[1].split("</figure>")[0]
    assert '<th scope="row">TW III</th>' in path
    assert '<caption class="visually-hidden">Usaha mikro naik kelas' in path


def test_a_name_that_closes_a_script_stays_text_in_the_charts_data(head_client):
    Indicator.objects.filter(code="mikro-naik-kelas").update(name="</script><script>alert(1)</script>")
    page = head_client.get(URL).content.decode()
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_export_follows_the_sheet_layout_with_raw_numbers(head_client):
    response = head_client.get(URL, {"_export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="kaltengkop-usaha-kecil-2025-tw4.csv"' in response["Content-Disposition"]
    table = read_csv(response)
    assert table[0] == sheet.HEADERS
    record = dict(zip(table[0], table[[r[0] for r in table].index("mikro-naik-kelas")], strict=True))
    assert record == {
        sheet.CODE: "mikro-naik-kelas",
        sheet.NAME: "Usaha mikro naik kelas (menjadi usaha kecil dan menengah)",
        sheet.UNIT: "unit",
        sheet.YEAR: "2025",
        "TW I": "120",
        "TW II": "150",
        "TW III": "160",
        "TW IV": "",
        "Status TW I": "disetujui",
        "Status TW II": "disetujui",
        "Status TW III": "dikembalikan",
        "Status TW IV": "",
        sheet.TARGET: "800",
        sheet.REALIZATION: "270",
        sheet.ACHIEVEMENT: "33.75",
        sheet.CATEGORY: "Sangat Rendah",
        "Versi TW I": "1",
        "Versi TW II": "1",
        "Versi TW III": "1",
        "Versi TW IV": "",
        "Kendala TW I": "",
        "Kendala TW II": "Pendataan usaha mikro di kabupaten belum seragam.",
        "Kendala TW III": "Verifikasi lapangan usaha yang naik kelas di tiga kabupaten belum selesai.",
        "Kendala TW IV": "",
        "Tindak lanjut TW I": "",
        # The follow-ups agreed in each quarter travel with the figures: action (PIC, due date, status).
        "Tindak lanjut TW II": (
            "Bimbingan teknis pendataan bagi dinas kabupaten/kota. "
            "(Kabid Pemberdayaan Usaha Kecil, 30-09-2025, selesai)"
        ),
        "Tindak lanjut TW III": (
            "Verifikasi bersama dinas kabupaten dan pendamping KUMKM pada awal TW IV. "
            "(Kasi Pemberdayaan Usaha Mikro, 31-10-2025, belum dimulai)"
        ),
        "Tindak lanjut TW IV": "",
        "Keterangan": "",
        "Kode wilayah": "62",
        "Wilayah": "Kalimantan Tengah",
    }


def test_the_export_keeps_indonesian_headers_in_english(head_client):
    head_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = head_client.get(URL).content.decode()
    assert "Annual target" in page
    table = read_csv(head_client.get(URL, {"_export": "csv"}))
    assert table[0] == sheet.HEADERS
    category = sheet.HEADERS.index(sheet.CATEGORY)
    region = sheet.HEADERS.index(sheet.REGION_CODE)
    assert [r[category] for r in table if r[0] == "wirausaha-baru" and r[region] == "62"] == ["Sangat Tinggi"]
    # The regency rows' statuses stay Indonesian too.
    status = sheet.HEADERS.index(sheet.STATUS_COLUMNS[1])
    assert {r[status] for r in table if r[0] == "wirausaha-baru" and r[region] == "62.71"} == {"diterima"}
    unit = sheet.HEADERS.index(sheet.UNIT)
    assert {r[unit] for r in table if r[0] == "wirausaha-baru"} == {"orang"}


def test_the_xlsx_export_holds_numbers_and_the_pages_figures(head_client):
    response = head_client.get(reverse("reports:bureau", args=["koperasi"]), {"_export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == sheet.HEADERS
    record = dict(zip(rows[0], next(r for r in rows if r[0] == "volume-usaha-produksi"), strict=True))
    assert record["TW IV"] == 49_000_000_000 and record["Status TW IV"] == "diajukan"
    assert record[sheet.TARGET] == 222_000_000_000
    assert record[sheet.REALIZATION] == 123_000_000_000  # official: TW IV awaits approval
    assert record[sheet.ACHIEVEMENT] == pytest.approx(55.41)
    ratio = dict(zip(rows[0], next(r for r in rows if r[0] == "rasio-volume-pdrb"), strict=True))
    assert D(str(ratio[sheet.REALIZATION])) == D("0.9")  # Rp 2.007 of 223.000 miliar × 100
    supporting = dict(zip(rows[0], next(r for r in rows if r[0] == "volume-usaha-koperasi"), strict=True))
    assert supporting[sheet.TARGET] is None and supporting["TW I"] == 480_000_000_000


def test_the_page_and_its_export_read_their_data_in_a_fixed_number_of_queries(
    head_client, django_assert_num_queries
):
    # session, user, data version, bureaus, latest period, series, targets, realizations of this year
    # and the last, carried totals, entries of the year, the follow-ups agreed in the year, and for the
    # page only: the unfinished follow-ups, the quarters' states and their last workflow steps, and
    # for its indicator reported by region: the regencies, their figures and their targets
    with django_assert_num_queries(17):
        head_client.get(URL)
    # again, nothing written since: session, user, data version; the rest comes from the cache
    with django_assert_num_queries(3):
        head_client.get(URL)
    # the export is never kept: the same reads but the page's own, the bureaus and period now cached,
    # and the regions and their figures
    with django_assert_num_queries(11):
        head_client.get(URL, {"_export": "xlsx"})


@pytest.mark.parametrize("regencies", [14, 28])
def test_the_export_reads_any_number_of_regencies_in_the_same_queries(
    head_client, regencies, django_assert_num_queries
):
    province = Region.objects.get(kind=RegionKind.PROVINCE)
    existing = Region.objects.exclude(kind=RegionKind.PROVINCE).count()
    for number in range(existing, regencies):
        Region.objects.create(
            code=f"62.{90 + number}", name=f"Kabupaten Uji {number}", kind=RegionKind.REGENCY, parent=province
        )
    assert Region.objects.exclude(kind=RegionKind.PROVINCE).count() == max(existing, regencies)
    # session, user, data version, bureaus, latest period, series, targets, realizations of this year and
    # the last, carried totals, entries of the year, the follow-ups agreed in the year, the regions and
    # their figures
    with django_assert_num_queries(13):
        response = head_client.get(URL, {"_export": "csv"})
    table = read_csv(response)
    code = sheet.HEADERS.index(sheet.CODE)
    assert len([r for r in table if r[code] == "wirausaha-baru"]) == 1 + max(existing, regencies)


def test_thirty_more_indicators_take_no_more_queries(head_client, thirty_more, django_assert_num_queries):
    assert Indicator.objects.filter(bureau__code="usaha-kecil").count() == 11
    # session, user, data version, bureaus, latest period, series, targets, realizations of this year
    # and the last, carried totals, entries of the year, the follow-ups agreed in the year and the
    # unfinished ones, the quarters' states and their last workflow steps, the regencies, their
    # figures and targets
    with django_assert_num_queries(17):
        response = head_client.get(URL)
    assert len(response.context["table"].rows) == 11
    with django_assert_num_queries(11):
        head_client.get(URL, {"_export": "csv"})


def test_each_indicator_links_to_its_page(head_client):
    page = head_client.get(URL).content.decode()
    assert f'href="{reverse("reports:indicator", args=["wirausaha-baru"])}"' in page


def test_the_page_shows_each_quarters_reporting_state(head_client):
    page = head_client.get(URL).content.decode()
    # The small-business bureau's 2025: TW III was returned by the head, TW IV awaits approval.
    assert 'data-quarter="3" data-state="returned"' in page
    assert 'data-quarter="4" data-state="submitted"' in page
    assert 'data-quarter="1" data-state="approved"' in page


def test_the_page_offers_the_bureaus_own_summary_pdf(head_client):
    page = head_client.get(URL).content.decode()
    assert pdf_form(page) == {"tahun": "2025", "tw": "4", "bidang": "usaha-kecil", "lampiran": "1"}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_that_would_start_a_formula_is_neutralised_in_both_exports(head_client, start):
    Indicator.objects.filter(code="mikro-naik-kelas").update(name=f'{start}HYPERLINK("http://x")')
    table = read_csv(head_client.get(URL, {"_export": "csv"}))
    name = sheet.HEADERS.index(sheet.NAME)
    assert [r[name] for r in table if r[0] == "mikro-naik-kelas"] == [f'\'{start}HYPERLINK("http://x")']

    content = head_client.get(URL, {"_export": "xlsx"}).content
    cells = {row[0].value: row[name] for row in load_workbook(io.BytesIO(content)).active.iter_rows()}
    cell = cells["mikro-naik-kelas"]
    # A string cell, never a formula (XML turns a carriage return into a line feed).
    assert cell.data_type == "s" and cell.value[1:] == 'HYPERLINK("http://x")'
