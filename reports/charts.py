"""Chart figures for the pages: plotly specs built as plain dicts here, drawn by plotly.js in the browser.

Figures carry their data as float only at this last step; every label and hover text is the
Indonesian-formatted figure from targets.formatting, so the chart reads like the table beside it.
Validating plotly graph objects took a quarter of a bureau page with fifty charts; the tests check
every spec with plotly instead.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.palette import (
    BAR_LABEL_COLOUR,
    EXPECTED_COLOUR,
    GRID_COLOUR,
    INK,
    PROVISIONAL_COLOUR,
    TARGET_COLOUR,
    official_colour,
)
from targets.choices import CATEGORY_COLOURS, NO_DATA_COLOUR, Category, Quarter, Unit
from targets.formatting import babel_locale, format_percent, format_value
from targets.models import Indicator
from targets.readmodel import IndicatorRow

FONT = "DejaVu Sans, Segoe UI, Roboto, Arial, sans-serif"
# Wide enough for a phone held upright; longer names wrap onto a second and third line.
LABEL_WIDTH = 22
BAR_HEIGHT = 44
# Rupiah axes read in juta, miliar or triliun instead of twelve-digit ticks.
RUPIAH_SCALES = (
    (Decimal(10) ** 12, gettext_lazy("Rp triliun")),
    (Decimal(10) ** 9, gettext_lazy("Rp miliar")),
    (Decimal(10) ** 6, gettext_lazy("Rp juta")),
)


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""


@dataclass(frozen=True)
class ChartTable:
    """The figures a chart draws, as a table: its text alternative, and a way to each bar by keyboard."""

    columns: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Chart:
    """A figure for the template: `spec` goes through json_script, `dom_id` names its container."""

    dom_id: str
    spec: dict
    label: str
    table: ChartTable | None = None

    @property
    def data_id(self) -> str:
        return f"{self.dom_id}-data"


def _separators() -> str:
    """plotly's decimal and thousands marks: `1.311` and `1,12` in Indonesian."""
    return ".," if babel_locale() == "en" else ",."


def _base_layout(height: int) -> dict:
    return dict(
        template="none",
        height=height,
        separators=_separators(),
        font=dict(family=FONT, size=12, color=INK),
        margin=dict(l=8, r=16, t=8, b=8),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="#ffffff",
        legend=dict(orientation="h", x=0, y=-0.12, yanchor="top", xanchor="left"),
        hoverlabel=dict(align="left"),
    )


def _spec(traces: list[dict], layout: dict) -> dict:
    """The figure as plotly.js takes it."""
    return {"data": traces, "layout": layout}


@lru_cache(maxsize=4096)
def _wrap(name: str) -> str:
    """An indicator's name on at most three lines of the bar chart's axis (kept per name: the same
    names are drawn on every page)."""
    lines = textwrap.wrap(name, LABEL_WIDTH)
    if len(lines) > 3:
        lines = lines[:2] + [textwrap.shorten(" ".join(lines[2:]), LABEL_WIDTH, placeholder="…")]
    return "<br>".join(lines)


def achievement_chart(rows: list[IndicatorRow], dom_id: str = "chart-achievement") -> Chart:
    """Each indicator's achievement as a bar in its category's colour, against the 100% line."""
    rows = [row for row in rows if not row.indicator.is_supporting]
    labels = [_wrap(row.indicator.name) for row in rows]
    # Each achievement as the page writes it, formatted once for the bar, its hover text and the table.
    language = translation.get_language()
    percents = [format_percent(row.official.achievement, language=language) for row in rows]
    url_of = Indicator.urls()
    urls = {row.indicator.pk: url_of(row.indicator) for row in rows}
    traces = []
    groups: list[tuple[Category | None, str, str]] = [
        (category, str(category.label), CATEGORY_COLOURS[category]) for category in Category
    ]
    groups.append((None, _("belum ada data"), NO_DATA_COLOUR))
    for category, word, colour in groups:
        members = [
            (label, row, percent)
            for label, row, percent in zip(labels, rows, percents, strict=True)
            if row.official.category == category
        ]
        if not members:
            continue
        traces.append(
            dict(
                type="bar",
                orientation="h",
                name=word,
                y=[label for label, _row, _percent in members],
                x=[float(row.official.achievement or 0) for _label, row, _percent in members],
                marker=dict(color=colour, line=dict(color="rgba(0,0,0,.25)", width=1)),
                text=[percent if category else word for _label, _row, percent in members],
                textposition="auto",
                insidetextfont=dict(color=BAR_LABEL_COLOUR),
                outsidetextfont=dict(color=INK),
                insidetextanchor="end",
                cliponaxis=False,
                customdata=[
                    [
                        row.indicator.name,
                        percent,
                        word,
                        urls[row.indicator.pk],
                    ]
                    for _label, row, percent in members
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>"
                    + _("Capaian")
                    + ": %{customdata[1]}<br>"
                    + _("Kategori")
                    + ": %{customdata[2]}<extra></extra>"
                ),
            )
        )
    highest = max((float(row.official.achievement or 0) for row in rows), default=100)
    layout = _base_layout(height=max(220, 110 + BAR_HEIGHT * len(rows)))
    layout.update(
        barmode="overlay",
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
            categoryarray=labels,
            autorange="reversed",
            fixedrange=True,
            automargin=True,
            tickfont=dict(size=11),
        ),
        legend=dict(
            orientation="h",
            x=0,
            y=1.0,
            yanchor="bottom",
            xanchor="left",
            traceorder="normal",
        ),
        margin=dict(l=8, r=24, t=40, b=30),
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
        annotations=[
            dict(
                x=100,
                y=0,
                xref="x",
                yref="paper",
                yanchor="top",
                text="100%",
                showarrow=False,
                font=dict(size=11, color=TARGET_COLOUR),
            )
        ],
    )
    table = ChartTable(
        columns=[_("Indikator"), _("Capaian"), _("Kategori")],
        rows=[
            [
                Cell(row.indicator.name, urls[row.indicator.pk]),
                Cell(percent),
                Cell(str(row.official.category.label) if row.official.category else _("belum ada data")),
            ]
            for row, percent in zip(rows, percents, strict=True)
        ],
    )
    return Chart(
        dom_id=dom_id,
        spec=_spec(traces, layout),
        label=_("Capaian per indikator terhadap target (100%)"),
        table=table,
    )


