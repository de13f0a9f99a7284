"""The summary PDF stored per data version: built once, read from its file after that, built in the
background when it is large, with the page that follows the build."""

import contextlib
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reports import pdf, pdf_store
from reports.models import StoredSummary
from targets import version
from targets.models import Realization, User

URL = reverse("reports:summary_pdf")
PERIOD = {"tahun": 2025, "tw": 4}
Status = StoredSummary.Status


@pytest.fixture
def builds(monkeypatch):
    """The documents built, each a small stand-in PDF naming its period and the data version it saw."""
    made = []

    def fake(year, quarter, bureau=None, detail_annex=False):
        code = bureau.code if bureau else None
        made.append((year, quarter, code, "lampiran") if detail_annex else (year, quarter, code))
        annex = " lampiran" if detail_annex else ""
        return f"%PDF-1.4 {year} tw{quarter} {code or 'semua'}{annex} v{version.current()}".encode()

    monkeypatch.setattr(pdf, "summary_pdf", fake)
    return made


@pytest.fixture
def kadis(client, demo):
    client.force_login(User.objects.get(username="kadis"))
    return client


@pytest.fixture
def in_background(settings):
    """Every document counts as large: built by the worker, never inside the request."""
    settings.SUMMARY_PDF_INLINE_MAX_INDICATORS = 0


def body(response) -> bytes:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.getvalue()


