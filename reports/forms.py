from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import Meeting
from targets.choices import YEARS
from targets.forms import ReasonForm


class MeetingForm(forms.ModelForm):
    """What a planner types to record a meeting; the period covered decides what is frozen."""

    class Meta:
        model = Meeting
        fields = ["name", "held_on", "place", "year", "quarter"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "year": forms.NumberInput(
                attrs={"min": YEARS.start, "max": YEARS.stop - 1, "inputmode": "numeric"}
            ),
        }
        labels = {"year": _("Tahun yang dibahas"), "quarter": _("Sampai triwulan")}
        error_messages = {
            "name": {"required": _("Tuliskan nama rapat.")},
            "held_on": {
                "required": _("Isi tanggal rapat."),
                "invalid": _("Tanggal tidak dapat dibaca; tulis misalnya 28/11/2026."),
            },
            "place": {"required": _("Tuliskan tempat rapat.")},
            "year": {"required": _("Isi tahun yang dibahas."), "invalid": _("Tahun ditulis dengan angka.")},
            "quarter": {"required": _("Pilih triwulan.")},
        }

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year not in YEARS:
            raise forms.ValidationError(
                _("Tahun harus antara %(first)s dan %(last)s."),
                params={"first": YEARS.start, "last": YEARS.stop - 1},
            )
        return year


class MeetingDeletionForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Alasan menghapus snapshot (wajib, disimpan)")
