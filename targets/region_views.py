"""The owning bureau's step that writes a series' province figure from its regencies' accepted figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from targets.choices import YEARS, Quarter
from targets.models import Indicator
from targets.permissions import require_entry
from targets.regions import RollUpError, write_province_figure
from targets.workflow import Refused


@login_required
@require_POST
def roll_up(request, code, year, quarter):
    """Writes the province figure through the workflow; a roll-up missing some regencies is written only
    when the form says so, and the page then names who is missing."""
    if year not in YEARS or quarter not in Quarter.values:
        raise Http404
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
    return redirect(f"{series.get_absolute_url()}?tahun={year}&tw={quarter}#regencies")
