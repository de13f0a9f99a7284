"""The parts of `manage.py loadtest`: the loopback check, the statistics, the data, and a client.

The client is plain http.client with one keep-alive connection per simulated user, so that what is
measured is the app servers and not a browser or a proxy.
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import re
import threading
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only: 127.0.0.0/8, ::1 or localhost."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def percentile(sorted_values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass(frozen=True)
class Stats:
    requests: int
    per_second: float
    p50: float
    p95: float
    p99: float


def summarise(latencies_ms: list[float], seconds: float) -> Stats:
    """Requests per second over the wall-clock time of a level, and its latency percentiles in ms."""
    ordered = sorted(latencies_ms)
    if not ordered:
        return Stats(0, 0.0, math.nan, math.nan, math.nan)
    return Stats(
        requests=len(ordered),
        per_second=len(ordered) / seconds if seconds > 0 else math.nan,
        p50=percentile(ordered, 0.50),
        p95=percentile(ordered, 0.95),
        p99=percentile(ordered, 0.99),
    )


def fill(indicators: int, years: int, username: str, password: str) -> None:
    """The synthetic data set and the head who logs in (run in the throw-away database)."""
    from reports import synthetic
    from targets.choices import Role
    from targets.models import User

    synthetic.build(indicators, first_year=2016, years=years, prefix="beban")
    User.objects.create_user(username=username, password=password, role=Role.HEAD)


class Session:
    """One simulated user: a keep-alive connection and the session cookie."""

    def __init__(self, host: str, port: int, timeout: float):
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            response = self._send(method, path, data, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed a kept-alive connection that sat idle past its keepalive while the other
            # clients finished: a new connection, as a browser would open.
            self.connection.close()
            response = self._send(method, path, data, headers)
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, content

    def _send(self, method: str, path: str, data: str | None, headers: dict) -> http.client.HTTPResponse:
        self.connection.request(method, path, body=data, headers=headers)
        return self.connection.getresponse()

    def log_in(self, login_path: str, username: str, password: str) -> None:
        status, page = self.request("GET", login_path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"the login page answered {status}")
        form = {"csrfmiddlewaretoken": token[1].decode(), "username": username, "password": password}
        status, _ = self.request("POST", login_path, form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"logging in answered {status}")

    def share(self, other: Session) -> None:
        """Log in as the same user: the same session cookie on a connection of its own."""
        self.cookies = dict(other.cookies)

    def close(self) -> None:
        self.connection.close()


def run_level(sessions: list[Session], path: str, requests: int, max_seconds: float) -> Stats:
    """`requests` GETs of `path` shared by the sessions, each running one at a time, stopping at
    `max_seconds`. A response other than 200 stops the level with an error."""
    remaining = [requests]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def client(session: Session) -> None:
        while time.monotonic() < deadline and not errors:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            start = time.perf_counter()
            try:
                status, _ = session.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                status = repr(error)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors.append(f"{path} answered {status}")

    threads = [threading.Thread(target=client, args=(session,)) for session in sessions]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if errors:
        raise RuntimeError(errors[0])
    return summarise(latencies, seconds)


def children(pid: int) -> list[int]:
    """The processes `pid` started (gunicorn's workers), from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of a process so far (VmHWM), in MB; 0 once it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match[1]) / 1024 if match else 0.0


class Watcher(threading.Thread):
    """Samples, while the levels run, the workers' peak memory and the database's open connections.

    gunicorn replaces a worker after max_requests, so the peak is read while each worker lives."""

    def __init__(self, master: int, count_connections, interval: float = 0.5):
        super().__init__(daemon=True)
        self.master = master
        self.count_connections = count_connections
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self.connections: list[int] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        for worker in children(self.master):
            self.peaks[worker] = max(self.peaks.get(worker, 0.0), peak_rss_mb(worker))
        self.connections.append(self.count_connections())

    def stop(self) -> None:
        self.stopped.set()
        self.join()
        self.sample()
