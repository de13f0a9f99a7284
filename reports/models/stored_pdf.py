"""The summary PDF as built for one data version: built once, then every download is a file read."""

from uuid import uuid4

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from targets.choices import Quarter

# A bureau code never equals this: the document of every bureau.
ALL_BUREAUS = ""


def summary_path(instance, filename):
    return f"ringkasan/{uuid4().hex}.pdf"


class StoredSummary(models.Model):
    """One summary PDF for one data version, language, year, quarter and bureau (or all), from the
    moment its build is asked for: the row is the claim that stops a second build of the same copy."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("dalam antrean")
        RUNNING = "running", _("sedang disusun")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    version = models.PositiveIntegerField(_("versi data"))
    language = models.CharField(_("bahasa"), max_length=8)
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    # The bureau's code, or ALL_BUREAUS; a code rather than a key, since a renamed bureau is a new version.
    scope = models.CharField(_("bidang"), max_length=40, blank=True)
    # With the annex: every other indicator's detail and the evaluation table.
    annex = models.BooleanField(_("dengan lampiran"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    task_id = models.CharField(_("tugas"), max_length=64, blank=True)
    error = models.CharField(_("galat"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai disusun"), null=True, blank=True)
    built_at = models.DateTimeField(_("dibuat pada"), null=True, blank=True)
    document = models.FileField(_("berkas"), upload_to=summary_path, max_length=255, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    build_seconds = models.DecimalField(
        _("lama penyusunan (detik)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("ringkasan PDF tersimpan")
        verbose_name_plural = _("ringkasan PDF tersimpan")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language", "year", "quarter", "scope", "annex"],
                name="one_stored_summary_per_version",
                violation_error_message=_("Ringkasan untuk versi data ini sudah ada."),
            ),
            models.CheckConstraint(
                name="stored_summary_quarter_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)
            ),
        ]
        indexes = [
            # A document's copies newest first: the older copy shown during a build, and pruning.
            models.Index(
                fields=["language", "year", "quarter", "scope", "annex", "-version"],
                name="stored_summary_latest",
            ),
        ]

    def __str__(self):
        annex = " +lampiran" if self.annex else ""
        return f"{self.year} TW{self.quarter} {self.scope or '*'}{annex} {self.language} v{self.version}"
