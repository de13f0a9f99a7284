"""A table of targets uploaded as CSV or XLSX: checked row by row, saved all or nothing.

Columns: kode, tahun, target tahunan, TW I–TW IV, sumber, alasan. Numbers are spreadsheet
numbers, or text written the Indonesian way (`2.872`, `3,81`) or raw (`3.81` where it cannot be
Indonesian). The file is read by the bureau import's reader, within its caps (an XLSX's unpacked
size, the number of rows, the time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from targets.choices import YEARS
from targets.importing import BadRow, limits, read_sheet
from targets.models import Indicator, User
from targets.numbers import parse_number, parse_raw
from targets.planning import TargetFigures, check_target, save_target

HEADERS = ("kode", "tahun", "target tahunan", "tw i", "tw ii", "tw iii", "tw iv", "sumber", "alasan")
REQUIRED = ("kode", "tahun", "target tahunan", "alasan")
# The figures' columns, by the name the target's fields have.
NUMBER_COLUMNS = {"value": "target tahunan", "q1": "tw i", "q2": "tw ii", "q3": "tw iii", "q4": "tw iv"}


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


def _header(text: str) -> str:
    return " ".join(text.split()).lower()


def read_table(upload) -> list[dict]:
    """The table's rows as {header: cell}, with each row's line number under "_line"; read by the
    bureau import's reader, with its caps."""
    records, _convention = read_sheet(upload, columns=REQUIRED, header=_header)
    rows = []
    for line, record in enumerate(records, start=2):
        if not any(str(cell or "").strip() for cell in record.values()):
            continue
        rows.append({**{h: record.get(h) for h in HEADERS}, "_line": line})
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


def import_targets(upload, user: User) -> Outcome:
    """Check every row; save them all if every one is right, else nothing."""
    rows = read_table(upload)
    indicators = {i.code: i for i in Indicator.objects.targeted()}
    outcome, good, seen = Outcome(), [], set()
    for row in rows:
        bad, checked = _check_row(row, indicators, seen)
        if bad is not None:
            outcome.bad_count += 1
            if len(outcome.bad) < limits().listed:
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
