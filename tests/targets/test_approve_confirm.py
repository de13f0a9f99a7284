"""Approving takes a second look: the page names what is locked and warns of earlier quarters."""

import datetime

import pytest
from django.urls import reverse

from targets.choices import Status
from targets.models import Bureau, Indicator, Realization
from tests.targets.conftest import entry_url


def confirm_url(bureau="koperasi", year=2025, quarter=4):
    return reverse("targets:approve_confirm", args=[bureau, year, quarter])


@pytest.fixture
def head(demo, log_in_as, today):
    today(datetime.date(2026, 11, 28))
    return log_in_as("kadis")


def test_the_entry_page_leads_the_head_to_the_confirmation_not_straight_to_approving(head):
    page = head.get(entry_url("koperasi", 2025, 4)).content.decode()
    assert f'href="{confirm_url()}"' in page
    assert f'action="{entry_url("koperasi", 2025, 4, action="approve")}"' not in page


def test_the_confirmation_names_the_bureau_the_quarter_and_the_figures_it_locks(head):
    page = head.get(confirm_url()).content.decode()
    assert "Setujui dan kunci Bidang Pemberdayaan dan Pengembangan Koperasi 2025 TW IV?" in page
    assert 'data-series="volume-usaha-produksi"' in page and "Rp 49 miliar" in page
    assert 'data-series="volume-usaha-koperasi"' in page
    assert f'action="{entry_url("koperasi", 2025, 4, action="approve")}"' in page
    # Nothing is approved by looking.
    assert Realization.objects.filter(year=2025, quarter=4, status=Status.SUBMITTED).exists()
    # Every earlier quarter of the bureau is approved: no warning.
    assert "belum disetujui" not in page


def test_the_confirmation_warns_without_blocking_when_an_earlier_quarter_is_not_approved(head):
    page = head.get(confirm_url("usaha-kecil")).content.decode()
    assert "Perhatian: triwulan sebelumnya dari bidang ini belum disetujui." in page
    warning = page.split('class="callout earlier-not-approved"')[1].split("</div>")[0]
    assert 'data-period="2025-3"' in warning and "dikembalikan" in warning
    assert 'data-period="2025-2"' not in warning
    assert "Ya, setujui dan kunci" in page
    response = head.post(entry_url("usaha-kecil", 2025, 4, action="approve"), follow=True)
    assert "Triwulan ini disetujui dan dikunci." in response.content.decode()


def test_a_quarter_not_submitted_has_nothing_to_confirm(head):
    response = head.get(confirm_url("koperasi", 2026, 1), follow=True)
    assert response.redirect_chain[-1][0] == entry_url("koperasi", 2026, 1)
    assert "Hanya triwulan yang diajukan dapat disetujui." in response.content.decode()


@pytest.mark.parametrize(("username", "status"), [("staf.koperasi", 403), ("perencana", 403)])
def test_only_the_head_sees_the_confirmation(demo, log_in_as, username, status):
    assert log_in_as(username).get(confirm_url()).status_code == status


@pytest.mark.parametrize("extra_series", [0, 8])
def test_the_confirmation_reads_its_data_in_a_fixed_number_of_queries(
    head, django_assert_num_queries, extra_series
):
    bureau = Bureau.objects.get(code="koperasi")
    for i in range(extra_series):
        indicator = Indicator.objects.create(
            code=f"seri-{i}", name=f"Seri {i}", bureau=bureau, unit="unit", aggregation="sum"
        )
        Realization.objects.create(
            indicator=indicator, year=2025, quarter=4, value=1, status=Status.SUBMITTED
        )
    # session, user, bureau, series, targets, realizations, the quarter's log; for the earlier quarters:
    # the first year with a target, their states, the log, the planners' due dates; the header's bureaus
    with django_assert_num_queries(12):
        page = head.get(confirm_url()).content.decode()
    assert page.count("<tr data-series=") == 2 + extra_series


def test_the_confirmation_warns_without_blocking_of_a_figure_far_from_its_references(head):
    slip = Realization.objects.get(indicator__code="volume-usaha-produksi", year=2025, quarter=4)
    Realization.objects.filter(pk=slip.pk).update(value=slip.value * 1000)
    page = head.get(confirm_url()).content.decode()
    assert "Perhatian: satu angka jauh dari pembandingnya; periksa sebelum menyetujui." in page
    row = page.split('data-series="volume-usaha-produksi"')[1].split("</tr>")[0]
    assert "sekitar seribu kali lebih besar dari" in row
    # The figure close to its references carries no note.
    other = page.split('data-series="volume-usaha-koperasi"')[1].split("</tr>")[0]
    assert "figure-warning" not in other
    response = head.post(entry_url("koperasi", 2025, 4, action="approve"), follow=True)
    assert "Triwulan ini disetujui dan dikunci." in response.content.decode()
    slip.refresh_from_db()
    assert slip.status == Status.APPROVED
