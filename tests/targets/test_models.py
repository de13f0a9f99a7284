from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from targets.choices import Aggregation, Direction, Role, Unit
from targets.models import Indicator, Realization, Target, User


@pytest.fixture
def indicator(graduations):
    return graduations


def test_no_migration_is_missing(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_one_realization_per_series_year_and_quarter(indicator):
    Realization.objects.create(indicator=indicator, year=2025, quarter=1, value=D(120))
    with pytest.raises(IntegrityError), transaction.atomic():
        Realization.objects.create(indicator=indicator, year=2025, quarter=1, value=D(121))
    Realization.objects.create(indicator=indicator, year=2025, quarter=2, value=D(150))
    assert Realization.objects.count() == 2


@pytest.mark.parametrize("quarter", [0, 5])
def test_quarter_is_one_to_four(indicator, quarter):
    with pytest.raises(IntegrityError), transaction.atomic():
        Realization.objects.create(indicator=indicator, year=2025, quarter=quarter, value=D(1))


def test_one_target_per_indicator_and_year(indicator):
    Target.objects.create(indicator=indicator, year=2025, value=D(800))
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(indicator=indicator, year=2025, value=D(850))


def test_a_ratio_needs_its_two_series(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            code="rasio", name="Rasio", bureau=bureau, unit=Unit.PERCENT, aggregation=Aggregation.RATIO
        )


def test_a_cumulative_indicator_needs_its_plan_period(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            code="wirausaha-baru",
            name="Wirausaha baru",
            bureau=bureau,
            unit=Unit.ORANG,
            aggregation=Aggregation.CUMULATIVE,
            period_start=2026,
            period_end=2025,
        )


def test_a_supporting_series_has_no_direction_and_an_indicator_has_one(bureau):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            code="pdrb",
            name="PDRB",
            bureau=bureau,
            unit=Unit.RUPIAH,
            aggregation=Aggregation.SUM,
            is_supporting=True,
            direction=Direction.HIGHER,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            code="volume",
            name="Volume",
            bureau=bureau,
            unit=Unit.RUPIAH,
            aggregation=Aggregation.SUM,
            direction=Direction.NONE,
        )


def test_staff_must_belong_to_a_bureau(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("staf", password="x", role=Role.STAFF)


def test_values_hold_the_provinces_pdrb_in_rupiah_exactly(bureau):
    pdrb = Indicator.objects.create(
        code="pdrb",
        name="PDRB",
        bureau=bureau,
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
        is_supporting=True,
        direction=Direction.NONE,
    )
    Realization.objects.create(indicator=pdrb, year=2025, quarter=1, value=D("223000000000000"))
    stored = Realization.objects.get().value
    assert stored == D("223000000000000")
    assert isinstance(stored, D)


def test_changes_to_a_realization_are_kept_in_its_history(indicator, staff):
    realization = Realization.objects.create(indicator=indicator, year=2025, quarter=1, value=D(120))
    realization.value = D(125)
    realization._change_reason = "Koreksi data kabupaten"
    realization.save()
    newest, oldest = realization.history.all()[:2]
    assert (oldest.value, newest.value) == (D(120), D(125))
    assert newest.history_change_reason == "Koreksi data kabupaten"
