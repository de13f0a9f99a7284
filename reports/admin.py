from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Letterhead


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
