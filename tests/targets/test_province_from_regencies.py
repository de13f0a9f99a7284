"""A province figure reported by region is the roll-up of the regencies' accepted figures, not typed."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from targets import workflow
from targets.choices import Aggregation, RegionalStatus, RegionKind, Status, Unit
from targets.models import Indicator, Realization, Region, RegionalRealization
from targets.regions import write_province_figure
from tests.targets.conftest import entry_data


@pytest.fixture
def share(bureau):
    """A level in percent reported by region: it cannot be added up, so the province types its own."""
    return Indicator.objects.create(
        code="proporsi",
        name="Proporsi UKM",
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
        by_region=True,
        order=1,
    )


def regencies():
    return list(Region.objects.exclude(kind=RegionKind.PROVINCE))


def report(series, value="10", status=RegionalStatus.ACCEPTED, count=14):
    for region in regencies()[:count]:
        RegionalRealization.objects.create(
            indicator=series, region=region, year=2026, quarter=1, value=D(value), status=status
        )


def entry_url(action="entry"):
    return reverse(f"targets:{action}", args=["koperasi", 2026, 1])


def test_the_entry_form_shows_the_roll_up_instead_of_an_input(client, staff, cooperatives, share):
    report(cooperatives, count=11)
    client.force_login(staff)
    page = client.get(entry_url()).content.decode()
    assert 'name="koperasi-aktif-value"' not in page
    assert "Jumlah angka kabupaten/kota diterima" in page and "11 dari 14 kabupaten/kota" in page
    assert reverse("targets:region_review", args=["koperasi", 2026, 1]) in page
    # A percentage cannot be added up: the province keeps its typed entry.
    assert 'name="proporsi-value"' in page


def test_a_typed_province_figure_of_a_derived_series_is_ignored(client, staff, cooperatives, share):
    report(cooperatives)
    client.force_login(staff)
    client.post(entry_url(), entry_data({"koperasi-aktif": "999", "proporsi": "3,5"}))
    assert not Realization.objects.filter(indicator=cooperatives).exists()
    assert Realization.objects.get(indicator=share).value == D("3.5")


def test_submitting_is_refused_while_the_province_figure_differs_from_the_roll_up(
    client, staff, cooperatives
):
    report(cooperatives)
    write_province_figure(cooperatives, 2026, 1, staff)
    late = RegionalRealization.objects.first()
    late.value = D(11)
    late.save()
    client.force_login(staff)
    response = client.post(entry_url(), entry_data({}, button="submit"), follow=True)
    assert "angka provinsi Jumlah koperasi aktif berbeda dari jumlah angka kabupaten/kota" in (
        response.content.decode()
    )
    assert Realization.objects.get(indicator=cooperatives).status == Status.DRAFT


def test_submitting_is_refused_while_regency_figures_await_review(staff, bureau, cooperatives):
    report(cooperatives, count=13)
    write_province_figure(cooperatives, 2026, 1, staff, allow_partial=True)
    RegionalRealization.objects.create(
        indicator=cooperatives,
        region=regencies()[13],
        year=2026,
        quarter=1,
        value=D(5),
        status=RegionalStatus.SUBMITTED,
    )
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.submit(bureau, 2026, 1, staff)
    assert "masih menunggu diperiksa: Jumlah koperasi aktif (Kota Palangka Raya)" in str(refused.value)


def test_the_head_approves_a_province_figure_equal_to_the_roll_up(staff, head, bureau, cooperatives):
    report(cooperatives, value="7")
    write_province_figure(cooperatives, 2026, 1, staff)
    workflow.submit(bureau, 2026, 1, staff)
    workflow.approve(bureau, 2026, 1, head)
    province = Realization.objects.get(indicator=cooperatives)
    assert (province.value, province.status) == (D(98), Status.APPROVED)
