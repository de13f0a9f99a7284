"""Numbers the way the reader reads them: `1.311`, `1,12%`, `Rp 222 miliar` in Indonesian."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_compact_decimal, format_decimal
from django.utils import translation

from targets.choices import Unit

DASH = "–"


def babel_locale(language: str | None = None) -> str:
    language = language or translation.get_language() or "id"
    return "en" if language.startswith("en") else "id"


def _places(value: Decimal) -> int:
    """Shown decimals: none for whole numbers, otherwise up to two."""
    if value == value.to_integral_value():
        return 0
    return 2 if abs(value) < 1000 else 0


def format_number(value: Decimal | None, places: int | None = None, language: str | None = None) -> str:
    if value is None:
        return DASH
    value = Decimal(value)
    places = _places(value) if places is None else places
    quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(quantized, format=pattern, locale=babel_locale(language))


def format_percent(value: Decimal | None, places: int | None = 2, language: str | None = None) -> str:
    if value is None:
        return DASH
    return f"{format_number(value, places, language)}%"


def format_rupiah(value: Decimal | None, language: str | None = None) -> str:
    """`Rp 222 miliar`, `Rp 1,5 triliun`; below a million the full figure."""
    if value is None:
        return DASH
    value = Decimal(value)
    locale = babel_locale(language)
    if abs(value) < 1_000_000:
        return f"Rp {format_number(value, 0, language)}"
    words = format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=2)
    return f"Rp {words}"


def format_value(value: Decimal | None, unit: str, language: str | None = None) -> str:
    """A realization or a target in its unit."""
    if unit == Unit.RUPIAH:
        return format_rupiah(value, language)
    if unit == Unit.PERCENT:
        return format_percent(value, None, language)
    return format_number(value, None, language)
