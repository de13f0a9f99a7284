import pytest
from django.urls import reverse

from targets.models import Bureau, User
from targets.workflow import load_quarter


@pytest.fixture
def log_in_as(client):
    """Log the test client in as one of the demo accounts."""

    def log_in(username):
        client.force_login(User.objects.get(username=username))
        return client

    return log_in


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def entry_url(bureau="koperasi", year=2026, quarter=1, action="entry"):
    return reverse(f"targets:{action}", args=[bureau, year, quarter])


def entry_data(values, bureau="koperasi", year=2026, quarter=1, button="save", version=None):
    """What the entry form posts: each series' fields under its code, and the version it was opened at."""
    if version is None:
        version = load_quarter(Bureau.objects.get(code=bureau), year, quarter).version
    data = {"version": version, button: "1"}
    for code, fields in values.items():
        if not isinstance(fields, dict):
            fields = {"value": fields}
        for name, value in fields.items():
            data[f"{code}-{name}"] = value
    return data
