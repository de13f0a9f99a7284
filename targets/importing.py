"""Realizations uploaded as CSV or XLSX in the bureau sheet's layout (targets.sheet).

All or nothing: a file with any bad row saves nothing, and the bad rows are listed with their
reasons. A figure that is probably a slip is listed too, and the file is saved only once the person
confirms. Saving goes through workflow.write_realizations like the entry form: drafts only, never
into a submitted or approved quarter, never over a row saved since the file was exported.

A file cannot exhaust the server: the CSV is read as a stream, an XLSX's unpacked size is checked
before it is parsed (read-only), and the rows, the time and the listed problems are capped.
"""

from __future__ import annotations

import codecs
import csv
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from targets import sheet
from targets.choices import YEARS, Aggregation, RegionKind, Step
from targets.entry import EntryRow, previous_period
from targets.figures import LAST_YEAR, PATH, PREVIOUS, Reference, check_value, review
from targets.models import Bureau, Indicator, Realization, Region, Target
from targets.numbers import parse_cell
from targets.regions import derives
from targets.workflow import Refused, RowChange, refusals, write_realizations


class SheetError(Exception):
    """The file cannot be read as a bureau sheet at all."""


@dataclass(frozen=True)
class Limits:
    rows: int
    unpacked_bytes: int
    seconds: float
    listed: int


def limits() -> Limits:
    """The caps on one import; each can be lowered (or raised) in the settings.

    A bureau sheet is a few dozen rows, well under a megabyte unpacked. openpyxl reads a whole sheet
    that declares no dimensions before yielding its first row, so the unpacked cap also bounds that
    time (about 1 s for 5 MB on a slow machine)."""
    return Limits(
        rows=getattr(settings, "IMPORT_MAX_ROWS", 5000),
        unpacked_bytes=getattr(settings, "IMPORT_MAX_UNPACKED_MB", 5) * 1024 * 1024,
        seconds=getattr(settings, "IMPORT_MAX_SECONDS", 10),
        listed=getattr(settings, "IMPORT_MAX_LISTED", 50),
    )


@dataclass
class BadRow:
    line: int
    code: str
    reasons: list[str] = field(default_factory=list)


class ListsBadRows:
    """The bad rows a page lists (at most `listed` of them) and how many more there are."""

    bad: list[BadRow]
    listed: int

    @property
    def bad_shown(self) -> list[BadRow]:
        return self.bad[: self.listed]

    @property
    def bad_more(self) -> int:
        return max(0, len(self.bad) - self.listed)


@dataclass
class Outcome(ListsBadRows):
    changed: int = 0
    unchanged: int = 0
    skipped_ratios: int = 0
    # Rows of kabupaten/kota (their operators enter those figures): read past, not saved.
    skipped_regencies: int = 0
    bad: list[BadRow] = field(default_factory=list)
    warned: list[BadRow] = field(default_factory=list)
    listed: int = 50

    @property
    def saved(self) -> bool:
        return not self.bad and not self.warned

    @property
    def warned_shown(self) -> list[BadRow]:
        return self.warned[: self.listed]

    @property
    def warned_more(self) -> int:
        return max(0, len(self.warned) - self.listed)


class Clock:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise SheetError(
                _("Berkas ini terlalu lama dibaca; pecah menjadi beberapa berkas yang lebih kecil.")
            )


def _too_long(cap: int) -> SheetError:
    return SheetError(_("Berkas terlalu panjang: paling banyak %(rows)s baris.") % {"rows": cap})


def _unreadable() -> SheetError:
    return SheetError(_("Berkas tidak dapat dibaca sebagai CSV atau XLSX."))


def _encoding(upload) -> str:
    """UTF-8 (with or without a BOM) when every byte decodes so, else Windows-1252 (Excel's ANSI)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                raise SheetError(_("Berkas CSV harus berupa teks UTF-8 atau Windows-1252."))
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _lines(upload, encoding: str) -> Iterator[str]:
    """The file's lines, decoded chunk by chunk: never the whole file in memory at once."""
    decoder = codecs.getincrementaldecoder(encoding)()
    upload.seek(0)
    pending = ""
    for chunk in upload.chunks():
        pending += decoder.decode(chunk)
        *lines, pending = pending.split("\n")
        yield from (f"{line}\n" for line in lines)
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending


def _csv_rows(upload) -> tuple[Iterator[list], str]:
    encoding = _encoding(upload)
    lines = _lines(upload, encoding)
    first = next(lines, "")
    # Excel in an Indonesian locale separates with semicolons and writes decimal commas.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    convention = "id" if delimiter == ";" else "raw"

    def rows():
        yield from csv.reader([first], delimiter=delimiter)
        yield from csv.reader(lines, delimiter=delimiter)

    return rows(), convention


