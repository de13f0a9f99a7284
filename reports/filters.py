"""The dashboard's kabupaten/kota filter (`?wilayah=62.71`), read in one place.

Its cleaned value (the regency's code, or "" for the province) is what a page keyed by the filter
may keep; anything that is not a regency in the tree is refused by the form, never looked up.
"""

from functools import cached_property
from html import escape

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.models import Region
from targets.regions import Place

REGION_PARAM = "wilayah"


class RegencyFilter(forms.Form):
    """The regency asked for, checked against the tree. A text field checked by hand rather than a
    ChoiceField: Django normalises a ChoiceField's choices twice per request, over five hundred of
    them in a national tree; `choices` is what the page offers."""

    wilayah = forms.CharField(label=gettext_lazy("Kabupaten/kota"), required=False, strip=False)
    error_messages = {
        "invalid_choice": gettext_lazy(
            "Kabupaten/kota yang diminta tidak dikenal; angka provinsi ditampilkan."
        )
    }

    def __init__(self, data, regions: dict[str, Place], options: str):
        """`regions`: the kabupaten/kota by code (`by_code` of targets.regions.regency_index);
        `options`: the select's `option_tags` of their `regency_choices`, none selected, as the page
        keeps them made."""
        super().__init__(data)
        self.regions = regions
        self.options = options

    @cached_property
    def choices(self) -> list[tuple[str, str]]:
        return regency_choices(self.regions.values())

    def clean_wilayah(self):
        code = self.cleaned_data[REGION_PARAM]
        if code and code not in self.regions:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return code

    @property
    def region(self) -> Region | None:
        """The regency asked for, or None for the province (also when the code was refused): its id,
        code and name, as if read with only() (no query)."""
        if not self.is_valid():
            return None
        known = self.regions.get(self.cleaned_data[REGION_PARAM])
        return Region.from_db(None, ["id", "code", "name"], known) if known else None


def by_code(regions: list[Place]) -> dict[str, Place]:
    """The regencies by their code, in the tree's order."""
    return {place.code: place for place in regions}


def regency_choices(regions) -> list[tuple[str, str]]:
    """The province first, then each regency of the tree."""
    return [("", _("Semua (angka provinsi)")), *((place.code, place.name) for place in regions)]


def option_tags(choices) -> str:
    """`<option>` tags of (value, label) choices: over five hundred for a national tree, written once
    per data version and language rather than on every request."""
    return "".join(
        f'<option value="{escape(str(value))}">{escape(str(label))}</option>' for value, label in choices
    )


def mark_chosen(options: str, code: str | None) -> str:
    """`options` with the option of `code` (a regency of the tree, or None) selected."""
    if not code:
        return options
    tag = f'<option value="{escape(code)}">'
    return options.replace(tag, f'<option value="{escape(code)}" selected>', 1)
