"""Figures reported by kabupaten/kota, and how they roll up to the province.

A series marked `by_region` is reported by each regency; its province Realization is derived from
the regencies' accepted figures and written through the one write path (targets.workflow). How a
series rolls up follows its kind: sums and cumulative figures add, a level of counts or rupiah adds,
a level of percentages cannot be added (the province keeps its own entry), and a ratio is recomputed
from its summed numerator and denominator, never averaged. A regency that has not reported is named,
never counted as zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, TypeVar

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets import progress
from targets.choices import Aggregation, RegionalStatus, RegionKind, Step, Unit
from targets.models import Indicator, Realization, Region, RegionalRealization
from targets.workflow import RowChange, write_realizations

# Only figures the owning bureau has accepted make the province figure.
ROLLED_UP = frozenset({RegionalStatus.ACCEPTED})

PERCENT_NOT_ADDED = gettext_lazy("persentase tidak dapat dijumlahkan; isi angka provinsi")

Key = TypeVar("Key")


@dataclass(frozen=True)
class RollUp:
    """The province figure of a quarter from its regencies' figures, and how complete it is."""

    value: Decimal | None
    reported: int
    expected: int
    # The names of the regencies expected that have not reported, in the region tree's order.
    missing: tuple[str, ...]
    # Why no province figure can be derived from the regencies; empty when it can.
    reason: str = ""

    @property
    def derivable(self) -> bool:
        return not self.reason

    @property
    def complete(self) -> bool:
        return self.derivable and not self.missing

    @property
    def coverage(self) -> str:
        """ "11 dari 14 kabupaten/kota": how many of the regencies expected have reported."""
        return _("%(reported)s dari %(expected)s kabupaten/kota") % {
            "reported": self.reported,
            "expected": self.expected,
        }


def adds_up(aggregation: str, unit: str) -> bool:
    """Whether a series' regency figures add up to the province's: flows do, and a level does unless
    it is a percentage. A ratio is never added; it is recomputed from its two series."""
    if aggregation in (Aggregation.SUM, Aggregation.CUMULATIVE):
        return True
    return aggregation == Aggregation.LEVEL and unit != Unit.PERCENT


def _missing(expected: Mapping[Key, str], reported: list[Key]) -> tuple[str, ...]:
    # A set: a national tree has hundreds of regencies, and a list would be read once per each.
    reported = set(reported)
    return tuple(name for key, name in expected.items() if key not in reported)


def roll_up(
    aggregation: str, unit: str, figures: Mapping[Key, Decimal | None], expected: Mapping[Key, str]
) -> RollUp:
    """The province figure of a series from its regencies' figures (`expected`: key → name).

    Figures of regions not expected are left out. No regency reported gives no figure (None).
    """
    if aggregation == Aggregation.RATIO:
        raise ValueError("a ratio rolls up from its two series: roll_up_ratio")
    reported = [key for key in expected if figures.get(key) is not None]
    missing = _missing(expected, reported)
    if not adds_up(aggregation, unit):
        return RollUp(None, len(reported), len(expected), missing, str(PERCENT_NOT_ADDED))
    value = sum((figures[key] for key in reported), progress.ZERO) if reported else None
    return RollUp(value, len(reported), len(expected), missing)


@dataclass(frozen=True)
class Term:
    """One series of a ratio: its kind, and its figures by region."""

    aggregation: str
    unit: str
    figures: Mapping


def roll_up_ratio(
    numerator: Term, denominator: Term, multiplier: Decimal, expected: Mapping[Key, str]
) -> RollUp:
    """A ratio of the province: the regencies' numerators summed over their denominators summed, times
    the multiplier. A regency counts as reported when both of its terms are."""
    reported = [
        key
        for key in expected
        if numerator.figures.get(key) is not None and denominator.figures.get(key) is not None
    ]
    missing = _missing(expected, reported)
    if not (
        adds_up(numerator.aggregation, numerator.unit) and adds_up(denominator.aggregation, denominator.unit)
    ):
        return RollUp(None, len(reported), len(expected), missing, str(PERCENT_NOT_ADDED))
    if not reported:
        return RollUp(None, 0, len(expected), missing)
    above = sum((numerator.figures[key] for key in reported), progress.ZERO)
    below = sum((denominator.figures[key] for key in reported), progress.ZERO)
    return RollUp(progress.ratio(above, below, multiplier), len(reported), len(expected), missing)


def by_region_errors(indicator: Indicator) -> list[str]:
    """Why an indicator cannot be (or stop being) reported by region: a ratio needs both terms reported
    by region, and a series cannot leave while a ratio reported by region uses it."""
    errors = []
    if indicator.by_region and indicator.is_ratio and indicator.numerator_id and indicator.denominator_id:
        unmarked = [term for term in (indicator.numerator, indicator.denominator) if not term.by_region]
        if unmarked:
            errors.append(
                _(
                    "Indikator rasio dapat dilaporkan per kabupaten/kota hanya bila pembilang dan "
                    "penyebutnya juga dilaporkan per kabupaten/kota; tandai dulu: %(names)s."
                )
                % {"names": ", ".join(term.name for term in unmarked)}
            )
    if not indicator.by_region and indicator.pk:
        ratios = Indicator.objects.filter(
            Q(numerator=indicator.pk) | Q(denominator=indicator.pk), by_region=True
        ).values_list("name", flat=True)
        if ratios:
            errors.append(
                _("Dipakai oleh rasio yang dilaporkan per kabupaten/kota: %(names)s; ubah rasio itu dulu.")
                % {"names": ", ".join(ratios)}
            )
    return errors


