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
    # Enters and submits the figures of one kabupaten/kota; the owning bureau reviews them.
    OPERATOR = "operator", _("operator kabupaten/kota")


class Category(models.TextChoices):
    """Achievement categories of Permendagri 86/2017, best first."""

    VERY_HIGH = "sangat_tinggi", _("Sangat Tinggi")
    HIGH = "tinggi", _("Tinggi")
    MEDIUM = "sedang", _("Sedang")
    LOW = "rendah", _("Rendah")
    VERY_LOW = "sangat_rendah", _("Sangat Rendah")


# One colour per category everywhere: pages, charts and the PDF. The word is always shown too.
# Each is dark enough for text on white (at least 4.5:1), so a white label reads on its bar too;
# static/css/kaltengkop.css repeats them as the .category-* classes.
CATEGORY_COLOURS = {
    Category.VERY_HIGH: "#1b6b37",
    Category.HIGH: "#4d7c0f",
    Category.MEDIUM: "#876400",
    Category.LOW: "#b54708",
    Category.VERY_LOW: "#9f1d35",
}
NO_DATA_COLOUR = "#5f6b7a"


class Step(models.TextChoices):
    """What happened to a bureau's quarter, as its log records it."""

    SAVE = "save", _("disimpan sebagai draf")
    IMPORT = "import", _("diimpor dari berkas")
    SUBMIT = "submit", _("diajukan")
    APPROVE = "approve", _("disetujui")
    RETURN = "return", _("dikembalikan")
    REOPEN = "reopen", _("dibuka kembali")
    ROLL_UP = "roll_up", _("dihitung dari angka kabupaten/kota")


class QuarterState(models.TextChoices):
    """A bureau's quarter as a whole, read from the states of its series' realizations."""

    EMPTY = "empty", _("belum diisi")
    DRAFT = "draft", _("draf")
    RETURNED = "returned", _("dikembalikan")
    SUBMITTED = "submitted", _("menunggu persetujuan")
    APPROVED = "approved", _("disetujui")


# The years a page, a form or an import accepts: anything else is a typing slip.
YEARS = range(2000, 2101)


class PathRule(models.TextChoices):
    """Which rule gave an indicator's expected figure to date (DESIGN.md, the arithmetic of progress)."""

    QUARTERLY = "quarterly", _("menurut target triwulan yang ditetapkan")
    PRO_RATA = "pro_rata", _("target tahunan dibagi rata per triwulan")
    CLIMB = "climb", _("naik dalam empat langkah sama dari titik awal ke target tahunan")
    ANNUAL = "annual", _("target tahunan, karena titik awal tidak diketahui")


# Units counted in whole items: no fraction of a cooperative or of a person.
COUNT_UNITS = frozenset({Unit.UNIT, Unit.ORANG})


class ReminderKind(models.TextChoices):
    """The emails of the reporting calendar; each is sent once per recipient and bureau-quarter (for a regency
    operator, the quarter of the series of one bureau)."""

    DUE_SOON = "due_soon", _("laporan segera jatuh tempo")
    LATE = "late", _("laporan terlambat")
    AWAITING_APPROVAL = "awaiting_approval", _("menunggu persetujuan")
    # To a regency operator, per owning bureau: their kabupaten/kota's figures still to send.
    REGION_DUE_SOON = "region_due_soon", _("angka kabupaten/kota segera jatuh tempo")
    REGION_LATE = "region_late", _("angka kabupaten/kota terlambat")
    # To a bureau's staff: regency figures waiting for their review.
    REGION_REVIEW = "region_review", _("angka kabupaten/kota menunggu diperiksa")


class FollowUpStatus(models.TextChoices):
    """Where an agreed tindak lanjut stands. Done and dropped close it; dropping needs a reason."""

    OPEN = "open", _("belum dimulai")
    IN_PROGRESS = "in_progress", _("sedang berjalan")
    DONE = "done", _("selesai")
    DROPPED = "dropped", _("dibatalkan")


CLOSED_FOLLOW_UP_STATUSES = frozenset({FollowUpStatus.DONE, FollowUpStatus.DROPPED})


class RegionKind(models.TextChoices):
    """The levels of the region tree (Kemendagri): a province and its kabupaten and kota."""

    PROVINCE = "provinsi", _("provinsi")
    REGENCY = "kabupaten", _("kabupaten")
    CITY = "kota", _("kota")


class RegionalStatus(models.TextChoices):
    """A regency's figure as the owning bureau reviews it: accepted figures roll up to the province."""

    DRAFT = "draft", _("draf")
    SUBMITTED = "submitted", _("diajukan")
    ACCEPTED = "accepted", _("diterima")
    RETURNED = "returned", _("dikembalikan")
