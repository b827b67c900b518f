"""Schema changes as named migrations, applied in order by sqlite-utils (迁移).

``STEPS`` is plain data so that the store can tell whether anything is pending
without loading sqlite-utils; it is loaded only when a migration must run
(first start, or after an upgrade).  Append new steps; never edit an old one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATION_SET = "reportdesk"
MIGRATIONS_TABLE = "_sqlite_migrations"


def _001_reports_nodes_fields(db) -> None:
    db.execute(
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            year INTEGER,
            organisation TEXT NOT NULL DEFAULT '',
            level_styles TEXT NOT NULL DEFAULT '[]',
            front_matter TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE nodes (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES nodes(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            number_style TEXT,
            heading TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX nodes_report ON nodes(report_id, parent_id, position)")
    # value and last_value keep their own type (REAL/INTEGER for numbers, TEXT for names).
    db.execute(
        """CREATE TABLE fields (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            fid INTEGER NOT NULL,
            node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value,
            unit TEXT NOT NULL DEFAULT '',
            label TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            precision INTEGER NOT NULL DEFAULT 0,
            qualifier TEXT NOT NULL DEFAULT '',
            last_value,
            PRIMARY KEY (report_id, fid)
        )"""
    )
    db.execute("CREATE INDEX fields_node ON fields(node_id)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")


def _002_versions(db) -> None:
    """Versions (版本): a whole report as JSON, kept on request, at export, before big deletions."""
    db.execute(
        """CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL,
            created TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT 'manual',
            size INTEGER NOT NULL DEFAULT 0,
            snapshot TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX versions_report ON versions(report_id, id)")


def _003_departments_last_year_phrases(db) -> None:
    """部门 per node, last year's text beside this year's, 同比 phrases bound to their field, 备注."""
    db.execute("ALTER TABLE nodes ADD COLUMN department TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE nodes ADD COLUMN last_heading TEXT")
    db.execute("ALTER TABLE nodes ADD COLUMN last_body TEXT")
    db.execute("ALTER TABLE fields ADD COLUMN basis INTEGER")
    db.execute("ALTER TABLE fields ADD COLUMN note TEXT NOT NULL DEFAULT ''")


def _004_version_hash(db) -> None:
    """A hash of each version's snapshot, so an automatic version is not kept twice for the same content."""
    db.execute("ALTER TABLE versions ADD COLUMN hash TEXT")


def _005_dismissals(db) -> None:
    """请核实 reminders the clerk confirmed (这是对的), by a key that changes with what each judged."""
    db.execute(
        """CREATE TABLE dismissals (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            PRIMARY KEY (report_id, key)
        )"""
    )


STEPS: list[tuple[str, Callable]] = [
    ("001_reports_nodes_fields", _001_reports_nodes_fields),
    ("002_versions", _002_versions),
    ("003_departments_last_year_phrases", _003_departments_last_year_phrases),
    ("004_version_hash", _004_version_hash),
    ("005_dismissals", _005_dismissals),
]


def schema_version(steps=None) -> int:
    """Recorded as PRAGMA user_version: a store with a higher number was written by a newer ReportDesk."""
    return len(STEPS if steps is None else steps)


def _applied(conn: sqlite3.Connection) -> list[str]:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not has_table:
        return []
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])]


def pending(conn: sqlite3.Connection, steps=None) -> list[str]:
    """Names of the steps not applied yet, read without sqlite-utils."""
    steps = STEPS if steps is None else steps
    applied = set(_applied(conn))
    return [name for name, _ in steps if name not in applied]


def unknown(conn: sqlite3.Connection, steps=None) -> list[str]:
    """Applied steps this program does not know: the store was migrated by a newer ReportDesk."""
    known = {name for name, _ in (STEPS if steps is None else steps)}
    return [name for name in _applied(conn) if name not in known]


def apply(conn: sqlite3.Connection, steps=None) -> None:
    """Run every pending step, each in its own transaction together with its record."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in STEPS if steps is None else steps:
        migrations(name=name)(fn)
    migrations.apply(Database(conn))
