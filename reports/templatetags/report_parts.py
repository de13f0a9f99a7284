"""The small pieces that a page repeats once per indicator or follow-up, built in Python.

A badge, a track mark or a follow-up line was an {% include %} per row: on a dashboard of 200
indicators that was thousands of template renders for a few dozen distinct strings. The markup is
the same as the partials' it replaced, byte for byte.
"""

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from html import escape

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import dateformat, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from targets.choices import CLOSED_FOLLOW_UP_STATUSES, Category, FollowUpStatus, Quarter
from targets.formatting import format_percent, format_value
from targets.models import Indicator

register = template.Library()

# A follow-up number that no URL contains, replaced by the real one.
PK_MARKER = 987654321


@lru_cache(maxsize=64)
def _badge(category: str | None, language: str) -> SafeString:
    if category:
        return format_html(
            '<span class="badge category-{}"><span class="swatch" aria-hidden="true"></span>{}</span>\n',
            category,
            Category(category).label,
        )
    return format_html(
        '<span class="badge badge-empty category-none">'
        '<span class="swatch" aria-hidden="true"></span>{}</span>\n',
        _("belum ada data"),
    )


@register.simple_tag
def category_badge(category):
    """A category's badge: its colour and its word; an empty badge where there is no figure."""
    return _badge(category or None, translation.get_language())


def category_badge_in(category, language: str) -> SafeString:
    """The badge for a table that has read the active language once for all its rows."""
    return _badge(category or None, language)


@register.simple_tag(takes_context=True)
def bureau_table(context, table):
    """The bureau table (reports.tables.BureauTable); its sort links keep the page's own query string."""
    return table.html(context["request"])


@lru_cache(maxsize=16)
def _track(on_track: bool | None, language: str) -> SafeString:
    if on_track is None:
        return mark_safe('<span class="muted">–</span>\n')
    if on_track:
        return format_html('<span class="track track-on">✓ {}</span>\n', _("sesuai rencana"))
    return format_html('<span class="track track-off">✗ {}</span>\n', _("tertinggal"))


@register.simple_tag
def on_track(value):
    """Whether a figure keeps to its planned path, in a mark and a word (None: no path to compare)."""
    return _track(value, translation.get_language())


@lru_cache(maxsize=8)
def _follow_up_url(urlconf, prefix) -> str:
    return reverse("targets:follow_up", urlconf=urlconf, args=[PK_MARKER])


@lru_cache(maxsize=1024)
def _due(date, language: str) -> str:
    return dateformat.format(date, "j M Y")


@lru_cache(maxsize=32)
def _status(status: str, language: str) -> str:
    return str(FollowUpStatus(status).label)


@register.simple_tag
def follow_up_line(follow_up, today=None):
    """One follow-up on one line: its action linked, PIC, due date, status, and whether it is late
    (with `today`)."""
    language = translation.get_language()
    url = _follow_up_url(get_urlconf(), get_script_prefix()).replace(str(PK_MARKER), str(follow_up.pk))
    late = ""
    if today and follow_up.status not in CLOSED_FOLLOW_UP_STATUSES and follow_up.due_date < today:
        late = format_html(' <span class="overdue">{}</span>', _("lewat batas waktu"))
    return format_html(
        '<a href="{}">{}</a>\n<span class="muted">· {}: {} · {} {}</span>\n'
        '<span class="follow-up-status follow-up-{}">{}</span>{}\n\n',
        url,
        follow_up.action,
        _("PIC"),
        follow_up.pic,
        _("batas"),
        _due(follow_up.due_date, language),
        follow_up.status,
        _status(follow_up.status, language),
        late,
    )


@dataclass(frozen=True)
class RowLabels:
    """The column names each cell carries for the phone layout (data-label), translated once a page."""

    bureau: str
    baseline: str
    target: str
    realization: str
    achievement: str
    category: str
    expected: str
    on_track: str
    projection: str
    revised: str
    pending_title: str
    pending: str


