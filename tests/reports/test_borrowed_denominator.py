"""A ratio whose denominator is published late uses the latest published one, and every page says so."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse

from targets.choices import Status
from targets.models import Indicator, Realization

NOTE = "Jumlah penduduk TW I belum terbit: dipakai angka terakhir yang terbit"


@pytest.fixture
def members_before_population(demo):
    """2026 TW I cooperative members approved; the 2026 population is not published yet."""
    members = Indicator.objects.get(code="anggota-koperasi")
    Realization.objects.create(
        indicator=members, year=2026, quarter=1, value=D(209250), status=Status.APPROVED
    )


def test_the_dashboard_shows_the_ratio_and_says_which_denominator_it_used(
    head_client, members_before_population
):
    page = head_client.get(reverse("reports:dashboard"), {"tahun": 2026, "tw": 1}).content.decode()
    assert "7,50%" in page  # 209.250 ÷ 2.790.000 × 100
    assert NOTE in page


def test_the_bureau_page_says_which_denominator_it_used(head_client, members_before_population):
    url = reverse("reports:bureau", args=["kelembagaan"])
    page = head_client.get(url, {"tahun": 2026, "tw": 1}).content.decode()
    assert NOTE in page


def test_the_indicator_page_says_which_denominator_it_used(head_client, members_before_population):
    url = reverse("reports:indicator", args=["partisipasi-berkoperasi"])
    page = head_client.get(url, {"tahun": 2026}).content.decode()
    assert NOTE in page


def test_no_note_while_the_quarters_own_denominator_is_published(head_client):
    page = head_client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 4}).content.decode()
    assert "belum terbit" not in page


def test_the_bureau_export_says_which_denominator_it_used(head_client, members_before_population):
    url = reverse("reports:bureau", args=["kelembagaan"])
    response = head_client.get(url, {"tahun": 2026, "tw": 1, "_export": "csv"})
    records = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    notes = {record["Kode"]: record["Keterangan"] for record in records}
    assert notes["partisipasi-berkoperasi"] == (
        "Jumlah penduduk TW I belum terbit; dipakai angka terakhir yang sudah terbit."
    )
    assert not notes["koperasi-produsen"]
