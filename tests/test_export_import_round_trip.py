"""The bureau export and the realization import speak one layout: what is exported imports back."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from targets import sheet
from targets.choices import RegionKind, Status
from targets.management.commands.seed_demo import DEMO_PASSWORD
from targets.models import Realization, Region, RegionalRealization

BUREAU = "usaha-kecil"


def figures():
    return set(
        Realization.objects.filter(indicator__bureau__code=BUREAU).values_list(
            "indicator__code", "year", "quarter", "value", "status"
        )
    )


def regional_figures():
    return set(
        RegionalRealization.objects.values_list("indicator__code", "region__code", "year", "quarter", "value")
    )


@pytest.fixture
def staff_client(client, demo):
    client.post(reverse("login"), {"username": "staf.usahakecil", "password": DEMO_PASSWORD})
    return client


def export(client, kind):
    response = client.get(reverse("reports:bureau", args=[BUREAU]), {"tahun": 2025, "tw": 4, "_export": kind})
    assert response.status_code == 200
    return response.content


def import_file(client, name, content):
    return client.post(
        reverse("targets:import", args=[BUREAU]), {"sheet": SimpleUploadedFile(name, content)}, follow=True
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_bureaus_own_export_imports_back_unchanged(staff_client, kind):
    before, regional_before = figures(), regional_figures()
    response = import_file(staff_client, f"{BUREAU}.{kind}", export(staff_client, kind))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Impor selesai" in page
    assert figures() == before
    # Each regency's row of the new entrepreneurs is read past: its operator enters those figures.
    regencies = Region.objects.exclude(kind=RegionKind.PROVINCE).count()
    assert f"{regencies} baris kabupaten/kota dilewati" in page
    assert regional_figures() == regional_before


def test_a_figure_changed_in_the_exported_workbook_comes_back_as_a_draft(staff_client):
    workbook = load_workbook(io.BytesIO(export(staff_client, "xlsx")))
    rows = workbook.active
    headers = [cell.value for cell in rows[1]]
    code_column = headers.index(sheet.CODE)
    tw3_column = headers.index(sheet.QUARTER_COLUMNS[3])
    for cells in rows.iter_rows(min_row=2):
        # TW III of the graduations was returned by the head, so the bureau may correct it.
        if cells[code_column].value == "mikro-naik-kelas":
            cells[tw3_column].value = 172
    buffer = io.BytesIO()
    workbook.save(buffer)

    import_file(staff_client, f"{BUREAU}.xlsx", buffer.getvalue())

    corrected = Realization.objects.get(indicator__code="mikro-naik-kelas", year=2025, quarter=3)
    assert (corrected.value, corrected.status) == (D(172), Status.DRAFT)
    approved = Realization.objects.get(indicator__code="mikro-naik-kelas", year=2025, quarter=1)
    assert (approved.value, approved.status) == (D(120), Status.APPROVED)


def test_an_older_export_cannot_overwrite_a_row_saved_since(staff_client):
    older = load_workbook(io.BytesIO(export(staff_client, "xlsx")))
    # A colleague corrects the returned TW III of the graduations after the export was made.
    staff_client.post(
        reverse("targets:import", args=[BUREAU]),
        {"sheet": SimpleUploadedFile(f"{BUREAU}.xlsx", _with_tw3(export(staff_client, "xlsx"), 171))},
    )
    response = import_file(staff_client, f"{BUREAU}.xlsx", _with_tw3(older, 172))

    assert "diubah orang lain (versi 2) setelah versi 1 yang Anda pakai" in response.content.decode()
    corrected = Realization.objects.get(indicator__code="mikro-naik-kelas", year=2025, quarter=3)
    assert (corrected.value, corrected.version) == (D(171), 2)


def _with_tw3(workbook_or_content, value):
    """The exported workbook with the graduations' TW III changed to `value`."""
    workbook = workbook_or_content
    if isinstance(workbook, bytes):
        workbook = load_workbook(io.BytesIO(workbook))
    rows = workbook.active
    headers = [cell.value for cell in rows[1]]
    for cells in rows.iter_rows(min_row=2):
        if cells[headers.index(sheet.CODE)].value == "mikro-naik-kelas":
            cells[headers.index(sheet.QUARTER_COLUMNS[3])].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