@lru_cache(maxsize=16)
def _row_labels(quarter: int, language: str) -> dict[str, str]:
    """{"label_bureau": …}: the labels as the row's format fields."""
    labels = RowLabels(
        bureau=_("Bidang"),
        baseline=_("Data dasar"),
        target=_("Target"),
        realization=_("Realisasi"),
        achievement=_("Capaian"),
        category=_("Kategori"),
        expected=_("Target s.d. %(quarter)s") % {"quarter": Quarter(quarter).label},
        on_track=_("Sesuai rencana?"),
        projection=_("Proyeksi akhir tahun"),
        revised=_("diubah sejak rapat"),
        pending_title=_("Termasuk angka yang belum disetujui"),
        pending=_("menunggu persetujuan"),
    )
    return {f"label_{name}": value for name, value in asdict(labels).items()}


ROW = """
    <tr data-indicator="{code}"{pending_class}>
      <th scope="row"><a href="{url}">{name}</a></th>
      <td class="hide-phone" data-label="{label_bureau}">{bureau}</td>
      <td class="num" data-label="{label_baseline}">
        {baseline}
      </td>
      <td class="num" data-label="{label_target}">{target}</td>
      <td class="num" data-label="{label_realization}">
        <span>{realization}
        {borrowed}
        {revised}
        {pending}</span>
      </td>
      <td class="num" data-label="{label_achievement}">{achievement}</td>
      <td data-label="{label_category}">{badge}</td>
      <td class="num" data-label="{label_expected}">{expected}</td>
      <td data-label="{label_on_track}">{track}</td>
      <td class="num" data-label="{label_projection}">
        <span>{projection}
        {projected}</span>
      </td>
    </tr>
    """

BASELINE = """
          <span>{value} <span class="muted">({year})</span></span>
        """

PENDING = """
          <span class="pending" title="{label_pending_title}">
            {label_pending}:
            {value}
            ({quarters})
          </span>
        """


def fill_html(template: str, **values) -> SafeString:
    """`format_html` for the hot loops: the same escaping of plain values (the standard library's,
    quotes included), without Django's per-value checks for lazy strings; safe values go in as they are."""
    return mark_safe(
        template.format_map(
            {
                name: value if isinstance(value, SafeData) else escape(str(value))
                for name, value in values.items()
            }
        )
    )


@lru_cache(maxsize=16)
def _safe_labels(quarter: int, language: str) -> dict[str, SafeString]:
    """The row labels escaped once, for every row of the table."""
    return {name: conditional_escape(label) for name, label in _row_labels(quarter, language).items()}


@lru_cache(maxsize=32)
def _labelled(template: str, quarter: int, language: str) -> str:
    """A row's template with the labels written in: a row then fills only its own cells."""
    for name, label in _safe_labels(quarter, language).items():
        template = template.replace("{" + name + "}", label.replace("{", "{{").replace("}", "}}"))
    return template


@register.simple_tag
def indicator_rows(rows, year, quarter, revised_rows=None):
    """The rows of the indicator table (reports/partials/indicator_table.html), one per indicator.

    Two hundred rows of a dozen cells each: the labels, the bureaus' links and the language are
    looked up once per table, and the cells filled by `fill_html`."""
    if not rows:
        return ""
    language = translation.get_language()
    labels = _safe_labels(int(quarter), language)
    row_template = _labelled(ROW, int(quarter), language)
    pending_template = _labelled(PENDING, int(quarter), language)
    revised_rows = revised_rows or ()
    revised_mark = fill_html(
        '<span class="block"><a class="revised-mark" href="#angka">{label}</a></span>',
        label=labels["label_revised"],
    )
    bureau_cells = {}
    url_of = Indicator.urls()
    parts = []
    for row in rows:
        indicator, official = row.indicator, row.official
        unit = indicator.unit
        bureau = indicator.bureau
        if bureau.pk not in bureau_cells:
            bureau_cells[bureau.pk] = fill_html(
                '<a href="{url}?tahun={year}&amp;tw={quarter}">{name}</a>',
                url=bureau.get_absolute_url(),
                year=year,
                quarter=quarter,
                name=bureau.name,
            )
        baseline = (
            fill_html(
                BASELINE,
                value=format_value(indicator.baseline_value, unit, language),
                year=indicator.baseline_year,
            )
            if indicator.baseline_value is not None
            else "–"
        )
        pending = ""
        if row.awaiting_approval:
            pending = fill_html(
                pending_template,
                value=format_value(row.provisional.realization, unit, language),
                quarters=", ".join(str(Quarter(q).label) for q in row.pending_quarters),
            )
        parts.append(
            fill_html(
                row_template,
                code=indicator.code,
                pending_class=mark_safe(' class="has-pending"') if row.awaiting_approval else "",
                url=url_of(indicator),
                name=indicator.name,
                bureau=bureau_cells[bureau.pk],
                baseline=baseline,
                target=format_value(official.target, unit, language),
                realization=format_value(official.realization, unit, language),
                borrowed=render_to_string("reports/partials/borrowed_note.html", {"row": row})
                if row.denominator_borrowed
                else "",
                revised=revised_mark if indicator.pk in revised_rows else "",
                pending=pending,
                achievement=format_percent(official.achievement, language=language),
                badge=_badge(official.category or None, language),
                expected=format_value(official.expected, unit, language),
                track=_track(official.on_track, language),
                projection=format_value(official.projection, unit, language),
                projected=fill_html(
                    '<span class="muted block">{value}</span>',
                    value=format_percent(official.projected_achievement, language=language),
                )
                if official.projected_achievement is not None
                else "",
            )
        )
    return mark_safe("".join(parts))


