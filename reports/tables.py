"""The bureau table: the page shows it, and the CSV and XLSX exports write it in the sheet layout.

Each column is a plain definition: its header, its value, how the page shows it and how a file
writes it. The page's rows are written by one function with the language looked up once per table,
and the files read the same columns directly: django-tables2 called each cell's render function
through inspect and a template, a third of a cold bureau page of fifty indicators.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from html import escape
from typing import Any

import tablib
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.narrative import borrowed_note
from reports.templatetags.report_parts import category_badge_in
from targets import sheet
from targets.choices import Aggregation, Category, Quarter, RegionKind, Status, Unit
from targets.followup_reads import in_words
from targets.formatting import DASH, format_percent, format_value
from targets.models import FollowUp, Realization, Region, RegionalRealization
from targets.readmodel import IndicatorRow
from targets.sheet import plain_number


def _entered(quarter: int, name: str) -> property:
    return property(lambda self: self.entered_field(quarter, name))


def _agreed(quarter: int) -> property:
    return property(lambda self: self.follow_ups_in(quarter))


@dataclass
class SheetRow:
    """One indicator or supporting series of the bureau sheet for a year and quarter."""

    row: IndicatorRow
    entered: dict[int, Realization]
    # {quarter: the follow-ups agreed in it}
    follow_ups: dict[int, list[FollowUp]] = field(default_factory=dict)

    @property
    def indicator(self):
        return self.row.indicator

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def year(self) -> int:
        return self.row.year

    def entered_field(self, quarter: int, name: str):
        """A field of the quarter's entered realization, or None when nothing was entered."""
        entry = self.entered.get(quarter)
        return getattr(entry, name) if entry else None

    def follow_ups_in(self, quarter: int) -> str | None:
        """The follow-ups agreed in the quarter, one after another: "action (PIC, due date, status); …"."""
        agreed = self.follow_ups.get(quarter)
        return "; ".join(in_words(follow_up) for follow_up in agreed) if agreed else None

    def status(self, quarter: int) -> str | None:
        return self.entered_field(quarter, "status")

    @property
    def note(self) -> str:
        return borrowed_note(self.row)

    @property
    def target(self) -> Decimal | None:
        return self.row.target.value if self.row.target else None

    @property
    def realization(self) -> Decimal | None:
        return self.row.official.realization

    @property
    def achievement(self) -> Decimal | None:
        return self.row.official.achievement

    @property
    def category(self) -> Category | None:
        return self.row.official.category

    # The quarters' columns by name, as the sort parameter names them.
    tw1 = _entered(1, "value")
    tw2 = _entered(2, "value")
    tw3 = _entered(3, "value")
    tw4 = _entered(4, "value")
    status1 = _entered(1, "status")
    status2 = _entered(2, "status")
    status3 = _entered(3, "status")
    status4 = _entered(4, "status")
    version1 = _entered(1, "version")
    version2 = _entered(2, "version")
    version3 = _entered(3, "version")
    version4 = _entered(4, "version")
    kendala1 = _entered(1, "kendala")
    kendala2 = _entered(2, "kendala")
    kendala3 = _entered(3, "kendala")
    kendala4 = _entered(4, "kendala")
    tindak_lanjut1 = _agreed(1)
    tindak_lanjut2 = _agreed(2)
    tindak_lanjut3 = _agreed(3)
    tindak_lanjut4 = _agreed(4)

    # The province's code and name: the export fills them in (targets.sheet.REGION_CODE).
    region_code = None
    region = None

    @property
    def category_rank(self) -> int:
        """Best category first when sorting; no data last."""
        order = list(Category)
        return order.index(self.category) if self.category else len(order)


def sheet_rows(
    rows: list[IndicatorRow],
    entered: dict[int, dict[int, Realization]],
    follow_ups: dict[int, dict[int, list[FollowUp]]] | None = None,
) -> list[SheetRow]:
    follow_ups = follow_ups or {}
    return [
        SheetRow(row, entered.get(row.indicator.pk, {}), follow_ups.get(row.indicator.pk, {})) for row in rows
    ]


