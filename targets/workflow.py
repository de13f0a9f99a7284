"""A bureau's quarter as it moves: draft → submitted → approved, or returned and submitted again.

A quarter moves as a whole: every realization of the bureau's entered series for that year and
quarter. Every step is logged (WorkflowStep) and stamped on the history records with its reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from targets.choices import Aggregation, QuarterState, Status, Step, Unit
from targets.models import Bureau, Indicator, Realization, Target, WorkflowStep

OPEN_STATES = frozenset({QuarterState.EMPTY, QuarterState.DRAFT, QuarterState.RETURNED})
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


class WorkflowError(Exception):
    """A step the quarter's state does not allow; the message says why."""


class Conflict(Exception):
    """Someone saved the quarter after the form was opened."""


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


def quarter_steps(bureau: Bureau, year: int, quarter: int):
    """A bureau-quarter's log, newest first, in one query."""
    return WorkflowStep.objects.filter(bureau=bureau, year=year, quarter=quarter).select_related("actor")


def indicator_steps(indicator: Indicator):
    """The log of the quarters an indicator took part in (its bureau's quarters), in one query."""
    return WorkflowStep.objects.filter(bureau_id=indicator.bureau_id).select_related("actor")


def previous_period(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def version(realizations: Iterable[Realization]) -> str:
    """A token that changes whenever any realization of the quarter is saved."""
    stamps = sorted(f"{r.pk}@{r.updated_at.timestamp():.6f}" for r in realizations)
    return ";".join(stamps)


@dataclass
class EntryRow:
    """One series on the entry form, with what the person needs beside the input."""

    indicator: Indicator
    target: Target | None
    previous: Realization | None
    current: Realization | None
    quarter: int
    previous_target: Target | None = None
    form: object = None
    stored: Realization | None = None  # the version someone else saved, shown on a conflict

    @property
    def quarterly_target(self) -> Decimal | None:
        """The planners' quarterly target; else the year's target spread evenly over the quarters
        (for a cumulative series, the climb from last year's cumulative target), or, for a level,
        the annual target itself."""
        if self.target is None:
            return None
        entered = self.target.quarterly.get(self.quarter)
        if entered is not None:
            return entered
        kind = self.indicator.aggregation
        if kind == Aggregation.SUM:
            return self.target.value / 4
        if kind == Aggregation.CUMULATIVE:
            start = self.previous_target.value if self.previous_target else Decimal(0)
            return (self.target.value - start) / 4
        return self.target.value

    @property
    def is_locked(self) -> bool:
        return self.current is not None and self.current.status not in EDITABLE

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
class Quarter:
    bureau: Bureau
    year: int
    quarter: int
    rows: list[EntryRow] = field(default_factory=list)
    steps: list[WorkflowStep] = field(default_factory=list)
    # On a conflict: the version saved meanwhile, which the form carries from then on.
    fresh_version: str | None = None

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
    def version(self) -> str:
        return version(self.realizations)

    @property
    def is_submitted(self) -> bool:
        return self.state == QuarterState.SUBMITTED

    @property
    def is_approved(self) -> bool:
        return self.state == QuarterState.APPROVED

    @property
    def last_step(self) -> WorkflowStep | None:
        return self.steps[0] if self.steps else None


def load_quarter(bureau: Bureau, year: int, quarter: int) -> Quarter:
    """The entry form's data in four queries: series, targets (this and last year), realizations (this and the
    previous quarter), and the quarter's log."""
    series = list(entry_series(bureau))
    targets = {
        (t.indicator_id, t.year): t
        for t in Target.objects.filter(indicator__in=series, year__in=[year - 1, year])
    }
    prev_year, prev_quarter = previous_period(year, quarter)
    realizations = Realization.objects.filter(indicator__in=series).filter(
        Q(year=year, quarter=quarter) | Q(year=prev_year, quarter=prev_quarter)
    )
    current, previous = {}, {}
    for r in realizations.select_related("updated_by"):
        (current if (r.year, r.quarter) == (year, quarter) else previous)[r.indicator_id] = r
    rows = [
        EntryRow(
            s,
            targets.get((s.pk, year)),
            previous.get(s.pk),
            current.get(s.pk),
            quarter,
            previous_target=targets.get((s.pk, year - 1)),
        )
        for s in series
    ]
    return Quarter(bureau, year, quarter, rows, list(quarter_steps(bureau, year, quarter)))


def lock_bureau(bureau: Bureau) -> None:
    """Serialize every change to a bureau's figures (a row lock on PostgreSQL)."""
    Bureau.objects.select_for_update().filter(pk=bureau.pk).first()


def log_step(bureau, year, quarter, action, user, reason="") -> WorkflowStep:
    return WorkflowStep.objects.create(
        bureau=bureau, year=year, quarter=quarter, action=action, actor=user, reason=reason
    )


@dataclass(frozen=True)
class RowChange:
    indicator: Indicator
    value: Decimal
    kendala: str
    tindak_lanjut: str
    evidence: object = None  # an uploaded file, or None to keep the stored one


def save_rows(bureau: Bureau, year: int, quarter: int, user, changes: list[RowChange], seen: str) -> int:
    """Save drafts, refusing if the quarter changed since `seen` (its version token) or is locked.

    Returns how many rows changed. A row whose figures equal the stored ones is left alone.
    """
    with transaction.atomic():
        lock_bureau(bureau)
        fresh = load_quarter(bureau, year, quarter)
        if fresh.version != seen:
            raise Conflict
        if not fresh.is_open:
            raise WorkflowError(_("Triwulan ini sudah diajukan atau disetujui dan tidak dapat diubah."))
        by_series = {row.indicator.pk: row for row in fresh.rows}
        changed = 0
        for change in changes:
            row = by_series[change.indicator.pk]
            if row.is_locked:
                continue
            realization = row.current or Realization(indicator=change.indicator, year=year, quarter=quarter)
            same = (
                row.current is not None
                and realization.value == change.value
                and realization.kendala == change.kendala
                and realization.tindak_lanjut == change.tindak_lanjut
                and change.evidence is None
            )
            if same:
                continue
            realization.value = change.value
            realization.kendala = change.kendala
            realization.tindak_lanjut = change.tindak_lanjut
            if change.evidence is not None:
                realization.evidence = change.evidence
            realization.status = Status.DRAFT
            realization.updated_by = user
            realization._change_reason = history_reason(Step.SAVE, "")
            realization.save()
            changed += 1
        if changed:
            log_step(bureau, year, quarter, Step.SAVE, user)
        return changed


def _move(bureau, year, quarter, user, from_statuses, to_status, action, reason=""):
    moved = 0
    rows = Realization.objects.filter(
        indicator__in=entry_series(bureau), year=year, quarter=quarter, status__in=from_statuses
    )
    for realization in rows:
        realization.status = to_status
        realization.updated_by = user
        realization._change_reason = history_reason(action, reason)
        realization.save()
        moved += 1
    log_step(bureau, year, quarter, action, user, reason)
    return moved


def history_reason(action: str, reason: str) -> str:
    """The history's reason, in Indonesian whatever the page's language: it is a record."""
    with translation.override("id"):
        label = str(Step(action).label)
    return f"{label}: {reason}" if reason else label


def submit(bureau: Bureau, year: int, quarter: int, user) -> int:
    with transaction.atomic():
        lock_bureau(bureau)
        current = load_quarter(bureau, year, quarter)
        if not current.is_open:
            raise WorkflowError(_("Triwulan ini sudah diajukan atau disetujui."))
        missing = [row.indicator.name for row in current.rows if row.current is None]
        if missing:
            raise WorkflowError(
                _("Belum dapat diajukan: isi dan simpan dulu realisasi %(names)s.")
                % {"names": ", ".join(missing)}
            )
        return _move(bureau, year, quarter, user, EDITABLE, Status.SUBMITTED, Step.SUBMIT)


def _decide(bureau, year, quarter, user, *, state, refusal, to, action, reason=""):
    """The head's step on a quarter that must be in `state`: its rows in that state move to `to`."""
    with transaction.atomic():
        lock_bureau(bureau)
        if load_quarter(bureau, year, quarter).state != state:
            raise WorkflowError(refusal)
        # A quarter state and the realization status it stands for share their value.
        return _move(bureau, year, quarter, user, {Status(state)}, to, action, reason)


def approve(bureau: Bureau, year: int, quarter: int, user) -> int:
    return _decide(
        bureau,
        year,
        quarter,
        user,
        state=QuarterState.SUBMITTED,
        refusal=_("Hanya triwulan yang diajukan dapat disetujui."),
        to=Status.APPROVED,
        action=Step.APPROVE,
    )


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Tuliskan alasannya."))
    return reason


def send_back(bureau: Bureau, year: int, quarter: int, user, reason: str) -> int:
    """Return a submitted quarter to the bureau, with the reason it must read."""
    return _decide(
        bureau,
        year,
        quarter,
        user,
        state=QuarterState.SUBMITTED,
        refusal=_("Hanya triwulan yang diajukan dapat dikembalikan."),
        to=Status.RETURNED,
        action=Step.RETURN,
        reason=_reason_required(reason),
    )


def reopen(bureau: Bureau, year: int, quarter: int, user, reason: str) -> int:
    """Unlock an approved quarter; it goes back to the bureau as returned, with the reason."""
    return _decide(
        bureau,
        year,
        quarter,
        user,
        state=QuarterState.APPROVED,
        refusal=_("Hanya triwulan yang disetujui dapat dibuka kembali."),
        to=Status.RETURNED,
        action=Step.REOPEN,
        reason=_reason_required(reason),
    )
