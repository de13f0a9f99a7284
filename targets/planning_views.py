"""The planners' target pages: every indicator's target for a year, one target's form, the import."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets.choices import YEARS, Quarter
from targets.forms import ImportForm
from targets.importing import SheetError
from targets.models import Bureau, Indicator, RegionalTarget, Target
from targets.permissions import can_plan, require_planner
from targets.planning import RegencyTargetForm, TargetForm, save_baseline, save_regency_targets, save_target
from targets.planning_import import import_targets
from targets.regions import adds_up, regencies
from targets.views import _year_param


def _list_url(year: int, bureau: Bureau | None = None) -> str:
    query = {"tahun": year, **({"bidang": bureau.code} if bureau else {})}
    return f"{reverse('targets:target_list')}?{urlencode(query)}"


@login_required
def target_list(request):
    """Every indicator's target for a year, by bureau; planners follow a link to change one."""
    year = _year_param(request)
    bureaus = list(Bureau.objects.all())
    code = request.GET.get("bidang", "")
    chosen = next((b for b in bureaus if b.code == code), None)
    indicators = Indicator.objects.targeted().select_related("bureau")
    if chosen is not None:
        indicators = indicators.filter(bureau=chosen)
    indicators = list(indicators)
    targets = {t.indicator_id: t for t in Target.objects.filter(year=year, indicator__in=indicators)}
    return render(
        request,
        "targets/target_list.html",
        {
            "year": year,
            "rows": [(indicator, targets.get(indicator.pk)) for indicator in indicators],
            "bureaus": bureaus,
            "nav_bureaus": bureaus,
            "chosen_bureau": chosen,
            "may_plan": can_plan(request.user),
            "quarters": Quarter.choices,
        },
    )


def _targeted_or_404(code, year) -> Indicator:
    if year not in YEARS:
        raise Http404
    return get_object_or_404(Indicator.objects.targeted().select_related("bureau"), code=code)


def _regency_form(indicator: Indicator, year: int, data=None) -> RegencyTargetForm | None:
    """The kabupaten/kota targets of an indicator reported by region (two queries), else None."""
    if not indicator.by_region:
        return None
    targets = {t.region_id: t for t in RegionalTarget.objects.filter(indicator=indicator, year=year)}
    return RegencyTargetForm(data, indicator=indicator, year=year, regions=regencies(), targets=targets)


def _regency_adds_up(indicator: Indicator) -> bool:
    return not indicator.is_ratio and adds_up(indicator.aggregation, indicator.unit)


def _regency_total(indicator: Indicator, form: RegencyTargetForm | None):
    """The sum of the regencies' saved targets where they add up to a province figure, else None."""
    if form is None or not _regency_adds_up(indicator):
        return None
    values = [value for value in form.saved.values() if value is not None]
    return sum(values, Decimal(0)) if values else None


def _edit_page(request, indicator, year, targets, form, regency_form):
    target = targets.get(year)
    total = _regency_total(indicator, regency_form)
    return render(
        request,
        "targets/target_edit.html",
        {
            "indicator": indicator,
            "year": year,
            "target": target,
            "previous": targets.get(year - 1),
            "form": form,
            "regency_form": regency_form,
            "regency_total": total,
            "regency_adds_up": _regency_adds_up(indicator),
            "regency_total_differs": total is not None and target is not None and total != target.value,
            "may_plan": can_plan(request.user),
        },
    )


def _targets(indicator, year) -> dict:
    return {t.year: t for t in Target.objects.filter(indicator=indicator, year__in=[year - 1, year])}


@login_required
def target_edit(request, code, year):
    """One indicator's target for a year: everyone may read it, the planners change it."""
    indicator = _targeted_or_404(code, year)
    if request.method == "POST":
        require_planner(request.user)
    targets = _targets(indicator, year)
    target = targets.get(year)
    form = TargetForm(request.POST or None, indicator=indicator, year=year, target=target)
    if form.is_valid():
        data = form.cleaned_data
        reason = data["reason"].strip()
        with transaction.atomic():
            _saved, changed = save_target(indicator, year, form.figures(), reason, request.user)
            rebased = save_baseline(
                indicator, data["baseline_value"], data["baseline_year"], reason, request.user
            )
        changed = changed or rebased
        if changed:
            messages.success(
                request, _("Target %(name)s %(year)s tersimpan.") % {"name": indicator.name, "year": year}
            )
        else:
            messages.info(request, _("Tidak ada angka yang berubah; tidak ada yang disimpan."))
        return redirect(_list_url(year, indicator.bureau))
    return _edit_page(request, indicator, year, targets, form, _regency_form(indicator, year))


@login_required
@require_POST
def regency_targets(request, code, year):
    """The planners set each kabupaten/kota's annual target of an indicator reported by region."""
    require_planner(request.user)
    indicator = _targeted_or_404(code, year)
    regency_form = _regency_form(indicator, year, request.POST)
    if regency_form is None:
        raise Http404
    if regency_form.is_valid():
        changed = save_regency_targets(
            indicator, year, regency_form.values, regency_form.cleaned_data["reason"].strip(), request.user
        )
        if changed:
            messages.success(
                request,
                _("Target %(count)s kabupaten/kota untuk %(name)s %(year)s tersimpan.")
                % {"count": changed, "name": indicator.name, "year": year},
            )
        else:
            messages.info(request, _("Tidak ada angka yang berubah; tidak ada yang disimpan."))
        return redirect(reverse("targets:target_edit", args=[indicator.code, year]) + "#target-kabupaten")
    targets = _targets(indicator, year)
    form = TargetForm(indicator=indicator, year=year, target=targets.get(year))
    return _edit_page(request, indicator, year, targets, form, regency_form)


@login_required
def target_import(request):
    """A table of targets from CSV or XLSX, for the planners: all rows saved, or none."""
    require_planner(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            outcome = import_targets(upload, request.user)
        except SheetError as error:
            form.add_error("sheet", str(error))
        else:
            if outcome.saved:
                messages.success(
                    request,
                    _("%(changed)s target tersimpan; %(unchanged)s tidak berubah.")
                    % {"changed": outcome.changed, "unchanged": outcome.unchanged},
                )
                return redirect(reverse("targets:target_list"))
    return render(request, "targets/target_import.html", {"form": form, "outcome": outcome})
