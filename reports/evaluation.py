"""The evaluation of the Renja's results in the table of Permendagri 86/2017, as plain data.

Each row is read from the same read model as the dashboard (summary.indicator_row): the figures of
the table are the dashboard's, put in the form's columns. The XLSX and the PDF annex both print it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from reports.narrative import quarter_label
from targets import progress
from targets.choices import Category, Status
from targets.followup_reads import by_indicator, in_words
from targets.formatting import format_percent, format_value
from targets.models import Bureau, FollowUp, Indicator, Realization, Target
from targets.readmodel import OFFICIAL, PROVISIONAL, IndicatorRow, indicator_row, load_series, quarter_figures

# Notes of figures the head has seen: a returned quarter's kendala belongs in the evaluation too.
NOTED = PROVISIONAL | {Status.RETURNED}
GOOD = {Category.VERY_HIGH, Category.HIGH}


@dataclass(frozen=True)
class Note:
    """The latest kendala reported for an indicator (or a series it uses)."""

    quarter: int
    status: str
    kendala: str
    series: str | None = None

    @property
    def state(self) -> str:
        """The quarter, and its state where the figure is not approved: "TW III, dikembalikan"."""
        if self.status == Status.APPROVED:
            return quarter_label(self.quarter)
        return f"{quarter_label(self.quarter)}, {Status(self.status).label}"


@dataclass
class EvaluationRow:
    number: int
    row: IndicatorRow
    plan_target: Decimal | None  # 5: the target of the plan period's last year
    plan_year: int | None
    last_year: Decimal | None  # 6: the realization at the end of last year
    quarters: dict[int, Decimal | None]  # 8–11: each quarter's figure, by the indicator's own rule
    plan_achievement: Decimal | None  # 14: the figure to date against the plan period's target
    note: Note | None = None
    follow_ups: list[FollowUp] = field(default_factory=list)  # unfinished, agreed up to the quarter

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def quarter_values(self) -> list[Decimal | None]:
        return [self.quarters[q] for q in progress.QUARTERS]

    @property
    def target(self) -> Decimal | None:  # 7
        return self.row.official.target

    @property
    def realization(self) -> Decimal | None:  # 12, and 13: the figure to date by the indicator's rule
        return self.row.official.realization

    @property
    def achievement(self) -> Decimal | None:
        return self.row.official.achievement

    @property
    def category(self) -> Category | None:
        return self.row.official.category

    def remarks(self) -> str:
        """Column 16: this year's achievement and category, how the figure is formed, what awaits."""
        unit = self.indicator.unit
        parts = []
        if self.achievement is not None:
            parts.append(
                _("Capaian %(year)s: %(achievement)s (%(category)s).")
                % {
                    "year": self.row.year,
                    "achievement": format_percent(self.achievement),
                    "category": self.category.label,
                }
            )
        parts.append(str(self.indicator.get_aggregation_display()).capitalize() + ".")
        if self.plan_year is not None:
            parts.append(_("Target Renstra: tahun %(year)s.") % {"year": self.plan_year})
        if self.row.awaiting_approval:
            parts.append(
                _("Menunggu persetujuan (%(quarters)s): %(figure)s.")
                % {
                    "quarters": ", ".join(quarter_label(q) for q in self.row.pending_quarters),
                    "figure": format_value(self.row.provisional.realization, unit),
                }
            )
        return " ".join(parts)


@dataclass
class Evaluation:
    year: int
    quarter: int
    bureau: Bureau | None
    rows: list[EvaluationRow] = field(default_factory=list)

    @property
    def average(self) -> Decimal | None:
        return progress.average_achievement([row.achievement for row in self.rows])

    @property
    def category(self) -> Category | None:
        return progress.category(self.average)

    def driving(self) -> list[str]:
        """Faktor pendorong: the indicators whose achievement is high or very high."""
        return [
            _("%(name)s: capaian %(achievement)s (%(category)s)")
            % {
                "name": row.indicator.name,
                "achievement": format_percent(row.achievement),
                "category": str(row.category.label).lower(),
            }
            for row in self.rows
            if row.category in GOOD
        ]

    def inhibiting(self) -> list[str]:
        """Faktor penghambat: each indicator's latest kendala, with its quarter and state."""
        return [
            f"{row.indicator.name} ({row.note.state}): {_series(row.note)}{row.note.kendala}"
            for row in self.rows
            if row.note and row.note.kendala
        ]

    def next_quarter(self) -> list[str]:
        """Tindak lanjut for the next quarter: each indicator's unfinished follow-ups, PIC and due date."""
        return [
            f"{row.indicator.name}: {in_words(follow_up)}"
            for row in self.rows
            for follow_up in row.follow_ups
        ]

    def next_plan(self) -> list[str]:
        """Tindak lanjut for the next Renja: the indicators projected to end the year short of target."""
        return [
            _("%(name)s: proyeksi akhir tahun %(projection)s, %(achievement)s dari target %(target)s")
            % {
                "name": row.indicator.name,
                "projection": format_value(row.row.official.projection, row.indicator.unit),
                "achievement": format_percent(row.row.official.projected_achievement),
                "target": format_value(row.target, row.indicator.unit),
            }
            for row in self.rows
            if row.row.official.projected_achievement is not None
            and row.row.official.projected_achievement < progress.HUNDRED
        ]