# A cell's HTML on the page from its value (never empty), its row and the page's language.
Cell = Callable[[Any, SheetRow, str], str]
# A cell's value in a file from its value (never empty) and its row.
Value = Callable[[Any, SheetRow], Any]


def _as_is(value, record):
    return value


def _raw_number(value, record):
    return plain_number(value)


def _unit_label(value, record):
    return str(Unit(value).label)


@lru_cache(maxsize=32)
def _status_word(status: str, language: str) -> str:
    return str(Status(status).label)


def _status_label(value, record):
    # Four per row of a file: read once per status and language.
    return _status_word(value, translation.get_language())


def _category_label(value, record):
    return str(Category(value).label)


@dataclass(frozen=True)
class Column:
    """One column of the sheet: its header, the file's value of it, and its cell on the page (None:
    the page leaves it out, it shows the same another way). The value is the row's attribute `name`."""

    name: str
    header: str
    cell: Cell | None = None
    export: Value = _as_is
    # Whether `?sort=` may name it, and the row's attribute it sorts by (its own when None).
    sortable: bool = True
    sort_by: str | None = None
    th_class: str = ""
    td_class: str = ""

    def sort_key(self, record: SheetRow) -> tuple:
        """None first, as the table has always sorted it, whatever the type of the other values."""
        value = getattr(record, self.sort_by or self.name)
        return (0,) if value is None else (1, value)


def _code_cell(value, record, language):
    return escape(value)


@lru_cache(maxsize=8)
def _supporting_tag(language: str) -> str:
    word = escape(_("data pendukung"))
    return f' <span class="tag">{word}</span>'


def _name_cell(value, record, language):
    name = escape(value)
    if record.indicator.is_supporting:
        name += _supporting_tag(language)
    return f'<a href="{escape(record.indicator.get_absolute_url())}">{name}</a>'


@lru_cache(maxsize=32)
def _status_mark(status: str, language: str) -> str:
    return f'<br><span class="status status-{escape(status)}">{escape(str(Status(status).label))}</span>'


def _quarter_cell(quarter: int) -> Cell:
    """A quarter's own entered value; anything not yet approved carries its status beside it."""

    def cell(value, record, language):
        shown = escape(format_value(value, record.unit, language))
        status = record.status(quarter)
        if status in (None, Status.APPROVED):
            return shown
        return shown + _status_mark(status, language)

    return cell


def _figure_cell(value, record, language):
    return escape(format_value(value, record.unit, language))


@lru_cache(maxsize=8)
def _pending_words(language: str) -> tuple[str, str]:
    return escape(_("Termasuk angka yang belum disetujui")), escape(_("menunggu persetujuan"))


def _realization_cell(value, record, language):
    """The official realization; a borrowed denominator and a figure awaiting approval noted below it."""
    row = record.row
    shown = escape(format_value(value, record.unit, language))
    if row.denominator_borrowed:
        shown += render_to_string("reports/partials/borrowed_note.html", {"row": row})
    if not row.awaiting_approval:
        return shown
    title, waiting = _pending_words(language)
    pending = escape(format_value(row.provisional.realization, record.unit, language))
    quarters = escape(", ".join(str(Quarter(quarter).label) for quarter in row.pending_quarters))
    return f'{shown}<div class="pending" title="{title}">{waiting}: {pending} ({quarters})</div>\n'


def _achievement_cell(value, record, language):
    return escape(format_percent(value, language=language))


def _category_cell(value, record, language):
    return category_badge_in(value, language)


def _quarter(quarter: int, header: str) -> Column:
    return Column(f"tw{quarter}", header, _quarter_cell(quarter), _raw_number, th_class="num", td_class="num")


def _status(quarter: int, header: str) -> Column:
    return Column(f"status{quarter}", header, export=_status_label)


def _export_only(name: str, header: str) -> Column:
    """A column the files write and the page leaves out (it shows the same another way)."""
    return Column(name, header, sortable=False)


