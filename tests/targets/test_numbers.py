from decimal import Decimal as D

import pytest
from babel.numbers import format_decimal
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from targets.formatting import format_number
from targets.numbers import parse_cell, parse_number, parse_raw


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("222.000.000.000", D("222000000000")),
        ("1,12", D("1.12")),
        ("1.311", D(1311)),
        ("1311", D(1311)),
        ("0,5", D("0.5")),
        ("1.000,25", D("1000.25")),
        ("Rp 222.000.000.000", D("222000000000")),
        ("3,84%", D("3.84")),
        ("  42 ", D(42)),
        ("-5", D(-5)),
        ("0", D(0)),
    ],
)
def test_indonesian_numbers_are_read_the_indonesian_way(text, expected):
    assert parse_number(text, "id") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("222,000,000,000", D("222000000000")),
        ("1.12", D("1.12")),
        ("1,311", D(1311)),
        ("1,000.25", D("1000.25")),
    ],
)
def test_english_numbers_are_read_the_english_way(text, expected):
    assert parse_number(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1.12",
        "12.3456.789",
        "1,2,3",
        "1.000.00",
        "1,234.5",
        "",
        "1e5",
        "--1",
        "1.000,",
        ",5",
        "12 000",
    ],
)
def test_text_that_is_not_an_indonesian_number_is_refused_with_an_example(text):
    with pytest.raises(ValidationError) as error:
        parse_number(text, "id")
    assert "222.000.000.000" in error.value.messages[0]


@pytest.mark.parametrize("text", ["1,12", "222.000.000.000", "1,2345.6"])
def test_the_indonesian_way_is_refused_in_english(text):
    with pytest.raises(ValidationError):
        parse_number(text, "en")


def test_more_than_four_decimals_is_refused():
    with pytest.raises(ValidationError) as error:
        parse_number("1,12345", "id")
    assert error.value.code == "decimals"
    assert parse_number("1,12340", "id") == D("1.1234")


def test_more_than_twenty_digits_before_the_comma_is_refused():
    assert parse_number("9" * 20, "id") == D("9" * 20)
    with pytest.raises(ValidationError) as error:
        parse_number("1" + "0" * 20, "id")
    assert error.value.code == "too_large"


@given(st.decimals(min_value=0, max_value=D("9" * 15), places=2, allow_nan=False, allow_infinity=False))
def test_a_figure_formatted_for_reading_reads_back_as_the_same_figure(value):
    for language in ("id", "en"):
        assert parse_number(format_number(value, 2, language), language) == value


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1311, D(1311)),
        (1.12, D("1.12")),
        ("222000000000", D("222000000000")),
        ("3.8400", D("3.84")),
        (D("5"), D(5)),
    ],
)
def test_raw_sheet_figures_are_read_as_exported(cell, expected):
    assert parse_raw(cell) == expected


@pytest.mark.parametrize("cell", ["1.311,5", "222.000.000.000", "abc", "1,12", True, "1.123456"])
def test_sheet_figures_in_any_other_shape_are_refused(cell):
    with pytest.raises(ValidationError):
        parse_raw(cell)


@given(value=st.decimals(min_value=0, max_value=D("9999999999999999"), places=4))
def test_an_imported_cell_reads_back_as_written_raw_or_the_indonesian_way(value):
    indonesian = format_decimal(value, format="#,##0.####", locale="id")
    raw = format(value.normalize(), "f") if value else "0"
    assert parse_cell(indonesian, "id")[0] == value
    assert parse_cell(raw, "raw")[0] == value
    assert parse_cell(value)[0] == value  # a spreadsheet number is exact
