"""The "what is missing" page: which bureau has not yet submitted which quarter that has ended."""

import datetime
import re

import pytest
from django.urls import reverse

from targets.models import Bureau, ReportingDeadline
from targets.schedule import ended_quarters

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


def test_the_current_year_lists_only_quarters_that_have_ended(head, today):
    today(datetime.date(2026, 11, 28))
    page = head.get(URL, {"tahun": 2026}).content.decode()
    # TW IV 2026 runs until 31 December: not missing yet.
    assert missing_quarters(page)["koperasi"] == [1, 2, 3]


def test_each_missing_quarter_shows_its_due_date_and_the_working_days_it_is_late(head, today):
    today(datetime.date(2026, 11, 28))
    page = head.get(URL, {"tahun": 2026}).content.decode()
    row = page.split('<tr data-bureau="koperasi">')[1].split("</tr>")[0]
    # TW III ended on 30 September; ten working days later is 14 October. From then to Friday 27
    # November: 32 working days (Saturday 28 November is not one).
    assert 'data-due="2026-10-14"' in row
    assert "14 Oktober 2026" in row
    assert 'data-working-days-late="32"' in row
    assert "terlambat 32 hari kerja" in row


def test_a_due_date_set_by_the_planners_replaces_the_working_day_rule(head, today):
    today(datetime.date(2026, 11, 28))
    ReportingDeadline.objects.create(
        year=2026, quarter=3, due_date=datetime.date(2026, 11, 20), reason="Rapat koordinasi dimajukan"
    )
    row = head.get(URL, {"tahun": 2026}).content.decode().split('<tr data-bureau="koperasi">')[1]
    assert 'data-due="2026-11-20"' in row
    assert "ditetapkan perencana" in row
    assert 'data-working-days-late="5"' in row


@pytest.mark.parametrize(
    ("year", "day", "ended"),
    [
        (2025, datetime.date(2026, 1, 1), [1, 2, 3, 4]),
        (2026, datetime.date(2026, 1, 1), []),
        (2026, datetime.date(2026, 3, 31), []),
        (2026, datetime.date(2026, 4, 1), [1]),
        (2026, datetime.date(2026, 11, 28), [1, 2, 3]),
        (2026, datetime.date(2026, 12, 31), [1, 2, 3]),
        (2027, datetime.date(2026, 12, 31), []),
    ],
)
def test_a_quarter_can_be_missing_once_it_has_ended(year, day, ended):
    assert ended_quarters(year, day) == ended


def test_a_year_with_nothing_ended_says_so(head):
    page = head.get(URL, {"tahun": 2100}).content.decode()
    assert "Belum ada triwulan tahun ini yang sudah berakhir." in page


@pytest.mark.parametrize("extra_bureaus", [0, 10])
def test_the_page_reads_its_data_in_a_fixed_number_of_queries(head, django_assert_num_queries, extra_bureaus):
    for i in range(extra_bureaus):
        Bureau.objects.create(code=f"bidang-{i}", name=f"Bidang {i}", order=10 + i)
    # session, user, the regencies, bureaus, realization states, the year's log, the planners' due
    # dates, the series reported by region, the regency figures sent
    with django_assert_num_queries(9):
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
