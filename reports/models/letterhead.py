"""The department's letterhead and signatory, printed on every PDF the app makes."""

from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from simple_history.models import HistoricalRecords

LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "svg"]
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000
# The project's own placeholder, printed while no logo has been uploaded.
PLACEHOLDER_LOGO = settings.BASE_DIR / "static" / "img" / "logo-placeholder.svg"

nip_validator = RegexValidator(r"^\d{18}$", _("NIP terdiri atas 18 angka, tanpa spasi atau titik."))


def validate_logo(upload):
    """A PNG, JPEG or SVG of at most 1 MB and 4000 pixels a side, that really is what its name says."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Logo paling besar 1 MB."))
    upload.seek(0)
    if Path(upload.name).suffix.lower() == ".svg":
        try:
            root = ElementTree.fromstring(upload.read())
        except ElementTree.ParseError:
            raise ValidationError(_("Berkas SVG ini tidak dapat dibaca.")) from None
        finally:
            upload.seek(0)
        if not root.tag.endswith("svg"):
            raise ValidationError(_("Berkas SVG ini tidak berisi gambar SVG."))
        return
    try:
        with Image.open(upload) as image:
            kind, size = image.format, image.size
    except (UnidentifiedImageError, OSError):
        raise ValidationError(_("Logo harus berupa gambar PNG, JPEG atau SVG.")) from None
    finally:
        upload.seek(0)
    if kind not in {"PNG", "JPEG"}:
        raise ValidationError(_("Logo harus berupa gambar PNG, JPEG atau SVG."))
    if max(size) > LOGO_MAX_PIXELS:
        raise ValidationError(_("Logo paling besar 4000 piksel per sisi."))


class Letterhead(models.Model):
    """The one department's kop surat and the signatory of its documents; every change is kept."""

    ONLY_ROW = 1

    government = models.CharField(
        _("pemerintah daerah"), max_length=200, default="Pemerintah Provinsi Kalimantan Tengah"
    )
    agency = models.CharField(
        _("perangkat daerah"), max_length=200, default="Dinas Koperasi dan Usaha Kecil dan Menengah"
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.CharField(_("laman"), max_length=120, blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="kop/",
        blank=True,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS), validate_logo],
        help_text=_("PNG, JPEG atau SVG, paling besar 1 MB. Tanpa logo, dicetak logo pengganti."),
    )
    place = models.CharField(
        _("tempat penandatanganan"),
        max_length=100,
        default="Palangka Raya",
        help_text=_("Untuk baris tanggal."),
    )
    signatory_name = models.CharField(
        _("nama penanda tangan"),
        max_length=200,
        blank=True,
        help_text=_("Kosong: dicetak garis titik-titik untuk diisi tangan."),
    )
    signatory_rank = models.CharField(
        _("pangkat/golongan"), max_length=100, blank=True, help_text=_("Misalnya: Pembina Utama Muda (IV/c).")
    )
    signatory_nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    signatory_title = models.CharField(
        _("jabatan"), max_length=200, default="Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah"
    )
    acting = models.BooleanField(
        _("pelaksana tugas (Plt.)"), default=False, help_text=_("Dicetak \u201cPlt.\u201d di depan jabatan.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kop surat dan penanda tangan")
        verbose_name_plural = _("kop surat dan penanda tangan")
        constraints = [
            models.CheckConstraint(
                name="one_letterhead",
                condition=Q(id=1),
                violation_error_message=_("Hanya ada satu kop surat untuk dinas."),
            ),
        ]

    def __str__(self):
        return f"{self.government} · {self.agency}"

    def save(self, *args, **kwargs):
        self.pk = self.ONLY_ROW
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "Letterhead":
        """The department's row, or an unsaved one with the defaults if it was never created."""
        return cls.objects.filter(pk=cls.ONLY_ROW).first() or cls(pk=cls.ONLY_ROW)

    @property
    def title_line(self) -> str:
        return f"Plt. {self.signatory_title}" if self.acting else self.signatory_title

    def logo_bytes(self) -> tuple[bytes, str]:
        """The logo's bytes and media type: the uploaded one, else the placeholder."""
        if self.logo:
            with self.logo.open("rb") as stored:
                data = stored.read()
            suffix = Path(self.logo.name).suffix.lower()
            kind = {".svg": "image/svg+xml", ".png": "image/png"}.get(suffix, "image/jpeg")
            return data, kind
        return PLACEHOLDER_LOGO.read_bytes(), "image/svg+xml"
