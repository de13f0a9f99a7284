"""Every way of writing what the pages show raises the data version, including the writes that send
no save signal (bulk inserts, data migrations)."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from reports import synthetic
from targets import followups, planning, version, workflow
from targets.choices import FollowUpStatus, Role
from targets.models import Indicator, User
from targets.workflow import RowChange
from tests.meeting_data import record


@pytest.fixture
def graduations(bureau):
    return Indicator.objects.create(code="naik-kelas", name="Usaha mikro naik kelas", bureau=bureau)


@pytest.fixture
def raised():
    """Call after a write: asserts that the version went up since the fixture was set up, and resets."""
    seen = [version.current()]

    def check():
        now = version.current()
        assert now > seen[0]
        seen[0] = now

    return check


def test_saving_submitting_approving_and_reopening_a_quarter_each_raise_the_version(
    bureau, graduations, staff, raised
):
    head = User.objects.create_user("kepala.dinas", password="x", role=Role.HEAD)
    change = RowChange(graduations, 2026, 1, Decimal(120), seen=0)
    workflow.write_realizations(bureau, staff, [change])
    raised()
    workflow.submit(bureau, 2026, 1, staff)
    raised()
    workflow.approve(bureau, 2026, 1, head)
    raised()
    workflow.reopen(bureau, 2026, 1, head, "Angka perlu diperiksa ulang.")
    raised()


def test_setting_a_target_raises_the_version(graduations, raised):
    figures = planning.TargetFigures(value=Decimal(800), quarterly={}, source="Rakortek 2025")
    planning.save_target(graduations, 2026, figures, "Target awal.", None)
    raised()


def test_agreeing_and_updating_a_follow_up_raise_the_version(graduations, staff, raised):
    due = datetime.date(2026, 6, 30)
    follow_up = followups.create(
        staff, graduations, 2026, 1, action="Pendampingan.", pic="Kabid", due_date=due
    )
    raised()
    followups.update(
        staff, follow_up, status=FollowUpStatus.IN_PROGRESS, status_note="", pic="Kabid", due_date=due
    )
    raised()


def test_the_synthetic_data_set_raises_the_version_after_its_bulk_inserts(db, raised):
    synthetic.build(4, first_year=2025, years=1)
    raised()


def test_migrate_raises_the_version_for_what_data_migrations_wrote(db, raised):
    call_command("migrate", verbosity=0)
    raised()


def test_seeding_the_demo_and_recording_a_meeting_raise_the_version(db, media, raised):
    call_command("seed_demo", verbosity=0)
    raised()
    record()
    raised()
