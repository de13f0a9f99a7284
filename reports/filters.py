"""The dashboard's kabupaten/kota filter (`?wilayah=62.71`), read in one place.

Its cleaned value (the regency's code, or "" for the province) is what a page keyed by the filter
may keep; anything that is not a regency in the tree is refused by the form, never looked up.
"""

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

    def __init__(self, data, regions: list[Place]):
        """`regions`: the kabupaten/kota (targets.regions.regency_index)."""
        super().__init__(data)
        self.regions = {place.code: place for place in regions}
        self.choices = [("", _("Semua (angka provinsi)")), *((place.code, place.name) for place in regions)]

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
