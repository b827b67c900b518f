"""The local store: every report in one SQLite file (存储).

Every logical edit is one transaction (``Store.atomic``); schema changes are
named migrations (``model.migrations``, applied by sqlite-utils), and the
database file is copied aside before any migration runs.  Everyday reads and
writes use the sqlite3 connection directly, so start-up does not pay for
loading sqlite-utils when the schema is current.  WAL with
``synchronous=FULL``: a killed process or a power cut loses at most the edit
that was being written.  Opening is ``model.store_open``'s: a file that is
not ours, read-only, busy or from a newer version is named, never written.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from model import migrations, store_open
from model.errors import (  # noqa: F401 - the store's errors are imported from here too
    MissingRowError,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreForeign,
    StoreReadOnly,
    StoreTooNew,
)
from model.report import Field, FieldKind, Node, NodeKind, NumberStyle, Report


@dataclass
class ReportSummary:
    id: int
    title: str
    year: int | None
    modified: str
    fields: int
    blanks: int


_GONE_NODE = ("这一段已不在报告中（可能已在另一个窗口中删除），修改未保存。请重新打开报告后再改。"
              " / The paragraph no longer exists; the change was not saved.")
_GONE_REPORT = ("这份报告已不在数据文件中（可能已在另一个窗口中删除），修改未保存。请重新打开报告。"
                " / The report no longer exists; the change was not saved.")


def migration_backup(path: Path, step: str) -> Path:
    """Where the copy taken before migration ``step`` goes: beside the daily backups."""
    return path.parent / "backups" / f"{path.stem}-before-{step}.db"


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Store:
    """All reports of one user, in one SQLite file (or ``:memory:`` for tests)."""

    def __init__(self, path: str | Path) -> None:
        self._savepoints = 0
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is None:
            self.conn = store_open.connect(":memory:")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            return
        store_open.prepare_folder(self.path)
        store_open.create_if_missing(self.path, self._build)
        store_open.check_file(self.path)
        try:
            self.conn = store_open.connect(self.path)
        except sqlite3.Error as exc:
            raise store_open.fault(exc, self.path) from exc
        try:
            store_open.check_ours(self.conn, self.path)  # reads only: nothing written to a stranger's file
            store_open.check_writable(self.path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.Error as exc:
            self.conn.close()
            raise store_open.fault(exc, self.path) from exc
        except BaseException:
            self.conn.close()
            raise

    @staticmethod
    def _build(conn: sqlite3.Connection) -> None:
        """A new store's schema, built under a temporary name before it is linked into place."""
        conn.row_factory = None  # sqlite-utils reads its rows by position
        migrations.apply(conn)
        conn.execute(f"PRAGMA user_version = {migrations.schema_version()}")

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def atomic(self, immediate: bool = False):
        """One transaction; nested blocks become savepoints of the outer one.

        ``immediate`` takes the write lock at BEGIN, so a read-then-write
        block (the first start's "is the sample there?") cannot race another
        process between its read and its write.

        A COMMIT that fails (busy, disk full, a deferred constraint) is rolled
        back, as sqlite-utils' own ``atomic()`` does: otherwise the transaction
        stays open and every later block would be a savepoint inside it that
        never reaches the disk.
        """
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    # -- opening -----------------------------------------------------------

    def _migrate(self) -> None:
        """Pending steps, after a copy of the store; under the write lock, so two commands never both apply one."""
        pending = migrations.pending(self.conn)
        if not pending:
            return
        if self.path is not None:
            self.backup(migration_backup(self.path, pending[0]))
        self.conn.row_factory = None  # sqlite-utils reads its rows by position
        try:
            with self.atomic(immediate=True):
                if migrations.pending(self.conn):
                    migrations.apply(self.conn)
                    self.conn.execute(f"PRAGMA user_version = {migrations.schema_version()}")
        finally:
            self.conn.row_factory = sqlite3.Row

    def backup(self, target: Path) -> Path:
        """A consistent copy of the whole database at ``target`` (written aside, then renamed)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.urandom(4).hex()}.tmp")
        dest = sqlite3.connect(str(tmp))
        try:
            self.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            dest.close()
        try:
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.atomic():
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, value])

    # -- reports -----------------------------------------------------------

    def list_reports(self) -> list[ReportSummary]:
        rows = self.conn.execute(
            """SELECT r.id, r.title, r.year, r.modified, COUNT(f.fid) AS fields,
                      SUM(CASE WHEN f.kind != 'change' AND (f.value IS NULL OR f.value = '') THEN 1 ELSE 0 END) AS blanks
               FROM reports r LEFT JOIN fields f ON f.report_id = r.id
               GROUP BY r.id ORDER BY r.modified DESC, r.id DESC"""
        ).fetchall()
        return [ReportSummary(r["id"], r["title"], r["year"], r["modified"], r["fields"], r["blanks"] or 0)
                for r in rows]

    def add_report(self, report: Report) -> int:
        """Store a whole report; sets ``report.id`` and every node's id."""
        now = _now()
        with self.atomic():
            cur = self.conn.execute(
                "INSERT INTO reports(title, year, organisation, level_styles, front_matter, created, modified)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [report.title, report.year, report.organisation,
                 json.dumps([str(s) for s in report.level_styles]),
                 json.dumps(report.front_matter, ensure_ascii=False), now, now],
            )
            report.id = cur.lastrowid
            self._insert_nodes(report.id, None, report.nodes)
        return report.id

    def insert_nodes(self, report_id: int, nodes: list[Node], parent_id: int | None = None) -> None:
        """Nodes with their children and fields under ``parent_id``; a node that has an id keeps it."""
        with self.atomic():
            self._insert_nodes(report_id, parent_id, nodes)

    def _insert_nodes(self, report_id: int, parent_id: int | None, nodes: list[Node]) -> None:
        for position, node in enumerate(nodes):
            self._insert_node(report_id, parent_id, position, node)
            self._insert_nodes(report_id, node.id, node.children)

    def _insert_node(self, report_id: int, parent_id: int | None, position: int, node: Node) -> None:
        """One node and its fields; a node that has an id keeps it (undo of a delete)."""
        cur = self.conn.execute(
            "INSERT INTO nodes(id, report_id, parent_id, position, kind, number_style, heading, body,"
            " department, last_heading, last_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [node.id, report_id, parent_id, position, str(node.kind),
             str(node.number_style) if node.number_style else None, node.heading, node.body,
             node.department, node.last_heading, node.last_body],
        )
        node.id = cur.lastrowid
        for f in node.fields:
            self._write_field(report_id, node.id, f)

    def _write_field(self, report_id: int, node_id: int, f: Field) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO fields(report_id, fid, node_id, kind, value, unit, label, source,"
            " precision, qualifier, last_value, basis, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report_id, f.fid, node_id, str(f.kind), f.value, f.unit, f.label, f.source,
             f.precision, f.qualifier, f.last_value, f.basis, f.note],
        )

    def load_report(self, report_id: int) -> Report:
        row = self.conn.execute(
            "SELECT id, title, year, organisation, level_styles, front_matter FROM reports WHERE id = ?",
            [report_id],
        ).fetchone()
        if row is None:
            raise StoreError(f"没有编号为 {report_id} 的报告。请用 list 查看已有报告。 / No report with id {report_id}.")
        report = Report(
            id=row["id"], title=row["title"], year=row["year"], organisation=row["organisation"],
            level_styles=[NumberStyle(s) for s in json.loads(row["level_styles"])],
            front_matter=json.loads(row["front_matter"]),
        )
        by_id: dict[int, Node] = {}
        children: dict[int | None, list[Node]] = {}
        for r in self.conn.execute(
            "SELECT id, parent_id, kind, number_style, heading, body, department, last_heading, last_body FROM nodes"
            " WHERE report_id = ? ORDER BY parent_id, position", [report_id]
        ):
            style = r["number_style"]
            node = Node(NodeKind(r["kind"]), r["heading"], r["body"], id=r["id"],
                        number_style=NumberStyle(style) if style else None, department=r["department"],
                        last_heading=r["last_heading"], last_body=r["last_body"])
            by_id[r["id"]] = node
            children.setdefault(r["parent_id"], []).append(node)
        for nid, node in by_id.items():
            node.children = children.get(nid, [])
        report.nodes = children.get(None, [])
        for r in self.conn.execute(
            "SELECT fid, node_id, kind, value, unit, label, source, precision, qualifier, last_value, basis, note"
            " FROM fields WHERE report_id = ? ORDER BY fid", [report_id]
        ):
            by_id[r["node_id"]].fields.append(
                Field(r["fid"], FieldKind(r["kind"]), r["value"], r["unit"], r["label"], r["source"],
                      r["precision"], r["qualifier"], r["last_value"], r["basis"], r["note"])
            )
        return report

    def delete_report(self, report_id: int) -> None:
        with self.atomic():
            self.conn.execute("DELETE FROM fields WHERE report_id = ?", [report_id])
            self.conn.execute("DELETE FROM nodes WHERE report_id = ?", [report_id])
            # a later report may get the same id: it must not inherit these versions
            self.conn.execute("DELETE FROM versions WHERE report_id = ?", [report_id])
            self.conn.execute("DELETE FROM reports WHERE id = ?", [report_id])

    def save_report_info(self, report: Report) -> None:
        """Title, year, organisation and numbering styles of a stored report."""
        with self.atomic():
            cur = self.conn.execute(
                "UPDATE reports SET title = ?, year = ?, organisation = ?, level_styles = ?,"
                " front_matter = ?, modified = ? WHERE id = ?",
                [report.title, report.year, report.organisation,
                 json.dumps([str(s) for s in report.level_styles]),
                 json.dumps(report.front_matter, ensure_ascii=False), _now(), report.id],
            )
            if cur.rowcount == 0:
                raise MissingRowError(_GONE_REPORT)

    # -- confirmed reminders (这是对的) ----------------------------------------

    def dismissed_keys(self, report_id: int) -> set[str]:
        """The keys of the 请核实 reminders the clerk confirmed in ``report_id`` (``model.checks.dismissal_key``)."""
        return {r["key"] for r in self.conn.execute("SELECT key FROM dismissals WHERE report_id = ?", [report_id])}

    def set_dismissed(self, report_id: int, rows: list[tuple[str, str, str]], dismissed: bool = True) -> None:
        """Confirm (or, ``dismissed`` False, take back) reminders given as (key, kind, message): one transaction."""
        with self.atomic():
            if self.conn.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone() is None:
                raise MissingRowError(_GONE_REPORT)
            if dismissed:
                self.conn.executemany("INSERT OR REPLACE INTO dismissals(report_id, key, kind, message, created)"
                                      " VALUES (?, ?, ?, ?, ?)", [[report_id, *row, _now()] for row in rows])
            else:
                self.conn.executemany("DELETE FROM dismissals WHERE report_id = ? AND key = ?",
                                      [[report_id, key] for key, _, _ in rows])

    # -- edits ---------------------------------------------------------------

    def save_node(self, report_id: int, node: Node) -> None:
        """One node's heading, body, department and fields, as one transaction (typing, merging, splitting)."""
        with self.atomic():
            cur = self.conn.execute(
                "UPDATE nodes SET heading = ?, body = ?, kind = ?, number_style = ?, department = ?"
                " WHERE id = ? AND report_id = ?",
                [node.heading, node.body, str(node.kind),
                 str(node.number_style) if node.number_style else None, node.department, node.id, report_id],
            )
            if cur.rowcount == 0:
                raise MissingRowError(_GONE_NODE)
            keep = [f.fid for f in node.fields]
            self.conn.execute(
                f"DELETE FROM fields WHERE node_id = ? AND fid NOT IN ({','.join('?' * len(keep))})",
                [node.id, *keep],
            )
            for f in node.fields:
                self._write_field(report_id, node.id, f)
            self._touch(report_id)

    def save_field(self, report_id: int, node_id: int, f: Field) -> None:
        """One field's value, unit, label or last year's value."""
        self.save_fields(report_id, [(node_id, f)])

    def save_fields(self, report_id: int, fields: list[tuple[int, Field]]) -> None:
        """Fields of one or more nodes, given as (node id, field), in one block: each node is checked
        once and the report touched once (a paste of 100 cells wrote five statements a field)."""
        with self.atomic():
            for node_id in dict.fromkeys(node_id for node_id, _f in fields):
                if self.conn.execute("SELECT 1 FROM nodes WHERE id = ? AND report_id = ?",
                                     [node_id, report_id]).fetchone() is None:
                    raise MissingRowError(_GONE_NODE)
            for node_id, f in fields:
                self._write_field(report_id, node_id, f)
            self._touch(report_id)

    def save_structure(self, report: Report) -> None:
        """The tree's shape after an add, move, delete, indent or outdent, as one transaction.

        New nodes (``id`` None) are inserted, vanished ones deleted, and the
        parent, position and kind of the nodes whose shape changed rewritten.
        """
        with self.atomic():
            if self.conn.execute("SELECT 1 FROM reports WHERE id = ?", [report.id]).fetchone() is None:
                raise MissingRowError(_GONE_REPORT)
            stored = {r["id"]: tuple(r)[1:] for r in self.conn.execute(
                "SELECT id, parent_id, position, kind, number_style FROM nodes WHERE report_id = ?", [report.id])}
            seen: set[int] = set()

            def visit(parent_id: int | None, nodes: list[Node]) -> None:
                for position, node in enumerate(nodes):
                    if node.id is None or node.id not in stored:
                        self._insert_node(report.id, parent_id, position, node)
                    else:  # only what moved is written (its text and fields are written by their own edits)
                        shape = (parent_id, position, str(node.kind),
                                 str(node.number_style) if node.number_style else None)
                        if stored[node.id] != shape:
                            self.conn.execute("UPDATE nodes SET parent_id = ?, position = ?, kind = ?,"
                                              " number_style = ? WHERE id = ?", [*shape, node.id])
                    seen.add(node.id)
                    visit(node.id, node.children)

            visit(None, report.nodes)
            gone = sorted(stored.keys() - seen)
            if gone:
                marks = ",".join("?" * len(gone))
                self.conn.execute(f"DELETE FROM fields WHERE node_id IN ({marks})", gone)
                self.conn.execute(f"DELETE FROM nodes WHERE id IN ({marks})", gone)
            self._touch(report.id)

    def _touch(self, report_id: int) -> None:
        self.conn.execute("UPDATE reports SET modified = ? WHERE id = ?", [_now(), report_id])
