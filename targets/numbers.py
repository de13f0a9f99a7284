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


def other_reading(text: str, language: str | None = None) -> Decimal | None:
    """What `text` means in the other language's convention, or None when it reads only one way there."""
    other = "en" if babel_locale(language) == "id" else "id"
    try:
        return parse_number(text, other)
    except ValidationError:
        return None


def parse_cell(value, convention: str = "raw") -> tuple[Decimal, Decimal | None]:
    """A figure from an imported sheet, and how its text reads the other way (None if it does not).

    A spreadsheet number is exact. Text is read raw (`1311`, `1.12`, as the export writes it) or the
    Indonesian way (`1.311`, `1,12`, as Excel writes it in an Indonesian locale), `convention` first.
    """
    if isinstance(value, bool):
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    if not isinstance(value, str):
        return parse_raw(value), None
    readings = []
    for reader in (parse_raw, lambda text: parse_number(text, "id")):
        try:
            readings.append(reader(value))
        except ValidationError as error:
            if error.code in ("decimals", "too_large"):
                raise
            readings.append(None)
    if convention == "id":
        readings.reverse()
    found = [reading for reading in readings if reading is not None]
    if not found:
        raise ValidationError(
            _("Bukan angka yang dikenali (contoh 1311, 1.12, 1.311 atau 1,12)."), code="invalid"
        )
    other = found[1] if len(found) == 2 and found[1] != found[0] else None
    return found[0], other
