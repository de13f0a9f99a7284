"""The planners' target pages: every indicator's target for a year, one target's form, the import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from targets.choices import YEARS, Quarter
from targets.forms import ImportForm
from targets.importing import SheetError
from targets.models import Bureau, Indicator, Target
from targets.permissions import can_plan, require_planner
from targets.planning import TargetForm, save_baseline, save_target
from targets.planning_import import import_targets
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


@login_required
def target_edit(request, code, year):
    """One indicator's target for a year: everyone may read it, the planners change it."""
    if year not in YEARS:
        raise Http404
    indicator = get_object_or_404(Indicator.objects.targeted().select_related("bureau"), code=code)
    if request.method == "POST":
        require_planner(request.user)
    targets = {t.year: t for t in Target.objects.filter(indicator=indicator, year__in=[year - 1, year])}
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
    return render(
        request,
        "targets/target_edit.html",
        {
            "indicator": indicator,
            "year": year,
            "target": target,
            "previous": targets.get(year - 1),
            "form": form,
            "may_plan": can_plan(request.user),
        },
    )


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