def headings() -> dict[int, str]:
    """The form's column headings by their number (8 heads the four quarters 8–11)."""
    return {
        1: _("No."),
        2: _("Sasaran"),
        3: _("Program/Kegiatan"),
        4: _("Indikator Kinerja Program (outcome)/Kegiatan (output)"),
        5: _("Target Kinerja dan Anggaran Renstra Perangkat Daerah pada Tahun Akhir Periode Renstra"),
        6: _(
            "Realisasi Capaian Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Renja Perangkat Daerah "
            "Tahun Lalu"
        ),
        7: _("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan yang Dievaluasi"),
        8: _("Realisasi Kinerja pada Triwulan"),
        12: _("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi"),
        13: _("Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Tahun Berjalan"),
        14: _(
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s.d. Tahun Berjalan (%)"
        ),
        15: _("Unit Perangkat Daerah Penanggung Jawab"),
        16: _("Keterangan"),
    }


def summary_labels() -> list[str]:
    """The lines below the table, in the form's order."""
    return [
        _("Rata-rata capaian kinerja (%)"),
        _("Predikat kinerja"),
        _("Faktor pendorong keberhasilan pencapaian"),
        _("Faktor penghambat pencapaian kinerja"),
        _("Tindak lanjut yang diperlukan dalam triwulan berikutnya"),
        _("Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya"),
    ]


PAIRED = range(5, 15)  # the columns with K (kinerja) and Rp (anggaran) halves


def layout(data: Evaluation) -> dict:
    """The table's heading cells and summary as the PDF annex prints them, from the same headings."""
    titles = headings()
    first_row = []
    for number in [1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, 16]:
        if number == 8:
            first_row.append((titles[8], 8, 1))
        elif number in PAIRED:
            first_row.append((titles[number], 2, 2))
        else:
            first_row.append((titles[number], 1, 3))
    labels = summary_labels()
    return {
        "evaluation": data,
        "first_row": first_row,
        "romans": ["I", "II", "III", "IV"],
        "paired": PAIRED,
        "numbers": range(1, 17),
        "labels": labels[:2],
        "lists": list(
            zip(
                labels[2:],
                [data.driving(), data.inhibiting(), data.next_quarter(), data.next_plan()],
                strict=True,
            )
        ),
    }


def _series(note: Note) -> str:
    return f"{note.series}: " if note.series else ""


def _plan_target(indicator: Indicator, targets: dict[int, Target]) -> tuple[Decimal | None, int | None]:
    """The target of the plan period's last year, else of the latest year with a target."""
    year = indicator.period_end if indicator.period_end in targets else max(targets, default=None)
    return (targets[year].value, year) if year is not None else (None, None)


def latest_notes(indicators: list[Indicator], year: int, quarter: int, figures=None) -> dict[int, Note]:
    """One query: per indicator, the latest quarter up to `quarter` with a kendala on it or its series.
    `figures` is where the quarters' figures are read from: today's, or a meeting's frozen ones."""
    names: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
    for indicator in indicators:
        names[indicator.pk].append((indicator.pk, None))
        if indicator.is_ratio:
            names[indicator.numerator_id].append((indicator.pk, indicator.numerator.name))
            names[indicator.denominator_id].append((indicator.pk, indicator.denominator.name))
    latest: dict[int, Note] = {}
    figures = (
        (Realization.objects if figures is None else figures)
        .filter(indicator_id__in=list(names), year=year, quarter__lte=quarter, status__in=NOTED)
        .values_list("indicator_id", "quarter", "status", "kendala")
    )
    for series_id, q, status, kendala in sorted(figures, key=lambda f: f[1]):
        if not kendala.strip():
            continue
        for indicator_id, series in names[series_id]:
            latest[indicator_id] = Note(q, status, kendala.strip(), series)
    return latest


def evaluation(year: int, quarter: int, bureau: Bureau | None = None) -> Evaluation:
    """Five queries: the indicators, all their targets, the series' figures, the year's notes and the
    unfinished follow-ups."""
    indicators = Indicator.objects.targeted().select_related("bureau", "numerator", "denominator")
    if bureau is not None:
        indicators = indicators.filter(bureau=bureau)
    indicators = sorted(indicators, key=lambda i: (i.bureau.order, i.bureau.name, i.order, i.code))
    result = Evaluation(year, quarter, bureau)
    if not indicators:
        return result
    targets: dict[int, dict[int, Target]] = defaultdict(dict)
    for target in Target.objects.filter(indicator__in=indicators):
        targets[target.indicator_id][target.year] = target
    first_year = min([year - 1] + [i.period_start for i in indicators if i.period_start])
    series = load_series(first_year, year)
    notes = latest_notes(indicators, year, quarter)
    agreed = FollowUp.objects.filter(indicator__in=indicators).unfinished().agreed_before(year, quarter + 1)
    follow_ups = by_indicator(agreed)
    for number, indicator in enumerate(indicators, start=1):
        own = targets[indicator.pk]
        row = indicator_row(indicator, own.get(year), own.get(year - 1), series, year, quarter)
        last = indicator_row(indicator, own.get(year - 1), own.get(year - 2), series, year - 1, 4)
        plan_target, plan_year = _plan_target(indicator, own)
        figures = quarter_figures(indicator, series, year, OFFICIAL)
        result.rows.append(
            EvaluationRow(
                number=number,
                row=row,
                plan_target=plan_target,
                plan_year=plan_year,
                last_year=last.official.realization,
                quarters={q: figures.get(q) if q <= quarter else None for q in progress.QUARTERS},
                plan_achievement=progress.achievement(
                    row.official.realization, plan_target, indicator.direction
                ),
                note=notes.get(indicator.pk),
                follow_ups=follow_ups.get(indicator.pk, []),
            )
        )
    return result
