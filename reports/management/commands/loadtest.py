"""Load the app servers as production runs them, on this machine only, and print what they sustain.

Creates a throw-away PostgreSQL database, migrates it, loads the synthetic data set and a head,
starts gunicorn with kaltengkop/deploy/gunicorn.conf.py (DEBUG off, a fixed number of workers, a
loopback address), logs in, and requests five pages at 1, 4 and 16 clients at once: the yardstick page
of `bench` (base.html for a logged-in user), the dashboard, a bureau page, its CSV export and the
summary PDF. Each level makes a fixed number of requests and stops at a maximum duration. Then it
stops gunicorn and drops the database, whatever happened.
"""

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql

from reports import loadtest

GUNICORN_CONF = Path(settings.BASE_DIR) / "kaltengkop" / "deploy" / "gunicorn.conf.py"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
USERNAME = "beban.kadis"
TRIVIAL = "Halaman base.html"
DASHBOARD = "Dasbor"


def pages(bureau: str) -> list[tuple[str, str]]:
    return [
        (TRIVIAL, "/bench/base/"),
        (DASHBOARD, "/"),
        ("Halaman bidang", f"/bidang/{bureau}/"),
        ("Ekspor CSV bidang", f"/bidang/{bureau}/?_export=csv"),
        ("Ringkasan PDF", "/ringkasan.pdf"),
    ]


