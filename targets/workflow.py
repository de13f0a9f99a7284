"""A bureau's quarter as it moves: draft → submitted → approved, or returned and submitted again.

A quarter moves as a whole: every realization of the bureau's entered series for that year and
quarter. Every step is logged (WorkflowStep) and stamped on the history records with its reason.

`write_realizations` is the one way a figure is written, whoever writes it: the entry form, the
import, any later caller. It owns the open-quarter check, the per-row version check, the reset to
draft, the history reason and the logged step.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from targets.choices import QuarterState, Status, Step
from targets.entry import EDITABLE, OPEN_STATES, entry_series, load_quarter, period_states
from targets.models import Bureau, Indicator, Realization, WorkflowStep


class WorkflowError(Exception):
    """A step the quarter's state does not allow; the message says why."""


def lock_bureau(bureau: Bureau) -> None:
    """Serialize every change to a bureau's figures (a row lock on PostgreSQL)."""
    Bureau.objects.select_for_update().filter(pk=bureau.pk).first()


def log_step(bureau, year, quarter, action, user, reason="") -> WorkflowStep:
    return WorkflowStep.objects.create(
        bureau=bureau, year=year, quarter=quarter, action=action, actor=user, reason=reason
    )


def history_reason(action: str, reason: str) -> str:
    """The history's reason, in Indonesian whatever the page's language: it is a record."""
    with translation.override("id"):
        label = str(Step(action).label)
    return f"{label}: {reason}" if reason else label


@dataclass(frozen=True)
class RowChange:
    """What a caller wants one realization to become."""

    indicator: Indicator
    year: int
    quarter: int
    value: Decimal
    # The row's version the caller started from: 0 when it saw no row; None when it cannot know
    # (a hand-made file without version columns).
    seen: int | None
    kendala: str | None = None  # None keeps the stored text
    evidence: object = None  # an uploaded file, or None to keep the stored one


class Refusal:
    """Why a change was not written."""

    CLOSED = "closed"  # the quarter is submitted or approved
    LOCKED = "locked"  # the row is approved inside a quarter that is open again
    CONFLICT = "conflict"  # someone saved the row after the caller's version


@dataclass(frozen=True)
class Problem:
    change: RowChange
    kind: str
    stored: Realization | None
    state: QuarterState

    @property
    def message(self) -> str:
        if self.kind == Refusal.CLOSED:
            return _("triwulan ini %(state)s dan terkunci; nilainya tidak dapat diubah.") % {
                "state": self.state.label
            }
        if self.kind == Refusal.LOCKED:
            return _("triwulan ini %(status)s dan terkunci; nilainya tidak dapat diubah.") % {
                "status": self.stored.get_status_display()
            }
        return _("diubah orang lain (versi %(stored)s) setelah versi %(seen)s yang Anda pakai.") % {
            "stored": self.stored.version if self.stored else 0,
            "seen": self.change.seen,
        }


class Refused(Exception):
    """Nothing was written: the problems say which changes could not be, and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems

    def of_kind(self, kind: str) -> list[Problem]:
        return [problem for problem in self.problems if problem.kind == kind]


def _unchanged(current: Realization | None, change: RowChange) -> bool:
    return (
        current is not None
        and current.value == change.value
        and change.kendala in (None, current.kendala)
        and change.evidence is None
    )


def _plan(bureau: Bureau, changes: list[RowChange]) -> tuple[list[Problem], list[tuple]]:
    """Which changes would be written (with their stored rows) and which are refused, and why."""
    if any(change.indicator.bureau_id != bureau.pk for change in changes):
        raise ValueError("every change must be a series of the bureau")
    years = {change.year for change in changes}
    states = period_states(bureau, years)
    stored = {
        (r.indicator_id, r.year, r.quarter): r
        for r in Realization.objects.filter(
            indicator__in={change.indicator.pk for change in changes}, year__in=years
        ).select_related("updated_by")
    }
    problems, writes = [], []
    for change in changes:
        current = stored.get((change.indicator.pk, change.year, change.quarter))
        if _unchanged(current, change):
            continue
        state = states[(change.year, change.quarter)]
        version = current.version if current is not None else 0
        if state not in OPEN_STATES:
            problems.append(Problem(change, Refusal.CLOSED, current, state))
        elif current is not None and current.status not in EDITABLE:
            problems.append(Problem(change, Refusal.LOCKED, current, state))
        elif change.seen is not None and change.seen != version:
            problems.append(Problem(change, Refusal.CONFLICT, current, state))
        else:
            writes.append((change, current))
    return problems, writes


def refusals(bureau: Bureau, changes: list[RowChange]) -> list[Problem]:
    """What write_realizations would refuse now: for a caller listing every problem at once."""
    return _plan(bureau, changes)[0]


def write_realizations(
    bureau: Bureau, user, changes: list[RowChange], step: str = Step.SAVE, reason: str = ""
) -> int:
    """Write every change as a draft, or none: a change into a closed quarter or a locked row, or over
    a version the caller did not see, refuses the lot (Refused). A change equal to the stored row is
    no change. Returns how many rows were written; each touched quarter logs one step, with `reason`."""
    with transaction.atomic():
        lock_bureau(bureau)
        problems, writes = _plan(bureau, changes)
        if problems:
            raise Refused(problems)
        for change, current in writes:
            realization = current or Realization(
                indicator=change.indicator, year=change.year, quarter=change.quarter, version=0
            )
            realization.value = change.value
            if change.kendala is not None:
                realization.kendala = change.kendala
            if change.evidence is not None:
                realization.evidence = change.evidence
            realization.status = Status.DRAFT
            realization.version += 1
            realization.updated_by = user
            realization._change_reason = history_reason(step, reason)
            realization.save()
        for year, quarter in sorted({(change.year, change.quarter) for change, _current in writes}):
            log_step(bureau, year, quarter, step, user, reason)
        return len(writes)


def _move(bureau, year, quarter, user, from_statuses, to_status, action, reason=""):
    """Move the quarter's rows in `from_statuses` on; their figures, and so their versions, stay."""
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
        # targets.regions writes through this module, so it is read here rather than at the top.
        from targets.regions import province_refusals

        refusals = province_refusals(bureau, year, quarter)
        if refusals:
            raise WorkflowError(" ".join(refusals))
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
