from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reports import charts, pdf_store
from reports.cache import fragment, kept, page_key, page_response, shared, validated_request
from reports.evaluation import Note, evaluation, latest_notes
from reports.evaluation_xlsx import evaluation_xlsx
from reports.filters import REGION_PARAM, RegencyFilter, by_code, option_tags, regency_choices
from reports.formula import formula_in_words
from reports.history import indicator_history
from reports.meetings import meeting_follow_ups, meeting_rows
from reports.models import Meeting, StoredSummary
from reports.regency_charts import CHART_MOST, EXTREMES, regency_chart
from reports.tables import EXPORT_FORMATS, SORTS, BureauTable, sheet_response, sheet_rows
from targets.choices import YEARS, Category, Quarter
from targets.entry import quarter_states
from targets.followup_reads import agreed_in_year, by_indicator, unfinished
from targets.models import Bureau, FollowUp, Indicator, Realization, Target
from targets.permissions import can_enter
from targets.readmodel import (
    IndicatorRow,
    build_rows,
    category_counts,
    entered_by_quarter,
    latest_period,
    latest_quarter,
    rows_by_year,
    series_data,
)
from targets.regional_table import RegencyTable, regency_overview, regency_rows, regency_tables
from targets.regions import regency_index

EXPORT_PARAM = "_export"


def _int_param(request, name, default, allowed=None):
    """An integer from the query string, or the default when it is missing or not allowed."""
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return default
    if allowed is not None and value not in allowed:
        return default
    return value


def _period(request):
    """The year and quarter asked for in the URL, else the latest with data (one query then)."""
    year = _int_param(request, "tahun", None, allowed=YEARS)
    quarter = _int_param(request, "tw", None, allowed=Quarter.values)
    if year is None or quarter is None:
        latest = shared(request, "latest_period", latest_period) or (None, 1)
        year, quarter = year or latest[0], quarter or latest[1]
    return year, quarter


def _meeting_or_404(value: str) -> Meeting:
    """The meeting a dashboard is asked to be shown as at (`?rapat=`); anything else is not found."""
    try:
        return Meeting.objects.get(pk=int(value))
    except (ValueError, OverflowError, Meeting.DoesNotExist):
        raise Http404(_("Rapat tidak ditemukan.")) from None


@dataclass
class BureauCount:
    bureau: Bureau
    counts: dict
    total: int


def _bureau_counts(rows, bureaus) -> list[BureauCount]:
    by_bureau = defaultdict(list)
    for row in rows:
        by_bureau[row.indicator.bureau_id].append(row)
    return [
        BureauCount(bureau, category_counts(by_bureau[bureau.pk]), len(by_bureau[bureau.pk]))
        for bureau in bureaus
    ]


def _category_columns():
    return [*Category, None]


def _regencies(indicators, year, quarter):
    """For the indicators reported by region: (table, chart) pairs of their regencies at the quarter."""
    tables = regency_tables(indicators, year, quarter) if year else {}
    return [
        (table, regency_chart(table, f"chart-regency-{table.indicator.code}"))
        for table in (tables[indicator.pk] for indicator in indicators if indicator.pk in tables)
    ]


# A bureau page shows an indicator's table and chart of every regency up to this many regencies (a
# province's own tree). Past it, the bureau page links to a page of its own (bureau_regencies) that
# sums each indicator's regencies up, and the indicator page keeps the full table: reading the figures
# of hundreds of regencies for every indicator would cost the bureau page more than all the rest of it.
BUREAU_REGENCIES_MOST = 40
# The highest and the lowest achievements such a summary names.
SUMMARY_EXTREMES = 5


def _bureau_regencies(indicators, year, quarter, regions=None):
    """For the indicators reported by region: (table, chart) pairs, or for a national tree (summary,
    None) pairs, in the indicators' order; `regions`: the regencies, when they have been read."""
    found = (
        regency_overview(
            indicators, year, quarter, most=BUREAU_REGENCIES_MOST, few=SUMMARY_EXTREMES, regions=regions
        )
        if year
        else {}
    )
    return [
        (shown, regency_chart(shown, f"chart-regency-{shown.indicator.code}"))
        if isinstance(shown, RegencyTable)
        else (shown, None)
        for shown in (found[indicator.pk] for indicator in indicators if indicator.pk in found)
    ]


# The dashboard shows this many follow-ups of an indicator behind, and of those past due, earliest
# due first; the follow-up pages list them all.
FOLLOW_UPS_SHOWN = 3
OVERDUE_SHOWN = 10


