"""The coordination-meeting summary PDF: the document's data in a fixed number of queries, then WeasyPrint.

Nothing is fetched while rendering: the stylesheet is read from disk, the charts are SVG data
URIs and the fonts come from the system (DejaVu), so the PDF is made the same way offline.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from babel.dates import format_date, format_datetime
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from reports import evaluation, narrative, pdf_charts
from reports.models import Letterhead
from targets import progress
from targets.choices import CATEGORY_COLOURS, Category, Status
from targets.followup_reads import agreed_in_year, before_meeting
from targets.formatting import babel_locale
from targets.models import Bureau, FollowUp, Realization
from targets.readmodel import PROVISIONAL, IndicatorRow, build_rows
from targets.regional_table import RegencyTable, regency_tables

STYLESHEET = settings.BASE_DIR / "static" / "css" / "pdf.css"


class LocalOnlyFetcher(URLFetcher):
    """Opens only the charts' data URIs: the document carries its styles and charts with it."""

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            raise ValueError(f"The summary PDF loads nothing from outside the document: {url}")
        return super().fetch(url, headers)


@cache
def _stylesheet() -> tuple[CSS, FontConfiguration]:
    fonts = FontConfiguration()
    return CSS(string=STYLESHEET.read_text(encoding="utf-8"), font_config=fonts), fonts


@dataclass
class Note:
    """A kendala reported for one quarter, on the indicator or a series it uses, and the follow-ups
    agreed on it in that quarter."""

    quarter: int
    kendala: str
    follow_ups: list[FollowUp] = field(default_factory=list)
    series: str | None = None
    status: str = Status.APPROVED

    @property
    def awaiting_approval(self) -> bool:
        return self.status == Status.SUBMITTED

    @property
    def returned(self) -> bool:
        return self.status == Status.RETURNED


@dataclass
class Entry:
    """One indicator as the document shows it, numbered for its formula footnote."""

    number: int
    row: IndicatorRow
    formula: str = ""
    notes: list[Note] = field(default_factory=list)
    chart: str = ""

    @property
    def needs_attention(self) -> bool:
        """Behind its planned path, or with a kendala or a follow-up reported in the year: detailed in
        the document itself; the others' detail is an optional annex. (A low category alone is no
        reason: before TW IV most summed indicators are low against the annual target.)"""
        return self.row.official.on_track is False or bool(self.notes)


@dataclass
class Section:
    bureau: Bureau
    entries: list[Entry]
    bars: str = ""
    counts_sentence: str = ""

    @property
    def has_data(self) -> bool:
        return narrative.has_data([entry.row for entry in self.entries])

    @property
    def detailed(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.needs_attention]

    @property
    def others(self) -> list[Entry]:
        return [entry for entry in self.entries if not entry.needs_attention]


def _series_ids(row: IndicatorRow) -> list[int]:
    indicator = row.indicator
    if indicator.is_ratio:
        return [indicator.pk, indicator.numerator_id, indicator.denominator_id]
    return [indicator.pk]


def _year_figures(rows: list[IndicatorRow], year: int, quarter: int):
    """One query: the year's reported figures and notes of every series the rows draw on.

    Returned figures come too, for their kendala: the meeting sees why a quarter went back.
    """
    ids = {series_id for row in rows for series_id in _series_ids(row)}
    return Realization.objects.filter(
        indicator_id__in=ids, year=year, quarter__lte=quarter, status__in=PROVISIONAL | {Status.RETURNED}
    ).values_list("indicator_id", "quarter", "value", "status", "kendala")


def _entries(rows: list[IndicatorRow], year: int, quarter: int) -> list[Entry]:
    """One query for the figures and one for the follow-ups agreed in the year up to the quarter."""
    approved: dict[int, dict[int, Decimal]] = defaultdict(dict)
    notes: dict[int, list[tuple]] = defaultdict(list)
    agreed = agreed_in_year({series_id for row in rows for series_id in _series_ids(row)}, year)
    for series_id, q, value, status, kendala in _year_figures(rows, year, quarter):
        if status == Status.APPROVED:
            approved[series_id][q] = value
        follow_ups = agreed.get(series_id, {}).get(q, [])
        if kendala.strip() or follow_ups:
            notes[series_id].append((q, kendala.strip(), follow_ups, status))
    entries = []
    for number, row in enumerate(rows, start=1):
        entry = Entry(number=number, row=row, formula=narrative.formula(row, approved))
        indicator = row.indicator
        # A ratio's notes are entered on its two series; they are shown under the ratio, named.
        names = {indicator.pk: None}
        if indicator.is_ratio:
            names.update({indicator.numerator_id: indicator.numerator.name})
            names.update({indicator.denominator_id: indicator.denominator.name})
        entry.notes = sorted(
            (
                Note(q, kendala, follow_ups, names[series_id], status)
                for series_id in names
                for q, kendala, follow_ups, status in notes.get(series_id, [])
            ),
            key=lambda note: (note.quarter, note.series or ""),
        )
        entries.append(entry)
    return entries


def _bureau_order(row: IndicatorRow) -> tuple[int, str]:
    return row.indicator.bureau.order, row.indicator.bureau.name


def _sections(entries: list[Entry], year: int, quarter: int, draw: bool, detail_annex: bool) -> list[Section]:
    """Entries grouped by bureau, in the order the entries already follow. Charts are drawn once each,
    and only for what the document shows: the indicators it details, the others in the annex."""
    sections: list[Section] = []
    for entry in entries:
        bureau = entry.row.indicator.bureau
        if not sections or sections[-1].bureau.pk != bureau.pk:
            sections.append(Section(bureau=bureau, entries=[]))
        sections[-1].entries.append(entry)
    for section in sections:
        if not (draw and section.has_data):
            continue
        section.counts_sentence = narrative.counts_sentence(
            [entry.row for entry in section.entries], year, quarter
        )
        detailed = section.detailed
        if detailed:
            section.bars = pdf_charts.achievement_bars(
                [entry.row for entry in detailed], [entry.number for entry in detailed]
            )
        for entry in section.entries if detail_annex else detailed:
            entry.chart = pdf_charts.quarterly_path(entry.row)
    return sections


