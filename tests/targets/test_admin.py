"""The Django admin, as the planners use it to keep the indicator catalogue and the targets."""

import pytest
from django.urls import reverse

from targets.management.commands.seed_demo import DEMO_PASSWORD
from targets.models import Bureau, Target


@pytest.fixture
def planner_client(client, demo):
    client.post(reverse("login"), {"username": "perencana", "password": DEMO_PASSWORD})
    return client


def test_the_planner_finds_indicators_by_name_or_code(planner_client):
    page = planner_client.get(
        reverse("admin:targets_indicator_changelist"), {"q": "wirausaha"}
    ).content.decode()
    assert "Wirausaha baru" in page
    assert "Rasio kewirausahaan" in page
    assert "Jumlah koperasi produsen" not in page


def test_the_planner_filters_indicators_by_bureau(planner_client):
    url = reverse("admin:targets_indicator_changelist")
    bureau = Bureau.objects.get(code="usaha-kecil")
    page = planner_client.get(url, {"bureau__id__exact": bureau.pk}).content.decode()
    assert "Usaha mikro naik kelas" in page
    assert "Volume usaha koperasi sektor produksi" not in page


def test_the_planner_edits_a_target_inline_on_its_indicator(planner_client):
    target = Target.objects.get(indicator__code="wirausaha-baru", year=2026)
    page = planner_client.get(reverse("admin:targets_indicator_change", args=[target.indicator_id]))
    assert page.status_code == 200
    assert 'name="targets-0-year"' in page.content.decode()


def test_the_planner_may_not_change_realizations_in_the_admin(planner_client):
    response = planner_client.get(reverse("admin:targets_realization_add"))
    assert response.status_code == 403


def test_staff_cannot_enter_the_admin(client, demo):
    client.post(reverse("login"), {"username": "staf.koperasi", "password": DEMO_PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_admin_speaks_indonesian_with_the_apps_own_words(planner_client):
    page = planner_client.get(reverse("admin:targets_target_add")).content.decode()
    assert '<label class="required" for="id_indicator">Indikator:</label>' in page
    assert "Indicator:" not in page
    assert "Simpan" in page


def test_the_admin_login_says_kata_sandi_as_the_app_does(client, db):
    page = client.get(reverse("admin:login")).content.decode()
    assert "Kata sandi:" in page
    assert "Sandi:" not in page
