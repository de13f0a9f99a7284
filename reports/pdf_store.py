"""The summary PDF built once per data version and kept as a file, so that a download of unchanged
figures is a file read.

A request for a copy that does not exist yet claims it with a StoredSummary row (one per data
version, language, year, quarter and bureau: the unique constraint stops a second build) and either
builds it at once, when the document is small, or hands it to the worker (`manage.py db_worker`)
and shows a page that follows the build and offers the last copy built.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kaltengkop import collector
from reports import pdf
from reports.models import StoredSummary
from reports.models.stored_pdf import ALL_BUREAUS
from targets import version
from targets.formatting import babel_locale
from targets.models import Bureau, Indicator

Status = StoredSummary.Status
logger = logging.getLogger(__name__)
# Seconds between two looks of the progress page at a build.
REFRESH_SECONDS = 10


def _key(year: int, quarter: int, bureau: Bureau | None, annex: bool) -> dict:
    return {
        "language": babel_locale(),
        "year": year,
        "quarter": quarter,
        "scope": bureau.code if bureau else ALL_BUREAUS,
        "annex": annex,
    }


def _small(bureau: Bureau | None) -> bool:
    """Whether the document is quick enough to build inside the request: counted by its indicators."""
    indicators = Indicator.objects.filter(bureau=bureau) if bureau else Indicator.objects.all()
    return indicators.count() <= settings.SUMMARY_PDF_INLINE_MAX_INDICATORS


def _lost(stored: StoredSummary) -> bool:
    """A build asked for so long ago that its worker must have stopped: it may be asked for again."""
    limit = timedelta(minutes=settings.SUMMARY_PDF_BUILD_TIMEOUT_MINUTES)
    return stored.status in (Status.QUEUED, Status.RUNNING) and stored.requested_at < timezone.now() - limit


def build(stored: StoredSummary, bureau: Bureau | None = None) -> StoredSummary:
    """Make the document of a claimed copy, store it and drop the copies too old to keep."""
    if bureau is None and stored.scope:
        bureau = Bureau.objects.get(code=stored.scope)
    began = time.perf_counter()
    try:
        # The collector tuned as in the app servers: a build allocates many short-lived objects.
        with translation.override(stored.language), collector.tuned():
            document = pdf.summary_pdf(stored.year, stored.quarter, bureau, detail_annex=stored.annex)
    except Exception as error:
        stored.status = Status.FAILED
        stored.error = type(error).__name__[:200]
        stored.save(update_fields=["status", "error"])
        raise
    stored.document.save("ringkasan.pdf", ContentFile(document), save=False)
    stored.size = len(document)
    stored.build_seconds = Decimal(f"{time.perf_counter() - began:.2f}")
    stored.built_at = timezone.now()
    stored.status = Status.DONE
    stored.error = ""
    stored.save(update_fields=["document", "size", "build_seconds", "built_at", "status", "error"])
    prune(stored)
    return stored


@task()
def build_summary(stored_id: int) -> None:
    """The worker's side: build a queued copy, unless another worker has taken it already."""
    now = timezone.now()
    taken = StoredSummary.objects.filter(pk=stored_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now
    )
    if taken:
        build(StoredSummary.objects.get(pk=stored_id))


def prune(stored: StoredSummary) -> int:
    """Delete the copies of the same document older than the newest SUMMARY_PDF_KEEP built ones, and
    their files; returns how many went."""
    same = StoredSummary.objects.filter(
        language=stored.language,
        year=stored.year,
        quarter=stored.quarter,
        scope=stored.scope,
        annex=stored.annex,
    )
    kept = list(
        same.filter(status=Status.DONE)
        .order_by("-version")
        .values_list("version", flat=True)[: settings.SUMMARY_PDF_KEEP]
    )
    if len(kept) < settings.SUMMARY_PDF_KEEP:
        return 0
    old = list(same.filter(version__lt=kept[-1]))
    for copy in old:
        if copy.document:
            copy.document.delete(save=False)
    StoredSummary.objects.filter(pk__in=[copy.pk for copy in old]).delete()
    return len(old)


