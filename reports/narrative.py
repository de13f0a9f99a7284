"""The summary PDF's words, written from the figures: the narrative and each indicator's formula.

Everything here reads IndicatorRow values that build_rows computed; nothing is recomputed
differently, so the words agree with the tables and the dashboard. Texts follow the active language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from targets import progress
from targets.choices import COUNT_UNITS, Aggregation, Category, Direction, PathRule, Quarter, Unit
from targets.formatting import format_number, format_percent, format_value
from targets.models import Indicator
from targets.readmodel import IndicatorRow, category_counts

# Marks a figure that still awaits the head's approval, in the tables and in the list.
PENDING_MARK = "◆"


def quarter_label(quarter: int) -> str:
    return str(Quarter(quarter).label)


def _category_word(category: Category | None) -> str:
    return str(category.label).lower() if category else _("belum ada data")


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s dan %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def counts_sentence(rows: Sequence[IndicatorRow], year: int, quarter: int) -> str:
    parts = [
        f"{count} {_category_word(category)}" for category, count in category_counts(rows).items() if count
    ]
    return ngettext(
        "Dari %(total)s indikator pada %(year)s %(quarter)s, menurut angka resmi: %(counts)s.",
        "Dari %(total)s indikator pada %(year)s %(quarter)s, menurut angka resmi: %(counts)s.",
        len(rows),
    ) % {"total": len(rows), "year": year, "quarter": quarter_label(quarter), "counts": _join(parts)}


def _gap(row: IndicatorRow) -> str:
    """How far an off-track figure is from what was expected by now, in its unit and in percent."""
    assessment = row.official
    unit = row.indicator.unit
    gap = abs(assessment.gap)
    if unit == Unit.PERCENT:
        gap_text = _("%(gap)s poin persen") % {"gap": format_number(gap, 2)}
    else:
        gap_text = format_value(gap, unit)
    if row.indicator.direction == Direction.HIGHER and assessment.share_of_path is not None:
        return _("kurang %(gap)s; baru %(reached)s dari yang diharapkan") % {
            "gap": gap_text,
            "reached": format_percent(assessment.share_of_path),
        }
    return _("lebih %(gap)s dari batas yang diharapkan") % {"gap": gap_text}


def off_track_sentences(rows: Sequence[IndicatorRow], quarter: int) -> list[str]:
    off_track = [row for row in rows if row.official.on_track is False]
    with_data = [row for row in rows if row.official.on_track is not None]
    if not with_data:
        return []
    if not off_track:
        return [
            _(
                "Semua indikator yang sudah ada datanya berada pada atau di atas angka yang diharapkan "
                "s.d. %(q)s."
            )
            % {"q": quarter_label(quarter)}
        ]
    intro = ngettext(
        "%(count)s indikator tertinggal dari angka yang diharapkan s.d. %(q)s:",
        "%(count)s indikator tertinggal dari angka yang diharapkan s.d. %(q)s:",
        len(off_track),
    ) % {"count": len(off_track), "q": quarter_label(quarter)}
    items = [
        _("%(name)s: realisasi %(realization)s, yang diharapkan %(expected)s (%(gap)s)")
        % {
            "name": row.indicator.name,
            "realization": format_value(row.official.realization, row.indicator.unit),
            "expected": format_value(row.official.expected, row.indicator.unit),
            "gap": _gap(row),
        }
        for row in off_track
    ]
    return [intro, *items]


def projection_sentence(rows: Sequence[IndicatorRow], quarter: int) -> str | None:
    projected = [row for row in rows if row.official.projected_achievement is not None]
    if not projected:
        return None
    short = [row for row in projected if row.official.projected_achievement < progress.HUNDRED]
    reached = len(projected) - len(short)
    if quarter == 4:
        sentence = _(
            "Pada akhir tahun, %(reached)s dari %(total)s indikator yang sudah ada datanya mencapai target."
        )
    else:
        sentence = _(
            "Bila laju sejauh ini berlanjut, %(reached)s dari %(total)s indikator yang sudah ada datanya "
            "diproyeksikan mencapai target pada akhir tahun."
        )
    text = sentence % {"reached": reached, "total": len(projected)}
    # At TW IV the year is complete and the indicators short of target are listed above.
    if short and quarter < 4:
        names = [
            _("%(name)s (%(projection)s, %(achievement)s dari target)")
            % {
                "name": row.indicator.name,
                "projection": format_value(row.official.projection, row.indicator.unit),
                "achievement": format_percent(row.official.projected_achievement),
            }
            for row in short
        ]
        text += " " + _("Belum mencapai target: %(names)s.") % {"names": "; ".join(names)}
    return text


def pending_sentence(rows: Sequence[IndicatorRow]) -> str | None:
    pending = [row for row in rows if row.awaiting_approval]
    if not pending:
        return None
    return ngettext(
        "%(count)s indikator memuat angka yang masih menunggu persetujuan Kepala Dinas (tanda %(mark)s); "
        "angka itu tidak dihitung dalam angka resmi.",
        "%(count)s indikator memuat angka yang masih menunggu persetujuan Kepala Dinas (tanda %(mark)s); "
        "angka itu tidak dihitung dalam angka resmi.",
        len(pending),
    ) % {"count": len(pending), "mark": PENDING_MARK}


def has_data(rows: Sequence[IndicatorRow]) -> bool:
    """Whether any figure, approved or awaiting approval, has been reported for the period."""
    return any(row.official.realization is not None or row.provisional is not None for row in rows)


def paragraphs(rows: Sequence[IndicatorRow], year: int, quarter: int) -> dict:
    """The narrative: the category counts, the indicators off track, the projection, pending figures."""
    if not rows:
        return {"lead": [], "off_track": [], "after": []}
    lead = [counts_sentence(rows, year, quarter)]
    off_track = off_track_sentences(rows, quarter)
    after = [s for s in (projection_sentence(rows, quarter), pending_sentence(rows)) if s]
    return {
        "lead": lead + off_track[:1],
        "off_track": off_track[1:],
        "after": after,
    }


def _terms(values: Mapping[int, Decimal], upto: int, unit: str) -> str:
    return " + ".join(
        f"{quarter_label(q)} {format_value(v, unit)}" for q, v in sorted(values.items()) if q <= upto
    )


def _realization_formula(
    indicator: Indicator,
    row: IndicatorRow,
    quarters: Mapping[int, Mapping[int, Decimal]],
) -> str:
    """How the official realization is formed, with the approved figures it is formed from."""
    unit = indicator.unit
    own = quarters.get(indicator.pk, {})
    realization = row.official.realization
    values = {"year": row.year, "q": quarter_label(row.quarter), "total": format_value(realization, unit)}
    if realization is None and indicator.aggregation != Aggregation.RATIO:
        return _("Belum ada angka yang disetujui s.d. %(q)s %(year)s.") % values
    if indicator.aggregation == Aggregation.SUM:
        values["terms"] = _terms(own, row.quarter, unit)
        return _("Realisasi = jumlah triwulan tahun %(year)s yang disetujui: %(terms)s = %(total)s.") % values
    if indicator.aggregation == Aggregation.CUMULATIVE:
        values.update(
            start=indicator.period_start,
            end=indicator.period_end,
            carried=format_value(row.carried, unit),
            terms=_terms(own, row.quarter, unit),
        )
        if row.year <= indicator.period_start:
            return (
                _(
                    "Realisasi = jumlah sejak awal periode rencana %(start)s–%(end)s, yang dimulai tahun "
                    "ini: %(terms)s = %(total)s."
                )
                % values
            )
        return (
            _(
                "Realisasi = jumlah sejak awal periode rencana %(start)s–%(end)s: %(carried)s dari "
                "tahun-tahun sebelumnya + %(terms)s = %(total)s."
            )
            % values
        )
    if indicator.aggregation == Aggregation.LEVEL:
        latest = max(q for q in own if q <= row.quarter)
        values["latest"] = quarter_label(latest)
        return (
            _(
                "Realisasi = angka triwulan terakhir yang disetujui (posisi, tidak dijumlahkan): "
                "%(latest)s = %(total)s."
            )
            % values
        )
    return _ratio_formula(indicator, row)


def _ratio_formula(indicator: Indicator, row: IndicatorRow) -> str:
    numerator, denominator = indicator.numerator, indicator.denominator
    values = {
        "numerator": numerator.name,
        "denominator": denominator.name,
        "multiplier": format_number(indicator.multiplier),
        "q": quarter_label(row.quarter),
        "year": row.year,
    }
    definition = _("Realisasi = %(numerator)s ÷ %(denominator)s × %(multiplier)s") % values
    terms = row.ratio_terms
    if terms is None:
        return definition + "; " + _("belum ada angka yang disetujui s.d. %(q)s %(year)s.") % values
    values.update(
        latest=quarter_label(terms.quarter),
        n=format_value(terms.numerator, numerator.unit),
        d=format_value(terms.denominator, denominator.unit),
        total=format_value(terms.value, indicator.unit),
    )
    text = (
        definition
        + _(", masing-masing s.d. %(latest)s: %(n)s ÷ %(d)s × %(multiplier)s = %(total)s.") % values
    )
    if terms.borrowed:
        text += " " + BORROWED_NOTE() % values
    return text


def BORROWED_NOTE() -> str:
    """Said wherever a ratio stands on the latest published denominator instead of its own."""
    return _("%(denominator)s %(latest)s belum terbit; dipakai angka terakhir yang sudah terbit.")


def borrowed_note(row: IndicatorRow) -> str:
    """The note of a ratio on a borrowed denominator, or nothing."""
    if not row.denominator_borrowed:
        return ""
    values = {"denominator": row.indicator.denominator.name, "latest": quarter_label(row.ratio_terms.quarter)}
    return BORROWED_NOTE() % values


def _achievement_formula(indicator: Indicator, row: IndicatorRow) -> str:
    assessment = row.official
    unit = indicator.unit
    values = {
        "r": format_value(assessment.realization, unit),
        "t": format_value(assessment.target, unit),
        "a": format_percent(assessment.achievement),
    }
    if indicator.direction == Direction.LOWER:
        rule = _(
            "Makin rendah makin baik: capaian = (2 × target − realisasi) ÷ target × 100, tidak kurang dari 0"
        )
        worked = " = (2 × {t} − {r}) ÷ {t} × 100 = {a}".format(**values)
    else:
        rule = _("Makin tinggi makin baik: capaian = realisasi ÷ target × 100")
        worked = " = {r} ÷ {t} × 100 = {a}".format(**values)
    if assessment.achievement is None:
        worked = ""
    return rule + worked + "."


def _expected_formula(indicator: Indicator, row: IndicatorRow) -> str:
    assessment = row.official
    path = assessment.path
    if assessment.expected is None:
        return ""
    unit = indicator.unit
    values = {
        "q": quarter_label(row.quarter),
        "n": row.quarter,
        "expected": format_value(assessment.expected, unit),
        "start": format_value(path.start, unit),
    }
    if path.rule == PathRule.CLIMB and path.start:
        how = _("titik awal %(start)s + (target tahunan − titik awal) × %(n)s/4") % values
    elif path.rule in (PathRule.CLIMB, PathRule.PRO_RATA):
        how = _("target tahunan × %(n)s/4") % values
    else:
        how = str(path.rule.label)
    if indicator.unit in COUNT_UNITS:
        how += ", " + _("dibulatkan ke satuan utuh")
    values["how"] = how
    return _("Yang diharapkan s.d. %(q)s: %(expected)s (%(how)s).") % values


def formula(row: IndicatorRow, quarters: Mapping[int, Mapping[int, Decimal]]) -> str:
    """The footnote that lets a reader recompute an indicator's figures by hand.

    `quarters` holds the approved figure of each quarter of the year: {series id: {quarter: value}}.
    """
    indicator = row.indicator
    parts = [
        _realization_formula(indicator, row, quarters),
        _achievement_formula(indicator, row),
        _expected_formula(indicator, row),
    ]
    # The note names the source of the very target it divides by; the indicator's own source stands
    # in only where the target records none.
    if row.target is not None and row.target.source:
        parts.append(
            _("Sumber target %(year)s: %(source)s.") % {"year": row.year, "source": row.target.source}
        )
    elif indicator.data_source:
        parts.append(_("Sumber data: %(source)s.") % {"source": indicator.data_source})
    return " ".join(part for part in parts if part)
