"""Database connections are reused between requests, and none is kept that is broken, busy or old."""

from psycopg2.extensions import TRANSACTION_STATUS_IDLE, TRANSACTION_STATUS_INTRANS

from kaltengkop.postgres.base import Pool, Pooled


class FakeConnection:
    def __init__(self):
        self.closed = 0
        self.status = TRANSACTION_STATUS_IDLE

    def get_transaction_status(self):
        return self.status

    def close(self):
        self.closed = 1


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def pooled(clock):
    return Pooled(FakeConnection(), None, clock())


def test_a_returned_connection_is_taken_by_the_next_request():
    clock = Clock()
    pool = Pool(max_age=60, clock=clock)
    first = pooled(clock)
    pool.give(first)
    assert pool.take() is first
    assert pool.take() is None
    assert not first.connection.closed


def test_a_connection_older_than_the_maximum_age_is_closed_instead_of_reused():
    clock = Clock()
    pool = Pool(max_age=60, clock=clock)
    old = pooled(clock)
    pool.give(old)
    clock.now += 61
    assert pool.take() is None
    assert old.connection.closed


def test_a_connection_left_in_a_transaction_or_closed_is_not_kept():
    clock = Clock()
    pool = Pool(max_age=60, clock=clock)
    busy, broken = pooled(clock), pooled(clock)
    busy.connection.status = TRANSACTION_STATUS_INTRANS
    broken.connection.closed = 2
    pool.give(busy)
    pool.give(broken)
    assert pool.take() is None
    assert busy.connection.closed


def test_connections_beyond_the_idle_limit_are_closed():
    clock = Clock()
    pool = Pool(max_age=60, idle=2, clock=clock)
    connections = [pooled(clock) for _ in range(3)]
    for connection in connections:
        pool.give(connection)
    assert [c.connection.closed for c in connections] == [0, 0, 1]
    assert {pool.take().connection, pool.take().connection} == {c.connection for c in connections[:2]}
