import base64

from reports import charts, palette, pdf_charts
from targets.choices import CATEGORY_COLOURS, Category
from targets.readmodel import build_rows


def svg_of(uri: str) -> str:
    assert uri.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def rows_by_code(year, quarter):
    return {row.indicator.code: row for row in build_rows(year, quarter)}


def test_the_achievement_bars_carry_the_category_colour_and_word_as_text(demo):
    row = rows_by_code(2025, 4)["volume-usaha-produksi"]
    svg = svg_of(pdf_charts.achievement_bars([row], [3]))
    assert CATEGORY_COLOURS[Category.LOW] in svg
    assert "55,41% · Rendah ◆" in svg  # text stays text, so the PDF can be read back
    assert "3. Volume usaha koperasi sektor produksi" in svg


def test_a_figure_awaiting_approval_is_drawn_apart_from_the_official_path(demo):
    rows = rows_by_code(2025, 4)
    pending = svg_of(pdf_charts.quarterly_path(rows["volume-usaha-produksi"]))
    approved = svg_of(pdf_charts.quarterly_path(rows["koperasi-produsen"]))
    assert palette.PROVISIONAL_COLOUR in pending
    assert palette.PROVISIONAL_COLOUR not in approved
    assert "Rp 120 miliar" in pending  # the axis reads in the indicator's unit


def test_a_quarter_without_figures_is_drawn_as_no_data(demo):
    row = rows_by_code(2026, 1)["koperasi-produsen"]
    svg = svg_of(pdf_charts.quarterly_path(row))
    assert "belum ada data" in svg
    assert palette.OFFICIAL_COLOUR not in svg


def test_the_pdf_and_the_page_draw_an_indicators_lines_in_the_same_colours(demo):
    row = rows_by_code(2025, 4)["volume-usaha-produksi"]
    page = charts.path_chart(row, "chart").spec
    pdf = svg_of(pdf_charts.quarterly_path(row))
    page_colours = {trace["line"]["color"] for trace in page["data"] if "line" in trace}
    low = CATEGORY_COLOURS[Category.LOW]
    for colour in (low, palette.PROVISIONAL_COLOUR, palette.EXPECTED_COLOUR, palette.TARGET_COLOUR):
        assert colour in page_colours
        assert colour in pdf


def test_the_achievement_axis_is_marked_in_round_percents_up_to_the_longest_bar(demo):
    row = rows_by_code(2025, 4)["volume-usaha-produksi"]
    svg = svg_of(pdf_charts.achievement_bars([row], [3]))
    for mark in ("0%", "25%", "50%", "75%", "100%"):
        assert f">{mark}</text>" in svg
    assert ">125%</text>" not in svg  # 55% and the 100% line fit below 116%


def test_a_quarterly_axis_is_marked_in_round_figures_inside_its_range():
    assert pdf_charts.axis_ticks(0, 115.5, 5) == [0, 25, 50, 75, 100]
    assert pdf_charts.axis_ticks(-3.2, 130.1) == [0, 40, 80, 120]
    assert pdf_charts.axis_ticks(1300.5, 1352.2) == [1305, 1320, 1335, 1350]
    assert pdf_charts.axis_ticks(0.95, 1.05) == [0.96, 0.99, 1.02, 1.05]
