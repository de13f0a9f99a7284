"""A table of targets from CSV or XLSX: read the Indonesian way, checked per row, saved all or nothing."""

import io
import zipfile
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from targets import planning_import
from targets.models import Target

HEADER = "kode;tahun;target tahunan;TW I;TW II;TW III;TW IV;sumber;alasan"


@pytest.fixture
def indicators(graduations, entrepreneurs, entrepreneurship):
    """A sum, a cumulative and a level indicator."""


def upload(client, lines, name="target.csv"):
    content = "\n".join([HEADER, *lines]).encode()
    return client.post(reverse("targets:target_import"), {"sheet": SimpleUploadedFile(name, content)})


def test_a_semicolon_csv_written_the_indonesian_way_is_saved_with_its_reasons(client, planner, indicators):
    client.force_login(planner)
    response = upload(
        client,
        [
            "wirausaha-baru;2026;2.872;;;;;Rakortek 2025;Hasil Rakortek 2025",
            "rasio-kewirausahaan;2026;3,81;;;;3,81;Rakortek 2025;Hasil Rakortek 2025",
            "mikro-naik-kelas;2026;850;200;200;200;250;Renstra;Dibagi menurut musim",
        ],
    )
    assert response.status_code == 302
    assert Target.objects.get(indicator__code="wirausaha-baru").value == D(2872)
    assert Target.objects.get(indicator__code="rasio-kewirausahaan").value == D("3.81")
    assert Target.objects.get(indicator__code="mikro-naik-kelas").q4 == D(250)
    assert Target.history.filter(history_change_reason="Dibagi menurut musim").count() == 1


def test_one_bad_row_saves_nothing_and_every_bad_row_is_listed(client, planner, indicators):
    client.force_login(planner)
    response = upload(
        client,
        [
            "wirausaha-baru;2026;2.872;;;;;Rakortek 2025;Hasil Rakortek 2025",
            "mikro-naik-kelas;2026;2.872;700;;;;Renstra;Coba",
            "rasio-kewirausahaan;2026;381;;;;;Renstra;Salah ketik",
            "tidak-ada;2026;5;;;;;;Coba",
            "wirausaha-baru;2026;2.900;;;;;;",
        ],
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Target.objects.exists()
    bad = {row.line: row.reasons for row in response.context["outcome"].bad}
    assert set(bad) == {3, 4, 5, 6}
    assert "berjumlah 700" in " ".join(bad[3])
    assert "Persentase harus antara 0 dan 100." in bad[4]
    assert "Kode indikator tidak dikenal" in bad[5][0]
    assert "Kolom alasan wajib diisi." in bad[6]
    assert "Kode dan tahun yang sama sudah ada di baris lain." in bad[6]
    assert 'data-line="3"' in page


def test_an_xlsx_with_spreadsheet_numbers_is_read(client, planner, indicators):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        ["rasio-kewirausahaan", 2026, 3.81, None, None, None, None, "Rakortek 2025", "Hasil Rakortek"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(planner)
    response = client.post(
        reverse("targets:target_import"), {"sheet": SimpleUploadedFile("target.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    assert Target.objects.get().value == D("3.81")


def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_parsed(client, planner, indicators, settings):
    settings.IMPORT_MAX_UNPACKED_MB = 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (1024 * 1024 + 1))
    client.force_login(planner)
    response = client.post(
        reverse("targets:target_import"), {"sheet": SimpleUploadedFile("bom.xlsx", buffer.getvalue())}
    )
    assert "Isi berkas XLSX terlalu besar setelah dibuka" in response.content.decode()
    assert not Target.objects.exists()


def test_a_table_longer_than_the_row_cap_is_refused(client, planner, indicators, settings):
    settings.IMPORT_MAX_ROWS = 3
    client.force_login(planner)
    response = upload(client, ["wirausaha-baru;2026;2.872;;;;;;Alasan"] * 4)
    assert "Berkas terlalu panjang: paling banyak 3 baris." in response.content.decode()
    assert not Target.objects.exists()


def test_only_the_first_bad_rows_are_listed(client, planner, indicators, settings):
    settings.IMPORT_MAX_LISTED = 2
    client.force_login(planner)
    response = upload(client, ["tidak-ada;2026;1;;;;;;Alasan"] * 5)
    outcome = response.context["outcome"]
    assert len(outcome.bad) == 2
    assert outcome.bad_count == 5
    assert "dan 3 baris lain." in response.content.decode()


def test_a_file_without_the_required_columns_says_which_are_missing(client, planner, indicators):
    client.force_login(planner)
    content = b"kode,tahun\nwirausaha-baru,2026\n"
    response = client.post(reverse("targets:target_import"), {"sheet": SimpleUploadedFile("t.csv", content)})
    assert "Kolom berikut tidak ada: target tahunan, alasan." in response.content.decode()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2.872", D(2872)),
        ("3,81", D("3.81")),
        ("3.81", D("3.81")),
        (3.81, D("3.81")),
        (2872, D(2872)),
        ("", None),
    ],
)
def test_cells_are_read_the_indonesian_way_then_as_raw_numbers(cell, expected):
    assert planning_import.read_number(cell) == expected
