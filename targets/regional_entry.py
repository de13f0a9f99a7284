"""The one write path of the kabupaten/kota figures: a regency operator saves drafts and submits them,
the owning bureau accepts them or sends them back with a reason.

draft → submitted → accepted, or returned (with the reason the operator reads) and submitted again;
an accepted figure is locked until the bureau sends it back. A figure that changes bumps its version,
and a caller that saw an older version is refused, so nobody's work is overwritten unseen. Nothing is
written into a quarter whose province figures the head has approved, and a figure the province roll-up
counts cannot be accepted or sent back while the bureau's quarter is submitted or approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from targets import regency_years
from targets.choices import Aggregation, QuarterState, RegionalStatus, RegionKind, Step
from targets.entry import OPEN_STATES, period_states
from targets.models import Bureau, Indicator, Region, RegionalRealization
from targets.permissions import can_enter, can_enter_region
from targets.workflow import lock_bureau

# What an operator may still change.
OPERATOR_EDITABLE = frozenset({RegionalStatus.DRAFT, RegionalStatus.RETURNED})


class RegionalRefused(Exception):
    """Nothing was written; `messages` say why, one per refused figure."""

    def __init__(self, messages: list[str]):
        super().__init__(messages)
        self.messages = messages


def regional_series(bureau: Bureau | None = None):
    """The series a regency enters: those reported by region, except ratios (computed from their terms)."""
    series = Indicator.objects.filter(by_region=True).exclude(aggregation=Aggregation.RATIO)
    return series.filter(bureau=bureau) if bureau is not None else series


@dataclass(frozen=True)
class RegionalChange:
    """What an operator wants one regency figure to become."""

    indicator: Indicator
    year: int
    quarter: int
    value: Decimal
    # The row's version the caller started from: 0 when it saw no row; None when it cannot know.
    seen: int | None


def _label(action: str) -> str:
    if action == RegionalStatus.ACCEPTED:
        return str(RegionalStatus.ACCEPTED.label)
    return str(Step(action).label)


def _history_reason(action: str, reason: str = "") -> str:
    """The history's reason, in Indonesian whatever the page's language: it is a record."""
    with translation.override("id"):
        label = _label(action)
    return f"{label}: {reason}" if reason else label


def _province_state(bureau: Bureau, year: int, quarter: int) -> QuarterState:
    return period_states(bureau, [year])[(year, quarter)]


def _check_province_not_approved(bureau: Bureau, year: int, quarter: int) -> None:
    if _province_state(bureau, year, quarter) == QuarterState.APPROVED:
        raise RegionalRefused(
            [
                _(
                    "Angka provinsi %(bureau)s triwulan ini sudah disetujui Kepala Dinas; angka "
                    "kabupaten/kota tidak dapat diubah kecuali triwulan itu dibuka kembali."
                )
                % {"bureau": bureau.name}
            ]
        )


def _check_province_open(bureau: Bureau, year: int, quarter: int) -> None:
    state = _province_state(bureau, year, quarter)
    if state not in OPEN_STATES:
        raise RegionalRefused(
            [
                _(
                    "Angka provinsi triwulan ini %(state)s; angka kabupaten/kota yang dihitung ke dalamnya "
                    "tidak dapat diubah sampai triwulan itu dikembalikan atau dibuka kembali."
                )
                % {"state": state.label}
            ]
        )


def _require_operator(user, region: Region) -> None:
    if region.kind == RegionKind.PROVINCE or not can_enter_region(user, region):
        raise PermissionDenied


def _stale(row: RegionalRealization | None, seen: int | None) -> bool:
    version = row.version if row is not None else 0
    return seen is not None and seen != version


def _stale_message(indicator: Indicator, row: RegionalRealization | None, seen: int | None) -> str:
    return _(
        "%(name)s: diubah orang lain (versi %(stored)s) setelah versi %(seen)s yang Anda pakai; "
        "muat ulang halaman lalu periksa lagi."
    ) % {"name": indicator.name, "stored": row.version if row is not None else 0, "seen": seen}


def _locked_message(indicator: Indicator, row: RegionalRealization) -> str:
    return _("%(name)s: sudah %(status)s dan terkunci; nilainya tidak dapat diubah.") % {
        "name": indicator.name,
        "status": row.get_status_display(),
    }


def _stored(region: Region, indicators, years) -> dict[tuple[int, int, int], RegionalRealization]:
    return {
        (row.indicator_id, row.year, row.quarter): row
        for row in RegionalRealization.objects.select_for_update().filter(
            region=region, indicator__in=indicators, year__in=years
        )
    }


def save_drafts(user, region: Region, changes: list[RegionalChange], action: str = Step.SAVE) -> int:
    """Write every change as a draft of the operator's regency, or none (RegionalRefused). A change equal to
    the stored figure is no change. Returns how many figures were written."""
    _require_operator(user, region)
    if not changes:
        return 0
    allowed = set(regional_series().values_list("pk", flat=True))
    if any(change.indicator.pk not in allowed for change in changes):
        raise PermissionDenied
    with transaction.atomic(), regency_years.batched():
        bureaus = {change.indicator.bureau_id: change.indicator.bureau for change in changes}
        for bureau in bureaus.values():
            lock_bureau(bureau)
        for year, quarter, bureau in {(c.year, c.quarter, c.indicator.bureau) for c in changes}:
            _check_province_not_approved(bureau, year, quarter)
        stored = _stored(region, [c.indicator for c in changes], {c.year for c in changes})
        problems, writes = [], []
        for change in changes:
            row = stored.get((change.indicator.pk, change.year, change.quarter))
            if row is not None and row.value == change.value:
                continue
            if row is not None and row.status not in OPERATOR_EDITABLE:
                problems.append(_locked_message(change.indicator, row))
            elif _stale(row, change.seen):
                problems.append(_stale_message(change.indicator, row, change.seen))
            else:
                writes.append((change, row))
        if problems:
            raise RegionalRefused(problems)
        for change, row in writes:
            row = row or RegionalRealization(
                indicator=change.indicator,
                region=region,
                year=change.year,
                quarter=change.quarter,
                version=0,
            )
            row.value = change.value
            # A returned figure that is changed keeps its status until it is submitted again, so that the
            # reason stays in sight.
            if row.status != RegionalStatus.RETURNED:
                row.status = RegionalStatus.DRAFT
            row.version += 1
            row.updated_by = user
            row._change_reason = _history_reason(action)
            row.save()
        return len(writes)


def submit(user, region: Region, year: int, quarter: int) -> int:
    """Send the regency's drafts and returned figures of the quarter to their bureaus for review."""
    _require_operator(user, region)
    with transaction.atomic(), regency_years.batched():
        rows = list(
            RegionalRealization.objects.select_for_update()
            .filter(
                region=region,
                year=year,
                quarter=quarter,
                indicator__in=regional_series(),
                status__in=OPERATOR_EDITABLE,
            )
            .select_related("indicator__bureau")
        )
        if not rows:
            raise RegionalRefused([_("Tidak ada angka draf atau yang dikembalikan untuk diajukan.")])
        for bureau in {row.indicator.bureau for row in rows}:
            _check_province_not_approved(bureau, year, quarter)
        for row in rows:
            row.status = RegionalStatus.SUBMITTED
            row.reason = ""
            row.updated_by = user
            row._change_reason = _history_reason(Step.SUBMIT)
            row.save()
        return len(rows)


