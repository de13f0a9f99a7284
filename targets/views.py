"""Quarterly entry and approval: the entry form, the head's decisions, the import, what is missing."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from targets import entry, workflow
from targets.choices import YEARS, Quarter, Role, Step
from targets.followup_forms import bind_entry_forms, keep_typed, save_entry_forms
from targets.forms import ImportForm, RealizationForm, ReopenForm, ReturnForm, fingerprint
from targets.importing import SheetError, import_sheet
from targets.models import Bureau
from targets.permissions import (
    bureau_or_404,
    bureau_to_decide,
    bureau_to_enter,
    can_decide,
    can_enter,
    evidence_or_404,
    require_entry,
    require_overseer,
)
from targets.regional_reads import current_period
from targets.regions import load_roll_ups, regencies
from targets.schedule import ReportingCalendar, ended_quarters
from targets.worklist import BureauQuarter, on_calendar
from targets.worklist_regions import missing_regency_figures


def _year_param(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = None
    return year if year in YEARS else timezone.localdate().year


def _check_period(year: int, quarter: int) -> None:
    if year not in YEARS or quarter not in Quarter.values:
        raise Http404


def _entry_url(bureau, year, quarter) -> str:
    return reverse("targets:entry", args=[bureau.code, year, quarter])


@login_required
def overview(request):
    """Every bureau's quarters for a year, each linking to its entry form; a regency operator lands on the
    regency's own page for the current quarter."""
    if request.user.role == Role.OPERATOR:
        year, quarter = current_period(timezone.localdate())
        return redirect(reverse("targets:region_entry", args=[request.user.region.code, year, quarter]))
    year = _year_param(request)
    bureaus = list(Bureau.objects.all())
    states = entry.all_quarter_states(bureaus, year)
    own = request.user.bureau_id
    cards = sorted(((bureau, states[bureau.pk]) for bureau in bureaus), key=lambda card: card[0].pk != own)
    return render(
        request,
        "targets/overview.html",
        {"year": year, "cards": cards, "own": own, "nav_bureaus": bureaus},
    )


def _regency_param(request, regions):
    """The kabupaten/kota chosen to filter by (`?wilayah=62.71`), or None; an unknown code is a 404."""
    code = request.GET.get("wilayah", "")
    if not code:
        return None
    for region in regions:
        if region.code == code:
            return region
    raise Http404


@login_required
def missing(request):
    """For the head and the planners: which bureau has not submitted which quarter that has ended, with its
    due date and how many working days late it is; and, for the series reported by region, which
    kabupaten/kota have not sent their figure, optionally for one of them only."""
    require_overseer(request.user)
    year = _year_param(request)
    today = timezone.localdate()
    all_regencies = regencies()
    regency = _regency_param(request, all_regencies)
    bureaus = list(Bureau.objects.all())
    states = entry.all_quarter_states(bureaus, year)
    ended = ended_quarters(year, today)
    calendar = ReportingCalendar.load([year])
    rows = []
    for bureau in bureaus:
        quarters = [on_calendar(calendar, bureau, year, q, states[bureau.pk][q].state, today) for q in ended]
        rows.append((bureau, [item for item in quarters if item.is_missing]))
    regional = missing_regency_figures(year, ended, [regency] if regency else all_regencies, calendar)
    return render(
        request,
        "targets/missing.html",
        {
            "year": year,
            "rows": rows,
            "regional": regional,
            "regencies": all_regencies,
            "regency": regency,
            "ended": ended,
            "dues": [calendar.due(year, q) for q in ended],
            # A province quarter is not complete while a kabupaten/kota has not sent its figures.
            "complete": not any(quarters for _, quarters in rows) and not regional,
            "nav_bureaus": bureaus,
        },
    )


def _load(bureau, year, quarter) -> entry.QuarterEntry:
    data = entry.load_quarter(bureau, year, quarter)
    entry.load_follow_ups(data)
    load_roll_ups(data)
    return data