@dataclass
class BehindRow:
    """An indicator behind its path, with what is being done about it."""

    row: IndicatorRow
    note: Note | None
    # The first few by due date; `more` says how many others its page lists.
    follow_ups: list[FollowUp]
    more: int = 0


def _being_done(rows, year, quarter, follow_ups, figures=None) -> list[BehindRow]:
    """For each indicator behind its path: its latest kendala up to the quarter (one query) and its
    unfinished follow-ups (already read). `figures`: a meeting's frozen ones instead of today's."""
    behind = [row for row in rows if row.is_behind]
    notes = latest_notes([row.indicator for row in behind], year, quarter, figures) if behind else {}
    grouped = by_indicator(follow_ups)
    shown = []
    for row in behind:
        unfinished_ones = sorted(grouped.get(row.indicator.pk, []), key=lambda f: (f.due_date, f.pk))
        shown.append(
            BehindRow(
                row,
                notes.get(row.indicator.pk),
                unfinished_ones[:FOLLOW_UPS_SHOWN],
                max(0, len(unfinished_ones) - FOLLOW_UPS_SHOWN),
            )
        )
    return shown


def _regency_filter(request) -> RegencyFilter:
    """The dashboard's kabupaten/kota filter over the regencies, and its options, kept in the process
    for the data version (the options per language)."""
    regions = shared(
        request, "regency_codes", lambda: by_code(shared(request, "regency_index", regency_index))
    )
    options = shared(
        request, f"regency_options:{get_language()}", lambda: option_tags(regency_choices(regions.values()))
    )
    return RegencyFilter(request.GET, regions, options)


@login_required
def dashboard(request):
    """Today's figures, or with `?rapat=` the figures as a recorded meeting saw them."""
    meeting = _meeting_or_404(request.GET["rapat"]) if "rapat" in request.GET else None
    year, quarter = (meeting.year, meeting.quarter) if meeting is not None else _period(request)
    bureaus = shared(request, "bureaus", lambda: list(Bureau.objects.all()))
    code = request.GET.get("bidang", "")
    chosen = next((b for b in bureaus if b.code == code), None)
    # A meeting's snapshot holds the province's figures only: the regency filter does not apply there.
    regency_filter = _regency_filter(request) if meeting is None else None
    region = regency_filter.region if regency_filter is not None else None
    if region is not None:
        return _regency_dashboard(request, region, regency_filter, year, quarter, bureaus, chosen)
    # What was being done as the meeting saw it, on its day; else as of today.
    today = meeting.held_on if meeting is not None else timezone.localdate()
    key = page_key(
        request,
        "dashboard",
        year=year,
        quarter=quarter,
        bidang=chosen.code if chosen else None,
        rapat=meeting.pk if meeting else None,
        today=today.isoformat(),
    )
    body = fragment(
        key,
        "reports/partials/dashboard_body.html",
        lambda: _dashboard_figures(meeting, year, quarter, bureaus, chosen, today),
    )
    return page_response(
        request,
        "reports/dashboard.html",
        {
            "year": year,
            "quarter": quarter,
            "meeting": meeting,
            "quarters": Quarter.choices,
            "bureaus": bureaus,
            "nav_bureaus": bureaus,
            "chosen_bureau": chosen,
            "unknown_bureau": bool(code) and chosen is None,
            "regency_filter": regency_filter,
            "regency_ignored": meeting is not None and bool(request.GET.get(REGION_PARAM)),
        },
        body,
    )


def _regency_dashboard(request, region, regency_filter, year, quarter, bureaus, chosen):
    """The dashboard of one kabupaten/kota: its own figures of the indicators reported by region, and
    apart from them the indicators only the province reports."""
    key = page_key(
        request,
        "dashboard-regency",
        year=year,
        quarter=quarter,
        bidang=chosen.code if chosen else None,
        wilayah=region.code,
    )
    regency_rows_, province_rows = kept(key, lambda: _regency_figures(region, year, quarter, chosen))
    return render(
        request,
        "reports/dashboard_regency.html",
        {
            "region": region,
            "regency_rows": regency_rows_,
            "province_rows": province_rows,
            "year": year,
            "quarter": quarter,
            "meeting": None,
            "quarters": Quarter.choices,
            "bureaus": bureaus,
            "nav_bureaus": bureaus,
            "chosen_bureau": chosen,
            "unknown_bureau": bool(request.GET.get("bidang")) and chosen is None,
            "regency_filter": regency_filter,
        },
    )


