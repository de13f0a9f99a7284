"""A table of targets uploaded as CSV or XLSX: checked row by row, saved all or nothing.

Columns: kode, tahun, target tahunan, TW I–TW IV, sumber, alasan. Numbers are spreadsheet
numbers, or text written the Indonesian way (`2.872`, `3,81`) or raw (`3.81` where it cannot be
Indonesian). The file is bounded before it is read: its size, an XLSX's uncompressed size, and
the number of rows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from targets.choices import YEARS
from targets.models import Indicator, User
from targets.numbers import parse_number, parse_raw
from targets.planning import TargetFigures, check_target, save_target

HEADERS = ("kode", "tahun", "target tahunan", "tw i", "tw ii", "tw iii", "tw iv", "sumber", "alasan")
REQUIRED = ("kode", "tahun", "target tahunan", "alasan")
# The figures' columns, by the name the target's fields have.
NUMBER_COLUMNS = {"value": "target tahunan", "q1": "tw i", "q2": "tw ii", "q3": "tw iii", "q4": "tw iv"}
MAX_ROWS = 2000
MAX_UNCOMPRESSED = 20 * 1024 * 1024
MAX_LISTED = 50


class TableError(Exception):
    """The file cannot be read as a target table at all."""


@dataclass
class BadRow:
    line: int
    code: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    changed: int = 0
    unchanged: int = 0
    bad: list[BadRow] = field(default_factory=list)
    bad_count: int = 0

    @property
    def saved(self) -> bool:
        return not self.bad_count

    @property
    def unlisted(self) -> int:
        return self.bad_count - len(self.bad)


def _too_many():
    return TableError(_("Berkas memuat lebih dari %(rows)s baris.") % {"rows": MAX_ROWS})


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(_("Berkas CSV harus bertuliskan UTF-8.")) from None
    first = text[: text.find("\n")]
    # Excel in an Indonesian locale separates with semicolons.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise TableError(_("Berkas XLSX tidak dapat dibaca.")) from None
    if unpacked > MAX_UNCOMPRESSED:
        raise TableError(_("Isi berkas XLSX terlalu besar setelah dibuka."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise TableError(_("Berkas XLSX tidak dapat dibaca.")) from None
    yield from workbook.worksheets[0].iter_rows(values_only=True)


def read_table(name: str, content: bytes) -> list[dict]:
    """The table's rows as {header: cell}, with each row's line number under "_line"."""
    reader = _xlsx_rows(content) if Path(name).suffix.lower() == ".xlsx" else _csv_rows(content)
    try:
        header = next(reader)
    except StopIteration:
        raise TableError(_("Berkas kosong.")) from None
    names = [" ".join(str(cell or "").split()).lower() for cell in header]
    missing = [h for h in REQUIRED if h not in names]
    if missing:
        raise TableError(_("Kolom berikut tidak ada: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(str(cell or "").strip() for cell in cells):
            continue
        if len(rows) == MAX_ROWS:
            raise _too_many()
        row = {h: cells[i] if i < len(cells) else None for i, h in enumerate(names) if h in HEADERS}
        row["_line"] = line
        rows.append(row)
    return rows


def read_number(cell) -> Decimal | None:
    """A spreadsheet number, or text written the Indonesian way, or raw digits as exported."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        return parse_raw(cell)
    text = str(cell).strip()
    try:
        return parse_number(text, "id")
    except ValidationError as indonesian:
        try:
            return parse_raw(text)
        except ValidationError:
            raise indonesian from None


def _text(cell) -> str:
    return "" if cell is None else str(cell).strip()


def _year(cell) -> int | None:
    try:
        year = int(Decimal(_text(cell)))
    except ArithmeticError:
        return None
    return year if year in YEARS else None


def _check_row(row: dict, indicators: dict[str, Indicator], seen: set) -> tuple[BadRow | None, tuple | None]:
    code = _text(row.get("kode"))
    bad = BadRow(row["_line"], code)
    indicator = indicators.get(code)
    if indicator is None:
        bad.reasons.append(_("Kode indikator tidak dikenal (data pendukung tidak punya target)."))
    year = _year(row.get("tahun"))
    if year is None:
        bad.reasons.append(_("Tahun tidak dikenali."))
    numbers = {}
    for name, header in (
        ("value", "target tahunan"),
        *((f"q{q}", f"tw {'i' * q if q < 4 else 'iv'}") for q in (1, 2, 3, 4)),
    ):
        try:
            numbers[name] = read_number(row.get(header))
        except ValidationError as error:
            bad.reasons.append(f"{header.upper()}: {error.messages[0]}")
    reason = _text(row.get("alasan"))
    if not reason:
        bad.reasons.append(_("Kolom alasan wajib diisi."))
    if (code, year) in seen:
        bad.reasons.append(_("Kode dan tahun yang sama sudah ada di baris lain."))
    seen.add((code, year))
    if bad.reasons or indicator is None or year is None:
        return bad, None
    figures = TargetFigures(
        numbers["value"], {q: numbers[f"q{q}"] for q in (1, 2, 3, 4)}, _text(row.get("sumber"))
    )
    for messages in check_target(indicator, year, figures).values():
        bad.reasons.extend(messages)
    if bad.reasons:
        return bad, None
    return None, (indicator, year, figures, reason)


def import_targets(name: str, content: bytes, user: User) -> Outcome:
    """Check every row; save them all if every one is right, else nothing."""
    rows = read_table(name, content)
    indicators = {i.code: i for i in Indicator.objects.targeted()}
    outcome, good, seen = Outcome(), [], set()
    for row in rows:
        bad, checked = _check_row(row, indicators, seen)
        if bad is not None:
            outcome.bad_count += 1
            if len(outcome.bad) < MAX_LISTED:
                outcome.bad.append(bad)
        else:
            good.append(checked)
    if outcome.bad_count:
        return outcome
    with transaction.atomic():
        for indicator, year, figures, reason in good:
            _target, changed = save_target(indicator, year, figures, reason, user)
            if changed:
                outcome.changed += 1
            else:
                outcome.unchanged += 1
    return outcome
