"""Realizations uploaded as CSV or XLSX in the bureau sheet's layout (targets.sheet).

All or nothing: a file with any bad row saves nothing, and every bad row is listed with its
reasons. A good file saves drafts, never approvals; a value equal to the stored one is no change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from targets import sheet
from targets.choices import YEARS, Aggregation, Status, Step
from targets.forms import check_value
from targets.models import Bureau, Indicator, Realization
from targets.numbers import parse_raw
from targets.workflow import EDITABLE, history_reason, lock_bureau, log_step


class SheetError(Exception):
    """The file cannot be read as a bureau sheet at all."""


@dataclass
class BadRow:
    line: int
    code: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    changed: int = 0
    unchanged: int = 0
    skipped_ratios: int = 0
    bad: list[BadRow] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return not self.bad


def read_sheet(upload) -> tablib.Dataset:
    suffix = Path(upload.name).suffix.lower()
    content = upload.read()
    try:
        if suffix == ".xlsx":
            data = tablib.Dataset().load(content, format="xlsx")
        else:
            text = content.decode("utf-8-sig")
            first = text.split("\n", 1)[0]
            delimiter = ";" if first.count(";") > first.count(",") else ","
            data = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except UnicodeDecodeError:
        raise SheetError(_("Berkas CSV harus disimpan dengan pengodean UTF-8.")) from None
    except Exception:
        raise SheetError(_("Berkas tidak dapat dibaca sebagai CSV atau XLSX.")) from None
    headers = [str(h).strip() if h is not None else "" for h in (data.headers or [])]
    missing = [column for column in sheet.IMPORTED if column not in headers]
    if missing:
        raise SheetError(
            _("Susunan kolom tidak sesuai berkas ekspor; kolom yang tidak ada: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    data.headers = headers
    return data


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _year(value) -> int | None:
    try:
        year = int(Decimal(str(value).strip()))
    except Exception:
        return None
    return year if year in YEARS and Decimal(str(value).strip()) == year else None


def import_sheet(upload, bureau: Bureau, user) -> Outcome:
    """Check every row, then save every change as a draft, or nothing at all."""
    data = read_sheet(upload)
    records = [dict(zip(data.headers, row, strict=False)) for row in data]
    codes = {str(r.get(sheet.CODE) or "").strip() for r in records}
    series = {s.code: s for s in Indicator.objects.filter(code__in=codes)}
    outcome = Outcome()
    with transaction.atomic():
        lock_bureau(bureau)
        years = {_year(r.get(sheet.YEAR)) for r in records} - {None}
        stored = {
            (r.indicator_id, r.year, r.quarter): r
            for r in Realization.objects.filter(indicator__in=series.values(), year__in=years)
        }
        planned: list[tuple[Realization, Decimal]] = []
        seen = set()
        for line, record in enumerate(records, start=2):
            if all(_blank(record.get(column)) for column in sheet.IMPORTED):
                continue
            code = str(record.get(sheet.CODE) or "").strip()
            bad = BadRow(line, code)
            indicator = series.get(code)
            year = _year(record.get(sheet.YEAR))
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
            for quarter, column in sheet.QUARTER_COLUMNS.items():
                cell = record.get(column)
                if _blank(cell):
                    continue
                try:
                    value = parse_raw(cell)
                    check_value(value, indicator.unit)
                except ValidationError as error:
                    bad.reasons.append(f"{column}: {' '.join(error.messages)}")
                    continue
                current = stored.get((indicator.pk, year, quarter))
                if current is not None and current.value == value:
                    outcome.unchanged += 1
                    continue
                if current is not None and current.status not in EDITABLE:
                    bad.reasons.append(
                        _("%(column)s: triwulan ini %(status)s dan terkunci; nilainya tidak dapat diubah.")
                        % {"column": column, "status": current.get_status_display()}
                    )
                    continue
                realization = current or Realization(indicator=indicator, year=year, quarter=quarter)
                planned.append((realization, value))
            if bad.reasons:
                outcome.bad.append(bad)
        if outcome.bad:
            return outcome
        touched = set()
        for realization, value in planned:
            realization.value = value
            realization.status = Status.DRAFT
            realization.updated_by = user
            realization._change_reason = history_reason(Step.IMPORT, "")
            realization.save()
            touched.add((realization.year, realization.quarter))
        for year, quarter in sorted(touched):
            log_step(bureau, year, quarter, Step.IMPORT, user)
        outcome.changed = len(planned)
    return outcome
