"""Every screen of the app, with the people who open it: the accessibility and layout checks walk
this list. A new page is one more `Screen` here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from reports.models import Meeting, StoredSummary
from targets import version
from targets.models import FollowUp, Indicator
from targets.regional_reads import current_period
from tests.meeting_data import record

HEAD = "kadis"
PLANNER = "perencana"
STAFF = "staf.koperasi"
OPERATOR = "operator.palangkaraya"
ROLES = (HEAD, PLANNER, STAFF, OPERATOR)
# The regency operator's own pages are listed for the operator; every other page is walked by the others.
EVERYONE = frozenset({HEAD, PLANNER, STAFF})

# A phone held upright and an office laptop.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}


@dataclass(frozen=True)
class Screen:
    name: str
    # A path, or a function of nothing that finds it in the demo data once it is loaded.
    path: str | object
    roles: frozenset = EVERYONE

    def url(self) -> str:
        return self.path() if callable(self.path) else self.path


def _admin_change(code):
    return lambda: reverse("admin:targets_indicator_change", args=[Indicator.objects.get(code=code).pk])


def _meeting():
    """The demo has no meeting: the first screen that shows one records it."""
    return Meeting.objects.first() or record()


def _meeting_page(view):
    return lambda: reverse(view, args=[_meeting().pk])


def _now():
    return current_period(timezone.localdate())


def _region_entry():
    return reverse("targets:region_entry", args=["62.71", *_now()])


def _region_review():
    return reverse("targets:region_review", args=["kelembagaan", *_now()])


def _follow_up(action):
    return lambda: FollowUp.objects.get(action__startswith=action).get_absolute_url()


def _summary_being_built():
    """The bureau's summary PDF queued for the worker, with a copy of an older data version to offer."""
    current = version.current()
    for language in ("id", "en"):
        key = {"language": language, "year": 2025, "quarter": 4, "scope": "koperasi"}
        StoredSummary.objects.get_or_create(
            version=max(current - 1, 0),
            **key,
            defaults={"status": StoredSummary.Status.DONE, "size": 48_000, "built_at": timezone.now()},
        )
        StoredSummary.objects.get_or_create(version=current, **key)
    return f"{reverse('reports:summary_pdf')}?tahun=2025&tw=4&bidang=koperasi"


# The login page is opened before anyone logs in.
LOGIN = Screen("login", "/masuk/", frozenset())

SCREENS = [
    Screen("dashboard", "/"),
    Screen("dashboard filtered by bureau", "/?tahun=2025&tw=3&bidang=usaha-kecil"),
    # One kabupaten/kota's figures, and the indicators only the province reports listed apart.
    Screen("dashboard filtered by regency", "/?tahun=2025&tw=4&wilayah=62.71"),
    Screen("dashboard, unknown regency", "/?tahun=2025&tw=4&wilayah=99.99", frozenset({HEAD})),
    Screen("bureau page", "/bidang/koperasi/?tahun=2025&tw=4"),
    Screen("cumulative indicator", "/indikator/wirausaha-baru/?tahun=2025"),
    # Reported by region in the demo data: the regency table and chart.
    Screen("bureau page with regencies", "/bidang/usaha-kecil/?tahun=2025&tw=4"),
    Screen("a bureau's regency page", "/bidang/usaha-kecil/kabupaten-kota/?tahun=2025&tw=4"),
    Screen("indicator by regency, a quarter", "/indikator/koperasi-produsen/?tahun=2025&tw=2"),
    Screen("ratio indicator", "/indikator/rasio-volume-pdrb/?tahun=2025"),
    Screen("entry overview", "/entri/?tahun=2025"),
    # Open for the bureau's staff: the editable form.
    Screen("entry form, open", "/entri/koperasi/2026/1/"),
    # Submitted in the demo data: the head's approve and return buttons.
    Screen("entry form, submitted", "/entri/koperasi/2025/4/"),
    Screen("import", "/entri/koperasi/impor/", frozenset({STAFF})),
    Screen("missing reports", "/entri/belum-diajukan/?tahun=2025", frozenset({HEAD, PLANNER})),
    Screen("admin index", "/admin/", frozenset({PLANNER})),
    Screen("admin indicator list", "/admin/targets/indicator/", frozenset({PLANNER})),
    Screen("admin indicator form", _admin_change("wirausaha-baru"), frozenset({PLANNER})),
    Screen("admin target list", "/admin/targets/target/", frozenset({PLANNER})),
    Screen("admin region list", "/admin/targets/region/", frozenset({PLANNER})),
    Screen("target list", "/target/?tahun=2026", frozenset({HEAD, PLANNER})),
    # Reported by region: the planner's table of regency targets, and the head's read-only one.
    Screen("target form", "/target/wirausaha-baru/2026/", frozenset({PLANNER})),
    Screen("regency targets, read only", "/target/koperasi-produsen/2025/", frozenset({HEAD})),
    Screen("target import", "/target/impor/", frozenset({PLANNER})),
    Screen("worklist", "/entri/kerja/"),
    Screen("approval check", "/entri/koperasi/2025/4/setujui/periksa/", frozenset({HEAD})),
    Screen("meetings", "/rapat/"),
    Screen("meeting form", "/rapat/baru/", frozenset({PLANNER})),
    Screen("meeting snapshot", _meeting_page("reports:meeting")),
    Screen("dashboard as at a meeting", lambda: f"{reverse('reports:dashboard')}?rapat={_meeting().pk}"),
    Screen("follow-up list", "/tindak-lanjut/?status=semua"),
    Screen("follow-up record", "/tindak-lanjut/baru/"),
    # The demo's follow-up in progress: its reports, and the update form for the head and the bureau.
    Screen("follow-up page", _follow_up("Pendampingan akses pasar")),
    # The demo operator's regency in the current quarter, and the figure the demo leaves for review.
    Screen("regency entry", _region_entry, frozenset({OPERATOR})),
    Screen("regency import", lambda: reverse("targets:region_import", args=["62.71"]), frozenset({OPERATOR})),
    Screen("regency entry, a quarter accepted", "/entri/wilayah/62.71/2025/4/", frozenset({OPERATOR})),
    Screen("regency review", _region_review, frozenset({HEAD, PLANNER})),
    Screen("summary PDF being built", _summary_being_built),
]


def screens_for(role: str) -> list[Screen]:
    return [screen for screen in SCREENS if role in screen.roles]
