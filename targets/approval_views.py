"""The head's second look before approving: what is being locked, and what came before it."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from targets import entry
from targets.choices import YEARS, Quarter
from targets.figures import references_of, reviewer_note
from targets.permissions import bureau_to_decide
from targets.worklist import earlier_not_approved


@dataclass(frozen=True)
class LockedFigure:
    row: entry.EntryRow
    # Why the figure looks like a slip; empty when it is close to its references.
    warning: str | None


@login_required
@require_safe
def approve_confirm(request, bureau, year, quarter):
    """Names the figures that approving locks, and warns (without blocking) when an earlier quarter of the
    bureau is not approved or when a figure stands far from its references, as the bureau was warned
    when typing it. The button posts to the approve step."""
    if year not in YEARS or quarter not in Quarter.values:
        raise Http404
    bureau = bureau_to_decide(request.user, bureau)
    data = entry.load_quarter(bureau, year, quarter)
    if not data.is_submitted:
        messages.error(request, _("Hanya triwulan yang diajukan dapat disetujui."))
        return redirect(reverse("targets:entry", args=[bureau.code, year, quarter]))
    locked = [
        LockedFigure(row, reviewer_note(row.current.value, row.indicator.unit, references_of(row)))
        for row in data.rows
        if row.current is not None
    ]
    return render(
        request,
        "targets/approve_confirm.html",
        {
            "q": data,
            "bureau": bureau,
            "year": year,
            "quarter": quarter,
            "locked": locked,
            "warned": [figure for figure in locked if figure.warning],
            "earlier": earlier_not_approved(bureau, year, quarter, timezone.localdate()),
        },
    )
