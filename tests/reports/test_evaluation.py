import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.evaluation_xlsx import HEAD_ROW, column_of
from targets.choices import Aggregation, Status
from targets.models import Realization, User
from targets.readmodel import build_rows

URL = reverse("reports:evaluation_xlsx")
NUMBERS_ROW = HEAD_ROW + 3
FIRST_ROW = HEAD_ROW + 4


def sheet_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def download(client, username="kadis", **params):
    client.force_login(User.objects.get(username=username))
    return sheet_of(client.get(URL, {"tahun": 2025, "tw": 4, **params}))


def cell(sheet, line, number, budget=False):
    return sheet.cell(row=line, column=column_of(number, budget))


def indicator_lines(sheet) -> dict[str, int]:
    """Each indicator's name (without its unit) and its line in the sheet."""
    lines = {}
    line = FIRST_ROW
    while isinstance(cell(sheet, line, 1).value, int):
        lines[cell(sheet, line, 4).value.rsplit(" (", 1)[0]] = line
        line += 1
    return lines


def summary(sheet, label):
    """The value beside a label of the summary below the table."""
    for line in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row=line, column=1).value == label:
            return sheet.cell(row=line, column=5).value
    raise AssertionError(f"{label} not found")


def same(value, expected: D | None) -> bool:
    """A number read back from the sheet equals the dashboard's Decimal (floats keep 15 digits)."""
    if expected is None:
        return value is None
    assert isinstance(value, int | float), value
    return abs(D(str(value)) - expected) <= abs(expected) * D("1e-12")


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_every_logged_in_user_may_download_it(client, demo):
    sheet = download(client, "staf.koperasi")
    assert sheet["A1"].value == "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH"


def test_an_unknown_bureau_is_not_found(client, demo):
    client.force_login(User.objects.get(username="kadis"))
    assert client.get(URL, {"tahun": 2025, "tw": 4, "bidang": "tidak-ada"}).status_code == 404


def test_the_sheet_has_the_forms_headings_merged_as_the_form_has_them(client, demo):
    sheet = download(client)
    merged = {str(block) for block in sheet.merged_cells.ranges}
    assert cell(sheet, HEAD_ROW, 4).value.startswith("Indikator Kinerja Program (outcome)")
    assert "A5:A7" in merged and "D5:D7" in merged  # No and Indikator span the three heading rows
    assert cell(sheet, HEAD_ROW, 5).value.startswith("Target Kinerja dan Anggaran Renstra")
    assert "E5:F6" in merged  # column 5 over its K and Rp
    assert cell(sheet, HEAD_ROW, 8).value == "Realisasi Kinerja pada Triwulan"
    assert "K5:R5" in merged  # columns 8–11 under one heading
    assert [cell(sheet, HEAD_ROW + 1, n).value for n in range(8, 12)] == ["I", "II", "III", "IV"]
    assert cell(sheet, HEAD_ROW, 14).value.startswith("Tingkat Capaian Kinerja")
    assert cell(sheet, HEAD_ROW, 15).value == "Unit Perangkat Daerah Penanggung Jawab"
    assert cell(sheet, HEAD_ROW, 16).value == "Keterangan"
    for number in range(5, 15):
        assert cell(sheet, HEAD_ROW + 2, number).value == "K"
        assert cell(sheet, HEAD_ROW + 2, number, budget=True).value == "Rp"


def test_the_columns_are_numbered_1_to_16_with_k_and_rp_under_one_number(client, demo):
    sheet = download(client)
    assert [cell(sheet, NUMBERS_ROW, n).value for n in range(1, 17)] == list(range(1, 17))
    merged = {str(block) for block in sheet.merged_cells.ranges}
    assert "E8:F8" in merged and "AA8" not in merged
    assert sheet.max_column == 26


def test_every_figure_equals_the_dashboards(client, demo):
    sheet = download(client)
    lines = indicator_lines(sheet)
    rows = build_rows(2025, 4)
    assert set(lines) == {row.indicator.name for row in rows}
    approved = {
        (r.indicator.name, r.quarter): r.value
        for r in Realization.objects.filter(year=2025, status=Status.APPROVED).select_related("indicator")
    }
    for row in rows:
        line, name = lines[row.indicator.name], row.indicator.name
        assert same(cell(sheet, line, 7).value, row.official.target), name
        assert same(cell(sheet, line, 12).value, row.official.realization), name
        assert same(cell(sheet, line, 13).value, row.official.realization), name
        assert cell(sheet, line, 15).value == row.indicator.bureau.name
        for quarter, point in enumerate(row.path, start=1):
            shown = cell(sheet, line, 7 + quarter).value
            if row.indicator.aggregation == Aggregation.RATIO:
                # A ratio's quarter is its figure at the end of that quarter, as the chart draws it.
                assert same(shown, point.official), (name, quarter)
            else:
                assert same(shown, approved.get((name, quarter))), (name, quarter)
        achievement = f"{row.official.achievement:.2f}".replace(".", ",")
        assert f"Capaian 2025: {achievement}% ({row.official.category.label})" in cell(sheet, line, 16).value
        for number in range(5, 15):
            assert cell(sheet, line, number, budget=True).value is None


def test_the_plan_periods_target_and_achievement_are_those_of_its_last_year(client, demo):
    sheet = download(client)
    line = indicator_lines(sheet)["Wirausaha baru"]
    assert cell(sheet, line, 5).value == 2872
    # 1.215 new entrepreneurs of the 2.872 of the plan period.
    assert cell(sheet, line, 14).value == pytest.approx(42.31)
    assert "Target Renstra: tahun 2026" in cell(sheet, line, 16).value