def _render_entry(request, quarter, *, forms_bound=False, conflict=False, decision=None, status=200):
    user = request.user
    # Figures typed into a quarter that closed meanwhile stay on the page, though they cannot be saved.
    may_enter = can_enter(user, quarter.bureau) and (quarter.is_open or forms_bound)
    if may_enter and not forms_bound:
        for row in quarter.rows:
            row.form = None if row.is_locked or row.derived else RealizationForm(row=row)
        bind_entry_forms(quarter)
    context = {
        "q": quarter,
        "bureau": quarter.bureau,
        "year": quarter.year,
        "quarter": quarter.quarter,
        "quarters": Quarter.choices,
        "may_enter": may_enter,
        "is_own": can_enter(user, quarter.bureau),
        "may_decide": can_decide(user),
        "conflict": conflict,
        "return_form": decision if isinstance(decision, ReturnForm) else ReturnForm(),
        "reopen_form": decision if isinstance(decision, ReopenForm) else ReopenForm(),
        "evidence_limit": settings.EVIDENCE_MAX_MB,
        "calendar": _calendar_entry(quarter),
        "today": timezone.localdate(),
    }
    return render(request, "targets/entry.html", context, status=status)


CLOSED_MESSAGE = gettext_lazy(
    "Belum tersimpan: triwulan ini baru saja diajukan atau disetujui, sehingga terkunci. Angka yang Anda "
    "ketik masih tampil di bawah; salin bila perlu, lalu minta Kepala Dinas mengembalikannya."
)
CONFLICT_MESSAGE = gettext_lazy(
    "Belum tersimpan: baris yang ditandai baru saja disimpan orang lain. Bandingkan isian Anda dengan "
    "versi tersimpan di bawahnya, lalu simpan lagi bila isian Anda yang benar."
)


def _refused(request, data, refused: workflow.Refused):
    """The entry form again after the write path refused: the typed figures stay on the page."""
    if refused.of_kind(workflow.Refusal.CONFLICT):
        by_series = {row.indicator.pk: row for row in data.rows}
        for problem in refused.of_kind(workflow.Refusal.CONFLICT):
            row = by_series[problem.change.indicator.pk]
            row.conflict, row.stored = True, problem.stored
            # From now on the form carries the stored version: saving again is a deliberate choice.
            seen = request.POST.copy()
            stored = problem.stored
            seen[row.form.add_prefix("version")] = stored.version if stored else 0
            seen[row.form.add_prefix("opened")] = fingerprint(stored.value, stored.kendala) if stored else ""
            row.form = RealizationForm(seen, request.FILES, row=row)
            row.form.is_valid()
        messages.error(request, CONFLICT_MESSAGE)
        return _render_entry(request, data, forms_bound=True, conflict=True, status=409)
    fresh = _load(data.bureau, data.year, data.quarter)
    typed = {row.indicator.pk: row.form for row in data.rows}
    for row in fresh.rows:
        row.form = typed.get(row.indicator.pk)
    keep_typed(fresh, data)
    messages.error(request, CLOSED_MESSAGE)
    return _render_entry(request, fresh, forms_bound=True, status=409)


def _calendar_entry(quarter) -> BureauQuarter:
    """The quarter's due date and lateness, for the entry form (one query: the planners' date)."""
    calendar = ReportingCalendar.load([quarter.year])
    return on_calendar(
        calendar, quarter.bureau, quarter.year, quarter.quarter, quarter.state, timezone.localdate()
    )


