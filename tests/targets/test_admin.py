"""The Django admin, as the planners use it to keep the indicator catalogue and the targets."""

import pytest
from django.urls import reverse

from targets.management.commands.seed_demo import DEMO_PASSWORD
from targets.models import Bureau, Indicator, Target


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


def test_the_planner_reads_targets_on_the_indicator_the_indonesian_way_but_sets_them_elsewhere(
    planner_client,
):
    target = Target.objects.get(indicator__code="wirausaha-baru", year=2026)
    page = planner_client.get(reverse("admin:targets_indicator_change", args=[target.indicator_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2.872" in html
    assert 'name="targets-0-value"' not in html


def test_a_target_cannot_be_changed_in_the_admin(planner_client):
    target = Target.objects.get(indicator__code="wirausaha-baru", year=2026)
    url = reverse("admin:targets_target_change", args=[target.pk])
    response = planner_client.post(url, {"indicator": target.indicator_id, "year": 2026, "value": "2.872"})
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.value == 2872


def test_a_changed_definition_keeps_its_reason_and_reads_indonesian_numbers(planner_client):
    indicator = Indicator.objects.get(code="koperasi-produsen")
    url = reverse("admin:targets_indicator_change", args=[indicator.pk])
    data = {
        "code": indicator.code,
        "name": indicator.name,
        "definition": indicator.definition,
        "bureau": indicator.bureau_id,
        "order": indicator.order,
        "unit": indicator.unit,
        "aggregation": indicator.aggregation,
        "direction": indicator.direction,
        "multiplier": "1.000",
        "baseline_year": indicator.baseline_year or "",
        "baseline_value": "1.311",
        "data_source": indicator.data_source,
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
    }
    without_reason = planner_client.post(url, data)
    assert "Alasan perubahan" in without_reason.content.decode()
    indicator.refresh_from_db()
    assert indicator.multiplier == 100

    response = planner_client.post(url, {**data, "change_reason": "Koreksi data dasar BPS"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.multiplier == 1000 and indicator.baseline_value == 1311
    latest = indicator.history.first()
    assert latest.history_change_reason == "Koreksi data dasar BPS"
    assert latest.history_user.username == "perencana"


def test_the_planner_may_not_change_realizations_in_the_admin(planner_client):
    response = planner_client.get(reverse("admin:targets_realization_add"))
    assert response.status_code == 403


def test_staff_cannot_enter_the_admin(client, demo):
    client.post(reverse("login"), {"username": "staf.koperasi", "password": DEMO_PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_admin_speaks_indonesian_with_the_apps_own_words(planner_client):
    page = planner_client.get(reverse("admin:targets_indicator_add")).content.decode()
    assert '<label class="required" for="id_unit">Satuan:</label>' in page
    assert "Indicator:" not in page
    assert "Simpan" in page


def test_the_admin_login_says_kata_sandi_as_the_app_does(client, db):
    page = client.get(reverse("admin:login")).content.decode()
    assert "Kata sandi:" in page
    assert "Sandi:" not in page