# In the order of targets.sheet.HEADERS.
COLUMNS = (
    Column("code", gettext_lazy("Kode"), _code_cell, th_class="hide-phone", td_class="code hide-phone"),
    Column("name", gettext_lazy("Indikator"), _name_cell),
    Column("unit", gettext_lazy("Satuan"), export=_unit_label),
    Column("year", gettext_lazy("Tahun")),
    _quarter(1, gettext_lazy("TW I")),
    _quarter(2, gettext_lazy("TW II")),
    _quarter(3, gettext_lazy("TW III")),
    _quarter(4, gettext_lazy("TW IV")),
    _status(1, gettext_lazy("Status TW I")),
    _status(2, gettext_lazy("Status TW II")),
    _status(3, gettext_lazy("Status TW III")),
    _status(4, gettext_lazy("Status TW IV")),
    Column(
        "target", gettext_lazy("Target tahunan"), _figure_cell, _raw_number, th_class="num", td_class="num"
    ),
    Column(
        "realization",
        gettext_lazy("Realisasi"),
        _realization_cell,
        _raw_number,
        th_class="num",
        td_class="num",
    ),
    Column("achievement", gettext_lazy("Capaian (%)"), _achievement_cell, th_class="num", td_class="num"),
    Column("category", gettext_lazy("Kategori"), _category_cell, _category_label, sort_by="category_rank"),
    _export_only("version1", gettext_lazy("Versi TW I")),
    _export_only("version2", gettext_lazy("Versi TW II")),
    _export_only("version3", gettext_lazy("Versi TW III")),
    _export_only("version4", gettext_lazy("Versi TW IV")),
    _export_only("kendala1", gettext_lazy("Kendala TW I")),
    _export_only("kendala2", gettext_lazy("Kendala TW II")),
    _export_only("kendala3", gettext_lazy("Kendala TW III")),
    _export_only("kendala4", gettext_lazy("Kendala TW IV")),
    _export_only("tindak_lanjut1", gettext_lazy("Tindak lanjut TW I")),
    _export_only("tindak_lanjut2", gettext_lazy("Tindak lanjut TW II")),
    _export_only("tindak_lanjut3", gettext_lazy("Tindak lanjut TW III")),
    _export_only("tindak_lanjut4", gettext_lazy("Tindak lanjut TW IV")),
    _export_only("note", gettext_lazy("Keterangan")),
    _export_only("region_code", gettext_lazy("Kode wilayah")),
    _export_only("region", gettext_lazy("Wilayah")),
)
SHOWN = tuple(column for column in COLUMNS if column.cell is not None)
BY_NAME = {column.name: column for column in COLUMNS}

# The table's sort orders: a column's name, or a minus before it for the reverse.
SORTS = frozenset(prefix + column.name for column in COLUMNS if column.sortable for prefix in ("", "-"))

# A cell without a value: on the page a dash, in a file an empty cell.
EMPTY = (None, "")


