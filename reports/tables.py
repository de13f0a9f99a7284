"""The bureau table: the page shows it, and the CSV and XLSX exports write it in the sheet layout."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import django_tables2 as tables
import tablib
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.export import TableExport

from reports.narrative import borrowed_note
from reports.templatetags.report_parts import category_badge
from targets import sheet
from targets.choices import Aggregation, Category, RegionKind, Status, Unit
from targets.followup_reads import in_words
from targets.formatting import format_percent, format_value
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

    # Flat names for the table's accessors and its sorting.
    # The columns' accessors, one per quarter.
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


def _status_label(status: str | None) -> str | None:
    return Status(status).label if status else None


class QuarterColumn(tables.Column):
    """A quarter's own entered value; anything not yet approved carries its status beside it."""

    def __init__(self, quarter: int, **kwargs):
        self.quarter = quarter
        super().__init__(
            accessor=f"tw{quarter}", attrs={"td": {"class": "num"}, "th": {"class": "num"}}, **kwargs
        )

    def render(self, value, record):
        status = record.status(self.quarter)
        shown = format_value(value, record.unit)
        if status in (None, Status.APPROVED):
            return shown
        return format_html(
            '{}<br><span class="status status-{}">{}</span>', shown, status, _status_label(status)
        )

    def value(self, value, record):
        return plain_number(value)


class StatusColumn(tables.Column):
    def __init__(self, quarter: int, **kwargs):
        super().__init__(accessor=f"status{quarter}", visible=False, **kwargs)

    def value(self, value):
        return _status_label(value)


def export_only(accessor: str, verbose_name) -> tables.Column:
    """A column the exports write and the page leaves out (it shows the same another way)."""
    return tables.Column(accessor=accessor, verbose_name=verbose_name, visible=False, orderable=False)


NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}}


class BureauTable(tables.Table):
    """Columns in the order of targets.sheet.HEADERS; the page hides what it shows another way."""

    code = tables.Column(
        verbose_name=_("Kode"), attrs={"td": {"class": "code hide-phone"}, "th": {"class": "hide-phone"}}
    )
    name = tables.Column(
        verbose_name=_("Indikator"), linkify=lambda record: record.indicator.get_absolute_url()
    )
    unit = tables.Column(verbose_name=_("Satuan"), visible=False)
    year = tables.Column(verbose_name=_("Tahun"), visible=False)
    tw1 = QuarterColumn(1, verbose_name=_("TW I"))
    tw2 = QuarterColumn(2, verbose_name=_("TW II"))
    tw3 = QuarterColumn(3, verbose_name=_("TW III"))
    tw4 = QuarterColumn(4, verbose_name=_("TW IV"))
    status1 = StatusColumn(1, verbose_name=_("Status TW I"))
    status2 = StatusColumn(2, verbose_name=_("Status TW II"))
    status3 = StatusColumn(3, verbose_name=_("Status TW III"))
    status4 = StatusColumn(4, verbose_name=_("Status TW IV"))
    target = tables.Column(verbose_name=_("Target tahunan"), attrs=NUMERIC)
    realization = tables.Column(verbose_name=_("Realisasi"), attrs=NUMERIC)
    achievement = tables.Column(verbose_name=_("Capaian (%)"), attrs=NUMERIC)
    category = tables.Column(verbose_name=_("Kategori"), order_by=("category_rank",))
    version1 = export_only("version1", _("Versi TW I"))
    version2 = export_only("version2", _("Versi TW II"))
    version3 = export_only("version3", _("Versi TW III"))
    version4 = export_only("version4", _("Versi TW IV"))
    kendala1 = export_only("kendala1", _("Kendala TW I"))
    kendala2 = export_only("kendala2", _("Kendala TW II"))
    kendala3 = export_only("kendala3", _("Kendala TW III"))
    kendala4 = export_only("kendala4", _("Kendala TW IV"))
    tindak_lanjut1 = export_only("tindak_lanjut1", _("Tindak lanjut TW I"))
    tindak_lanjut2 = export_only("tindak_lanjut2", _("Tindak lanjut TW II"))
    tindak_lanjut3 = export_only("tindak_lanjut3", _("Tindak lanjut TW III"))
    tindak_lanjut4 = export_only("tindak_lanjut4", _("Tindak lanjut TW IV"))
    note = export_only("note", _("Keterangan"))
    region_code = export_only("region_code", _("Kode wilayah"))
    region = export_only("region", _("Wilayah"))

    class Meta:
        orderable = True
        template_name = "django_tables2/table.html"
        attrs = {"class": "data-table"}
        row_attrs = {
            "data-indicator": lambda record: record.code,
            "class": lambda record: "supporting" if record.indicator.is_supporting else "",
        }
        empty_text = _("Bidang ini belum mengampu indikator.")
        default = "–"

    def render_name(self, value, record):
        if record.indicator.is_supporting:
            return format_html('{} <span class="tag">{}</span>', value, _("data pendukung"))
        return value

    def render_unit(self, value):
        return Unit(value).label

    def render_target(self, value, record):
        return format_value(value, record.unit)

    def render_realization(self, value, record):
        shown = format_value(value, record.unit)
        if record.row.denominator_borrowed:
            shown = format_html(
                "{}{}", shown, render_to_string("reports/partials/borrowed_note.html", {"row": record.row})
            )
        if not record.row.awaiting_approval:
            return shown
        return render_to_string("reports/partials/pending_note.html", {"row": record.row, "shown": shown})

    def render_achievement(self, value):
        return format_percent(value)

    def render_category(self, value):
        return category_badge(value)

    def value_target(self, value):
        return plain_number(value)

    def value_realization(self, value):
        return plain_number(value)

    def value_achievement(self, value):
        return value

    def value_category(self, value):
        return Category(value).label if value else None

    def value_name(self, value):
        return value


def with_regions(dataset: tablib.Dataset, records: list[SheetRow]) -> list[list]:
    """The sheet's rows with the province's code on each, and below each series reported by region one row
    per kabupaten/kota. Two queries however many regencies and series."""
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
    rows = []
    for row in dataset:
        row = list(row)
        row[sheet.HEADERS.index(sheet.REGION_CODE)] = province.code if province else None
        row[sheet.HEADERS.index(sheet.REGION)] = province.name if province else None
        rows.append(row)
        record = by_region.get(row[code_at])
        if record is None:
            continue
        for region in regencies:
            rows.append(
                sheet.regency_row(
                    record.indicator,
                    record.year,
                    region,
                    figures.get((record.code, region.pk, record.year), {}),
                )
            )
    return rows


class SheetExport(TableExport):
    """The table as a file in the sheet layout: Indonesian headers and labels, raw numbers, and no
    text cell a spreadsheet would run as a formula (an indicator named "=1+1" stays text)."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        with translation.override("id"):
            dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
            rows = with_regions(dataset, [row.record for row in table.rows])
        if self.format == TableExport.CSV:
            # A CSV has no cell types: a leading apostrophe is what spreadsheets take as "text".
            rows = [[sheet.neutralised(value) for value in row] for row in rows]
        return tablib.Dataset(*rows, headers=list(sheet.HEADERS), title=dataset.title)

    def export(self):
        content = super().export()
        if self.format != TableExport.XLSX:
            return content
        # openpyxl takes any text starting with "=" for a formula; mark such cells as plain strings.
        return sheet.xlsx_as_text(content)


EXPORT_FORMATS = (TableExport.CSV, TableExport.XLSX)
