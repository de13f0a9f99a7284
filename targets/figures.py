"""What a figure may be (a refusal otherwise) and what it probably is (a warning to confirm otherwise).

The thresholds live here and only here. A refusal is for what no figure can be: a negative figure,
a percentage over 100, a fraction of a count. A warning is for a plausible-looking slip: a figure
far from every reference it has (the previous quarter, the same quarter last year, the target
path), or typed in the other language's convention. The person confirms a warning; nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.choices import Unit
from targets.formatting import babel_locale, format_number, format_value

# A figure at least this many times above or below every reference it has is probably a slip of
# the decimal point or of a group of digits: it asks for confirmation (in both directions).
FAR = Decimal(5)
COUNTS = frozenset({Unit.UNIT, Unit.ORANG})

FACTORS = {
    1: gettext_lazy("sepuluh kali"),
    2: gettext_lazy("seratus kali"),
    3: gettext_lazy("seribu kali"),
    6: gettext_lazy("sejuta kali"),
}

PREVIOUS = gettext_lazy("triwulan sebelumnya")
LAST_YEAR = gettext_lazy("triwulan yang sama tahun lalu")
PATH = gettext_lazy("target triwulan ini")


def check_value(value: Decimal, unit: str) -> None:
    """What no realization can be, whatever its series: negative, a percentage above 100, a fraction
    of a count."""
    if value < 0:
        raise ValidationError(_("Realisasi tidak boleh negatif."), code="negative")
    if unit == Unit.PERCENT and value > 100:
        raise ValidationError(_("Persentase tidak boleh lebih dari 100."), code="over_100")
    if unit in COUNTS and value != value.to_integral_value():
        raise ValidationError(
            _("Jumlah %(unit)s harus bilangan bulat.") % {"unit": Unit(unit).label}, code="whole"
        )


def is_possible(value: Decimal | None, unit: str) -> bool:
    if value is None:
        return False
    try:
        check_value(value, unit)
    except ValidationError:
        return False
    return True


@dataclass(frozen=True)
class Reference:
    label: str
    value: Decimal | None


def powers_off(value: Decimal, reference: Decimal | None) -> int | None:
    """How many powers of ten `value` is off `reference` when it is FAR or more off (+3: a thousand
    times larger, -1: ten times smaller); None when it is close, or when there is nothing to compare."""
    if reference is None or reference <= 0 or value <= 0:
        return None
    ratio = value / reference
    if 1 / FAR < ratio < FAR:
        return None
    return int(ratio.log10().to_integral_value(rounding=ROUND_HALF_UP))


def _is_far(value: Decimal, references: list[Reference]) -> Reference | None:
    """The first reference `value` is far from, provided it is far from every one it has."""
    known = [ref for ref in references if ref.value is not None and ref.value > 0]
    if not known or value <= 0:
        return None
    if any(powers_off(value, ref.value) is None for ref in known):
        return None
    return known[0]


@dataclass(frozen=True)
class SlipWarning:
    message: str
    suggestion: Decimal


def shown(value: Decimal, unit: str) -> str:
    """A figure in its unit with every decimal kept: a warning must show exactly what was typed."""
    if unit == Unit.RUPIAH:
        return format_value(value, unit)
    text = format_decimal(value, format="#,##0.####", locale=babel_locale())
    return f"{text}%" if unit == Unit.PERCENT else text


def _factor(powers: int) -> str:
    return str(FACTORS.get(abs(powers)) or _("%(n)s kali") % {"n": format_number(Decimal(10) ** abs(powers))})


def review(
    value: Decimal,
    unit: str,
    references: list[Reference],
    *,
    text: str = "",
    other: Decimal | None = None,
    foreign: bool = False,
) -> SlipWarning | None:
    """A warning when `value` is probably a slip, with what the person probably meant.

    `other` is how the same text reads in the other convention (decimal comma or point); it is
    flagged when the page speaks the convention people here seldom type (`foreign`), or when it is
    close to the references while the figure typed is far.
    """
    far = _is_far(value, references)
    if is_possible(other, unit) and other != value and (foreign or (far and not _is_far(other, references))):
        return SlipWarning(
            _(
                "“%(text)s” dibaca %(typed)s; dengan tanda pemisah ribuan dan desimal yang lain, angka "
                "ini berarti %(other)s. Apakah maksud Anda %(other)s?"
            )
            % {"text": text.strip(), "typed": shown(value, unit), "other": shown(other, unit)},
            other,
        )
    if far is None:
        return None
    powers, params = _distance(value, unit, far)
    if powers > 0:
        message = _(
            "Anda mengetik %(typed)s, sekitar %(factor)s lebih besar dari %(reference)s "
            "(%(reference_value)s). Apakah maksud Anda %(suggestion)s?"
        )
    else:
        message = _(
            "Anda mengetik %(typed)s, sekitar %(factor)s lebih kecil dari %(reference)s "
            "(%(reference_value)s). Apakah maksud Anda %(suggestion)s?"
        )
    return SlipWarning(message % params, params["suggestion_value"])


def _distance(value: Decimal, unit: str, far: Reference) -> tuple[int, dict]:
    powers = powers_off(value, far.value)
    suggestion = value.scaleb(-powers)
    return powers, {
        "typed": shown(value, unit),
        "factor": _factor(powers),
        "reference": far.label,
        "reference_value": shown(far.value, unit),
        "suggestion": shown(suggestion, unit),
        "suggestion_value": suggestion,
    }


def reviewer_note(value: Decimal, unit: str, references: list[Reference]) -> str | None:
    """For the head's second look: how a stored figure stands far from every reference it has, as the
    bureau was warned when typing it; None when it is close to one of them."""
    far = _is_far(value, references)
    if far is None:
        return None
    powers, params = _distance(value, unit, far)
    if powers > 0:
        message = _("%(typed)s sekitar %(factor)s lebih besar dari %(reference)s (%(reference_value)s).")
    else:
        message = _("%(typed)s sekitar %(factor)s lebih kecil dari %(reference)s (%(reference_value)s).")
    return message % params


def references_of(row) -> list[Reference]:
    """An entry row's references, nearest in time first."""
    return [
        Reference(str(PREVIOUS), row.previous.value if row.previous else None),
        Reference(str(LAST_YEAR), row.last_year.value if row.last_year else None),
        Reference(str(PATH), row.quarterly_target),
    ]
