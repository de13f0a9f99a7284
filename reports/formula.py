"""An indicator's formula in words, so that a figure can be recomputed by hand."""

from django.utils.translation import gettext as _

from targets.choices import Aggregation, Direction
from targets.formatting import format_number
from targets.models import Indicator


def formula_in_words(indicator: Indicator) -> list[str]:
    """How the realization is formed, how achievement follows from it, and the category scale."""
    if indicator.aggregation == Aggregation.SUM:
        formed = _(
            "Realisasi setahun = jumlah angka TW I–IV tahun berjalan; angka s.d. triwulan = jumlah "
            "triwulan yang sudah dilaporkan."
        )
    elif indicator.aggregation == Aggregation.CUMULATIVE:
        formed = _(
            "Realisasi = jumlah seluruh angka triwulan sejak awal periode rencana %(start)s–%(end)s "
            "(kumulatif lintas tahun)."
        ) % {"start": indicator.period_start, "end": indicator.period_end}
    elif indicator.aggregation == Aggregation.RATIO:
        formed = _(
            "Realisasi = %(numerator)s ÷ %(denominator)s × %(multiplier)s, masing-masing dibentuk "
            "s.d. triwulan menurut caranya sendiri."
        ) % {
            "numerator": indicator.numerator.name,
            "denominator": indicator.denominator.name,
            "multiplier": format_number(indicator.multiplier),
        }
    else:
        formed = _("Realisasi = angka triwulan terakhir yang dilaporkan (posisi, tidak dijumlahkan).")
    if indicator.is_supporting:
        return [formed]
    if indicator.direction == Direction.LOWER:
        achieved = _(
            "Makin rendah makin baik: capaian = (2 × target − realisasi) ÷ target × 100, tidak kurang dari 0."
        )
    else:
        achieved = _("Makin tinggi makin baik: capaian = realisasi ÷ target × 100.")
    scale = _(
        "Kategori (Permendagri 86/2017): ≥ 91 sangat tinggi; 76–90 tinggi; 66–75 sedang; 51–65 rendah; "
        "≤ 50 sangat rendah."
    )
    return [formed, achieved, scale]
