"""Category colours read on white and carry a readable label on their bars (WCAG 2.1 AA)."""

import re

import pytest
from django.conf import settings

from reports.palette import BAR_LABEL_COLOUR
from targets.choices import CATEGORY_COLOURS, NO_DATA_COLOUR, Category

WHITE = "#ffffff"
PAGE_BACKGROUND = "#f4f6f8"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert round(contrast("#000000", WHITE), 1) == 21.0
    assert round(contrast("#777777", WHITE), 2) == 4.48


@pytest.mark.parametrize("colour", [*CATEGORY_COLOURS.values(), NO_DATA_COLOUR])
def test_each_category_colour_reads_as_text_on_white_and_on_the_page(colour):
    assert contrast(colour, WHITE) >= 4.5
    assert contrast(colour, PAGE_BACKGROUND) >= 4.5


@pytest.mark.parametrize("colour", CATEGORY_COLOURS.values())
def test_the_label_inside_each_bar_reads_on_its_colour(colour):
    assert contrast(BAR_LABEL_COLOUR, colour) >= 4.5


def test_the_stylesheet_gives_each_category_the_palettes_colour():
    css = (settings.BASE_DIR / "static" / "css" / "kaltengkop.css").read_text()
    declared = dict(re.findall(r"\.category-(\w+) \{ --badge: (#[0-9a-f]{6}); \}", css))
    assert declared == {**{c.value: CATEGORY_COLOURS[c] for c in Category}, "none": NO_DATA_COLOUR}
