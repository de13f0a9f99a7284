"""The entry read model: what a bureau's quarter looks like to the people entering and deciding on it.

Plain reads only; every change goes through targets.workflow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from targets.choices import Aggregation, QuarterState, Status, Unit
from targets.models import Bureau, FollowUp, FollowUpReport, Indicator, Realization, Target, WorkflowStep
from targets.readmodel import planned

OPEN_STATES = frozenset({QuarterState.EMPTY, QuarterState.DRAFT, QuarterState.RETURNED})
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


def state_of(statuses: Iterable[str]) -> QuarterState:
    """The quarter's state from its rows' states: the least advanced row decides."""
    present = set(statuses)
    if not present:
        return QuarterState.EMPTY
    for status, state in (
        (Status.RETURNED, QuarterState.RETURNED),
        (Status.DRAFT, QuarterState.DRAFT),
        (Status.SUBMITTED, QuarterState.SUBMITTED),
    ):
        if status in present:
            return state
    return QuarterState.APPROVED


@dataclass(frozen=True)
class QuarterInfo:
    quarter: int
    state: QuarterState
    last_step: WorkflowStep | None = None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_missing(self) -> bool:
        """Not yet sent to the head: what the "what is missing" page lists."""
        return self.state in OPEN_STATES


def entry_series(bureau: Bureau):
    """The series a bureau enters: its indicators and supporting series, but not computed ratios."""
    return Indicator.objects.filter(bureau=bureau).exclude(aggregation=Aggregation.RATIO)


def _states(rows, steps) -> dict[int, dict[int, QuarterInfo]]:
    statuses = defaultdict(lambda: defaultdict(set))
    for bureau_id, quarter, status in rows:
        statuses[bureau_id][quarter].add(status)
    latest = {}
    for step in steps:  # newest first
        latest.setdefault((step.bureau_id, step.quarter), step)
    bureau_ids = set(statuses) | {bureau_id for bureau_id, _ in latest}
    return {
        bureau_id: {
            q: QuarterInfo(q, state_of(statuses[bureau_id][q]), latest.get((bureau_id, q)))
            for q in (1, 2, 3, 4)
        }
        for bureau_id in bureau_ids
    }


def _empty_year() -> dict[int, QuarterInfo]:
    return {q: QuarterInfo(q, QuarterState.EMPTY) for q in (1, 2, 3, 4)}


def quarter_states(bureau: Bureau, year: int) -> dict[int, QuarterInfo]:
    """Each quarter's state and last step for one bureau, in two queries."""
    rows = (
        Realization.objects.filter(indicator__bureau=bureau, year=year)
        .exclude(indicator__aggregation=Aggregation.RATIO)
        .values_list("indicator__bureau_id", "quarter", "status")
    )
    steps = WorkflowStep.objects.filter(bureau=bureau, year=year).select_related("actor")
    return _states(rows, steps).get(bureau.pk) or _empty_year()


def all_quarter_states(bureaus: list[Bureau], year: int) -> dict[int, dict[int, QuarterInfo]]:
    """Every bureau's quarters for a year, in two queries whatever the number of bureaus."""
    rows = (
        Realization.objects.filter(year=year)
        .exclude(indicator__aggregation=Aggregation.RATIO)
        .values_list("indicator__bureau_id", "quarter", "status")
    )
    steps = WorkflowStep.objects.filter(year=year).select_related("actor")
    states = _states(rows, steps)
    return {bureau.pk: states.get(bureau.pk) or _empty_year() for bureau in bureaus}


def period_states(bureau: Bureau, years: Iterable[int]) -> dict[tuple[int, int], QuarterState]:
    """The state of each of a bureau's quarters in `years`, keyed by (year, quarter), in one query."""
    statuses = defaultdict(set)
    rows = Realization.objects.filter(indicator__in=entry_series(bureau), year__in=set(years))
    for year, quarter, status in rows.values_list("year", "quarter", "status"):
        statuses[(year, quarter)].add(status)
    return defaultdict(lambda: QuarterState.EMPTY, {key: state_of(value) for key, value in statuses.items()})


def quarter_steps(bureau: Bureau, year: int, quarter: int):
    """A bureau-quarter's log, newest first, in one query."""
    return WorkflowStep.objects.filter(bureau=bureau, year=year, quarter=quarter).select_related("actor")


def indicator_steps(indicator: Indicator):
    """The log of the quarters an indicator took part in (its bureau's quarters), in one query."""
    return WorkflowStep.objects.filter(bureau_id=indicator.bureau_id).select_related("actor")


