"""What a hostile or careless client meets: throttled logins, refused bodies, strict headers."""

import logging
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import ProtectedError
from django.urls import reverse

from targets.choices import Role
from targets.models import Indicator, User


@pytest.fixture
def account(db):
    return User.objects.create_user("kepala", password="sandi-yang-benar", role=Role.HEAD)


@pytest.mark.parametrize("login_url", ["/masuk/", "/admin/login/"])
def test_the_fifth_wrong_password_locks_the_account_out_with_a_clear_message(
    client, account, login_url, caplog
):
    caplog.set_level(logging.WARNING, logger="kaltengkop.security")
    for _ in range(4):
        response = client.post(login_url, {"username": "kepala", "password": "salah"})
        assert response.status_code == 200
    assert client.post(login_url, {"username": "kepala", "password": "salah"}).status_code == 429
    locked = client.post(login_url, {"username": "kepala", "password": "sandi-yang-benar"})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Terlalu banyak percobaan masuk" in page and "15 menit" in page
    assert "_auth_user_id" not in client.session
    failures = [r for r in caplog.records if "Gagal masuk" in r.getMessage()]
    assert len(failures) >= 5 and "'kepala'" in failures[0].getMessage()
    assert any("dikunci" in r.getMessage() for r in caplog.records)


def test_a_right_password_before_the_limit_logs_in_and_forgets_the_failures(client, account):
    for _ in range(4):
        client.post("/masuk/", {"username": "kepala", "password": "salah"})
    response = client.post("/masuk/", {"username": "kepala", "password": "sandi-yang-benar"})
    assert response.status_code == 302
    client.post("/keluar/")
    for _ in range(4):
        client.post("/masuk/", {"username": "kepala", "password": "salah"})
    assert client.post("/masuk/", {"username": "kepala", "password": "sandi-yang-benar"}).status_code == 302


def test_an_oversized_body_is_refused_from_its_length_before_it_is_read(client, account, settings):
    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    for user in (None, account):
        if user is not None:
            client.force_login(user)
        limit = settings.REQUEST_MAX_MB * 1024 * 1024 if user else settings.ANONYMOUS_REQUEST_MAX_BYTES
        response = client.generic(
            "POST",
            reverse("targets:import", args=["koperasi"]),
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(limit + 1),
            **{"wsgi.input": Unreadable()},
        )
        assert response.status_code == 413
        assert "terlalu besar" in response.content.decode()


def test_every_page_carries_a_strict_policy_and_is_never_cached(client, demo):
    client.force_login(User.objects.get(username="kadis"))
    for url in ["/", "/masuk/", reverse("reports:bureau", args=["koperasi"]), "/ringkasan.pdf"]:
        response = client.get(url, follow=url == "/masuk/")
        policy = response.headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
        # No inline script or stylesheet; plotly.js's style attributes are the one allowance.
        assert "unsafe-inline" not in directives["style-src"] + directives["style-src-elem"]
        assert [name for name, value in directives.items() if "unsafe-inline" in value] == ["style-src-attr"]
        assert directives["frame-ancestors"] == "'none'"
        cache = response.headers["Cache-Control"]
        assert "private" in cache and "no-store" in cache


def test_sessions_end_with_the_browser_and_after_a_working_day(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_a_refused_request_is_logged_in_one_line_without_a_traceback(client, demo, caplog):
    client.force_login(User.objects.get(username="staf.usahakecil"))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(reverse("targets:entry", args=["koperasi", 2025, 4]), {"save": "1"})
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    (console,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    assert console.filter(record)
    printed = console.format(record)
    assert printed.startswith("Forbidden") and "\n" not in printed and "Traceback" not in printed


def test_a_server_error_keeps_its_traceback_in_the_log():
    (console,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    try:
        raise RuntimeError("rusak")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", (), sys.exc_info()
        )
    record.status_code = 500
    assert console.filter(record)
    assert "Traceback" in console.format(record)


def test_healthz_answers_for_the_load_balancer_without_a_login(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_createsuperuser_makes_the_first_administrator(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Sandi-panjang-untuk-admin-1")
    call_command("createsuperuser", "--no-input", username="pertama", email="admin@example.go.id")
    admin = User.objects.get(username="pertama")
    assert admin.role == Role.ADMIN and admin.is_superuser and admin.is_staff
    assert list(admin.groups.values_list("name", flat=True)) == ["Administrator"]


def test_the_roles_permissions_come_from_the_migrations_not_the_demo(db):
    planner = User.objects.create_user("perencana.baru", password="x", role=Role.PLANNER)
    assert planner.is_staff
    assert planner.has_perm("targets.change_indicator")
    assert not planner.has_perm("targets.change_realization")
    staff_member = User.objects.create_user("staf.baru", password="x", role=Role.HEAD)
    assert not staff_member.is_staff and not staff_member.has_perm("targets.change_indicator")
    planner.role = Role.HEAD
    planner.save()
    assert not planner.is_staff
    assert list(planner.groups.values_list("name", flat=True)) == ["Kepala Dinas"]


def test_the_demo_refuses_to_load_on_a_server_unless_asked_by_name(db, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA=true"):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()


def test_a_user_on_record_is_deactivated_never_deleted(client, demo):
    staff_member = User.objects.get(username="staf.koperasi")
    with pytest.raises(ProtectedError):
        staff_member.delete()
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    response = client.post(
        reverse("admin:targets_user_delete", args=[staff_member.pk]), {"post": "yes"}, follow=True
    )
    assert "Nonaktifkan akunnya saja" in response.content.decode()
    assert User.objects.filter(pk=staff_member.pk).exists()
    client.post(
        reverse("admin:targets_user_changelist"),
        {"action": "deactivate", "_selected_action": [staff_member.pk]},
    )
    staff_member.refresh_from_db()
    assert not staff_member.is_active


def test_an_indicator_with_figures_cannot_be_deleted(demo):
    with pytest.raises(ProtectedError):
        Indicator.objects.get(code="wirausaha-baru").delete()
