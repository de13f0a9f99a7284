"""The regency chart of an indicator reported by region: each kabupaten/kota's achievement, best first,
in its category's colour with the category's word on the bar. The regency table beside it is its text
alternative."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports.charts import BAR_HEIGHT, Chart, _base_layout, _spec
from reports.palette import BAR_LABEL_COLOUR, GRID_COLOUR, INK, TARGET_COLOUR
from targets.choices import CATEGORY_COLOURS, NO_DATA_COLOUR
from targets.formatting import format_percent
from targets.regional_table import RegencyRow, RegencyTable


def _bar_text(row: RegencyRow) -> str:
    category = row.official.category
    if category is None:
        return _("belum ada data")
    return f"{format_percent(row.official.achievement)} · {category.label}"


# Past this many regencies a chart draws the highest and the lowest EXTREMES of them: hundreds of bars
# are neither readable nor cheap, and the table beside the chart still lists every regency.
CHART_MOST = 40
EXTREMES = 15


def _drawn(table: RegencyTable) -> list[RegencyRow]:
    """The regencies the chart draws, best first: all of them, or the highest and the lowest few."""
    if len(table.rows) <= CHART_MOST:
        return table.by_achievement
    highest, lowest = table.extremes(EXTREMES)
    return highest + lowest[::-1]


def _label(table: RegencyTable, drawn: list[RegencyRow]) -> str:
    if len(drawn) == len(table.rows):
        return _(
            "Capaian %(indicator)s per kabupaten/kota terhadap target masing-masing, dari yang tertinggi"
        ) % {"indicator": table.indicator.name}
    return _(
        "Capaian %(indicator)s: %(shown)s dari %(count)s kabupaten/kota, yang tertinggi dan yang terendah, "
        "terhadap target masing-masing; tabel di atas memuat semuanya"
    ) % {"indicator": table.indicator.name, "shown": len(drawn), "count": len(table.rows)}


def regency_chart(table: RegencyTable, dom_id: str) -> Chart:
    rows = _drawn(table)
    names = [row.region.name for row in rows]
    bar = dict(
        type="bar",
        orientation="h",
        y=names,
        x=[float(row.official.achievement or 0) for row in rows],
        marker=dict(
            color=[CATEGORY_COLOURS.get(row.official.category, NO_DATA_COLOUR) for row in rows],
            line=dict(color="rgba(0,0,0,.25)", width=1),
        ),
        text=[_bar_text(row) for row in rows],
        textposition="auto",
        insidetextfont=dict(color=BAR_LABEL_COLOUR),
        outsidetextfont=dict(color=INK),
        cliponaxis=False,
        hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
        showlegend=False,
    )
    highest = max((float(row.official.achievement or 0) for row in rows), default=100)
    layout = _base_layout(height=max(220, 60 + BAR_HEIGHT * len(rows)))
    layout.update(
        bargap=0.3,
        xaxis=dict(
            range=[0, max(125, highest * 1.2)],
            ticksuffix="%",
            gridcolor=GRID_COLOUR,
            zeroline=False,
            fixedrange=True,
        ),
        yaxis=dict(
            categoryorder="array",
            categoryarray=names,
            autorange="reversed",
            fixedrange=True,
            automargin=True,
            tickfont=dict(size=11),
        ),
        margin=dict(l=8, r=24, t=8, b=30),
        shapes=[
            dict(
                type="line",
                xref="x",
                yref="paper",
                x0=100,
                x1=100,
                y0=0,
                y1=1,
                line=dict(color=TARGET_COLOUR, width=2, dash="dash"),
            )
        ],
    )
    return Chart(
        dom_id=dom_id,
        spec=_spec([bar], layout),
        label=_label(table, rows),
    )
