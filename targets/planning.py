"""Targets set by the planners: the checks every target passes and the one place that saves it.

The target page and the target import both go through `check_target` and `save_target`, so a
figure typed on the page and a figure read from a file meet the same rules, and every revision
keeps its reason in the target's history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.choices import COUNT_UNITS, YEARS, Aggregation, Quarter, Unit
from targets.formatting import format_value
from targets.forms import format_input
from targets.models import Indicator, Region, RegionalTarget, Target, User
from targets.numbers import parse_number

QUARTER_FIELDS = ("q1", "q2", "q3", "q4")
HUNDRED = Decimal(100)


@dataclass
class TargetFigures:
    """What a planner sets for one indicator and year, already read as numbers."""

    value: Decimal | None
    quarterly: dict[int, Decimal | None] = field(default_factory=dict)
    source: str = ""

    @classmethod
    def of(cls, target: Target) -> TargetFigures:
        return cls(target.value, dict(target.quarterly), target.source)


def check_figure(value: Decimal, unit: str) -> None:
    """What no target can be: negative, a share above 100%, or a fraction of a count."""
    if value < 0:
        raise ValidationError(_("Target tidak boleh negatif."), code="negative")
    if unit == Unit.PERCENT and value > HUNDRED:
        raise ValidationError(_("Persentase harus antara 0 dan 100."), code="over_100")
    if unit in COUNT_UNITS and value != value.to_integral_value():
        raise ValidationError(_("Satuan ini dihitung utuh: tulis bilangan bulat."), code="fraction")


def check_target(indicator: Indicator, year: int, figures: TargetFigures) -> dict[str | None, list[str]]:
    """Every reason the figures cannot be the indicator's target for `year`, by field.

    Field names are `value` and `q1`–`q4`; None holds what concerns the target as a whole.
    """
    errors: dict[str | None, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(str(message))

    if indicator.is_supporting:
        add(None, _("Data pendukung tidak punya target."))
    if indicator.aggregation == Aggregation.CUMULATIVE and not (
        indicator.period_start <= year <= indicator.period_end
    ):
        add(
            None,
            _("Tahun %(year)s di luar periode rencana %(start)s–%(end)s indikator kumulatif ini.")
            % {"year": year, "start": indicator.period_start, "end": indicator.period_end},
        )
    if figures.value is None:
        add("value", _("Isi target tahunan."))
    named = [("value", figures.value)] + [(f"q{q}", figures.quarterly.get(q)) for q in Quarter.values]
    for name, value in named:
        if value is None:
            continue
        try:
            check_figure(value, indicator.unit)
        except ValidationError as error:
            add(name, error.messages[0])
    if errors or figures.value is None:
        return errors
    _check_quarters(indicator, figures, add)
    return errors


def _check_quarters(indicator: Indicator, figures: TargetFigures, add) -> None:
    """Quarterly targets agree with the annual one, the way the indicator's kind forms a year."""
    annual, quarterly, unit = figures.value, figures.quarterly, indicator.unit
    entered = {q: v for q, v in quarterly.items() if v is not None}
    if not entered:
        return
    if indicator.aggregation == Aggregation.SUM:
        # A quarter left empty would take a quarter of the annual target: all four or none.
        total = sum(entered.values(), Decimal(0))
        if len(entered) < 4 or total != annual:
            first = min(entered)
            add(
                f"q{first}",
                _(
                    "Target TW I–IV indikator penjumlahan diisi keempatnya dan jumlahnya sama dengan "
                    "target tahunan %(annual)s; yang terisi sekarang berjumlah %(total)s. Kosongkan "
                    "keempatnya bila target dibagi rata per triwulan."
                )
                % {"annual": format_value(annual, unit), "total": format_value(total, unit)},
            )
        return
    # Cumulative, level and ratio: the quarterly target is the figure at the quarter's end.
    if entered.get(4) is not None and entered[4] != annual:
        add(
            "q4",
            _("Target TW IV sama dengan target tahunan (%(annual)s) untuk indikator ini.")
            % {"annual": format_value(annual, unit)},
        )