def _regency_figures(region, year, quarter, chosen):
    """A regency's rows of the indicators reported by region, and the rows only the province reports."""
    all_rows = build_rows(year, quarter, paths=False) if year else []
    rows = [row for row in all_rows if chosen is None or row.indicator.bureau_id == chosen.pk]
    by_region = [row for row in rows if row.indicator.by_region]
    figures = regency_rows([row.indicator for row in by_region], year, quarter, region) if by_region else {}
    regency = [(row.indicator, figures[row.indicator.pk]) for row in by_region]
    return regency, [row for row in rows if not row.indicator.by_region]


def _dashboard_figures(meeting, year, quarter, bureaus, chosen, today) -> dict:
    """The dashboard's rows, counts, charts and what is being done: the part kept in the cache."""
    # The dashboard draws no path chart.
    today_rows = build_rows(year, quarter, paths=False, bureaus=bureaus) if year and meeting is None else []
    all_rows = meeting_rows(meeting) if meeting is not None else today_rows
    rows = [row for row in all_rows if chosen is None or row.indicator.bureau_id == chosen.pk]
    if meeting is not None:
        figures = meeting.figures.all()
        follow_ups = meeting_follow_ups(meeting, [row.indicator.pk for row in rows]) if rows else []
    else:
        figures = None
        follow_ups = unfinished(row.indicator.pk for row in rows) if rows else []
    overdue = sorted(
        (follow_up for follow_up in follow_ups if follow_up.is_overdue(today)),
        key=lambda f: (f.due_date, f.pk),
    )
    return {
        "rows": rows,
        "year": year,
        "quarter": quarter,
        "meeting": meeting,
        "chosen_bureau": chosen,
        "counts": category_counts(rows),
        "bureau_counts": _bureau_counts(all_rows, bureaus),
        "category_columns": _category_columns(),
        "pending_count": sum(1 for row in rows if row.awaiting_approval),
        "achievement_chart": charts.achievement_chart(rows) if rows else None,
        "behind": _being_done(rows, year, quarter, follow_ups, figures),
        "overdue": overdue[:OVERDUE_SHOWN],
        "overdue_count": len(overdue),
        "today": today,
    }


def _latest_notes(sheet, unfinished):
    """Per series, its latest kendala (up to the chosen quarter) and its unfinished follow-ups."""
    notes = []
    for record in sheet:
        filled = [
            entry for q, entry in sorted(record.entered.items()) if q <= record.row.quarter and entry.kendala
        ]
        follow_ups = unfinished.get(record.indicator.pk, [])
        if filled or follow_ups:
            notes.append((record.indicator, filled[-1] if filled else None, follow_ups))
    return notes


def _bureau_sheet(current, year, quarter, sort=None, bureaus=None):
    """The bureau's rows, its sheet and its table in the order asked for (`sort`, one of SORTS)."""
    rows = build_rows(year, quarter, current, supporting=True, bureaus=bureaus) if year else []
    ids = [row.indicator.pk for row in rows]
    entered = entered_by_quarter(ids, year) if rows else {}
    sheet = sheet_rows(rows, entered, agreed_in_year(ids, year) if rows else {})
    return rows, sheet, BureauTable(sheet, sort)


def _bureau_or_404(request, code):
    """Every bureau (for the navigation) and the one named by `code`."""
    bureaus = shared(request, "bureaus", lambda: list(Bureau.objects.all()))
    current = next((b for b in bureaus if b.code == code), None)
    if current is None:
        raise Http404(_("Bidang tidak ditemukan."))
    return bureaus, current


def _bureau_page(request, template_name, bureaus, current, year, quarter, body):
    """One of a bureau's pages around its kept body: the navigation and the period filter."""
    return page_response(
        request,
        template_name,
        {
            "bureau": current,
            "nav_bureaus": bureaus,
            "year": year,
            "quarter": quarter,
            "quarters": Quarter.choices,
        },
        body,
    )


@login_required
def bureau(request, code):
    bureaus, current = _bureau_or_404(request, code)
    year, quarter = _period(request)

    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else None
    export_format = request.GET.get(EXPORT_PARAM)
    if export_format in EXPORT_FORMATS:
        _rows, _sheet, table = _bureau_sheet(current, year, quarter, sort, bureaus)
        return sheet_response(
            table,
            export_format,
            title=f"{code} {year} TW{quarter}",
            filename=f"kaltengkop-{code}-{year}-tw{quarter}.{export_format}",
        )

    today = timezone.localdate()
    key = page_key(
        request, "bureau", bidang=current.code, year=year, quarter=quarter, sort=sort, today=today.isoformat()
    )
    shown = validated_request(request, tahun=year, tw=quarter, sort=sort)
    body = fragment(
        key,
        "reports/partials/bureau_body.html",
        lambda: _bureau_figures(current, year, quarter, sort, today, bureaus),
        request=shown,
    )
    return _bureau_page(request, "reports/bureau.html", bureaus, current, year, quarter, body)


