"""Counting transactions through SQLite's own trace: what a block of code really sends to the store."""

from __future__ import annotations

import sqlite3

_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLACE"}


class Transactions:
    """BEGINs, COMMITs and writes made outside any transaction, on one connection, inside a ``with``.

    A flush that opens one transaction per operation shows more than one
    COMMIT; one that writes in autocommit mode shows loose writes.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.begins = 0
        self.commits = 0
        self.loose = 0
        self.statements: list[str] = []

    def __enter__(self) -> Transactions:
        self.conn.set_trace_callback(self._trace)
        return self

    def __exit__(self, *exc) -> None:
        self.conn.set_trace_callback(None)

    def _trace(self, sql: str) -> None:
        self.statements.append(sql)
        words = sql.split(None, 1)
        head = words[0].upper() if words else ""
        if head == "BEGIN":
            self.begins += 1
        elif head in ("COMMIT", "END"):
            self.commits += 1
        elif head in _WRITES and not self.conn.in_transaction:
            self.loose += 1

    @property
    def counts(self) -> tuple[int, int, int]:
        """(begins, commits, loose writes): one transaction is (1, 1, 0)."""
        return self.begins, self.commits, self.loose
