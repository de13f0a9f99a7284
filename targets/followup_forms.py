"""The follow-up parts of the entry form and the follow-up page's form; all writes go to targets.followups."""

from django import forms
from django.utils.translation import gettext_lazy as _

from targets import followups
from targets.choices import YEARS, FollowUpStatus
from targets.models import FollowUp

DATE_ERRORS = {"invalid": _("Tanggal tidak dikenali; pilih tanggal, misalnya 31-12-2025.")}


def date_field(required: bool) -> forms.DateField:
    return forms.DateField(
        label=_("Batas waktu"),
        required=required,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def add_problems(form: forms.Form, found: dict[str, str], fields: dict[str, str] | None = None) -> None:
    """The write path's checks as errors beside the form's own fields."""
    for name, message in found.items():
        name = (fields or {}).get(name, name)
        if name not in form.errors:
            form.add_error(name, message)


class NewFollowUpForm(forms.Form):
    """A follow-up agreed for one indicator on the entry form; left blank, it adds nothing."""

    action = forms.CharField(
        label=_("Tindak lanjut yang disepakati"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    pic = forms.CharField(label=_("Penanggung jawab (PIC)"), required=False, max_length=200)
    due_date = date_field(required=False)

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("action", "").strip() or data.get("pic", "").strip() or data.get("due_date"))

    def clean(self):
        data = super().clean()
        if not self.errors and not self.is_blank:
            add_problems(
                self, followups.problems(action=data["action"], pic=data["pic"], due_date=data["due_date"])
            )
        return data


class FollowUpReportForm(forms.Form):
    """The bureau's report, in this quarter, on a follow-up agreed in an earlier one."""

    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    note = forms.CharField(label=_("Perkembangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, follow_up: FollowUp, report=None, **kwargs):
        self.follow_up = follow_up
        initial = {"status": report.status, "note": report.note} if report else {"status": follow_up.status}
        super().__init__(*args, prefix=f"tl-{follow_up.pk}", initial=initial, **kwargs)

    def clean(self):
        data = super().clean()
        if not self.errors:
            add_problems(self, followups.problems(status=data["status"], note=data["note"]))
        return data


class FollowUpForm(forms.ModelForm):
    """A follow-up's own page: its status, the note on it, its PIC and its due date."""

    due_date = date_field(required=True)

    class Meta:
        model = FollowUp
        fields = ["status", "status_note", "pic", "due_date"]
        widgets = {"status_note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"pic": {"required": followups.MESSAGES["pic"]}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].error_messages["required"] = followups.MESSAGES["due_date"]

    def clean(self):
        data = super().clean()
        found = followups.problems(status=data.get("status"), note=data.get("status_note", ""))
        add_problems(self, found, {"note": "status_note"})
        return data


class AgreeFollowUpForm(forms.ModelForm):
    """A follow-up agreed at a meeting, recorded by the head, a planner or the bureau's staff."""

    due_date = date_field(required=True)

    class Meta:
        model = FollowUp
        fields = ["indicator", "year", "quarter", "kendala", "action", "pic", "due_date"]
        widgets = {"kendala": forms.Textarea(attrs={"rows": 2}), "action": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "action": {"required": followups.MESSAGES["action"]},
            "pic": {"required": followups.MESSAGES["pic"]},
        }

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["year"].min_value = YEARS[0]
        self.fields["year"].widget.attrs.update(min=YEARS[0], max=YEARS[-1])
        self.fields["due_date"].error_messages["required"] = followups.MESSAGES["due_date"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year not in YEARS:
            raise forms.ValidationError(_("Tahun di luar jangkauan."))
        return year


def bind_entry_forms(quarter, data=None) -> list[forms.Form]:
    """The entry form's follow-up parts: a blank new follow-up under each row and a report on each
    earlier follow-up, bound to what was posted when `data` is given. Returns the bound ones."""
    for row in quarter.rows:
        row.new_follow_up = NewFollowUpForm(data, prefix=f"{row.indicator.code}-tl")
    for item in quarter.carried:
        # A follow-up the page did not show (carried in after it opened) is left as it is.
        shown = data is not None and f"tl-{item.follow_up.pk}-status" in data
        item.form = FollowUpReportForm(data if shown else None, follow_up=item.follow_up, report=item.report)
    forms = [row.new_follow_up for row in quarter.rows] + [item.form for item in quarter.carried]
    return [form for form in forms if form.is_bound]


def save_entry_forms(quarter, user) -> int:
    """Write the follow-ups agreed and the reports given on a valid entry form; returns how many."""
    written = 0
    for row in quarter.rows:
        form = row.new_follow_up
        if form is None or form.is_blank:
            continue
        if row.form is not None and row.form.is_bound:
            kendala = row.form.cleaned_data["kendala"]
        else:
            kendala = row.current.kendala if row.current else ""
        followups.create(
            user, row.indicator, quarter.year, quarter.quarter, kendala=kendala, **form.cleaned_data
        )
        written += 1
    for item in quarter.carried:
        if item.form is not None and item.form.is_bound and item.form.has_changed():
            followups.report(user, item.follow_up, quarter.year, quarter.quarter, **item.form.cleaned_data)
            written += 1
    return written


def keep_typed(fresh, typed) -> None:
    """Carry the follow-up forms typed on a page whose quarter was read again."""
    new_forms = {row.indicator.pk: row.new_follow_up for row in typed.rows}
    for row in fresh.rows:
        row.new_follow_up = new_forms.get(row.indicator.pk)
    reports = {item.follow_up.pk: item.form for item in typed.carried}
    for item in fresh.carried:
        item.form = reports.get(item.follow_up.pk)
