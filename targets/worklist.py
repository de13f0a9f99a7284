"""What each role must act on, across years: the read model of the worklist and of the reminders.

Staff: their bureau's quarters still open (returned with the head's reason, late, due soon, to fill),
and the regency figures waiting for their review. The head: quarters waiting for approval, with the
kabupaten/kota coverage of each series reported by region, and the bureaus that are late. Planners and
administrators: quarters that have ended without being submitted, and indicators without a target for
next year. Regency operators: their kabupaten/kota's figures still to send (targets.worklist_regions).
Read in a fixed number of queries whatever the number of bureaus, regencies, years and steps.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, Min, OuterRef

from targets import deadlines
from targets.choices import Aggregation, QuarterState, Role, Step
from targets.entry import OPEN_STATES, state_of
from targets.followup_reads import overdue
from targets.models import Bureau, FollowUp, Indicator, Realization, Region, WorkflowStep
from targets.schedule import Due, ReportingCalendar
from targets.worklist_regions import (
    RegionQuarter,
    ReviewQuarter,
    SeriesCoverage,
    coverage_of,
    regional_quarters,
    review_quarters,
)

DECISIONS_WITH_REASON = frozenset({Step.RETURN, Step.REOPEN})
# Who is asked about follow-ups past their due date; the administrator only reads them.
FOLLOWING_UP = frozenset({Role.STAFF, Role.HEAD, Role.PLANNER})


@dataclass(frozen=True)
class BureauQuarter:
    """One bureau's quarter on the reporting calendar."""

    bureau: Bureau
    year: int
    quarter: int
    state: QuarterState
    due: Due
    ended: bool
    working_days_late: int
    working_days_left: int
    submitted_at: datetime.datetime | None = None
    decision: WorkflowStep | None = None  # the head's latest return or reopening, with its reason

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_missing(self) -> bool:
        """Ended and not yet sent to the head."""
        return self.ended and self.is_open

    @property
    def is_late(self) -> bool:
        return self.is_open and self.working_days_late > 0

    @property
    def is_due_soon(self) -> bool:
        return (
            self.is_missing
            and not self.is_late
            and self.working_days_left <= settings.REMINDER_WORKING_DAYS_BEFORE_DUE
        )

    @property
    def return_reason(self) -> str:
        if self.state == QuarterState.RETURNED and self.decision is not None:
            return self.decision.reason
        return ""


def on_calendar(
    calendar: ReportingCalendar,
    bureau: Bureau | None,
    year: int,
    quarter: int,
    state: QuarterState,
    today: datetime.date,
    **steps,
) -> BureauQuarter:
    """A bureau's quarter with its due date and how far today is from it."""
    due = calendar.due(year, quarter)
    return BureauQuarter(
        bureau,
        year,
        quarter,
        state,
        due,
        ended=deadlines.has_ended(year, quarter, today),
        working_days_late=calendar.working_days_late(due, today),
        working_days_left=calendar.working_days_left(due, today),
        **steps,
    )


def first_reporting_year(today: datetime.date) -> int:
    """Reporting starts with the first year in which any figure was entered (one query): targets of
    earlier years may be there only as the start of a planned path."""
    first = Realization.objects.aggregate(first=Min("year"))["first"]
    return min(first, today.year) if first is not None else today.year


def bureaus_with_series() -> list[Bureau]:
    """Every bureau, each marked with whether it enters any series (one query)."""
    entered = Indicator.objects.filter(bureau=OuterRef("pk")).exclude(aggregation=Aggregation.RATIO)
    return list(Bureau.objects.annotate(enters=Exists(entered)))


def reporting_quarters(today: datetime.date, bureaus: list[Bureau], first_year: int) -> list[BureauQuarter]:
    """Every quarter that has begun since `first_year`, of every bureau that enters series, oldest first.

    Three queries: the realizations' states, the workflow log and the planners' due dates.
    """
    bureaus = [bureau for bureau in bureaus if getattr(bureau, "enters", True)]
    ids = [bureau.pk for bureau in bureaus]
    years = range(first_year, today.year + 1)
    statuses = defaultdict(set)
    rows = (
        Realization.objects.filter(indicator__bureau_id__in=ids, year__gte=first_year, year__lte=today.year)
        .exclude(indicator__aggregation=Aggregation.RATIO)
        .values_list("indicator__bureau_id", "year", "quarter", "status")
        .order_by()
        .distinct()
    )
    for bureau_id, year, quarter, status in rows:
        statuses[bureau_id, year, quarter].add(status)
    submitted, decisions = {}, {}
    steps = WorkflowStep.objects.filter(
        bureau_id__in=ids,
        year__gte=first_year,
        year__lte=today.year,
        action__in=[Step.SUBMIT, *DECISIONS_WITH_REASON],
    )
    for step in steps:  # newest first
        key = step.bureau_id, step.year, step.quarter
        if step.action == Step.SUBMIT:
            submitted.setdefault(key, step.at)
        else:
            decisions.setdefault(key, step)
    calendar = ReportingCalendar.load(years)
    found = []
    for year in years:
        for quarter in (1, 2, 3, 4):
            if not deadlines.has_begun(year, quarter, today):
                continue
            for bureau in bureaus:
                key = bureau.pk, year, quarter
                found.append(
                    on_calendar(
                        calendar,
                        bureau,
                        year,
                        quarter,
                        state_of(statuses[key]),
                        today,
                        submitted_at=submitted.get(key),
                        decision=decisions.get(key),
                    )
                )
    return found


