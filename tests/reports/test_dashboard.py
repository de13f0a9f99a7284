import json

from django.templatetags.static import static
from django.urls import reverse

from targets.choices import CATEGORY_COLOURS, Category
from targets.management.commands.seed_demo import DEMO_PASSWORD
from tests.reports.downloads import pdf_form


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_wrong_password_gets_a_clear_message(client, demo):
    response = client.post(reverse("login"), {"username": "kadis", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_the_head_sees_the_meetings_figures_the_indonesian_way(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    response = client.get(reverse("reports:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2025 TW IV" in page
    assert "1.311" in page  # producer cooperatives, the 2025 baseline
    assert "Rp 222 miliar" in page  # business volume target
    assert "Rp 123 miliar" in page  # approved TW I–III business volume
    assert "55,41%" in page
    assert "Rendah" in page
    assert "3,84%" in page and "10%" in page


def test_every_indicator_shows_its_achievement_and_category(head_client):
    rows = head_client.get(reverse("reports:dashboard")).context["rows"]
    figures = {row.indicator.code: (str(row.official.achievement), row.official.category) for row in rows}
    assert figures == {
        "koperasi-produsen": ("98.81", Category.VERY_HIGH),  # 1.334 of 1.350
        "volume-usaha-produksi": ("55.41", Category.LOW),  # Rp 123 of 222 miliar
        "rasio-volume-pdrb": ("81.82", Category.HIGH),  # Rp 2.007 of 223.000 miliar × 100 = 0,90% of 1,10%
        "partisipasi-berkoperasi": ("73.48", Category.MEDIUM),  # 205.000/2.790.000 × 100 of 10%
        "proporsi-ukm": ("87.24", Category.HIGH),  # TW III 3,35 of 3,84 (TW IV awaits approval)
        "mikro-naik-kelas": ("33.75", Category.VERY_LOW),  # 120 + 150 of 800 (TW III returned)
        "rasio-kewirausahaan": ("98.92", Category.VERY_HIGH),  # 3,66 of 3,70
        "wirausaha-baru": ("93.46", Category.VERY_HIGH),  # 1.215 of 1.300
    }


def test_a_figure_awaiting_approval_is_marked_not_counted(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    page = client.get(reverse("reports:dashboard")).content.decode()
    # TW IV business volume (Rp 49 miliar) is submitted: official Rp 123 miliar, provisional 172.
    assert "menunggu persetujuan" in page
    assert "Rp 172 miliar" in page


def test_the_expected_figure_whether_on_track_and_the_projection_are_shown(head_client):
    page = head_client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 2}).content.decode()
    row = page.split('data-indicator="volume-usaha-produksi"')[1].split("</tr>")[0]
    assert "Rp 111 miliar" in row  # expected by TW II: half of Rp 222 miliar
    assert "tertinggal" in row  # Rp 79 miliar is behind it
    assert "Rp 158 miliar" in row  # projection: 79 × 4 / 2
    produsen = page.split('data-indicator="koperasi-produsen"')[1].split("</tr>")[0]
    assert "tertinggal" in produsen  # 1.318 against 1.350 for a level indicator


def test_the_counts_per_category_and_per_bureau_add_up(head_client):
    response = head_client.get(reverse("reports:dashboard"))
    counts = response.context["counts"]
    assert counts[Category.VERY_HIGH] == 3
    assert counts[Category.HIGH] == 2
    assert counts[Category.MEDIUM] == 1
    assert counts[Category.LOW] == 1
    assert counts[Category.VERY_LOW] == 1
    assert counts[None] == 0
    per_bureau = {item.bureau.code: item.total for item in response.context["bureau_counts"]}
    assert per_bureau == {"kelembagaan": 2, "koperasi": 2, "usaha-kecil": 4, "program": 0}
    assert response.context["pending_count"] == 2


def test_the_bureau_filter_keeps_only_that_bureaus_indicators(head_client):
    response = head_client.get(reverse("reports:dashboard"), {"bidang": "koperasi"})
    page = response.content.decode()
    assert [row.indicator.code for row in response.context["rows"]] == [
        "volume-usaha-produksi",
        "rasio-volume-pdrb",
    ]
    assert 'data-indicator="wirausaha-baru"' not in page
    assert '<option value="koperasi" selected>' in page
    # The per-bureau counts still show every bureau.
    assert 'data-bureau="usaha-kecil"' in page


def test_an_unknown_bureau_shows_every_bureau_with_a_message(head_client):
    response = head_client.get(reverse("reports:dashboard"), {"bidang": "tidak-ada"})
    assert len(response.context["rows"]) == 8
    assert "Bidang yang diminta tidak dikenal" in response.content.decode()


def test_another_year_and_quarter_can_be_chosen(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    page = client.get(reverse("reports:dashboard"), {"tahun": 2026, "tw": 1}).content.decode()
    assert "2026 TW I" in page
    assert "2.872" in page  # new entrepreneurs by the end of 2026
    assert "1,12%" in page
    assert "belum ada data" in page


def test_a_malformed_filter_falls_back_to_the_latest_period(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    page = client.get(reverse("reports:dashboard"), {"tahun": "abc", "tw": 9}).content.decode()
    assert "2025 TW IV" in page


def test_the_achievement_chart_colours_each_category_and_names_it(head_client):
    response = head_client.get(reverse("reports:dashboard"))
    chart = response.context["achievement_chart"]
    page = response.content.decode()
    # The figure travels as JSON beside its container and plotly.js comes from this server.
    assert f'id="{chart.data_id}"' in page and f'data-chart="{chart.data_id}"' in page
    assert static("plotly/plotly.min.js") in page
    figure = json.loads(page.split(f'id="{chart.data_id}" type="application/json">')[1].split("</script>")[0])
    bars = {trace["name"]: trace for trace in figure["data"]}
    assert bars["Rendah"]["marker"]["color"] == CATEGORY_COLOURS[Category.LOW]
    assert bars["Rendah"]["text"] == ["55,41%"]
    assert bars["Sangat Tinggi"]["marker"]["color"] == CATEGORY_COLOURS[Category.VERY_HIGH]
    assert figure["layout"]["shapes"][0]["x0"] == 100


def test_the_page_reads_its_data_in_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    # session, user, data version, latest period, bureaus, indicators, targets, realizations of this
    # year and the last, the cumulative indicators' totals of earlier years, the regencies of the
    # filter, the unfinished follow-ups, the latest kendala of the indicators behind their path
    with django_assert_num_queries(12):
        client.get(reverse("reports:dashboard"))
    # Again, nothing written since: session, user, data version; the rest comes from the cache.
    with django_assert_num_queries(3):
        client.get(reverse("reports:dashboard"))


def test_thirty_more_indicators_take_no_more_queries(head_client, thirty_more, django_assert_num_queries):
    # session, user, data version, latest period, bureaus, indicators, targets, realizations of this
    # year and the last, the cumulative indicators' totals of earlier years, the regencies of the
    # filter, the unfinished follow-ups, the latest kendala of the indicators behind their path
    with django_assert_num_queries(12):
        response = head_client.get(reverse("reports:dashboard"), {"bidang": "usaha-kecil"})
    assert len(response.context["rows"]) == 4 + 7


def test_english_is_available(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Rp 222 billion" in page
    assert "Achievement" in page
    assert "Very High" in page
    assert "awaiting approval" in page


def test_an_english_browser_still_gets_indonesian_until_english_is_chosen(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    page = client.get(reverse("reports:dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Capaian" in page
    assert "Rp 222 miliar" in page


def test_each_language_is_offered_in_its_own_name(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    assert ">English</button>" in client.get(reverse("reports:dashboard")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert ">Bahasa Indonesia</button>" in client.get(reverse("reports:dashboard")).content.decode()


def test_plotly_js_is_served_from_the_installed_package_and_nothing_else_of_it():
    import plotly
    from django.contrib.staticfiles import finders

    found = finders.find("plotly/plotly.min.js")
    assert found is not None and found.startswith(str(plotly.__path__[0]))
    assert finders.find("plotly/widgetbundle.js") is None


def test_the_dashboard_links_to_each_bureau_and_each_indicator(head_client):
    page = head_client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{reverse("reports:bureau", args=["usaha-kecil"])}?tahun=2025&amp;tw=4"' in page
    assert f'href="{reverse("reports:indicator", args=["wirausaha-baru"])}"' in page


def test_the_dashboard_offers_the_summary_pdf_of_the_period_and_bureau_shown(head_client):
    page = head_client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 3}).content.decode()
    assert pdf_form(page) == {"tahun": "2025", "tw": "3", "lampiran": "1"}
    response = head_client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 3, "bidang": "koperasi"})
    assert pdf_form(response.content.decode()) == {
        "tahun": "2025",
        "tw": "3",
        "bidang": "koperasi",
        "lampiran": "1",
    }


def test_the_annex_of_every_indicators_charts_is_offered_unticked(head_client):
    page = head_client.get(reverse("reports:dashboard"), {"tahun": 2025, "tw": 3}).content.decode()
    form = page[page.index('<form class="pdf-link"') :]
    assert (
        '<input type="checkbox" name="lampiran" value="1"> dengan lampiran: rincian setiap indikator' in form
    )
    assert "checked" not in form[: form.index("</form>")]
