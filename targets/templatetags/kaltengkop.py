from pathlib import PurePosixPath

from django import template
from django.utils import timezone

from targets import formatting
from targets.choices import CATEGORY_COLOURS, NO_DATA_COLOUR, Category, Quarter
from targets.regional_reads import current_period

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
def entry_errors(quarter):
    """Every error a refused save marked on the entry form, as (subject, field, message), in page order:
    the rows' figures and the follow-ups agreed under them, then the reports on earlier follow-ups."""
    forms = []
    for row in quarter.rows:
        forms += [(row.indicator.name, form) for form in (row.form, row.new_follow_up) if form is not None]
    forms += [(item.follow_up.action[:60], item.form) for item in quarter.carried if item.form is not None]
    return [
        (subject, field, error)
        for subject, form in forms
        if form.is_bound and form.errors
        for field in form
        for error in field.errors
    ]


@register.filter
def operator_period(user):
    """The year and quarter a regency operator's navigation opens: the one today falls in."""
    return current_period(timezone.localdate())
