"""The read side's own records: the department's letterhead, and the snapshots of coordination meetings."""

from reports.models.letterhead import Letterhead, validate_logo
from reports.models.meetings import (
    Meeting,
    MeetingDeletion,
    MeetingFigure,
    MeetingFollowUp,
    MeetingRow,
    SnapshotImmutable,
)
from reports.models.stored_pdf import StoredSummary

__all__ = [
    "Letterhead",
    "Meeting",
    "MeetingDeletion",
    "MeetingFigure",
    "MeetingFollowUp",
    "MeetingRow",
    "SnapshotImmutable",
    "StoredSummary",
    "validate_logo",
]
