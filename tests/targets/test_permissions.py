"""Who may do what, on every entry and approval URL, including requests crafted by hand.

The ladder: anonymous → the login page; logged in but not allowed to change → 403; an unknown
bureau or period → 404; the right role → the page or the change.
"""

import io

import pytest
import tablib
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from targets import sheet
from targets.models import Realization, User, WorkflowStep
from tests.targets.conftest import entry_data

ROLES = ["anonymous", "staf.koperasi", "staf.usahakecil", "kadis", "perencana", "admin"]
LOGIN = "login"
OWN_STAFF = {"staf.koperasi"}
HEAD = {"kadis"}
OVERSEERS = {"kadis", "perencana", "admin"}
EVERYONE = set(ROLES) - {"anonymous"}


def _url(name, *args):
    return lambda: reverse(f"targets:{name}", args=args)


def _entry(values, year=2026, quarter=1, button="save"):
    return lambda: entry_data(values, year=year, quarter=quarter, button=button)


def _sheet():
    data = tablib.Dataset(headers=sheet.HEADERS)
    data.append(["volume-usaha-produksi", "", "", 2026, 60_000_000_000, *[""] * (len(sheet.HEADERS) - 5)])
    return {"sheet": SimpleUploadedFile("koperasi.csv", data.export("csv").encode())}


NEW_FIGURES = {"volume-usaha-produksi": "60.000.000.000", "volume-usaha-koperasi": "530.000.000.000"}

# name: (method, url, data, roles that succeed, status on success)
CASES = {
    "overview": ("get", _url("overview"), None, EVERYONE, 200),
    "missing": ("get", _url("missing"), None, OVERSEERS, 200),
    "entry form": ("get", _url("entry", "koperasi", 2026, 1), None, EVERYONE, 200),
    "save a draft": ("post", _url("entry", "koperasi", 2026, 1), _entry(NEW_FIGURES), OWN_STAFF, 302),
    "submit": (
        "post",
        _url("entry", "koperasi", 2026, 1),
        _entry(NEW_FIGURES, button="submit"),
        OWN_STAFF,
        302,
    ),
    "change a submitted quarter": (
        "post",
        _url("entry", "koperasi", 2025, 4),
        _entry({"volume-usaha-produksi": "1"}, year=2025, quarter=4),
        set(),
        None,
    ),
    "change an approved quarter": (
        "post",
        _url("entry", "koperasi", 2025, 3),
        _entry({"volume-usaha-produksi": "1"}, year=2025, quarter=3),
        set(),
        None,
    ),
    "approve": ("post", _url("approve", "koperasi", 2025, 4), lambda: {}, HEAD, 302),
    "return": (
        "post",
        _url("return", "koperasi", 2025, 4),
        lambda: {"return-reason": "Kurang data."},
        HEAD,
        302,
    ),
    "reopen": ("post", _url("reopen", "koperasi", 2025, 3), lambda: {"reopen-reason": "Koreksi."}, HEAD, 302),
    "import page": ("get", _url("import", "koperasi"), None, OWN_STAFF, 200),
    "import a file": ("post", _url("import", "koperasi"), _sheet, OWN_STAFF, 302),
}


# The bureau's own staff may post to their locked quarter (a colleague may have submitted it while
# they typed): the form answers 409 with the reason, keeps their figures and changes nothing.
LOCKED_FOR_OWN_STAFF = {"change a submitted quarter", "change an approved quarter"}


def _snapshot():
    return (
        sorted(Realization.objects.values_list("indicator__code", "year", "quarter", "value", "status")),
        WorkflowStep.objects.count(),
    )


def _client_for(client, role):
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES)
def test_every_role_on_every_entry_and_approval_url(client, demo, media, case, role):
    method, url, data, allowed, success = CASES[case]
    _client_for(client, role)
    before = _snapshot()
    response = getattr(client, method)(url(), data() if data else None)

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse(LOGIN))
    elif role in allowed:
        assert response.status_code == success
    elif case in LOCKED_FOR_OWN_STAFF and role in OWN_STAFF:
        assert response.status_code == 409
    else:
        assert response.status_code == 403
    if method == "post":
        changed = _snapshot() != before
        assert changed == (role in allowed)


@pytest.mark.parametrize("action", ["approve", "return", "reopen"])
def test_the_heads_steps_answer_only_to_post(client, demo, action):
    _client_for(client, "kadis")
    response = client.get(reverse(f"targets:{action}", args=["koperasi", 2025, 4]))
    assert response.status_code == 405


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize(
    "url",
    [
        "/entri/tidak-ada/2026/1/",
        "/entri/koperasi/2026/5/",
        "/entri/koperasi/1999/1/",
        "/entri/tidak-ada/impor/",
        "/entri/bukti/999999/",
        "/entri/tidak-ada/2025/4/setujui/",
    ],
)
def test_an_unknown_bureau_period_or_file_is_not_found(client, demo, role, url):
    _client_for(client, role)
    method = client.post if url.endswith("setujui/") else client.get
    assert method(url).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_evidence_is_downloaded_only_by_logged_in_users(client, demo, media, role):
    realization = Realization.objects.get(indicator__code="volume-usaha-produksi", year=2025, quarter=4)
    realization.evidence.save("rekap.pdf", ContentFile(b"%PDF-1.4 rekap"))
    _client_for(client, role)
    response = client.get(reverse("targets:evidence", args=[realization.pk]))
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith(reverse(LOGIN))
        return
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 rekap"
    assert 'attachment; filename="rekap.pdf"' in response["Content-Disposition"]


def test_media_files_are_not_served_from_a_public_url(client, demo, media):
    realization = Realization.objects.get(indicator__code="volume-usaha-produksi", year=2025, quarter=4)
    realization.evidence.save("rekap.pdf", ContentFile(b"%PDF-1.4 rekap"))
    _client_for(client, "kadis")
    assert client.get(f"/media/{realization.evidence.name}").status_code == 404


def test_staff_importing_another_bureaus_series_change_nothing(client, demo):
    _client_for(client, "staf.usahakecil")
    data = tablib.Dataset(headers=sheet.HEADERS)
    data.append(["volume-usaha-produksi", "", "", 2026, 60_000_000_000, *[""] * (len(sheet.HEADERS) - 5)])
    before = _snapshot()
    response = client.post(
        reverse("targets:import", args=["usaha-kecil"]),
        {"sheet": SimpleUploadedFile("x.csv", io.BytesIO(data.export("csv").encode()).read())},
    )
    assert response.status_code == 200
    assert "Bukan data bidang Bidang Pemberdayaan Usaha Kecil." in response.content.decode()
    assert _snapshot() == before
