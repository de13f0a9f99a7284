from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from targets.choices import Unit
from targets.formatting import babel_locale, format_rupiah
from targets.numbers import MESSAGES, parse_number


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


def scale_suggestion(value: Decimal, reference: Decimal | None) -> Decimal | None:
    """When `value` is a thousand times or more off `reference`, the same digits at its scale."""
    if reference is None or reference <= 0 or value <= 0:
        return None
    ratio = value / reference
    if Decimal("0.001") < ratio < 1000:
        return None
    thousands = int((ratio.log10() / 3).to_integral_value())
    return value.scaleb(-3 * thousands)


class RealizationForm(forms.Form):
    """One series' row on the entry form. The value is read as typed in the active language."""

    value = forms.CharField(
        label=_("Realisasi"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    kendala = forms.CharField(label=_("Kendala"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tindak_lanjut = forms.CharField(
        label=_("Tindak lanjut / solusi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(
        label=_("Bukti dukung"),
        required=False,
        # A plain input: a stored file is replaced by a new one, never cleared from the form.
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.csv"}),
    )
    # The figure the person confirmed after the scale warning; it must equal the figure typed.
    confirm_scale = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, row, **kwargs):
        self.row = row
        self.suggestion = None
        current = row.current
        initial = {}
        if current is not None:
            initial = {
                "value": format_input(current.value),
                "kendala": current.kendala,
                "tindak_lanjut": current.tindak_lanjut,
            }
        super().__init__(*args, prefix=row.indicator.code, initial=initial, **kwargs)

    def clean_value(self):
        text = self.cleaned_data["value"].strip()
        if not text:
            return None
        value = parse_number(text)
        check_value(value, self.row.indicator.unit)
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
            elif data.get("kendala") or data.get("tindak_lanjut") or data.get("evidence"):
                self.add_error(
                    "value", _("Isi realisasinya juga; kendala dan berkas disimpan bersama angkanya.")
                )
            return data
        if self.row.indicator.unit == Unit.RUPIAH:
            self._check_scale(value, data.get("confirm_scale", ""))
        return data

    def _check_scale(self, value, confirmed):
        previous = self.row.previous.value if self.row.previous else None
        for reference in (previous, self.row.quarterly_target):
            suggestion = scale_suggestion(value, reference)
            if suggestion is not None:
                break
        if suggestion is None or confirmed == str(value):
            return
        self.suggestion = suggestion
        self.confirmable = str(value)
        typed = format_rupiah(value) if value >= 1_000_000 else f"Rp {format_input(value)}"
        self.add_error(
            "value",
            ValidationError(
                _(
                    "Anda mengetik %(typed)s, seribu kali lipat atau lebih dari biasanya. "
                    "Apakah maksud Anda %(suggestion)s?"
                ),
                code="scale",
                params={"typed": typed, "suggestion": format_rupiah(suggestion)},
            ),
        )

    @property
    def needs_confirmation(self) -> bool:
        return self.suggestion is not None

    @property
    def file_to_choose_again(self) -> bool:
        """A browser never refills a file input: when the page comes back, the file must be chosen again."""
        return (
            self.is_bound
            and bool(self.files.get(self.add_prefix("evidence")))
            and "evidence" not in self.errors
        )


def check_value(value: Decimal, unit: str) -> None:
    """What no realization can be, whatever its series: negative, or a percentage above 100."""
    if value < 0:
        raise ValidationError(_("Realisasi tidak boleh negatif."), code="negative")
    if unit == Unit.PERCENT and value > 100:
        raise ValidationError(_("Persentase tidak boleh lebih dari 100."), code="over_100")


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
