from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Letterhead, Meeting, MeetingDeletion, MeetingFigure, MeetingFollowUp, MeetingRow
from targets.admin import ReadOnlyAdminMixin


@admin.register(Letterhead)
class LetterheadAdmin(SimpleHistoryAdmin):
    """One row for the department: edited and its history read, never added twice or deleted."""

    list_display = ["agency", "signatory_name", "signatory_title", "acting"]
    fieldsets = [
        (
            _("Kop surat"),
            {"fields": ["government", "agency", "address", "phone", "email", "website", "logo"]},
        ),
        (
            _("Penanda tangan"),
            {
                "fields": [
                    "place",
                    "signatory_name",
                    "signatory_rank",
                    "signatory_nip",
                    "signatory_title",
                    "acting",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return not Letterhead.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """A list of one row is a detour: go straight to the department's letterhead."""
        if Letterhead.objects.exists():
            return redirect(reverse("admin:reports_letterhead_change", args=[Letterhead.ONLY_ROW]))
        return super().changelist_view(request, extra_context)


class FrozenInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class MeetingRowInline(FrozenInline):
    model = MeetingRow
    fields = ["indicator", "realization", "target", "achievement", "category", "on_track"]


class MeetingFigureInline(FrozenInline):
    model = MeetingFigure
    fields = ["indicator", "year", "quarter", "value", "status", "version", "kendala"]


class MeetingFollowUpInline(FrozenInline):
    model = MeetingFollowUp
    fields = ["indicator", "action", "pic", "due_date", "status", "status_note"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Shown, never changed: a snapshot is deleted only on its own page, by an administrator."""

    list_display = ["name", "held_on", "place", "year", "quarter", "recorded_by"]
    inlines = [MeetingRowInline, MeetingFigureInline, MeetingFollowUpInline]


@admin.register(MeetingDeletion)
class MeetingDeletionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "held_on", "year", "quarter", "deleted_by", "deleted_at"]
