"""The chart palette shared by the page charts (plotly) and the PDF charts (plain SVG).

Categories keep their colours from targets.choices; these are the lines drawn around them.
"""

from targets.choices import CATEGORY_COLOURS, Category

INK = "#1f2933"
MUTED = "#5f6b7a"
# The annual target and the 100% line: dashed, in the ink colour.
TARGET_COLOUR = INK
# The expected-to-date path: dotted, muted.
EXPECTED_COLOUR = MUTED
# Figures awaiting approval: their own colour, never the official one.
PROVISIONAL_COLOUR = "#8a5a00"
# The official line of an indicator with no category yet (no target or no data).
OFFICIAL_COLOUR = "#0b5c8a"
GRID_COLOUR = "#e6e9ee"
# The figure written inside a category's bar: every category colour keeps 4.5:1 against it.
BAR_LABEL_COLOUR = "#ffffff"


def official_colour(category: Category | None) -> str:
    """The official line takes the colour of the indicator's category, so it matches its badge."""
    return CATEGORY_COLOURS[category] if category else OFFICIAL_COLOUR
