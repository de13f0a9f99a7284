"""The worklist: the landing page of every role, and the count that the header shows."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from targets.worklist import worklist_for


@login_required
@require_safe
def worklist(request):
    """What the user must act on now, across years, each item one click from its page."""
    work = worklist_for(request.user, timezone.localdate())
    return render(
        request,
        "targets/worklist.html",
        {"work": work, "nav_bureaus": work.bureaus, "worklist_count": work.count},
    )


@login_required
@require_safe
def worklist_count(request):
    """The header's count, fetched by the page after it has loaded (so no page pays for it)."""
    return JsonResponse({"count": worklist_for(request.user, timezone.localdate()).count})