@dataclass(frozen=True)
class Decision:
    """A reviewer's step on one regency figure, with the version the page showed."""

    row_id: int
    seen: int | None


def _rows_to_review(user, bureau: Bureau, year: int, quarter: int, decisions: list[Decision]):
    if not can_enter(user, bureau):
        raise PermissionDenied
    rows = {
        row.pk: row
        for row in RegionalRealization.objects.select_for_update()
        .filter(
            pk__in=[d.row_id for d in decisions],
            indicator__in=regional_series(bureau),
            year=year,
            quarter=quarter,
        )
        .select_related("indicator", "region")
    }
    if len(rows) != len({d.row_id for d in decisions}):
        raise PermissionDenied
    return rows


def _under_review_problems(rows, decisions, statuses) -> list[str]:
    problems = []
    for decision in decisions:
        row = rows[decision.row_id]
        if row.status not in statuses:
            problems.append(
                _("%(name)s %(region)s: sudah %(status)s; muat ulang halaman.")
                % {"name": row.indicator.name, "region": row.region.name, "status": row.get_status_display()}
            )
        elif _stale(row, decision.seen):
            problems.append(_stale_message(row.indicator, row, decision.seen))
    return problems


def accept(user, bureau: Bureau, year: int, quarter: int, decisions: list[Decision]) -> int:
    """The owning bureau accepts submitted figures: they then count in the province roll-up."""
    if not decisions:
        raise RegionalRefused([_("Tidak ada angka yang diajukan untuk diterima.")])
    with transaction.atomic(), regency_years.batched():
        lock_bureau(bureau)
        rows = _rows_to_review(user, bureau, year, quarter, decisions)
        _check_province_open(bureau, year, quarter)
        problems = _under_review_problems(rows, decisions, {RegionalStatus.SUBMITTED})
        if problems:
            raise RegionalRefused(problems)
        for row in rows.values():
            row.status = RegionalStatus.ACCEPTED
            row.reason = ""
            row.updated_by = user
            row._change_reason = _history_reason(RegionalStatus.ACCEPTED)
            row.save()
        return len(rows)


