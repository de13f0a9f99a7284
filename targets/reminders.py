"""Reminders of the reporting calendar, by email, each sent once.

To a bureau's staff a few working days before a quarter's report is due, and again once it is late;
to the head when a submitted quarter has waited for approval longer than APPROVAL_REMINDER_DAYS.
To a regency operator on the same calendar, for their kabupaten/kota's figures still to send, one
email per bureau owning the series; to a bureau's staff when regency figures have waited for their
review longer than APPROVAL_REMINDER_DAYS. A Reminder row, written in the same transaction as the
sending, makes every reminder go out once, however often the command runs.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from targets.choices import Quarter, QuarterState, ReminderKind, Role
from targets.models import Reminder, User
from targets.worklist import BureauQuarter, bureaus_with_series, first_reporting_year, reporting_quarters
from targets.worklist_regions import RegionQuarter, ReviewQuarter, regional_quarters, review_quarters

logger = logging.getLogger("kaltengkop.reminders")

REGIONAL_KINDS = frozenset(
    {ReminderKind.REGION_DUE_SOON, ReminderKind.REGION_LATE, ReminderKind.REGION_REVIEW}
)


@dataclass(frozen=True)
class Planned:
    kind: ReminderKind
    recipient: User
    item: BureauQuarter | RegionQuarter | ReviewQuarter

    @property
    def key(self) -> tuple:
        return self.kind, self.recipient.pk, self.item.bureau.pk, self.item.year, self.item.quarter


def _waited_too_long(item: BureauQuarter, now: datetime.datetime) -> bool:
    if item.state != QuarterState.SUBMITTED or item.submitted_at is None:
        return False
    return now - item.submitted_at > datetime.timedelta(days=settings.APPROVAL_REMINDER_DAYS)


def _waited_for_review(item: ReviewQuarter, now: datetime.datetime) -> bool:
    return now - item.since > datetime.timedelta(days=settings.APPROVAL_REMINDER_DAYS)


def _regional_reminders(quarters: list[RegionQuarter], operators: dict) -> list[Planned]:
    """A regency's quarter still to send, to its operators: one reminder per bureau owning the series."""
    planned = []
    for item in quarters:
        bureaus = {s.bureau_id: s.bureau for s in item.outstanding}
        bureaus.update({figure.indicator.bureau_id: figure.indicator.bureau for figure in item.returned})
        for bureau in sorted(bureaus.values(), key=lambda b: (b.order, b.name)):
            narrowed = item.of_bureau(bureau)
            if narrowed.is_late:
                kind = ReminderKind.REGION_LATE
            elif narrowed.is_due_soon:
                kind = ReminderKind.REGION_DUE_SOON
            else:
                continue
            planned += [Planned(kind, user, narrowed) for user in operators[item.region.pk]]
    return planned


def planned_reminders(today: datetime.date, now: datetime.datetime) -> list[Planned]:
    """Every reminder that is due today and not yet sent: eight queries, and four more for the figures of
    the kabupaten/kota when a regency operator has an email."""
    first_year = first_reporting_year(today)
    bureaus = bureaus_with_series()
    quarters = reporting_quarters(today, bureaus, first_year)
    staff, heads, operators, regions = defaultdict(list), [], defaultdict(list), {}
    users = (
        User.objects.filter(is_active=True, role__in=[Role.STAFF, Role.HEAD, Role.OPERATOR])
        .exclude(email="")
        .select_related("region")
    )
    for user in users:
        if user.role == Role.HEAD:
            heads.append(user)
        elif user.role == Role.OPERATOR:
            operators[user.region_id].append(user)
            regions[user.region_id] = user.region
        else:
            staff[user.bureau_id].append(user)
    planned = []
    for item in quarters:
        if item.is_late:
            planned += [Planned(ReminderKind.LATE, user, item) for user in staff[item.bureau.pk]]
        elif item.is_due_soon:
            planned += [Planned(ReminderKind.DUE_SOON, user, item) for user in staff[item.bureau.pk]]
        if _waited_too_long(item, now):
            planned += [Planned(ReminderKind.AWAITING_APPROVAL, user, item) for user in heads]
    regional = regional_quarters(today, sorted(regions.values(), key=lambda r: (r.order, r.code)), first_year)
    planned += _regional_reminders(regional, operators)
    for review in review_quarters(bureaus):
        if _waited_for_review(review, now):
            planned += [Planned(ReminderKind.REGION_REVIEW, user, review) for user in staff[review.bureau.pk]]
    sent = set(
        Reminder.objects.filter(year__gte=first_year).values_list(
            "kind", "recipient_id", "bureau_id", "year", "quarter"
        )
    )
    return [reminder for reminder in planned if reminder.key not in sent]


def _series_list(item: RegionQuarter) -> str:
    names = [s.name for s in item.outstanding]
    names += [
        _("%(name)s (dikembalikan: %(reason)s)") % {"name": figure.indicator.name, "reason": figure.reason}
        for figure in item.returned
    ]
    return "; ".join(names)