def _xlsx_rows(upload, cap: Limits) -> Iterator[list]:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise _unreadable() from None
    # A zip's members are read no further than their declared size, so the sum bounds the parse.
    unpacked = sum(member.file_size for member in members)
    if unpacked > cap.unpacked_bytes or len(members) > 1000:
        raise SheetError(
            _("Isi berkas XLSX terlalu besar setelah dibuka (%(size)s MB; batasnya %(limit)s MB).")
            % {"size": unpacked // (1024 * 1024), "limit": cap.unpacked_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise _unreadable() from None
    try:
        for row in workbook.active.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def read_sheet(
    upload,
    cap: Limits | None = None,
    clock: Clock | None = None,
    *,
    columns=None,
    header=str.strip,
) -> tuple[list[dict], str]:
    """The file's rows as {header: cell}, and how its text numbers are written ("raw" or "id").

    `columns` are the headers the file must have (the bureau export's by default), each header read
    through `header` first. Streamed, with the caps of `limits()`: rows, an XLSX's unpacked size, time.
    """
    cap = cap or limits()
    clock = clock or Clock(cap.seconds)
    if Path(upload.name).suffix.lower() == ".xlsx":
        rows, convention = _xlsx_rows(upload, cap), "raw"
    else:
        rows, convention = _csv_rows(upload)
    records = []
    try:
        header_row = next(rows, None) or []
        headers = [header(str(h)) if h is not None else "" for h in header_row]
        missing = [column for column in (columns or sheet.IMPORTED) if column not in headers]
        if missing:
            message = (
                _("Susunan kolom tidak sesuai berkas ekspor; kolom yang tidak ada: %(columns)s.")
                if columns is None
                else _("Kolom berikut tidak ada: %(columns)s.")
            )
            raise SheetError(message % {"columns": ", ".join(missing)})
        for row in rows:
            if len(records) >= cap.rows:
                raise _too_long(cap.rows)
            clock.check()
            records.append(dict(zip(headers, row, strict=False)))
    except (csv.Error, UnicodeDecodeError):
        raise _unreadable() from None
    finally:
        rows.close()
    return records, convention


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    text = str(value or "").strip()
    # An exported CSV neutralises a text cell that a spreadsheet would run: take it back.
    return text[1:] if text.startswith("'") and text[1:].startswith(sheet.FORMULA_STARTS) else text


def _year(value) -> int | None:
    try:
        year = int(Decimal(str(value).strip()))
    except Exception:
        return None
    return year if year in YEARS and Decimal(str(value).strip()) == year else None


def _version(record: dict, quarter: int) -> int | None:
    """The row version the file was exported at: 0 for an empty cell (no row then); None without the
    column (a hand-made file), which cannot be checked."""
    column = sheet.VERSION_COLUMNS[quarter]
    if column not in record:
        return None
    cell = record[column]
    if _blank(cell):
        return 0
    try:
        return int(Decimal(str(cell).strip()))
    except Exception:
        return -1  # matches no stored version: refused as changed since


@dataclass
class _Context:
    """What the checks of a figure compare it with: stored rows and targets, and the file's own figures."""

    stored: dict
    targets: dict
    in_file: dict

    def value(self, indicator, year, quarter):
        if (indicator.pk, year, quarter) in self.in_file:
            return self.in_file[(indicator.pk, year, quarter)]
        stored = self.stored.get((indicator.pk, year, quarter))
        return stored.value if stored else None

    def references(self, indicator, year, quarter) -> list[Reference]:
        path = EntryRow(
            indicator,
            self.targets.get((indicator.pk, year)),
            None,
            None,
            quarter,
            previous_target=self.targets.get((indicator.pk, year - 1)),
        ).quarterly_target
        return [
            Reference(str(PREVIOUS), self.value(indicator, *previous_period(year, quarter))),
            Reference(str(LAST_YEAR), self.value(indicator, year - 1, quarter)),
            Reference(str(PATH), path),
        ]


def _list_problems(outcome: Outcome, problems, where: dict) -> None:
    """The write path's refusals as reasons of the lines they come from."""
    rows = {bad.line: bad for bad in outcome.bad}
    for problem in problems:
        line, code, column = where[id(problem.change)]
        rows.setdefault(line, BadRow(line, code)).reasons.append(f"{column}: {problem.message}")
    outcome.bad = sorted(rows.values(), key=lambda bad: bad.line)


def region_kinds() -> dict[str, str]:
    """Every region's kind by its code: one query."""
    return dict(Region.objects.values_list("code", "kind"))


def region_code(record: dict) -> str:
    """The row's region code; empty in a file without the column (read as a province row)."""
    return _text(record.get(sheet.REGION_CODE))


def _derived_refusal(column: str) -> str:
    return f"{column}: " + _(
        "angka provinsi dihitung dari kabupaten/kota; ubah angka kabupaten/kota lewat operatornya, "
        "lalu hitung ulang angka provinsi di halaman indikator."
    )


def quarter_values(record: dict, unit: str, convention: str, bad: BadRow):
    """Each filled quarter of a row as (quarter, column, cell, value, other reading); a cell that is not
    a figure of the unit adds its reason to `bad` instead."""
    for quarter, column in sheet.QUARTER_COLUMNS.items():
        cell = record.get(column)
        if _blank(cell):
            continue
        try:
            value, other = parse_cell(cell, convention)
            check_value(value, unit)
        except ValidationError as error:
            bad.reasons.append(f"{column}: {' '.join(error.messages)}")
            continue
        yield quarter, column, cell, value, other


def import_sheet(upload, bureau: Bureau, user, *, confirmed: bool = False) -> Outcome:
    """Check every row, then save every change as a draft, or nothing at all. A row of a kabupaten/kota is
    skipped and counted; a province figure derived from the regencies is refused unless it is unchanged."""
    cap = limits()
    clock = Clock(cap.seconds)
    records, convention = read_sheet(upload, cap, clock)
    kinds = region_kinds()
    codes = {_text(r.get(sheet.CODE)) for r in records}
    series = {s.code: s for s in Indicator.objects.filter(code__in=codes)}
    outcome = Outcome(listed=cap.listed)
    years = {_year(r.get(sheet.YEAR)) for r in records} - {None}
    around = years | {year - 1 for year in years}
    context = _Context(
        stored={
            (r.indicator_id, r.year, r.quarter): r
            for r in Realization.objects.filter(indicator__in=series.values(), year__in=around)
        },
        targets={
            (t.indicator_id, t.year): t
            for t in Target.objects.filter(indicator__in=series.values(), year__in=around)
        },
        in_file={},
    )
    planned: list[tuple[RowChange, int, str, str, str, Decimal | None]] = []
    seen = set()
    for line, record in enumerate(records, start=2):
        clock.check()
        if all(_blank(record.get(column)) for column in sheet.IMPORTED):
            continue
        code = _text(record.get(sheet.CODE))
        bad = BadRow(line, code)
        where = region_code(record)
        if where and kinds.get(where) not in (None, RegionKind.PROVINCE):
            outcome.skipped_regencies += 1
            continue
        indicator = series.get(code)
        year = _year(record.get(sheet.YEAR))
        if where and where not in kinds:
            bad.reasons.append(_("Kode wilayah %(code)s tidak dikenal.") % {"code": where})
        if not code:
            bad.reasons.append(_("Kode kosong."))
        elif indicator is None:
            bad.reasons.append(_("Kode %(code)s tidak dikenal.") % {"code": code})
        elif indicator.bureau_id != bureau.pk:
            bad.reasons.append(_("Bukan data bidang %(bureau)s.") % {"bureau": bureau.name})
        if year is None:
            bad.reasons.append(_("Tahun tidak sah: %(value)s.") % {"value": record.get(sheet.YEAR)})
        if bad.reasons:
            outcome.bad.append(bad)
            continue
        if indicator.aggregation == Aggregation.RATIO:
            # Ratios are computed from their two series; the sheet shows them for reading only.
            outcome.skipped_ratios += 1
            continue
        if (code, year) in seen:
            outcome.bad.append(BadRow(line, code, [_("Baris ganda untuk kode dan tahun ini.")]))
            continue
        seen.add((code, year))
        for quarter, column, cell, value, other in quarter_values(record, indicator.unit, convention, bad):
            stored = context.stored.get((indicator.pk, year, quarter))
            if derives(indicator) and (stored is None or stored.value != value):
                bad.reasons.append(_derived_refusal(column))
                continue
            context.in_file[(indicator.pk, year, quarter)] = value
            change = RowChange(indicator, year, quarter, value, seen=_version(record, quarter))
            planned.append((change, line, code, column, str(cell), other))
        if bad.reasons:
            outcome.bad.append(bad)
    where = {id(change): (line, code, column) for change, line, code, column, *_rest in planned}
    _list_problems(outcome, refusals(bureau, [change for change, *_rest in planned]), where)
    if outcome.bad:
        return outcome

    warned = {}
    for change, line, code, column, text, other in planned:
        stored = context.stored.get((change.indicator.pk, change.year, change.quarter))
        if confirmed or (stored is not None and stored.value == change.value):
            continue
        references = context.references(change.indicator, change.year, change.quarter)
        warning = review(change.value, change.indicator.unit, references, text=text, other=other)
        if warning is not None:
            warned.setdefault(line, BadRow(line, code)).reasons.append(f"{column}: {warning.message}")
    outcome.warned = list(warned.values())
    if outcome.warned:
        return outcome

    changes = [change for change, *_rest in planned]
    try:
        outcome.changed = write_realizations(bureau, user, changes, Step.IMPORT)
    except Refused as refused:  # someone wrote in the meantime
        _list_problems(outcome, refused.problems, where)
        return outcome
    outcome.unchanged = len(changes) - outcome.changed
    return outcome
