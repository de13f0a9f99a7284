from decimal import Decimal as D

from django.urls import reverse

from targets.choices import Status
from targets.models import Indicator, Realization, Target, User


def url(code):
    return reverse("reports:indicator", args=[code])


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo):
    response = client.get(url("wirausaha-baru"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_unknown_indicator_is_not_found(head_client):
    assert head_client.get(url("tidak-ada")).status_code == 404


def test_the_page_explains_the_indicator_and_its_formula(head_client):
    page = head_client.get(url("wirausaha-baru")).content.decode()
    assert "Jumlah wirausaha baru yang tumbuh sejak awal periode rencana" in page
    assert "sejak awal periode rencana 2025–2026" in page  # cumulative, in words
    assert "capaian = realisasi ÷ target × 100" in page
    assert "Bidang Pemberdayaan Usaha Kecil" in page
    assert "Rakortek 2025" in page  # data source


def test_a_ratio_names_its_numerator_denominator_and_multiplier(head_client):
    page = head_client.get(url("partisipasi-berkoperasi")).content.decode()
    assert "Jumlah anggota koperasi ÷ Jumlah penduduk × 100" in page


def test_targets_and_realizations_across_the_years(head_client):
    response = head_client.get(url("wirausaha-baru"))
    years = {row.year: row for row in response.context["years"]}
    assert sorted(years) == [2025, 2026]
    assert years[2025].official.realization == D(1215)
    assert years[2025].official.achievement == D("93.46")
    assert years[2026].target.value == D(2872)
    page = response.content.decode()
    assert "2.872" in page and "1.215" in page and "93,46%" in page


def test_each_quarters_kendala_and_tindak_lanjut_are_listed(head_client):
    page = head_client.get(url("volume-usaha-produksi")).content.decode()
    assert "Harga komoditas karet dan sawit turun" in page
    assert "Pendampingan akses pasar dan temu bisnis" in page
    assert "diajukan" in page  # TW IV awaits approval


def test_the_quarterly_chart_draws_the_chosen_year(head_client):
    response = head_client.get(url("volume-usaha-produksi"), {"tahun": 2025})
    chart = response.context["chart"]
    names = [trace["name"] for trace in chart.spec["data"]]
    assert names == [
        "Target tahunan",
        "Target s.d. triwulan",
        "Termasuk menunggu persetujuan",
        "Realisasi resmi (Rendah)",
    ]
    official = chart.spec["data"][-1]
    assert official["y"] == [38.0, 79.0, 123.0, 123.0]  # in Rp miliar, as the axis says
    assert chart.spec["layout"]["yaxis"]["title"]["text"] == "Rp miliar"


def test_the_history_shows_who_changed_what_from_what_and_why(head_client, demo):
    planner = User.objects.get(username="perencana")
    target = Target.objects.get(indicator__code="wirausaha-baru", year=2026)
    target.value = D(3000)
    target._change_reason = "Penyesuaian Renstra"
    target._history_user = planner
    target.save()
    realization = Realization.objects.get(indicator__code="proporsi-ukm", year=2025, quarter=4)
    realization.status = Status.APPROVED
    realization._history_user = User.objects.get(username="kadis")
    realization.save()

    page = head_client.get(url("wirausaha-baru")).content.decode()
    assert "Perencana Program" in page
    assert "<del>2.872</del> → <ins>3.000</ins>" in page
    assert "Penyesuaian Renstra" in page
    page = head_client.get(url("proporsi-ukm")).content.decode()
    assert "<del>diajukan</del> → <ins>disetujui</ins>" in page
    assert "Kepala Dinas" in page


def test_a_supporting_series_has_no_target_and_says_so(head_client):
    page = head_client.get(url("pdrb-adhb")).content.decode()
    assert "data pendukung" in page
    assert "Rp 223 triliun" in page  # 2025 PDRB, the sum of its quarters


def test_the_page_reads_its_data_in_a_fixed_number_of_queries(head_client, django_assert_num_queries):
    # session, user, data version, indicator, targets, realizations, the follow-ups agreed in the
    # year, target history, realization history, baseline history, follow-up history, bureaus
    with django_assert_num_queries(12):
        head_client.get(url("partisipasi-berkoperasi"))
    # again, nothing written since: session, user, data version; the rest comes from the cache
    with django_assert_num_queries(3):
        head_client.get(url("partisipasi-berkoperasi"))


def test_ten_years_take_no_more_queries(head_client, thirty_more, django_assert_num_queries):
    ratio = Indicator.objects.get(code="sintetis-003")
    assert ratio.is_ratio
    # session, user, data version, indicator, targets, realizations, the follow-ups agreed in the
    # year, target history, realization history, baseline history, follow-up history, bureaus
    with django_assert_num_queries(12):
        response = head_client.get(url(ratio.code))
    assert len(response.context["years"]) == 6
    # the bureaus now come from the cache
    with django_assert_num_queries(11):
        head_client.get(url("sintetis-002"))  # cumulative over 2020–2025


def test_the_page_links_back_to_its_bureau_and_the_dashboard(head_client):
    page = head_client.get(url("wirausaha-baru")).content.decode()
    assert f'href="{reverse("reports:bureau", args=["usaha-kecil"])}' in page
    assert f'href="{reverse("reports:dashboard")}"' in page


def test_the_page_reads_in_english_when_chosen(head_client):
    head_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = head_client.get(url("volume-usaha-produksi")).content.decode()
    assert "Definition and formula" in page
    assert "A year&#x27;s realization = the sum of Q1–Q4" in page
    assert "History of changes" in page
    assert "Rp 222 billion" in page


def test_the_heads_reason_for_returning_a_quarter_shows_in_the_indicators_history(head_client):
    head_client.post(
        reverse("targets:return", args=["koperasi", 2025, 4]),
        {"return-reason": "Lampirkan rekap penjualan per koperasi."},
    )
    page = head_client.get(url("volume-usaha-produksi")).content.decode()
    assert "Lampirkan rekap penjualan per koperasi." in page
    assert "<del>diajukan</del> → <ins>dikembalikan</ins>" in page
