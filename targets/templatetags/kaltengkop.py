from pathlib import PurePosixPath

from django import template

from targets import formatting
from targets.choices import CATEGORY_COLOURS, NO_DATA_COLOUR, Category, Quarter

register = template.Library()


@register.filter
def in_unit(value, unit):
    """A figure in its indicator's unit: `1.311`, `Rp 222 miliar`, `1,12%`; a dash for none."""
    return formatting.format_value(None if value == "" else value, unit)


@register.filter
def number(value):
    return formatting.format_number(value)


@register.filter
def percent(value):
    return formatting.format_percent(value)


@register.filter
def category_colour(value):
    return CATEGORY_COLOURS.get(value, NO_DATA_COLOUR)


@register.filter
def category_class(value):
    """The CSS class that carries a category's colour on the pages, which allow no style attribute."""
    return f"category-{value or 'none'}"


@register.filter
def category_label(value):
    return Category(value).label if value else ""


@register.filter
def quarter_label(value):
    return Quarter(int(value)).label


@register.filter
def filename(value):
    """A stored file's own name, without the folders it is kept in."""
    return PurePosixPath(str(value)).name if value else ""


@register.filter
def rows_with_errors(rows):
    """The entry rows whose form a refused save marked."""
    return [row for row in rows if row.form is not None and row.form.errors]
