"""The "what is missing" page: which bureau has not yet submitted which quarter."""

import datetime
import re

import pytest
from django.urls import reverse

from targets.models import Bureau
from targets.views import due_quarters

URL = reverse("targets:missing")


def missing_quarters(page):
    """{bureau code: [quarter numbers]} as the page lists them."""
    rows = re.findall(r'<tr data-bureau="([\w-]+)">(.*?)</tr>', page, flags=re.S)
    return {code: [int(q) for q in re.findall(r'data-quarter="(\d)"', cells)] for code, cells in rows}


@pytest.fixture
def head(demo, log_in_as):
    return log_in_as("kadis")


def test_a_past_year_lists_the_quarters_not_yet_submitted(head):
    page = head.get(URL, {"tahun": 2025}).content.decode()
    # Only the small-business bureau's TW III, returned by the head, is still out.
    assert missing_quarters(page) == {"kelembagaan": [], "koperasi": [], "usaha-kecil": [3], "program": []}
    assert "dikembalikan" in page


def test_a_draft_quarter_is_still_missing_until_submitted(head, client):
    client.post(reverse("targets:return", args=["koperasi", 2025, 4]), {"return-reason": "Lengkapi."})
    page = client.get(URL, {"tahun": 2025}).content.decode()
    assert missing_quarters(page)["koperasi"] == [4]


def test_the_current_year_lists_only_quarters_that_have_begun(head, monkeypatch):
    monkeypatch.setattr("targets.views.timezone.localdate", lambda: datetime.date(2026, 5, 2))
    page = head.get(URL, {"tahun": 2026}).content.decode()
    assert missing_quarters(page)["koperasi"] == [1, 2]


@pytest.mark.parametrize(
    ("year", "today", "due"),
    [
        (2025, datetime.date(2026, 1, 1), [1, 2, 3, 4]),
        (2026, datetime.date(2026, 1, 1), [1]),
        (2026, datetime.date(2026, 3, 31), [1]),
        (2026, datetime.date(2026, 4, 1), [1, 2]),
        (2026, datetime.date(2026, 12, 31), [1, 2, 3, 4]),
        (2027, datetime.date(2026, 12, 31), []),
    ],
)
def test_a_quarter_is_due_once_it_has_begun(year, today, due):
    assert due_quarters(year, today) == due


def test_a_year_with_nothing_due_says_so(head):
    page = head.get(URL, {"tahun": 2100}).content.decode()
    assert "Belum ada triwulan tahun ini yang sudah berjalan." in page


@pytest.mark.parametrize("extra_bureaus", [0, 10])
def test_the_page_reads_its_data_in_a_fixed_number_of_queries(head, django_assert_num_queries, extra_bureaus):
    for i in range(extra_bureaus):
        Bureau.objects.create(code=f"bidang-{i}", name=f"Bidang {i}", order=10 + i)
    # session, user, bureaus, realization states, the year's log
    with django_assert_num_queries(5):
        page = head.get(URL, {"tahun": 2025}).content.decode()
    assert len(missing_quarters(page)) == 4 + extra_bureaus


@pytest.mark.parametrize("extra_bureaus", [0, 10])
def test_the_overview_reads_its_data_in_a_fixed_number_of_queries(
    demo, log_in_as, django_assert_num_queries, extra_bureaus
):
    for i in range(extra_bureaus):
        Bureau.objects.create(code=f"bidang-{i}", name=f"Bidang {i}", order=10 + i)
    client = log_in_as("staf.usahakecil")
    # session, user, bureaus, realization states, the year's log
    with django_assert_num_queries(5):
        page = client.get(reverse("targets:overview"), {"tahun": 2025}).content.decode()
    assert page.count('class="card bureau-card') == 4 + extra_bureaus
    # The staff member's own bureau comes first, with the import link.
    assert page.index('data-bureau="usaha-kecil"') < page.index('data-bureau="kelembagaan"')
    assert reverse("targets:import", args=["usaha-kecil"]) in page
    assert reverse("targets:import", args=["koperasi"]) not in page