def save_target(
    indicator: Indicator, year: int, figures: TargetFigures, reason: str, user: User | None
) -> tuple[Target, bool]:
    """Create or revise the target, keeping `reason` in its history. Returns (target, changed).

    The caller has checked the figures with `check_target`. A save that changes nothing writes
    nothing, so the history only holds real revisions.
    """
    with transaction.atomic():
        target = Target.objects.select_for_update().filter(indicator=indicator, year=year).first()
        created = target is None
        if created:
            target = Target(indicator=indicator, year=year)
        before = None if created else TargetFigures.of(target)
        target.value = figures.value
        for q, name in zip(Quarter.values, QUARTER_FIELDS, strict=True):
            setattr(target, name, figures.quarterly.get(q))
        target.source = figures.source
        if not created and TargetFigures.of(target) == before:
            return target, False
        target._change_reason = reason
        target._history_user = user
        target.save()
    return target, True


def save_baseline(
    indicator: Indicator, value: Decimal | None, year: int | None, reason: str, user: User | None
) -> bool:
    """Revise the indicator's baseline, keeping `reason` in its history. Returns whether it changed."""
    if (indicator.baseline_value, indicator.baseline_year) == (value, year):
        return False
    indicator.baseline_value, indicator.baseline_year = value, year
    indicator._change_reason = reason
    indicator._history_user = user
    indicator.save(update_fields=["baseline_value", "baseline_year"])
    return True


def check_regency_targets(indicator: Indicator, year: int, values: dict[int, Decimal | None]) -> dict:
    """Every reason `values` ({region id: annual target or None}) cannot be the regencies' targets for
    `year`, by region id; None holds what concerns them as a whole."""
    errors: dict[int | None, list[str]] = {}
    if not indicator.by_region:
        errors[None] = [_("Indikator ini tidak dilaporkan per kabupaten/kota.")]
    elif indicator.is_supporting:
        errors[None] = [_("Data pendukung tidak punya target.")]
    elif indicator.aggregation == Aggregation.CUMULATIVE and not (
        indicator.period_start <= year <= indicator.period_end
    ):
        errors[None] = [
            _("Tahun %(year)s di luar periode rencana %(start)s–%(end)s indikator kumulatif ini.")
            % {"year": year, "start": indicator.period_start, "end": indicator.period_end}
        ]
    for region_id, value in values.items():
        if value is None:
            continue
        try:
            check_figure(value, indicator.unit)
        except ValidationError as error:
            errors.setdefault(region_id, []).append(error.messages[0])
    return errors


def save_regency_targets(
    indicator: Indicator, year: int, values: dict[int, Decimal | None], reason: str, user: User | None
) -> int:
    """Set each kabupaten/kota's annual target for `year` ({region id: value}; None removes it), keeping
    `reason` in the history of each one changed, all in one transaction. Returns how many changed.

    The caller has checked the values with `check_regency_targets`. The province target is not touched:
    it stays the one assessed.
    """
    changed = 0
    with transaction.atomic():
        existing = {
            target.region_id: target
            for target in RegionalTarget.objects.select_for_update().filter(
                indicator=indicator, year=year, region_id__in=values
            )
        }
        for region_id, value in values.items():
            target = existing.get(region_id)
            if target is not None and value == target.value:
                continue
            if target is None and value is None:
                continue
            if target is None:
                target = RegionalTarget(indicator=indicator, region_id=region_id, year=year)
            target._change_reason = reason
            target._history_user = user
            if value is None:
                target.delete()
            else:
                target.value = value
                target.save()
            changed += 1
    return changed


def number_input(**attrs):
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", **attrs})


