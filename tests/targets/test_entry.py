"""The entry form: what it shows, how numbers are read, what it refuses, and two people at once."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from targets.choices import Aggregation, Role, Status, Step, Unit
from targets.models import Bureau, FollowUp, Indicator, Realization, Target, User, WorkflowStep
from tests.targets.conftest import entry_data, entry_url, opened_fields

PRODUCTION = "volume-usaha-produksi"  # Rupiah, target 2026 Rp 240 miliar, 2025 TW IV Rp 49 miliar
ALL_SECTORS = "volume-usaha-koperasi"  # Rupiah supporting series, 2025 TW IV Rp 522 miliar
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def stored(code, year=2026, quarter=1):
    return Realization.objects.filter(indicator__code=code, year=year, quarter=quarter).first()


@pytest.fixture
def staff(demo, log_in_as):
    return log_in_as("staf.koperasi")


def test_the_form_has_a_row_per_entered_series_with_the_previous_quarter_and_the_target(staff):
    response = staff.get(entry_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-series="{PRODUCTION}"' in page and f'data-series="{ALL_SECTORS}"' in page
    # The ratio is computed from two series; nobody types it.
    assert 'data-series="rasio-volume-pdrb"' not in page
    assert "Rp 49 miliar" in page  # 2025 TW IV, the previous quarter
    assert "Rp 60 miliar" in page  # a quarter of the Rp 240 miliar annual target
    assert "Rp 240 miliar" in page
    assert "Simpan dan ajukan" in page


def test_indonesian_numbers_are_saved_as_exact_decimals_in_a_draft(staff, demo):
    response = staff.post(
        entry_url(),
        entry_data(
            {
                PRODUCTION: {
                    "value": "61.250.000.000,5",
                    "kendala": "Harga turun.",
                },
                ALL_SECTORS: "530.000.000.000",
            }
        ),
    )
    assert response.status_code == 302
    realization = stored(PRODUCTION)
    assert realization.value == D("61250000000.5")
    assert realization.status == Status.DRAFT
    assert realization.kendala == "Harga turun."
    assert realization.updated_by.username == "staf.koperasi"
    assert stored(ALL_SECTORS).value == D("530000000000")
    step = WorkflowStep.objects.filter(bureau__code="koperasi").get()
    assert (step.action, step.actor.username) == (Step.SAVE, "staf.koperasi")
    page = staff.get(entry_url()).content.decode()
    assert 'value="61.250.000.000,5"' in page
    assert "Tersimpan sebagai draf" in page


def test_english_numbers_are_read_the_english_way_once_english_is_chosen(staff):
    staff.cookies["django_language"] = "en"
    response = staff.post(
        entry_url(), entry_data({PRODUCTION: "60,000,000,000", ALL_SECTORS: "530,000,000,000.25"})
    )
    assert response.status_code == 302
    assert stored(PRODUCTION).value == D(60_000_000_000)
    assert stored(ALL_SECTORS).value == D("530000000000.25")


def test_the_same_figures_again_are_not_a_change(staff):
    staff.post(entry_url(), entry_data({PRODUCTION: "60.000.000.000"}))
    before = stored(PRODUCTION).history.count()
    response = staff.post(entry_url(), entry_data({PRODUCTION: "60.000.000.000"}), follow=True)
    assert "Tidak ada perubahan" in response.content.decode()
    assert stored(PRODUCTION).history.count() == before


def _refused(client, values, field_code=PRODUCTION, **kwargs):
    response = client.post(entry_url(**kwargs), entry_data(values, **kwargs))
    assert response.status_code == 200
    assert not Realization.objects.filter(
        year=kwargs.get("year", 2026), quarter=kwargs.get("quarter", 1)
    ).exists()
    return response.content.decode()


def test_text_where_a_number_belongs_is_refused_and_everything_typed_stays(staff):
    page = _refused(
        staff,
        {
            PRODUCTION: {"value": "enam puluh miliar", "kendala": "Kendala yang diketik."},
            ALL_SECTORS: {
                "value": "530.000.000.000",
                "tl-action": "Rencana yang diketik.",
                "tl-pic": "Kabid",
            },
        },
    )
    assert not FollowUp.objects.filter(action="Rencana yang diketik.").exists()
    assert "Bukan angka yang dikenali. Tulis misalnya 222.000.000.000 atau 1,12." in page
    assert 'value="enam puluh miliar"' in page
    assert "Kendala yang diketik." in page
    assert 'value="530.000.000.000"' in page and "Rencana yang diketik." in page


def test_the_english_message_gives_english_examples(staff):
    staff.cookies["django_language"] = "en"
    page = _refused(staff, {PRODUCTION: "1,12"})
    assert "222,000,000,000 or 1.12" in page


def test_a_negative_value_is_refused(staff):
    page = _refused(staff, {PRODUCTION: "-5.000.000"})
    assert "Realisasi tidak boleh negatif." in page
    assert 'value="-5.000.000"' in page


def test_a_percentage_over_100_is_refused(demo, log_in_as):
    client = log_in_as("staf.usahakecil")
    page = _refused(client, {"proporsi-ukm": "100,5"}, bureau="usaha-kecil")
    assert "Persentase tidak boleh lebih dari 100." in page
    response = client.post(
        entry_url("usaha-kecil"),
        # Far above its usual 3,84% it asks for a confirmation, but it is no refusal.
        entry_data({"proporsi-ukm": {"value": "100", "confirm": "100"}}, bureau="usaha-kecil"),
    )
    assert response.status_code == 302
    assert stored("proporsi-ukm").value == D(100)


def test_more_digits_than_the_field_holds_are_refused(staff):
    page = _refused(staff, {PRODUCTION: "100.000.000.000.000.000.000.000"})
    assert "Angka terlalu besar: paling banyak 20 digit sebelum koma." in page
    page = _refused(staff, {PRODUCTION: "1,23456"})
    assert "Paling banyak 4 angka di belakang koma." in page


def test_a_rupiah_value_a_thousand_times_below_the_target_asks_for_confirmation(staff):
    page = _refused(staff, {PRODUCTION: "60.000.000"})
    assert "Apakah maksud Anda Rp 60 miliar?" in page
    assert 'name="volume-usaha-produksi-confirm" value="60000000"' in page
    confirmed = entry_data({PRODUCTION: {"value": "60.000.000", "confirm": "60000000"}})
    assert staff.post(entry_url(), confirmed).status_code == 302
    assert stored(PRODUCTION).value == D(60_000_000)


def test_a_rupiah_value_a_thousand_times_above_the_previous_quarter_asks_for_confirmation(staff):
    page = _refused(staff, {ALL_SECTORS: "522.000.000.000.000"})
    assert "Anda mengetik Rp 522 triliun" in page
    assert "Apakah maksud Anda Rp 522 miliar?" in page


def test_a_confirmation_of_another_figure_does_not_count(staff):
    data = entry_data({PRODUCTION: {"value": "60.000", "confirm": "60000000"}})
    response = staff.post(entry_url(), data)
    assert response.status_code == 200
    assert "Apakah maksud Anda Rp 60 miliar?" in response.content.decode()


def test_a_value_within_five_times_of_its_references_needs_no_confirmation(staff):
    response = staff.post(entry_url(), entry_data({PRODUCTION: "20.000.000.000"}))
    assert response.status_code == 302


def test_kendala_without_a_value_asks_for_the_value(staff):
    page = _refused(staff, {PRODUCTION: {"value": "", "kendala": "Belum ada data dari kabupaten."}})
    assert "Isi realisasinya juga" in page
    assert "Belum ada data dari kabupaten." in page


def test_a_stored_value_cannot_be_emptied(staff):
    staff.post(entry_url(), entry_data({PRODUCTION: "60.000.000.000"}))
    response = staff.post(entry_url(), entry_data({PRODUCTION: ""}))
    assert response.status_code == 200
    assert "tidak dapat dikosongkan" in response.content.decode()
    assert stored(PRODUCTION).value == D(60_000_000_000)


def test_an_evidence_file_is_stored_under_media_root(staff, media):
    upload = SimpleUploadedFile("berita-acara.pdf", PDF, content_type="application/pdf")
    response = staff.post(
        entry_url(), {**entry_data({PRODUCTION: "60.000.000.000"}), f"{PRODUCTION}-evidence": upload}
    )
    assert response.status_code == 302
    realization = stored(PRODUCTION)
    path = media / realization.evidence.name
    assert path.name == "berita-acara.pdf" and path.read_bytes() == PDF
    page = staff.get(entry_url()).content.decode()
    assert f"/entri/bukti/{realization.pk}/" in page and "berita-acara.pdf" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.exe", b"MZ\x90\x00"),
        ("palsu.pdf", b"MZ\x90\x00 not a pdf"),
        ("foto.png", b"\xff\xd8\xff a jpeg named png"),
        ("data.csv", b"\x00\x01\x02\x03binary"),
    ],
)
def test_an_evidence_file_of_the_wrong_type_is_refused(staff, media, name, content):
    data = {
        **entry_data({PRODUCTION: "60.000.000.000"}),
        f"{PRODUCTION}-evidence": SimpleUploadedFile(name, content),
    }
    response = staff.post(entry_url(), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in page
    assert 'value="60.000.000.000"' in page
    assert not Realization.objects.filter(year=2026).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", b"\xff\xd8\xff\xe0 jpeg"),
        ("grafik.png", b"\x89PNG\r\n\x1a\n rest"),
        ("rekap.xlsx", b"PK\x03\x04 zip"),
        ("rekap.csv", b"Kode;Nilai\nkoperasi;Rp 1.000\n"),
    ],
)
def test_images_and_spreadsheets_are_accepted_as_evidence(staff, media, name, content):
    data = {
        **entry_data({PRODUCTION: "60.000.000.000"}),
        f"{PRODUCTION}-evidence": SimpleUploadedFile(name, content),
    }
    assert staff.post(entry_url(), data).status_code == 302
    assert stored(PRODUCTION).evidence.name.endswith(name)


def test_an_evidence_file_over_the_size_limit_is_refused(staff, media, settings):
    settings.EVIDENCE_MAX_MB = 1
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024))
    response = staff.post(
        entry_url(), {**entry_data({PRODUCTION: "60.000.000.000"}), f"{PRODUCTION}-evidence": big}
    )
    assert response.status_code == 200
    assert "Berkas terlalu besar; batasnya 1 MB." in response.content.decode()
    assert not Realization.objects.filter(year=2026).exists()


def test_submitting_a_complete_quarter_sends_it_to_the_head(staff):
    response = staff.post(
        entry_url(),
        entry_data({PRODUCTION: "60.000.000.000", ALL_SECTORS: "530.000.000.000"}, button="submit"),
    )
    assert response.status_code == 302
    assert set(Realization.objects.filter(year=2026).values_list("status", flat=True)) == {Status.SUBMITTED}
    assert list(WorkflowStep.objects.filter(bureau__code="koperasi").values_list("action", flat=True)) == [
        Step.SUBMIT,
        Step.SAVE,
    ]
    page = staff.get(entry_url()).content.decode()
    assert "Triwulan ini telah diajukan kepada Kepala Dinas." in page
    assert "menunggu persetujuan" in page
    assert 'name="volume-usaha-produksi-value"' not in page  # locked: no inputs any more


def test_an_incomplete_quarter_is_saved_but_not_submitted(staff):
    response = staff.post(
        entry_url(), entry_data({PRODUCTION: "60.000.000.000"}, button="submit"), follow=True
    )
    assert "Belum dapat diajukan: isi dan simpan dulu realisasi Volume usaha koperasi (seluruh sektor)." in (
        response.content.decode()
    )
    assert stored(PRODUCTION).status == Status.DRAFT


def test_a_later_save_by_someone_else_is_refused_with_both_versions_shown(staff, demo, client):
    colleague = User.objects.create_user(
        "staf.koperasi.2", role=Role.STAFF, bureau=Bureau.objects.get(code="koperasi"), first_name="Rekan"
    )
    staff.post(entry_url(), entry_data({PRODUCTION: "60.000.000.000"}))
    opened = opened_fields()  # the form as the staff member opened it

    client.force_login(colleague)
    client.post(entry_url(), entry_data({PRODUCTION: {"value": "61.000.000.000", "kendala": "Versi rekan."}}))

    client.force_login(User.objects.get(username="staf.koperasi"))
    mine = entry_data({PRODUCTION: {"value": "62.000.000.000", "kendala": "Versi saya."}}, opened=opened)
    response = client.post(entry_url(), mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "baru saja disimpan orang lain" in page
    assert 'value="62.000.000.000"' in page and "Versi saya." in page  # what I typed
    assert "Rp 61 miliar" in page and "Versi rekan." in page and "Rekan" in page  # what is stored
    assert stored(PRODUCTION).value == D(61_000_000_000)

    # Having seen both, saving again is a deliberate choice and goes through.
    fresh = entry_data({PRODUCTION: {"value": "62.000.000.000", "kendala": "Versi saya."}})
    assert client.post(entry_url(), fresh).status_code == 302
    assert stored(PRODUCTION).value == D(62_000_000_000)


def test_a_row_locked_in_an_open_quarter_keeps_its_figure(demo, log_in_as):
    # 2025 TW III of the small-business bureau: one series returned, the others approved.
    client = log_in_as("staf.usahakecil")
    kwargs = dict(bureau="usaha-kecil", year=2025, quarter=3)
    page = client.get(entry_url(**kwargs)).content.decode()
    assert 'name="mikro-naik-kelas-value"' in page
    assert 'name="proporsi-ukm-value"' not in page
    response = client.post(
        entry_url(**kwargs), entry_data({"mikro-naik-kelas": "170", "proporsi-ukm": "9"}, **kwargs)
    )
    assert response.status_code == 302
    assert stored("mikro-naik-kelas", 2025, 3).value == D(170)
    assert stored("proporsi-ukm", 2025, 3).value == D("3.35")


def _add_series(bureau, count):
    for i in range(count):
        indicator = Indicator.objects.create(
            code=f"seri-{i}", name=f"Seri {i}", bureau=bureau, unit=Unit.UNIT, aggregation=Aggregation.SUM
        )
        Target.objects.create(indicator=indicator, year=2026, value=D(100))
        Realization.objects.create(indicator=indicator, year=2025, quarter=4, value=D(20))
        Realization.objects.create(indicator=indicator, year=2026, quarter=1, value=D(25))


@pytest.mark.parametrize("extra_series", [0, 12])
def test_the_form_reads_its_data_in_a_fixed_number_of_queries(staff, django_assert_num_queries, extra_series):
    _add_series(Bureau.objects.get(code="koperasi"), extra_series)
    # session, user, bureau, series, targets, realizations (this and the previous quarter), the quarter's log,
    # the follow-ups agreed in the quarter, the earlier ones it reports on and their reports, the planners'
    # due date, the bureaus of the header's menu
    with django_assert_num_queries(12):
        response = staff.get(entry_url())
    assert response.content.decode().count('<article class="entry-row') == 2 + extra_series


def test_a_cumulative_series_quarterly_target_is_the_years_climb_spread_over_four_quarters(demo, log_in_as):
    client = log_in_as("staf.usahakecil")
    page = client.get(entry_url("usaha-kecil")).content.decode()
    new_entrepreneurs = page.split('data-series="wirausaha-baru"')[1].split("</article>")[0]
    # 2026 target 2.872 by the end of the plan period, 1.300 by the end of 2025: (2.872 − 1.300) ÷ 4.
    assert "393" in new_entrepreneurs
    assert "dibagi rata per triwulan" in new_entrepreneurs


def test_a_chosen_file_is_asked_for_again_when_another_field_is_wrong(staff, media):
    upload = SimpleUploadedFile("berita-acara.pdf", PDF)
    data = {**entry_data({PRODUCTION: "enam puluh"}), f"{PRODUCTION}-evidence": upload}
    response = staff.post(entry_url(), data)
    assert response.status_code == 200
    assert "Berkas yang dipilih belum tersimpan; pilih lagi sebelum menyimpan." in response.content.decode()


def _colleague():
    return User.objects.create_user(
        "staf.koperasi.2", role=Role.STAFF, bureau=Bureau.objects.get(code="koperasi"), first_name="Rekan"
    )


def test_a_colleagues_save_of_another_row_is_no_conflict(staff, client):
    staff.post(entry_url(), entry_data({PRODUCTION: "60.000.000.000", ALL_SECTORS: "530.000.000.000"}))
    opened = opened_fields()

    client.force_login(_colleague())
    client.post(entry_url(), entry_data({PRODUCTION: "60.000.000.000", ALL_SECTORS: "531.000.000.000"}))

    client.force_login(User.objects.get(username="staf.koperasi"))
    # The form still carries the sector total as it was opened; only the production row was changed.
    mine = entry_data({PRODUCTION: "62.000.000.000", ALL_SECTORS: "530.000.000.000"}, opened=opened)
    assert client.post(entry_url(), mine).status_code == 302
    assert stored(PRODUCTION).value == D(62_000_000_000)
    assert stored(ALL_SECTORS).value == D(531_000_000_000)  # the colleague's save stands


def test_every_save_of_a_row_bumps_its_version_and_a_step_does_not(staff):
    staff.post(entry_url(), entry_data({PRODUCTION: "60.000.000.000", ALL_SECTORS: "530.000.000.000"}))
    assert stored(PRODUCTION).version == 1
    staff.post(entry_url(), entry_data({PRODUCTION: "61.000.000.000", ALL_SECTORS: "530.000.000.000"}))
    assert (stored(PRODUCTION).version, stored(ALL_SECTORS).version) == (2, 1)
    staff.post(
        entry_url(),
        entry_data({PRODUCTION: "61.000.000.000", ALL_SECTORS: "530.000.000.000"}, button="submit"),
    )
    assert (stored(PRODUCTION).version, stored(PRODUCTION).status) == (2, Status.SUBMITTED)


def test_a_quarter_submitted_while_you_type_says_so_and_keeps_your_figures(staff, client):
    opened = opened_fields()
    client.force_login(_colleague())
    client.post(
        entry_url(),
        entry_data({PRODUCTION: "60.000.000.000", ALL_SECTORS: "530.000.000.000"}, button="submit"),
    )

    client.force_login(User.objects.get(username="staf.koperasi"))
    mine = entry_data({PRODUCTION: {"value": "62.000.000.000", "kendala": "Versi saya."}}, opened=opened)
    response = client.post(entry_url(), mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "triwulan ini baru saja diajukan atau disetujui" in page
    assert 'value="62.000.000.000"' in page and "Versi saya." in page
    assert "Simpan draf" not in page  # nothing more to save into a locked quarter
    assert stored(PRODUCTION).value == D(60_000_000_000)


@pytest.mark.parametrize(
    ("bureau", "code", "typed", "words", "meant"),
    [
        # The cooperative count was 1.334 last quarter; members 205.000; the SME share 3,41%.
        ("kelembagaan", "koperasi-produsen", "13.340", "sepuluh kali lebih besar", "1.334"),
        ("kelembagaan", "koperasi-produsen", "134", "sepuluh kali lebih kecil", "1.340"),
        ("kelembagaan", "anggota-koperasi", "205", "seribu kali lebih kecil", "205.000"),
        ("usaha-kecil", "proporsi-ukm", "34,1", "sepuluh kali lebih besar", "3,41%"),
        ("usaha-kecil", "proporsi-ukm", "0,0034", "seribu kali lebih kecil", "3,4%"),
        ("koperasi", PRODUCTION, "490.000.000.000", "sepuluh kali lebih besar", "Rp 49 miliar"),
        ("koperasi", PRODUCTION, "4.900.000.000", "sepuluh kali lebih kecil", "Rp 49 miliar"),
    ],
)
def test_a_slip_in_either_direction_asks_for_confirmation_for_every_unit(
    demo, log_in_as, bureau, code, typed, words, meant
):
    typed_by_the_province()
    client = log_in_as(
        {"kelembagaan": "staf.kelembagaan", "usaha-kecil": "staf.usahakecil"}.get(bureau, "staf.koperasi")
    )
    response = client.post(entry_url(bureau), entry_data({code: typed}, bureau=bureau))
    page = response.content.decode()
    assert response.status_code == 200
    assert words in page and f"Apakah maksud Anda {meant}?" in page
    assert f'value="{typed}"' in page
    assert stored(code) is None


def typed_by_the_province():
    """The demo's cooperative count is reported by region and so rolled up; here the province types it."""
    Indicator.objects.filter(code="koperasi-produsen").update(by_region=False)


def test_in_english_a_count_typed_the_indonesian_way_is_caught(demo, log_in_as):
    typed_by_the_province()
    client = log_in_as("staf.kelembagaan")
    client.cookies["django_language"] = "en"
    data = entry_data({"koperasi-produsen": "1.334", "anggota-koperasi": "208.000"}, bureau="kelembagaan")
    page = client.post(entry_url("kelembagaan"), data).content.decode()
    assert "A count of units must be a whole number. If you mean 1,334, type 1,334." in page
    assert "“208.000” reads as 208;" in page and "Did you mean 208,000?" in page
    assert not Realization.objects.filter(year=2026).exists()

    confirmed = entry_data(
        {"koperasi-produsen": "1,334", "anggota-koperasi": {"value": "208.000", "confirm": "208"}},
        bureau="kelembagaan",
    )
    assert client.post(entry_url("kelembagaan"), confirmed).status_code == 302
    assert (stored("koperasi-produsen").value, stored("anggota-koperasi").value) == (D(1334), D(208))
