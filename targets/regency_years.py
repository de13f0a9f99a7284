"""RegencyYear: each regency's figures of a series for one year in one row, with what a cumulative
figure carries into the year, rewritten in the writer's transaction.

Every save or delete of a RegionalRealization rewrites the rows of its series and regency (the signal
connected in TargetsConfig.ready). A write of many figures gathers them in `batched()` and rewrites
each series and regency once at its end, inside the same transaction. Writes that bypass the signals
(`bulk_create`) call `rebuild()` themselves, and so does a change of an indicator's plan period.
"""

from __future__ import annotations

import contextvars
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from decimal import Decimal
from functools import reduce
from operator import or_

from django.apps import apps as global_apps
from django.db.models import Q

from targets import progress
from targets.choices import Aggregation, RegionalStatus

# The statuses a RegencyYear keeps: those of the figures the pages show.
KEPT = frozenset({RegionalStatus.SUBMITTED, RegionalStatus.ACCEPTED})
QUARTERS = (1, 2, 3, 4)
ZERO = Decimal(0)

# What a reader takes of a row: values_list(*FIELDS) gives these five, then the figure and the status of
# each quarter in turn (read them with value_of and status_of).
FIELDS = (
    "region_id",
    "indicator_id",
    "year",
    "period_start",
    "carried",
    *(field for q in QUARTERS for field in (f"value_{q}", f"status_{q}")),
)
PERIOD_START, CARRIED, FIRST_QUARTER = 3, 4, 5


def value_of(row: tuple, quarter: int) -> Decimal | None:
    """A quarter's figure in a row read as FIELDS."""
    return row[FIRST_QUARTER + 2 * quarter - 2]


def status_of(row: tuple, quarter: int) -> str:
    """A quarter's status in a row read as FIELDS ("" where there is no figure)."""
    return row[FIRST_QUARTER + 2 * quarter - 1]


# (indicator id, region id, year, quarter, value, status)
Figure = tuple[int, int, int, int, Decimal, str]

_pending: contextvars.ContextVar[set | None] = contextvars.ContextVar("regency_years_pending", default=None)


def summarize(figures: Iterable[Figure], series: dict[int, tuple[int | None, str]]) -> list[dict]:
    """The RegencyYear fields of every year that has a submitted or accepted figure, from all the figures
    of some whole series and regencies; `series`: {indicator id: (plan period start, aggregation)}.

    `carried`: the accepted figures of the plan period's years before the row's, as readmodel.carried
    sums them; `to_date_q`: the accepted figure at the end of quarter q, as progress finds it."""
    by_pair: dict = defaultdict(lambda: defaultdict(dict))
    for indicator_id, region_id, year, quarter, value, status in figures:
        by_pair[indicator_id, region_id][year][quarter] = (value, status)
    rows = []
    for (indicator_id, region_id), years in by_pair.items():
        start, aggregation = series[indicator_id]
        carried = ZERO
        for year in sorted(years):
            quarters = years[year]
            accepted = {
                q: value for q, (value, status) in quarters.items() if status == RegionalStatus.ACCEPTED
            }
            kept = {q: figure for q, figure in quarters.items() if figure[1] in KEPT}
            if kept:
                row = {
                    "indicator_id": indicator_id,
                    "region_id": region_id,
                    "year": year,
                    "period_start": start,
                    "aggregation": aggregation,
                    "carried": carried,
                }
                for q, (value, status) in kept.items():
                    row[f"value_{q}"], row[f"status_{q}"] = value, status
                for q in QUARTERS:
                    row[f"to_date_{q}"] = progress.realization_to_date(
                        aggregation, accepted, q, carried if aggregation == Aggregation.CUMULATIVE else ZERO
                    )
                rows.append(row)
            if start is not None and year >= start:
                carried += sum(accepted.values(), ZERO)
    return rows


def _where(pairs: Iterable[tuple[int, int]]) -> Q:
    """The rows of these (indicator id, region id) pairs, as one condition per indicator."""
    regions: dict[int, set[int]] = defaultdict(set)
    for indicator_id, region_id in pairs:
        regions[indicator_id].add(region_id)
    return reduce(or_, (Q(indicator_id=i, region_id__in=sorted(r)) for i, r in sorted(regions.items())))


def _write(apps, where: Q, indicator_ids) -> int:
    """Replace the RegencyYear rows under `where` with those summed from the figures under it; `apps`:
    the running models, or a migration's historical ones."""
    realization, indicator, regency_year = (
        apps.get_model("targets", name) for name in ("RegionalRealization", "Indicator", "RegencyYear")
    )
    figures = realization.objects.filter(where).order_by()
    series = {
        pk: (start, aggregation)
        for pk, start, aggregation in indicator.objects.filter(pk__in=indicator_ids).values_list(
            "pk", "period_start", "aggregation"
        )
    }
    rows = summarize(
        figures.values_list("indicator_id", "region_id", "year", "quarter", "value", "status"), series
    )
    regency_year.objects.filter(where).delete()
    regency_year.objects.bulk_create([regency_year(**row) for row in rows], batch_size=1000)
    return len(rows)


def refresh(pairs: set[tuple[int, int]]) -> None:
    """Rewrite the rows of these (indicator id, region id) pairs from their figures: four queries (the
    figures, their indicators, the old rows deleted, the new ones written)."""
    if pairs:
        _write(global_apps, _where(pairs), {indicator_id for indicator_id, _region in pairs})


def rebuild(indicator_ids=None, apps=global_apps) -> int:
    """Rewrite the rows of these indicators (every one by default), one indicator at a time so that a
    national tree's figures are never all in memory at once; returns the rows written."""
    if indicator_ids is None:
        figures = apps.get_model("targets", "RegionalRealization").objects.order_by()
        indicator_ids = figures.values_list("indicator_id", flat=True).distinct()
    written = 0
    for indicator_id in sorted(set(indicator_ids)):
        written += _write(apps, Q(indicator_id=indicator_id), [indicator_id])
    return written


@contextmanager
def batched():
    """Within the block, the figures written are gathered and their series and regencies rewritten once
    at its end. Use it inside the writer's transaction: the rows change with the figures or not at all."""
    if _pending.get() is not None:  # an outer block rewrites them
        yield
        return
    token = _pending.set(set())
    try:
        yield
        refresh(_pending.get())
    finally:
        _pending.reset(token)


def figure_written(sender, instance, raw=False, **kwargs) -> None:
    """post_save / post_delete receiver of RegionalRealization. Fixtures are loaded as they are, the
    RegencyYear rows dumped beside the figures included."""
    if raw:
        return
    pair = (instance.indicator_id, instance.region_id)
    pending = _pending.get()
    if pending is None:
        refresh({pair})
    else:
        pending.add(pair)


def indicator_written(sender, instance, raw=False, **kwargs) -> None:
    """post_save receiver of Indicator: a new plan period or aggregation changes what every regency
    carries into a year and its figures to date."""
    if raw:
        return
    rows = global_apps.get_model("targets", "RegencyYear").objects.filter(indicator_id=instance.pk)
    if rows.exclude(period_start=instance.period_start, aggregation=instance.aggregation).exists():
        rebuild([instance.pk])