@dataclass(frozen=True)
class LateBureau:
    bureau: Bureau
    quarters: list[BureauQuarter]

    @property
    def most_working_days_late(self) -> int:
        return max(q.working_days_late for q in self.quarters)


@dataclass
class Worklist:
    role: str
    today: datetime.date
    bureaus: list[Bureau]
    # Staff
    returned: list[BureauQuarter] = field(default_factory=list)
    late: list[BureauQuarter] = field(default_factory=list)
    to_fill: list[BureauQuarter] = field(default_factory=list)
    # The head
    awaiting: list[BureauQuarter] = field(default_factory=list)
    late_bureaus: list[LateBureau] = field(default_factory=list)
    # Planners and administrators
    missing: list[BureauQuarter] = field(default_factory=list)
    untargeted: list[Indicator] = field(default_factory=list)
    coming_year: int | None = None
    # Staff: their bureau's; the head and the planners: every bureau's.
    overdue_follow_ups: list[FollowUp] = field(default_factory=list)
    # Staff: the quarters in which regency figures wait for their review.
    to_review: list[ReviewQuarter] = field(default_factory=list)
    # The head: (bureau, year, quarter) → the coverage of each series reported by region.
    coverage: dict[tuple[int, int, int], list[SeriesCoverage]] = field(default_factory=dict)
    # Regency operators: their kabupaten/kota, and its quarters with figures still to send.
    region: Region | None = None
    region_returned: list[RegionQuarter] = field(default_factory=list)
    region_late: list[RegionQuarter] = field(default_factory=list)
    region_to_fill: list[RegionQuarter] = field(default_factory=list)

    @property
    def awaiting_with_coverage(self) -> list[tuple[BureauQuarter, list[SeriesCoverage]]]:
        return [
            (item, self.coverage.get((item.bureau.pk, item.year, item.quarter), [])) for item in self.awaiting
        ]

    @property
    def count(self) -> int:
        """How many things wait for this person: the number in the header."""
        if self.role == Role.OPERATOR:
            return len(self.region_returned) + len(self.region_late) + len(self.region_to_fill)
        if self.role == Role.STAFF:
            waiting = len(self.returned) + len(self.late) + len(self.to_fill) + len(self.to_review)
        elif self.role == Role.HEAD:
            waiting = len(self.awaiting)
        else:
            waiting = len(self.missing) + len(self.untargeted)
        return waiting + len(self.overdue_follow_ups)


def late_by_bureau(quarters: list[BureauQuarter]) -> list[LateBureau]:
    grouped = defaultdict(list)
    for item in quarters:
        if item.is_late:
            grouped[item.bureau.pk].append(item)
    late = [LateBureau(items[0].bureau, items) for items in grouped.values()]
    return sorted(late, key=lambda entry: -entry.most_working_days_late)


def worklist_for(user, today: datetime.date) -> Worklist:
    """The user's worklist: administrators in six queries, staff and planners in seven, the head in nine,
    regency operators in seven."""
    if user.role == Role.OPERATOR:
        return operator_worklist(user, today)
    staff = user.role == Role.STAFF
    if staff and user.bureau_id is None:
        return Worklist(user.role, today, [])
    all_bureaus = bureaus_with_series()
    mine = [b for b in all_bureaus if b.pk == user.bureau_id] if staff else all_bureaus
    quarters = reporting_quarters(today, mine, first_reporting_year(today))
    worklist = Worklist(user.role, today, all_bureaus)
    if staff:
        for item in quarters:
            if item.state == QuarterState.RETURNED:
                worklist.returned.append(item)
            elif item.is_late:
                worklist.late.append(item)
            elif item.is_open:
                worklist.to_fill.append(item)
        worklist.to_review = review_quarters(mine)
    elif user.role == Role.HEAD:
        awaiting = [item for item in quarters if item.state == QuarterState.SUBMITTED]
        worklist.awaiting = sorted(awaiting, key=lambda q: (q.year, q.quarter, q.bureau.order, q.bureau.name))
        worklist.coverage = coverage_of({(item.bureau.pk, item.year, item.quarter) for item in awaiting})
        worklist.late_bureaus = late_by_bureau(quarters)
    else:
        worklist.missing = [item for item in quarters if item.is_missing]
        worklist.coming_year = today.year + 1
        worklist.untargeted = list(
            Indicator.objects.targeted().exclude(targets__year=worklist.coming_year).select_related("bureau")
        )
    if user.role in FOLLOWING_UP:
        worklist.overdue_follow_ups = overdue(today, user.bureau_id if staff else None)
    return worklist


def operator_worklist(user, today: datetime.date) -> Worklist:
    """A regency operator's worklist: their kabupaten/kota's quarters with figures still to send, those
    with figures returned by a bureau first, then the late ones, then the rest."""
    worklist = Worklist(user.role, today, bureaus_with_series())
    # The user's own regency, read once for the header and this list alike.
    region = user.region if user.region_id else None
    if region is None:
        return worklist
    worklist.region = region
    for item in regional_quarters(today, [region], first_reporting_year(today)):
        if item.returned:
            worklist.region_returned.append(item)
        elif item.is_late:
            worklist.region_late.append(item)
        else:
            worklist.region_to_fill.append(item)
    return worklist


def earlier_not_approved(
    bureau: Bureau, year: int, quarter: int, today: datetime.date
) -> list[BureauQuarter]:
    """The bureau's quarters before this one that the head has not approved, oldest first (five queries)."""
    earlier = reporting_quarters(today, [bureau], first_reporting_year(today))
    return [
        item
        for item in earlier
        if (item.year, item.quarter) < (year, quarter) and item.state != QuarterState.APPROVED
    ]
