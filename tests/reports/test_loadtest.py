"""The load test stays on this machine, and its figures are the usual percentiles."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from reports.loadtest import Session, is_loopback, percentile, summarise


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "192.168.1.10", "kaltengkop.example.go.id", "::"])
def test_the_load_test_refuses_to_serve_on_an_address_other_machines_reach(host):
    with pytest.raises(CommandError, match="loopback"):
        call_command("loadtest", host=host)


def test_the_load_test_refuses_a_database_server_on_another_machine():
    with pytest.raises(CommandError, match="mesin ini"):
        call_command("loadtest", server="postgres://postgres@db.example.go.id:5432/postgres")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_addresses_are_recognised(host):
    assert is_loopback(host)


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    stats = summarise(list(reversed(values)), seconds=4.0)
    assert (stats.requests, stats.per_second) == (100, 25.0)
    assert (stats.p50, stats.p95, stats.p99) == (50.0, 95.0, 99.0)


def test_a_few_requests_give_their_slowest_as_the_high_percentiles():
    stats = summarise([30.0, 10.0, 20.0], seconds=1.5)
    assert stats.per_second == 2.0
    assert (stats.p50, stats.p95, stats.p99) == (20.0, 30.0, 30.0)
    assert percentile([7.0], 0.99) == 7.0


class ClosesAfterEachAnswer(BaseHTTPRequestHandler):
    """Keeps nothing alive, yet does not say so: as gunicorn after its keepalive has run out."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
        self.close_connection = True

    def log_message(self, *args):
        pass


def test_a_client_whose_idle_connection_the_server_closed_opens_a_new_one():
    server = ThreadingHTTPServer(("127.0.0.1", 0), ClosesAfterEachAnswer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        session = Session("127.0.0.1", server.server_address[1], timeout=5)
        assert [session.request("GET", "/") for _ in range(3)] == [(200, b"ok")] * 3
        session.close()
    finally:
        server.shutdown()
        server.server_close()
