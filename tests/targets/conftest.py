import pytest
from django.urls import reverse

from targets.choices import Aggregation, Role, Unit
from targets.entry import load_quarter
from targets.forms import RealizationForm
from targets.models import Bureau, Indicator, Region, User


@pytest.fixture
def log_in_as(client):
    """Log the test client in as one of the demo accounts."""

    def log_in(username):
        client.force_login(User.objects.get(username=username))
        return client

    return log_in


def entry_url(bureau="koperasi", year=2026, quarter=1, action="entry"):
    return reverse(f"targets:{action}", args=[bureau, year, quarter])


def opened_fields(bureau="koperasi", year=2026, quarter=1):
    """The hidden fields of an entry form opened now: each row's version and a digest of its figures."""
    fields = {}
    for row in load_quarter(Bureau.objects.get(code=bureau), year, quarter).rows:
        form = RealizationForm(row=row)
        fields[form.add_prefix("version")] = form.initial["version"]
        fields[form.add_prefix("opened")] = form.initial["opened"]
    return fields


def entry_data(values, bureau="koperasi", year=2026, quarter=1, button="save", opened=None):
    """What the entry form posts: each series' fields under its code, and the form as it was opened."""
    if opened is None:
        opened = opened_fields(bureau, year, quarter)
    data = {**opened, button: "1"}
    for code, fields in values.items():
        if not isinstance(fields, dict):
            fields = {"value": fields}
        for name, value in fields.items():
            data[f"{code}-{name}"] = value
    return data


# Three indicators of the Rakortek kinds, in the `bureau` fixture's bureau.
@pytest.fixture
def graduations(bureau):
    """A sum indicator counted in whole units."""
    return Indicator.objects.create(
        code="mikro-naik-kelas",
        name="Usaha mikro naik kelas",
        bureau=bureau,
        unit=Unit.UNIT,
        aggregation=Aggregation.SUM,
    )


@pytest.fixture
def entrepreneurs(bureau):
    """A cumulative indicator of the plan period 2025–2026."""
    return Indicator.objects.create(
        code="wirausaha-baru",
        name="Wirausaha baru",
        bureau=bureau,
        unit=Unit.ORANG,
        aggregation=Aggregation.CUMULATIVE,
        period_start=2025,
        period_end=2026,
    )


@pytest.fixture
def entrepreneurship(bureau):
    """A level indicator in percent."""
    return Indicator.objects.create(
        code="rasio-kewirausahaan",
        name="Rasio kewirausahaan",
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
    )


@pytest.fixture
def palangka_raya(db):
    return Region.objects.get(code="62.71")


@pytest.fixture
def operator(palangka_raya):
    """The operator of Kota Palangka Raya."""
    return User.objects.create_user("operator", password="x", role=Role.OPERATOR, region=palangka_raya)
