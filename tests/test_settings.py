"""The settings start safely: a production start without a secret is refused, loudly."""

import os
import subprocess
import sys
from pathlib import Path

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
