"""A regency operator's sheet: their kabupaten/kota's rows of the bureau sheet layout (targets.sheet),
exported to start from and imported back as drafts through regional_entry.write_regional_rows.

The same reading as the bureau import (importing.read_sheet: streamed, capped, hostile files refused)
and the same rule: all or nothing. A row of another region, the province's included, is refused with
its line, since a regency operator writes only their own figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from targets import sheet
from targets.importing import (
    BadRow,
    Clock,
    ListsBadRows,
    _blank,
    _text,
    _year,
    limits,
    quarter_values,
    read_sheet,
    region_code,
)
from targets.models import Region, RegionalRealization
from targets.regional_entry import RegionalRefused, RegionalRow, regional_series, write_regional_rows

# What the operator's import reads; the rest of the layout is for the reader.
IMPORTED = [sheet.CODE, sheet.YEAR, sheet.REGION_CODE, *sheet.QUARTER_COLUMNS.values()]


@dataclass
class RegionalOutcome(ListsBadRows):
    changed: int = 0
    rows: int = 0
    bad: list[BadRow] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    listed: int = 50

    @property
    def saved(self) -> bool:
        return not self.bad and not self.refused


def export_rows(region: Region, year: int) -> list[list]:
    """The regency's rows of a year, one per series it reports, in Indonesian: two queries."""
    series = list(
        regional_series()
        .select_related("bureau")
        .order_by("bureau__order", "bureau__name", "is_supporting", "order", "code")
    )
    figures: dict[int, dict[int, tuple]] = {}
    for indicator_id, quarter, value, status in RegionalRealization.objects.filter(
        region=region, year=year, indicator__in=series
    ).values_list("indicator_id", "quarter", "value", "status"):
        figures.setdefault(indicator_id, {})[quarter] = (value, status)
    with translation.override("id"):
        return [
            sheet.regency_row(indicator, year, region, figures.get(indicator.pk, {})) for indicator in series
        ]


def _stored(region: Region, rows: list[RegionalRow]) -> dict:
    if not rows:
        return {}
    figures = RegionalRealization.objects.filter(
        region=region, indicator__in={row.indicator for row in rows}, year__in={row.year for row in rows}
    ).values_list("indicator_id", "year", "quarter", "value")
    return {(indicator_id, year, quarter): value for indicator_id, year, quarter, value in figures}


def _where_refusal(where: str, region: Region) -> str:
    if not where:
        return _("Kode wilayah kosong; isi %(code)s untuk baris %(name)s.") % {
            "code": region.code,
            "name": region.name,
        }
    return _(
        "Baris wilayah %(where)s, bukan %(name)s (%(code)s): hanya angka kabupaten/kota Anda sendiri yang "
        "dapat diimpor di sini."
    ) % {"where": where, "name": region.name, "code": region.code}


def import_regional_sheet(upload, region: Region, user) -> RegionalOutcome:
    """Check every row, then save the regency's figures as drafts, or nothing at all."""
    cap = limits()
    clock = Clock(cap.seconds)
    records, convention = read_sheet(upload, cap, clock, columns=IMPORTED)
    codes = {_text(record.get(sheet.CODE)) for record in records}
    series = {s.code: s for s in regional_series().filter(code__in=codes).select_related("bureau")}
    outcome = RegionalOutcome(listed=cap.listed)
    rows: list[RegionalRow] = []
    seen = set()
    for line, record in enumerate(records, start=2):
        clock.check()
        if all(_blank(record.get(column)) for column in IMPORTED):
            continue
        code = _text(record.get(sheet.CODE))
        bad = BadRow(line, code)
        where = region_code(record)
        indicator = series.get(code)
        year = _year(record.get(sheet.YEAR))
        if where != region.code:
            bad.reasons.append(_where_refusal(where, region))
        if not code:
            bad.reasons.append(_("Kode kosong."))
        elif indicator is None:
            bad.reasons.append(_("Kode %(code)s tidak dilaporkan per kabupaten/kota.") % {"code": code})
        if year is None:
            bad.reasons.append(_("Tahun tidak sah: %(value)s.") % {"value": record.get(sheet.YEAR)})
        elif (code, year) in seen:
            bad.reasons.append(_("Baris ganda untuk kode dan tahun ini."))
        if bad.reasons:
            outcome.bad.append(bad)
            continue
        seen.add((code, year))
        for quarter, _column, _cell, value, _other in quarter_values(record, indicator.unit, convention, bad):
            rows.append(RegionalRow(indicator, region, year, quarter, value))
        if bad.reasons:
            outcome.bad.append(bad)
    if outcome.bad:
        return outcome
    outcome.rows = len(rows)
    # A figure equal to the stored one is no change: an unchanged re-import of a closed quarter passes.
    stored = _stored(region, rows)
    rows = [row for row in rows if stored.get((row.indicator.pk, row.year, row.quarter)) != row.value]
    try:
        outcome.changed = write_regional_rows(user, rows)
    except RegionalRefused as refused:
        outcome.refused = refused.messages
    return outcome
