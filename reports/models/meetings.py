"""Snapshots of coordination meetings: the figures, assessments, kendala and follow-ups as a
meeting saw them, and the PDF as it was printed.

A snapshot is a record, so it is never edited: saving a stored row raises, and so does an update
through a queryset. Only an administrator removes one, with a reason that is kept
(MeetingDeletion).
"""

from uuid import uuid4

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from targets import progress
from targets.choices import CLOSED_FOLLOW_UP_STATUSES, Category, FollowUpStatus, Quarter, Status
from targets.models import FollowUp, Indicator, User, value_field
from targets.readmodel import IndicatorRow, RatioTerms

# An assessment's figures are stored with more decimals than an entered figure: a ratio or an
# achievement is computed, and the snapshot keeps it as the meeting saw it.
ASSESSED_DIGITS = 34
ASSESSED_DECIMALS = 10


class SnapshotImmutable(Exception):
    """A meeting's snapshot is a record of what the meeting saw; it is never changed."""


def _refuse_change():
    raise SnapshotImmutable(_("Snapshot rapat tidak dapat diubah."))


class SnapshotQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse_change()


class Snapshot(models.Model):
    """Written once, by bulk_create or a first save, then only read."""

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            _refuse_change()
        super().save(*args, **kwargs)


def assessed_field(verbose_name):
    return models.DecimalField(
        verbose_name, max_digits=ASSESSED_DIGITS, decimal_places=ASSESSED_DECIMALS, null=True, blank=True
    )


def quarter_check(name):
    return models.CheckConstraint(name=name, condition=Q(quarter__gte=1, quarter__lte=4))


def document_path(meeting, filename):
    return f"rapat/{uuid4().hex}.pdf"


class Meeting(Snapshot):
    """A coordination meeting and the period it covered; the frozen content hangs off it."""

    name = models.CharField(_("nama rapat"), max_length=200)
    held_on = models.DateField(_("tanggal rapat"))
    place = models.CharField(_("tempat"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    document = models.FileField(_("bahan rapat (PDF)"), upload_to=document_path, max_length=255)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        constraints = [quarter_check("meeting_quarter_is_1_to_4")]

    def __str__(self):
        return f"{self.name} ({self.held_on:%d-%m-%Y})"


class MeetingFigure(Snapshot):
    """One realization of the covered year, up to the covered quarter, as it stood at the meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("rapat"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    value = value_field(_("realisasi"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    version = models.PositiveIntegerField(_("versi"))
    kendala = models.TextField(_("kendala"), blank=True)

    class Meta:
        ordering = ["meeting", "indicator", "year", "quarter"]
        verbose_name = _("angka rapat")
        verbose_name_plural = _("angka rapat")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "indicator", "year", "quarter"],
                name="one_meeting_figure_per_series_quarter",
            ),
            quarter_check("meeting_figure_quarter_is_1_to_4"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year} TW{self.quarter}"


def _realization_only(value) -> progress.Assessment:
    """The provisional assessment as the dashboard reads it: its realization alone."""
    return progress.Assessment(value, None, None, None, None, None, None, None, None)


class MeetingRow(Snapshot):
    """One indicator's dashboard row as the meeting saw it: enough to draw the dashboard again
    without recomputing from today's figures."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("rapat"), on_delete=models.CASCADE, related_name="rows"
    )
    # The dashboard's order of the indicators at the meeting.
    position = models.PositiveIntegerField(_("urutan"))
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="+"
    )
    realization = assessed_field(_("realisasi"))
    target = assessed_field(_("target"))
    expected = assessed_field(_("target s.d. triwulan"))
    achievement = assessed_field(_("capaian"))
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices, blank=True)
    on_track = models.BooleanField(_("sesuai rencana"), null=True)
    projection = assessed_field(_("proyeksi akhir tahun"))
    projected_achievement = assessed_field(_("proyeksi capaian"))
    required_per_quarter = assessed_field(_("yang diperlukan per triwulan"))
    gap = assessed_field(_("selisih terhadap rencana"))
    # With figures awaiting approval counted; empty when nothing awaited approval.
    provisional_realization = assessed_field(_("realisasi termasuk yang menunggu persetujuan"))
    pending_quarters = models.JSONField(_("triwulan menunggu persetujuan"), default=list)
    # A ratio's official figure term by term, at its latest quarter.
    ratio_quarter = models.PositiveSmallIntegerField(_("triwulan rasio"), null=True)
    ratio_numerator = assessed_field(_("pembilang"))
    ratio_denominator = assessed_field(_("penyebut"))
    denominator_borrowed = models.BooleanField(_("penyebut angka terakhir yang terbit"), default=False)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("baris dasbor rapat")
        verbose_name_plural = _("baris dasbor rapat")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "indicator"], name="one_meeting_row_per_indicator"),
        ]

    def __str__(self):
        return str(self.indicator)

    @classmethod
    def frozen(cls, meeting: Meeting, position: int, row: IndicatorRow) -> "MeetingRow":
        """The unsaved snapshot of a dashboard row."""
        official, terms = row.official, row.ratio_terms
        return cls(
            meeting=meeting,
            position=position,
            indicator=row.indicator,
            realization=official.realization,
            target=official.target,
            expected=official.expected,
            achievement=official.achievement,
            category=official.category or "",
            on_track=official.on_track,
            projection=official.projection,
            projected_achievement=official.projected_achievement,
            required_per_quarter=official.required_per_quarter,
            gap=official.gap,
            provisional_realization=row.provisional.realization if row.provisional else None,
            pending_quarters=list(row.pending_quarters),
            ratio_quarter=terms.quarter if terms else None,
            ratio_numerator=terms.numerator if terms else None,
            ratio_denominator=terms.denominator if terms else None,
            denominator_borrowed=bool(terms and terms.borrowed),
        )

    def as_row(self) -> IndicatorRow:
        """The dashboard row again, in the read model's own type: the dashboard draws either alike."""
        official = progress.Assessment(
            realization=self.realization,
            target=self.target,
            expected=self.expected,
            achievement=self.achievement,
            category=Category(self.category) if self.category else None,
            on_track=self.on_track,
            projection=self.projection,
            projected_achievement=self.projected_achievement,
            required_per_quarter=self.required_per_quarter,
            gap=self.gap,
        )
        provisional = _realization_only(self.provisional_realization) if self.pending_quarters else None
        terms = None
        if self.ratio_quarter is not None:
            terms = RatioTerms(
                self.ratio_quarter,
                self.ratio_numerator,
                self.ratio_denominator,
                self.realization,
                self.denominator_borrowed,
            )
        return IndicatorRow(
            indicator=self.indicator,
            year=self.meeting.year,
            quarter=self.meeting.quarter,
            target=None,
            official=official,
            provisional=provisional,
            pending_quarters=list(self.pending_quarters),
            ratio_terms=terms,
        )


