from decimal import Decimal as D

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from targets.choices import Aggregation, Category, Role, Status
from targets.management.commands.seed_demo import DEMO_PASSWORD, MEETING
from targets.models import Bureau, Indicator, Realization, Target, User


def snapshot():
    return {
        "bureaus": list(Bureau.objects.values_list("code", "name")),
        "indicators": list(Indicator.objects.values_list("code", "aggregation", "bureau__code")),
        "targets": list(Target.objects.values_list("indicator__code", "year", "value", "source")),
        "realizations": list(
            Realization.objects.values_list(
                "indicator__code", "year", "quarter", "value", "status", "updated_at"
            )
        ),
        "users": list(User.objects.values_list("username", "role", "password")),
        "history": Realization.history.count() + Target.history.count(),
    }


def test_running_it_twice_changes_nothing(demo):
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first


def test_it_loads_the_meetings_figures(demo):
    assert Indicator.objects.targeted().count() == 8
    assert Indicator.objects.get(code="koperasi-produsen").baseline_value == D(1311)
    meeting = {
        (code, year): value
        for code, year, value in Target.objects.filter(source=MEETING).values_list(
            "indicator__code", "year", "value"
        )
    }
    assert meeting[("volume-usaha-produksi", 2025)] == D(222_000_000_000)
    assert meeting[("rasio-volume-pdrb", 2026)] == D("1.12")
    assert meeting[("partisipasi-berkoperasi", 2025)] == D(10)
    assert meeting[("proporsi-ukm", 2025)] == D("3.84")
    assert meeting[("mikro-naik-kelas", 2025)] == D(800)
    assert meeting[("rasio-kewirausahaan", 2026)] == D("3.81")
    assert meeting[("wirausaha-baru", 2026)] == D(2872)
    # Every other target is demo fill, and says so.
    assert not Target.objects.exclude(source=MEETING).exclude(source__icontains="demo").exists()


def test_every_indicator_has_targets_for_2025_and_2026(demo):
    for indicator in Indicator.objects.targeted():
        assert {2025, 2026} <= set(indicator.targets.values_list("year", flat=True))


def test_every_demo_indicator_has_a_starting_point_for_its_2025_path(demo):
    """Last year's target, a baseline, or the start of a cumulative plan period: no path is flat."""
    for indicator in Indicator.objects.targeted():
        has_start = (
            indicator.aggregation == Aggregation.SUM
            or indicator.targets.filter(year=2024).exists()
            or indicator.baseline_value is not None
            or indicator.period_start == 2025
        )
        assert has_start, indicator.code


def test_realizations_come_in_mixed_states(demo):
    statuses = set(Realization.objects.filter(year=2025).values_list("status", flat=True))
    assert {Status.APPROVED, Status.SUBMITTED, Status.RETURNED} <= statuses
    assert Realization.objects.filter(status=Status.RETURNED).count() == 1


def test_every_category_appears_in_2025(demo):
    from targets.readmodel import build_rows

    categories = {row.official.category for row in build_rows(2025, 4)}
    assert categories == set(Category)


def test_one_demo_account_per_role_with_the_demo_password(demo):
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role)
    for bureau in Bureau.objects.all():
        assert User.objects.filter(role=Role.STAFF, bureau=bureau).exists()
    login = RequestFactory().post("/masuk/")
    assert authenticate(login, username="kadis", password=DEMO_PASSWORD) is not None


def test_it_says_what_it_loaded_and_stays_quiet_when_asked(db):
    from io import StringIO

    loud, quiet = StringIO(), StringIO()
    call_command("seed_demo", stdout=loud)
    call_command("seed_demo", "--if-empty", verbosity=0, stdout=quiet)
    assert "Data demo siap: 4 bidang, 8 indikator" in loud.getvalue()
    assert "kaltengkop-demo" in loud.getvalue()
    assert quiet.getvalue() == ""