# json_script's escapes, as plain replacements: str.translate took a tenth of a page of fifty charts.
JSON_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


def _json_script(value, element_id: str) -> str:
    """django.utils.html.json_script, byte for byte."""
    text = json.dumps(value, cls=DjangoJSONEncoder)
    for character, escaped in JSON_ESCAPES:
        text = text.replace(character, escaped)
    return f'<script id="{escape(element_id)}" type="application/json">{text}</script>'


def _chart_cell(cell, tag: str, opening: str) -> str:
    text = escape(str(cell.text))
    shown = f'<a href="{escape(cell.href)}">{text}</a>' if cell.href else text
    return f"{opening}{shown}</{tag}>"


@lru_cache(maxsize=8)
def _chart_summary(language: str) -> str:
    # Written as {% translate %} writes it: a translation is the project's own text.
    return _("Angka grafik ini dalam tabel")


@register.simple_tag
def chart_figure(chart):
    """A chart (reports.charts.Chart): its container, its spec for plotly.js and, for screen readers
    and keyboards, its figures in a table. One function for the fifty charts of a bureau page."""
    label = escape(str(chart.label))
    parts = [
        '<figure class="chart-figure">\n'
        f'  <div class="chart" id="{escape(chart.dom_id)}" data-chart="{escape(chart.data_id)}" role="img" '
        f'aria-label="{label}"></div>\n'
        f"  {_json_script(chart.spec, chart.data_id)}\n"
    ]
    if chart.table:
        first, *others = chart.table.columns
        columns = f'<th scope="col">{escape(str(first))}</th>' + "".join(
            f'<th scope="col" class="num">{escape(str(column))}</th>' for column in others
        )
        rows = "".join(
            "          <tr>"
            + _chart_cell(row[0], "th", '<th scope="row">')
            + "".join(_chart_cell(cell, "td", '<td class="num">') for cell in row[1:])
            + "</tr>\n"
            for row in chart.table.rows
        )
        parts.append(
            '  <details class="chart-data">\n'
            f"    <summary>{_chart_summary(translation.get_language())}</summary>\n"
            '    <div class="table-wrap" tabindex="0">\n'
            '      <table class="data-table">\n'
            f'        <caption class="visually-hidden">{label}</caption>\n'
            f"        <thead><tr>{columns}</tr></thead>\n"
            f"        <tbody>\n{rows}        </tbody>\n"
            "      </table>\n"
            "    </div>\n"
            "  </details>\n"
        )
    parts.append("</figure>\n")
    return mark_safe("".join(parts))


PATH_CARD = """<div class="card chart-card">
  <h3><a href="{url}">{name}</a></h3>
  <p class="chart-meta">{badge} · {achievement}{pending}</p>
  {figure}
</div>
"""


@lru_cache(maxsize=8)
def _pending_mark(language: str) -> str:
    words = _("ada angka menunggu persetujuan")
    return f' · <span class="status status-submitted">{words}</span>'


@register.simple_tag
def path_chart_cards(path_charts):
    """The bureau page's grid of charts, one card per (row, chart): the indicator linked, its category
    and achievement, and its chart (reports/partials/chart.html) with the chart's figures in a table."""
    language = translation.get_language()
    url_of = Indicator.urls()
    return mark_safe(
        "".join(
            PATH_CARD.format(
                url=escape(url_of(row.indicator)),
                name=escape(row.indicator.name),
                badge=_badge(row.official.category or None, language),
                achievement=escape(format_percent(row.official.achievement, language=language)),
                pending=_pending_mark(language) if row.awaiting_approval else "",
                figure=chart_figure(chart),
            )
            for row, chart in path_charts
        )
    )


