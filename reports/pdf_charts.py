"""The summary PDF's charts: plain SVG written here, no browser, no plotting library.

They draw the same data as the page charts (IndicatorRow.path and the official achievement) in
the same category colours. Text stays text in the SVG, so the PDF can be searched and read back.
Each chart is a few shapes and its labels, and no plotting library is loaded or run. WeasyPrint
lays SVG text out letter by letter, so the labels are most of a chart's cost in the PDF.
"""

from __future__ import annotations

import base64
import math
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

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

FULL_ACHIEVEMENT = 100
# Bars beyond this are cut at the axis; their label still gives the real figure.
AXIS_CEILING = 200
# The PDF's text column is 180 mm wide (A4 less two 15 mm margins).
COLUMN_INCHES = 7.0
POINTS_PER_INCH = 72


def _float(value: Decimal | None) -> float | None:
    # The one place figures leave Decimal: a drawing's coordinates are floats.
    return None if value is None else float(value)


def _uri(svg: str) -> str:
    """The chart as an SVG data URI: each chart its own document, so the PDF fetches nothing."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _document(width: float, height: float, font_size: float, shapes: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}pt" height="{height:.1f}pt" '
        f'viewBox="0 0 {width:.1f} {height:.1f}" font-family="DejaVu Sans" font-size="{font_size}">'
        + "".join(shapes)
        + "</svg>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float, dashes: str = "") -> str:
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width}"{dash}/>'
    )


def _text(x: float, y: float, words: str, anchor: str, colour: str = INK) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}">{escape(words)}</text>'


# Round steps between ticks, times a power of ten: the steps matplotlib's MaxNLocator chooses from.
TICK_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def axis_ticks(low: float, high: float, bins: int = 4) -> list[float]:
    """Round figures from `low` to `high`, at most `bins` steps apart and at least two of them: the
    largest round step that still leaves two ticks on the axis."""
    span = high - low
    if span <= 0:
        return [low]
    scale = 10 ** math.floor(math.log10(span / bins))
    steps = [step * scale for step in (TICK_STEPS[-2] / 10, *TICK_STEPS, TICK_STEPS[1] * 10)]
    larger = next(index for index, step in enumerate(steps) if step >= span / bins)
    for step in reversed(steps[: larger + 1]):
        # A hair of tolerance, so that a bound that is itself a tick is not lost to rounding.
        first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
        if last > first:
            break
    return [round(k * step, 12) for k in range(first, last + 1)]


# Characters per line of a bar's label: a long name wraps onto more lines, never cut.
LABEL_WIDTH = 40


def bar_label(number: int, name: str) -> str:
    return textwrap.fill(f"{number}. {name}", width=LABEL_WIDTH)


# The bar chart in points: the label column on the left, the figures' column on the right, the
# axis below; each bar's slot grows with the lines of its label.
BARS_WIDTH = COLUMN_INCHES * POINTS_PER_INCH
BARS_LEFT, BARS_RIGHT, BARS_TOP, BARS_BOTTOM = 198, 108, 6, 29
BAR_SLOT, LABEL_LEADING, BAR_THICKNESS, BARS_PAD = 27.4, 8.6, 17, 2.3
BARS_FONT_SIZE = 7


def _bar_caption(row: IndicatorRow) -> str:
    if row.official.achievement is None:
        caption = _("belum ada data")
    else:
        caption = f"{format_percent(row.official.achievement)} · {row.official.category.label}"
    return f"{caption} {PENDING_MARK}" if row.awaiting_approval else caption


def achievement_bars(rows: Sequence[IndicatorRow], numbers: Sequence[int]) -> str:
    """One horizontal bar per indicator: official achievement in its category colour, a 100% line."""
    labels = [
        bar_label(number, row.indicator.name).split("\n") for number, row in zip(numbers, rows, strict=True)
    ]
    slots = [BAR_SLOT + LABEL_LEADING * (len(lines) - 1) for lines in labels]
    height = BARS_TOP + BARS_BOTTOM + 2 * BARS_PAD + sum(slots)
    left, right, bottom = BARS_LEFT, BARS_WIDTH - BARS_RIGHT, height - BARS_BOTTOM
    achievements = [_float(row.official.achievement) for row in rows]
    limit = min(max([110.0, *(a for a in achievements if a is not None)]) * 1.05, AXIS_CEILING)

    def x(achievement: float) -> float:
        return left + min(max(achievement, 0), limit) / limit * (right - left)

    shapes = []
    top = BARS_TOP + BARS_PAD
    for row, lines, slot, achievement in zip(rows, labels, slots, achievements, strict=True):
        middle = top + slot / 2
        if achievement is not None:
            colour = CATEGORY_COLOURS.get(row.official.category, NO_DATA_COLOUR)
            shapes.append(
                f'<rect x="{left}" y="{middle - BAR_THICKNESS / 2:.1f}" width="{x(achievement) - left:.1f}" '
                f'height="{BAR_THICKNESS}" fill="{colour}"/>'
            )
        # The label's lines centred on the bar, right-aligned against the axis.
        first = middle - LABEL_LEADING * (len(lines) - 1) / 2 + BARS_FONT_SIZE * 0.35
        for index, line in enumerate(lines):
            shapes.append(_text(left - 4, first + index * LABEL_LEADING, line, "end"))
        # The figure stands in a column right of the axes, clear of the bars and the 100% line.
        shapes.append(_text(right + 4, middle + BARS_FONT_SIZE * 0.35, _bar_caption(row), "start"))
        top += slot
    for tick in axis_ticks(0, limit, 5):
        shapes.append(_line(x(tick), bottom, x(tick), bottom + 3.5, MUTED, 0.8))
        shapes.append(_text(x(tick), bottom + 11, f"{tick:.0f}%", "middle"))
    shapes.append(
        _line(x(FULL_ACHIEVEMENT), BARS_TOP, x(FULL_ACHIEVEMENT), bottom, TARGET_COLOUR, 0.9, "3.3 1.4")
    )
    shapes.append(
        f'<polyline points="{left},{BARS_TOP} {left},{bottom} {right},{bottom}" fill="none" '
        f'stroke="{MUTED}" stroke-width="0.8"/>'
    )
    axis_title = _("Capaian terhadap target tahunan (garis putus-putus: 100%)")
    shapes.append(_text((left + right) / 2, height - 4, axis_title, "middle"))
    return _uri(_document(BARS_WIDTH, height, BARS_FONT_SIZE, shapes))


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


def quarterly_path(row: IndicatorRow) -> str:
    """TW I–IV of one indicator: official figure to date, pending figures apart, expected, target.

    A handful of SVG lines and labels: dozens of these go into one document."""
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
        for tick in axis_ticks(low, high):
            shapes.append(_line(PATH_LEFT, y(tick), right, y(tick), GRID_COLOUR, 0.5))
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
    return _uri(_document(PATH_WIDTH, PATH_HEIGHT, 6.5, shapes))