def _axis_scale(unit: str, values: list[Decimal]) -> tuple[Decimal, str]:
    """A divisor and the axis title that goes with it."""
    if unit == Unit.RUPIAH:
        largest = max((abs(v) for v in values), default=Decimal(0))
        for divisor, title in RUPIAH_SCALES:
            if largest >= divisor:
                return divisor, str(title)
        return Decimal(1), "Rp"
    if unit == Unit.PERCENT:
        return Decimal(1), "%"
    return Decimal(1), str(Unit(unit).label)


def _series(values: list[Decimal | None], divisor: Decimal) -> list[float | None]:
    return [None if v is None else float(v / divisor) for v in values]


@dataclass(frozen=True)
class PathWords:
    """A path chart's words in one language: translated once, not five times for each of fifty charts."""

    target: str
    expected: str
    provisional: str
    official: str
    quarter: str
    quarters: dict[int, str]
    categories: dict[Category, str]


@lru_cache(maxsize=8)
def _path_words(language: str) -> PathWords:
    return PathWords(
        target=_("Target tahunan"),
        expected=_("Target s.d. triwulan"),
        provisional=_("Termasuk menunggu persetujuan"),
        official=_("Realisasi resmi"),
        quarter=_("Triwulan"),
        quarters={quarter: str(quarter.label) for quarter in Quarter},
        categories={category: str(category.label) for category in Category},
    )


def path_chart(row: IndicatorRow, dom_id: str, language: str | None = None) -> Chart:
    """TW I–IV of the year: official figure to date, provisional apart, the expected path, the target.

    `language`: the page's, read once for its fifty charts instead of once per figure."""
    language = language or translation.get_language()
    words = _path_words(language)
    indicator = row.indicator
    unit = indicator.unit
    quarters = [words.quarters[point.quarter] for point in row.path]
    official = [point.official for point in row.path]
    provisional = [point.provisional for point in row.path]
    expected = [point.expected for point in row.path]
    target = row.target.value if row.target else None
    known = [v for v in official + provisional + expected + [target] if v is not None]
    divisor, axis_title = _axis_scale(unit, known)

    def line(name, values, shown, style, marker=None):
        """One line of the chart: each point's hover text is the figure as the table shows it."""
        trace = dict(
            type="scatter",
            name=name,
            x=quarters,
            y=_series(values, divisor),
            mode="lines+markers" if marker else "lines",
            line=style,
            customdata=shown,
            hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
        )
        if marker:
            trace["marker"] = marker
        return trace

    traces = []
    # Each line's name and its figures as the table shows them.
    columns: list[tuple[str, list[str]]] = []
    if target is not None:
        shown = [format_value(target, unit, language)] * 4
        columns.append((words.target, shown))
        traces.append(
            line(words.target, [target] * 4, shown, dict(color=TARGET_COLOUR, width=2, dash="dash"))
        )
    if any(v is not None for v in expected) and not indicator.is_supporting:
        shown = [format_value(v, unit, language) for v in expected]
        columns.append((words.expected, shown))
        traces.append(
            line(
                words.expected,
                expected,
                shown,
                dict(color=EXPECTED_COLOUR, width=1.5, dash="dot"),
                dict(symbol="diamond-open", size=8),
            )
        )
    if row.awaiting_approval:
        shown = [format_value(v, unit, language) for v in provisional]
        columns.append((words.provisional, shown))
        traces.append(
            line(
                words.provisional,
                provisional,
                shown,
                dict(color=PROVISIONAL_COLOUR, width=2, dash="dashdot"),
                dict(symbol="circle-open", size=10, line=dict(width=2)),
            )
        )
    category = row.official.category
    colour = official_colour(category)
    official_name = words.official
    if category:
        official_name = f"{official_name} ({words.categories[category]})"
    shown = [format_value(v, unit, language) for v in official]
    traces.append(
        line(official_name, official, shown, dict(color=colour, width=3), dict(size=9, color=colour))
    )
    columns.append((official_name, shown))
    layout = _base_layout(height=320)
    layout.update(
        xaxis=dict(type="category", categoryorder="array", categoryarray=quarters, fixedrange=True),
        yaxis=dict(
            title=dict(text=axis_title),
            rangemode="tozero" if unit != Unit.PERCENT else "normal",
            # Grouped thousands and no trailing zeros: `1.000`, `3,55` with the page's separators.
            tickformat=",~f",
            gridcolor=GRID_COLOUR,
            fixedrange=True,
            automargin=True,
        ),
        legend=dict(orientation="h", x=0, y=-0.15, yanchor="top", xanchor="left"),
        margin=dict(l=8, r=12, t=12, b=8),
    )
    table = ChartTable(
        columns=[words.quarter, *(name for name, _shown in columns)],
        rows=[
            [Cell(quarter), *(Cell(shown[i]) for _name, shown in columns)]
            for i, quarter in enumerate(quarters)
        ],
    )
    return Chart(dom_id=dom_id, spec=_spec(traces, layout), label=indicator.name, table=table)
