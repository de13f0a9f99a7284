"""`manage.py send_reminders` for the kabupaten/kota: operators are reminded of their regency's figures
still to send, a bureau's staff of the regency figures waiting for their review."""

import datetime
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from targets.choices import Aggregation, RegionalStatus, RegionKind, ReminderKind, Role, Unit
from targets.models import Indicator, Region, RegionalRealization, Reminder, User
from targets.reminders import planned_reminders

FRIDAY_BEFORE_TW3_IS_DUE = datetime.date(2026, 10, 9)  # TW III 2026 is due on 14 October


def figure(series, code, quarter, status, reason=""):
    return RegionalRealization.objects.create(
        indicator=series,
        region=Region.objects.get(code=code),
        year=2026,
        quarter=quarter,
        value=D(3),
        status=status,
        reason=reason,
    )


@pytest.fixture
def regencies(bureau, other_bureau, staff, today):
    """Two series reported by region, one per bureau. Kota Palangka Raya has sent only part of TW I and
    TW II (one figure returned); Kotawaringin Barat has sent both quarters, waiting for review."""
    today(FRIDAY_BEFORE_TW3_IS_DUE)
    staff.email = "staf@example.go.id"
    staff.save()
    series = {}
    for b, code in ((bureau, "anggota"), (other_bureau, "wirausaha")):
        series[b.code] = Indicator.objects.create(
            code=code,
            name=code.capitalize(),
            bureau=b,
            unit=Unit.ORANG,
            aggregation=Aggregation.SUM,
            by_region=True,
        )
    cooperatives, entrepreneurs = series["koperasi"], series["usaha-kecil"]
    figure(cooperatives, "62.71", 1, RegionalStatus.SUBMITTED)
    figure(cooperatives, "62.71", 2, RegionalStatus.RETURNED, reason="Jumlah anggota tertukar dengan TW I.")
    figure(entrepreneurs, "62.71", 2, RegionalStatus.ACCEPTED)
    for s in series.values():
        for quarter in (1, 2):
            figure(s, "62.01", quarter, RegionalStatus.SUBMITTED)
    for username, code, email in (
        ("operator.palangkaraya", "62.71", "op@palangkaraya.go.id"),
        ("operator.kobar", "62.01", "op@kobar.go.id"),
        ("operator.tanpa.surel", "62.71", ""),
    ):
        User.objects.create_user(
            username, role=Role.OPERATOR, region=Region.objects.get(code=code), email=email
        )
    User.objects.create_user(
        "operator.nonaktif",
        role=Role.OPERATOR,
        region=Region.objects.get(code="62.71"),
        email="lama@palangkaraya.go.id",
        is_active=False,
    )
    return series


def received(to):
    return sorted(message.subject for message in mail.outbox if message.to == [to])


def test_an_operator_is_reminded_per_bureau_before_the_due_date_and_when_late(regencies):
    call_command("send_reminders", stdout=StringIO())
    koperasi, usaha_kecil = "Bidang Pemberdayaan dan Pengembangan Koperasi", "Bidang Pemberdayaan Usaha Kecil"
    assert received("op@palangkaraya.go.id") == [
        f"[KaltengKop] Angka Kota Palangka Raya 2026 TW I untuk {usaha_kecil} terlambat",
        f"[KaltengKop] Angka Kota Palangka Raya 2026 TW II untuk {koperasi} terlambat",
        f"[KaltengKop] Angka Kota Palangka Raya 2026 TW III untuk {usaha_kecil} jatuh tempo 14-10-2026",
        f"[KaltengKop] Angka Kota Palangka Raya 2026 TW III untuk {koperasi} jatuh tempo 14-10-2026",
    ]
    assert received("op@kobar.go.id") == [
        f"[KaltengKop] Angka Kotawaringin Barat 2026 TW III untuk {usaha_kecil} jatuh tempo 14-10-2026",
        f"[KaltengKop] Angka Kotawaringin Barat 2026 TW III untuk {koperasi} jatuh tempo 14-10-2026",
    ]
    returned = next(
        m for m in mail.outbox if "TW II untuk" in m.subject and m.to == ["op@palangkaraya.go.id"]
    )
    assert "Anggota (dikembalikan: Jumlah anggota tertukar dengan TW I.)" in returned.body
    assert "terlambat" in returned.body and "hari kerja" in returned.body
    assert "/entri/wilayah/62.71/2026/2/" in returned.body
    assert received("lama@palangkaraya.go.id") == []


def test_an_operators_reminder_goes_out_once_however_often_the_command_runs(regencies):
    call_command("send_reminders", stdout=StringIO())
    first = len(received("op@palangkaraya.go.id"))
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert first == 4 and len(received("op@palangkaraya.go.id")) == 4
    assert (
        Reminder.objects.filter(
            kind=ReminderKind.REGION_LATE, recipient__username="operator.palangkaraya"
        ).count()
        == 2
    )
    assert "0 pengingat dikirim." in out.getvalue()


def test_bureau_staff_are_reminded_of_regency_figures_that_have_waited_for_their_review(regencies, settings):
    settings.APPROVAL_REMINDER_DAYS = 5
    call_command("send_reminders", stdout=StringIO())
    assert not any("menunggu diperiksa" in subject for subject in received("staf@example.go.id"))
    RegionalRealization.objects.filter(status=RegionalStatus.SUBMITTED).update(
        updated_at=timezone.now() - datetime.timedelta(days=6)
    )
    call_command("send_reminders", stdout=StringIO())
    waiting = [m for m in mail.outbox if "menunggu diperiksa" in m.subject]
    assert sorted(m.subject for m in waiting) == [
        "[KaltengKop] 1 angka kabupaten/kota 2026 TW II menunggu diperiksa",
        "[KaltengKop] 2 angka kabupaten/kota 2026 TW I menunggu diperiksa",
    ]
    assert all(m.to == ["staf@example.go.id"] for m in waiting)
    assert "/entri/koperasi/2026/1/kabupaten/" in next(m.body for m in waiting if "TW I " in m.subject)


def test_a_dry_run_lists_the_operators_reminders_without_sending_them(regencies):
    out = StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert mail.outbox == [] and Reminder.objects.count() == 0
    assert "region_late → operator.palangkaraya <op@palangkaraya.go.id> koperasi 2026 TW2" in out.getvalue()


@pytest.mark.parametrize("extra_regencies", [0, 14])
def test_the_regency_reminders_are_found_in_a_fixed_number_of_queries(
    regencies, django_assert_num_queries, extra_regencies
):
    province = Region.objects.get(code="62")
    for i in range(extra_regencies):
        region = Region.objects.create(
            code=f"62.{80 + i}", name=f"Kabupaten Uji {i}", kind=RegionKind.REGENCY, parent=province
        )
        User.objects.create_user(
            f"operator-{i}", role=Role.OPERATOR, region=region, email=f"op-{i}@example.go.id"
        )
    # the first year with a target, the bureaus, the realizations' states, the workflow log, the planners'
    # due dates, the recipients; the series reported by region, their figures, the approved province
    # figures, the due dates again; the regency figures waiting for review, the reminders already sent
    with django_assert_num_queries(12):
        planned = planned_reminders(FRIDAY_BEFORE_TW3_IS_DUE, timezone.now())
    operators = [p for p in planned if p.kind in (ReminderKind.REGION_LATE, ReminderKind.REGION_DUE_SOON)]
    # Each extra regency has sent nothing: TW I and II late, TW III due soon, for each of the two bureaus.
    assert len(operators) == 6 + 6 * extra_regencies
