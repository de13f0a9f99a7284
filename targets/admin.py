"""The Django admin: the planners keep the indicator catalogue, the administrators keep people and
bureaus. It is never a way around the entry workflow: realizations and the workflow log are read-only
here for everyone, history included, and every change to a definition keeps its reason.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from targets.choices import YEARS
from targets.deadlines import default_due_date, indonesian_holidays
from targets.formatting import format_value
from targets.forms import NumberField
from targets.models import (
    Bureau,
    FollowUp,
    FollowUpReport,
    Indicator,
    Realization,
    Region,
    Reminder,
    ReportingDeadline,
    Target,
    User,
    WorkflowStep,
)
from targets.signals import USER_ON_RECORD


class ReadOnlyAdminMixin:
    """Shown, never changed: no add, no change, no delete, whatever the user's permissions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordedHistoryAdmin(SimpleHistoryAdmin):
    """History can be read; a past version is never written back (no revert through the history)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "bureau", "region", "is_active"]
    list_filter = ["role", "bureau", "is_active"]
    # The role decides the groups and the admin access (User.save); the boxes would only contradict it.
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Data pribadi"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Peran di dinas"), {"fields": ["role", "bureau", "region", "is_active"]}),
        (_("Waktu penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Peran di dinas"), {"fields": ["role", "bureau", "region"]}),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["deactivate"]

    @admin.action(description=_("Nonaktifkan pengguna terpilih"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = queryset.update(is_active=False)
        message = ngettext("%(count)d pengguna dinonaktifkan.", "%(count)d pengguna dinonaktifkan.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, object_id)
        if user is not None and user.on_record():
            self.message_user(request, USER_ON_RECORD % {"user": user.get_username()}, messages.ERROR)
            return redirect("admin:targets_user_change", user.pk)
        return super().delete_view(request, object_id, extra_context)


def target_page_link(target):
    """The app's own page for a target, where the planners set it with a reason."""
    try:
        url = reverse("targets:target_edit", args=[target.indicator.code, target.year])
    except NoReverseMatch:
        return "–"
    return format_html('<a href="{}">{}</a>', url, gettext("Ubah di halaman target"))


class TargetColumns:
    """A target's annual figure the Indonesian way, and a link to the page where it is changed."""

    @admin.display(description=_("target tahunan"))
    def annual(self, target):
        return format_value(target.value, target.indicator.unit)

    @admin.display(description=_("ubah"))
    def edit(self, target):
        return target_page_link(target)


class TargetInline(TargetColumns, ReadOnlyAdminMixin, admin.TabularInline):
    model = Target
    extra = 0
    fields = ["year", "annual", "source", "edit"]
    readonly_fields = ["year", "annual", "source", "edit"]


class YearListFilter(admin.SimpleListFilter):
    """Indicators that have a target for the chosen year."""

    title = _("tahun target")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        years = Target.objects.order_by("-year").values_list("year", flat=True).distinct()
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year = int(self.value())
        except ValueError:
            raise IncorrectLookupParameters(self.value()) from None
        if year not in YEARS:
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(targets__year=year).distinct()


class IndicatorForm(forms.ModelForm):
    """The catalogue's numbers read as the person types them; a change says why."""

    multiplier = NumberField(label=_("pengali"))
    baseline_value = NumberField(label=_("nilai data dasar"), required=False)
    change_reason = forms.CharField(
        label=_("Alasan perubahan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Disimpan di riwayat indikator, beserta siapa dan kapan."),
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "bureau",
            "is_supporting",
            "order",
            "unit",
            "aggregation",
            "direction",
            "numerator",
            "denominator",
            "multiplier",
            "period_start",
            "period_end",
            "baseline_year",
            "baseline_value",
            "data_source",
            "by_region",
        ]