class TargetForm(forms.Form):
    """An indicator's target for a year, typed the way the active language writes numbers."""

    value = forms.CharField(
        label=gettext_lazy("Target tahunan"), max_length=64, required=False, widget=number_input()
    )
    q1 = forms.CharField(label=gettext_lazy("TW I"), max_length=64, required=False, widget=number_input())
    q2 = forms.CharField(label=gettext_lazy("TW II"), max_length=64, required=False, widget=number_input())
    q3 = forms.CharField(label=gettext_lazy("TW III"), max_length=64, required=False, widget=number_input())
    q4 = forms.CharField(label=gettext_lazy("TW IV"), max_length=64, required=False, widget=number_input())
    source = forms.CharField(label=gettext_lazy("Sumber target"), max_length=255, required=False)
    baseline_value = forms.CharField(
        label=gettext_lazy("Data dasar"), max_length=64, required=False, widget=number_input()
    )
    baseline_year = forms.TypedChoiceField(
        label=gettext_lazy("Tahun data dasar"),
        choices=[("", "–"), *((year, year) for year in reversed(YEARS))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Alasan penetapan atau perubahan (wajib, disimpan dalam riwayat)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Tuliskan alasannya.")},
    )

    def __init__(self, *args, indicator: Indicator, year: int, target: Target | None = None, **kwargs):
        self.indicator, self.year = indicator, year
        initial = {}
        if target is not None:
            initial = {"value": format_input(target.value), "source": target.source}
            initial.update({f"q{q}": format_input(v) for q, v in target.quarterly.items()})
        initial["baseline_value"] = format_input(indicator.baseline_value)
        initial["baseline_year"] = indicator.baseline_year
        super().__init__(*args, initial=initial, **kwargs)

    def _number(self, name):
        text = self.cleaned_data[name].strip()
        return parse_number(text) if text else None

    def clean_value(self):
        return self._number("value")

    def clean_q1(self):
        return self._number("q1")

    def clean_q2(self):
        return self._number("q2")

    def clean_q3(self):
        return self._number("q3")

    def clean_q4(self):
        return self._number("q4")

    def clean_baseline_value(self):
        value = self._number("baseline_value")
        if value is not None:
            check_figure(value, self.indicator.unit)
        return value

    def clean(self):
        data = super().clean()
        names = ("value", *QUARTER_FIELDS)
        if any(name in self.errors for name in names):
            return data
        figures = self.figures()
        for name, messages in check_target(self.indicator, self.year, figures).items():
            for message in messages:
                self.add_error(name, message)
        if (data.get("baseline_value") is None) != (data.get("baseline_year") is None):
            self.add_error("baseline_year", _("Data dasar diisi bersama tahunnya."))
        return data

    def figures(self) -> TargetFigures:
        data = self.cleaned_data
        return TargetFigures(
            data.get("value"),
            {q: data.get(name) for q, name in zip(Quarter.values, QUARTER_FIELDS, strict=True)},
            data.get("source", "").strip(),
        )

    def quarter_fields(self):
        return [self[name] for name in QUARTER_FIELDS]


class RegencyTargetForm(forms.Form):
    """Each kabupaten/kota's annual target for a year, typed the way the active language writes numbers;
    an empty field means no target of its own."""

    reason = forms.CharField(
        label=gettext_lazy("Alasan penetapan atau perubahan (wajib, disimpan dalam riwayat)"),
        # The history keeps a reason of up to 100 characters.
        max_length=100,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Tuliskan alasannya.")},
    )

    def __init__(
        self, *args, indicator: Indicator, year: int, regions: list[Region], targets: dict, **kwargs
    ):
        """`targets`: {region id: RegionalTarget} of the year."""
        # Ids of their own: the province target's form is on the same page.
        kwargs.setdefault("auto_id", "regency_%s")
        self.indicator, self.year, self.regions = indicator, year, regions
        # What is saved now, by region id: the page sums these, not what was typed.
        self.saved = {region.pk: targets[region.pk].value for region in regions if region.pk in targets}
        super().__init__(*args, **kwargs)
        for region in regions:
            target = targets.get(region.pk)
            self.fields[self.field_name(region)] = forms.CharField(
                label=region.name,
                max_length=64,
                required=False,
                initial=format_input(target.value if target else None),
                widget=number_input(),
            )
        # The reason is asked last, under the table.
        self.fields["reason"] = self.fields.pop("reason")

    @staticmethod
    def field_name(region: Region) -> str:
        return f"wilayah_{region.pk}"

    def rows(self):
        """(region, bound field) in the region tree's order."""
        return [(region, self[self.field_name(region)]) for region in self.regions]

    def clean(self):
        data = super().clean()
        values = {}
        for region in self.regions:
            name = self.field_name(region)
            text = (data.get(name) or "").strip()
            if name in self.errors:
                continue
            try:
                values[region.pk] = parse_number(text) if text else None
            except ValidationError as error:
                self.add_error(name, error)
        by_name = {region.pk: self.field_name(region) for region in self.regions}
        for region_id, messages in check_regency_targets(self.indicator, self.year, values).items():
            for message in messages:
                self.add_error(by_name.get(region_id), message)
        self.values = values
        return data