def _bureau_figures(current, year, quarter, sort, today, bureaus=None) -> dict:
    """The bureau page's table, charts, notes and quarter states: the part kept in the cache. Of a
    national tree, the indicators reported by region are only named, with the way to their figures."""
    rows, sheet, table = _bureau_sheet(current, year, quarter, sort, bureaus)
    ids = [row.indicator.pk for row in rows]
    indicator_rows = [row for row in rows if not row.indicator.is_supporting]
    by_region = [row.indicator for row in indicator_rows if row.indicator.by_region]
    regions = regency_index() if by_region and year else []
    national = len(regions) > BUREAU_REGENCIES_MOST
    language = get_language()
    return {
        "bureau": current,
        "table": table,
        "rows": indicator_rows,
        "year": year,
        "quarter": quarter,
        "counts": category_counts(indicator_rows),
        "category_columns": _category_columns(),
        "achievement_chart": charts.achievement_chart(indicator_rows) if indicator_rows else None,
        "path_charts": [
            (row, charts.path_chart(row, f"chart-{row.indicator.code}", language)) for row in indicator_rows
        ],
        "notes": _latest_notes(sheet, by_indicator(unfinished(ids)) if rows else {}),
        "regencies": [] if national else _bureau_regencies(by_region, year, quarter, regions),
        "by_region": by_region if national else [],
        "today": today,
        "export_formats": EXPORT_FORMATS,
        "states": quarter_states(current, year) if year else None,
    }


@login_required
def bureau_regencies(request, code):
    """The kabupaten/kota figures of a bureau's indicators reported by region: each one's table and
    chart for a province's tree, or past BUREAU_REGENCIES_MOST regencies a summary of each."""
    bureaus, current = _bureau_or_404(request, code)
    year, quarter = _period(request)
    key = page_key(request, "bureau-regencies", bidang=current.code, year=year, quarter=quarter)
    body = fragment(
        key,
        "reports/partials/bureau_regencies_body.html",
        lambda: {
            "year": year,
            "quarter": quarter,
            "regencies": _bureau_regencies(
                list(
                    Indicator.objects.targeted()
                    .filter(bureau=current, by_region=True)
                    .select_related("numerator", "denominator")
                ),
                year,
                quarter,
            ),
        },
    )
    return _bureau_page(request, "reports/bureau_regencies.html", bureaus, current, year, quarter, body)


@login_required
def indicator(request, code):
    if len(code) > Indicator._meta.get_field("code").max_length:
        raise Http404
    year = _int_param(request, "tahun", None, allowed=YEARS)
    quarter = _int_param(request, "tw", None, allowed=Quarter.values)
    key = page_key(request, "indicator", code=code, year=year, quarter=quarter)
    body = fragment(
        key,
        "reports/partials/indicator_body.html",
        lambda: _indicator_figures(code, year, quarter),
        values=_indicator_values,
    )
    roll_up = body.values["roll_up"]
    form = ""
    if roll_up and can_enter(request.user, Bureau(pk=body.values["bureau_id"])):
        # The owning bureau's staff write a series' province figure from its regencies.
        form = render_to_string("reports/partials/roll_up_form.html", {"roll_up": roll_up}, request=request)
    return page_response(
        request,
        "reports/indicator.html",
        {"nav_bureaus": shared(request, "bureaus", lambda: list(Bureau.objects.all()))},
        body,
        filler=form,
    )


def _indicator_values(context) -> dict:
    """What the indicator page needs beside its cached HTML: its title, and the roll-up it may offer."""
    indicator, regency = context["indicator"], context["regency"]
    roll_up = regency[0].roll_up if regency and not indicator.is_ratio else None
    offered = roll_up is not None and roll_up.derivable and roll_up.reported
    return {
        "title": indicator.name,
        "bureau_id": indicator.bureau_id,
        "roll_up": {
            "code": indicator.code,
            "year": context["year"],
            "quarter": context["quarter"],
            "missing": bool(roll_up.missing),
        }
        if offered
        else None,
    }


