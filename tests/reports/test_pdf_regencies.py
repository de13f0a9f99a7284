"""The summary PDF's regency table for each indicator reported by region."""

import pytest
from django.urls import reverse

from targets.choices import RegionalStatus, RegionKind, Status, Unit
from targets.models import Realization, Region, Target, User
from tests.reports.test_pdf import pages_of
from tests.reports.test_regency_table import report, set_targets

URL = reverse("reports:summary_pdf")


@pytest.fixture
def eleven_reported(cooperatives):  # noqa: F811
    """Eleven regencies accepted for TW I 2026, Barito Timur awaiting review, two not reported."""
    codes = [region.code for region in Region.objects.exclude(kind=RegionKind.PROVINCE)]
    report(cooperatives, dict.fromkeys(codes[:10], 100))
    report(cooperatives, {"62.71": 180})
    report(cooperatives, {"62.12": 40}, status=RegionalStatus.SUBMITTED)
    set_targets(cooperatives, {"62.71": 200, "62.01": 100})
    Target.objects.create(indicator=cooperatives, year=2026, value=2000)
    # The province figure, rolled up and approved: the document has figures to show.
    Realization.objects.create(
        indicator=cooperatives, year=2026, quarter=1, value=1180, status=Status.APPROVED
    )
    return cooperatives


def text_of(client, user, **params):
    client.force_login(user)
    return " ".join(pages_of(client.get(URL, {"tahun": 2026, "tw": 1, **params})))


def test_each_regency_is_listed_with_its_figure_target_achievement_and_report(client, head, eleven_reported):
    text = text_of(client, head)
    assert "1. Jumlah koperasi aktif · Angka kabupaten/kota · 11 dari 14 kabupaten/kota melapor" in text
    assert "Kota Palangka Raya 180 200 90,00% Tinggi melapor" in text
    assert "Kotawaringin Barat 100 100 100,00% Sangat Tinggi melapor" in text
    assert "Barito Timur – – – belum ada data menunggu pemeriksaan bidang" in text
    assert "Murung Raya – – – belum ada data belum melapor" in text
    assert "Jumlah yang melapor 1.180 11/14" in text
    assert "Belum melapor: Gunung Mas, Barito Timur, Murung Raya." in text


def test_an_indicator_not_reported_by_region_has_no_regency_table(client, head, eleven_reported):
    eleven_reported.by_region = False
    eleven_reported.save()
    assert "Angka kabupaten/kota" not in text_of(client, head)


def test_a_percentage_level_says_why_there_is_no_regency_total(client, head, eleven_reported):
    eleven_reported.unit = Unit.PERCENT
    eleven_reported.save()
    assert "Persentase tidak dapat dijumlahkan; isi angka provinsi." in text_of(client, head)


def test_the_regency_table_reads_in_english(client, head, eleven_reported):
    client.force_login(head)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = " ".join(pages_of(client.get(URL, {"tahun": 2026, "tw": 1})))
    assert "Kota Palangka Raya 180 200 90.00% High reported" in text
    assert "11 of 14" in text


def test_the_demo_pdf_has_a_regency_table_for_each_indicator_reported_by_region(client, demo):
    text = text_of(client, User.objects.get(username="kadis"), tahun=2025, tw=4)
    assert "Jumlah koperasi produsen · Angka kabupaten/kota · 14 dari 14 kabupaten/kota melapor" in text
    assert "Wirausaha baru · Angka kabupaten/kota · 14 dari 14 kabupaten/kota melapor" in text
