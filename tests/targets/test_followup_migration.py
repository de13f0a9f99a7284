"""Migration 0009: each free-text tindak lanjut becomes an open follow-up, and back again."""

import datetime
import importlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from targets.choices import Role

migration = importlib.import_module("targets.migrations.0011_tindak_lanjut_to_follow_ups")

BEFORE = [("targets", "0010_kalimantan_tengah_regions")]
AFTER = [("targets", "0011_tindak_lanjut_to_follow_ups")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_written_tindak_lanjut_becomes_an_open_follow_up_and_comes_back_on_reversal(transactional_db):
    old = _migrate(BEFORE)
    bureau = old.get_model("targets", "Bureau").objects.create(code="koperasi", name="Bidang Koperasi")
    indicator = old.get_model("targets", "Indicator").objects.create(
        code="volume", name="Volume", bureau=bureau
    )
    staff = old.get_model("targets", "User").objects.create(username="staf", role=Role.STAFF, bureau=bureau)
    realizations = old.get_model("targets", "Realization").objects
    realizations.create(
        indicator=indicator,
        year=2025,
        quarter=4,
        value=1,
        kendala="Harga turun.",
        tindak_lanjut=" Temu bisnis. ",
        updated_by=staff,
    )
    realizations.create(indicator=indicator, year=2025, quarter=3, value=1, tindak_lanjut="  ")

    new = _migrate(AFTER)
    follow_up = new.get_model("targets", "FollowUp").objects.get()
    assert (follow_up.year, follow_up.quarter, follow_up.action, follow_up.kendala) == (
        2025,
        4,
        "Temu bisnis.",
        "Harga turun.",
    )
    assert follow_up.pic == "Bidang Koperasi"
    assert follow_up.due_date == datetime.date(2026, 3, 31)  # the last day of the following quarter
    assert follow_up.status == "open" and follow_up.created_by_id == staff.pk

    reverted = _migrate(BEFORE)
    texts = dict(reverted.get_model("targets", "Realization").objects.values_list("quarter", "tindak_lanjut"))
    assert texts[4] == "Temu bisnis."
    assert not reverted.get_model("targets", "FollowUp").objects.exists()
    # The tests after this one need the schema as it is now.
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("targets"))


def test_the_due_date_is_the_end_of_the_following_quarter():
    assert migration.next_quarter_end(2025, 3) == datetime.date(2025, 12, 31)
    assert migration.next_quarter_end(2025, 4) == datetime.date(2026, 3, 31)
