"""The data version goes up with every write that changes what a page shows, and only then."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from targets import version
from targets.choices import Role
from targets.models import Indicator, Region, User


def test_a_write_raises_the_version_and_a_read_does_not(demo):
    before = version.current()
    list(Indicator.objects.all())
    assert version.current() == before

    indicator = Indicator.objects.first()
    indicator.name = indicator.name + " (diubah)"
    indicator.save()
    assert version.current() == before + 1


def test_a_rolled_back_write_leaves_the_version_as_it_was(demo):
    before = version.current()
    indicator = Indicator.objects.first()
    with pytest.raises(RuntimeError), transaction.atomic():
        indicator.baseline = Decimal("1")
        indicator.save()
        raise RuntimeError
    assert version.current() == before


def test_logging_a_user_in_changes_nothing_the_pages_show(demo, client):
    before = version.current()
    client.force_login(User.objects.get(username="kadis"))
    client.get("/")
    assert version.current() == before


def test_a_regency_operator_needs_a_regency(db):
    with pytest.raises(IntegrityError):
        User.objects.create_user("operator.tanpa.wilayah", password="x", role=Role.OPERATOR)


def test_a_regency_operator_belongs_to_one_regency(db):
    city = Region.objects.get(code="62.71")
    operator = User.objects.create_user(
        "operator.palangkaraya", password="x", role=Role.OPERATOR, region=city
    )
    assert operator.groups.get().name == "Operator kabupaten/kota"
