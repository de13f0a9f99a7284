"""A synthetic catalogue of indicators with targets and realizations, for timing and query-count tests.

Every kind of indicator appears (sum, level, cumulative across the plan period, ratio of two
supporting series, and lower-is-better ones), with a target and four quarters for every year; the
last quarter of the last year awaits approval for every third indicator; each entered indicator has
two follow-ups a year, one done and one unfinished.
"""

from __future__ import annotations

from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from targets import version
from targets.choices import Aggregation, Direction, FollowUpStatus, Status, Unit
from targets.deadlines import quarter_end
from targets.models import Bureau, FollowUp, Indicator, Realization, Target

KINDS = (Aggregation.SUM, Aggregation.LEVEL, Aggregation.CUMULATIVE, Aggregation.RATIO)
UNITS = {
    Aggregation.SUM: Unit.RUPIAH,
    Aggregation.LEVEL: Unit.UNIT,
    Aggregation.CUMULATIVE: Unit.ORANG,
    Aggregation.RATIO: Unit.PERCENT,
}


def _bureaus() -> list[Bureau]:
    bureaus = list(Bureau.objects.all())
    if bureaus:
        return bureaus
    return [
        Bureau.objects.create(code=f"bidang-{n}", name=f"Bidang sintetis {n}", order=n) for n in range(1, 5)
    ]


def build(count: int, first_year: int, years: int, prefix: str = "sintetis") -> list[Indicator]:
    """`count` indicators over `years` years from `first_year`, spread across the bureaus."""
    bureaus = _bureaus()
    last_year = first_year + years - 1
    numerator = Indicator.objects.create(
        code=f"{prefix}-pembilang",
        name=f"Pembilang {prefix}",
        is_supporting=True,
        bureau=bureaus[0],
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
        direction=Direction.NONE,
    )
    denominator = Indicator.objects.create(
        code=f"{prefix}-penyebut",
        name=f"Penyebut {prefix}",
        is_supporting=True,
        bureau=bureaus[-1],
        unit=Unit.RUPIAH,
        aggregation=Aggregation.LEVEL,
        direction=Direction.NONE,
    )
    indicators = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        indicators.append(
            Indicator(
                code=f"{prefix}-{n:03d}",
                name=f"Indikator {prefix} nomor {n} untuk pengukuran kinerja",
                bureau=bureaus[n % len(bureaus)],
                unit=UNITS[kind],
                aggregation=kind,
                direction=Direction.LOWER if n % 7 == 6 else Direction.HIGHER,
                numerator=numerator if kind == Aggregation.RATIO else None,
                denominator=denominator if kind == Aggregation.RATIO else None,
                period_start=first_year if kind == Aggregation.CUMULATIVE else None,
                period_end=last_year if kind == Aggregation.CUMULATIVE else None,
                order=100 + n,
                data_source="Data sintetis",
            )
        )
    indicators = Indicator.objects.bulk_create(indicators)

    targets, realizations, follow_ups = [], [], []
    for n, indicator in enumerate(indicators):
        base = Decimal(1000 + 37 * n)
        for year in range(first_year, last_year + 1):
            step = year - first_year + 1
            annual = base * step if indicator.aggregation == Aggregation.CUMULATIVE else base
            if indicator.aggregation == Aggregation.RATIO:
                annual = Decimal("4.5")  # the series give about 4%: achievement near 90%
            targets.append(Target(indicator=indicator, year=year, value=annual, source="Data sintetis"))
            if indicator.aggregation == Aggregation.RATIO:
                continue
            follow_ups += _follow_ups(indicator, year, n)
            for quarter in (1, 2, 3, 4):
                pending = year == last_year and quarter == 4 and n % 3 == 0
                share = base / 4 if indicator.aggregation != Aggregation.LEVEL else base
                value = share * Decimal(60 + (n * 7 + quarter * 5) % 50) / 100
                realizations.append(
                    Realization(
                        indicator=indicator,
                        year=year,
                        quarter=quarter,
                        value=value.quantize(Decimal("0.01")),
                        status=Status.SUBMITTED if pending else Status.APPROVED,
                        kendala="Kendala sintetis." if quarter == 3 else "",
                    )
                )
    for year in range(first_year, last_year + 1):
        for quarter in (1, 2, 3, 4):
            realizations.append(
                Realization(
                    indicator=numerator,
                    year=year,
                    quarter=quarter,
                    value=Decimal(500 + quarter),
                    status=Status.APPROVED,
                )
            )
            realizations.append(
                Realization(
                    indicator=denominator,
                    year=year,
                    quarter=quarter,
                    value=Decimal(50_000),
                    status=Status.APPROVED,
                )
            )
    bulk_create_with_history(targets, Target, batch_size=500)
    bulk_create_with_history(realizations, Realization, batch_size=500)
    bulk_create_with_history(follow_ups, FollowUp, batch_size=500)
    version.bump()  # bulk_create sends no post_save
    return indicators


def _follow_ups(indicator: Indicator, year: int, n: int) -> list[FollowUp]:
    """Two follow-ups agreed in TW II and TW III of each year: the earlier done, the later open and,
    for some indicators, past its due date."""
    statuses = [FollowUpStatus.DONE, FollowUpStatus.OPEN if n % 2 else FollowUpStatus.IN_PROGRESS]
    return [
        FollowUp(
            indicator=indicator,
            year=year,
            quarter=quarter,
            kendala="Kendala sintetis.",
            action=f"Tindak lanjut sintetis TW{quarter}.",
            pic="PIC sintetis",
            due_date=quarter_end(year, quarter + 1),
            status=status,
            status_note="Selesai." if status == FollowUpStatus.DONE else "",
        )
        for quarter, status in zip((2, 3), statuses, strict=True)
    ]
