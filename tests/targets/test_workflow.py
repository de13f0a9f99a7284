"""The head's decisions on a bureau's quarter: approve, return with a reason, reopen with a reason."""

from decimal import Decimal as D

import pytest
from django.template.loader import render_to_string

from targets import entry
from targets.choices import QuarterState, Status, Step
from targets.models import Bureau, Realization, User, WorkflowStep
from tests.targets.conftest import entry_data, entry_url

# In the demo data the cooperative bureau's 2025 TW IV is submitted and TW III approved.
SUBMITTED = dict(bureau="koperasi", year=2025, quarter=4)
APPROVED = dict(bureau="koperasi", year=2025, quarter=3)


def statuses(year, quarter, bureau="koperasi"):
    return set(
        Realization.objects.filter(indicator__bureau__code=bureau, year=year, quarter=quarter).values_list(
            "status", flat=True
        )
    )


@pytest.fixture
def head(demo, log_in_as):
    return log_in_as("kadis")


def test_the_head_sees_the_submitted_quarter_with_approve_and_return(head):
    page = head.get(entry_url(**SUBMITTED)).content.decode()
    assert "menunggu persetujuan" in page
    assert "Setujui dan kunci" in page and "Kembalikan ke bidang" in page
    assert 'name="volume-usaha-produksi-value"' not in page  # the head reads, never types figures


def test_approving_locks_the_quarter_and_stamps_who_and_when(head):
    response = head.post(entry_url(action="approve", **SUBMITTED), follow=True)
    assert "Triwulan ini disetujui dan dikunci." in response.content.decode()
    assert statuses(2025, 4) == {Status.APPROVED}
    step = WorkflowStep.objects.filter(bureau__code="koperasi").get()
    assert (step.action, step.actor.username, step.quarter) == (Step.APPROVE, "kadis", 4)
    record = Realization.objects.get(
        indicator__code="volume-usaha-produksi", year=2025, quarter=4
    ).history.first()
    assert record.history_change_reason == "disetujui"
    assert record.history_user.username == "kadis"


def test_approved_figures_become_official_on_the_dashboard(head):
    before = head.get("/").content.decode()
    assert "Rp 123 miliar" in before
    head.post(entry_url(action="approve", **SUBMITTED))
    after = head.get("/").content.decode()
    assert (
        "Rp 172 miliar" in after
        and "menunggu persetujuan" not in after.split("volume-usaha-produksi")[1][:800]
    )


def test_returning_needs_a_reason_written_next_to_its_field(head):
    response = head.post(entry_url(action="return", **SUBMITTED), {"return-reason": "  "})
    assert response.status_code == 200
    assert "Tuliskan alasannya." in response.content.decode()
    assert statuses(2025, 4) == {Status.SUBMITTED, Status.APPROVED}
    assert not WorkflowStep.objects.filter(bureau__code="koperasi").exists()


def test_a_returned_quarter_shows_the_reason_and_opens_again_for_the_bureau(head, client):
    reason = "Lampirkan rekap volume usaha per koperasi."
    head.post(entry_url(action="return", **SUBMITTED), {"return-reason": reason})
    returned = Realization.objects.get(indicator__code="volume-usaha-produksi", year=2025, quarter=4)
    assert returned.status == Status.RETURNED
    assert returned.history.first().history_change_reason == f"dikembalikan: {reason}"
    assert WorkflowStep.objects.filter(bureau__code="koperasi").get().reason == reason

    client.force_login(User.objects.get(username="staf.koperasi"))
    page = client.get(entry_url(**SUBMITTED)).content.decode()
    assert reason in page
    assert 'name="volume-usaha-produksi-value"' in page
    # The series approved earlier in the same quarter stays as it is.
    assert 'name="volume-usaha-koperasi-value"' not in page

    client.post(
        entry_url(**SUBMITTED),
        entry_data(
            {"volume-usaha-produksi": "50.000.000.000"},
            button="submit",
            **SUBMITTED,
        ),
    )
    assert statuses(2025, 4) == {Status.SUBMITTED, Status.APPROVED}
    assert Realization.objects.get(indicator__code="volume-usaha-produksi", year=2025, quarter=4).value == D(
        50_000_000_000
    )


def test_reopening_an_approved_quarter_needs_a_reason_and_unlocks_it(head):
    response = head.post(entry_url(action="reopen", **APPROVED), {"reopen-reason": ""})
    assert response.status_code == 200
    assert statuses(2025, 3) == {Status.APPROVED}

    head.post(entry_url(action="reopen", **APPROVED), {"reopen-reason": "Koreksi angka BPS."})
    assert statuses(2025, 3) == {Status.RETURNED}
    step = WorkflowStep.objects.filter(bureau__code="koperasi").get()
    assert (step.action, step.reason) == (Step.REOPEN, "Koreksi angka BPS.")
    record = Realization.objects.get(
        indicator__code="volume-usaha-produksi", year=2025, quarter=3
    ).history.first()
    assert record.history_change_reason == "dibuka kembali: Koreksi angka BPS."


