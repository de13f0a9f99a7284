"""Numbers the way the reader reads them: `1.311`, `1,12%`, `Rp 222 miliar` in Indonesian."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from babel.numbers import (
    format_compact_decimal,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)
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


@dataclass(frozen=True)
class Symbols:
    """A language's marks for `#,##0.00`, read from Babel's locale data once."""

    group: str
    decimal: str
    minus: str


@cache
def _symbols(locale: str) -> Symbols:
    return Symbols(get_group_symbol(locale), get_decimal_symbol(locale), get_minus_sign_symbol(locale))


@cache
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def format_number(value: Decimal | None, places: int | None = None, language: str | None = None) -> str:
    """`1.311`, `3,55` in Indonesian; the same as Babel's `#,##0.00` pattern, without Babel parsing
    the locale and the pattern again for every number (pages format thousands of them)."""
    if value is None:
        return DASH
    value = Decimal(value)
    places = _places(value) if places is None else places
    quantized = value.quantize(_quantum(places), rounding=ROUND_HALF_UP)
    symbols = _symbols(babel_locale(language))
    grouped = (
        f"{abs(quantized):,f}".replace(",", "\0").replace(".", symbols.decimal).replace("\0", symbols.group)
    )
    return symbols.minus + grouped if quantized.is_signed() else grouped


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
    return f"Rp {_compact_words(str(value), locale)}"


@lru_cache(maxsize=4096)
def _compact_words(value: str, locale: str) -> str:
    """`222 miliar`: Babel's long compact form, kept per figure (a page shows the same ones often)."""
    return format_compact_decimal(Decimal(value), format_type="long", locale=locale, fraction_digits=2)


def format_value(value: Decimal | None, unit: str, language: str | None = None) -> str:
    """A realization or a target in its unit."""
    if unit == Unit.RUPIAH:
        return format_rupiah(value, language)
    if unit == Unit.PERCENT:
        return format_percent(value, None, language)
    return format_number(value, None, language)
