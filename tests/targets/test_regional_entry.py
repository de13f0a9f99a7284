"""The write path of the kabupaten/kota figures: who may write what, when, and over which version."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from targets import regional_entry
from targets.choices import RegionalStatus, Role, Status
from targets.models import Realization, Region, RegionalRealization, User
from targets.regional_entry import Decision, RegionalChange, RegionalRefused, RegionalRow


@pytest.fixture
def other_operator(db):
    return User.objects.create_user(
        "operator.lain", password="x", role=Role.OPERATOR, region=Region.objects.get(code="62.01")
    )


def change(series, value, seen=0, year=2026, quarter=1):
    return RegionalChange(indicator=series, year=year, quarter=quarter, value=D(value), seen=seen)


def stored(series, region):
    return RegionalRealization.objects.get(indicator=series, region=region, year=2026, quarter=1)


def submitted(operator, region, series, value="12"):
    regional_entry.save_drafts(operator, region, [change(series, value)])
    regional_entry.submit(operator, region, 2026, 1)
    return stored(series, region)


def test_an_operator_saves_a_draft_and_submits_it(operator, palangka_raya, cooperatives):
    assert regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "12")]) == 1
    row = stored(cooperatives, palangka_raya)
    assert (row.value, row.status, row.version, row.updated_by) == (D(12), RegionalStatus.DRAFT, 1, operator)
    assert row.history.first().history_change_reason == "disimpan sebagai draf"
    assert regional_entry.submit(operator, palangka_raya, 2026, 1) == 1
    assert stored(cooperatives, palangka_raya).status == RegionalStatus.SUBMITTED


def test_an_operator_cannot_write_another_regency(other_operator, palangka_raya, cooperatives):
    with pytest.raises(PermissionDenied):
        regional_entry.save_drafts(other_operator, palangka_raya, [change(cooperatives, "12")])
    with pytest.raises(PermissionDenied):
        regional_entry.submit(other_operator, palangka_raya, 2026, 1)
    assert not RegionalRealization.objects.exists()


def test_staff_the_head_and_planners_cannot_write_a_regency_figure(
    staff, head, planner, palangka_raya, cooperatives
):
    for user in (staff, head, planner):
        with pytest.raises(PermissionDenied):
            regional_entry.save_drafts(user, palangka_raya, [change(cooperatives, "12")])
    assert not RegionalRealization.objects.exists()


def test_a_series_not_reported_by_region_cannot_be_written(operator, palangka_raya, cooperatives):
    cooperatives.by_region = False
    cooperatives.save()
    with pytest.raises(PermissionDenied):
        regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "12")])


def test_a_stale_form_is_refused_and_the_later_figure_stays(operator, palangka_raya, cooperatives):
    regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "12")])
    regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "13", seen=1)])
    with pytest.raises(RegionalRefused) as refused:
        regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "14", seen=1)])
    assert "diubah orang lain (versi 2) setelah versi 1" in refused.value.messages[0]
    assert stored(cooperatives, palangka_raya).value == 13


def test_a_submitted_or_accepted_figure_is_locked_for_the_operator(
    operator, staff, bureau, palangka_raya, cooperatives
):
    row = submitted(operator, palangka_raya, cooperatives)
    with pytest.raises(RegionalRefused) as refused:
        regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "20", seen=row.version)])
    assert "sudah diajukan dan terkunci" in refused.value.messages[0]
    regional_entry.accept(staff, bureau, 2026, 1, [Decision(row.pk, row.version)])
    with pytest.raises(RegionalRefused):
        regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "20", seen=row.version)])
    assert stored(cooperatives, palangka_raya).value == 12


def test_the_owning_bureau_returns_with_a_reason_the_operator_reads(
    operator, staff, bureau, palangka_raya, cooperatives
):
    row = submitted(operator, palangka_raya, cooperatives)
    with pytest.raises(RegionalRefused) as refused:
        regional_entry.send_back(staff, bureau, 2026, 1, Decision(row.pk, row.version), "  ")
    assert refused.value.messages == ["Tuliskan alasannya."]
    assert stored(cooperatives, palangka_raya).status == RegionalStatus.SUBMITTED
    regional_entry.send_back(staff, bureau, 2026, 1, Decision(row.pk, row.version), "Cek data dinas.")
    row = stored(cooperatives, palangka_raya)
    assert (row.status, row.reason) == (RegionalStatus.RETURNED, "Cek data dinas.")
    assert row.history.first().history_change_reason == "dikembalikan: Cek data dinas."
    regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "15", seen=row.version)])
    regional_entry.submit(operator, palangka_raya, 2026, 1)
    row = stored(cooperatives, palangka_raya)
    assert (row.value, row.status, row.reason) == (D(15), RegionalStatus.SUBMITTED, "")


def test_only_the_owning_bureaus_staff_review(
    operator, other_staff, head, planner, bureau, palangka_raya, cooperatives
):
    row = submitted(operator, palangka_raya, cooperatives)
    for user in (other_staff, head, planner, operator):
        with pytest.raises(PermissionDenied):
            regional_entry.accept(user, bureau, 2026, 1, [Decision(row.pk, row.version)])
        with pytest.raises(PermissionDenied):
            regional_entry.send_back(user, bureau, 2026, 1, Decision(row.pk, row.version), "Tidak.")
    assert stored(cooperatives, palangka_raya).status == RegionalStatus.SUBMITTED


def test_a_draft_cannot_be_accepted_and_a_stale_review_is_refused(
    operator, staff, bureau, palangka_raya, cooperatives
):
    regional_entry.save_drafts(operator, palangka_raya, [change(cooperatives, "12")])
    row = stored(cooperatives, palangka_raya)
    with pytest.raises(RegionalRefused) as refused:
        regional_entry.accept(staff, bureau, 2026, 1, [Decision(row.pk, row.version)])
    assert "sudah draf" in refused.value.messages[0]
    regional_entry.submit(operator, palangka_raya, 2026, 1)
    with pytest.raises(RegionalRefused) as refused:
        regional_entry.accept(staff, bureau, 2026, 1, [Decision(row.pk, row.version - 1)])
    assert "diubah orang lain" in refused.value.messages[0]
    assert stored(cooperatives, palangka_raya).status == RegionalStatus.SUBMITTED


def test_a_review_of_another_bureaus_series_is_refused(
    operator, other_staff, other_bureau, palangka_raya, cooperatives
):
    row = submitted(operator, palangka_raya, cooperatives)
    with pytest.raises(PermissionDenied):
        regional_entry.accept(other_staff, other_bureau, 2026, 1, [Decision(row.pk, row.version)])


def test_the_bureau_reopens_an_accepted_figure_with_a_reason(
    operator, staff, bureau, palangka_raya, cooperatives
):
    row = submitted(operator, palangka_raya, cooperatives)
    regional_entry.accept(staff, bureau, 2026, 1, [Decision(row.pk, row.version)])
    regional_entry.send_back(staff, bureau, 2026, 1, Decision(row.pk, row.version), "Salah ketik.")
    row = stored(cooperatives, palangka_raya)
    assert (row.status, row.reason) == (RegionalStatus.RETURNED, "Salah ketik.")
    assert row.history.first().history_change_reason == "dibuka kembali: Salah ketik."


def approve_province(series, status=Status.APPROVED, value="12"):
    Realization.objects.create(indicator=series, year=2026, quarter=1, value=D(value), status=status)


def test_nothing_is_written_into_a_quarter_the_head_approved(
    operator, staff, bureau, palangka_raya, cooperatives
):
    row = submitted(operator, palangka_raya, cooperatives)
    approve_province(cooperatives)
    with pytest.raises(RegionalRefused) as refused:
        regional_entry.save_drafts(
            operator, palangka_raya, [change(cooperatives, "99", quarter=1, seen=None)]
        )
    assert "sudah disetujui Kepala Dinas" in refused.value.messages[0]
    with pytest.raises(RegionalRefused):
        regional_entry.accept(staff, bureau, 2026, 1, [Decision(row.pk, row.version)])
    with pytest.raises(RegionalRefused):
        regional_entry.send_back(staff, bureau, 2026, 1, Decision(row.pk, row.version), "Cek.")
    assert stored(cooperatives, palangka_raya).status == RegionalStatus.SUBMITTED


def test_an_accepted_figure_stays_while_the_province_quarter_is_submitted(
    operator, staff, bureau, palangka_raya, cooperatives
):
    row = submitted(operator, palangka_raya, cooperatives)
    regional_entry.accept(staff, bureau, 2026, 1, [Decision(row.pk, row.version)])
    approve_province(cooperatives, status=Status.SUBMITTED)
    with pytest.raises(RegionalRefused) as refused:
        regional_entry.send_back(staff, bureau, 2026, 1, Decision(row.pk, row.version), "Cek.")
    assert "menunggu persetujuan" in refused.value.messages[0]
    assert stored(cooperatives, palangka_raya).status == RegionalStatus.ACCEPTED


def test_an_import_writes_drafts_under_the_same_rules(operator, other_operator, palangka_raya, cooperatives):
    rows = [RegionalRow(cooperatives, palangka_raya, 2026, 1, D(7))]
    with pytest.raises(PermissionDenied):
        regional_entry.write_regional_rows(other_operator, rows)
    assert regional_entry.write_regional_rows(operator, rows) == 1
    row = stored(cooperatives, palangka_raya)
    assert (row.value, row.status) == (D(7), RegionalStatus.DRAFT)
    assert row.history.first().history_change_reason == "diimpor dari berkas"
    regional_entry.submit(operator, palangka_raya, 2026, 1)
    with pytest.raises(RegionalRefused):
        regional_entry.write_regional_rows(
            operator, [RegionalRow(cooperatives, palangka_raya, 2026, 1, D(8))]
        )
    assert stored(cooperatives, palangka_raya).value == 7
