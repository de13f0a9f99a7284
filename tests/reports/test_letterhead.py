import io
from datetime import date

import pypdfium2
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from pypdf import PdfReader

from reports.models import Letterhead
from reports.pdf import signed_on
from targets.models import User

URL = reverse("reports:summary_pdf")
ADMIN_URL = reverse("admin:reports_letterhead_change", args=[Letterhead.ONLY_ROW])
# Points per millimetre in a PDF.
MM = 72 / 25.4


def text_of(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.getvalue()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def download(client, **params):
    client.force_login(User.objects.get(username="kadis"))
    return client.get(URL, {"tahun": 2025, "tw": 4, **params})


def png(width=40, height=40) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def ink(image, box) -> int:
    """How many pixels of a page region are clearly not white."""
    return sum(image.crop(box).convert("L").histogram()[:200])


def test_a_fresh_database_has_the_departments_letterhead_without_a_signatory(db):
    letterhead = Letterhead.objects.get()
    assert letterhead.government == "Pemerintah Provinsi Kalimantan Tengah"
    assert letterhead.agency == "Dinas Koperasi dan Usaha Kecil dan Menengah"
    assert letterhead.place == "Palangka Raya"
    assert letterhead.signatory_title == "Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah"
    assert letterhead.signatory_name == "" and letterhead.signatory_nip == ""


def test_the_demo_fills_a_fictitious_signatory(demo):
    letterhead = Letterhead.objects.get()
    assert "Contoh" in letterhead.signatory_name
    assert letterhead.signatory_nip == "123456789012345678"


def test_there_is_only_ever_one_letterhead(db):
    Letterhead(agency="Dinas lain").save()
    assert Letterhead.objects.count() == 1
    assert Letterhead.objects.get().agency == "Dinas lain"


@pytest.mark.parametrize(
    "nip", ["19700101", "1970010119900310011", "19700101 199003 1 001", "19700101199003100x"]
)
def test_a_nip_is_eighteen_digits(db, nip):
    letterhead = Letterhead.current()
    letterhead.signatory_nip = nip
    with pytest.raises(ValidationError) as raised:
        letterhead.full_clean()
    assert "signatory_nip" in raised.value.message_dict


def test_a_logo_must_be_a_png_jpeg_or_svg_image(db):
    letterhead = Letterhead.current()
    letterhead.logo = SimpleUploadedFile("logo.png", b"not an image at all")
    with pytest.raises(ValidationError) as raised:
        letterhead.full_clean()
    assert "logo" in raised.value.message_dict
    letterhead.logo = SimpleUploadedFile("logo.gif", png())
    with pytest.raises(ValidationError):
        letterhead.full_clean()


def test_a_logo_of_absurd_size_is_refused(db):
    letterhead = Letterhead.current()
    letterhead.logo = SimpleUploadedFile("logo.png", png(5000, 10))
    with pytest.raises(ValidationError) as raised:
        letterhead.full_clean()
    assert "4000" in " ".join(raised.value.message_dict["logo"])


def test_a_small_png_logo_is_accepted(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    letterhead = Letterhead.current()
    letterhead.logo = SimpleUploadedFile("logo.png", png())
    letterhead.full_clean()


def test_the_pdf_carries_the_letterhead_and_the_signature_block(client, demo):
    text = text_of(download(client))
    assert "PEMERINTAH PROVINSI KALIMANTAN TENGAH" in text
    assert "DINAS KOPERASI DAN USAHA KECIL DAN MENENGAH" in text
    assert "Palangka Raya, " in text
    assert "Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah," in text
    assert "Drs. Nama Contoh Demo, M.Si." in text
    assert "Pembina Utama Muda (IV/c)" in text
    assert "NIP. 123456789012345678" in text


def test_the_signature_is_dated_today_in_indonesian(client, demo):
    text = text_of(download(client))
    assert f"Palangka Raya, {signed_on(timezone.localdate())}" in text
    assert signed_on(date(2026, 11, 28)) == "28 November 2026"
    assert signed_on(date(2026, 8, 17)) == "17 Agustus 2026"


def test_the_english_pdf_dates_the_signature_in_english(client, demo):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = text_of(download(client))
    with translation.override("en"):
        assert signed_on(date(2026, 8, 17)) == "17 August 2026"
        assert f"Palangka Raya, {signed_on(timezone.localdate())}" in text


def test_an_acting_signatory_is_printed_as_plt(client, demo):
    Letterhead.objects.update(acting=True)
    text = text_of(download(client))
    assert "Plt. Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah," in text


def test_without_a_signatory_the_pdf_leaves_lines_to_fill_by_hand(client, demo):
    Letterhead.objects.update(signatory_name="", signatory_rank="", signatory_nip="")
    text = text_of(download(client))
    assert "Contoh" not in text
    assert "NIP." in text and "123456789012345678" not in text


def test_what_the_administrator_changes_is_printed_and_kept_in_history(client, demo):
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    page = client.get(ADMIN_URL)
    assert page.status_code == 200
    form = {
        "government": "Pemerintah Provinsi Kalimantan Tengah",
        "agency": "Dinas Koperasi dan Usaha Kecil dan Menengah",
        "address": "Jalan Contoh No. 1, Palangka Raya",
        "phone": "(0536) 000000",
        "email": "",
        "website": "",
        "place": "Palangka Raya",
        "signatory_name": "Ir. Nama Pengganti",
        "signatory_rank": "Pembina (IV/a)",
        "signatory_nip": "111122223333444455",
        "signatory_title": "Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah",
        "acting": "on",
    }
    response = client.post(ADMIN_URL, form)
    assert response.status_code == 302
    assert Letterhead.history.count() >= 2
    assert Letterhead.history.first().history_user == admin
    text = text_of(client.get(URL, {"tahun": 2025, "tw": 4}))
    assert "Jalan Contoh No. 1, Palangka Raya" in text
    assert "Plt. Kepala Dinas" in text and "Ir. Nama Pengganti" in text and "NIP. 111122223333444455" in text


def test_a_bad_nip_in_the_admin_is_refused_next_to_the_field(client, demo):
    client.force_login(User.objects.get(username="admin"))
    letterhead = Letterhead.objects.get()
    form = {
        field: getattr(letterhead, field) for field in ("government", "agency", "place", "signatory_title")
    }
    response = client.post(ADMIN_URL, {**form, "signatory_nip": "1234"})
    assert response.status_code == 200
    assert "NIP terdiri atas 18 angka" in response.content.decode()
    assert Letterhead.objects.get().signatory_nip == "123456789012345678"


def test_the_admin_offers_no_second_letterhead_and_no_delete(client, demo):
    client.force_login(User.objects.get(username="admin"))
    assert client.get(reverse("admin:reports_letterhead_add")).status_code == 403
    assert client.get(reverse("admin:reports_letterhead_delete", args=[1])).status_code == 403


def test_the_rendered_pages_show_the_letterhead_and_the_signature_with_room_to_sign(client, demo):
    response = download(client)
    document = pypdfium2.PdfDocument(response.getvalue())
    first = document[0]
    width, height = first.get_size()
    scale = 2
    image = first.render(scale=scale).to_pil()
    # The kop: the logo on the left of the top band, and the names beside it.
    top = 16 * MM * scale
    assert ink(image, (15 * MM * scale, top, 33 * MM * scale, top + 20 * MM * scale)) > 500
    assert ink(image, (60 * MM * scale, top, 150 * MM * scale, top + 12 * MM * scale)) > 500

    # The signature closes the summary, before the landscape annex.
    last = next(
        document[n]
        for n in range(len(document))
        if "NIP. 123456789012345678" in document[n].get_textpage().get_text_range()
    )
    text = last.get_textpage()
    nip_left, nip_bottom, nip_right, nip_top = text.get_charbox(text.search("NIP.").get_next()[0])
    title = text.search("Kepala Dinas Koperasi dan UKM").get_next()
    _left, title_bottom, _right, _top = text.get_charbox(title[0])
    image = last.render(scale=scale).to_pil()
    y = lambda points: (height - points) * scale  # noqa: E731 - PDF points up, pixels down
    # The NIP line has ink, and above the name there is at least 20 mm of white for signature and stamp.
    assert ink(image, (nip_left * scale, y(nip_top), (nip_left + 60 * MM) * scale, y(nip_bottom))) > 100
    name_top = nip_top + 3 * 4.2 * MM  # the name, rank and NIP lines
    blank = (nip_left * scale, y(title_bottom) + 6 * MM * scale, (width - 16 * MM) * scale, y(name_top))
    assert blank[3] - blank[1] > 20 * MM * scale
    assert ink(image, blank) == 0


def test_the_admins_list_opens_the_one_letterhead(client, demo):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("admin:reports_letterhead_changelist"))
    assert response.status_code == 302
    assert response.url == ADMIN_URL


def test_bureau_staff_cannot_edit_the_letterhead(client, demo):
    client.force_login(User.objects.get(username="staf.koperasi"))
    response = client.get(ADMIN_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_uploaded_logo_is_printed_instead_of_the_placeholder(client, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    letterhead = Letterhead.objects.get()
    letterhead.logo = SimpleUploadedFile("logo.png", png(300, 360))
    letterhead.save()
    document = pypdfium2.PdfDocument(download(client).getvalue())
    images = [obj for obj in document[0].get_objects() if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]
    assert any(image.get_px_size() == (300, 360) for image in images)
