"""The regency figures: the operator's entry page, the owning bureau's review of them, and the bureau's step
that writes a series' province figure from its regencies' accepted figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets import regional_entry, sheet
from targets.choices import YEARS, Quarter, RegionKind, Role
from targets.forms import ImportForm, RegionalFigureForm
from targets.importing import SheetError
from targets.models import Indicator, Region
from targets.permissions import bureau_or_404, can_enter, require_entry, require_region_entry
from targets.regional_entry import Decision, RegionalChange, RegionalRefused
from targets.regional_import import export_rows, import_regional_sheet
from targets.regional_reads import current_period, load_region_quarter, load_review
from targets.regions import RollUpError, write_province_figure
from targets.workflow import Refused


def _check_period(year, quarter) -> None:
    if year not in YEARS or quarter not in Quarter.values:
        raise Http404


def _region_entry_url(region, year, quarter) -> str:
    return reverse("targets:region_entry", args=[region.code, year, quarter])


def _review_url(bureau, year, quarter) -> str:
    return reverse("targets:region_review", args=[bureau.code, year, quarter])


def _render_region_entry(request, data, *, status=200):
    return render(
        request,
        "targets/region_entry.html",
        {
            "q": data,
            "region": data.region,
            "year": data.year,
            "quarter": data.quarter,
            "quarters": Quarter.choices,
        },
        status=status,
    )


@login_required
def region_entry(request, region, year, quarter):
    """A regency operator's figures for a quarter: every series reported by region, grouped by bureau."""
    _check_period(year, quarter)
    region = get_object_or_404(Region.objects.exclude(kind=RegionKind.PROVINCE), code=region)
    require_region_entry(request.user, region)
    data = load_region_quarter(region, year, quarter)
    editable = [row for row in data.rows if not row.is_locked]
    if request.method != "POST":
        for row in editable:
            row.form = RegionalFigureForm(row=row)
        return _render_region_entry(request, data)

    for row in editable:
        row.form = RegionalFigureForm(request.POST, row=row)
    # Every row is read, so that all errors show at once.
    valid = [row.form.is_valid() for row in editable]
    if not all(valid):
        messages.error(request, _("Belum tersimpan: periksa isian yang ditandai."))
        return _render_region_entry(request, data)
    changes = [
        RegionalChange(
            indicator=row.indicator,
            year=year,
            quarter=quarter,
            value=row.form.cleaned_data["value"],
            seen=row.form.opened_version,
        )
        for row in editable
        if row.form.cleaned_data["value"] is not None
    ]
    try:
        changed = regional_entry.save_drafts(request.user, region, changes)
    except RegionalRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return _render_region_entry(request, data, status=409)
    if "submit" in request.POST:
        try:
            regional_entry.submit(request.user, region, year, quarter)
        except RegionalRefused as refused:
            for message in refused.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Angka kabupaten/kota ini telah diajukan ke bidang."))
    elif changed:
        messages.success(request, _("Tersimpan sebagai draf."))
    else:
        messages.info(request, _("Tidak ada perubahan."))
    return redirect(_region_entry_url(region, year, quarter))


def _decision(request, row_id: str) -> Decision:
    if not row_id.isdigit():
        raise PermissionDenied
    seen = request.POST.get(f"version-{row_id}", "")
    return Decision(int(row_id), int(seen) if seen.isdigit() else None)


