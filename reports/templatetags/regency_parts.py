"""The parts of a page that grow with the number of kabupaten/kota, written in Python.

A national tree has over five hundred regencies: a template loop with filters per cell, or a form
widget per option, cost more than the rest of the page. These tags write the same markup in one pass,
with the labels translated and the language looked up once per table rather than once per cell.
"""

from html import escape

from django import template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.filters import mark_chosen
from reports.templatetags.report_parts import category_badge_in
from targets.formatting import babel_locale, format_percent, format_value
from targets.regional_table import RegencyTable

register = template.Library()


def _states() -> tuple[str, str, str]:
    """A regency's report state, as the table shows it: reported, awaiting review, not reported."""
    return (
        f'<span class="status status-approved">{escape(_("melapor"))}</span>',
        f'<span class="status status-submitted">{escape(_("menunggu pemeriksaan bidang"))}</span>',
        f'<span class="status status-draft">{escape(_("belum melapor"))}</span>',
    )


@register.simple_tag
def regency_table_rows(table: RegencyTable) -> SafeString:
    """The body rows of a regency table: name, realization, and for an indicator with a target its
    target, achievement and category, then whether the regency reported the quarter."""
    indicator = table.indicator
    unit = indicator.unit
    active = translation.get_language()
    language = babel_locale(active)
    reported, pending, missing = _states()
    with_target = not indicator.is_supporting
    lines = []
    for row in table.rows:
        official = row.official
        cells = [
            f'<tr data-region="{escape(row.region.code)}">\n'
            f'      <th scope="row">{escape(row.region.name)}</th>\n'
            f'      <td class="num">{escape(format_value(official.realization, unit, language))}</td>\n'
        ]
        if with_target:
            cells.append(
                f'      <td class="num">{escape(format_value(official.target, unit, language))}</td>\n'
                f'      <td class="num">{escape(format_percent(official.achievement, 2, language))}</td>\n'
                f"      <td>{category_badge_in(official.category, active)}</td>\n"
            )
        state = reported if row.reported else pending if row.pending else missing
        cells.append(f"      <td>{state}</td>\n    </tr>")
        lines.append("".join(cells))
    return mark_safe("\n    ".join(lines))


@register.simple_tag
def regency_options(regency_filter, region="") -> SafeString:
    """The options of the dashboard's kabupaten/kota filter, the chosen regency's marked selected."""
    # The dashboard of the province has no `region`: the template hands an empty string then.
    return mark_safe(mark_chosen(regency_filter.options, getattr(region, "code", None)))
