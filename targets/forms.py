import hashlib
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from targets.figures import check_value, is_possible, references_of, review
from targets.formatting import babel_locale, format_value
from targets.numbers import MESSAGES, other_reading, parse_number


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Periksa kembali; huruf besar dan kecil dibedakan."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same words as the error message that names them.
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")


# Evidence kinds: extension -> how the file must begin (None: plain text, checked separately).
EVIDENCE_KINDS = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".xlsx": (b"PK\x03\x04",),
    ".csv": None,
}


def check_evidence(upload) -> None:
    """PDF, PNG/JPEG image or XLSX/CSV spreadsheet, no larger than the configured limit."""
    limit = settings.EVIDENCE_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar; batasnya %(limit)s MB."),
            code="too_large",
            params={"limit": settings.EVIDENCE_MAX_MB},
        )
    suffix = Path(upload.name).suffix.lower()
    wrong = ValidationError(
        _("Jenis berkas tidak diterima. Unggah PDF, gambar PNG/JPEG, atau spreadsheet XLSX/CSV."),
        code="wrong_type",
    )
    if suffix not in EVIDENCE_KINDS:
        raise wrong
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    magics = EVIDENCE_KINDS[suffix]
    if magics is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A cut in the middle of a multi-byte character is still text.
            if b"\x00" in head or len(head) < 2048:
                raise wrong from None
        if b"\x00" in head:
            raise wrong
    elif not head.startswith(magics):
        raise wrong


def fingerprint(value: Decimal | None, kendala: str) -> str:
    """A short digest of a row's figures, so that the form can tell a row the person left alone
    from one they changed, even if a colleague saved it meanwhile."""
    plain = "" if value is None else format(Decimal(value).normalize(), "f")
    text = kendala.replace("\r\n", "\n").strip()
    return hashlib.sha256("\x1f".join([plain, text]).encode()).hexdigest()[:16]


class RealizationForm(forms.Form):
    """One series' row on the entry form. The value is read as typed in the active language."""

    value = forms.CharField(
        label=_("Realisasi"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    kendala = forms.CharField(label=_("Kendala"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(
        label=_("Bukti dukung"),
        required=False,
        # A plain input: a stored file is replaced by a new one, never cleared from the form.
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.csv"}),
    )
    # The figure the person confirmed after a warning; it must equal the figure typed.
    confirm = forms.CharField(required=False, widget=forms.HiddenInput)
    # The row's version and a digest of its figures as the form opened them.
    version = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    opened = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, row, **kwargs):
        self.row = row
        self.warning = None
        current = row.current
        initial = {"version": row.version, "opened": fingerprint(None, "")}
        if current is not None:
            initial.update(
                value=format_input(current.value),
                kendala=current.kendala,
                opened=fingerprint(current.value, current.kendala),
            )
        super().__init__(*args, prefix=row.indicator.code, initial=initial, **kwargs)

    def clean_value(self):
        text = self.cleaned_data["value"].strip()
        if not text:
            return None
        value = parse_number(text)
        unit = self.row.indicator.unit
        try:
            check_value(value, unit)
        except ValidationError as error:
            other = other_reading(text)
            if not is_possible(other, unit):
                raise
            # Typed in the other language's convention: say how to type what was probably meant.
            raise ValidationError(
                _("%(error)s Bila maksud Anda %(other)s, tulis %(as_typed)s.")
                % {
                    "error": " ".join(error.messages),
                    "other": format_value(other, unit),
                    "as_typed": format_input(other),
                },
                code=error.code,
            ) from None
        return value

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            check_evidence(upload)
        return upload or None

    def clean(self):
        data = super().clean()
        if "value" not in data:
            return data
        value = data["value"]
        if value is None:
            if self.row.current is not None:
                self.add_error("value", _("Realisasi yang sudah tersimpan tidak dapat dikosongkan."))
            elif data.get("kendala") or data.get("evidence"):
                self.add_error(
                    "value", _("Isi realisasinya juga; kendala dan berkas disimpan bersama angkanya.")
                )
            return data
        if data.get("confirm", "") == str(value) or not self.touched:
            return data
        text = self.data.get(self.add_prefix("value"), "")
        self.warning = review(
            value,
            self.row.indicator.unit,
            references_of(self.row),
            text=text,
            other=other_reading(text),
            foreign=babel_locale() != "id",
        )
        if self.warning is not None:
            self.confirmable = str(value)
            self.add_error("value", ValidationError(self.warning.message, code="plausibility"))
        return data

    @property
    def needs_confirmation(self) -> bool:
        return self.warning is not None

    @property
    def touched(self) -> bool:
        """Whether the person changed this row from what the form opened with."""
        data = self.cleaned_data
        typed = fingerprint(data.get("value"), data.get("kendala", ""))
        return bool(data.get("evidence")) or typed != (data.get("opened") or self.initial["opened"])

    @property
    def opened_version(self) -> int:
        """The row's version the person started from; a form without one saw no row."""
        seen = self.cleaned_data.get("version", "")
        return int(seen) if seen.isdigit() else 0

    @property
    def file_to_choose_again(self) -> bool:
        """A browser never refills a file input: when the page comes back, the file must be chosen again."""
        return (
            self.is_bound
            and bool(self.files.get(self.add_prefix("evidence")))
            and "evidence" not in self.errors
        )


def format_input(value: Decimal | None) -> str:
    """A stored figure as the person would type it in the active language, with every decimal kept."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.####", locale=babel_locale())


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan alasannya.")},
    )


class ReturnForm(ReasonForm):
    prefix = "return"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Alasan dikembalikan (wajib, dibaca oleh bidang)")


class ReopenForm(ReasonForm):
    prefix = "reopen"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Alasan dibuka kembali (wajib)")


class ImportForm(forms.Form):
    sheet = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": _("Pilih berkas yang akan diimpor.")},
    )

    confirm = forms.BooleanField(
        label=_("Angka yang ditandai sudah saya periksa dan benar; simpan juga."), required=False
    )

    def clean_sheet(self):
        upload = self.cleaned_data["sheet"]
        if Path(upload.name).suffix.lower() not in {".csv", ".xlsx"}:
            raise ValidationError(_("Hanya berkas CSV atau XLSX yang dapat diimpor."))
        if upload.size > settings.EVIDENCE_MAX_MB * 1024 * 1024:
            raise ValidationError(
                _("Berkas terlalu besar; batasnya %(limit)s MB."), params={"limit": settings.EVIDENCE_MAX_MB}
            )
        return upload


class NumberField(forms.Field):
    """A Decimal typed the way the active language writes numbers (`222.000.000.000`, `1,12`)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": "64"})

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return format_input(Decimal(value))
        return value

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 64:
            raise ValidationError(MESSAGES["invalid"], code="invalid")
        return parse_number(text)


class RegionalFigureForm(forms.Form):
    """One series' row on a regency operator's page: the figure and the version the page opened."""

    value = forms.CharField(
        label=_("Realisasi"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    version = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, row, **kwargs):
        self.row = row
        initial = {"version": row.version}
        if row.current is not None:
            initial["value"] = format_input(row.current.value)
        super().__init__(*args, prefix=row.indicator.code, initial=initial, **kwargs)

    def clean_value(self):
        text = self.cleaned_data["value"].strip()
        if not text:
            if self.row.current is not None:
                raise ValidationError(_("Realisasi yang sudah tersimpan tidak dapat dikosongkan."))
            return None
        value = parse_number(text)
        check_value(value, self.row.indicator.unit)
        return value

    @property
    def opened_version(self) -> int:
        seen = self.cleaned_data.get("version", "")
        return int(seen) if seen.isdigit() else 0
