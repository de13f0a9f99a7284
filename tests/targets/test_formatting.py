"""Numbers read exactly as Babel writes them with the `#,##0.00` pattern, in both languages.

The pages format thousands of figures without asking Babel each time; these tests ask Babel itself
for the expected text, over figures of every size the database holds and every rounding."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import format_compact_decimal, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from targets.formatting import format_number, format_percent, format_rupiah

STORED = st.decimals(
    min_value=Decimal("-99999999999999999999.9999"),
    max_value=Decimal("99999999999999999999.9999"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)
LANGUAGES = st.sampled_from(["id", "en"])


def babel(value: Decimal, places: int, language: str) -> str:
    quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(quantized, format=pattern, locale=language)


@settings(max_examples=1000)
@given(STORED, st.integers(min_value=0, max_value=4), LANGUAGES)
def test_a_number_reads_as_babel_writes_it(value, places, language):
    assert format_number(value, places, language) == babel(value, places, language)


@settings(max_examples=1000)
@given(STORED, LANGUAGES)
def test_the_shown_decimals_follow_the_figure_as_babel_writes_them(value, language):
    places = 0 if value == value.to_integral_value() or abs(value) >= 1000 else 2
    assert format_number(value, None, language) == babel(value, places, language)


@given(st.decimals(min_value=1_000_000, max_value=10**19, places=2, allow_nan=False), LANGUAGES)
def test_large_rupiah_read_in_words_as_babel_writes_them(value, language):
    words = format_compact_decimal(value, format_type="long", locale=language, fraction_digits=2)
    assert format_rupiah(value, language) == f"Rp {words}"


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        (Decimal("1311"), "id", "1.311"),
        (Decimal("1311"), "en", "1,311"),
        (Decimal("-1234567.5"), "id", "-1.234.568"),
        (Decimal("3.555"), "id", "3,56"),
        (Decimal("-0.001"), "en", "-0.00"),
        (Decimal("0"), "id", "0"),
    ],
)
def test_familiar_figures(value, language, shown):
    assert format_number(value, language=language) == shown


def test_percentages_and_rupiah_in_both_languages():
    assert format_percent(Decimal("1.12"), language="id") == "1,12%"
    assert format_percent(Decimal("1.12"), language="en") == "1.12%"
    assert format_rupiah(Decimal("222000000000"), language="id") == "Rp 222 miliar"
    assert format_rupiah(Decimal("1500000000000"), language="en") == "Rp 1.5 trillion"
    assert format_rupiah(Decimal("250000"), language="id") == "Rp 250.000"
