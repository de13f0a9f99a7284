"""Logging in and out, in Indonesian."""

from django.urls import reverse

from targets.management.commands.seed_demo import DEMO_PASSWORD


def test_the_login_page_speaks_indonesian(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Masuk ke KaltengKop" in page
    assert "Nama pengguna" in page and "Kata sandi" in page


def test_a_wrong_password_gets_a_clear_message_and_keeps_the_username(client, demo):
    response = client.post(reverse("login"), {"username": "staf.koperasi", "password": "salah"})
    page = response.content.decode()
    assert "Nama pengguna atau kata sandi salah" in page
    assert 'value="staf.koperasi"' in page


def test_staff_log_in_and_reach_the_entry_pages(client, demo):
    response = client.post(
        reverse("login"),
        {"username": "staf.koperasi", "password": DEMO_PASSWORD, "next": reverse("targets:overview")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("targets:overview")
    assert "Entri realisasi" in response.content.decode()


def test_logging_out_returns_to_the_login_page_and_closes_the_session(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    entry = client.get(reverse("targets:overview"))
    assert entry.status_code == 302 and entry.url.startswith(reverse("login"))


def test_the_login_page_after_logging_out_says_so(client, demo):
    client.post(reverse("login"), {"username": "kadis", "password": DEMO_PASSWORD})
    response = client.post(reverse("logout"), follow=True)
    assert "Anda telah keluar." in response.content.decode()
