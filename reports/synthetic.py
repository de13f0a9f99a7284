"""A synthetic catalogue of indicators with targets and realizations, for timing and query-count tests.

Every kind of indicator appears (sum, level, cumulative across the plan period, ratio of two
supporting series, and lower-is-better ones), with a target and four quarters for every year; the
last quarter of the last year awaits approval for every tenth indicator. As in a real catalogue,
most indicators keep to their path and report no kendala: every ninth falls behind, and every tenth
reports a kendala in TW II and TW III with a follow-up agreed on each. Follow-ups of earlier years
are done, but for a few carried over from the year before; so the PDF and the dashboard see a few
dozen unfinished ones, not one per indicator per year.
"""

from __future__ import annotations

from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from targets import regency_years, version
from targets.choices import Aggregation, Direction, FollowUpStatus, RegionalStatus, RegionKind, Status, Unit
from targets.deadlines import quarter_end
from targets.models import (
    Bureau,
    FollowUp,
    Indicator,
    Realization,
    Region,
    RegionalRealization,
    RegionalTarget,
    Target,
)

KINDS = (Aggregation.SUM, Aggregation.LEVEL, Aggregation.CUMULATIVE, Aggregation.RATIO)
CENT = Decimal("0.01")
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
                # The series give about 4% by TW IV: on track in either direction.
                annual = Decimal("4.2") if indicator.direction == Direction.LOWER else Decimal("4.0")
            targets.append(Target(indicator=indicator, year=year, value=annual, source="Data sintetis"))
            if indicator.aggregation == Aggregation.RATIO:
                continue
            if _has_kendala(n):
                follow_ups += _follow_ups(indicator, year, n, last_year)
            for quarter in (1, 2, 3, 4):
                pending = year == last_year and quarter == 4 and n % 10 == 5
                share = base / 4 if indicator.aggregation != Aggregation.LEVEL else base
                value = share * _share_of_path(n, quarter, indicator.direction) / 100
                realizations.append(
                    Realization(
                        indicator=indicator,
                        year=year,
                        quarter=quarter,
                        value=value.quantize(Decimal("0.01")),
                        status=Status.SUBMITTED if pending else Status.APPROVED,
                        kendala="Kendala sintetis." if _has_kendala(n) and quarter in (2, 3) else "",
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


def _has_kendala(n: int) -> bool:
    return n % 10 == 2


def _share_of_path(n: int, quarter: int, direction: str) -> Decimal:
    """The quarter's figure as a percentage of its share of the target: at or beyond the path in the
    indicator's direction, but for every ninth indicator, which falls well short."""
    spread = (n * 7 + quarter * 5) % 20
    if n % 9 == 4:
        return Decimal(55 + spread) if direction != Direction.LOWER else Decimal(130 + spread)
    return Decimal(100 + spread) if direction != Direction.LOWER else Decimal(80 + spread)


def _follow_ups(indicator: Indicator, year: int, n: int, last_year: int) -> list[FollowUp]:
    """Two follow-ups agreed in TW II and TW III of each year: those of earlier years done, those of
    the last year open or in progress, and for half the indicators, those of the year before too."""
    unfinished = year == last_year or (year == last_year - 1 and n % 20 == 2)
    statuses = [
        FollowUpStatus.IN_PROGRESS if unfinished else FollowUpStatus.DONE,
        FollowUpStatus.OPEN if unfinished else FollowUpStatus.DONE,
    ]
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


# The Kemendagri codes of Indonesia's 38 provinces: a national tree reads like the real one.
PROVINCE_CODES = [
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "51",
    "52",
    "53",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "81",
    "82",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
]
# Rows per INSERT when loading the national data set: large enough to load quickly, small enough to
# keep the memory of one batch modest.
BATCH = 5000


def national_tree(provinces: int = 38, regencies: int = 14) -> list[Region]:
    """A national region tree: `provinces` provinces (at most 38) with about `regencies` kabupaten/kota
    each (between two fewer and two more), coded "NN" and "NN.NN"; every seventh is a kota, coded from
    71 as Kemendagri does. Regions already in the tree (the first installation's province) are kept and
    counted. Returns the kabupaten/kota."""
    existing = set(Region.objects.values_list("code", flat=True))
    codes = PROVINCE_CODES[:provinces]
    Region.objects.bulk_create(
        [
            Region(code=code, name=f"Provinsi sintetis {code}", kind=RegionKind.PROVINCE, order=n * 100)
            for n, code in enumerate(codes)
            if code not in existing
        ]
    )
    parents = {region.code: region for region in Region.objects.filter(code__in=codes)}
    children = []
    for n, code in enumerate(codes):
        if code in existing:
            continue
        for r in range(1, regencies + n % 5 - 2 + 1):
            city = r % 7 == 0
            number = 70 + r // 7 if city else r
            children.append(
                Region(
                    code=f"{code}.{number:02d}",
                    name=f"{'Kota' if city else 'Kabupaten'} sintetis {code}.{number:02d}",
                    kind=RegionKind.CITY if city else RegionKind.REGENCY,
                    parent=parents[code],
                    order=n * 100 + r,
                )
            )
    Region.objects.bulk_create(children, batch_size=BATCH)
    version.bump()  # bulk_create sends no post_save
    return list(Region.objects.exclude(kind=RegionKind.PROVINCE))


def by_region(indicators: list[Indicator], share: int = 5) -> list[Indicator]:
    """Mark one indicator in `share` (ratios left out, their series being province figures) as reported
    by region."""
    chosen = [
        indicator
        for n, indicator in enumerate(indicators)
        if n % share == 0 and indicator.aggregation != Aggregation.RATIO
    ]
    Indicator.objects.filter(pk__in=[indicator.pk for indicator in chosen]).update(by_region=True)
    for indicator in chosen:
        indicator.by_region = True
    version.bump()  # update() sends no post_save
    return chosen


def regional_figures(indicators: list[Indicator], regions: list[Region], first_year: int, years: int) -> int:
    """Every regency's target for each year and its accepted figure for each quarter, for the
    indicators reported by region; the last quarter awaits the bureau's review for one regency in
    five. Loaded in batches without history rows (nobody edited them). Returns the rows written."""
    written = 0
    for indicator in indicators:
        targets, figures = [], []
        share = Decimal(1000) / len(regions)
        for k, region in enumerate(regions):
            for year in range(first_year, first_year + years):
                step = year - first_year + 1
                annual = share * step if indicator.aggregation == Aggregation.CUMULATIVE else share
                targets.append(
                    RegionalTarget(indicator=indicator, region=region, year=year, value=annual.quantize(CENT))
                )
                for quarter in (1, 2, 3, 4):
                    pending = year == first_year + years - 1 and quarter == 4 and k % 5 == 0
                    part = share / 4 if indicator.aggregation != Aggregation.LEVEL else share
                    value = part * Decimal(55 + (k * 11 + quarter * 5) % 55) / 100
                    figures.append(
                        RegionalRealization(
                            indicator=indicator,
                            region=region,
                            year=year,
                            quarter=quarter,
                            value=value.quantize(CENT),
                            status=RegionalStatus.SUBMITTED if pending else RegionalStatus.ACCEPTED,
                        )
                    )
        RegionalTarget.objects.bulk_create(targets, batch_size=BATCH)
        RegionalRealization.objects.bulk_create(figures, batch_size=BATCH)
        written += len(targets) + len(figures)
    regency_years.rebuild([indicator.pk for indicator in indicators])  # nor do they rewrite these
    version.bump()  # bulk_create sends no post_save
    return written
