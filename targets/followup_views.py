"""The follow-up pages: every tindak lanjut with its filters, and one follow-up with its reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from targets import followups
from targets.choices import FollowUpStatus, Role
from targets.followup_forms import AgreeFollowUpForm, FollowUpForm
from targets.models import Bureau, FollowUp
from targets.permissions import can_follow_up, follow_up_or_404, indicators_to_follow_up

UNFINISHED = "belum-selesai"
ALL = "semua"


def _filters(request, bureaus):
    """The list's filters from the query string; an unknown value falls back to its default."""
    code = request.GET.get("bidang", "")
    bureau = next((b for b in bureaus if b.code == code), None)
    status = request.GET.get("status", UNFINISHED)
    if status not in {UNFINISHED, ALL, *FollowUpStatus.values}:
        status = UNFINISHED
    return bureau, status, request.GET.get("terlambat") == "1"


@login_required
def follow_up_list(request):
    """Every follow-up, unfinished ones first by default, in three queries whatever their number."""
    today = timezone.localdate()
    bureaus = list(Bureau.objects.all())
    bureau, status, overdue = _filters(request, bureaus)
    found = FollowUp.objects.select_related("indicator__bureau").prefetch_related("reports")
    if bureau is not None:
        found = found.filter(indicator__bureau=bureau)
    if status == UNFINISHED:
        found = found.unfinished()
    elif status != ALL:
        found = found.filter(status=status)
    if overdue:
        found = found.overdue(today)
    return render(
        request,
        "targets/follow_ups.html",
        {
            "follow_ups": list(found),
            "bureaus": bureaus,
            "nav_bureaus": bureaus,
            "chosen_bureau": bureau,
            "status": status,
            "statuses": [(UNFINISHED, _("Belum selesai")), (ALL, _("Semua")), *FollowUpStatus.choices],
            "overdue": overdue,
            "today": today,
            "may_agree": request.user.role in {Role.STAFF, Role.HEAD, Role.PLANNER},
        },
    )


@login_required
def follow_up_detail(request, pk):
    """One follow-up with its reports and changes; the people who keep it update it here, also after
    the quarter's figures are approved."""
    follow_up = follow_up_or_404(pk)
    may_update = can_follow_up(request.user, follow_up.indicator.bureau_id)
    form = None
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        form = FollowUpForm(request.POST, instance=FollowUp.objects.get(pk=follow_up.pk))
        if form.is_valid():
            followups.update(request.user, follow_up, **form.cleaned_data)
            messages.success(request, _("Tindak lanjut diperbarui."))
            return redirect(follow_up.get_absolute_url())
    elif may_update:
        form = FollowUpForm(instance=follow_up)
    return render(
        request,
        "targets/follow_up.html",
        {
            "follow_up": follow_up,
            "reports": list(follow_up.reports.select_related("reported_by")),
            "changes": list(follow_up.history.select_related("history_user").order_by("-history_date")[:20]),
            "form": form,
            "today": timezone.localdate(),
        },
    )


@login_required
def follow_up_new(request):
    """A follow-up agreed at a meeting, for the indicators the user keeps follow-ups of: staff their
    bureau's, the head and the planners every bureau's."""
    indicators = indicators_to_follow_up(request.user)
    form = AgreeFollowUpForm(request.POST or None, indicators=indicators.select_related("bureau"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        follow_up = followups.create(
            request.user,
            data["indicator"],
            data["year"],
            data["quarter"],
            action=data["action"],
            pic=data["pic"],
            due_date=data["due_date"],
            kendala=data["kendala"],
        )
        messages.success(request, _("Tindak lanjut dicatat."))
        return redirect(follow_up.get_absolute_url())
    return render(request, "targets/follow_up_new.html", {"form": form})