def regencies(entries: list[Entry], year: int, quarter: int) -> list[tuple[Entry, RegencyTable]]:
    """The regency table of each entry reported by region, in the entries' order: three queries when
    there is one, none otherwise. The table only, no chart: the document stays quick to make."""
    tables = regency_tables([entry.row.indicator for entry in entries], year, quarter)
    return [(entry, tables[entry.row.indicator.pk]) for entry in entries if entry.row.indicator.pk in tables]


def page_counter() -> str:
    """The page footer as CSS content: "Halaman 2 dari 5", or "Page 2 of 5" in English."""
    words = _("Halaman %(page)s dari %(pages)s").replace('"', "")
    return '"' + words % {"page": '" counter(page) "', "pages": '" counter(pages) "'} + '"'


def category_scale() -> list[tuple[Category, str, str]]:
    """Each category with its colour and its range of achievement, for the legend."""
    scale = []
    ceiling = None
    for floor, category in progress.CATEGORY_FLOORS:
        bounds = f"≥ {floor}%" if ceiling is None else f"{floor}–{ceiling}%"
        scale.append((category, CATEGORY_COLOURS[category], bounds))
        ceiling = floor - 1
    scale.append((Category.VERY_LOW, CATEGORY_COLOURS[Category.VERY_LOW], f"≤ {ceiling}%"))
    return scale


def made_at(now=None) -> str:
    """When the document was made, in Jakarta time, the way the reader writes dates."""
    now = timezone.localtime(now, timezone=timezone.get_default_timezone())
    locale = babel_locale()
    pattern = "d MMMM y, HH.mm" if locale == "id" else "d MMMM y, HH:mm"
    return f"{format_datetime(now, pattern, locale=locale)} WIB"


def signed_on(today=None) -> str:
    """The signature's date the way the reader writes it: "28 November 2026"."""
    today = today or timezone.localdate()
    return format_date(today, format="d MMMM y", locale=babel_locale())


def logo_uri(letterhead: Letterhead) -> str:
    """The logo as a data URI: the document fetches nothing, not even from the media folder."""
    data, kind = letterhead.logo_bytes()
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


# The earlier follow-ups listed in full; the section says how many more there are.
EARLIER_FOLLOW_UPS_SHOWN = 25


def context(year: int, quarter: int, bureau: Bureau | None = None, detail_annex: bool = False) -> dict:
    """Everything the template shows: the letterhead, one build_rows call and one query for the
    year's figures and notes. The document details only the indicators behind or with kendala;
    `detail_annex` adds the others' detail and the evaluation table as annexes."""
    # Numbered bureau by bureau, so the summary table and the sections follow one order.
    rows = sorted(build_rows(year, quarter, bureau), key=_bureau_order)
    entries = _entries(rows, year, quarter) if rows else []
    data = narrative.has_data(rows)
    letterhead = Letterhead.current()
    return {
        "letterhead": letterhead,
        "logo": logo_uri(letterhead),
        "signed_on": signed_on(),
        "year": year,
        "quarter": quarter,
        "quarter_label": narrative.quarter_label(quarter),
        # Kept on one line in narrow table headings.
        "quarter_heading": narrative.quarter_label(quarter).replace(" ", "\u00a0"),
        "bureau": bureau,
        "made_at": made_at(),
        "entries": entries,
        "sections": _sections(entries, year, quarter, draw=data, detail_annex=detail_annex),
        "detail_annex": detail_annex and data,
        "regencies": regencies(entries, year, quarter),
        "has_data": data,
        "narrative": narrative.paragraphs(rows, year, quarter),
        "pending": [entry for entry in entries if entry.row.awaiting_approval],
        "pending_mark": narrative.PENDING_MARK,
        "category_scale": category_scale(),
        "page_counter": page_counter(),
        "title": _("Ringkasan Capaian Kinerja"),
        **_earlier_follow_ups(rows, year, quarter),
        "today": timezone.localdate(),
        # The evaluation table of Permendagri 86/2017 goes with the annex; it is also its own XLSX.
        "annex": evaluation.layout(evaluation.evaluation(year, quarter, bureau))
        if data and detail_annex
        else None,
    }


def _earlier_follow_ups(rows: list[IndicatorRow], year: int, quarter: int) -> dict:
    follow_ups, total = (
        before_meeting([row.indicator.pk for row in rows], year, quarter, EARLIER_FOLLOW_UPS_SHOWN)
        if rows
        else ([], 0)
    )
    return {"earlier_follow_ups": follow_ups, "earlier_follow_ups_more": total - len(follow_ups)}


def html(data: dict) -> str:
    return render_to_string("reports/pdf/summary.html", data)


def layout(markup: str) -> Document:
    """The document laid out in pages by WeasyPrint, not yet written: the bench times the two apart."""
    stylesheet, fonts = _stylesheet()
    document = HTML(string=markup, url_fetcher=LocalOnlyFetcher(), base_url=str(settings.BASE_DIR))
    return document.render(stylesheets=[stylesheet], font_config=fonts)


def render(data: dict) -> bytes:
    return layout(html(data)).write_pdf()


def summary_pdf(year: int, quarter: int, bureau: Bureau | None = None, detail_annex: bool = False) -> bytes:
    return render(context(year, quarter, bureau, detail_annex))