@login_required
def entry_form(request, bureau, year, quarter):
    """The entry form for a bureau's quarter: read-only for anyone but the bureau's own staff."""
    _check_period(year, quarter)
    bureau = bureau_or_404(bureau)
    data = _load(bureau, year, quarter)
    if request.method != "POST":
        return _render_entry(request, data)

    require_entry(request.user, bureau)
    # Every row the page posted is read, so that all errors show at once and nothing typed is lost.
    posted = [
        row
        for row in data.rows
        if not row.derived
        and (not row.is_locked or (not data.is_open and f"{row.indicator.code}-value" in request.POST))
    ]
    for row in posted:
        row.form = RealizationForm(request.POST, request.FILES, row=row)
    follow_up_forms = bind_entry_forms(data, request.POST)
    valid = [row.form.is_valid() for row in posted] + [form.is_valid() for form in follow_up_forms]
    if not data.is_open:
        messages.error(request, CLOSED_MESSAGE)
        return _render_entry(request, data, forms_bound=True, status=409)
    if not all(valid):
        messages.error(request, _("Belum tersimpan: periksa isian yang ditandai."))
        return _render_entry(request, data, forms_bound=True)

    changes = [
        workflow.RowChange(
            indicator=row.indicator,
            year=year,
            quarter=quarter,
            value=row.form.cleaned_data["value"],
            seen=row.form.opened_version,
            kendala=row.form.cleaned_data["kendala"],
            evidence=row.form.cleaned_data["evidence"],
        )
        for row in posted
        if row.form.cleaned_data["value"] is not None and row.form.touched
    ]
    try:
        # The figures and the follow-ups typed with them are saved together, or not at all.
        with transaction.atomic():
            changed = workflow.write_realizations(bureau, request.user, changes, Step.SAVE)
            changed += save_entry_forms(data, request.user)
    except workflow.Refused as refused:
        return _refused(request, data, refused)

    if "submit" in request.POST:
        try:
            workflow.submit(bureau, year, quarter, request.user)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Triwulan ini telah diajukan kepada Kepala Dinas."))
    elif changed:
        messages.success(request, _("Tersimpan sebagai draf."))
    else:
        messages.info(request, _("Tidak ada perubahan."))
    return redirect(_entry_url(bureau, year, quarter))


@login_required
@require_POST
def approve(request, bureau, year, quarter):
    _check_period(year, quarter)
    bureau = bureau_to_decide(request.user, bureau)
    try:
        workflow.approve(bureau, year, quarter, request.user)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Triwulan ini disetujui dan dikunci."))
    return redirect(_entry_url(bureau, year, quarter))


def _decide_with_reason(request, bureau, year, quarter, form_class, step, done_message):
    """Return or reopen: the reason is required, and a refused step is said on the entry page."""
    _check_period(year, quarter)
    bureau = bureau_to_decide(request.user, bureau)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render_entry(request, _load(bureau, year, quarter), decision=form)
    try:
        step(bureau, year, quarter, request.user, form.cleaned_data["reason"])
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return redirect(_entry_url(bureau, year, quarter))


@login_required
@require_POST
def send_back(request, bureau, year, quarter):
    return _decide_with_reason(
        request,
        bureau,
        year,
        quarter,
        ReturnForm,
        workflow.send_back,
        _("Triwulan ini dikembalikan kepada bidang."),
    )


@login_required
@require_POST
def reopen(request, bureau, year, quarter):
    return _decide_with_reason(
        request,
        bureau,
        year,
        quarter,
        ReopenForm,
        workflow.reopen,
        _("Triwulan ini dibuka kembali; bidang dapat mengubahnya lagi."),
    )


@login_required
def import_sheet_view(request, bureau):
    """Upload a bureau sheet (CSV or XLSX); all of it is saved as drafts, or none of it."""
    bureau = bureau_to_enter(request.user, bureau)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = import_sheet(
                form.cleaned_data["sheet"], bureau, request.user, confirmed=form.cleaned_data["confirm"]
            )
        except SheetError as error:
            form.add_error("sheet", str(error))
        else:
            if outcome.saved:
                messages.success(
                    request,
                    _("Impor selesai: %(changed)s angka disimpan sebagai draf; %(unchanged)s tidak berubah.")
                    % {"changed": outcome.changed, "unchanged": outcome.unchanged},
                )
                if outcome.skipped_regencies:
                    messages.info(
                        request,
                        _("%(count)s baris kabupaten/kota dilewati: diisi oleh operator kabupaten/kota.")
                        % {"count": outcome.skipped_regencies},
                    )
                return redirect(reverse("targets:import", args=[bureau.code]))
    return render(request, "targets/import.html", {"bureau": bureau, "form": form, "outcome": outcome})


@login_required
def evidence(request, pk):
    """An evidence file, for logged-in users only: MEDIA_ROOT is never served directly."""
    realization = evidence_or_404(pk)
    try:
        handle = realization.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=Path(realization.evidence.name).name)