def _enqueue(stored: StoredSummary) -> None:
    stored.task_id = str(build_summary.enqueue(stored.pk).id)
    stored.save(update_fields=["task_id"])


def claim(year: int, quarter: int, bureau: Bureau | None, inline: bool, annex: bool = False) -> StoredSummary:
    """The copy of the current data version, claimed for a build if nobody has: built here when
    `inline`, else queued for the worker. A failed build is left as it is (see retry)."""
    key = _key(year, quarter, bureau, annex)
    current = version.current()
    return _claim(key, current, StoredSummary.objects.filter(version=current, **key).first(), bureau, inline)


def _claim(key: dict, current: int, stored: StoredSummary | None, bureau, inline: bool) -> StoredSummary:
    if stored is not None and not _lost(stored):
        return stored
    try:
        with transaction.atomic():
            if stored is not None:  # a lost build: asked again, under a fresh request time
                stored.delete()
            stored = StoredSummary.objects.create(
                version=current,
                status=Status.RUNNING if inline else Status.QUEUED,
                started_at=timezone.now() if inline else None,
                **key,
            )
            if not inline:
                _enqueue(stored)
    except IntegrityError:  # another request claimed it at the same moment
        return StoredSummary.objects.get(version=current, **key)
    if inline:
        _build_here(stored, bureau)
    return stored


def _build_here(stored: StoredSummary, bureau: Bureau | None) -> None:
    """Build inside the request; a failure is shown on the progress page like a worker's."""
    try:
        build(stored, bureau)
    except Exception:
        logger.exception("The summary PDF %s could not be built", stored)


def retry(year: int, quarter: int, bureau: Bureau | None, inline: bool, annex: bool = False) -> None:
    """Build again (here when `inline`, else by the worker) a failed copy of the current data
    version; anything else is left as it is."""
    key = _key(year, quarter, bureau, annex)
    with transaction.atomic():
        stored = (
            StoredSummary.objects.select_for_update()
            .filter(version=version.current(), status=Status.FAILED, **key)
            .first()
        )
        if stored is None:
            return
        stored.status = Status.RUNNING if inline else Status.QUEUED
        stored.error = ""
        stored.requested_at = timezone.now()
        stored.started_at = stored.requested_at if inline else None
        stored.save(update_fields=["status", "error", "requested_at", "started_at"])
        if not inline:
            _enqueue(stored)
    if inline:
        _build_here(stored, bureau)


def file_response(stored: StoredSummary, name: str) -> FileResponse:
    try:
        handle = stored.document.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Berkas ringkasan ini tidak ditemukan.")) from None
    return FileResponse(handle, content_type="application/pdf", filename=f"{name}.pdf")


def respond(request, year: int, quarter: int, bureau: Bureau | None, name: str, annex: bool = False):
    """The stored PDF of the current data version, else the page that follows its build.

    POST asks again for a build that failed, then comes back here.
    """
    if request.method == "POST":
        retry(year, quarter, bureau, inline=_small(bureau), annex=annex)
        return redirect(request.get_full_path())
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    key = _key(year, quarter, bureau, annex)
    current = version.current()
    stored = StoredSummary.objects.filter(version=current, **key).first()
    if (
        stored is not None
        and stored.status == Status.DONE
        and not stored.document.storage.exists(stored.document.name)
    ):
        stored.delete()  # its file is gone (a media folder restored without it): built again
        stored = None
    if stored is None or _lost(stored):
        stored = _claim(key, current, stored, bureau, inline=_small(bureau))
    if stored.status == Status.DONE:
        return file_response(stored, name)
    earlier = (
        StoredSummary.objects.filter(status=Status.DONE, version__lt=stored.version, **key)
        .order_by("-version")
        .first()
    )
    return render(
        request,
        "reports/summary_pdf_pending.html",
        {
            "stored": stored,
            "earlier": earlier,
            "year": year,
            "quarter": quarter,
            "bureau": bureau,
            "refresh": REFRESH_SECONDS if stored.status != Status.FAILED else None,
        },
    )