def page(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def run_worker():
    """What the worker does with each queued build, run here and now."""
    for task in DBTaskResult.objects.filter(status="READY"):
        with contextlib.suppress(RuntimeError):  # a failed build, as the worker records it
            pdf_store.build_summary.call(*task.args_kwargs["args"])


def test_a_small_document_is_built_once_and_then_read_from_its_file(kadis, builds):
    first = body(kadis.get(URL, PERIOD))
    again = body(kadis.get(URL, PERIOD))
    assert first == again
    assert builds == [(2025, 4, None)]
    stored = StoredSummary.objects.get()
    assert stored.status == Status.DONE
    assert stored.size == len(first)
    assert stored.build_seconds >= D("0")
    assert stored.built_at is not None
    assert Path(stored.document.path).read_bytes() == first


def test_the_stored_download_is_a_file_read_in_a_fixed_number_of_queries(
    kadis, builds, django_assert_num_queries
):
    kadis.get(URL, PERIOD)
    # session, user, data version, the stored copy
    with django_assert_num_queries(4):
        response = kadis.get(URL, PERIOD)
    assert response.streaming
    assert 'filename="ringkasan-capaian-2025-tw4.pdf"' in response["Content-Disposition"]


def test_a_write_makes_the_next_download_build_again(kadis, builds):
    before = body(kadis.get(URL, PERIOD))
    realization = Realization.objects.filter(year=2025, quarter=4).first()
    realization.kendala = "Data koperasi terlambat masuk"
    realization.save()
    after = body(kadis.get(URL, PERIOD))
    assert before != after
    assert len(builds) == 2
    assert StoredSummary.objects.filter(status=Status.DONE).count() == 2


def test_each_bureau_and_language_has_its_own_copy(kadis, builds, settings):
    body(kadis.get(URL, PERIOD))
    body(kadis.get(URL, {**PERIOD, "bidang": "koperasi"}))
    kadis.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body(kadis.get(URL, PERIOD))
    assert sorted(StoredSummary.objects.values_list("scope", "language")) == [
        ("", "en"),
        ("", "id"),
        ("koperasi", "id"),
    ]


def test_the_document_with_its_annex_is_a_copy_of_its_own(kadis, builds):
    plain = body(kadis.get(URL, PERIOD))
    with_annex = body(kadis.get(URL, {**PERIOD, "lampiran": "1"}))
    assert body(kadis.get(URL, {**PERIOD, "lampiran": "1"})) == with_annex
    assert b"lampiran" in with_annex and b"lampiran" not in plain
    assert builds == [(2025, 4, None), (2025, 4, None, "lampiran")]
    assert sorted(StoredSummary.objects.values_list("annex", flat=True)) == [False, True]


def test_a_large_document_is_queued_and_the_page_says_it_is_being_prepared(kadis, builds, in_background):
    text = page(kadis.get(URL, PERIOD))
    assert "Ringkasan sedang disusun" in text
    assert "Dalam antrean" in text
    assert 'data-refresh="10"' in text  # static/js/summary-progress.js looks again every 10 s
    assert "js/summary-progress" in text
    assert builds == []
    stored = StoredSummary.objects.get()
    assert str(DBTaskResult.objects.get().id) == stored.task_id


def test_asking_again_while_it_is_queued_adds_no_second_build(kadis, builds, in_background):
    for _ in range(3):
        page(kadis.get(URL, PERIOD))
    assert StoredSummary.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_two_claims_of_the_same_copy_make_one_build(kadis, builds, in_background):
    first = pdf_store.claim(2025, 4, None, inline=False)
    second = pdf_store.claim(2025, 4, None, inline=False)
    assert first.pk == second.pk
    assert DBTaskResult.objects.count() == 1


def test_the_worker_builds_it_and_the_next_request_downloads_it(kadis, builds, in_background):
    page(kadis.get(URL, PERIOD))
    run_worker()
    assert builds == [(2025, 4, None)]
    stored = StoredSummary.objects.get()
    assert stored.status == Status.DONE
    assert stored.started_at is not None
    assert body(kadis.get(URL, PERIOD)).startswith(b"%PDF")


def test_the_page_shows_a_running_build_and_when_it_started(kadis, builds, in_background):
    page(kadis.get(URL, PERIOD))
    StoredSummary.objects.update(status=Status.RUNNING, started_at="2026-11-28T03:04:00Z")
    text = page(kadis.get(URL, PERIOD))
    assert "Sedang disusun" in text
    assert "28 November 2026 10:04" in text  # Jakarta time


def test_the_last_copy_of_an_older_version_is_offered_while_the_new_one_is_built(
    kadis, builds, in_background, settings
):
    settings.SUMMARY_PDF_INLINE_MAX_INDICATORS = 100
    old = body(kadis.get(URL, PERIOD))
    version.bump()
    settings.SUMMARY_PDF_INLINE_MAX_INDICATORS = 0
    text = page(kadis.get(URL, PERIOD))
    earlier = StoredSummary.objects.get(status=Status.DONE)
    assert "versi data lama, dibuat" in text
    link = reverse("reports:summary_pdf_copy", args=[earlier.pk])
    assert f'href="{link}"' in text
    assert body(kadis.get(link)) == old


def test_no_older_copy_is_offered_when_there_is_none(kadis, builds, in_background):
    assert "versi data lama" not in page(kadis.get(URL, PERIOD))


def test_a_copy_not_built_yet_cannot_be_downloaded(kadis, builds, in_background):
    page(kadis.get(URL, PERIOD))
    stored = StoredSummary.objects.get()
    assert kadis.get(reverse("reports:summary_pdf_copy", args=[stored.pk])).status_code == 404
    assert kadis.get(reverse("reports:summary_pdf_copy", args=[stored.pk + 99])).status_code == 404


@pytest.fixture
def broken(monkeypatch):
    def fail(year, quarter, bureau=None, detail_annex=False):
        raise RuntimeError("chart could not be drawn")

    monkeypatch.setattr(pdf, "summary_pdf", fail)


def test_a_failed_build_is_reported_on_the_page_and_can_be_asked_again(kadis, broken, in_background):
    page(kadis.get(URL, PERIOD))
    run_worker()
    stored = StoredSummary.objects.get()
    assert stored.status == Status.FAILED
    assert stored.error == "RuntimeError"
    text = page(kadis.get(URL, PERIOD))
    assert "Ringkasan gagal disusun" in text
    assert "Coba susun lagi" in text
    assert "data-refresh" not in text
    assert DBTaskResult.objects.count() == 1

    response = kadis.post(f"{URL}?tahun=2025&tw=4")
    assert response.status_code == 302
    assert response.url == f"{URL}?tahun=2025&tw=4"
    stored.refresh_from_db()
    assert stored.status == Status.QUEUED
    assert DBTaskResult.objects.count() == 2


def test_asking_again_for_a_build_that_has_not_failed_queues_nothing(kadis, builds, in_background):
    page(kadis.get(URL, PERIOD))
    kadis.post(f"{URL}?tahun=2025&tw=4")
    assert DBTaskResult.objects.count() == 1
    assert StoredSummary.objects.get().status == Status.QUEUED


def test_a_small_document_that_fails_is_reported_instead_of_an_error(kadis, broken):
    text = page(kadis.get(URL, PERIOD))
    assert "Ringkasan gagal disusun" in text
    assert StoredSummary.objects.get().status == Status.FAILED


def test_a_build_lost_with_its_worker_is_asked_for_again(kadis, builds, in_background, settings):
    page(kadis.get(URL, PERIOD))
    StoredSummary.objects.update(requested_at="2020-01-01T00:00:00Z", status=Status.RUNNING)
    page(kadis.get(URL, PERIOD))
    stored = StoredSummary.objects.get()
    assert stored.status == Status.QUEUED
    assert DBTaskResult.objects.count() == 2


def test_only_the_newest_copies_are_kept(kadis, builds, settings):
    settings.SUMMARY_PDF_KEEP = 2
    files = []
    for _ in range(4):
        body(kadis.get(URL, PERIOD))
        files.append(Path(StoredSummary.objects.order_by("-version").first().document.path))
        version.bump()
    kept = list(StoredSummary.objects.order_by("version").values_list("version", flat=True))
    assert len(kept) == 2
    assert kept == sorted(kept) and kept[-1] == version.current() - 1
    assert [file.exists() for file in files] == [False, False, True, True]


def test_pruning_leaves_other_periods_alone(kadis, builds, settings):
    settings.SUMMARY_PDF_KEEP = 1
    body(kadis.get(URL, {"tahun": 2025, "tw": 3}))
    version.bump()
    body(kadis.get(URL, PERIOD))
    version.bump()
    body(kadis.get(URL, PERIOD))
    assert sorted(StoredSummary.objects.values_list("quarter", flat=True)) == [3, 4]


def test_odd_query_strings_never_make_more_copies_than_there_are_documents(kadis, builds, in_background):
    for query in [
        "tahun=abc&tw=9",
        "tahun=1900&tw=4",
        "tahun=2025&tw=4&x=1",
        "tahun=2025&tw=4&tw=4",
        "tw=-1",
    ]:
        kadis.get(f"{URL}?{query}")
    assert kadis.get(URL, {**PERIOD, "bidang": "tidak-ada"}).status_code == 404
    assert kadis.get(f"{URL}?bidang=%00").status_code == 400
    # Whatever is not a known year, quarter or bureau falls back to the period shown by default.
    assert list(StoredSummary.objects.values_list("year", "quarter", "scope")) == [(2025, 4, "")]
    assert DBTaskResult.objects.count() == 1


def test_other_methods_are_refused(kadis, builds):
    assert kadis.put(URL).status_code == 405
    assert StoredSummary.objects.count() == 0


def test_a_stored_copy_whose_file_is_gone_is_built_again(kadis, builds):
    body(kadis.get(URL, PERIOD))
    Path(StoredSummary.objects.get().document.path).unlink()
    assert body(kadis.get(URL, PERIOD)).startswith(b"%PDF")
    assert len(builds) == 2
    assert Path(StoredSummary.objects.get().document.path).exists()