def previous_period(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


@dataclass
class EntryRow:
    """One series on the entry form, with what the person needs beside the input."""

    indicator: Indicator
    target: Target | None
    previous: Realization | None
    current: Realization | None
    quarter: int
    previous_target: Target | None = None
    last_year: Realization | None = None  # the same quarter a year earlier
    form: object = None
    stored: Realization | None = None  # the version someone else saved, shown on a conflict
    conflict: bool = False
    follow_ups: list[FollowUp] = field(default_factory=list)  # agreed in this quarter
    new_follow_up: object = None
    # The roll-up of the regencies' accepted figures, where the province figure is derived, not typed.
    derived: object = None

    @property
    def quarterly_target(self) -> Decimal | None:
        """What this quarter's entry is planned to be, on the planned path of the read model: the
        quarter's own part for a flow (a sum, or a cumulative series' step), the figure planned at
        the quarter's end for a level."""
        if self.target is None:
            return None
        plan = planned(self.indicator, self.target, self.previous_target, self.target.year, self.quarter)
        if self.indicator.aggregation == Aggregation.SUM or plan.value is None:
            return plan.quarter_target
        if self.indicator.aggregation == Aggregation.CUMULATIVE:
            if self.quarter == 1:
                before = plan.start or Decimal(0)
            else:
                earlier = planned(
                    self.indicator, self.target, self.previous_target, self.target.year, self.quarter - 1
                )
                before = earlier.value or Decimal(0)
            return plan.value - before
        return plan.value

    @property
    def is_locked(self) -> bool:
        return self.current is not None and self.current.status not in EDITABLE

    @property
    def version(self) -> int:
        """The row's version as the form opened it: 0 while nothing is stored."""
        return self.current.version if self.current is not None else 0

    @property
    def previous_is_official(self) -> bool:
        return self.previous is not None and self.previous.status == Status.APPROVED

    @property
    def target_is_spread(self) -> bool:
        """Whether the quarter's target is the annual one spread over four quarters."""
        return (
            self.target is not None
            and self.target.quarterly.get(self.quarter) is None
            and self.indicator.aggregation in (Aggregation.SUM, Aggregation.CUMULATIVE)
        )

    @property
    def example(self) -> str:
        """How a figure of this unit is typed in the active language."""
        if self.indicator.unit == Unit.RUPIAH:
            return _("contoh: 222.000.000.000")
        if self.indicator.unit == Unit.PERCENT:
            return _("contoh: 1,12 (tanpa tanda %)")
        return _("contoh: 1.311")


@dataclass
class CarriedFollowUp:
    """A follow-up agreed in an earlier quarter, with what the bureau reported on it in this one."""

    follow_up: FollowUp
    report: FollowUpReport | None
    form: object = None


@dataclass
class QuarterEntry:
    """A bureau's quarter as the entry form shows it: one row per entered series, and its log."""

    bureau: Bureau
    year: int
    quarter: int
    rows: list[EntryRow] = field(default_factory=list)
    steps: list[WorkflowStep] = field(default_factory=list)
    carried: list[CarriedFollowUp] = field(default_factory=list)

    @property
    def realizations(self) -> list[Realization]:
        return [row.current for row in self.rows if row.current is not None]

    @property
    def state(self) -> QuarterState:
        return state_of(r.status for r in self.realizations)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_submitted(self) -> bool:
        return self.state == QuarterState.SUBMITTED

    @property
    def is_approved(self) -> bool:
        return self.state == QuarterState.APPROVED

    @property
    def last_step(self) -> WorkflowStep | None:
        return self.steps[0] if self.steps else None


def load_quarter(bureau: Bureau, year: int, quarter: int) -> QuarterEntry:
    """The entry form's data in four queries: series, targets (this and last year), realizations (this
    quarter, the previous one and the same quarter last year), and the quarter's log."""
    series = list(entry_series(bureau))
    targets = {
        (t.indicator_id, t.year): t
        for t in Target.objects.filter(indicator__in=series, year__in=[year - 1, year])
    }
    previous_key = previous_period(year, quarter)
    last_year_key = (year - 1, quarter)
    realizations = Realization.objects.filter(indicator__in=series).filter(
        Q(year=year, quarter=quarter)
        | Q(year=previous_key[0], quarter=previous_key[1])
        | Q(year=last_year_key[0], quarter=last_year_key[1])
    )
    by_period = defaultdict(dict)
    for r in realizations.select_related("updated_by"):
        by_period[(r.year, r.quarter)][r.indicator_id] = r
    rows = [
        EntryRow(
            s,
            targets.get((s.pk, year)),
            by_period[previous_key].get(s.pk),
            by_period[(year, quarter)].get(s.pk),
            quarter,
            previous_target=targets.get((s.pk, year - 1)),
            last_year=by_period[last_year_key].get(s.pk),
        )
        for s in series
    ]
    return QuarterEntry(bureau, year, quarter, rows, list(quarter_steps(bureau, year, quarter)))


def load_follow_ups(data: QuarterEntry) -> None:
    """The quarter's follow-ups in three queries: those agreed in it, by indicator; and the earlier ones
    it reports on (still unfinished, or closed by its own report), with their reports."""
    series = [row.indicator for row in data.rows]
    agreed = defaultdict(list)
    for follow_up in FollowUp.objects.filter(indicator__in=series, year=data.year, quarter=data.quarter):
        agreed[follow_up.indicator_id].append(follow_up)
    for row in data.rows:
        row.follow_ups = agreed.get(row.indicator.pk, [])
    earlier = (
        FollowUp.objects.filter(indicator__in=series)
        .carried_into(data.year, data.quarter)
        .select_related("indicator")
        .prefetch_related("reports")
    )
    period = (data.year, data.quarter)
    data.carried = [
        CarriedFollowUp(
            follow_up, next((r for r in follow_up.reports.all() if (r.year, r.quarter) == period), None)
        )
        for follow_up in earlier
    ]