@login_required
def region_review(request, bureau, year, quarter):
    """The owning bureau reviews its regencies' figures; the head and the planners read the page."""
    _check_period(year, quarter)
    bureau = bureau_or_404(bureau)
    user = request.user
    may_review = can_enter(user, bureau)
    if not (may_review or user.role in {Role.HEAD, Role.PLANNER, Role.ADMIN}):
        raise PermissionDenied
    review = load_review(bureau, year, quarter)
    reasons, status = {}, 200
    if request.method == "POST":
        require_entry(user, bureau)
        try:
            if "accept_all" in request.POST:
                decisions = [
                    _decision(request, str(cell.figure.pk)) for s in review.series for cell in s.submitted
                ]
                done = regional_entry.accept(user, bureau, year, quarter, decisions)
                messages.success(request, _("%(count)s angka kabupaten/kota diterima.") % {"count": done})
            elif "accept" in request.POST:
                regional_entry.accept(
                    user, bureau, year, quarter, [_decision(request, request.POST["accept"])]
                )
                messages.success(request, _("Angka kabupaten/kota diterima."))
            elif "return" in request.POST:
                row_id = request.POST["return"]
                reason = request.POST.get(f"reason-{row_id}", "")
                if not reason.strip():
                    reasons[row_id] = (reason, _("Tuliskan alasannya."))
                    messages.error(request, _("Belum dikembalikan: tuliskan alasannya."))
                    status = 400
                else:
                    regional_entry.send_back(user, bureau, year, quarter, _decision(request, row_id), reason)
                    messages.success(request, _("Angka dikembalikan ke kabupaten/kota dengan alasannya."))
            else:
                raise PermissionDenied
        except RegionalRefused as refused:
            for message in refused.messages:
                messages.error(request, message)
            if "return" in request.POST:
                # The reason typed stays on the page.
                row_id = request.POST["return"]
                reasons[row_id] = (request.POST.get(f"reason-{row_id}", ""), "")
            review, status = load_review(bureau, year, quarter), 409
        if status == 200:
            return redirect(_review_url(bureau, year, quarter))
    return render(
        request,
        "targets/region_review.html",
        {
            "review": review,
            "bureau": bureau,
            "year": year,
            "quarter": quarter,
            "quarters": Quarter.choices,
            "may_review": may_review,
            "reasons": reasons,
        },
        status=status,
    )


@login_required
@require_POST
def roll_up(request, code, year, quarter):
    """Writes the province figure through the workflow; a roll-up missing some regencies is written only
    when the form says so, and the page then names who is missing."""
    _check_period(year, quarter)
    series = get_object_or_404(Indicator.objects.select_related("bureau"), code=code, by_region=True)
    require_entry(request.user, series.bureau)
    try:
        result = write_province_figure(
            series, year, quarter, request.user, allow_partial=request.POST.get("partial") == "1"
        )
    except RollUpError as refusal:
        messages.error(request, str(refusal))
    except Refused as refusal:
        messages.error(request, refusal.problems[0].message)
    else:
        messages.success(
            request,
            _("Angka provinsi disimpan sebagai draf dari %(coverage)s.") % {"coverage": result.coverage},
        )
    if request.POST.get("next") == "review":
        return redirect(_review_url(series.bureau, year, quarter))
    return redirect(f"{series.get_absolute_url()}?tahun={year}&tw={quarter}#regencies")


def _operator_region(user, code: str) -> Region:
    region = get_object_or_404(Region.objects.exclude(kind=RegionKind.PROVINCE), code=code)
    require_region_entry(user, region)
    return region


@login_required
def region_import(request, region):
    """A regency operator uploads their sheet: its figures are saved as drafts, all of them or none."""
    region = _operator_region(request.user, region)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = import_regional_sheet(form.cleaned_data["sheet"], region, request.user)
        except SheetError as error:
            form.add_error("sheet", str(error))
        else:
            for message in outcome.refused:
                form.add_error("sheet", message)
            if outcome.bad:
                form.add_error("sheet", _("Tidak ada yang disimpan: perbaiki baris yang tercantum di bawah."))
            if outcome.saved:
                messages.success(
                    request,
                    _("Impor selesai: %(changed)s angka disimpan sebagai draf; %(unchanged)s tidak berubah.")
                    % {"changed": outcome.changed, "unchanged": outcome.rows - outcome.changed},
                )
                return redirect(reverse("targets:region_import", args=[region.code]))
    return render(
        request,
        "targets/region_import.html",
        {
            "region": region,
            "form": form,
            "outcome": outcome,
            "year": _export_year(request),
            "years": YEARS,
            "entry_url": _region_entry_url(region, *current_period(timezone.localdate())),
        },
        status=200 if outcome is None or outcome.saved else 400,
    )


def _export_year(request) -> int:
    raw = request.GET.get("tahun", "")
    if raw.isdigit() and int(raw) in YEARS:
        return int(raw)
    year = current_period(timezone.localdate())[0]
    return year if year in YEARS else max(YEARS)


@login_required
def region_export(request, region):
    """The regency's sheet of a year as XLSX, to fill in and import back."""
    region = _operator_region(request.user, region)
    year = _export_year(request)
    content = sheet.xlsx(export_rows(region, year), title=f"{region.code} {year}")
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="kaltengkop-{region.code}-{year}.xlsx"'
    return response