def regional_message(reminder: Planned) -> tuple[str, str]:
    """The subject and the body of a reminder about the figures of the kabupaten/kota, in Indonesian."""
    item = reminder.item
    period = {
        "bureau": item.bureau.name,
        "year": item.year,
        "quarter": str(Quarter(item.quarter).label),
    }
    if reminder.kind == ReminderKind.REGION_REVIEW:
        period.update(
            waiting=item.waiting,
            url=settings.SITE_URL
            + reverse("targets:region_review", args=[item.bureau.code, item.year, item.quarter]),
        )
        subject = _("%(waiting)s angka kabupaten/kota %(year)s %(quarter)s menunggu diperiksa") % period
        body = (
            _(
                "%(waiting)s angka kabupaten/kota untuk %(bureau)s %(year)s %(quarter)s menunggu Anda "
                "periksa: terima, atau kembalikan dengan alasan. Periksa di %(url)s"
            )
            % period
        )
        return subject, body
    period.update(
        region=item.region.name,
        series=_series_list(item),
        due=item.due.date.strftime("%d-%m-%Y"),
        days=item.working_days_late,
        left=item.working_days_left,
        url=settings.SITE_URL
        + reverse("targets:region_entry", args=[item.region.code, item.year, item.quarter]),
    )
    if reminder.kind == ReminderKind.REGION_DUE_SOON:
        subject = _("Angka %(region)s %(year)s %(quarter)s untuk %(bureau)s jatuh tempo %(due)s") % period
        body = (
            _(
                "Angka %(region)s untuk %(year)s %(quarter)s yang diperiksa %(bureau)s jatuh tempo pada "
                "%(due)s (%(left)s hari kerja lagi): %(series)s. Isi dan ajukan di %(url)s"
            )
            % period
        )
    else:
        subject = _("Angka %(region)s %(year)s %(quarter)s untuk %(bureau)s terlambat") % period
        body = (
            _(
                "Angka %(region)s untuk %(year)s %(quarter)s yang diperiksa %(bureau)s jatuh tempo pada "
                "%(due)s dan belum diajukan (terlambat %(days)s hari kerja): %(series)s. Isi dan ajukan di "
                "%(url)s"
            )
            % period
        )
    return subject, body


def message(reminder: Planned) -> tuple[str, str]:
    """The subject and the body, in Indonesian: the department's working language."""
    item = reminder.item
    if reminder.kind in REGIONAL_KINDS:
        with translation.override("id"):
            subject, body = regional_message(reminder)
        return f"[KaltengKop] {subject}", body + "\n"
    with translation.override("id"):
        period = {
            "bureau": item.bureau.name,
            "year": item.year,
            "quarter": str(Quarter(item.quarter).label),
            "due": item.due.date.strftime("%d-%m-%Y"),
            "days": item.working_days_late,
            "left": item.working_days_left,
            "url": settings.SITE_URL
            + reverse("targets:entry", args=[item.bureau.code, item.year, item.quarter]),
        }
        if reminder.kind == ReminderKind.DUE_SOON:
            subject = _("Laporan %(bureau)s %(year)s %(quarter)s jatuh tempo %(due)s") % period
            body = (
                _(
                    "Laporan realisasi %(bureau)s untuk %(year)s %(quarter)s jatuh tempo pada %(due)s "
                    "(%(left)s hari kerja lagi). Isi dan ajukan di %(url)s"
                )
                % period
            )
        elif reminder.kind == ReminderKind.LATE:
            subject = _("Laporan %(bureau)s %(year)s %(quarter)s terlambat") % period
            body = (
                _(
                    "Laporan realisasi %(bureau)s untuk %(year)s %(quarter)s jatuh tempo pada %(due)s dan "
                    "belum diajukan (terlambat %(days)s hari kerja). Isi dan ajukan di %(url)s"
                )
                % period
            )
        else:
            subject = _("%(bureau)s %(year)s %(quarter)s menunggu persetujuan") % period
            body = _(
                "%(bureau)s mengajukan realisasi %(year)s %(quarter)s pada %(submitted)s dan masih "
                "menunggu persetujuan Anda. Periksa di %(url)s"
            ) % {**period, "submitted": timezone.localtime(item.submitted_at).strftime("%d-%m-%Y")}
    return f"[KaltengKop] {subject}", body + "\n"


def send_reminders(today: datetime.date, now: datetime.datetime) -> list[Reminder]:
    """Send what is due and not yet sent; a reminder whose mail fails is not recorded, so it is retried."""
    sent = []
    for planned in planned_reminders(today, now):
        item = planned.item
        with transaction.atomic():
            reminder, created = Reminder.objects.get_or_create(
                kind=planned.kind,
                recipient=planned.recipient,
                bureau=item.bureau,
                year=item.year,
                quarter=item.quarter,
            )
            if not created:  # another run sent it meanwhile
                continue
            subject, body = message(planned)
            send_mail(subject, body, None, [planned.recipient.email])
        logger.info(
            "Pengingat %s dikirim kepada %s <%s> untuk %s %s TW%s pada %s",
            planned.kind.value,
            planned.recipient.get_username(),
            planned.recipient.email,
            item.bureau.code,
            item.year,
            item.quarter,
            timezone.localtime(reminder.sent_at).isoformat(timespec="seconds"),
        )
        sent.append(reminder)
    return sent
