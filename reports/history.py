"""The history of an indicator's targets and realizations, as the indicator page lists it.

django-simple-history keeps one record per save; this pairs each record with the one before it
for the same object, in memory, so the page reads the whole history in two queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from targets.choices import FollowUpStatus, Quarter, Status
from targets.formatting import format_value

CREATED, CHANGED, DELETED = "+", "~", "-"


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None
    new: str | None


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.kind == CREATED

    @property
    def deleted(self) -> bool:
        return self.kind == DELETED


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("sistem")
    return user.get_full_name() or user.username


def _entries(records, subject, fields) -> list[HistoryEntry]:
    """fields: (attribute, label, display function) compared between consecutive records."""
    by_object = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    entries = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            changes = []
            for attribute, label, show in fields:
                new = getattr(record, attribute)
                old = getattr(previous, attribute) if previous is not None else None
                if record.history_type == CREATED and new in (None, ""):
                    continue
                if record.history_type == CHANGED and previous is not None and old == new:
                    continue
                if record.history_type == DELETED:
                    continue
                changes.append(Change(label, show(old) if previous is not None else None, show(new)))
            if record.history_type != CHANGED or changes or record.history_change_reason:
                entries.append(
                    HistoryEntry(
                        when=record.history_date,
                        who=_who(record),
                        subject=subject(record),
                        kind=record.history_type,
                        reason=record.history_change_reason or "",
                        changes=changes,
                    )
                )
            previous = record
    return entries


def _text(value) -> str:
    return value or "–"


def target_entries(records, unit: str) -> list[HistoryEntry]:
    def amount(value):
        return format_value(value, unit)

    fields = [
        ("value", _("Target tahunan"), amount),
        *((f"q{q}", _("Target %(quarter)s") % {"quarter": Quarter(q).label}, amount) for q in (1, 2, 3, 4)),
        ("source", _("Sumber target"), _text),
    ]
    return _entries(records, lambda r: _("Target %(year)s") % {"year": r.year}, fields)


def baseline_entries(records, unit: str) -> list[HistoryEntry]:
    """Revisions of the indicator's baseline; other changes to its definition are not figures."""
    fields = [
        ("baseline_value", _("Data dasar"), lambda value: format_value(value, unit)),
        ("baseline_year", _("Tahun data dasar"), lambda year: str(year) if year else "–"),
    ]
    return [entry for entry in _entries(records, lambda r: _("Data dasar"), fields) if entry.changes]


def realization_entries(records, series_by_id, with_series_name: bool) -> list[HistoryEntry]:
    entries = []
    by_series = defaultdict(list)
    for record in records:
        by_series[record.indicator_id].append(record)
    for series_id, series_records in by_series.items():
        series = series_by_id[series_id]

        def subject(record, series=series):
            text = _("Realisasi %(year)s %(quarter)s") % {
                "year": record.year,
                "quarter": Quarter(record.quarter).label,
            }
            return f"{text} · {series.name}" if with_series_name else text

        fields = [
            ("value", _("Realisasi"), lambda v, series=series: format_value(v, series.unit)),
            ("status", _("Status"), lambda v: Status(v).label if v else "–"),
            ("kendala", _("Kendala"), _text),
        ]
        entries += _entries(series_records, subject, fields)
    return entries


def follow_up_entries(records) -> list[HistoryEntry]:
    """A follow-up agreed, and each later change to its status, PIC or due date."""
    fields = [
        ("action", _("Tindak lanjut"), _text),
        ("pic", _("PIC"), _text),
        ("due_date", _("Batas waktu"), lambda day: f"{day:%d-%m-%Y}" if day else "–"),
        ("status", _("Status"), lambda value: FollowUpStatus(value).label if value else "–"),
        ("status_note", _("Keterangan status"), _text),
    ]

    def subject(record):
        return _("Tindak lanjut %(year)s %(quarter)s") % {
            "year": record.year,
            "quarter": Quarter(record.quarter).label,
        }

    return _entries(records, subject, fields)


def indicator_history(
    target_records, realization_records, indicator, series_by_id, indicator_records=(), follow_up_records=()
) -> list[HistoryEntry]:
    """Every change to the indicator's baseline, targets, realizations (and its ratio's series) and
    follow-ups, newest first."""
    entries = (
        baseline_entries(indicator_records, indicator.unit)
        + target_entries(target_records, indicator.unit)
        + realization_entries(realization_records, series_by_id, with_series_name=indicator.is_ratio)
        + follow_up_entries(follow_up_records)
    )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