@dataclass
class BureauTable:
    """The sheet's rows in the order asked for (`sort`, one of SORTS, or None for the series' own)."""

    rows: list[SheetRow]
    sort: str | None = None

    def __post_init__(self):
        if self.sort:
            column = BY_NAME[self.sort.lstrip("-")]
            # A stable sort either way: equal rows keep the series' own order.
            self.rows = sorted(self.rows, key=column.sort_key, reverse=self.sort.startswith("-"))

    def html(self, request: HttpRequest) -> SafeString:
        """The table as the page shows it; each header sorts by its column, the second time reversed."""
        language = translation.get_language()
        parts = ['<div class="table-container">\n<table class="data-table">\n<thead>\n<tr>\n']
        parts.extend(self._header(column, request) for column in SHOWN)
        parts.append("</tr>\n</thead>\n<tbody>\n")
        for number, record in enumerate(self.rows):
            stripe = "odd" if number % 2 else "even"
            kind = f"supporting {stripe}" if record.indicator.is_supporting else stripe
            parts.append(f'<tr data-indicator="{escape(record.code)}" class="{kind}">\n')
            for column in SHOWN:
                value = getattr(record, column.name)
                shown = DASH if value in EMPTY else column.cell(value, record, language)
                opening = f'<td class="{column.td_class}">' if column.td_class else "<td>"
                parts.append(f"{opening}{shown}</td>\n")
            parts.append("</tr>\n")
        if not self.rows:
            empty = escape(_("Bidang ini belum mengampu indikator."))
            parts.append(f'<tr><td colspan="{len(SHOWN)}">{empty}</td></tr>\n')
        parts.append("</tbody>\n</table>\n</div>\n")
        return mark_safe("".join(parts))

    def _header(self, column: Column, request: HttpRequest) -> str:
        """A column's header: a link to sort by it (descending when it already sorts ascending), and
        the order it sorts the table by now for assistive technology (aria-sort)."""
        classes = {"orderable", *column.th_class.split()}
        current = ""
        following = column.name
        if self.sort == column.name:
            classes.add("asc")
            current = ' aria-sort="ascending"'
            following = f"-{column.name}"
        elif self.sort == f"-{column.name}":
            classes.add("desc")
            current = ' aria-sort="descending"'
        query = request.GET.copy()
        query["sort"] = following
        return (
            f'<th class="{" ".join(sorted(classes))}" scope="col"{current}>'
            f'<a href="?{escape(query.urlencode())}">{escape(str(column.header))}</a></th>\n'
        )

    def as_rows(self) -> list[list]:
        """The rows as the files write them: raw numbers, and labels in the active language."""
        return [
            [
                None if (value := getattr(record, column.name)) in EMPTY else column.export(value, record)
                for column in COLUMNS
            ]
            for record in self.rows
        ]


def with_regions(rows: list[list], records: list[SheetRow]) -> list[list]:
    """The sheet's rows with the province's code on each, and below each series reported by region one row
    per kabupaten/kota. Two queries however many regencies and series; labels in the active language."""
    regions = list(Region.objects.all())
    province = next((region for region in regions if region.kind == RegionKind.PROVINCE), None)
    regencies = [region for region in regions if region.kind != RegionKind.PROVINCE]
    by_region = {
        record.code: record
        for record in records
        if record.indicator.by_region and record.indicator.aggregation != Aggregation.RATIO
    }
    figures = defaultdict(dict)
    if by_region and regencies:
        stored = RegionalRealization.objects.filter(
            indicator__in=[record.indicator for record in by_region.values()],
            region__in=regencies,
            year__in={record.year for record in by_region.values()},
        ).values_list("indicator__code", "region_id", "year", "quarter", "value", "status")
        for code, region_id, year, quarter, value, status in stored:
            figures[(code, region_id, year)][quarter] = (value, status)
    code_at = sheet.HEADERS.index(sheet.CODE)
    region_code_at = sheet.HEADERS.index(sheet.REGION_CODE)
    region_at = sheet.HEADERS.index(sheet.REGION)
    filled = []
    for row in rows:
        row[region_code_at] = province.code if province else None
        row[region_at] = province.name if province else None
        filled.append(row)
        record = by_region.get(row[code_at])
        if record is None:
            continue
        for region in regencies:
            filled.append(
                sheet.regency_row(
                    record.indicator,
                    record.year,
                    region,
                    figures.get((record.code, region.pk, record.year), {}),
                )
            )
    return filled


# The files the page offers, and their content types.
CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_FORMATS = tuple(CONTENT_TYPES)


def sheet_file(table: BureauTable, export_format: str, title: str) -> bytes | str:
    """The table as a file in the sheet layout: Indonesian headers and labels, raw numbers, and no
    text cell a spreadsheet would run as a formula (an indicator named "=1+1" stays text)."""
    with translation.override("id"):
        rows = with_regions(table.as_rows(), table.rows)
    if export_format == XLSX:
        return sheet.xlsx(rows, title)
    # A CSV has no cell types: a leading apostrophe is what spreadsheets take as "text".
    rows = [[sheet.neutralised(value) for value in row] for row in rows]
    return tablib.Dataset(*rows, headers=list(sheet.HEADERS)).export(CSV)


def sheet_response(table: BureauTable, export_format: str, title: str, filename: str) -> HttpResponse:
    """The file as a download."""
    response = HttpResponse(
        sheet_file(table, export_format, title), content_type=CONTENT_TYPES[export_format]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
