"""Every screen, for every role, in both languages, on a phone and a laptop: axe-core's WCAG 2.1
A/AA rules find nothing serious or critical, nothing is wider than the window, no request fails."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from tests.e2e.screens import LOGIN, ROLES, VIEWPORTS, screens_for

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
LANGUAGES = ("id", "en")

axe = Axe()


# Tables whose every column is in view without scrolling sideways: whole on a laptop, cards on a phone.
WHOLE_TABLES = ".indicator-table"
CLIPPED_TABLES = f"""[...document.querySelectorAll('.table-wrap')]
    .filter(wrap => wrap.querySelector('{WHOLE_TABLES}') && wrap.scrollWidth > wrap.clientWidth)
    .map(wrap => wrap.scrollWidth + ' px in ' + wrap.clientWidth)"""


def problems_on(page, name):
    """What axe and the overflow measures find on the page open now, as readable lines."""
    found = []
    page.wait_for_load_state("networkidle")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        found.append(f"{name}: {width[0]} px wide in a {width[1]} px window")
    found += [f"{name}: a table scrolls sideways, {clipped}" for clipped in page.evaluate(CLIPPED_TABLES)]
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            found.append(f"{name}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


def walk(page, base_url, screens):
    found = []
    # A request that fails (a missing icon, a stylesheet) shows in the browser's console.
    page.on("response", lambda r: found.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
    for size, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for screen in screens:
            response = page.goto(base_url + screen.url())
            assert response.ok, f"{screen.name}: HTTP {response.status}"
            found += problems_on(page, f"{screen.name} ({size})")
    return found


def choose_language(page, base_url, language):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_login_page_is_accessible_and_fits_the_window(page, demo_server, language):
    choose_language(page, demo_server.url, language)
    assert walk(page, demo_server.url, [LOGIN]) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_screen_is_accessible_and_fits_the_window(page, demo_server, log_in, role, language):
    choose_language(page, demo_server.url, language)
    log_in(role)
    found = walk(page, demo_server.url, screens_for(role))
    assert found == [], "\n".join(found)