def _indicator_figures(code, year_asked, quarter_asked) -> dict:
    """The indicator page's years, chart, entries and history: the part kept in the cache."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("bureau", "numerator", "denominator"), code=code
    )
    series_by_id = {indicator.pk: indicator}
    if indicator.is_ratio:
        series_by_id.update(
            {indicator.numerator_id: indicator.numerator, indicator.denominator_id: indicator.denominator}
        )
    targets = {target.year: target for target in Target.objects.filter(indicator=indicator)}
    realizations = list(
        Realization.objects.filter(indicator_id__in=series_by_id)
        .select_related("updated_by")
        .order_by("year", "quarter", "indicator_id")
    )
    series = series_data((r.indicator_id, r.year, r.quarter, r.value, r.status) for r in realizations)
    years = rows_by_year(indicator, targets, series)

    known_years = [row.year for row in years]
    default_year = next(
        (row.year for row in reversed(years) if latest_quarter(indicator, series, row.year)),
        known_years[-1] if known_years else None,
    )
    # The regencies of an indicator reported by region may have reported a year the province has not.
    known = indicator.by_region or year_asked in known_years
    year = year_asked if year_asked is not None and known else default_year
    chosen = next((row for row in years if row.year == year), None)

    quarter = quarter_asked or (chosen.quarter if chosen else 4)
    regencies = _regencies([indicator], year, quarter)
    agreed = agreed_in_year(series_by_id, year)
    entries = [
        (r, series_by_id[r.indicator_id], agreed[r.indicator_id][r.quarter])
        for r in realizations
        if r.year == year
    ]
    history = indicator_history(
        Target.history.filter(indicator_id=indicator.pk).select_related("history_user"),
        Realization.history.filter(indicator_id__in=series_by_id).select_related("history_user"),
        indicator,
        series_by_id,
        Indicator.history.filter(id=indicator.pk).select_related("history_user"),
        FollowUp.history.filter(indicator_id=indicator.pk).select_related("history_user"),
    )
    return {
        "indicator": indicator,
        "formula": formula_in_words(indicator),
        "years": years,
        "year": year,
        "chosen": chosen,
        "chart": charts.path_chart(chosen, "chart-path") if chosen else None,
        "entries": entries,
        "quarter": quarter,
        "quarters": Quarter.choices,
        "regency": regencies[0] if regencies else None,
        # A national tree's chart draws the highest and the lowest few; the table lists every regency.
        "regency_extremes": EXTREMES if regencies and len(regencies[0][0].rows) > CHART_MOST else None,
        "roll_up": bool(regencies) and not indicator.is_ratio,
        "series_by_id": series_by_id,
        "history": history,
    }


def _document_scope(request):
    """The year, quarter and bureau (None for all) that a document is asked for; 404 for an unknown bureau."""
    year, quarter = _period(request)
    year = year or timezone.localdate().year
    code = request.GET.get("bidang")
    bureau = get_object_or_404(Bureau, code=code) if code else None
    return year, quarter, bureau, code


@login_required
def summary_pdf(request):
    """The coordination-meeting summary PDF for a year and quarter, of every bureau or of one;
    `lampiran=1` adds the quarterly charts of the indicators on their path as an annex."""
    year, quarter, bureau, code = _document_scope(request)
    detail_annex = request.GET.get("lampiran") == "1"
    parts = ["ringkasan-capaian", str(year), f"tw{quarter}", code, "lampiran" if detail_annex else None]
    name = "-".join(filter(None, parts))
    return pdf_store.respond(request, year, quarter, bureau, name, annex=detail_annex)


@login_required
@require_safe
def summary_pdf_copy(request, pk):
    """A summary PDF kept from an earlier data version, offered while the current one is built."""
    stored = get_object_or_404(StoredSummary, pk=pk, status=StoredSummary.Status.DONE)
    parts = [
        "ringkasan-capaian",
        str(stored.year),
        f"tw{stored.quarter}",
        stored.scope,
        "lampiran" if stored.annex else None,
        f"v{stored.version}",
    ]
    return pdf_store.file_response(stored, "-".join(filter(None, parts)))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def evaluation_table(request):
    """The Permendagri 86/2017 evaluation table as XLSX, for a year and quarter, of every bureau or one."""
    year, quarter, bureau, code = _document_scope(request)
    # Made once per data version, language and scope: the sheet holds nobody's name and no time.
    key = page_key(request, "evaluation", year=year, quarter=quarter, bidang=bureau.code if bureau else None)
    workbook = kept(key, lambda: evaluation_xlsx(evaluation(year, quarter, bureau)))
    name = "-".join(filter(None, ["evaluasi-renja", str(year), f"tw{quarter}", code]))
    response = HttpResponse(workbook, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