def _regencies(province: Region | None = None):
    regions = Region.objects.exclude(kind=RegionKind.PROVINCE)
    if province is not None:
        regions = regions.filter(parent=province)
    return regions


def regencies(province: Region | None = None) -> list[Region]:
    """The kabupaten/kota expected to report: those of `province`, or every one in the tree."""
    return list(_regencies(province))


class Place(NamedTuple):
    """A kabupaten/kota as a table or a filter names it."""

    pk: int
    code: str
    name: str


def regency_index() -> list[Place]:
    """Every kabupaten/kota, in the tree's order: plain values that a cache keeps cheaply and a table
    of hundreds reads, where as many model instances would be made on every read."""
    return [Place(*values) for values in _regencies().values_list("pk", "code", "name")]


def expected_names(regions: list[Region]) -> dict[int, str]:
    return {region.pk: region.name for region in regions}


def series_roll_up(series: Indicator, year: int, quarter: int, regions: list[Region]) -> RollUp:
    """A series' province figure of one quarter from its regencies' accepted figures (one query)."""
    figures = dict(
        RegionalRealization.objects.filter(
            indicator=series, year=year, quarter=quarter, status__in=ROLLED_UP
        ).values_list("region_id", "value")
    )
    return roll_up(series.aggregation, series.unit, figures, expected_names(regions))


class RollUpError(Exception):
    """The province figure cannot be written from the regencies' figures; the message says why."""


def write_province_figure(
    series: Indicator, year: int, quarter: int, user, *, allow_partial: bool = False
) -> RollUp:
    """Write a series' province Realization for a quarter from its regencies' accepted figures,
    through the workflow's write path (open-quarter check, version, history, logged step).

    A roll-up missing some regencies is written only when `allow_partial` says so; its history then
    says how many reported.
    """
    if not series.by_region:
        raise RollUpError(_("%(name)s tidak dilaporkan per kabupaten/kota.") % {"name": series.name})
    if series.is_ratio:
        raise RollUpError(_("Angka rasio dihitung dari pembilang dan penyebutnya; tulis kedua data itu."))
    result = series_roll_up(series, year, quarter, regencies())
    if not result.derivable:
        raise RollUpError(result.reason)
    if result.value is None:
        raise RollUpError(_("Belum ada angka kabupaten/kota yang diterima."))
    if result.missing and not allow_partial:
        raise RollUpError(
            _("Baru %(coverage)s; belum melapor: %(names)s.")
            % {"coverage": result.coverage, "names": ", ".join(result.missing)}
        )
    change = RowChange(indicator=series, year=year, quarter=quarter, value=result.value, seen=None)
    # The history is a record, in Indonesian whatever the page's language.
    with translation.override("id"):
        reason = result.coverage
    write_realizations(series.bureau, user, [change], step=Step.ROLL_UP, reason=reason)
    return result


def province_refusals(bureau, year: int, quarter: int) -> list[str]:
    """Why a bureau's province quarter cannot be submitted yet because of its regencies' figures: a
    regency figure still awaiting review, or a stored province figure that is not the roll-up of the
    accepted ones. Three queries, whatever the number of series and regencies."""
    series = [s for s in Indicator.objects.filter(bureau=bureau, by_region=True) if derives(s)]
    if not series:
        return []
    figures = RegionalRealization.objects.filter(
        indicator__in=series, year=year, quarter=quarter
    ).select_related("region")
    accepted, pending = {s.pk: {} for s in series}, []
    for row in figures:
        if row.status in ROLLED_UP:
            accepted[row.indicator_id][row.region_id] = row.value
        elif row.status == RegionalStatus.SUBMITTED:
            pending.append(row)
    refusals = []
    if pending:
        names = {s.pk: s.name for s in series}
        refusals.append(
            _("Belum dapat diajukan: angka kabupaten/kota berikut masih menunggu diperiksa: %(names)s.")
            % {"names": ", ".join(f"{names[row.indicator_id]} ({row.region.name})" for row in pending)}
        )
    stored = dict(
        Realization.objects.filter(indicator__in=series, year=year, quarter=quarter).values_list(
            "indicator_id", "value"
        )
    )
    expected = expected_names(regencies())
    for s in series:
        result = roll_up(s.aggregation, s.unit, accepted[s.pk], expected)
        if s.pk in stored and stored[s.pk] != result.value:
            refusals.append(
                _(
                    "Belum dapat diajukan: angka provinsi %(name)s berbeda dari jumlah angka kabupaten/kota "
                    "yang diterima (%(coverage)s); tulis ulang angka provinsinya dari angka kabupaten/kota."
                )
                % {"name": s.name, "coverage": result.coverage}
            )
    return refusals


def derives(series: Indicator) -> bool:
    """Whether a series' province figure is the roll-up of its regencies' figures rather than typed."""
    return series.by_region and not series.is_ratio and adds_up(series.aggregation, series.unit)


def load_roll_ups(quarter_entry) -> None:
    """Give each row of an entry form whose province figure is derived its roll-up of the accepted regency
    figures (`row.derived`). Two queries when the bureau has such series, none otherwise."""
    rows = [row for row in quarter_entry.rows if derives(row.indicator)]
    if not rows:
        return
    accepted = defaultdict(dict)
    for indicator_id, region_id, value in RegionalRealization.objects.filter(
        indicator__in=[row.indicator for row in rows],
        year=quarter_entry.year,
        quarter=quarter_entry.quarter,
        status__in=ROLLED_UP,
    ).values_list("indicator_id", "region_id", "value"):
        accepted[indicator_id][region_id] = value
    expected = expected_names(regencies())
    for row in rows:
        row.derived = roll_up(
            row.indicator.aggregation, row.indicator.unit, accepted[row.indicator.pk], expected
        )
