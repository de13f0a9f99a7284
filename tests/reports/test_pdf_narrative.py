from decimal import Decimal as D

from reports import narrative
from targets.choices import Aggregation, Direction, Status, Unit
from targets.models import Indicator, Realization, Target
from targets.readmodel import build_rows


def inactive_cooperatives(bureau, value):
    """A lower-is-better level indicator: inactive cooperatives, target at most 100."""
    indicator = Indicator.objects.create(
        code="koperasi-tidak-aktif",
        name="Koperasi tidak aktif",
        bureau=bureau,
        unit=Unit.UNIT,
        aggregation=Aggregation.LEVEL,
        direction=Direction.LOWER,
    )
    Target.objects.create(indicator=indicator, year=2025, value=D(100))
    Realization.objects.create(indicator=indicator, year=2025, quarter=1, value=value, status=Status.APPROVED)
    return indicator


def test_a_lower_is_better_formula_shows_the_reverse_rule_worked_through(bureau):
    inactive_cooperatives(bureau, D(120))
    [row] = build_rows(2025, 1)
    text = narrative.formula(row, {row.indicator.pk: {1: D(120)}})
    assert "Makin rendah makin baik" in text
    assert "(2 × 100 − 120) ÷ 100 × 100 = 80,00%" in text
    assert "TW I = 120" in text


def test_a_lower_is_better_indicator_over_its_limit_is_called_off_track(bureau):
    inactive_cooperatives(bureau, D(120))
    words = narrative.paragraphs(build_rows(2025, 1), 2025, 1)
    assert "1 indikator tertinggal dari angka yang diharapkan s.d. TW I:" in words["lead"]
    assert words["off_track"] == [
        "Koperasi tidak aktif: realisasi 120, yang diharapkan 100 (lebih 20 dari batas yang diharapkan)"
    ]


def test_indicators_at_or_beyond_what_was_expected_are_said_to_be_on_track(bureau):
    inactive_cooperatives(bureau, D(90))
    words = narrative.paragraphs(build_rows(2025, 1), 2025, 1)
    assert words["lead"][-1] == (
        "Semua indikator yang sudah ada datanya berada pada atau di atas angka yang diharapkan s.d. TW I."
    )
    assert words["off_track"] == []


def test_the_narrative_counts_each_category_of_the_official_figures(demo):
    sentence = narrative.counts_sentence(build_rows(2025, 4), 2025, 4)
    assert sentence == (
        "Dari 8 indikator pada 2025 TW IV, menurut angka resmi: "
        "3 sangat tinggi, 2 tinggi, 1 sedang, 1 rendah dan 1 sangat rendah."
    )
