"""The settings start safely: a production start without a secret is refused, loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(
    env_overrides,
    code="import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "kaltengkop.settings", **env_overrides})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_development_needs_no_variable_at_all():
    result = start({})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = start({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_with_a_secret_key_starts():
    result = start({"DEBUG": "false", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "kop.example"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_wsgi_entry_point_defaults_to_production():
    result = start({}, code="import kaltengkop.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_malformed_boolean_is_refused():
    result = start({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


MAIL_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, "
    "settings.DEFAULT_FROM_EMAIL, settings.REPORT_DUE_WORKING_DAYS, sep='|')"
)


def test_mail_is_printed_to_the_console_until_an_smtp_server_is_named():
    result = start({}, code=MAIL_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|")[0] == "django.core.mail.backends.console.EmailBackend"


def test_reminders_go_through_the_smtp_server_the_environment_names():
    result = start(
        {
            "EMAIL_HOST": "mail.example.go.id",
            "EMAIL_PORT": "465",
            "EMAIL_USE_TLS": "false",
            "DEFAULT_FROM_EMAIL": "KaltengKop <kop@example.go.id>",
            "REPORT_DUE_WORKING_DAYS": "7",
        },
        code=MAIL_SETTINGS,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.go.id",
        "465",
        "False",
        "KaltengKop <kop@example.go.id>",
        "7",
    ]


# Five requests one after the other, each in a thread of its own as under the ASGI worker: how many
# distinct PostgreSQL backends served them.
REQUESTS_IN_THREADS = """
import threading
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection
pids = []
def request():
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pids.append(cursor.fetchone()[0])
    request_finished.send(sender=None)
for _ in range(5):
    thread = threading.Thread(target=request)
    thread.start()
    thread.join()
print(len(set(pids)))
"""

on_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL (DATABASE_URL)"
)


@on_postgresql
def test_in_production_requests_in_different_threads_reuse_postgresql_connections():
    production = {"DEBUG": "false", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "kop.example"}
    pooled = start(production, REQUESTS_IN_THREADS)
    # The pool keeps its one connection and may open a second beside it; never one per request.
    assert pooled.stdout.strip() in {"1", "2"}, pooled.stderr
    unpooled = start({**production, "DATABASE_CONN_MAX_AGE": "0"}, REQUESTS_IN_THREADS)
    assert unpooled.stdout.strip() == "5", unpooled.stderr


def test_the_cache_is_the_shared_table_on_postgresql_and_memory_otherwise():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    # SQLite, whatever database the test run itself uses.
    on_sqlite = start({"DATABASE_URL": f"sqlite:///{ROOT / 'db.sqlite3'}"}, code)
    assert on_sqlite.stdout.strip().endswith("LocMemCache"), on_sqlite.stderr
    on_postgresql = start({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/kaltengkop"}, code)
    assert on_postgresql.stdout.strip().endswith("DatabaseCache"), on_postgresql.stderr


def test_an_unknown_cache_backend_refuses_to_start():
    result = start({"CACHE_BACKEND": "redis"})
    assert result.returncode != 0
    assert 'CACHE_BACKEND must be "database" or "memory"' in result.stderr
