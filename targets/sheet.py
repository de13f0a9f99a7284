"""The bureau sheet: the one layout that the bureau export writes and the realization import reads.

One row per indicator or supporting series and year. The headers are Indonesian whatever the
language of the page, so that a file exported in English can still be imported.

- TW I–IV: each quarter's own entered value (not a figure to date), as a raw number, in
  whatever state it is; the status columns say which (draft, submitted, approved, returned).
- Target, realization, achievement and category are the official figures (approved only) at the
  sheet's quarter; the import ignores them.
- Versi TW I–IV: each quarter's row version. The import refuses a quarter whose row was saved
  again since the file was exported (an empty version: there was no row then).
- Kendala and tindak lanjut of each quarter, for the reader; the import ignores them.
- Keterangan: what the reader must know of the realization, such as a ratio standing on the latest
  published denominator instead of the quarter's own.
- Kode wilayah: the Kemendagri code of the region the row is about; Wilayah names it for the reader.
  The province rows carry the province's code; a series reported by region has, below its province
  row, one row per kabupaten/kota with that regency's own figures and statuses. A file without the
  column (exported before it existed) is read as province rows. Both columns come last, so that the
  columns before them stand where they always stood.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from tablib.formats._xlsx import safe_xlsx_sheet_title

from targets.choices import RegionalStatus, Unit

CODE = "Kode"
NAME = "Indikator"
UNIT = "Satuan"
YEAR = "Tahun"
QUARTER_COLUMNS = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
STATUS_COLUMNS = {1: "Status TW I", 2: "Status TW II", 3: "Status TW III", 4: "Status TW IV"}
TARGET = "Target tahunan"
REALIZATION = "Realisasi"
ACHIEVEMENT = "Capaian (%)"
CATEGORY = "Kategori"
VERSION_COLUMNS = {1: "Versi TW I", 2: "Versi TW II", 3: "Versi TW III", 4: "Versi TW IV"}
KENDALA_COLUMNS = {1: "Kendala TW I", 2: "Kendala TW II", 3: "Kendala TW III", 4: "Kendala TW IV"}
NOTE = "Keterangan"
REGION_CODE = "Kode wilayah"
REGION = "Wilayah"
FOLLOW_UP_COLUMNS = {
    1: "Tindak lanjut TW I",
    2: "Tindak lanjut TW II",
    3: "Tindak lanjut TW III",
    4: "Tindak lanjut TW IV",
}

HEADERS = [
    CODE,
    NAME,
    UNIT,
    YEAR,
    *QUARTER_COLUMNS.values(),
    *STATUS_COLUMNS.values(),
    TARGET,
    REALIZATION,
    ACHIEVEMENT,
    CATEGORY,
    *VERSION_COLUMNS.values(),
    *KENDALA_COLUMNS.values(),
    *FOLLOW_UP_COLUMNS.values(),
    NOTE,
    REGION_CODE,
    REGION,
]

# What the import reads; every other column is there for the reader and is ignored.
IMPORTED = [CODE, YEAR, *QUARTER_COLUMNS.values()]

# A text cell starting with one of these is a formula to a spreadsheet: exports neutralise it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text cell as a spreadsheet must show it: with a leading apostrophe when it would start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def plain_number(value: Decimal | None) -> Decimal | None:
    """A stored figure without the trailing zeros of its four decimal places: 1311, 3.1, 1.12."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def regency_row(indicator, year: int, region, figures: dict[int, tuple[Decimal, str]]) -> list:
    """A kabupaten/kota's own figures of a series and year, {quarter: (value, status)}, in the sheet
    layout; the official columns stay empty. Labels are in the active language: call it under Indonesian."""
    by_column = {
        CODE: indicator.code,
        NAME: indicator.name,
        UNIT: str(Unit(indicator.unit).label),
        YEAR: year,
        REGION_CODE: region.code,
        REGION: region.name,
    }
    for quarter, (value, status) in figures.items():
        by_column[QUARTER_COLUMNS[quarter]] = plain_number(value)
        by_column[STATUS_COLUMNS[quarter]] = str(RegionalStatus(status).label)
    return [by_column.get(header) for header in HEADERS]


def _width(value) -> int:
    """A column's width in characters as tablib measured it (an empty cell counts as "None")."""
    return len(str(value))


def xlsx(rows: list[list], title: str) -> bytes:
    """The rows under the sheet's headers as an XLSX workbook: bold headers kept in view when
    scrolling, each column as wide as its longest value, and no cell a formula (a text starting with
    "=" stays text). Written in one pass: tablib's workbook had to be read back and saved again to
    unmark its formulas, half the time of a bureau's export."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(safe_xlsx_sheet_title(title, "-") if title else "Sheet")
    worksheet.freeze_panes = "A2"
    widths = [_width(header) for header in HEADERS]
    for row in rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _width(value))
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True)
    headers = []
    for header in HEADERS:
        cell = WriteOnlyCell(worksheet, header)
        cell.font = bold
        headers.append(cell)
    worksheet.append(headers)
    for row in rows:
        worksheet.append([_text_cell(worksheet, value, wrapped) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(worksheet, value, wrapped: Alignment):
    """A value as its cell: a text never a formula, and wrapped where it holds a line break."""
    if not isinstance(value, str) or not (value.startswith("=") or "\n" in value):
        return value
    cell = WriteOnlyCell(worksheet, value)
    cell.data_type = "s"
    if "\n" in value:
        cell.alignment = wrapped
    return cell
