"""The summary PDF's charts: matplotlib's object API drawn straight to SVG, no browser, no pyplot.

They draw the same data as the page charts (IndicatorRow.path and the official achievement) in
the same category colours. Text stays text in the SVG, so the PDF can be searched and read back.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from reports.narrative import PENDING_MARK, quarter_label
from reports.palette import (
    EXPECTED_COLOUR,
    GRID_COLOUR,
    INK,
    MUTED,
    PROVISIONAL_COLOUR,
    TARGET_COLOUR,
    official_colour,
)
from targets.choices import CATEGORY_COLOURS, NO_DATA_COLOUR
from targets.formatting import format_percent, format_value
from targets.readmodel import IndicatorRow

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 7,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        # The same figures give the same SVG, run after run.
        "svg.hashsalt": "kaltengkop",
        # Names and labels are people's text: `$…$` in an indicator name is printed, never typeset.
        "text.parse_math": False,
    }
)

FULL_ACHIEVEMENT = 100
# Bars beyond this are cut at the axis; their label still gives the real figure.
AXIS_CEILING = 200
# The PDF's text column is 180 mm wide (A4 less two 15 mm margins).
COLUMN_INCHES = 7.0


def _svg(figure: Figure) -> str:
    """The figure as an SVG data URI: each chart its own document, so the PDF fetches nothing."""
    buffer = io.BytesIO()
    FigureCanvasSVG(figure).print_svg(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _float(value: Decimal | None) -> float | None:
    # The one place figures leave Decimal: matplotlib only draws floats.
    return None if value is None else float(value)


# Characters per line of a bar's label: a long name wraps onto more lines, never cut.
LABEL_WIDTH = 40


def bar_label(number: int, name: str) -> str:
    return textwrap.fill(f"{number}. {name}", width=LABEL_WIDTH)


def achievement_bars(rows: Sequence[IndicatorRow], numbers: Sequence[int]) -> str:
    """One horizontal bar per indicator: official achievement in its category colour, a 100% line."""
    labels = [bar_label(number, row.indicator.name) for number, row in zip(numbers, rows, strict=True)]
    # Each bar's slot grows with the lines of its label.
    height = 0.55 + sum(0.38 + 0.12 * label.count("\n") for label in labels)
    figure = Figure(figsize=(COLUMN_INCHES, height))
    axes = figure.add_subplot()
    achievements = [_float(row.official.achievement) for row in rows]
    known = [a for a in achievements if a is not None]
    limit = min(max([110.0, *known]) * 1.05, AXIS_CEILING)
    positions = list(range(len(rows)))
    label_column = blended_transform_factory(axes.transAxes, axes.transData)
    axes.barh(
        positions,
        [min(a, limit) if a is not None else 0 for a in achievements],
        color=[CATEGORY_COLOURS.get(row.official.category, NO_DATA_COLOUR) for row in rows],
        height=0.62,
    )
    axes.axvline(FULL_ACHIEVEMENT, color=TARGET_COLOUR, linewidth=0.9, linestyle="--")
    for position, row, achievement in zip(positions, rows, achievements, strict=True):
        if achievement is None:
            label = _("belum ada data")
        else:
            label = f"{format_percent(row.official.achievement)} · {row.official.category.label}"
        if row.awaiting_approval:
            label += f" {PENDING_MARK}"
        # Labels stand in a column right of the axes, clear of the bars and the 100% line.
        axes.text(1.02, position, label, va="center", fontsize=7, transform=label_column)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlim(0, limit)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}%"))
    axes.set_xlabel(_("Capaian terhadap target tahunan (garis putus-putus: 100%)"))
    # Fixed margins (in inches) instead of tight_layout, which measures every label and is slow.
    figure.subplots_adjust(
        left=2.75 / COLUMN_INCHES, right=1 - 1.5 / COLUMN_INCHES, bottom=0.4 / height, top=1 - 0.08 / height
    )
    return _svg(figure)


# The quarterly chart in points (3.4 × 1.9 in), and its plot area's margins.
PATH_WIDTH, PATH_HEIGHT = 245, 137
PATH_LEFT, PATH_RIGHT, PATH_BOTTOM, PATH_TOP = 61, 6, 18, 6


def _polyline(points: list[tuple[float, float]], colour: str, width: float, dashes: str = "") -> str:
    # A lone point is drawn as a dot: a line of one point shows nothing.
    if len(points) == 1:
        (x, y), radius = points[0], width + 0.9
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}"/>'
    coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>'


def _text(x: float, y: float, words: str, anchor: str, colour: str = INK) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}">{escape(words)}</text>'


def quarterly_path(row: IndicatorRow) -> str:
    """TW I–IV of one indicator: official figure to date, pending figures apart, expected, target.

    Drawn as a handful of SVG lines and labels, without matplotlib: dozens of these go into one
    document, and WeasyPrint draws a few plain shapes far faster than a full matplotlib figure."""
    unit = row.indicator.unit
    quarters = [point.quarter for point in row.path]
    official = [(p.quarter, _float(p.official)) for p in row.path if p.official is not None]
    provisional = [
        (p.quarter, _float(p.provisional))
        for p in row.path
        if p.provisional is not None and p.provisional != p.official
    ]
    expected = [(p.quarter, _float(p.expected)) for p in row.path if p.expected is not None]
    target = _float(row.target.value) if row.target is not None else None
    drawn = [v for _q, v in official + provisional + expected] + ([target] if target is not None else [])
    low, high = 0.0, 1.0
    if drawn:
        # Room above and below, so a target or a flat line never sits on the frame.
        low, high = min(drawn), max(drawn)
        span = (high - low) or abs(high) * 0.1 or 1.0
        low, high = low - span * 0.1, high + span * 0.12
    right, bottom = PATH_WIDTH - PATH_RIGHT, PATH_HEIGHT - PATH_BOTTOM

    def x(quarter: float) -> float:
        return PATH_LEFT + (quarter - 0.7) / 3.6 * (right - PATH_LEFT)

    def y(value: float) -> float:
        return PATH_TOP + (high - value) / (high - low) * (bottom - PATH_TOP)

    shapes = []
    if drawn:
        for tick in MaxNLocator(nbins=4).tick_values(low, high):
            if low <= tick <= high:
                shapes.append(
                    f'<line x1="{PATH_LEFT}" x2="{right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                    f'stroke="{GRID_COLOUR}" stroke-width="0.5"/>'
                )
                label = format_value(Decimal(str(float(tick))), unit)
                shapes.append(_text(PATH_LEFT - 3, y(tick) + 2.2, label, "end"))
    shapes.append(
        f'<polyline points="{PATH_LEFT},{PATH_TOP} {PATH_LEFT},{bottom} {right},{bottom}" fill="none" '
        f'stroke="{MUTED}" stroke-width="0.8"/>'
    )
    for quarter in quarters:
        shapes.append(_text(x(quarter), PATH_HEIGHT - 6, quarter_label(quarter), "middle"))
    if expected:
        shapes.append(_polyline([(x(q), y(v)) for q, v in expected], EXPECTED_COLOUR, 1.2, "1.2 2"))
    if target is not None:
        shapes.append(_polyline([(PATH_LEFT, y(target)), (right, y(target))], TARGET_COLOUR, 0.8, "3 2"))
    if official:
        colour = official_colour(row.official.category)
        shapes.append(_polyline([(x(q), y(v)) for q, v in official], colour, 1.6))
    if provisional:
        # Joined to the last official point before it, so the pending step reads as an addition.
        anchor = [(q, v) for q, v in official if q < provisional[0][0]][-1:]
        points = [(x(q), y(v)) for q, v in anchor + provisional]
        shapes.append(_polyline(points, PROVISIONAL_COLOUR, 1.2, "3 2"))
    if not official and not provisional:
        middle = (PATH_TOP + bottom) / 2
        shapes.append(_text((PATH_LEFT + right) / 2, middle, _("belum ada data"), "middle", MUTED))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PATH_WIDTH}pt" height="{PATH_HEIGHT}pt" '
        f'viewBox="0 0 {PATH_WIDTH} {PATH_HEIGHT}" font-family="DejaVu Sans" font-size="6.5">'
        + "".join(shapes)
        + "</svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
