from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from targets.models import Bureau, Indicator, Realization, Target, User, WorkflowStep


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "bureau", "is_active"]
    list_filter = ["role", "bureau", "is_active"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Peran di dinas"), {"fields": ["role", "bureau"]}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Peran di dinas"), {"fields": ["role", "bureau"]}),)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1
    fields = ["year", "value", "q1", "q2", "q3", "q4", "source"]


class YearListFilter(admin.SimpleListFilter):
    """Indicators that have a target for the chosen year."""

    title = _("tahun target")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        years = Target.objects.order_by("-year").values_list("year", flat=True).distinct()
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(targets__year=self.value()).distinct()
        return queryset


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "bureau", "unit", "aggregation", "direction", "is_supporting"]
    list_filter = ["bureau", "is_supporting", "aggregation", YearListFilter]
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
    ]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value", "source"]
    list_filter = ["year", "indicator__bureau"]
    search_fields = ["indicator__name", "indicator__code"]
    list_select_related = ["indicator"]


@admin.register(Realization)
class RealizationAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "quarter", "value", "status", "updated_by", "updated_at"]
    list_filter = ["year", "quarter", "status", "indicator__bureau"]
    search_fields = ["indicator__name", "indicator__code"]
    list_select_related = ["indicator", "updated_by"]


@admin.register(WorkflowStep)
class WorkflowStepAdmin(admin.ModelAdmin):
    """The log is a record: readable in the admin, never edited there."""

    list_display = ["at", "bureau", "year", "quarter", "action", "actor", "reason"]
    list_filter = ["year", "quarter", "action", "bureau"]
    list_select_related = ["bureau", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
