"""Recording a coordination meeting, comparing its snapshot with today's figures, and deleting one.

Recording freezes what the meeting saw — every figure of the covered year up to the covered
quarter, each indicator's dashboard row, the follow-ups — and stores the summary PDF as printed,
so that a figure revised later can be shown beside the value the meeting discussed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from reports.models import Meeting, MeetingDeletion, MeetingFigure, MeetingFollowUp, MeetingRow
from reports.pdf import summary_pdf
from targets.choices import CLOSED_FOLLOW_UP_STATUSES
from targets.models import FollowUp, Indicator, Realization
from targets.readmodel import IndicatorRow, build_rows, source_series_ids


def _period_figures(year: int, quarter: int):
    """Every series' realization of the year up to the quarter, in whatever state."""
    return Realization.objects.filter(year=year, quarter__lte=quarter)


def _follow_ups_seen(year: int, quarter: int):
    """The follow-ups a meeting on a period discusses: those agreed in the year up to the quarter,
    and those of earlier years still unfinished."""
    unfinished = Q(pk__in=FollowUp.objects.unfinished().values("pk"))
    return FollowUp.objects.filter(Q(year=year, quarter__lte=quarter) | (Q(year__lt=year) & unfinished))


def record_meeting(*, name: str, held_on: date, place: str, year: int, quarter: int, user) -> Meeting:
    """Freeze the period as it stands now and store its summary PDF (every bureau), all or nothing.

    A fixed number of queries whatever the number of indicators: the read model's, one each for
    the figures and the follow-ups, the meeting's insert and one bulk insert per kind of frozen row
    (SQLite splits a bulk insert past 999 parameters; PostgreSQL does not).
    """
    document = summary_pdf(year, quarter)
    meeting = Meeting(name=name, held_on=held_on, place=place, year=year, quarter=quarter, recorded_by=user)
    meeting.document.save("rapat.pdf", ContentFile(document), save=False)
    try:
        with transaction.atomic():
            rows = build_rows(year, quarter)
            figures = list(_period_figures(year, quarter))
            follow_ups = list(_follow_ups_seen(year, quarter))
            meeting.save()
            MeetingRow.objects.bulk_create(
                [MeetingRow.frozen(meeting, position, row) for position, row in enumerate(rows)]
            )
            MeetingFigure.objects.bulk_create(
                [
                    MeetingFigure(
                        meeting=meeting,
                        indicator_id=figure.indicator_id,
                        year=figure.year,
                        quarter=figure.quarter,
                        value=figure.value,
                        status=figure.status,
                        version=figure.version,
                        kendala=figure.kendala,
                    )
                    for figure in figures
                ]
            )
            MeetingFollowUp.objects.bulk_create(
                [
                    MeetingFollowUp(
                        meeting=meeting,
                        follow_up=follow_up,
                        indicator_id=follow_up.indicator_id,
                        year=follow_up.year,
                        quarter=follow_up.quarter,
                        kendala=follow_up.kendala,
                        action=follow_up.action,
                        pic=follow_up.pic,
                        due_date=follow_up.due_date,
                        status=follow_up.status,
                        status_note=follow_up.status_note,
                    )
                    for follow_up in follow_ups
                ]
            )
    except BaseException:
        meeting.document.delete(save=False)
        raise
    return meeting


@dataclass(frozen=True)
class FigureAtMeeting:
    """One series' figure for one quarter: as the meeting saw it, and as it stands now.

    `was` is None for a figure entered after the meeting; `now` is None for one deleted since.
    """

    indicator: Indicator
    quarter: int
    was: MeetingFigure | None
    now: Realization | None

    @property
    def old_value(self) -> Decimal | None:
        return self.was.value if self.was else None

    @property
    def new_value(self) -> Decimal | None:
        return self.now.value if self.now else None

    @property
    def revised(self) -> bool:
        """Changed since the meeting: "diubah sejak rapat"."""
        return self.old_value != self.new_value


def compare(meeting: Meeting) -> list[FigureAtMeeting]:
    """Every figure of the meeting's period, frozen and current side by side, in two queries."""
    frozen = {
        (figure.indicator_id, figure.quarter): figure
        for figure in meeting.figures.select_related("indicator")
    }
    current = {
        (realization.indicator_id, realization.quarter): realization
        for realization in _period_figures(meeting.year, meeting.quarter).select_related("indicator")
    }
    figures = [
        FigureAtMeeting(
            (frozen.get(key) or current[key]).indicator, key[1], frozen.get(key), current.get(key)
        )
        for key in frozen.keys() | current.keys()
    ]
    return sorted(figures, key=lambda figure: (figure.indicator.name, figure.indicator.pk, figure.quarter))


def revised_indicators(rows: list[IndicatorRow], figures: list[FigureAtMeeting]) -> set[int]:
    """The indicators whose figures at the meeting rest on a figure revised since (a ratio on its
    two series)."""
    revised = {figure.indicator.pk for figure in figures if figure.revised}
    return {row.indicator.pk for row in rows if revised.intersection(source_series_ids(row.indicator))}


def meeting_rows(meeting: Meeting) -> list[IndicatorRow]:
    """The dashboard's rows as the meeting saw them, in one query."""
    frozen = meeting.rows.select_related(
        "indicator__bureau", "indicator__numerator", "indicator__denominator"
    )
    return [row.as_row() for row in frozen]


def meeting_follow_ups(meeting: Meeting, indicator_ids: list[int]) -> list[MeetingFollowUp]:
    """The follow-ups unfinished at the meeting for these indicators, as they stood (one query)."""
    frozen = meeting.follow_ups.filter(indicator_id__in=indicator_ids).exclude(
        status__in=CLOSED_FOLLOW_UP_STATUSES
    )
    return list(frozen.select_related("indicator"))


def delete_meeting(meeting: Meeting, user, reason: str) -> MeetingDeletion:
    """Remove a snapshot and its stored PDF, keeping a record of what was removed, by whom and why."""
    with transaction.atomic():
        deletion = MeetingDeletion.objects.create(
            name=meeting.name,
            held_on=meeting.held_on,
            year=meeting.year,
            quarter=meeting.quarter,
            reason=reason,
            deleted_by=user,
        )
        document = meeting.document
        meeting.delete()
        transaction.on_commit(lambda: document.storage.delete(document.name))
    return deletion
