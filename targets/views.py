"""Quarterly entry and approval: the entry form, the head's decisions, the import, what is missing."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets import workflow
from targets.choices import YEARS, Quarter
from targets.forms import ImportForm, RealizationForm, ReopenForm, ReturnForm
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
from targets.schedule import ReportingCalendar, ended_quarters
from targets.worklist import BureauQuarter, on_calendar


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
    """Every bureau's quarters for a year, each linking to its entry form."""
    year = _year_param(request)
    bureaus = list(Bureau.objects.all())
    states = workflow.all_quarter_states(bureaus, year)
    own = request.user.bureau_id
    cards = sorted(((bureau, states[bureau.pk]) for bureau in bureaus), key=lambda card: card[0].pk != own)
    return render(
        request,
        "targets/overview.html",
        {"year": year, "cards": cards, "own": own, "nav_bureaus": bureaus},
    )


@login_required
def missing(request):
    """For the head and the planners: which bureau has not submitted which quarter that has ended, with its
    due date and how many working days late it is."""
    require_overseer(request.user)
    year = _year_param(request)
    today = timezone.localdate()
    bureaus = list(Bureau.objects.all())
    states = workflow.all_quarter_states(bureaus, year)
    ended = ended_quarters(year, today)
    calendar = ReportingCalendar.load([year])
    rows = []
    for bureau in bureaus:
        quarters = [on_calendar(calendar, bureau, year, q, states[bureau.pk][q].state, today) for q in ended]
        rows.append((bureau, [item for item in quarters if item.is_missing]))
    return render(
        request,
        "targets/missing.html",
        {
            "year": year,
            "rows": rows,
            "ended": ended,
            "dues": [calendar.due(year, q) for q in ended],
            "complete": not any(quarters for _, quarters in rows),
            "nav_bureaus": bureaus,
        },
    )


def _render_entry(request, quarter, *, forms_bound=False, conflict=False, decision=None, status=200):
    user = request.user
    may_enter = can_enter(user, quarter.bureau) and quarter.is_open
    if may_enter and not forms_bound:
        for row in quarter.rows:
            row.form = None if row.is_locked else RealizationForm(row=row)
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
    }
    return render(request, "targets/entry.html", context, status=status)


def _calendar_entry(quarter) -> BureauQuarter:
    """The quarter's due date and lateness, for the entry form (one query: the planners' date)."""
    calendar = ReportingCalendar.load([quarter.year])
    return on_calendar(
        calendar, quarter.bureau, quarter.year, quarter.quarter, quarter.state, timezone.localdate()
    )


@login_required
def entry(request, bureau, year, quarter):
    """The entry form for a bureau's quarter: read-only for anyone but the bureau's own staff."""
    _check_period(year, quarter)
    bureau = bureau_or_404(bureau)
    data = workflow.load_quarter(bureau, year, quarter)
    if request.method != "POST":
        return _render_entry(request, data)

    require_entry(request.user, bureau)
    if not data.is_open:
        raise PermissionDenied
    editable = [row for row in data.rows if not row.is_locked]
    for row in editable:
        row.form = RealizationForm(request.POST, request.FILES, row=row)
    # Every row is checked, so that all errors show at once.
    valid = [row.form.is_valid() for row in editable]
    if not all(valid):
        messages.error(request, _("Belum tersimpan: periksa isian yang ditandai."))
        return _render_entry(request, data, forms_bound=True, status=400)

    changes = [
        workflow.RowChange(
            indicator=row.indicator,
            value=row.form.cleaned_data["value"],
            kendala=row.form.cleaned_data["kendala"],
            tindak_lanjut=row.form.cleaned_data["tindak_lanjut"],
            evidence=row.form.cleaned_data["evidence"],
        )
        for row in editable
        if row.form.cleaned_data["value"] is not None
    ]
    try:
        changed = workflow.save_rows(
            bureau, year, quarter, request.user, changes, request.POST.get("version", "")
        )
    except workflow.Conflict:
        fresh = workflow.load_quarter(bureau, year, quarter)
        stored = {row.indicator.pk: row.current for row in fresh.rows}
        for row in data.rows:
            row.stored = stored.get(row.indicator.pk)
        data.fresh_version = fresh.version
        messages.error(
            request,
            _(
                "Belum tersimpan: triwulan ini baru saja disimpan orang lain. Bandingkan isian Anda "
                "dengan versi tersimpan di bawah, lalu simpan lagi bila isian Anda yang benar."
            ),
        )
        return _render_entry(request, data, forms_bound=True, conflict=True, status=409)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect(_entry_url(bureau, year, quarter))

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
        return _render_entry(request, workflow.load_quarter(bureau, year, quarter), decision=form, status=400)
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
            outcome = import_sheet(form.cleaned_data["sheet"], bureau, request.user)
        except SheetError as error:
            form.add_error("sheet", str(error))
        else:
            if outcome.saved:
                messages.success(
                    request,
                    _("Impor selesai: %(changed)s angka disimpan sebagai draf; %(unchanged)s tidak berubah.")
                    % {"changed": outcome.changed, "unchanged": outcome.unchanged},
                )
                return redirect(reverse("targets:import", args=[bureau.code]))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "targets/import.html", {"bureau": bureau, "form": form, "outcome": outcome}, status=status
    )


@login_required
def evidence(request, pk):
    """An evidence file, for logged-in users only: MEDIA_ROOT is never served directly."""
    realization = evidence_or_404(pk)
    try:
        handle = realization.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=Path(realization.evidence.name).name)
