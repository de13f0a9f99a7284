"""Any query string on any page answers with a page, a sensible default or a 4xx: never a 500."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from targets.models import User
from tests.security.catalogue import every_url

# Parameters the pages and the admin read, and a few they do not.
NAMES = [
    "tahun", "tw", "bidang", "sort", "page", "per_page", "_export", "q", "o", "p", "e", "all",
    "next", "_changelist_filters", "_to_field", "_popup", "year__exact", "quarter__exact",
    "status__exact", "bureau__id__exact", "indicator__bureau__id__exact", "aggregation__exact",
    "is_supporting__exact", "role__exact", "is_active__exact", "action__exact", "year", "quarter",
    "id__in", "pk", "x", "rapat",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(["", "0", "-1", "4", "5", "2025", "abc", "1e9", "99999999999999999999", "\x00", "%00",
                     "koperasi", "../..", "<script>", "1,5", "NaN", "csv", "xlsx", "pdf", "id", "-name"]),
    st.text(max_size=20),
)  # fmt: skip
QUERIES = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=3)

# Logging out would end the session that the other examples need.
SKIPPED = {"logout", "admin:logout"}


@pytest.fixture
def pages(demo, recorded_meeting):
    return [url for name, url in every_url() if name not in SKIPPED]


@pytest.mark.parametrize("username", ["admin", "staf.koperasi"])
def test_no_query_string_makes_any_page_fail(client, pages, username):
    client.force_login(User.objects.get(username=username))

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(url=st.sampled_from(pages), query=QUERIES)
    def check(url, query):
        response = client.get(f"{url}?{urlencode(query)}")
        assert response.status_code < 500, f"{url}?{urlencode(query)}"

    check()


def test_a_nul_byte_in_the_query_string_is_refused(client, demo):
    client.force_login(User.objects.get(username="kadis"))
    assert client.get("/ringkasan.pdf?bidang=%00").status_code == 400
    assert client.get("/admin/targets/indicator/?q=%00").status_code == 400
