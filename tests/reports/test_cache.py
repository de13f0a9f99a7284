"""The pages' figures come from the cache under the data version: a new figure shows on the very
next request, a crafted query string adds no entry, and nothing personal is ever shared."""

import re
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from reports.cache import Fragment, page_key, page_response, stored
from targets import version
from targets.choices import Aggregation, RegionalStatus, RegionKind, Unit
from targets.models import Bureau, Indicator, Region, RegionalRealization

DASHBOARD = reverse("reports:dashboard")


def kept():
    """What the test's in-memory cache holds, key by value."""
    return {key: stored(key.split(":", 2)[-1]) for key in list(cache._cache)}


def test_an_approved_figure_shows_on_the_very_next_request(head_client):
    page = head_client.get(DASHBOARD).content.decode()
    assert "55,41%" in page  # business volume: Rp 123 of 222 miliar approved, TW IV awaiting approval
    bureau_page = head_client.get(reverse("reports:bureau", args=["koperasi"])).content.decode()
    assert "55,41%" in bureau_page

    head_client.post(reverse("targets:approve", args=["koperasi", 2025, 4]))

    page = head_client.get(DASHBOARD).content.decode()
    assert "77,48%" in page and "55,41%" not in page  # Rp 172 of 222 miliar
    bureau_page = head_client.get(reverse("reports:bureau", args=["koperasi"])).content.decode()
    assert "77,48%" in bureau_page and "55,41%" not in bureau_page


def test_each_language_has_its_own_copy(head_client):
    assert "Semua indikator" in head_client.get(DASHBOARD).content.decode()
    head_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = head_client.get(DASHBOARD).content.decode()
    assert "All indicators" in page and "Semua indikator" not in page


@pytest.fixture
def cooperatives(bureau):
    """An indicator counted by regency, with every regency's figure of 2026 TW I accepted."""
    indicator = Indicator.objects.create(
        code="koperasi-aktif",
        name="Jumlah koperasi aktif",
        bureau=bureau,
        unit=Unit.UNIT,
        aggregation=Aggregation.LEVEL,
        by_region=True,
    )
    for region in Region.objects.exclude(kind=RegionKind.PROVINCE):
        RegionalRealization.objects.create(
            indicator=indicator,
            region=region,
            year=2026,
            quarter=1,
            value=D(10),
            status=RegionalStatus.ACCEPTED,
        )
    return indicator


def test_the_roll_up_form_is_offered_to_its_bureaus_staff_even_when_the_page_is_kept(
    client, head, staff, cooperatives
):
    url = reverse("reports:indicator", args=["koperasi-aktif"]) + "?tahun=2026&tw=1"
    action = reverse("targets:roll_up", args=["koperasi-aktif", 2026, 1])
    client.force_login(head)
    assert action not in client.get(url).content.decode()
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert action in page and 'name="csrfmiddlewaretoken"' in page
    client.force_login(head)
    assert action not in client.get(url).content.decode()


def test_nothing_kept_holds_a_csrf_token_a_message_or_the_readers_name(client, staff, cooperatives):
    staff.first_name = "Sari"
    staff.save()
    client.force_login(staff)
    for url in [
        DASHBOARD,
        reverse("reports:bureau", args=[staff.bureau.code]),
        reverse("reports:indicator", args=["koperasi-aktif"]) + "?tahun=2026&tw=1",
    ]:
        assert "Sari" in client.get(url).content.decode()
    fragments = [value for value in kept().values() if isinstance(value, Fragment)]
    assert len(fragments) == 3
    for fragment in fragments:
        assert "csrfmiddlewaretoken" not in fragment.html
        assert "Sari" not in fragment.html
        assert 'class="messages"' not in fragment.html


HOSTILE = [
    {"tahun": "abc"},
    {"tahun": "99999999999999999999"},
    {"tw": "9"},
    {"tw": "-1"},
    {"bidang": "<script>alert(1)</script>"},
    {"bidang": "x" * 2000},
    {"sort": "name,__class__"},
    {"sort": '"><b>'},
    {"acak": "sekali"},
    {"_export": "exe"},
]


@pytest.mark.parametrize(
    "url", [DASHBOARD, reverse("reports:bureau", args=["koperasi"]), "/indikator/koperasi-aktif/"]
)
def test_a_crafted_query_string_adds_no_entry_and_reaches_no_kept_page(client, head, cooperatives, url):
    client.force_login(head)
    assert client.get(url).status_code == 200
    entries = len(cache._cache)
    for query in HOSTILE:
        assert client.get(url, query).status_code == 200
    assert len(cache._cache) == entries
    for value in kept().values():
        if isinstance(value, Fragment):
            assert "alert(1)" not in value.html and "__class__" not in value.html and "acak" not in value.html


def test_an_unknown_indicator_is_not_found_and_not_kept(client, head):
    client.force_login(head)
    assert client.get("/indikator/tidak-ada/").status_code == 404
    assert client.get("/indikator/" + "x" * 300 + "/").status_code == 404
    assert not any(isinstance(value, Fragment) for value in kept().values())


def test_a_key_takes_only_validated_choices(db):
    request = RequestFactory().get("/")
    assert page_key(request, "dashboard", year=2025, quarter=4, bidang="koperasi", rapat=None)
    with pytest.raises(ValueError):
        page_key(request, "dashboard", bidang="<script>")


def without_csrf_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_the_database_cache_shared_by_app_servers_serves_the_same_page(
    client, head, cooperatives, settings, django_assert_num_queries
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kaltengkop_cache"}
    }
    call_command("createcachetable", verbosity=0)
    client.force_login(head)
    url = reverse("reports:indicator", args=["koperasi-aktif"]) + "?tahun=2026&tw=1"
    first = client.get(url).content.decode()
    assert "Jumlah koperasi aktif" in first
    # session, user, data version, the kept page from the cache table (the bureaus are kept in the process)
    with django_assert_num_queries(4):
        again = client.get(url).content.decode()
    assert without_csrf_tokens(again) == without_csrf_tokens(first)


def test_what_many_pages_share_is_read_again_after_a_write(head_client):
    old, new = "Bidang Pemberdayaan dan Pengembangan Koperasi", "Bidang Koperasi dan Jasa Keuangan"
    assert old in head_client.get(DASHBOARD).content.decode()
    # A bulk update sends no signal: nothing raises the version, the bureaus stay as they were kept
    Bureau.objects.filter(code="koperasi").update(name=new)
    assert new not in head_client.get(DASHBOARD).content.decode()
    version.bump()
    page = head_client.get(DASHBOARD).content.decode()
    assert new in page and old not in page


def test_a_kept_page_takes_a_fraction_of_its_size_in_the_cache(head_client):
    page = head_client.get(DASHBOARD).content.decode()
    key, fragment = next((key, value) for key, value in kept().items() if isinstance(value, Fragment))
    assert fragment.html in page
    assert len(cache._cache[key]) < len(fragment.html.encode()) / 4


def test_a_kept_body_is_sent_as_it_was_kept_inside_the_page_rendered_for_the_reader(head_client):
    page = head_client.get(DASHBOARD).content
    body = next(value for value in kept().values() if isinstance(value, Fragment))
    assert page.count(body.content) == 1
    assert page.index(b"<h1>") < page.index(body.content) < page.index(b"</main>")
    assert b"<!--kept-body-->" not in page


def test_a_page_template_that_does_not_show_its_kept_body_is_an_error(rf, head):
    request = rf.get("/")
    request.user = head
    with pytest.raises(ValueError, match="kept_body"):
        page_response(request, "base.html", {}, Fragment.of("<p>Capaian</p>"))