@lru_cache(maxsize=8)
def _note_words(language: str) -> tuple[str, str]:
    return _("Kendala"), _("Tindak lanjut")


def _note(series, entry, follow_ups, today, language: str) -> str:
    kendala, follow_up_word = _note_words(language)
    when = written = listed = ""
    if entry:
        when = f' <span class="muted">{entry.year} {escape(str(Quarter(entry.quarter).label))}</span>'
        written = f"<p><strong>{kendala}:</strong> {escape(entry.kendala)}</p>\n"
    if follow_ups:
        lines = "".join(f"<li>{follow_up_line(follow_up, today)}</li>" for follow_up in follow_ups)
        listed = f'<p><strong>{follow_up_word}:</strong></p>\n<ul class="follow-up-list">{lines}</ul>\n'
    return (
        '<article class="card note-card">\n'
        f'<h3><a href="{escape(series.get_absolute_url())}">{escape(series.name)}</a>{when}</h3>\n'
        f"{written}{listed}</article>\n"
    )


@register.simple_tag
def latest_notes(notes, today):
    """The bureau page's notes, one card per series (series, its latest entry with a kendala or None,
    its unfinished follow-ups): the kendala in its words, and each follow-up on its line."""
    language = translation.get_language()
    return mark_safe(
        "".join(_note(series, entry, follow_ups, today, language) for series, entry, follow_ups in notes)
    )


BEHIND_ITEM = """
    <article class="behind-item" data-behind="{code}">
      <h3><a href="{url}">{name}</a> {badge}</h3>
      {note}
      {follow_ups}
    </article>
"""


@lru_cache(maxsize=8)
def _behind_words(language: str) -> dict[str, str]:
    return {
        "kendala": _("Kendala"),
        "no_kendala": _("Belum ada kendala yang dilaporkan."),
        "no_follow_up": _("Belum ada tindak lanjut yang berjalan."),
        "none_behind": _("Tidak ada indikator yang tertinggal dari rencana."),
    }


def _more_follow_ups(count: int, url: str, bureau_code: str) -> SafeString:
    words = ngettext(
        "dan %(counter)s tindak lanjut lain yang belum selesai",
        "dan %(counter)s tindak lanjut lain yang belum selesai",
        count,
    ) % {"counter": count}
    return fill_html(
        '<p><a href="{url}?bidang={bureau}">{words}</a></p>', url=url, bureau=bureau_code, words=words
    )


@register.simple_tag
def behind_items(behind, today):
    """The dashboard's "Yang sedang dilakukan": each indicator behind its path (views.BehindRow) with its
    latest kendala and its first unfinished follow-ups, or a line saying none is behind."""
    language = translation.get_language()
    words = _behind_words(language)
    if not behind:
        return fill_html('<p class="empty">{words}</p>', words=words["none_behind"])
    follow_ups_url = reverse("targets:follow_ups")
    parts = []
    for item in behind:
        indicator, note = item.row.indicator, item.note
        if note:
            shown = fill_html(
                '<p><strong>{kendala}</strong> <span class="muted">({state})</span>: {series}{text}</p>',
                kendala=words["kendala"],
                state=note.state,
                series=f"{note.series}: " if note.series else "",
                text=note.kendala,
            )
        else:
            shown = fill_html('<p class="muted">{words}</p>', words=words["no_kendala"])
        if item.follow_ups:
            lines = "".join(f"<li>{follow_up_line(follow_up, today)}</li>" for follow_up in item.follow_ups)
            more = _more_follow_ups(item.more, follow_ups_url, indicator.bureau.code) if item.more else ""
            listed = mark_safe(f'<ul class="follow-up-list">{lines}</ul>\n      {more}')
        else:
            listed = fill_html('<p class="muted">{words}</p>', words=words["no_follow_up"])
        parts.append(
            fill_html(
                BEHIND_ITEM,
                code=indicator.code,
                url=indicator.get_absolute_url(),
                name=indicator.name,
                badge=_badge(item.row.official.category or None, language),
                note=shown,
                follow_ups=listed,
            )
        )
    return mark_safe("".join(parts))
