"""How the import refuses the files that would otherwise exhaust the server, timed and measured.

Builds, in a temporary folder, an XLSX whose sheet expands to about 1.1 GB (a zip bomb) and a CSV
of a million rows, and prints how long refusing each takes and the peak memory it needs. The
import's reader is called directly, past the upload size limit that would refuse the CSV first.
"""

import resource
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand
from openpyxl import Workbook

from targets import sheet
from targets.importing import SheetError, limits, read_sheet

SHEET = "xl/worksheets/sheet1.xml"
ROW = b'<row><c t="inlineStr"><is><t>mikro-naik-kelas</t></is></c><c><v>2026</v></c><c><v>210</v></c></row>'


def build_zip_bomb(path: Path, unpacked_mb: int) -> None:
    """A valid workbook whose one sheet holds the same row over and over, written as a stream."""
    template = Workbook()
    template.active.append(sheet.HEADERS)
    template_path = path.with_suffix(".template.xlsx")
    template.save(template_path)
    with zipfile.ZipFile(template_path) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            if member.filename != SHEET:
                bomb.writestr(member, source.read(member))
        with bomb.open(SHEET, "w", force_zip64=True) as xml:
            xml.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            cells = "".join(f'<c t="inlineStr"><is><t>{header}</t></is></c>' for header in sheet.HEADERS)
            xml.write(f"<row>{cells}</row>".encode())
            chunk = ROW * (1024 * 1024 // len(ROW))
            for _ in range(unpacked_mb):
                xml.write(chunk)
            xml.write(b"</sheetData></worksheet>")
    template_path.unlink()


def build_long_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(sheet.HEADERS) + "\n")
        line = "mikro-naik-kelas,,,2026,210\n"
        for _ in range(rows):
            out.write(line)


def _read(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            read_sheet(File(handle, name=path.name))
    except SheetError as error:
        return str(error)
    return "diterima (tidak ditolak!)"


def refuse(path: Path) -> tuple[str, float, float]:
    """The refusal's message, its seconds, and the peak of Python memory it allocated (MB), measured
    in a second pass: tracemalloc slows the parse several times over."""
    start = time.perf_counter()
    message = _read(path)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _read(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return message, seconds, peak / (1024 * 1024)


class Command(BaseCommand):
    help = "Ukur waktu dan memori impor menolak zip bomb XLSX dan CSV sejuta baris."

    def add_arguments(self, parser):
        parser.add_argument("--xlsx-mb", type=int, default=1100, help="Ukuran sheet XLSX setelah dibuka, MB.")
        parser.add_argument("--rows", type=int, default=1_000_000, help="Baris CSV.")

    def handle(self, *args, xlsx_mb, rows, **options):
        self.stdout.write("\nImpor berkas berbahaya, ditolak sebelum menghabiskan server")
        with tempfile.TemporaryDirectory() as folder:
            bomb, long_csv = Path(folder) / "bom.xlsx", Path(folder) / "panjang.csv"
            build_zip_bomb(bomb, xlsx_mb)
            build_long_csv(long_csv, rows)
            # The worst an XLSX can cost: just under the unpacked cap, parsed until the row cap.
            under_mb = max(1, limits().unpacked_bytes // (1024 * 1024) - 1)
            under = Path(folder) / "di-bawah-batas.xlsx"
            build_zip_bomb(under, under_mb)
            cases = [
                (f"XLSX {bomb.stat().st_size / 1e6:.1f} MB, {xlsx_mb} MB setelah dibuka", bomb),
                (f"XLSX {under_mb} MB setelah dibuka, di bawah batas", under),
                (f"CSV {rows:,} baris, {long_csv.stat().st_size / 1e6:.1f} MB", long_csv),
            ]
            for label, path in cases:
                message, seconds, peak = refuse(path)
                self.stdout.write(f"  {label}: {seconds:.2f} s, puncak memori Python {peak:.1f} MB")
                self.stdout.write(f"    {message}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"  RSS maksimum proses (seluruh perintah): {rss:.0f} MB")