def test_cells_hold_numbers_shown_in_the_indonesian_way(client, demo):
    sheet = download(client)
    lines = indicator_lines(sheet)
    volume = cell(sheet, lines["Volume usaha koperasi sektor produksi"], 7)
    assert volume.value == 222_000_000_000 and volume.number_format == '"Rp" #,##0'
    share = cell(sheet, lines["Persentase proporsi jumlah UKM"], 7)
    assert share.value == pytest.approx(3.84) and share.number_format == '#,##0.00"%"'
    count = cell(sheet, lines["Jumlah koperasi produsen"], 12)
    assert count.value == 1334 and count.number_format == "#,##0"


def test_the_average_achievement_and_its_category_follow_the_dashboard(client, demo):
    sheet = download(client)
    achievements = [row.official.achievement for row in build_rows(2025, 4)]
    average = sum(achievements) / len(achievements)
    assert summary(sheet, "Rata-rata capaian kinerja (%)") == pytest.approx(float(average), abs=0.005)
    assert summary(sheet, "Predikat kinerja") == "Tinggi"  # 77,86% is within 76–90


def test_factors_and_follow_ups_come_from_the_kendala_and_tindak_lanjut(client, demo):
    sheet = download(client)
    inhibiting = summary(sheet, "Faktor penghambat pencapaian kinerja")
    assert "Harga komoditas karet dan sawit turun" in inhibiting
    # The returned TW III of the graduations keeps its kendala, marked with its state.
    assert "Usaha mikro naik kelas (menjadi usaha kecil dan menengah) (TW III, dikembalikan)" in inhibiting
    next_quarter = summary(sheet, "Tindak lanjut yang diperlukan dalam triwulan berikutnya")
    assert "Pendampingan akses pasar dan temu bisnis" in next_quarter
    driving = summary(sheet, "Faktor pendorong keberhasilan pencapaian")
    assert "Jumlah koperasi produsen: capaian 98,81% (sangat tinggi)" in driving
    assert "Volume usaha koperasi sektor produksi" not in driving
    next_plan = summary(sheet, "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya")
    assert "Usaha mikro naik kelas (menjadi usaha kecil dan menengah): proyeksi akhir tahun" in next_plan


def test_notes_of_drafts_stay_out_of_the_table(client, demo):
    Realization.objects.filter(indicator__code="rasio-kewirausahaan", quarter=4).update(
        status=Status.DRAFT, kendala="Catatan draf yang belum diajukan."
    )
    sheet = download(client)
    assert "Catatan draf" not in summary(sheet, "Faktor penghambat pencapaian kinerja")


def test_one_bureaus_table_holds_only_its_indicators(client, demo):
    sheet = download(client, bidang="koperasi")
    assert set(indicator_lines(sheet)) == {
        "Volume usaha koperasi sektor produksi",
        "Rasio volume usaha koperasi terhadap PDRB",
    }
    assert "Bidang Pemberdayaan dan Pengembangan Koperasi" in sheet["A3"].value


def test_the_dashboard_and_the_bureau_page_link_to_it(client, demo):
    client.force_login(User.objects.get(username="staf.koperasi"))
    dashboard = client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 4}).content.decode()
    assert f"{URL}?tahun=2025&amp;tw=4" in dashboard
    page = client.get(reverse("reports:bureau", args=["koperasi"]), {"tahun": 2025, "tw": 4})
    assert f"{URL}?tahun=2025&amp;tw=4&amp;bidang=koperasi" in page.content.decode()


@pytest.mark.parametrize("extra", [0, 30])
def test_the_table_reads_its_data_in_a_fixed_number_of_queries(
    client, demo, django_assert_num_queries, extra
):
    if extra:
        from reports import synthetic

        synthetic.build(extra, first_year=2023, years=3)
    client.force_login(User.objects.get(username="kadis"))
    # session, user, the data version, indicators, all their targets, the series' figures, the year's
    # notes, the unfinished follow-ups, the letterhead
    with django_assert_num_queries(9):
        response = client.get(URL, {"tahun": 2025, "tw": 4})
    assert len(indicator_lines(sheet_of(response))) == 8 + extra
    # Kept under the data version: the same sheet again, read from the cache
    with django_assert_num_queries(3):
        again = client.get(URL, {"tahun": 2025, "tw": 4})
    assert again.content == response.content


def test_an_approved_figure_shows_in_the_very_next_table(client, demo):
    before = download(client)
    line = indicator_lines(before)["Volume usaha koperasi sektor produksi"]
    client.post(reverse("targets:approve", args=["koperasi", 2025, 4]))
    after = download(client)
    assert cell(after, line, 12).value > cell(before, line, 12).value  # realization to date
    assert download(client, bidang="koperasi").max_row < after.max_row


def test_the_english_table_keeps_the_forms_layout_with_english_headings(client, demo, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sheet = download(client)
    assert sheet["A1"].value == "EVALUATION OF THE AGENCY WORK PLAN'S RESULTS"
    assert cell(sheet, HEAD_ROW, 16).value == "Notes"
    assert [cell(sheet, NUMBERS_ROW, n).value for n in range(1, 17)] == list(range(1, 17))
    assert summary(sheet, "Average achievement (%)") == pytest.approx(77.86)
    assert summary(sheet, "Performance category") == "High"
