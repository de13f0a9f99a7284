"""The regency parts of the worklist and of the missing-reports page, in a browser: accessible, within a
phone's width, and each item reached with the keyboard."""

from decimal import Decimal as D

import pytest

from targets.choices import RegionalStatus
from targets.models import Indicator, Region, RegionalRealization, User
from tests.e2e.screens import Screen
from tests.e2e.test_accessibility import choose_language, walk


@pytest.fixture
def regency_work(demo_server):
    """Kota Palangka Raya's 2026 TW I figure of new entrepreneurs returned and Kapuas' one waiting for
    review; the demo's operator of Kota Palangka Raya signs in."""
    series = Indicator.objects.get(code="wirausaha-baru")
    for code, status, reason in (
        ("62.71", RegionalStatus.RETURNED, "Lampirkan daftar nama wirausaha baru."),
        ("62.03", RegionalStatus.SUBMITTED, ""),
    ):
        RegionalRealization.objects.update_or_create(
            indicator=series,
            region=Region.objects.get(code=code),
            year=2026,
            quarter=1,
            defaults={"value": D(12), "status": status, "reason": reason},
        )
    assert User.objects.get(username="operator.palangkaraya").region.code == "62.71"


@pytest.mark.parametrize("language", ("id", "en"))
@pytest.mark.parametrize(
    ("username", "screens"),
    [
        ("operator.palangkaraya", [Screen("operator's worklist", "/entri/kerja/")]),
        ("staf.usahakecil", [Screen("worklist with regency figures to review", "/entri/kerja/")]),
        (
            "kadis",
            [Screen("missing reports, one regency", "/entri/belum-diajukan/?tahun=2026&wilayah=62.71")],
        ),
    ],
)
def test_the_regency_work_is_accessible_and_fits_a_phone(
    page, demo_server, log_in, regency_work, username, screens, language
):
    choose_language(page, demo_server.url, language)
    log_in(username)
    found = walk(page, demo_server.url, screens)
    assert found == [], "\n".join(found)


def test_an_operator_reaches_the_returned_figure_with_the_keyboard(page, demo_server, log_in, regency_work):
    log_in("operator.palangkaraya")
    page.goto(f"{demo_server.url}/entri/kerja/")
    returned = page.locator("#dikembalikan")
    assert "Lampirkan daftar nama wirausaha baru." in returned.inner_text()
    link = returned.locator("a", has_text="Kota Palangka Raya · 2026 TW I")
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the returned quarter's link is never reached with Tab")
    assert link.get_attribute("href") == "/entri/wilayah/62.71/2026/1/"
