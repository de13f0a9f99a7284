"""The meetings' pages: the list, recording one, its snapshot, its stored PDF, and deleting one.

A snapshot has no edit page: the list, the snapshot and its PDF answer reads only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reports.forms import MeetingDeletionForm, MeetingForm
from reports.meetings import compare, delete_meeting, meeting_rows, record_meeting, revised_indicators
from reports.models import Meeting
from targets.permissions import (
    can_delete_meeting,
    can_record_meeting,
    require_meeting_deleter,
    require_meeting_recorder,
)
from targets.readmodel import latest_period


@login_required
@require_safe
def meeting_list(request):
    return render(
        request,
        "reports/meeting_list.html",
        {
            "meetings": Meeting.objects.all(),
            "may_record": can_record_meeting(request.user),
        },
    )


@login_required
def meeting_new(request):
    require_meeting_recorder(request.user)
    year, quarter = latest_period() or (timezone.localdate().year, 1)
    form = MeetingForm(
        request.POST or None, initial={"held_on": timezone.localdate(), "year": year, "quarter": quarter}
    )
    if form.is_valid():
        meeting = record_meeting(**form.cleaned_data, user=request.user)
        messages.success(request, _("Rapat dicatat; angka-angkanya dibekukan seperti saat ini."))
        return redirect("reports:meeting", pk=meeting.pk)
    return render(request, "reports/meeting_new.html", {"form": form})


@login_required
@require_safe
def meeting(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("recorded_by"), pk=pk)
    figures = compare(meeting)
    rows = meeting_rows(meeting)
    return render(
        request,
        "reports/meeting.html",
        {
            "meeting": meeting,
            "rows": rows,
            "revised_rows": revised_indicators(rows, figures),
            "year": meeting.year,
            "quarter": meeting.quarter,
            "figures": figures,
            "revised_count": sum(1 for figure in figures if figure.revised),
            "kendala": [figure for figure in figures if figure.was and figure.was.kendala],
            "follow_ups": meeting.follow_ups.select_related("indicator"),
            "may_delete": can_delete_meeting(request.user),
        },
    )


@login_required
@require_safe
def meeting_pdf(request, pk):
    """The summary PDF exactly as it was printed for the meeting."""
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        handle = meeting.document.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas PDF rapat ini tidak ditemukan.")) from None
    name = f"bahan-rapat-{meeting.held_on:%Y-%m-%d}-{meeting.year}-tw{meeting.quarter}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=name)


@login_required
def meeting_delete(request, pk):
    require_meeting_deleter(request.user)
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingDeletionForm(request.POST or None)
    if form.is_valid():
        delete_meeting(meeting, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Snapshot rapat dihapus; alasannya disimpan."))
        return redirect("reports:meetings")
    return render(request, "reports/meeting_delete.html", {"meeting": meeting, "form": form})