def send_back(user, bureau: Bureau, year: int, quarter: int, decision: Decision, reason: str) -> None:
    """The owning bureau returns a submitted figure, or reopens an accepted one, with the reason the
    operator reads."""
    reason = (reason or "").strip()
    if not reason:
        raise RegionalRefused([_("Tuliskan alasannya.")])
    with transaction.atomic(), regency_years.batched():
        lock_bureau(bureau)
        rows = _rows_to_review(user, bureau, year, quarter, [decision])
        row = rows[decision.row_id]
        if row.status == RegionalStatus.ACCEPTED:
            # An accepted figure counts in the province figure: reopening it changes the roll-up.
            _check_province_open(bureau, year, quarter)
            action = Step.REOPEN
        else:
            _check_province_not_approved(bureau, year, quarter)
            action = Step.RETURN
        problems = _under_review_problems(
            rows, [decision], {RegionalStatus.SUBMITTED, RegionalStatus.ACCEPTED}
        )
        if problems:
            raise RegionalRefused(problems)
        row.status = RegionalStatus.RETURNED
        row.reason = reason
        row.updated_by = user
        row._change_reason = _history_reason(action, reason)
        row.save()


@dataclass(frozen=True)
class RegionalRow:
    """One row of an import: a regency's figure for a series and quarter."""

    indicator: Indicator
    region: Region
    year: int
    quarter: int
    value: Decimal


def write_regional_rows(user, rows: list[RegionalRow]) -> int:
    """Save imported regency figures as drafts, under the same rules as the entry page: the operator's own
    regency only, never a locked figure, nothing in a quarter whose province figures are approved. A file
    carries no versions, so the stored figures it replaces are those of the moment. All or nothing."""
    if not rows:
        return 0
    regions = {row.region.pk: row.region for row in rows}
    if len(regions) != 1:
        raise PermissionDenied
    (region,) = regions.values()
    changes = [
        RegionalChange(
            indicator=row.indicator, year=row.year, quarter=row.quarter, value=row.value, seen=None
        )
        for row in rows
    ]
    return save_drafts(user, region, changes, action=Step.IMPORT)
