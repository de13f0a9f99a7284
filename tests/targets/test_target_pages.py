"""The planners' target pages: who may see and change them, and what a planner sees typing a target."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from targets.choices import Aggregation, Role, Unit
from targets.models import Indicator, Target, User


@pytest.fixture
def admin_user(db):
    return User.objects.create_user("admin", password="x", role=Role.ADMIN, is_staff=True)


def edit_url(indicator, year=2026):
    return reverse("targets:target_edit", args=[indicator.code, year])


def posted(value="", q=("", "", "", ""), source="Rakortek 2025", reason="Hasil Rakortek 2025"):
    return {
        "value": value,
        "q1": q[0],
        "q2": q[1],
        "q3": q[2],
        "q4": q[3],
        "source": source,
        "reason": reason,
    }


# --- who may do what ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["target_list", "target_import"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, name):
    response = client.get(reverse(f"targets:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_visitors_cannot_post_a_target(client, graduations):
    response = client.post(edit_url(graduations), posted("800"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Target.objects.exists()


@pytest.mark.parametrize("who", ["staff", "other_staff", "head"])
def test_staff_and_the_head_see_the_targets_but_cannot_change_them(client, graduations, request, who):
    Target.objects.create(indicator=graduations, year=2026, value=D(850))
    client.force_login(request.getfixturevalue(who))
    listed = client.get(reverse("targets:target_list"), {"tahun": 2026})
    assert listed.status_code == 200
    assert "850" in listed.content.decode()
    shown = client.get(edit_url(graduations))
    assert shown.status_code == 200
    assert '<form method="post" class="card target-form"' not in shown.content.decode()
    # A request crafted by hand changes nothing.
    assert client.post(edit_url(graduations), posted("900")).status_code == 403
    assert Target.objects.get().value == D(850)
    assert client.get(reverse("targets:target_import")).status_code == 403
    table = SimpleUploadedFile("t.csv", b"kode;tahun;target tahunan;alasan\nmikro-naik-kelas;2026;900;Coba\n")
    assert client.post(reverse("targets:target_import"), {"sheet": table}).status_code == 403
    assert Target.objects.get().value == D(850)


@pytest.mark.parametrize("who", ["planner", "admin_user"])
def test_planners_and_the_administrator_set_a_target(client, graduations, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(edit_url(graduations), posted("850"))
    assert response.status_code == 302
    assert Target.objects.get(indicator=graduations, year=2026).value == D(850)


def test_a_supporting_series_or_an_unknown_indicator_or_year_has_no_target_page(client, planner, bureau):
    series = Indicator.objects.create(
        code="pdrb",
        name="PDRB",
        bureau=bureau,
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
        is_supporting=True,
        direction="",
    )
    client.force_login(planner)
    assert client.get(edit_url(series)).status_code == 404
    assert client.get(reverse("targets:target_edit", args=["tidak-ada", 2026])).status_code == 404
    assert client.get(reverse("targets:target_edit", args=[series.code, 1899])).status_code == 404


def test_the_header_offers_the_targets_to_planners_only(client, planner, staff, bureau):
    client.force_login(planner)
    link = f'href="{reverse("targets:target_list")}"'
    assert link in client.get(reverse("targets:overview")).content.decode()
    client.force_login(staff)
    assert link not in client.get(reverse("targets:overview")).content.decode()


def test_the_list_reads_its_data_in_a_fixed_number_of_queries(
    client, planner, graduations, entrepreneurs, entrepreneurship, django_assert_num_queries
):
    for indicator in (graduations, entrepreneurs, entrepreneurship):
        Target.objects.create(indicator=indicator, year=2026, value=D(50))
    client.force_login(planner)
    # session, user, bureaus, indicators with their bureau, the year's targets
    with django_assert_num_queries(5):
        response = client.get(reverse("targets:target_list"), {"tahun": 2026})
    assert len(response.context["rows"]) == 3


def test_the_list_filters_by_bureau(client, planner, graduations, other_bureau):
    Indicator.objects.create(
        code="lain",
        name="Indikator bidang lain",
        bureau=other_bureau,
        unit=Unit.UNIT,
        aggregation=Aggregation.SUM,
    )
    client.force_login(planner)
    page = client.get(reverse("targets:target_list"), {"tahun": 2026, "bidang": other_bureau.code})
    assert [indicator.code for indicator, _ in page.context["rows"]] == ["lain"]


# --- what a planner types -----------------------------------------------------------------------


def test_numbers_are_read_the_indonesian_way(client, planner, entrepreneurs, entrepreneurship):
    client.force_login(planner)
    client.post(edit_url(entrepreneurs), posted("2.872"))
    client.post(edit_url(entrepreneurship), posted("3,81"))
    assert Target.objects.get(indicator=entrepreneurs).value == D(2872)
    assert Target.objects.get(indicator=entrepreneurship).value == D("3.81")


def test_numbers_are_read_the_english_way_in_english(client, planner, entrepreneurs):
    client.force_login(planner)
    client.cookies["django_language"] = "en"
    client.post(edit_url(entrepreneurs), posted("2,872"))
    assert Target.objects.get(indicator=entrepreneurs).value == D(2872)


def test_a_tw_i_target_that_does_not_add_up_to_the_annual_one_is_refused_and_kept(
    client, planner, graduations
):
    client.force_login(planner)
    response = client.post(edit_url(graduations), posted("2.872", q=("700", "", "", "")))
    page = response.content.decode()
    assert response.status_code == 200
    assert "jumlahnya sama dengan target tahunan 2.872; yang terisi sekarang berjumlah 700" in page
    assert 'value="700"' in page and 'value="2.872"' in page
    assert not Target.objects.exists()


def test_a_percentage_over_100_and_a_fraction_of_a_count_are_refused(
    client, planner, graduations, entrepreneurship
):
    client.force_login(planner)
    page = client.post(edit_url(entrepreneurship), posted("381")).content.decode()
    assert "Persentase harus antara 0 dan 100." in page
    page = client.post(edit_url(graduations), posted("850,5")).content.decode()
    assert "Satuan ini dihitung utuh: tulis bilangan bulat." in page
    assert not Target.objects.exists()


def test_a_cumulative_target_outside_its_plan_period_is_refused(client, planner, entrepreneurs):
    client.force_login(planner)
    page = client.post(edit_url(entrepreneurs, 2027), posted("3.500")).content.decode()
    assert "Tahun 2027 di luar periode rencana 2025–2026" in page
    assert not Target.objects.exists()


def test_every_revision_needs_a_reason_and_keeps_it_in_the_indicators_history(client, planner, graduations):
    Target.objects.create(indicator=graduations, year=2026, value=D(850))
    client.force_login(planner)
    page = client.post(edit_url(graduations), posted("900", reason="")).content.decode()
    assert "Tuliskan alasannya." in page
    assert Target.objects.get().value == D(850)
    client.post(edit_url(graduations), posted("900", reason="Revisi Renstra 2026"))
    assert Target.objects.get().value == D(900)
    history = client.get(graduations.get_absolute_url()).content.decode()
    assert "Revisi Renstra 2026" in history
    assert "850" in history and "900" in history


def test_a_save_that_changes_nothing_adds_nothing_to_the_history(client, planner, graduations):
    client.force_login(planner)
    client.post(edit_url(graduations), posted("850"))
    client.post(edit_url(graduations), posted("850", reason="Tekan simpan lagi"))
    assert Target.history.count() == 1


def test_the_form_shows_a_stored_target_the_indonesian_way(client, planner, graduations):
    Target.objects.create(
        indicator=graduations, year=2026, value=D(2872), q1=D(700), q2=D(700), q3=D(700), q4=D(772)
    )
    client.force_login(planner)
    page = client.get(edit_url(graduations)).content.decode()
    assert 'value="2.872"' in page and 'value="772"' in page


def test_a_planner_revises_the_baseline_and_the_reason_shows_in_the_history(client, planner, graduations):
    client.force_login(planner)
    data = {
        **posted("850", reason="Data dasar dari pendataan 2025"),
        "baseline_value": "1.311",
        "baseline_year": "2025",
    }
    assert client.post(edit_url(graduations), data).status_code == 302
    graduations.refresh_from_db()
    assert (graduations.baseline_value, graduations.baseline_year) == (D(1311), 2025)
    page = client.get(graduations.get_absolute_url()).content.decode()
    assert "Data dasar dari pendataan 2025" in page
    assert "1.311" in page


def test_a_baseline_without_its_year_is_refused(client, planner, graduations):
    client.force_login(planner)
    data = {**posted("850"), "baseline_value": "1.311", "baseline_year": ""}
    page = client.post(edit_url(graduations), data).content.decode()
    assert "Data dasar diisi bersama tahunnya." in page
    graduations.refresh_from_db()
    assert graduations.baseline_value is None
