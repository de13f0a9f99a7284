"""Drive a running KaltengKop as its users and a hostile client would, through HTTP only.

Every request says X-Forwarded-Proto: https, as nginx does in front of gunicorn.
"""

import argparse
import http.client
import json
import re
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

DEMO_PASSWORD = "kaltengkop-demo"


class Browser:
    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, https=True):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, data

    def log_in(self, username, password):
        _, page = self.request("GET", "/masuk/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{self.host}:{self.port}",
            "Referer": f"https://{self.host}:{self.port}/masuk/",
        }
        return self.request("POST", "/masuk/", body, headers)


def expect(condition, message):
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def check_page(browser, path, kind=None):
    response, data = browser.request("GET", path)
    expect(response.status == 200, f"GET {path} answered {response.status}")
    headers = {k.lower(): v for k, v in response.getheaders()}
    expect(
        "no-store" in headers.get("cache-control", ""),
        f"{path} may be cached: {headers.get('cache-control')}",
    )
    expect("max-age=31536000" in headers.get("strict-transport-security", ""), f"{path} lacks HSTS")
    policy = headers.get("content-security-policy", "")
    expect(re.search(r"script-src 'self'(;|$)", policy), f"{path} allows more scripts: {policy}")
    if kind:
        expect(kind in headers.get("content-type", ""), f"{path} is {headers.get('content-type')}")
    print(f"  200 {path} ({len(data)} bytes)")
    return data


def check_pdf(browser, path, timeout=180):
    """A summary PDF: the page that follows its build until the worker has made it, then the stored
    file; returns whether the worker built it."""
    started = time.monotonic()
    response, data = browser.request("GET", path)
    queued = response.status == 200 and "text/html" in (response.getheader("Content-Type") or "")
    if queued:
        expect(b"Ringkasan sedang disusun" in data, f"{path} is neither the PDF nor its progress page")
        expect(b"data-refresh" in data, f"{path}: the progress page does not look again by itself")
        print(f"  200 {path}: Ringkasan sedang disusun")
        while time.monotonic() - started < timeout:
            time.sleep(1)
            response, data = browser.request("GET", path)
            if "application/pdf" in (response.getheader("Content-Type") or ""):
                break
            expect(b"gagal disusun" not in data, f"{path}: the worker could not build the PDF")
        else:
            expect(False, f"{path}: the worker did not build the PDF within {timeout} s")
        print(f"  built by the worker in {time.monotonic() - started:.1f} s")
    data = check_page(browser, path, "application/pdf")
    expect(data.startswith(b"%PDF"), f"{path} is not a PDF")
    again = time.monotonic()
    expect(check_page(browser, path, "application/pdf") == data, f"{path}: the stored copy differs")
    print(f"  stored copy read again in {1000 * (time.monotonic() - again):.0f} ms")
    return queued


def figures(browser, bureaus):
    return {code: browser.request("GET", f"/bidang/{code}/?_export=csv")[1].decode() for code in bureaus}


