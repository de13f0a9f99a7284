"""The load test stays on this machine, and its figures are the usual percentiles."""

import pytest
from django.core.management import CommandError, call_command

from reports.loadtest import is_loopback, percentile, summarise


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