class MeetingFollowUp(Snapshot):
    """A follow-up as it stood at the meeting; the live one may move on."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("rapat"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("tindak lanjut kini"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    kendala = models.TextField(_("kendala yang dijawab"), blank=True)
    action = models.TextField(_("tindak lanjut"))
    pic = models.CharField(_("penanggung jawab (PIC)"), max_length=200)
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices)
    status_note = models.TextField(_("keterangan status"), blank=True)

    class Meta:
        ordering = ["meeting", "due_date", "pk"]
        verbose_name = _("tindak lanjut rapat")
        verbose_name_plural = _("tindak lanjut rapat")
        constraints = [quarter_check("meeting_follow_up_quarter_is_1_to_4")]

    def __str__(self):
        return f"{self.indicator} {self.year} TW{self.quarter}: {self.action[:60]}"

    def get_absolute_url(self):
        """The follow-up as it stands today, where it still exists."""
        return reverse("targets:follow_up", args=[self.follow_up_id]) if self.follow_up_id else ""

    @property
    def is_closed(self):
        return self.status in CLOSED_FOLLOW_UP_STATUSES

    def is_overdue(self, today) -> bool:
        return not self.is_closed and self.due_date < today


class MeetingDeletion(models.Model):
    """What is left of a deleted snapshot: which meeting it was, who removed it, when and why."""

    name = models.CharField(_("nama rapat"), max_length=200)
    held_on = models.DateField(_("tanggal rapat"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    reason = models.TextField(_("alasan"))
    deleted_by = models.ForeignKey(
        User, verbose_name=_("dihapus oleh"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    deleted_at = models.DateTimeField(_("dihapus pada"), auto_now_add=True)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = _("penghapusan snapshot rapat")
        verbose_name_plural = _("penghapusan snapshot rapat")

    def __str__(self):
        return f"{self.name} ({self.held_on:%d-%m-%Y})"
