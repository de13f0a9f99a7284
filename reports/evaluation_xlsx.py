"""The evaluation table of Permendagri 86/2017 as an XLSX, in the form's columns and numbering.

Columns 5–14 each have K (kinerja) and Rp (anggaran); K is filled, Rp is left for when budgets are
tracked. Cells hold numbers; their number formats show them the Indonesian way in Excel.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from reports.evaluation import PAIRED, Evaluation, EvaluationRow, headings, summary_labels
from reports.models import Letterhead
from reports.narrative import quarter_label
from targets.choices import Unit

# Excel shows these with the reader's separators: 1.311 and 3,35% in an Indonesian Excel.
FORMATS = {Unit.RUPIAH: '"Rp" #,##0', Unit.PERCENT: '#,##0.00"%"', Unit.UNIT: "#,##0", Unit.ORANG: "#,##0"}
PERCENT_FORMAT = '#,##0.00"%"'
# Columns 1–4 are single; 5–14 are K and Rp pairs (PAIRED); 15 and 16 single again.
HEAD_ROW = 5  # the first heading row; the numbering row is HEAD_ROW + 3
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEF1F4")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")


def column_of(number: int, budget: bool = False) -> int:
    """The sheet column (1-based) of the form's column `number`; `budget` for its Rp half."""
    if number <= 4:
        return number
    if number in PAIRED:
        return 5 + (number - 5) * 2 + (1 if budget else 0)
    return 25 + (number - 15)


LAST_COLUMN = column_of(16)


def _cell(sheet, row, column, value, *, alignment=WRAP, number_format=None, bold=False, fill=None):
    cell = sheet.cell(row=row, column=column, value=value)
    cell.border = BOX
    cell.alignment = alignment
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    if fill:
        cell.fill = fill
    return cell


def _merge(sheet, top, left, bottom, right, value, **style):
    for row in range(top, bottom + 1):
        for column in range(left, right + 1):
            _cell(sheet, row, column, None, **style)
    _cell(sheet, top, left, value, **style)
    if (top, left) != (bottom, right):
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)


def _write_headings(sheet):
    """Three heading rows as the form has them, then the row numbering the columns 1–16."""
    top, quarters_row, halves_row, numbers_row = HEAD_ROW, HEAD_ROW + 1, HEAD_ROW + 2, HEAD_ROW + 3
    style = {"alignment": CENTRE, "bold": True, "fill": HEAD_FILL}
    titles = headings()
    for number in (1, 2, 3, 4, 15, 16):
        column = column_of(number)
        _merge(sheet, top, column, halves_row, column, titles[number], **style)
    for number in (5, 6, 7, 12, 13, 14):
        _merge(
            sheet,
            top,
            column_of(number),
            quarters_row,
            column_of(number, budget=True),
            titles[number],
            **style,
        )
    _merge(sheet, top, column_of(8), top, column_of(11, budget=True), titles[8], **style)
    for quarter, number in enumerate(range(8, 12), start=1):
        label = quarter_label(quarter).replace("TW ", "")
        _merge(
            sheet,
            quarters_row,
            column_of(number),
            quarters_row,
            column_of(number, budget=True),
            label,
            **style,
        )
    for number in PAIRED:
        _cell(sheet, halves_row, column_of(number), "K", **style)
        _cell(sheet, halves_row, column_of(number, budget=True), "Rp", **style)
    for number in range(1, 17):
        right = column_of(number, budget=True) if number in PAIRED else column_of(number)
        _merge(sheet, numbers_row, column_of(number), numbers_row, right, number, **style)
    return numbers_row + 1


def _write_row(sheet, line: int, row: EvaluationRow):
    indicator = row.indicator
    figure = FORMATS[indicator.unit]
    _cell(sheet, line, column_of(1), row.number)
    _cell(sheet, line, column_of(2), None)
    _cell(sheet, line, column_of(3), None)
    _cell(sheet, line, column_of(4), f"{indicator.name} ({indicator.get_unit_display()})")
    values = {
        5: row.plan_target,
        6: row.last_year,
        7: row.target,
        **{7 + q: row.quarters[q] for q in row.quarters},
        12: row.realization,
        13: row.realization,
    }
    for number, value in values.items():
        _cell(sheet, line, column_of(number), value, number_format=figure)
    _cell(sheet, line, column_of(14), row.plan_achievement, number_format=PERCENT_FORMAT)
    for number in PAIRED:
        _cell(sheet, line, column_of(number, budget=True), None, number_format='"Rp" #,##0')
    _cell(sheet, line, column_of(15), indicator.bureau.name)
    _cell(sheet, line, column_of(16), row.remarks())


def _write_summary(sheet, line: int, data: Evaluation) -> None:
    """Below the table: the average achievement and its category, then the factors and follow-ups."""
    label_end = column_of(4)
    lists = [data.driving(), data.inhibiting(), data.next_quarter(), data.next_plan()]
    values = [data.average, str(data.category.label) if data.category else "–"] + [
        "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1)) or "–" for items in lists
    ]
    for index, (label, value) in enumerate(zip(summary_labels(), values, strict=True)):
        _merge(sheet, line, 1, line, label_end, label, bold=True)
        number_format = PERCENT_FORMAT if index == 0 else None
        _merge(sheet, line, label_end + 1, line, LAST_COLUMN, value, number_format=number_format)
        if isinstance(value, str) and "\n" in value:
            sheet.row_dimensions[line].height = 13 * (value.count("\n") + 1) + 4
        line += 1


def evaluation_xlsx(data: Evaluation) -> bytes:
    """The workbook's bytes: a title block, the form's headings, a row per indicator, the summary."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"Evaluasi {data.year} TW{data.quarter}"
    letterhead = Letterhead.current()
    agency = letterhead.agency + (f" · {data.bureau.name}" if data.bureau else "")
    sheet["A1"] = _("Evaluasi terhadap Hasil Renja Perangkat Daerah").upper()
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = f"{letterhead.government}"
    sheet["A3"] = _("Perangkat Daerah: %(agency)s") % {"agency": agency}
    sheet["A4"] = _("Periode pelaksanaan: tahun %(year)s s.d. %(quarter)s") % {
        "year": data.year,
        "quarter": quarter_label(data.quarter),
    }
    line = _write_headings(sheet)
    for row in data.rows:
        _write_row(sheet, line, row)
        line += 1
    _write_summary(sheet, line, data)
    widths = {1: 5, 2: 14, 3: 14, 4: 34, column_of(15): 22, column_of(16): 40}
    for column in range(1, LAST_COLUMN + 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 12 if column % 2 else 6)
    sheet.freeze_panes = sheet.cell(row=HEAD_ROW + 4, column=5)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
