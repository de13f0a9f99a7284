"""Time the pages against a page that renders only base.html, at 8 (demo) and 200 indicators, cold
(the cache emptied before each request) and warm (the pages' figures kept under the data version).

DEBUG is off and the garbage collector tuned, as in the app servers. Each data set lives in a
temporary database made by Django's test-database machinery (in memory for SQLite, `test_<name>` for
PostgreSQL) and is dropped afterwards; the real database is never touched. Every page is requested
repeatedly by the test Client in this one process, and its median server time is printed beside the
median of the base.html page, as a ratio. The summary PDF is then built once more step by step
(data, HTML, WeasyPrint's layout, the writing), with its pages and the process's peak memory.
"""

import io
import resource
import shutil
import statistics
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from kaltengkop import collector
from reports import pdf, synthetic
from reports.bench_urls import BASE_PAGE
from reports.cache import forget_shared
from reports.models import StoredSummary
from targets.choices import Aggregation, Role
from targets.models import Bureau, Indicator, User
from targets.readmodel import latest_period


@dataclass(frozen=True)
class TimedPage:
    """A page to time: its URL name, which sample object fills its argument, and its query string."""

    label: str
    url_name: str
    sample: str | None = None
    query: dict = field(default_factory=dict)
    # At most this many timed requests: a 90-page PDF need not be made fifteen times to be known.
    most: int | None = None


# One line per page; a new page (the summary PDF, say) is one more line here.
PAGES = [
    TimedPage("Dasbor", "reports:dashboard"),
    TimedPage("Dasbor, satu bidang", "reports:dashboard", query={"bidang": "@bureau"}),
    TimedPage("Halaman bidang", "reports:bureau", sample="bureau"),
    TimedPage("Ekspor XLSX bidang", "reports:bureau", sample="bureau", query={"_export": "xlsx"}),
    TimedPage("Ekspor CSV bidang", "reports:bureau", sample="bureau", query={"_export": "csv"}),
    TimedPage("Halaman indikator (kumulatif)", "reports:indicator", sample="cumulative"),
    TimedPage("Halaman indikator (rasio)", "reports:indicator", sample="ratio"),
    # Built once by the warm-up request, then read from its stored file.
    TimedPage("Ringkasan PDF, semua bidang", "reports:summary_pdf"),
    TimedPage("Ringkasan PDF, satu bidang", "reports:summary_pdf", query={"bidang": "@bureau"}),
    TimedPage("Tabel evaluasi Renja XLSX", "reports:evaluation_xlsx"),
]


# The pages a national deployment leans on: the dashboard, and an indicator reported by every regency.
NATIONAL_PAGES = [
    TimedPage("Dasbor", "reports:dashboard"),
    TimedPage("Halaman bidang", "reports:bureau", sample="bureau"),
    TimedPage("Kab/kota bidang (ringkasan)", "reports:bureau_regencies", sample="bureau"),
    TimedPage("Halaman indikator (per kab/kota)", "reports:indicator", sample="by_region"),
    # A cumulative indicator also sums the plan period's earlier years of every regency.
    TimedPage("Kab/kota bidang (kumulatif)", "reports:bureau_regencies", sample="cumulative_bureau"),
    TimedPage("Indikator kumulatif (per kab/kota)", "reports:indicator", sample="cumulative_by_region"),
]


@dataclass(frozen=True)
class PdfBuild:
    """One build of the summary PDF, timed step by step (seconds); `cpu` is this process's time,
    which a busy machine stretches less than the wall clock."""

    seconds: float
    cpu: float
    steps: dict[str, float]
    pages: int
    size: int

    @property
    def weasyprint_ms_per_page(self) -> float:
        return (self.steps["tata letak"] + self.steps["tulis"]) / self.pages * 1000


def build_pdf(year: int, quarter: int, bureau: Bureau | None) -> PdfBuild:
    """The summary PDF built as a worker builds it: its data, its HTML, WeasyPrint's layout of the
    pages and the writing of the PDF, each timed."""
    steps = {}
    began, cpu = time.perf_counter(), time.process_time()
    lap = began

    def step(name: str, work):
        nonlocal lap
        result = work()
        steps[name], lap = time.perf_counter() - lap, time.perf_counter()
        return result

    data = step("data", lambda: pdf.context(year, quarter, bureau))
    markup = step("HTML", lambda: pdf.html(data))
    document = step("tata letak", lambda: pdf.layout(markup))
    size = len(step("tulis", document.write_pdf))
    return PdfBuild(time.perf_counter() - began, time.process_time() - cpu, steps, len(document.pages), size)


