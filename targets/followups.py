"""Follow-ups (tindak lanjut): the one way they are written, with their checks and who may write them.

A follow-up lives beside the quarter's figures, never inside them: agreeing one, reporting on it or
changing its status touches no Realization and no workflow state, so it goes on after the head has
approved the quarter without reopening it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from targets.choices import FollowUpStatus
from targets.models import FollowUp, FollowUpReport, Indicator
from targets.permissions import require_follow_up

MESSAGES = {
    "action": _("Tuliskan apa yang akan dilakukan."),
    "pic": _("Tuliskan penanggung jawabnya (PIC)."),
    "due_date": _("Isi batas waktunya."),
    "reason": _("Tuliskan alasan tindak lanjut ini dibatalkan."),
}


def problems(**fields) -> dict[str, str]:
    """What is missing from a follow-up, by field: the forms show these beside their fields, and the
    write path refuses on them. Only the fields given are checked."""
    found = {}
    for name in ("action", "pic"):
        if name in fields and not (fields[name] or "").strip():
            found[name] = MESSAGES[name]
    if "due_date" in fields and fields["due_date"] is None:
        found["due_date"] = MESSAGES["due_date"]
    if fields.get("status") == FollowUpStatus.DROPPED and not (fields.get("note") or "").strip():
        found["note"] = MESSAGES["reason"]
    return found


def _check(**fields) -> None:
    found = problems(**fields)
    if found:
        raise ValidationError({name: [message] for name, message in found.items()})


def create(
    user, indicator: Indicator, year: int, quarter: int, *, action: str, pic: str, due_date, kendala: str = ""
) -> FollowUp:
    """A follow-up agreed for an indicator in a quarter, answering that quarter's kendala."""
    require_follow_up(user, indicator.bureau_id)
    _check(action=action, pic=pic, due_date=due_date)
    follow_up = FollowUp(
        indicator=indicator,
        year=year,
        quarter=quarter,
        kendala=kendala.strip(),
        action=action.strip(),
        pic=pic.strip(),
        due_date=due_date,
        created_by=user,
        updated_by=user,
    )
    follow_up._change_reason = "Disepakati"
    follow_up.save()
    return follow_up


def report(user, follow_up: FollowUp, year: int, quarter: int, *, status: str, note: str) -> FollowUpReport:
    """What the bureau reports on an earlier follow-up in a later quarter; the follow-up takes the
    status reported. Reporting again in the same quarter replaces that quarter's report."""
    require_follow_up(user, follow_up.indicator.bureau_id)
    if (year, quarter) <= (follow_up.year, follow_up.quarter):
        raise ValueError("a follow-up is reported on in a quarter after the one it was agreed in")
    _check(status=status, note=note)
    with transaction.atomic():
        saved, _created = FollowUpReport.objects.update_or_create(
            follow_up=follow_up,
            year=year,
            quarter=quarter,
            defaults={"status": status, "note": note.strip(), "reported_by": user},
        )
        follow_up.status = status
        if note.strip() or status == FollowUpStatus.DROPPED:
            follow_up.status_note = note.strip()
        follow_up.updated_by = user
        follow_up._change_reason = f"Laporan {year} TW{quarter}"
        follow_up.save()
    return saved


def update(user, follow_up: FollowUp, *, status: str, status_note: str, pic: str, due_date) -> FollowUp:
    """A change to a follow-up's status, note, PIC or due date from its own page."""
    require_follow_up(user, follow_up.indicator.bureau_id)
    _check(pic=pic, due_date=due_date, status=status, note=status_note)
    follow_up.status = status
    follow_up.status_note = status_note.strip()
    follow_up.pic = pic.strip()
    follow_up.due_date = due_date
    follow_up.updated_by = user
    follow_up._change_reason = "Diperbarui"
    follow_up.save()
    return follow_up
