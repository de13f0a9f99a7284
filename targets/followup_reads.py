"""The follow-ups the pages, the exports and the PDF show, each read in one query whatever their number."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q, Window

from targets.entry import previous_period
from targets.models import FollowUp


def by_indicator(follow_ups: Iterable[FollowUp]) -> dict[int, list[FollowUp]]:
    grouped = defaultdict(list)
    for follow_up in follow_ups:
        grouped[follow_up.indicator_id].append(follow_up)
    return dict(grouped)


def in_words(follow_up: FollowUp) -> str:
    """One follow-up on one line, for an export cell: "action (PIC, due date, status)"."""
    status = follow_up.get_status_display()
    return f"{follow_up.action} ({follow_up.pic}, {follow_up.due_date:%d-%m-%Y}, {status})"


def agreed_in_year(indicator_ids: Iterable[int], year: int) -> dict[int, dict[int, list[FollowUp]]]:
    """{indicator id: {quarter: the follow-ups agreed in it}} for a year, in one query."""
    agreed: dict[int, dict[int, list[FollowUp]]] = defaultdict(lambda: defaultdict(list))
    for follow_up in FollowUp.objects.filter(indicator_id__in=list(indicator_ids), year=year):
        agreed[follow_up.indicator_id][follow_up.quarter].append(follow_up)
    return agreed


# What a page's line of a follow-up shows (reports/templatetags/report_parts.follow_up_line), and the
# name of its indicator: the dashboard and the bureau page read only these.
LINE_FIELDS = ("indicator_id", "action", "pic", "due_date", "status", "indicator__name")


def unfinished(indicator_ids: Iterable[int]) -> list[FollowUp]:
    """The unfinished follow-ups of the indicators, soonest due first, in one query: the fields of
    their one-line summaries only."""
    return list(
        FollowUp.objects.filter(indicator_id__in=list(indicator_ids))
        .unfinished()
        .select_related("indicator")
        .only(*LINE_FIELDS)
    )


def overdue(today: datetime.date, bureau_id: int | None = None) -> list[FollowUp]:
    """Unfinished follow-ups past their due date, of one bureau or of all, in one query."""
    found = FollowUp.objects.overdue(today).select_related("indicator__bureau")
    if bureau_id is not None:
        found = found.filter(indicator__bureau_id=bureau_id)
    return list(found)


def before_meeting(
    indicator_ids: Iterable[int], year: int, quarter: int, first: int
) -> tuple[list[FollowUp], int]:
    """What the meeting on a quarter asks "what became of it" about: the follow-ups agreed before the
    quarter that were still unfinished, were reported on in it, or were agreed at the previous meeting.
    The `first` of them, oldest first, and how many there are in all. Two queries: the follow-ups
    (counted in the same query) and their reports."""
    previous = previous_period(year, quarter)
    carried = FollowUp.objects.carried_into(year, quarter).values("pk")
    found = FollowUp.objects.filter(indicator_id__in=list(indicator_ids)).filter(
        Q(pk__in=carried) | Q(year=previous[0], quarter=previous[1])
    )
    shown = list(
        found.select_related("indicator__bureau")
        .prefetch_related("reports")
        .annotate(total=Window(Count("pk")))
        .order_by("year", "quarter", "due_date", "pk")[:first]
    )
    return shown, shown[0].total if shown else 0
