"""Links reversed once per URL pattern read exactly as reverse() writes them."""

import pytest
from django.urls import reverse, set_script_prefix

from kaltengkop.links import slug_url
from targets.models import Bureau, Indicator


@pytest.mark.parametrize("name", ["reports:indicator", "reports:bureau"])
@pytest.mark.parametrize("slug", ["wirausaha-baru", "usaha-kecil", "a", "kode_2025-b"])
def test_a_slug_link_is_what_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, args=[slug])


def test_a_link_follows_the_script_prefix_of_the_deployment():
    try:
        set_script_prefix("/kaltengkop/")
        assert slug_url("reports:bureau", "usaha-kecil") == "/kaltengkop/bidang/usaha-kecil/"
    finally:
        set_script_prefix("/")


def test_indicators_and_bureaus_link_to_their_pages():
    assert Indicator(code="wirausaha-baru").get_absolute_url() == reverse(
        "reports:indicator", args=["wirausaha-baru"]
    )
    assert Bureau(code="usaha-kecil").get_absolute_url() == reverse("reports:bureau", args=["usaha-kecil"])


def test_the_links_of_a_table_of_indicators_are_their_own_under_the_deployments_prefix():
    indicators = [Indicator(code="wirausaha-baru"), Indicator(code="koperasi-aktif")]
    try:
        set_script_prefix("/kaltengkop/")
        url_of = Indicator.urls()
        assert [url_of(indicator) for indicator in indicators] == [
            "/kaltengkop/indikator/wirausaha-baru/",
            "/kaltengkop/indikator/koperasi-aktif/",
        ]
    finally:
        set_script_prefix("/")
