"""Browser tests: pytest-playwright driving the system's Chromium (Debian's `chromium` package).

Playwright never downloads a browser of its own here: it is pointed at /usr/bin/chromium, which
`make test` installs when it is missing.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from targets.management.commands.seed_demo import DEMO_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _static_files_by_plain_name(settings):
    """The live test server serves static files from the finders, which know no hashed names; the
    hashed names are checked under gunicorn by .ci/deploy."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _stored_files_of_its_own(media):
    """What the app stores (a meeting's PDF) goes to the test's own folder, not the project's."""


@pytest.fixture
def demo_server(live_server):
    """The live test server with the demo data loaded."""
    call_command("seed_demo", verbosity=0)
    return live_server


@pytest.fixture
def foreign_requests(page, demo_server):
    """Every request the page makes to a host other than the test server."""
    own = urlsplit(demo_server.url).netloc
    seen = []
    page.on(
        "request",
        lambda request: (
            seen.append(request.url)
            if urlsplit(request.url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(request.url).netloc != own
            else None
        ),
    )
    return seen


@pytest.fixture
def log_in(page, demo_server):
    def log_in_as(username, password=DEMO_PASSWORD):
        page.goto(f"{demo_server.url}/masuk/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")

    return log_in_as
