"""`manage.py send_reminders`: who receives what, when, and each reminder only once."""

import datetime
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from targets.choices import Aggregation, ReminderKind, Role, Status, Step, Unit
from targets.models import Bureau, Indicator, Realization, Reminder, Target, User, WorkflowStep
from targets.reminders import planned_reminders

FRIDAY_BEFORE_TW3_IS_DUE = datetime.date(2026, 10, 9)  # TW III 2026 is due on 14 October


@pytest.fixture
def calendar(bureau, other_bureau, staff, other_staff, head, today):
    """Two bureaus with one series each: koperasi has reported TW I and II, usaha-kecil only TW I, which
    waits for the head's approval."""
    today(FRIDAY_BEFORE_TW3_IS_DUE)
    for user, email in (
        (staff, "staf@example.go.id"),
        (other_staff, "lain@example.go.id"),
        (head, "kadis@example.go.id"),
    ):
        user.email = email
        user.save()
    User.objects.create_user("staf.tanpa.surel", role=Role.STAFF, bureau=bureau)
    User.objects.create_user(
        "staf.nonaktif", role=Role.STAFF, bureau=bureau, email="x@example.go.id", is_active=False
    )
    for b, quarters in (
        (bureau, {1: Status.APPROVED, 2: Status.APPROVED}),
        (other_bureau, {1: Status.SUBMITTED}),
    ):
        series = Indicator.objects.create(
            code=f"seri-{b.code}", name="Seri", bureau=b, unit=Unit.UNIT, aggregation=Aggregation.SUM
        )
        Target.objects.create(indicator=series, year=2026, value=D(100))
        for quarter, status in quarters.items():
            Realization.objects.create(
                indicator=series, year=2026, quarter=quarter, value=D(10), status=status
            )
    return WorkflowStep.objects.create(
        bureau=other_bureau, year=2026, quarter=1, action=Step.SUBMIT, actor=other_staff
    )


def submitted_days_ago(step, days):
    WorkflowStep.objects.filter(pk=step.pk).update(at=timezone.now() - datetime.timedelta(days=days))


def received():
    return sorted((message.to[0], message.subject) for message in mail.outbox)


def test_staff_are_reminded_before_the_due_date_and_when_late_and_the_head_of_a_long_wait(calendar):
    submitted_days_ago(calendar, 6)
    call_command("send_reminders", stdout=StringIO())
    assert received() == [
        (
            "kadis@example.go.id",
            "[KaltengKop] Bidang Pemberdayaan Usaha Kecil 2026 TW I menunggu persetujuan",
        ),
        ("lain@example.go.id", "[KaltengKop] Laporan Bidang Pemberdayaan Usaha Kecil 2026 TW II terlambat"),
        (
            "lain@example.go.id",
            "[KaltengKop] Laporan Bidang Pemberdayaan Usaha Kecil 2026 TW III jatuh tempo 14-10-2026",
        ),
        (
            "staf@example.go.id",
            "[KaltengKop] Laporan Bidang Pemberdayaan dan Pengembangan Koperasi 2026 TW III "
            "jatuh tempo 14-10-2026",
        ),
    ]
    late = next(m for m in mail.outbox if "terlambat" in m.subject)
    # TW II ended on 30 June; ten working days later is 14 July.
    assert "jatuh tempo pada 14-07-2026" in late.body and "hari kerja" in late.body
    assert "/entri/usaha-kecil/2026/2/" in late.body


def test_running_twice_sends_each_reminder_once(calendar):
    submitted_days_ago(calendar, 6)
    call_command("send_reminders", stdout=StringIO())
    first = len(mail.outbox)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert first == 4 and len(mail.outbox) == 4
    assert Reminder.objects.count() == 4
    assert "0 pengingat dikirim." in out.getvalue()


def test_the_head_is_not_reminded_before_the_set_number_of_days(calendar, settings):
    settings.APPROVAL_REMINDER_DAYS = 5
    submitted_days_ago(calendar, 4)
    call_command("send_reminders", stdout=StringIO())
    assert not any(message.to == ["kadis@example.go.id"] for message in mail.outbox)


def test_nothing_is_sent_while_the_due_date_is_still_far(calendar, today):
    today(datetime.date(2026, 10, 5))  # seven working days before 14 October
    call_command("send_reminders", stdout=StringIO())
    assert all("jatuh tempo" not in message.subject for message in mail.outbox)


def test_the_command_says_to_whom_and_when_each_reminder_went(calendar):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    reminder = Reminder.objects.get(kind=ReminderKind.DUE_SOON, recipient__username="staf")
    line = next(line for line in out.getvalue().splitlines() if "staf@example.go.id" in line)
    assert line.startswith(timezone.localtime(reminder.sent_at).isoformat(timespec="seconds")[:16])
    assert "due_soon → staf <staf@example.go.id> koperasi 2026 TW3" in line


def test_a_reminder_whose_mail_fails_is_sent_again_on_the_next_run(calendar, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr("targets.reminders.send_mail", refuse)
    with pytest.raises(OSError):
        call_command("send_reminders", stdout=StringIO())
    assert Reminder.objects.count() == 0
    monkeypatch.undo()
    call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 3


def test_a_dry_run_sends_nothing(calendar):
    out = StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert mail.outbox == [] and Reminder.objects.count() == 0
    assert "late → staf.lain <lain@example.go.id> usaha-kecil 2026 TW2" in out.getvalue()


@pytest.mark.parametrize("extra_bureaus", [0, 6])
def test_the_reminders_due_are_found_in_a_fixed_number_of_queries(
    calendar, django_assert_num_queries, extra_bureaus
):
    for i in range(extra_bureaus):
        extra = Bureau.objects.create(code=f"bidang-{i}", name=f"Bidang {i}", order=10 + i)
        Indicator.objects.create(
            code=f"seri-{i}", name=f"Seri {i}", bureau=extra, unit=Unit.UNIT, aggregation=Aggregation.SUM
        )
        User.objects.create_user(f"staf-{i}", role=Role.STAFF, bureau=extra, email=f"staf-{i}@example.go.id")
    # the first year with a target, the bureaus, the realizations' states, the workflow log, the planners'
    # due dates, the recipients, the regency figures waiting for review, the reminders already sent
    with django_assert_num_queries(8):
        planned = planned_reminders(FRIDAY_BEFORE_TW3_IS_DUE, timezone.now())
    # Each extra bureau: TW I and TW II late, TW III due soon.
    assert len(planned) == 3 + 3 * extra_bureaus
