import pytest
from django.core.management import call_command
from django.utils import timezone

from targets.choices import Aggregation, Role, Unit
from targets.models import Bureau, Indicator, User
from tests.meeting_data import record


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _demo_data_allowed(settings):
    """The test runner turns DEBUG off; the demo data is still wanted here."""
    settings.DEMO_DATA_ALLOWED = True


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test starts with an empty cache of its own, in memory whatever the database."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    from django.core.cache import cache

    from reports.cache import forget_shared

    cache.clear()
    forget_shared()


@pytest.fixture
def demo(db):
    """The demo data of `seed_demo`: the Rakortek 2025 figures and one account per role."""
    call_command("seed_demo", verbosity=0)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded and stored files (evidence, meeting and summary PDFs) go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def recorded_meeting(demo, media):
    """A planner's record of a meeting on 2025 TW III, over the demo data."""
    return record()


@pytest.fixture
def bureau(db):
    return Bureau.objects.create(code="koperasi", name="Bidang Pemberdayaan dan Pengembangan Koperasi")


@pytest.fixture
def cooperatives(bureau):
    """The number of active cooperatives, a level counted by each kabupaten/kota."""
    return Indicator.objects.create(
        code="koperasi-aktif",
        name="Jumlah koperasi aktif",
        bureau=bureau,
        unit=Unit.UNIT,
        aggregation=Aggregation.LEVEL,
        by_region=True,
    )


@pytest.fixture
def other_bureau(db):
    return Bureau.objects.create(code="usaha-kecil", name="Bidang Pemberdayaan Usaha Kecil")


@pytest.fixture
def new_entrepreneurs(bureau):
    """New entrepreneurs, counted by each kabupaten/kota and added up over the plan period 2024–2026."""
    return Indicator.objects.create(
        code="wirausaha-baru",
        name="Wirausaha baru",
        bureau=bureau,
        unit=Unit.ORANG,
        aggregation=Aggregation.CUMULATIVE,
        period_start=2024,
        period_end=2026,
        by_region=True,
    )


@pytest.fixture
def head(db):
    return User.objects.create_user("kepala", password="x", role=Role.HEAD)


@pytest.fixture
def planner(db):
    return User.objects.create_user("perencana", password="x", role=Role.PLANNER, is_staff=True)


@pytest.fixture
def staff(bureau):
    return User.objects.create_user("staf", password="x", role=Role.STAFF, bureau=bureau)


@pytest.fixture
def other_staff(other_bureau):
    return User.objects.create_user("staf.lain", password="x", role=Role.STAFF, bureau=other_bureau)


@pytest.fixture
def today(monkeypatch):
    """Set the date the app takes as today: `today(datetime.date(2026, 11, 28))`."""
    real = timezone.localdate

    def set_today(day):
        def localdate(value=None, timezone=None):
            return day if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    return set_today
