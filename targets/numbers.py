"""Numbers as people type them: `222.000.000.000` and `1,12` in Indonesian, `222,000,000,000` and
`1.12` in English. Anything that does not read one way only in the active language is refused.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from targets.formatting import babel_locale
from targets.models import VALUE_DECIMALS, VALUE_DIGITS

# (thousands separator, decimal separator) per language.
SEPARATORS = {"id": (".", ","), "en": (",", ".")}
INTEGER_DIGITS = VALUE_DIGITS - VALUE_DECIMALS

MESSAGES = {
    "invalid": _("Bukan angka yang dikenali. Tulis misalnya 222.000.000.000 atau 1,12."),
    "decimals": _("Paling banyak %(places)s angka di belakang koma."),
    "too_large": _("Angka terlalu besar: paling banyak %(digits)s digit sebelum koma."),
}


def _pattern(thousands: str, decimal: str) -> re.Pattern:
    t, d = re.escape(thousands), re.escape(decimal)
    # Either plain digits or digits grouped by three, then an optional decimal part.
    return re.compile(rf"^(?P<sign>-?)(?P<int>\d+|\d{{1,3}}(?:{t}\d{{3}})+)(?:{d}(?P<frac>\d+))?$")


PATTERNS = {language: _pattern(*seps) for language, seps in SEPARATORS.items()}


def parse_number(text: str, language: str | None = None) -> Decimal:
    """The Decimal that `text` means in the active (or given) language, or a ValidationError.

    A leading `Rp` and a trailing `%` are allowed, since people copy figures as they read them.
    """
    language = babel_locale(language)
    cleaned = text.strip().replace("\u00a0", " ")
    if cleaned[:2].lower() == "rp":
        cleaned = cleaned[2:].strip()
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    match = PATTERNS[language].match(cleaned)
    if not match:
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    thousands, _decimal = SEPARATORS[language]
    integer = match["int"].replace(thousands, "").lstrip("0") or "0"
    fraction = (match["frac"] or "").rstrip("0")
    if len(fraction) > VALUE_DECIMALS:
        raise ValidationError(MESSAGES["decimals"], code="decimals", params={"places": VALUE_DECIMALS})
    if len(integer) > INTEGER_DIGITS:
        raise ValidationError(MESSAGES["too_large"], code="too_large", params={"digits": INTEGER_DIGITS})
    try:
        return Decimal(f"{match['sign']}{integer}.{fraction}" if fraction else f"{match['sign']}{integer}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(MESSAGES["invalid"], code="invalid") from None


RAW = re.compile(r"^-?\d+(?:\.\d+)?$")


def parse_raw(value) -> Decimal:
    """A figure from an exported sheet: a spreadsheet number or plain digits with a `.` decimal point."""
    if isinstance(value, bool):
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        # A spreadsheet cell holds a binary float; its shortest repr is what the person typed.
        number = Decimal(repr(value))
    else:
        text = str(value).strip()
        if not RAW.match(text):
            raise ValidationError(_("Bukan angka mentah seperti pada berkas ekspor (contoh 1311 atau 1.12)."))
        number = Decimal(text)
    integer, _dot, fraction = format(abs(number), "f").partition(".")
    if len(fraction.rstrip("0")) > VALUE_DECIMALS:
        raise ValidationError(MESSAGES["decimals"], code="decimals", params={"places": VALUE_DECIMALS})
    if len(integer.lstrip("0")) > INTEGER_DIGITS:
        raise ValidationError(MESSAGES["too_large"], code="too_large", params={"digits": INTEGER_DIGITS})
    return number