@admin.register(Indicator)
class IndicatorAdmin(RecordedHistoryAdmin):
    form = IndicatorForm
    list_display = [
        "code",
        "name",
        "bureau",
        "unit",
        "aggregation",
        "direction",
        "is_supporting",
        "by_region",
    ]
    list_filter = ["bureau", "is_supporting", "aggregation", "by_region", YearListFilter]
    search_fields = ["name", "code"]
    list_select_related = ["bureau"]
    inlines = [TargetInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "definition", "bureau", "is_supporting", "order"]}),
        (
            _("Rumus"),
            {"fields": ["unit", "aggregation", "direction", "numerator", "denominator", "multiplier"]},
        ),
        (
            _("Periode dan data dasar"),
            {"fields": ["period_start", "period_end", "baseline_year", "baseline_value", "data_source"]},
        ),
        (_("Kabupaten/kota"), {"fields": ["by_region"]}),
        (_("Perubahan"), {"fields": ["change_reason"]}),
    ]

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data["change_reason"]
        super().save_model(request, obj, form, change)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """The region tree is reference data: the administrator adds a regency or a province here."""

    list_display = ["code", "name", "kind", "parent", "order"]
    list_filter = ["kind", "parent"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(Target)
class TargetAdmin(TargetColumns, ReadOnlyAdminMixin, RecordedHistoryAdmin):
    """Targets are set on the app's targets page, which reads numbers the Indonesian way."""

    list_display = ["indicator", "year", "annual", "source", "edit"]
    list_filter = ["year", "indicator__bureau"]
    search_fields = ["indicator__name", "indicator__code"]
    list_select_related = ["indicator"]


@admin.register(Realization)
class RealizationAdmin(ReadOnlyAdminMixin, RecordedHistoryAdmin):
    """Figures change only through the entry form and its workflow."""

    list_display = ["indicator", "year", "quarter", "figure", "status", "updated_by", "updated_at"]
    list_filter = ["year", "quarter", "status", "indicator__bureau"]
    search_fields = ["indicator__name", "indicator__code"]
    list_select_related = ["indicator", "updated_by"]

    @admin.display(description=_("realisasi"))
    def figure(self, realization):
        return format_value(realization.value, realization.indicator.unit)


class FollowUpReportInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = FollowUpReport
    extra = 0
    fields = ["year", "quarter", "status", "note", "reported_by", "reported_at"]
    readonly_fields = fields


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdminMixin, RecordedHistoryAdmin):
    """Follow-ups change only on the entry form and their own page, through targets.followups."""

    list_display = ["action", "indicator", "year", "quarter", "pic", "due_date", "status", "updated_by"]
    list_filter = ["year", "quarter", "status", "indicator__bureau"]
    search_fields = ["action", "pic", "indicator__name", "indicator__code"]
    list_select_related = ["indicator", "updated_by"]
    inlines = [FollowUpReportInline]


@admin.register(WorkflowStep)
class WorkflowStepAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log is a record: readable in the admin, never edited there."""

    list_display = ["at", "bureau", "year", "quarter", "action", "actor", "reason"]
    list_filter = ["year", "quarter", "action", "bureau"]
    list_select_related = ["bureau", "actor"]


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    """The planners' due date for a quarter, where the working-day rule does not fit (cuti bersama)."""

    list_display = ["year", "quarter", "due_date", "by_rule", "reason"]
    list_filter = ["year"]

    @admin.display(description=_("menurut aturan hari kerja"))
    def by_rule(self, deadline):
        holidays = indonesian_holidays([deadline.year, deadline.year + 1])
        return default_due_date(deadline.year, deadline.quarter, settings.REPORT_DUE_WORKING_DAYS, holidays)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "year":
            kwargs["min_value"], kwargs["max_value"] = YEARS[0], YEARS[-1]
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What `send_reminders` sent, to whom and when."""

    list_display = ["sent_at", "kind", "recipient", "bureau", "year", "quarter"]
    list_filter = ["kind", "year", "quarter", "bureau"]
    list_select_related = ["recipient", "bureau"]
