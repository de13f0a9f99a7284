import datetime
import io
import re
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from reports.pdf import LocalOnlyFetcher
from targets.choices import Aggregation, Status, Unit
from targets.models import Bureau, FollowUp, Indicator, Realization, Target, User
from targets.readmodel import build_rows

URL = reverse("reports:summary_pdf")


def pages_of(response) -> list[str]:
    """Each page's text as the PDF reader gets it back, with line breaks folded into spaces."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.getvalue()))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def download(client, username="kadis", **params):
    client.force_login(User.objects.get(username=username))
    return pages_of(client.get(URL, params))


def overview(text: str) -> str:
    """The summary table of every indicator, from its heading to what follows it."""
    start = text.index("Capaian seluruh indikator")
    after = ("Angka yang menunggu persetujuan", "Capaian per indikator", "NIP.")
    return text[start : min(text.find(marker, start) % (len(text) + 1) for marker in after)]


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(URL, {"tahun": 2025, "tw": 4})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_bureau_staff_may_download_it_too(client, demo):
    pages = download(client, "staf.program", tahun=2025, tw=4)
    assert "Ringkasan Capaian Kinerja" in pages[0]


def test_the_heading_names_the_department_the_desk_and_the_period(client, demo):
    first = download(client, tahun=2025, tw=4)[0]
    assert "PEMERINTAH PROVINSI KALIMANTAN TENGAH" in first
    assert "DINAS KOPERASI DAN USAHA KECIL DAN MENENGAH" in first
    assert "Desk Urusan Koperasi dan UMKM" in first
    assert "Tahun 2025 · TW IV" in first
    assert re.search(r"Dibuat \d{1,2} \w+ \d{4}, \d{2}\.\d{2} WIB", first)


def test_every_page_is_numbered_out_of_the_total(client, demo):
    pages = download(client, tahun=2025, tw=4)
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text


def test_the_meetings_figures_read_the_indonesian_way(client, demo):
    text = " ".join(download(client, tahun=2025, tw=4))
    table = overview(text)
    assert "Jumlah koperasi produsen 1.311 (2025) 1.350 1.334 98,81% Sangat Tinggi" in table
    assert "Volume usaha koperasi sektor produksi – Rp 222 miliar Rp 123 miliar" in table
    assert "55,41% Rendah" in table


def test_next_years_targets_appear_in_a_period_without_data(client, demo):
    text = " ".join(download(client, tahun=2026, tw=1))
    table = overview(text)
    assert "Rasio volume usaha koperasi terhadap PDRB – 1,12%" in table
    assert "Wirausaha baru – 2.872" in table
    assert "Belum ada data realisasi untuk 2026 TW I" in text


def test_the_categories_agree_with_the_dashboards_rows(client, demo):
    table = overview(" ".join(download(client, tahun=2025, tw=4)))
    for row in build_rows(2025, 4):
        name = re.escape(row.indicator.name)
        shown = re.search(
            name + r" .*?(Sangat Tinggi|Tinggi|Sedang|Sangat Rendah|Rendah|belum ada data)", table
        )
        assert shown is not None, row.indicator.name
        assert shown.group(1) == row.official.category.label


def test_figures_awaiting_approval_are_marked_and_listed(client, demo):
    text = " ".join(download(client, tahun=2025, tw=4))
    # TW IV business volume (Rp 49 miliar) is submitted: official Rp 123 miliar, provisional Rp 172 miliar.
    assert "Rp 123 miliar ◆ Rp 172 miliar (TW IV)" in overview(text)
    listed = text[text.index("◆ Angka yang menunggu persetujuan") :]
    assert "Volume usaha koperasi sektor produksi TW IV Rp 123 miliar Rp 172 miliar 77,48%" in listed
    assert "Persentase proporsi jumlah UKM TW IV 3,35% 3,41%" in listed
    assert "2 indikator memuat angka yang masih menunggu persetujuan" in text


def test_the_narrative_counts_categories_and_names_what_is_off_track(client, demo):
    first = download(client, tahun=2025, tw=2)[0]
    assert "Dari 8 indikator pada 2025 TW II, menurut angka resmi:" in first
    # Business volume: Rp 79 miliar approved by TW II against Rp 111 miliar expected pro rata.
    assert (
        "Volume usaha koperasi sektor produksi: realisasi Rp 79 miliar, yang diharapkan Rp 111 miliar "
        "(kurang Rp 32 miliar; baru 71,17% dari yang diharapkan)"
    ) in first
    assert "diproyeksikan mencapai target pada akhir tahun" in first


def test_each_formula_lets_a_figure_be_recomputed_by_hand(client, demo):
    text = " ".join(download(client, tahun=2025, tw=4))
    assert (
        "TW I Rp 38 miliar + TW II Rp 41 miliar + TW III Rp 44 miliar = Rp 123 miliar. "
        "Makin tinggi makin baik: capaian = realisasi ÷ target × 100 = "
        "Rp 123 miliar ÷ Rp 222 miliar × 100 = 55,41%."
    ) in text
    assert (
        "Jumlah anggota koperasi ÷ Jumlah penduduk × 100, masing-masing s.d. TW IV: 205.000 ÷ 2.790.000"
        in text
    )
    assert "TW I 280 + TW II 310 + TW III 295 + TW IV 330 = 1.215" in text


def test_each_bureau_section_carries_its_charts_and_its_kendala(client, demo):
    pages = download(client, tahun=2025, tw=4)
    section = next(text for text in pages if text.startswith("Bidang Pemberdayaan dan Pengembangan Koperasi"))
    assert "Capaian terhadap target tahunan" in section  # the bar chart's axis, kept as text
    assert "TW III" in section and "Rp 120 miliar" in section  # the quarterly chart's axes
    assert "Harga komoditas karet dan sawit turun" in section
    assert "Pendampingan akses pasar" in section


def test_a_ratios_kendala_entered_on_its_supporting_series_is_shown_under_it(client, demo):
    Realization.objects.filter(indicator__code="pdrb-adhb", year=2025, quarter=2).update(
        kendala="Angka PDRB triwulan masih sementara dari BPS."
    )
    FollowUp.objects.create(
        indicator=Indicator.objects.get(code="pdrb-adhb"),
        year=2025,
        quarter=2,
        action="Menunggu rilis BPS.",
        pic="Kasubbag Program",
        due_date=datetime.date(2025, 9, 30),
    )
    text = " ".join(download(client, tahun=2025, tw=4, bidang="koperasi"))
    assert (
        "2. Rasio volume usaha koperasi terhadap PDRB TW II PDRB atas dasar harga berlaku: "
        "Angka PDRB triwulan masih sementara dari BPS. Menunggu rilis BPS. (Kasubbag Program, 30 Sep 2025)"
    ) in text


def test_notes_of_drafts_and_the_return_reason_stay_out_of_the_document(client, demo):
    Realization.objects.filter(indicator__code="rasio-kewirausahaan", quarter=1).update(
        status=Status.DRAFT, kendala="Catatan draf yang belum diajukan."
    )
    text = " ".join(download(client, tahun=2025, tw=4))
    assert "Catatan draf yang belum diajukan" not in text
    assert "Dikembalikan: angka TW III" not in text  # the reason the head gave for the return


def test_one_bureau_holds_only_that_bureaus_indicators(client, demo):
    text = " ".join(download(client, tahun=2025, tw=4, bidang="koperasi"))
    assert "Bidang Pemberdayaan dan Pengembangan Koperasi" in text
    assert "Volume usaha koperasi sektor produksi" in text
    assert "Rasio volume usaha koperasi terhadap PDRB" in text
    for other in Indicator.objects.targeted().exclude(bureau__code="koperasi"):
        assert other.name not in text
    assert "Dari 2 indikator" in text


def test_an_unknown_bureau_is_not_found(client, demo):
    client.force_login(User.objects.get(username="kadis"))
    assert client.get(URL, {"tahun": 2025, "tw": 4, "bidang": "tidak-ada"}).status_code == 404


def test_a_year_without_any_data_says_so_instead_of_failing(client, demo):
    pages = download(client, tahun=2031, tw=3)
    assert len(pages) == 1
    assert "Belum ada data realisasi untuk 2031 TW III" in pages[0]


def test_without_indicators_the_document_says_so(client, head):
    client.force_login(head)
    pages = pages_of(client.get(URL, {"tahun": 2025, "tw": 1}))
    assert "Belum ada indikator untuk 2025 TW I" in pages[0]


def test_without_a_period_the_latest_one_is_shown(client, demo):
    first = download(client)[0]
    assert "Tahun 2025 · TW IV" in first


def test_a_malformed_period_falls_back_to_the_latest_one(client, demo):
    first = download(client, tahun="99999999", tw="9")[0]
    assert "Tahun 2025 · TW IV" in first


def test_english_is_available(client, demo):
    client.force_login(User.objects.get(username="kadis"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = pages_of(client.get(URL, {"tahun": 2025, "tw": 4}))
    assert "Performance Achievement Summary" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0]
    text = " ".join(pages)
    assert "Rp 222 billion" in text and "1,311" in text
    assert "55.41% Low" in text


def test_the_document_fetches_nothing_from_another_host():
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch("https://cdn.example.com/font.woff2")


def _more_indicators(count):
    """Extra summed indicators, each with a target and two quarters, one approved, one submitted."""
    bureau = Bureau.objects.get(code="program")
    for i in range(count):
        indicator = Indicator.objects.create(
            code=f"tambahan-{i}",
            name=f"Indikator tambahan {i}",
            bureau=bureau,
            unit=Unit.UNIT,
            aggregation=Aggregation.SUM,
        )
        Target.objects.create(indicator=indicator, year=2025, value=D(100))
        Realization.objects.create(
            indicator=indicator, year=2025, quarter=1, value=D(20), status=Status.APPROVED
        )
        Realization.objects.create(
            indicator=indicator, year=2025, quarter=2, value=D(30), status=Status.SUBMITTED, kendala="Cuaca."
        )


@pytest.mark.parametrize("extra", [0, 12])
def test_the_pdf_reads_its_data_in_a_fixed_number_of_queries(client, demo, django_assert_num_queries, extra):
    _more_indicators(extra)
    client.force_login(User.objects.get(username="kadis"))
    # session, user, data version, stored copy, indicator count, savepoint, claim, release; indicators,
    # targets, realizations, carried totals, the year's figures and notes, the follow-ups agreed in the
    # year, those of earlier meetings (counted) and their reports, the letterhead; the regency tables:
    # the regencies, their figures, their targets; the copy stored, the copies kept
    with django_assert_num_queries(22):
        response = client.get(URL, {"tahun": 2025, "tw": 4})
    assert len(pages_of(response)) >= 4


@pytest.mark.parametrize("extra", [0, 12])
def test_the_annex_adds_a_fixed_number_of_queries(client, demo, django_assert_num_queries, extra):
    _more_indicators(extra)
    client.force_login(User.objects.get(username="kadis"))
    # the twenty-two of the document; the evaluation table: indicators, all their targets, the series'
    # figures, the year's notes, the unfinished follow-ups
    with django_assert_num_queries(27):
        client.get(URL, {"tahun": 2025, "tw": 4, "lampiran": "1"})


def test_one_bureaus_pdf_adds_only_the_bureau_lookup(client, demo, django_assert_num_queries):
    client.force_login(User.objects.get(username="kadis"))
    # session, user, bureau, data version, stored copy, indicator count, savepoint, claim, release;
    # indicators, targets, realizations, carried totals, the year's figures and notes, the follow-ups
    # agreed in the year, those of earlier meetings (counted) and their reports, the letterhead; the
    # regency tables: the regencies, their figures, their targets; the copy stored, the copies kept
    with django_assert_num_queries(23):
        client.get(URL, {"tahun": 2025, "tw": 4, "bidang": "usaha-kecil"})


def test_a_ratio_on_last_years_population_says_so_in_the_table_and_in_its_formula(client, demo):
    members = Indicator.objects.get(code="anggota-koperasi")
    Realization.objects.create(
        indicator=members, year=2026, quarter=1, value=D(209250), status=Status.APPROVED
    )
    text = " ".join(download(client, tahun=2026, tw=1))
    assert "Jumlah penduduk TW I belum terbit: dipakai angka terakhir yang terbit" in text
    assert "209.250 ÷ 2.790.000 × 100 = 7,50%. Jumlah penduduk TW I belum terbit" in text


def test_each_formula_says_how_the_expected_figure_was_found(client, demo):
    text = " ".join(download(client, tahun=2025, tw=1))
    # Producer cooperatives climb from the 1.311 of the baseline to 1.350: 1.320,75, shown as 1.321.
    assert (
        "Yang diharapkan s.d. TW I: 1.321 (titik awal 1.311 + (target tahunan − titik awal) × 1/4, "
        "dibulatkan ke satuan utuh)."
    ) in text
    assert "Yang diharapkan s.d. TW I: Rp 55,5 miliar (target tahunan × 1/4)." in text


def test_an_indicator_name_with_dollar_signs_is_printed_as_typed(client, demo):
    """A name is only ever text: `$…$` in it is printed, never typeset as mathematics."""
    Indicator.objects.filter(code="wirausaha-baru").update(name="Wirausaha baru $x^{2$ (orang)")
    text = " ".join(download(client, tahun=2025, tw=4))
    assert "Wirausaha baru $x^{2$ (orang)" in text
