"""PostgreSQL with connections kept between requests, under the ASGI worker too.

Django keeps a persistent connection per thread (CONN_MAX_AGE), but its ASGI handler runs each
request in a thread of its own, so such a connection would never be used twice and would stay open
until the thread's objects are collected. Here Django closes the connection at the end of every
request as usual (CONN_MAX_AGE 0), and closing hands it to a small pool of this process instead,
from which the next request's thread takes it. Settings: `POOL_MAX_AGE` in the database's settings
(seconds a connection is reused; DATABASE_CONN_MAX_AGE).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db.backends.postgresql import base
from psycopg2.extensions import TRANSACTION_STATUS_IDLE

# Idle connections kept per process and database; more in use at once are opened and then closed.
IDLE_CONNECTIONS = 8


@dataclass
class Pooled:
    connection: object
    isolation_level: object
    opened: float


class Pool:
    """Idle connections of one database in this process, each reused until it is `max_age` seconds old."""

    def __init__(self, max_age: float, idle: int = IDLE_CONNECTIONS, clock=time.monotonic):
        self.max_age = max_age
        self.idle_limit = idle
        self.clock = clock
        self.idle: list[Pooled] = []
        self.lock = threading.Lock()

    def take(self) -> Pooled | None:
        """The most recently returned usable connection, or None: then the caller opens one."""
        while True:
            with self.lock:
                if not self.idle:
                    return None
                pooled = self.idle.pop()
            if not pooled.connection.closed and not self.expired(pooled):
                return pooled
            pooled.connection.close()

    def give(self, pooled: Pooled) -> None:
        """Keep a connection for the next request, unless it is broken, busy, too old or one too many."""
        connection = pooled.connection
        usable = (
            not connection.closed
            and connection.get_transaction_status() == TRANSACTION_STATUS_IDLE
            and not self.expired(pooled)
        )
        if usable:
            with self.lock:
                if len(self.idle) < self.idle_limit:
                    self.idle.append(pooled)
                    return
        connection.close()

    def expired(self, pooled: Pooled) -> bool:
        return self.clock() - pooled.opened >= self.max_age


_pools: dict[tuple, Pool] = {}
_pools_lock = threading.Lock()


def pool_for(conn_params: dict, max_age: float) -> Pool:
    """One pool per database (a test run's database is another one) in this process."""
    key = tuple(sorted((name, str(value)) for name, value in conn_params.items()))
    with _pools_lock:
        return _pools.setdefault(key, Pool(max_age))


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        self._pool = pool_for(conn_params, self.settings_dict["POOL_MAX_AGE"])
        pooled = self._pool.take()
        if pooled is None:
            connection = super().get_new_connection(conn_params)
            self._pooled = Pooled(connection, self.isolation_level, self._pool.clock())
        else:
            # Django's checks on every connect (time zone, role, autocommit) still run on it.
            self._pooled = pooled
            self.isolation_level = pooled.isolation_level
        return self._pooled.connection

    def _close(self):
        if self.connection is None:
            return
        with self.wrap_database_errors:
            # Only a connection this wrapper no longer needs, in autocommit and without errors, is shared.
            shareable = not (self.errors_occurred or self.in_atomic_block or not self.connection.autocommit)
            if not shareable or self.connection is not self._pooled.connection:
                self.connection.close()
            else:
                self._pool.give(self._pooled)
