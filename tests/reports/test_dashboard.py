from django.urls import reverse

from targets.management.commands.seed_demo import DEMO_PASSWORD


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


def test_a_figure_awaiting_approval_is_marked_not_counted(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    page = client.get(reverse("reports:dashboard")).content.decode()
    # TW IV business volume (Rp 49 miliar) is submitted: official Rp 123 miliar, provisional 172.
    assert "menunggu persetujuan" in page
    assert "Rp 172 miliar" in page


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


def test_the_page_reads_its_data_in_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    # session, user, latest period, indicators, targets, realizations
    with django_assert_num_queries(6):
        client.get(reverse("reports:dashboard"))


def test_english_is_available(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Rp 222 billion" in page
    assert "Achievement" in page


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