@contextmanager
def as_served():
    """DEBUG off as in production (no query log kept), the test Client's host allowed, and the
    collector tuned as in the app servers (kaltengkop/deploy/gunicorn.conf.py). The summary PDFs are
    built by the warm-up request itself (no worker runs here) and stored in a folder of the bench's
    own: the timed requests read the stored copy."""
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    media = tempfile.mkdtemp(prefix="kaltengkop-bench-")
    try:
        with (
            override_settings(
                ROOT_URLCONF="reports.bench_urls",
                ALLOWED_HOSTS=hosts,
                DEBUG=False,
                MEDIA_ROOT=media,
                SUMMARY_PDF_INLINE_MAX_INDICATORS=10**9,
            ),
            collector.tuned(),
        ):
            yield
    finally:
        shutil.rmtree(media, ignore_errors=True)


@contextmanager
def temporary_database():
    """A fresh, migrated database for the duration of the block, dropped afterwards."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def demo_data():
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    return {"bureau": "usaha-kecil", "cumulative": "wirausaha-baru", "ratio": "partisipasi-berkoperasi"}


def synthetic_data(indicators, years, first_year=2016):
    synthetic.build(indicators, first_year=first_year, years=years, prefix="bench")
    bureau = Bureau.objects.order_by("order").first()
    return {
        "bureau": bureau.code,
        "cumulative": Indicator.objects.filter(code__startswith="bench-", period_start__isnull=False)
        .values_list("code", flat=True)
        .first(),
        "ratio": Indicator.objects.filter(code__startswith="bench-", numerator__isnull=False)
        .values_list("code", flat=True)
        .first(),
    }


def national_data(indicators, years, provinces, regencies, first_year=2016):
    """The synthetic set over a national region tree, with the regencies' figures of the indicators
    reported by region; returns the samples and the regional rows written."""
    built = synthetic.build(indicators, first_year=first_year, years=years, prefix="nasional")
    regions = synthetic.national_tree(provinces, regencies)
    chosen = synthetic.by_region(built)
    written = synthetic.regional_figures(chosen, regions, first_year, years)
    cumulative = next(indicator for indicator in chosen if indicator.aggregation == Aggregation.CUMULATIVE)
    samples = {
        "bureau": chosen[0].bureau.code,
        "by_region": chosen[0].code,
        "cumulative_bureau": cumulative.bureau.code,
        "cumulative_by_region": cumulative.code,
        "regions": len(regions),
        "by_region_count": len(chosen),
    }
    return samples, written


def url_for(page: TimedPage, samples: dict) -> tuple[str, dict]:
    args = [samples[page.sample]] if page.sample else []
    query = {
        key: samples[value[1:]] if str(value).startswith("@") else value for key, value in page.query.items()
    }
    return reverse(page.url_name, args=args), query


def median_times(client: Client, requests: list[tuple[str, dict, int]], cold: bool = False) -> list[float]:
    """Median milliseconds per request, each (url, query, rounds) timed `rounds` times; `cold` empties
    the cache before each one (untimed), as the first request after a write finds it.

    Rounds go through every page in turn, so that a busy moment of the machine weighs on every page
    alike."""
    for url, query, _rounds in requests:  # warm up: templates, translations, plotly's validators
        client.get(url, query)
    timings: list[list[float]] = [[] for _ in requests]
    for round_ in range(max(rounds for _url, _query, rounds in requests)):
        for index, (url, query, rounds) in enumerate(requests):
            if round_ >= rounds:
                continue
            if cold:
                cache.clear()
                forget_shared()
            start = time.perf_counter()
            response = client.get(url, query)
            if response.streaming:  # a stored file: its reading counts too (and closes it)
                b"".join(response.streaming_content)
            timings[index].append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
    return [statistics.median(series) for series in timings]


class Command(BaseCommand):
    help = "Ukur waktu server setiap halaman (median) dibanding halaman base.html, pada 8 dan 200 indikator."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=15, help="Permintaan terukur per halaman.")
        parser.add_argument("--indicators", type=int, default=200, help="Indikator dalam data sintetis.")
        parser.add_argument("--years", type=int, default=10, help="Tahun dalam data sintetis.")
        parser.add_argument(
            "--national",
            action="store_true",
            help="Data skala nasional di PostgreSQL: 38 provinsi × ±14 kabupaten/kota (butuh DATABASE_URL).",
        )
        parser.add_argument("--provinces", type=int, default=38, help="Provinsi dalam data nasional.")
        parser.add_argument(
            "--regencies", type=int, default=14, help="Rata-rata kabupaten/kota per provinsi (data nasional)."
        )
        parser.add_argument(
            "--skip-imports",
            dest="imports",
            action="store_false",
            help="Tanpa mengukur penolakan zip bomb XLSX dan CSV sejuta baris (bench_import).",
        )

    def handle(self, *args, repeat, indicators, years, imports=True, national=False, **options):
        if national:
            self.national(repeat, indicators, years, options["provinces"], options["regencies"])
            return
        data_sets = [
            ("8 indikator (data demo Rakortek 2025)", demo_data),
            (
                f"{indicators} indikator sintetis, {years} tahun × 4 triwulan",
                lambda: synthetic_data(indicators, years),
            ),
        ]
        with as_served():
            for title, load in data_sets:
                with temporary_database():
                    self.measure(title, load, repeat)
        if imports:
            call_command("bench_import", stdout=self.stdout)

    def national(self, repeat, indicators, years, provinces, regencies):
        """The dashboard and the pages of an indicator reported by region, over a national tree."""
        if connection.vendor != "postgresql":
            raise CommandError("--national memerlukan PostgreSQL: isi DATABASE_URL=postgres://…")
        with as_served(), temporary_database():
            start = time.perf_counter()
            samples, written = national_data(indicators, years, provinces, regencies)
            seconds = time.perf_counter() - start
            self.stdout.write(
                f"Data nasional: {samples['regions']} kabupaten/kota di {provinces} provinsi, "
                f"{indicators} indikator ({samples['by_region_count']} per kabupaten/kota), {years} tahun; "
                f"{written} baris kabupaten/kota dimuat dalam {seconds:.0f} s"
            )
            self.measure(
                f"Skala nasional, {indicators} indikator × {years} tahun",
                lambda: samples,
                repeat,
                NATIONAL_PAGES,
            )

    def measure(self, title, load, repeat, pages=None):
        pages = PAGES if pages is None else pages
        samples = load()
        head, _ = User.objects.get_or_create(username="bench.kadis", defaults={"role": Role.HEAD})
        client = Client()
        client.force_login(head)
        requests = [(reverse(BASE_PAGE), {}, repeat)] + [
            (*url_for(page, samples), min(repeat, page.most or repeat)) for page in pages
        ]
        cold_base, *cold = median_times(client, requests, cold=True)
        warm_base, *warm = median_times(client, requests)
        self.stdout.write(f"\n{title}  (median of {repeat} requests, or of n)")
        self.stdout.write(
            "  cold: the cache emptied before each request; warm: nothing written since the last"
        )
        self.stdout.write(f"  {'page':<34}{'cold ms':>10}{'× base':>9}{'warm ms':>10}{'× base':>9}")
        self.stdout.write(f"  {'base.html':<34}{cold_base:>10.1f}{1:>9.1f}{warm_base:>10.1f}{1:>9.1f}")
        rows = zip(pages, requests[1:], cold, warm, strict=True)
        for page, (_url, _query, rounds), cold_ms, warm_ms in rows:
            label = page.label if rounds == repeat else f"{page.label} (n={rounds})"
            cold_ratio, warm_ratio = cold_ms / cold_base, warm_ms / warm_base
            self.stdout.write(
                f"  {label:<34}{cold_ms:>10.1f}{cold_ratio:>9.1f}{warm_ms:>10.1f}{warm_ratio:>9.1f}"
            )
        for stored in StoredSummary.objects.filter(status=StoredSummary.Status.DONE).order_by("scope"):
            self.stdout.write(
                f"  PDF disusun sekali per versi data, {stored.scope or 'semua bidang'}: "
                f"{stored.build_seconds} s, {stored.size // 1024} KB"
            )
        if any(page.url_name == "reports:summary_pdf" for page in pages):
            self.pdf_builds(samples)

    def pdf_builds(self, samples):
        """Each summary PDF built once more, step by step, then the process's peak memory so far
        (every build included): what a worker needs at least."""
        year, quarter = latest_period()
        bureau = Bureau.objects.get(code=samples["bureau"])
        for label, scope in (("semua bidang", None), (bureau.code, bureau)):
            build = build_pdf(year, quarter, scope)
            steps = " + ".join(f"{name} {seconds:.2f}" for name, seconds in build.steps.items())
            self.stdout.write(
                f"  PDF {label}, langkah demi langkah: {build.seconds:.2f} s (CPU {build.cpu:.2f} s) = "
                f"{steps}; {build.pages} halaman, WeasyPrint {build.weasyprint_ms_per_page:.0f} ms/halaman, "
                f"{build.size // 1024} KB"
            )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"  RSS maksimum proses sejauh ini (setiap PDF termasuk): {rss:.0f} MB")