def slow_clients(base, count=30, requests=9):
    """`count` clients trickle one header byte every 2 s; the login page must still answer."""
    parts = urlsplit(base)
    stop = threading.Event()

    def trickle():
        try:
            with socket.create_connection((parts.hostname, parts.port)) as s:
                for byte in b"GET /masuk/ HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 60:
                    if stop.wait(2):
                        return
                    s.send(bytes([byte]))
        except OSError:
            pass

    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    served = 0
    for _ in range(requests):
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            connection.request("GET", "/masuk/", headers={"X-Forwarded-Proto": "https"})
            served += connection.getresponse().status == 200
            connection.close()
        except OSError:
            pass
    stop.set()
    return served


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--save")
    parser.add_argument("--compare")
    parser.add_argument("--figures-only", action="store_true")
    options = parser.parse_args()

    head = Browser(options.base)
    response, _ = head.log_in("kadis", DEMO_PASSWORD)
    expect(response.status == 302, f"the head could not log in ({response.status})")
    dashboard = check_page(head, "/?tahun=2025&tw=4")
    bureaus = sorted(set(re.findall(rb'href="/bidang/([\w-]+)/', dashboard)))
    bureaus = [code.decode() for code in bureaus]
    expect(bureaus, "the dashboard links no bureau")

    if options.compare:
        saved = json.loads(Path(options.compare).read_text())
        expect(figures(head, bureaus) == saved, "the restored figures differ from the backed-up ones")
        print("  restored figures equal the backed-up ones")
        return

    indicators = sorted({code.decode() for code in re.findall(rb'href="/indikator/([\w-]+)/', dashboard)})
    check_page(head, "/")
    for code in bureaus:
        check_page(head, f"/bidang/{code}/")
        check_page(head, f"/bidang/{code}/?_export=csv", "text/csv")
        check_page(head, f"/bidang/{code}/?_export=xlsx", "spreadsheet")
        check_pdf(head, f"/ringkasan.pdf?tahun=2025&tw=4&bidang={code}")
    for code in indicators:
        check_page(head, f"/indikator/{code}/")
    # production.env here sends every summary to the worker: the README's worker must be running.
    expect(check_pdf(head, "/ringkasan.pdf?tahun=2025&tw=4"), "the summary PDF was not built by the worker")
    check_page(head, "/entri/belum-diajukan/")
    check_page(head, "/entri/kerja/")
    check_page(head, "/entri/kerja/jumlah.json", "application/json")
    check_page(head, f"/entri/{bureaus[0]}/2025/4/")

    stylesheet = re.search(rb'href="(/static/css/[\w.-]+\.css)"', dashboard).group(1).decode()
    expect(re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), f"{stylesheet} has no hashed name")
    response, _ = head.request("GET", stylesheet)
    expect(response.status == 200 and "text/css" in response.getheader("Content-Type"), f"{stylesheet}")
    print(f"  200 {stylesheet} (hashed, served by whitenoise)")

    staff = Browser(options.base)
    staff.log_in("staf.koperasi", DEMO_PASSWORD)
    check_page(staff, "/entri/koperasi/2026/1/")
    check_page(staff, "/entri/koperasi/impor/")
    check_page(staff, "/entri/kerja/")

    admin = Browser(options.base)
    response, _ = admin.log_in("admin", "ci-admin-Sandi-7391")
    expect(response.status == 302, "the administrator made by createsuperuser could not log in")
    for path in [
        "/admin/",
        "/admin/targets/user/",
        "/admin/targets/indicator/",
        "/admin/targets/realization/",
    ]:
        check_page(admin, path)

    response, _ = Browser(options.base).request("GET", "/", https=False)
    expect(
        response.status == 301 and response.getheader("Location", "").startswith("https://"),
        "no HTTPS redirect",
    )
    print("  plain HTTP is redirected to HTTPS")

    response, _ = staff.request("POST", "/entri/koperasi/impor/", headers={"Content-Length": "300000000"})
    expect(response.status == 413, f"a 300 MB body answered {response.status}")
    print("  a 300 MB body is refused with 413 before it is sent")

    intruder = Browser(options.base)
    statuses = [intruder.log_in("perencana", "salah")[0].status for _ in range(5)]
    expect(statuses[:4] == [200] * 4 and statuses[4] == 429, f"login throttling: {statuses}")
    response, _ = intruder.log_in("perencana", DEMO_PASSWORD)
    expect(response.status == 429, "a locked-out account could still log in")
    print("  five wrong passwords lock the account out (429)")

    served = slow_clients(options.base)
    expect(served == 9, f"with 30 slow clients only {served} of 9 requests were served")
    print("  30 slow clients: 9 of 9 requests served")

    if options.save:
        Path(options.save).write_text(json.dumps(figures(head, bureaus)))


if __name__ == "__main__":
    main()
