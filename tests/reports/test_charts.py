import json
from decimal import Decimal as D

import plotly.graph_objects as go
from django.utils import translation

from reports import charts
from reports.templatetags import report_parts
from targets.choices import CATEGORY_COLOURS, NO_DATA_COLOUR, Category
from targets.readmodel import build_rows


def rows_by_code(year, quarter, **kwargs):
    return {row.indicator.code: row for row in build_rows(year, quarter, **kwargs)}


def test_every_figure_is_one_plotly_accepts(demo):
    rows = build_rows(2025, 4, supporting=True)
    for chart in [
        charts.achievement_chart(rows),
        *(charts.path_chart(row, f"c{i}") for i, row in enumerate(rows)),
    ]:
        go.Figure(chart.spec)  # raises on any property plotly does not know


def test_each_category_has_its_colour_and_its_word_in_the_legend(demo):
    spec = charts.achievement_chart(build_rows(2025, 4)).spec
    legend = {trace["name"]: trace["marker"]["color"] for trace in spec["data"]}
    assert legend == {category.label: CATEGORY_COLOURS[category] for category in Category}


def test_indicators_without_data_are_grey_and_say_so(demo):
    spec = charts.achievement_chart(build_rows(2026, 1)).spec
    (trace,) = spec["data"]
    assert trace["name"] == "belum ada data"
    assert trace["marker"]["color"] == NO_DATA_COLOUR
    assert set(trace["text"]) == {"belum ada data"}


def test_the_path_keeps_figures_awaiting_approval_apart(demo):
    spec = charts.path_chart(rows_by_code(2025, 4)["proporsi-ukm"], "c").spec
    traces = {trace["name"]: trace for trace in spec["data"]}
    assert traces["Realisasi resmi (Tinggi)"]["y"] == [3.1, 3.22, 3.35, 3.35]
    assert traces["Termasuk menunggu persetujuan"]["y"][-1] == 3.41
    assert traces["Realisasi resmi (Tinggi)"]["line"]["color"] == CATEGORY_COLOURS[Category.HIGH]
    assert traces["Target tahunan"]["y"] == [3.84] * 4
    assert traces["Termasuk menunggu persetujuan"]["customdata"][-1] == "3,41%"


def test_a_supporting_series_has_no_target_or_expected_path(demo):
    row = rows_by_code(2025, 4, supporting=True)["pdrb-adhb"]
    spec = charts.path_chart(row, "c").spec
    assert [trace["name"] for trace in spec["data"]] == ["Realisasi resmi"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "Rp triliun"
    assert spec["data"][0]["y"][-1] == float(D(223_000) / 1000)


def test_numbers_read_the_indonesian_or_the_english_way(demo):
    row = rows_by_code(2025, 4)["volume-usaha-produksi"]
    assert charts.path_chart(row, "c").spec["layout"]["separators"] == ",."
    with translation.override("en"):
        spec = charts.path_chart(row, "c").spec
    assert spec["layout"]["separators"] == ".,"
    assert spec["data"][0]["name"] == "Annual target"
    assert spec["data"][0]["customdata"][0] == "Rp 222 billion"


def test_the_achievement_chart_comes_with_its_figures_as_a_table_of_links(demo):
    table = charts.achievement_chart(build_rows(2025, 4)).table
    assert table.columns == ["Indikator", "Capaian", "Kategori"]
    by_name = {row[0].text: row for row in table.rows}
    assert len(by_name) == 8
    name, achievement, category = by_name["Wirausaha baru"]
    assert name.href == "/indikator/wirausaha-baru/"
    assert category.text == "Sangat Tinggi"
    assert achievement.text.endswith("%")


def test_the_path_chart_comes_with_each_quarter_of_each_line_as_a_table(demo):
    table = charts.path_chart(rows_by_code(2025, 4)["proporsi-ukm"], "c").table
    assert table.columns[0] == "Triwulan"
    assert "Termasuk menunggu persetujuan" in table.columns
    assert [row[0].text for row in table.rows] == ["TW I", "TW II", "TW III", "TW IV"]
    pending = table.columns.index("Termasuk menunggu persetujuan")
    assert table.rows[3][pending].text == "3,41%"


def test_the_labels_inside_the_bars_are_white_and_those_beside_them_ink(demo):
    for trace in charts.achievement_chart(build_rows(2025, 4)).spec["data"]:
        assert trace["insidetextfont"]["color"] == "#ffffff"
        assert trace["outsidetextfont"]["color"] == "#1f2933"


def test_a_rupiah_axis_is_titled_in_the_pages_language(demo):
    row = rows_by_code(2025, 4, supporting=True)["pdrb-adhb"]
    with translation.override("en"):
        spec = charts.path_chart(row, "c").spec
    assert spec["layout"]["yaxis"]["title"]["text"] == "Rp trillion"


def test_the_plain_specs_are_what_plotly_itself_would_send(demo):
    rows = build_rows(2025, 4, supporting=True)
    for chart in [
        charts.achievement_chart(rows),
        *(charts.path_chart(row, f"c{i}") for i, row in enumerate(rows)),
    ]:
        assert go.Figure(chart.spec).to_plotly_json()["data"] == chart.spec["data"]


def test_a_chart_written_into_the_page_reads_back_as_its_figure_and_cannot_close_its_script():
    name = 'Koperasi "A" & <b>UKM</b></script><script>alert(1)</script>'
    chart = charts.Chart(
        dom_id="c",
        spec={"data": [{"y": [name], "x": [1.5]}], "layout": {}},
        label=name,
        table=charts.ChartTable(columns=["Indikator"], rows=[[charts.Cell(name, "/indikator/a/?x=1&y=2")]]),
    )
    written = report_parts.chart_figure(chart)
    opening = '<script id="c-data" type="application/json">'
    body = written.split(opening)[1].split("</script>")[0]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == chart.spec
    assert "<script>" not in written
    assert (
        '<a href="/indikator/a/?x=1&amp;y=2">Koperasi &quot;A&quot; &amp; &lt;b&gt;UKM&lt;/b&gt;' in written
    )
    assert "chart-data" not in report_parts.chart_figure(charts.Chart(dom_id="d", spec={}, label="x"))
