"""What a figure may be and what it probably is: the refusals and the warnings of targets.figures."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from targets.choices import Unit
from targets.figures import FAR, Reference, check_value, review

# Figures as people enter them: up to twelve digits before the point, up to four after.
figures = st.decimals(min_value=D("0.0001"), max_value=D("999999999999"), places=4)
slips = st.sampled_from([-6, -3, -2, -1, 1, 2, 3, 6])


def refs(*values):
    return [Reference(f"acuan {i}", value) for i, value in enumerate(values)]


@given(reference=figures, powers=slips)
def test_a_figure_off_by_a_power_of_ten_is_warned_with_the_reference_scale_suggested(reference, powers):
    typed = reference.scaleb(powers)
    with translation.override("id"):
        warning = review(typed, Unit.RUPIAH, refs(reference))
    assert warning is not None
    assert warning.suggestion == reference
    assert ("lebih besar" in warning.message) == (powers > 0)
    assert ("lebih kecil" in warning.message) == (powers < 0)


@given(reference=figures, ratio=st.decimals(min_value=D("0.21"), max_value=D("4.9"), places=2))
def test_a_figure_within_five_times_of_a_reference_is_no_slip(reference, ratio):
    assert review(reference * ratio, Unit.RUPIAH, refs(reference)) is None


@given(near=figures, powers=slips)
def test_a_figure_close_to_any_one_reference_is_no_slip(near, powers):
    # Far from last year's figure, but close to the previous quarter: a real change, not a slip.
    assert review(near, Unit.UNIT, refs(near.scaleb(powers), near)) is None


def test_the_warning_says_which_reference_and_how_far_in_words():
    with translation.override("id"):
        larger = review(D(13110), Unit.UNIT, [Reference("triwulan sebelumnya", D(1334))])
        smaller = review(D(240_000_000), Unit.RUPIAH, [Reference("target triwulan ini", D(60_000_000_000))])
    assert larger.message == (
        "Anda mengetik 13.110, sekitar sepuluh kali lebih besar dari triwulan sebelumnya (1.334). "
        "Apakah maksud Anda 1.311?"
    )
    assert "sekitar seratus kali lebih kecil dari target triwulan ini (Rp 60 miliar)" in smaller.message
    assert smaller.message.endswith("Apakah maksud Anda Rp 24 miliar?")


def test_the_threshold_is_the_same_both_ways():
    assert review(FAR, Unit.UNIT, refs(D(1))) is not None
    assert review(1 / FAR, Unit.PERCENT, refs(D(1))) is not None


def test_without_any_reference_nothing_is_warned():
    assert review(D(5), Unit.UNIT, refs(None, None, None)) is None
    assert review(D(0), Unit.UNIT, refs(D(100))) is None


@given(whole=st.integers(min_value=0, max_value=10**12), fraction=st.integers(min_value=1, max_value=9999))
def test_a_fraction_of_a_count_is_refused_but_not_of_money(whole, fraction):
    value = D(whole) + D(fraction).scaleb(-4)
    for unit in (Unit.UNIT, Unit.ORANG):
        with translation.override("id"), pytest.raises(ValidationError, match="bilangan bulat"):
            check_value(value, unit)
    check_value(value, Unit.RUPIAH)
    check_value(D(whole), Unit.UNIT)


def test_a_reading_in_the_other_convention_is_flagged_when_the_page_speaks_english():
    with translation.override("en"):
        warning = review(D(208), Unit.ORANG, refs(D(205_000)), text="208.000", other=D(208_000), foreign=True)
    assert warning.suggestion == D(208_000)
    assert warning.message == (
        "“208.000” reads as 208; with the other thousands and decimal separators it means 208,000. "
        "Did you mean 208,000?"
    )


def test_in_indonesian_the_other_reading_is_offered_only_when_it_fits_the_references():
    assert review(D(1311), Unit.UNIT, refs(D(1334)), text="1.311", other=D("1.311")) is None
    warning = review(D(60_000), Unit.RUPIAH, refs(D(49)), text="60.000", other=D(60))
    assert warning.suggestion == D(60)
