"""The summary PDF as a document for the meeting: what its pages say and how they are laid out."""

import base64
import io
from decimal import Decimal as D

import pypdfium2
from django.urls import reverse
from pypdf import PdfReader

from reports import pdf_charts
from targets.choices import CATEGORY_COLOURS, Aggregation, Direction, Unit
from targets.models import Bureau, Indicator, Target, User
from targets.readmodel import build_rows

URL = reverse("reports:summary_pdf")
LONG_NAME = (
    "Persentase koperasi simpan pinjam yang menerapkan standar operasional prosedur dan tata kelola digital"
)


def get(client, **params):
    client.force_login(User.objects.get(username="kadis"))
    response = client.get(URL, {"tahun": 2025, "tw": 4, **params})
    assert response.status_code == 200
    return response.content


def pages_of(content) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], rgb(colour), strict=True))


def test_a_returned_quarters_latest_kendala_is_shown_marked_as_returned(client, demo):
    text = " ".join(pages_of(get(client)))
    assert (
        "TW III (dikembalikan) Verifikasi lapangan usaha yang naik kelas di tiga kabupaten belum selesai."
    ) in text
    assert "Verifikasi bersama dinas kabupaten dan pendamping KUMKM pada awal TW IV." in text


def test_the_chart_key_shows_the_category_colours_the_official_lines_are_drawn_in(client, demo):
    document = pypdfium2.PdfDocument(get(client))
    page = next(
        document[n]
        for n in range(len(document))
        if "resmi (disetujui)" in document[n].get_textpage().get_text_range()
    )
    text = page.get_textpage()
    left, bottom, _right, top = text.get_charbox(text.search("resmi (disetujui)").get_next()[0])
    scale = 4
    height = page.get_size()[1]
    image = page.render(scale=scale).to_pil().convert("RGB")
    # The key's line stands just left of its words.
    box = (
        int((left - 32) * scale),
        int((height - top - 3) * scale),
        int(left * scale),
        int((height - bottom + 3) * scale),
    )
    pixels = [colour for _count, colour in image.crop(box).getcolors(maxcolors=1_000_000)]
    for colour in CATEGORY_COLOURS.values():
        assert any(near(pixel, colour, 25) for pixel in pixels), colour
    assert not any(near(pixel, "#0b5c8a", 25) for pixel in pixels)
    assert "resmi (disetujui), berwarna menurut kategori capaiannya" in " ".join(
        text.get_text_range().split()
    )


def test_a_long_name_is_wrapped_in_the_bar_chart_never_cut(demo):
    bureau = Bureau.objects.get(code="koperasi")
    indicator = Indicator.objects.create(
        code="panjang",
        name=LONG_NAME,
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
        direction=Direction.HIGHER,
    )
    Target.objects.create(indicator=indicator, year=2025, value=D(50))
    row = next(row for row in build_rows(2025, 4) if row.indicator.code == "panjang")
    svg = base64.b64decode(pdf_charts.achievement_bars([row], [9]).split(",", 1)[1]).decode()
    assert "…" not in svg
    label = " ".join(line for line in pdf_charts.bar_label(9, LONG_NAME).splitlines())
    assert label == f"9. {LONG_NAME}"
    for line in pdf_charts.bar_label(9, LONG_NAME).splitlines():
        assert line in svg


def test_no_name_is_cut_anywhere_in_the_document(client, demo):
    bureau = Bureau.objects.get(code="koperasi")
    indicator = Indicator.objects.create(
        code="panjang",
        name=LONG_NAME,
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
        direction=Direction.HIGHER,
    )
    Target.objects.create(indicator=indicator, year=2025, value=D(50))
    text = " ".join(pages_of(get(client, bidang="koperasi", lampiran="1")))
    assert "…" not in text
    # The summary table, the annex's table, its chart's caption and its formula note, and the
    # evaluation table each print it whole.
    assert text.count(LONG_NAME) >= 5


def test_the_legend_is_never_left_alone_on_a_page(client, demo):
    for params in ({}, {"bidang": "usaha-kecil"}):
        pages = pages_of(get(client, **params))
        legend = [text for text in pages if "Kategori capaian (Permendagri 86/2017)" in text]
        assert len(legend) == 1
        # It stands under the summary table's heading, above its first rows.
        assert "Capaian seluruh indikator" in legend[0]
        after = legend[0][legend[0].index("Kategori capaian (Permendagri 86/2017)") :]
        assert "Jumlah koperasi produsen" in after or "Persentase proporsi jumlah UKM" in after


def test_one_bureaus_footer_names_the_bureau_on_every_page(client, demo):
    pages = pages_of(get(client, bidang="usaha-kecil"))
    for text in pages:
        assert "Ringkasan Capaian Kinerja · 2025 TW IV · Bidang Pemberdayaan Usaha Kecil" in text
    every = pages_of(get(client))
    assert "Ringkasan Capaian Kinerja · 2025 TW IV Halaman 1" in every[0]


def test_each_formula_note_names_its_own_targets_source(client, demo):
    text = " ".join(pages_of(get(client)))
    notes = text[text.index("Catatan rumus") :]
    produsen = notes[notes.index("Jumlah koperasi produsen (posisi") :]
    assert produsen[: produsen.index(" 2. Partisipasi")].endswith("Sumber target 2025: Isian demo.")
    volume = notes[notes.index("Volume usaha koperasi sektor produksi (jumlah") :]
    assert volume[: volume.index(" 4. Rasio volume")].endswith("Sumber target 2025: Rakortek 2025.")
    assert "Sumber data: Rakortek 2025" not in text


def test_the_evaluation_table_is_a_landscape_annex(client, demo):
    content = get(client, lampiran="1")
    reader = PdfReader(io.BytesIO(content))
    texts = pages_of(content)
    annex = [n for n, text in enumerate(texts) if "Evaluasi terhadap Hasil Renja Perangkat Daerah" in text]
    assert annex
    for n, page in enumerate(reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width > height) == (n >= annex[0]), n
    text = " ".join(texts[annex[0] :])
    assert "Realisasi Kinerja pada Triwulan" in text and "Unit Perangkat Daerah Penanggung Jawab" in text
    assert "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16" in text
    assert "Wirausaha baru (orang) 2.872 – 1.300 280 310 295 330 1.215 1.215 42,31%" in text
    assert "Rata-rata capaian kinerja (%) 77,86%" in text
    assert "Predikat kinerja Tinggi" in text
    # The signature closes the summary, before the annex.
    signature = next(n for n, t in enumerate(texts) if "NIP. 123456789012345678" in t)
    assert signature < annex[0]