def default_server() -> str:
    """DATABASE_URL's server when it is PostgreSQL, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else DEFAULT_SERVER


def server_params(url: str) -> dict:
    import dj_database_url

    parsed = dj_database_url.parse(url)
    if parsed["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError("Uji beban memerlukan server PostgreSQL (postgres://…).")
    host = parsed["HOST"] or "localhost"
    if not loadtest.is_loopback(host):
        raise CommandError(f"Server PostgreSQL harus di mesin ini (127.0.0.1), bukan {host}.")
    return {
        "host": host,
        "port": parsed["PORT"] or 5432,
        "user": parsed["USER"],
        "password": parsed["PASSWORD"] or None,
        "dbname": parsed["NAME"],
    }


def database_url(params: dict, name: str) -> str:
    password = f":{params['password']}" if params["password"] else ""
    return f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{name}"


def connect(params: dict, name: str | None = None):
    return psycopg.connect(**{**params, "dbname": name or params["dbname"]}, autocommit=True)


@contextmanager
def throwaway_database(params: dict, name: str):
    with closing(connect(params)) as admin, admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield
    finally:
        with closing(connect(params)) as admin, admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def gunicorn(env: dict, log: Path):
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF), "kaltengkop.asgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(host: str, port: int, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError("gunicorn berhenti saat mulai; lihat catatannya di atas.")
        try:
            session = loadtest.Session(host, port, timeout=5)
            status, _ = session.request("GET", "/healthz/")
            session.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise CommandError(f"gunicorn tidak menjawab dalam {seconds:.0f} detik.")


class Command(BaseCommand):
    help = (
        "Uji beban di mesin ini: gunicorn pada PostgreSQL dengan data sintetis; permintaan per detik dan "
        "p50/p95/p99 pada 1, 4 dan 16 klien, dan puncak memori worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Alamat gunicorn; hanya loopback.")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--workers", type=int, default=2, help="Jumlah worker gunicorn (tetap).")
        parser.add_argument("--levels", type=int, nargs="+", default=[1, 4, 16], help="Klien serentak.")
        parser.add_argument("--requests", type=int, default=100, help="Permintaan per halaman per tingkat.")
        parser.add_argument("--pdf-requests", type=int, default=3, help="Permintaan PDF per tingkat.")
        parser.add_argument(
            "--max-seconds", type=float, default=60, help="Batas waktu per halaman per tingkat."
        )
        parser.add_argument("--indicators", type=int, default=200)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument(
            "--server",
            default=default_server(),
            help="Server PostgreSQL di mesin ini; basis data sementara dibuat di sana.",
        )
        parser.add_argument("--database", default="kaltengkop_loadtest", help="Nama basis data sementara.")
        parser.add_argument(
            "--conn-max-age",
            help="DATABASE_CONN_MAX_AGE bagi gunicorn (bawaan produksi bila tidak diisi; 0: tanpa pool).",
        )

    def handle(self, *args, **options):
        if not loadtest.is_loopback(options["host"]):
            raise CommandError(f"Uji beban hanya di alamat loopback (127.0.0.1), bukan {options['host']}.")
        if min(options["levels"]) < 1 or options["requests"] < 1 or options["max_seconds"] <= 0:
            raise CommandError("Tingkat, jumlah permintaan dan batas waktu harus positif.")
        params = server_params(options["server"])
        name = options["database"]
        url = database_url(params, name)
        with throwaway_database(params, name), tempfile.TemporaryDirectory() as folder:
            self.prepare(url, options)
            env = self.server_env(url, options)
            # The summary PDF is built by the first request that asks (no worker runs here) and kept in
            # a folder of the test's own: the measured requests read the stored copy.
            env["MEDIA_ROOT"] = str(Path(folder) / "media")
            env["SUMMARY_PDF_INLINE_MAX_INDICATORS"] = str(10**9)
            log = Path(folder) / "gunicorn.log"
            try:
                with gunicorn(env, log) as process:
                    wait_until_up(options["host"], options["port"], process)
                    self.measure(process.pid, params, name, options)
            except Exception:
                self.stderr.write(log.read_text()[-3000:])
                raise

    def prepare(self, url: str, options) -> None:
        self.password = secrets.token_urlsafe(16)
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "DATABASE_CONN_MAX_AGE": "0"}
        self.stdout.write(f"Menyiapkan {options['indicators']} indikator × {options['years']} tahun…")
        fill = (
            "from reports.loadtest import fill; "
            f"fill({options['indicators']}, {options['years']}, {USERNAME!r}, {self.password!r})"
        )
        for command in (
            ["migrate", "--no-input", "-v0"],
            ["createcachetable"],
            ["shell", "--no-imports", "-c", fill],
        ):
            subprocess.run(
                [sys.executable, "manage.py", *command], cwd=settings.BASE_DIR, env=env, check=True
            )

    def server_env(self, url: str, options) -> dict:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "reports.bench_settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": options["host"],
            "DATABASE_URL": url,
            "GUNICORN_BIND": f"{options['host']}:{options['port']}",
            "GUNICORN_WORKERS": str(options["workers"]),
        }
        if options["conn_max_age"] is not None:
            env["DATABASE_CONN_MAX_AGE"] = options["conn_max_age"]
        else:
            env.pop("DATABASE_CONN_MAX_AGE", None)
        return env

    def measure(self, master: int, params: dict, name: str, options) -> None:
        host, port = options["host"], options["port"]
        with closing(connect(params, name)) as db, db.cursor() as cursor:
            cursor.execute('SELECT code FROM targets_bureau ORDER BY "order" LIMIT 1')
            bureau = cursor.fetchone()[0]
        login = loadtest.Session(host, port, timeout=300)
        login.log_in("/masuk/", USERNAME, self.password)
        urls = pages(bureau)
        for _label, path in urls[:-1]:  # warm up every worker
            for _ in range(2 * options["workers"]):
                login.request("GET", path)
        started = time.perf_counter()
        login.request("GET", urls[-1][1])  # the PDF, built once for this data version and stored
        self.stdout.write(f"Ringkasan PDF disusun dan disimpan dalam {time.perf_counter() - started:.1f} s.")

        with closing(connect(params)) as admin:
            admin_cursor = admin.cursor()

            def backends() -> int:
                admin_cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name])
                return admin_cursor.fetchone()[0]

            watcher = loadtest.Watcher(master, backends)
            watcher.start()
            try:
                for level in options["levels"]:
                    self.run_level(level, login, urls, watcher, options)
            finally:
                watcher.stop()
        login.close()
        peaks = [mb for mb in watcher.peaks.values() if mb]
        self.stdout.write(
            f"\nWorker gunicorn: {options['workers']}, {len(watcher.peaks)} proses selama uji; "
            f"puncak memori (RSS) tertinggi {max(peaks, default=0):.0f} MB, rata-rata "
            f"{sum(peaks) / max(len(peaks), 1):.0f} MB."
        )

    def run_level(self, level, login, urls, watcher, options) -> None:
        host, port = options["host"], options["port"]
        sessions = [loadtest.Session(host, port, timeout=300) for _ in range(level)]
        for session in sessions:
            session.share(login)
        first_sample = len(watcher.connections)
        self.stdout.write(f"\n{level} klien serentak")
        self.stdout.write(f"  {'halaman':<22}{'n':>5}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
        results = {}
        for label, path in urls:
            count = options["pdf_requests"] if path.endswith(".pdf") else options["requests"]
            stats = loadtest.run_level(sessions, path, count, options["max_seconds"])
            results[label] = stats
            self.stdout.write(
                f"  {label:<22}{stats.requests:>5}{stats.per_second:>9.2f}"
                f"{stats.p50:>9.0f}{stats.p95:>9.0f}{stats.p99:>9.0f}"
            )
        for session in sessions:
            session.close()
        share = results[DASHBOARD].per_second / results[TRIVIAL].per_second
        connections = watcher.connections[first_sample:] or [0]
        self.stdout.write(
            f"  Dasbor: {share:.0%} dari req/s halaman base.html; "
            f"koneksi basis data terbuka paling banyak {max(connections)}."
        )