@pytest.mark.parametrize(
    ("action", "period", "data", "message"),
    [
        (
            "approve",
            dict(bureau="koperasi", year=2025, quarter=3),
            {},
            "Hanya triwulan yang diajukan dapat disetujui.",
        ),
        (
            "approve",
            dict(bureau="koperasi", year=2026, quarter=1),
            {},
            "Hanya triwulan yang diajukan dapat disetujui.",
        ),
        ("return", APPROVED, {"return-reason": "x"}, "Hanya triwulan yang diajukan dapat dikembalikan."),
        ("reopen", SUBMITTED, {"reopen-reason": "x"}, "Hanya triwulan yang disetujui dapat dibuka kembali."),
    ],
)
def test_a_step_the_quarters_state_does_not_allow_is_refused(head, action, period, data, message):
    before = statuses(period["year"], period["quarter"])
    response = head.post(entry_url(action=action, **period), data, follow=True)
    assert message in response.content.decode()
    assert statuses(period["year"], period["quarter"]) == before
    assert not WorkflowStep.objects.filter(bureau__code="koperasi").exists()


def test_the_steps_of_a_quarter_are_listed_newest_first(head):
    head.post(entry_url(action="return", **SUBMITTED), {"return-reason": "Kurang lampiran."})
    page = head.get(entry_url(**SUBMITTED)).content.decode()
    assert "Riwayat langkah" in page
    assert "Kurang lampiran." in page


@pytest.mark.parametrize(
    ("statuses_", "state"),
    [
        ([], QuarterState.EMPTY),
        ([Status.APPROVED, Status.APPROVED], QuarterState.APPROVED),
        ([Status.APPROVED, Status.SUBMITTED], QuarterState.SUBMITTED),
        ([Status.SUBMITTED, Status.DRAFT], QuarterState.DRAFT),
        ([Status.DRAFT, Status.RETURNED, Status.APPROVED], QuarterState.RETURNED),
    ],
)
def test_a_quarter_is_as_far_as_its_least_advanced_row(statuses_, state):
    assert entry.state_of(statuses_) == state


def test_quarter_states_gives_each_quarters_state_and_last_step_in_two_queries(
    head, django_assert_num_queries
):
    head.post(entry_url(action="approve", **SUBMITTED))
    bureau = Bureau.objects.get(code="usaha-kecil")
    cooperatives = Bureau.objects.get(code="koperasi")
    with django_assert_num_queries(2):
        states = entry.quarter_states(cooperatives, 2025)
    assert [states[q].state for q in (1, 2, 3, 4)] == [QuarterState.APPROVED] * 4
    assert states[4].last_step.actor.username == "kadis"
    states = entry.quarter_states(bureau, 2025)
    assert states[3].state == QuarterState.RETURNED and states[3].is_open
    assert entry.quarter_states(bureau, 2031)[1].state == QuarterState.EMPTY


def test_the_quarter_states_partial_links_each_quarter_with_its_state(demo):
    bureau = Bureau.objects.get(code="usaha-kecil")
    html = render_to_string(
        "targets/partials/quarter_states.html",
        {"bureau": bureau, "year": 2025, "states": entry.quarter_states(bureau, 2025)},
    )
    assert 'href="/entri/usaha-kecil/2025/3/"' in html
    assert 'data-quarter="3" data-state="returned"' in html and "dikembalikan" in html
    assert 'data-quarter="1" data-state="approved"' in html


def test_an_indicators_and_a_quarters_log_are_read_in_one_query(head, django_assert_num_queries):
    head.post(entry_url(action="return", **SUBMITTED), {"return-reason": "Kurang lampiran."})
    bureau = Bureau.objects.get(code="koperasi")
    indicator = bureau.indicators.get(code="volume-usaha-produksi")
    with django_assert_num_queries(1):
        steps = [(s.action, s.actor.username, s.reason) for s in entry.indicator_steps(indicator)]
    assert steps == [(Step.RETURN, "kadis", "Kurang lampiran.")]
    with django_assert_num_queries(1):
        assert len(list(entry.quarter_steps(bureau, 2025, 4))) == 1


def test_the_demos_returned_quarter_shows_the_heads_reason_to_the_bureau(demo, log_in_as):
    client = log_in_as("staf.usahakecil")
    page = client.get(entry_url(bureau="usaha-kecil", year=2025, quarter=3)).content.decode()
    assert "Angka TW III belum disertai daftar nama usaha yang naik kelas" in page.split('class="callout"')[1]
