from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

from django.apps import apps
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kaltengkop.links import slug_url, slug_urls
from targets.choices import (
    CLOSED_FOLLOW_UP_STATUSES,
    Aggregation,
    Direction,
    FollowUpStatus,
    Quarter,
    RegionalStatus,
    RegionKind,
    ReminderKind,
    Role,
    Status,
    Step,
    Unit,
)

# Room for the province's PDRB in rupiah (about 2 × 10^14) a million times over, with four
# decimals for percentages and ratios.
VALUE_DIGITS = 24
VALUE_DECIMALS = 4


def value_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, **kwargs)


class Bureau(models.Model):
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("bidang")
        verbose_name_plural = _("bidang")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("reports:bureau", self.code)


class KaltengKopUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """`createsuperuser` makes the installation's first administrator."""
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, default=Role.STAFF)
    bureau = models.ForeignKey(
        Bureau,
        verbose_name=_("bidang"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    # The kabupaten/kota whose figures a regency operator enters.
    region = models.ForeignKey(
        "Region",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operators",
        limit_choices_to=~Q(kind=RegionKind.PROVINCE),
    )

    objects = KaltengKopUserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                name="staff_belongs_to_a_bureau",
                condition=~Q(role=Role.STAFF) | Q(bureau__isnull=False),
                violation_error_message=_("Staf bidang harus terdaftar pada satu bidang."),
            ),
            models.CheckConstraint(
                name="operator_belongs_to_a_regency",
                condition=~Q(role=Role.OPERATOR) | Q(region__isnull=False),
                violation_error_message=_(
                    "Operator kabupaten/kota harus terdaftar pada satu kabupaten/kota."
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        from targets.roles import ADMIN_SITE_ROLES, put_in_role_group

        # The admin site is for the planners and administrators; the role decides, not a checkbox.
        self.is_staff = self.role in ADMIN_SITE_ROLES or self.is_superuser
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "role" in update_fields:
            put_in_role_group(self)

    def on_record(self) -> bool:
        """Whether the user's name stands on a figure, a target, a definition or a workflow step."""
        if WorkflowStep.objects.filter(actor=self).exists():
            return True
        if Realization.objects.filter(updated_by=self).exists():
            return True
        historical = [m for m in apps.get_models() if any(f.name == "history_user" for f in m._meta.fields)]
        return any(model.objects.filter(history_user=self).exists() for model in historical)

    @property
    def oversees(self):
        """The head, the planners and the administrators follow every bureau's submissions."""
        return self.role in {Role.HEAD, Role.PLANNER, Role.ADMIN}

    @property
    def keeps_targets(self):
        """The planners set the targets; the administrator may stand in for them."""
        return self.role in {Role.PLANNER, Role.ADMIN}


class IndicatorQuerySet(models.QuerySet):
    def targeted(self):
        """Indicators proper: what the department committed to, as opposed to supporting series."""
        return self.filter(is_supporting=False)

    def supporting(self):
        return self.filter(is_supporting=True)


class Indicator(models.Model):
    """A performance indicator, or a supporting data series (PDRB, population…) that ratios use."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    definition = models.TextField(_("definisi"), blank=True)
    is_supporting = models.BooleanField(
        _("data pendukung"),
        default=False,
        help_text=_("Data pendukung tidak punya target maupun arah; dipakai oleh indikator rasio."),
    )
    bureau = models.ForeignKey(
        Bureau, verbose_name=_("bidang pengampu"), on_delete=models.PROTECT, related_name="indicators"
    )
    unit = models.CharField(_("satuan"), max_length=20, choices=Unit.choices)
    aggregation = models.CharField(_("metode penghitungan"), max_length=20, choices=Aggregation.choices)
    direction = models.CharField(
        _("arah"), max_length=10, choices=Direction.choices, default=Direction.HIGHER, blank=True
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("pembilang"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_supporting": True},
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("penyebut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_supporting": True},
    )
    multiplier = value_field(_("pengali"), default=100)
    period_start = models.PositiveSmallIntegerField(_("awal periode rencana"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("akhir periode rencana"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("tahun data dasar"), null=True, blank=True)
    baseline_value = value_field(_("nilai data dasar"), null=True, blank=True)
    data_source = models.CharField(_("sumber data"), max_length=255, blank=True)
    by_region = models.BooleanField(
        _("dilaporkan per kabupaten/kota"),
        default=False,
        help_text=_(
            "Angka provinsi dihitung dari angka kabupaten/kota. Indikator rasio memerlukan pembilang "
            "dan penyebut yang juga dilaporkan per kabupaten/kota."
        ),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    # Who changed a definition (formula, direction, multiplier, baseline), when and why: it changes
    # official achievements.
    history = HistoricalRecords(excluded_fields=["order"])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["is_supporting", "order", "code"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        constraints = [
            models.CheckConstraint(
                name="ratio_has_both_series",
                condition=~Q(aggregation=Aggregation.RATIO)
                | Q(numerator__isnull=False, denominator__isnull=False),
                violation_error_message=_("Indikator rasio memerlukan data pembilang dan penyebut."),
            ),
            models.CheckConstraint(
                name="cumulative_has_plan_period",
                condition=~Q(aggregation=Aggregation.CUMULATIVE)
                | Q(
                    period_start__isnull=False,
                    period_end__isnull=False,
                    period_start__lte=models.F("period_end"),
                ),
                violation_error_message=_("Indikator kumulatif memerlukan periode rencana (awal ≤ akhir)."),
            ),
            models.CheckConstraint(
                name="supporting_series_has_no_direction",
                condition=Q(is_supporting=True, direction=Direction.NONE)
                | Q(is_supporting=False) & ~Q(direction=Direction.NONE),
                violation_error_message=_("Data pendukung tanpa arah; indikator harus punya arah."),
            ),
            models.CheckConstraint(
                name="supporting_series_is_not_a_ratio",
                condition=Q(is_supporting=False) | ~Q(aggregation=Aggregation.RATIO),
                violation_error_message=_("Data pendukung tidak boleh berupa rasio."),
            ),
        ]

    def __str__(self):
        return f"{self.name}"

    def get_absolute_url(self):
        return slug_url("reports:indicator", self.code)

    @staticmethod
    def urls() -> "Callable[[Indicator], str]":
        """get_absolute_url for the hundreds of indicators of one table (slug_urls)."""
        url = slug_urls("reports:indicator")
        return lambda indicator: url(indicator.code)

    @property
    def is_ratio(self):
        return self.aggregation == Aggregation.RATIO

    def clean(self):
        super().clean()
        from targets.regions import by_region_errors  # targets.regions reads these models

        errors = by_region_errors(self)
        if errors:
            raise ValidationError({"by_region": errors})

    def period_years(self, year):
        """The earlier years of the plan period whose totals a cumulative figure carries."""
        if self.aggregation != Aggregation.CUMULATIVE or self.period_start is None:
            return range(0)
        return range(self.period_start, year)


class Target(models.Model):
    """An indicator's target for a year, with the planners' optional quarterly targets."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = value_field(_("target tahunan"))
    q1 = value_field(_("target TW I"), null=True, blank=True)
    q2 = value_field(_("target TW II"), null=True, blank=True)
    q3 = value_field(_("target TW III"), null=True, blank=True)
    q4 = value_field(_("target TW IV"), null=True, blank=True)
    source = models.CharField(
        _("sumber target"), max_length=255, blank=True, help_text=_("Misalnya: Rakortek 2025, Renstra.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("target")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_indicator_year"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}"

    @property
    def quarterly(self):
        return {1: self.q1, 2: self.q2, 3: self.q3, 4: self.q4}


def evidence_path(realization, filename):
    """Under MEDIA_ROOT, one folder per upload so that two files of the same name never collide."""
    name = Path(filename).name
    return (
        f"bukti/{realization.year}/tw{realization.quarter}/{realization.indicator.code}/{uuid4().hex}/{name}"
    )


class RealizationQuerySet(models.QuerySet):
    def official(self):
        """Figures the head has approved: the only ones reported as official."""
        return self.filter(status=Status.APPROVED)


class Realization(models.Model):
    """What a series reached in one quarter, with the obstacles met; the follow-ups are FollowUp rows."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="realizations"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    value = value_field(_("realisasi"))
    kendala = models.TextField(_("kendala"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    updated_by = models.ForeignKey(
        User,
        verbose_name=_("diubah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    # Bumped by every write of the row's figures (targets.workflow.write_realizations): a form or an
    # export that saw an older version cannot overwrite a later save unseen. A stored row starts at 1;
    # 0 stands for "no row yet".
    version = models.PositiveIntegerField(_("versi"), default=1)
    evidence = models.FileField(_("bukti dukung"), upload_to=evidence_path, max_length=255, blank=True)
    history = HistoricalRecords()

    objects = RealizationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"], name="one_realization_per_series_quarter"
            ),
            models.CheckConstraint(name="quarter_is_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)),
        ]
        indexes = [
            # Pages read every series' realizations for a span of years in one query.
            models.Index(fields=["year", "quarter"], name="realization_year_quarter"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year} TW{self.quarter}"


class WorkflowStep(models.Model):
    """One step of a bureau's quarter: who did what, when, and why where a reason is required."""

    bureau = models.ForeignKey(Bureau, verbose_name=_("bidang"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    action = models.CharField(_("langkah"), max_length=20, choices=Step.choices)
    reason = models.TextField(_("alasan"), blank=True)
    actor = models.ForeignKey(
        User, verbose_name=_("oleh"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("langkah alur kerja")
        verbose_name_plural = _("langkah alur kerja")
        constraints = [
            models.CheckConstraint(
                name="step_quarter_is_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)
            ),
        ]
        indexes = [
            # The entry form and the bureau page read a bureau's log for one year.
            models.Index(fields=["bureau", "year", "quarter"], name="step_bureau_quarter"),
        ]

    def __str__(self):
        return f"{self.bureau} {self.year} TW{self.quarter}: {self.get_action_display()}"


class ReportingDeadline(models.Model):
    """The planners' due date for a quarter's reports, where the default working-day rule does not fit
    (cuti bersama announced late, a meeting brought forward)."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    due_date = models.DateField(_("batas waktu laporan"))
    reason = models.CharField(_("alasan"), max_length=255)

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("batas waktu laporan")
        verbose_name_plural = _("batas waktu laporan")
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="one_deadline_per_quarter"),
            models.CheckConstraint(
                name="deadline_quarter_is_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)
            ),
        ]

    def __str__(self):
        return f"{self.year} TW{self.quarter}: {self.due_date:%Y-%m-%d}"


class Reminder(models.Model):
    """An email of the reporting calendar that was sent: each one goes out once."""

    kind = models.CharField(_("jenis"), max_length=20, choices=ReminderKind.choices)
    recipient = models.ForeignKey(
        User, verbose_name=_("penerima"), on_delete=models.CASCADE, related_name="+"
    )
    bureau = models.ForeignKey(Bureau, verbose_name=_("bidang"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    sent_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "bureau", "year", "quarter"], name="each_reminder_sent_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.bureau} {self.year} TW{self.quarter})"


class FollowUpQuerySet(models.QuerySet):
    def unfinished(self):
        """Follow-ups still to be carried out: neither done nor dropped."""
        return self.exclude(status__in=CLOSED_FOLLOW_UP_STATUSES)

    def overdue(self, today):
        return self.unfinished().filter(due_date__lt=today)

    def agreed_before(self, year, quarter):
        return self.filter(Q(year__lt=year) | Q(year=year, quarter__lt=quarter))

    def carried_into(self, year, quarter):
        """Agreed before the quarter and reported on in it: still unfinished, or closed by a report of it."""
        reported = FollowUpReport.objects.filter(follow_up=OuterRef("pk"), year=year, quarter=quarter)
        return self.agreed_before(year, quarter).filter(
            ~Q(status__in=CLOSED_FOLLOW_UP_STATUSES) | Exists(reported)
        )


class FollowUp(models.Model):
    """A tindak lanjut agreed for an indicator in one quarter: what is to be done about a kendala, by
    whom and by when. It lives apart from the quarter's figures, so its status can move on after the
    figures are approved without reopening them."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    # The quarter in which it was agreed.
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    kendala = models.TextField(_("kendala yang dijawab"), blank=True)
    action = models.TextField(_("tindak lanjut"))
    pic = models.CharField(_("penanggung jawab (PIC)"), max_length=200)
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    # Required when a follow-up is dropped; a note on the outcome otherwise.
    status_note = models.TextField(_("keterangan status"), blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    updated_by = models.ForeignKey(
        User, verbose_name=_("diubah oleh"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        constraints = [
            models.CheckConstraint(
                name="follow_up_quarter_is_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)
            ),
            models.CheckConstraint(
                name="dropped_follow_up_has_reason",
                condition=~Q(status=FollowUpStatus.DROPPED) | ~Q(status_note=""),
            ),
        ]
        indexes = [
            # The entry form and the exports read an indicator's follow-ups agreed in a quarter.
            models.Index(fields=["indicator", "year", "quarter"], name="follow_up_indicator_quarter"),
            # The worklist, the dashboard and the PDF read the unfinished ones past their due date.
            models.Index(fields=["status", "due_date"], name="follow_up_status_due"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year} TW{self.quarter}: {self.action[:60]}"

    def get_absolute_url(self):
        return reverse("targets:follow_up", args=[self.pk])

    @property
    def is_closed(self):
        return self.status in CLOSED_FOLLOW_UP_STATUSES

    def is_overdue(self, today) -> bool:
        return not self.is_closed and self.due_date < today

    @property
    def latest_report(self):
        """The latest report on it (from prefetched reports where the page read them in one go)."""
        reports = list(self.reports.all())
        return reports[-1] if reports else None

    @property
    def outcome(self) -> str:
        """What became of it, in words: the latest report's note, else the note on its status."""
        report = self.latest_report
        return (report.note if report and report.note else "") or self.status_note


class FollowUpReport(models.Model):
    """What a bureau reported on an earlier follow-up in a later quarter: the status it gave and how
    the work went. The meeting asks "what became of it" from these."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("tindak lanjut"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices)
    note = models.TextField(_("perkembangan"), blank=True)
    reported_by = models.ForeignKey(
        User,
        verbose_name=_("dilaporkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("dilaporkan pada"), auto_now=True)

    class Meta:
        ordering = ["follow_up", "year", "quarter"]
        verbose_name = _("laporan tindak lanjut")
        verbose_name_plural = _("laporan tindak lanjut")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "year", "quarter"], name="one_follow_up_report_per_quarter"
            ),
            models.CheckConstraint(
                name="follow_up_report_quarter_is_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)
            ),
        ]

    def __str__(self):
        return f"{self.follow_up} — {self.year} TW{self.quarter}: {self.get_status_display()}"


class Region(models.Model):
    """A province or one of its kabupaten/kota, by its Kemendagri code. Reference data kept by the
    administrator: the code never names a region, the rows do."""

    code = models.CharField(
        _("kode Kemendagri"), max_length=13, unique=True, help_text=_("Misalnya 62 atau 62.71.")
    )
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        constraints = [
            models.CheckConstraint(
                name="only_a_province_has_no_parent",
                condition=Q(kind=RegionKind.PROVINCE, parent__isnull=True)
                | ~Q(kind=RegionKind.PROVINCE) & Q(parent__isnull=False),
                violation_error_message=_(
                    "Provinsi tidak punya induk; kabupaten dan kota harus punya provinsi induk."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class RegionalRealization(models.Model):
    """What one kabupaten/kota reported for a series in one quarter; the province figure of a series
    reported by region is rolled up from the accepted ones (targets.regions)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="regional_realizations"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="realizations"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    value = value_field(_("realisasi"))
    status = models.CharField(
        _("status"), max_length=20, choices=RegionalStatus.choices, default=RegionalStatus.DRAFT
    )
    # Why the owning bureau returned the figure to the regency.
    reason = models.TextField(_("alasan dikembalikan"), blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    updated_by = models.ForeignKey(
        User, verbose_name=_("diubah oleh"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "quarter", "region"]
        verbose_name = _("realisasi kabupaten/kota")
        verbose_name_plural = _("realisasi kabupaten/kota")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year", "quarter"], name="one_regional_figure_per_quarter"
            ),
            models.CheckConstraint(
                name="regional_quarter_is_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)
            ),
        ]
        indexes = [
            # The indicator and bureau pages read the regency figures of some series for one year.
            models.Index(fields=["indicator", "year"], name="regional_series_year"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.region} {self.year} TW{self.quarter}"


class RegionalTarget(models.Model):
    """A kabupaten/kota's own target for a year; the province target stays the one assessed."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="regional_targets"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = value_field(_("target tahunan"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "region"]
        verbose_name = _("target kabupaten/kota")
        verbose_name_plural = _("target kabupaten/kota")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year"], name="one_regional_target_per_year"
            ),
        ]
        indexes = [
            # A national summary reads every regency's target of some indicators for one year.
            models.Index(fields=["indicator", "year"], name="regional_target_year"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.region} {self.year}"


class RegencyYear(models.Model):
    """A kabupaten/kota's figures of one series for one year in one row: each quarter's figure and status,
    what a cumulative figure carries into the year from the plan period's earlier years, and the accepted
    figure to date at the end of each quarter (targets.regency_years).

    Derived from RegionalRealization and rewritten in the same transaction as every write to it, so that
    a page ranking hundreds of regencies reads one row per regency and series instead of every quarter of
    every year of the plan period. Only submitted and accepted figures are kept: drafts and returned
    figures are shown nowhere but on the regency's own entry page."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", db_index=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    # The series' plan period start and aggregation when `carried` and the figures to date were found: a
    # row found under others is not read.
    period_start = models.PositiveSmallIntegerField(null=True)
    aggregation = models.CharField(max_length=20)
    carried = value_field(None, default=0)
    value_1 = value_field(None, null=True)
    status_1 = models.CharField(max_length=20, blank=True)
    to_date_1 = value_field(None, null=True)
    value_2 = value_field(None, null=True)
    status_2 = models.CharField(max_length=20, blank=True)
    to_date_2 = value_field(None, null=True)
    value_3 = value_field(None, null=True)
    status_3 = models.CharField(max_length=20, blank=True)
    to_date_3 = value_field(None, null=True)
    value_4 = value_field(None, null=True)
    status_4 = models.CharField(max_length=20, blank=True)
    to_date_4 = value_field(None, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region", "year"], name="one_regency_year"),
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="regency_year_series")]

    def __str__(self):
        return f"{self.indicator_id} {self.region_id} {self.year}"


class DataVersion(models.Model):
    """One row whose number goes up in the same transaction as every write to what the pages show
    (targets.version): computed pages and the stored PDF are kept under it."""

    number = models.PositiveBigIntegerField(_("nomor"), default=0)
    changed_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("versi data")
        verbose_name_plural = _("versi data")
        constraints = [models.CheckConstraint(name="one_data_version", condition=Q(id=1))]

    def __str__(self):
        return str(self.number)
