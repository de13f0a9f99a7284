"""The closed sets of the domain. Plain enums: models, forms and progress.py all use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    UNIT = "unit", _("unit")
    ORANG = "orang", _("orang")
    RUPIAH = "rupiah", _("Rupiah")
    PERCENT = "persen", _("persen")


class Aggregation(models.TextChoices):
    """How a year's realization is formed from the quarters entered."""

    SUM = "sum", _("jumlah triwulan dalam setahun")
    CUMULATIVE = "cumulative", _("kumulatif sepanjang periode rencana")
    LEVEL = "level", _("posisi triwulan terakhir")
    RATIO = "ratio", _("rasio dua data pendukung")


class Direction(models.TextChoices):
    HIGHER = "higher", _("makin tinggi makin baik")
    LOWER = "lower", _("makin rendah makin baik")
    # Supporting series (PDRB, population…) have no direction and no target.
    NONE = "", _("tanpa arah (data pendukung)")


class Quarter(models.IntegerChoices):
    TW1 = 1, _("TW I")
    TW2 = 2, _("TW II")
    TW3 = 3, _("TW III")
    TW4 = 4, _("TW IV")


class Status(models.TextChoices):
    DRAFT = "draft", _("draf")
    SUBMITTED = "submitted", _("diajukan")
    APPROVED = "approved", _("disetujui")
    RETURNED = "returned", _("dikembalikan")


class Role(models.TextChoices):
    STAFF = "staff", _("staf bidang")
    HEAD = "head", _("Kepala Dinas")
    PLANNER = "planner", _("perencana (Subbag Penyusunan Program)")
    ADMIN = "admin", _("administrator")


class Category(models.TextChoices):
    """Achievement categories of Permendagri 86/2017, best first."""

    VERY_HIGH = "sangat_tinggi", _("Sangat tinggi")
    HIGH = "tinggi", _("Tinggi")
    MEDIUM = "sedang", _("Sedang")
    LOW = "rendah", _("Rendah")
    VERY_LOW = "sangat_rendah", _("Sangat rendah")


# One colour per category everywhere: pages, charts and the PDF. The word is always shown too.
CATEGORY_COLOURS = {
    Category.VERY_HIGH: "#1b7a3d",
    Category.HIGH: "#6aab3a",
    Category.MEDIUM: "#e0b000",
    Category.LOW: "#e07020",
    Category.VERY_LOW: "#c0392b",
}
NO_DATA_COLOUR = "#9aa0a6"


class Step(models.TextChoices):
    """What happened to a bureau's quarter, as its log records it."""

    SAVE = "save", _("disimpan sebagai draf")
    IMPORT = "import", _("diimpor dari berkas")
    SUBMIT = "submit", _("diajukan")
    APPROVE = "approve", _("disetujui")
    RETURN = "return", _("dikembalikan")
    REOPEN = "reopen", _("dibuka kembali")


class QuarterState(models.TextChoices):
    """A bureau's quarter as a whole, read from the states of its series' realizations."""

    EMPTY = "empty", _("belum diisi")
    DRAFT = "draft", _("draf")
    RETURNED = "returned", _("dikembalikan")
    SUBMITTED = "submitted", _("menunggu persetujuan")
    APPROVED = "approved", _("disetujui")


# The years a page, a form or an import accepts: anything else is a typing slip.
YEARS = range(2000, 2101)


class ReminderKind(models.TextChoices):
    """The emails of the reporting calendar; each is sent once per recipient and bureau-quarter."""

    DUE_SOON = "due_soon", _("laporan segera jatuh tempo")
    LATE = "late", _("laporan terlambat")
    AWAITING_APPROVAL = "awaiting_approval", _("menunggu persetujuan")
