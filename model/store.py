"""The local store: every report in one SQLite file (存储).

Every logical edit is one transaction (``Store.atomic``); schema changes are
named migrations (``model.migrations``, applied by sqlite-utils), and the
database file is copied aside before any migration runs.  Everyday reads and
writes use the sqlite3 connection directly, so start-up does not pay for
loading sqlite-utils when the schema is current.  WAL with
``synchronous=FULL``: a killed process or a power cut loses at most the edit
that was being written.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from model import migrations
from model.report import Field, FieldKind, Node, NodeKind, NumberStyle, Report


class StoreError(Exception):
    """The store cannot be used; the message says what happened and what to do."""


@dataclass
class ReportSummary:
    id: int
    title: str
    year: int | None
    modified: str
    fields: int
    blanks: int


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Store:
    """All reports of one user, in one SQLite file (or ``:memory:`` for tests)."""

    def __init__(self, path: str | Path) -> None:
        self._savepoints = 0
        self.path = Path(path) if str(path) != ":memory:" else None
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), isolation_level=None)
            self._check_integrity()
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path is not None:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"数据文件已损坏或无法打开（{path}）：{exc}。请将该文件移走后重新打开，"
                f"程序会新建数据文件；损坏的文件请交技术人员恢复。"
                f" / The data file is damaged or cannot be opened."
            ) from exc
        except OSError as exc:
            raise StoreError(
                f"无法创建数据文件夹（{path}）：{exc.strerror}。请检查磁盘空间和权限。"
                f" / Cannot create the data folder."
            ) from exc

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def atomic(self):
        """One transaction; nested blocks become savepoints of the outer one."""
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
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- opening -----------------------------------------------------------

    def _check_integrity(self) -> None:
        row = self.conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise sqlite3.DatabaseError(row[0] if row else "quick_check gave no answer")

    def _migrate(self) -> None:
        pending = migrations.pending(self.conn)
        if not pending:
            return
        has_tables = self.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if self.path is not None and has_tables:
            self.backup(self.path.with_name(f"{self.path.name}.before-{pending[0]}.bak"))
        migrations.apply(self.conn)

    def backup(self, target: Path) -> Path:
        """A consistent copy of the whole database at ``target`` (written aside, then renamed)."""
        tmp = target.with_name(target.name + ".tmp")
        dest = sqlite3.connect(str(tmp))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        tmp.replace(target)
        return target

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.atomic():
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, value])

    # -- reports -----------------------------------------------------------

    def list_reports(self) -> list[ReportSummary]:
        rows = self.conn.execute(
            """SELECT r.id, r.title, r.year, r.modified,
                      COUNT(f.fid), SUM(CASE WHEN f.value IS NULL OR f.value = '' THEN 1 ELSE 0 END)
               FROM reports r LEFT JOIN fields f ON f.report_id = r.id
               GROUP BY r.id ORDER BY r.modified DESC, r.id DESC"""
        ).fetchall()
        return [ReportSummary(r[0], r[1], r[2], r[3], r[4], r[5] or 0) for r in rows]

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

    def _insert_nodes(self, report_id: int, parent_id: int | None, nodes: list[Node]) -> None:
        for position, node in enumerate(nodes):
            self._insert_node(report_id, parent_id, position, node)
            self._insert_nodes(report_id, node.id, node.children)

    def _insert_node(self, report_id: int, parent_id: int | None, position: int, node: Node) -> None:
        """One node and its fields; a node that has an id keeps it (undo of a delete)."""
        cur = self.conn.execute(
            "INSERT INTO nodes(id, report_id, parent_id, position, kind, number_style, heading, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [node.id, report_id, parent_id, position, str(node.kind),
             str(node.number_style) if node.number_style else None, node.heading, node.body],
        )
        node.id = cur.lastrowid
        for f in node.fields:
            self._write_field(report_id, node.id, f)

    def _write_field(self, report_id: int, node_id: int, f: Field) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO fields(report_id, fid, node_id, kind, value, unit, label, source,"
            " precision, qualifier, last_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report_id, f.fid, node_id, str(f.kind), f.value, f.unit, f.label, f.source,
             f.precision, f.qualifier, f.last_value],
        )

    def load_report(self, report_id: int) -> Report:
        row = self.conn.execute(
            "SELECT id, title, year, organisation, level_styles, front_matter FROM reports WHERE id = ?",
            [report_id],
        ).fetchone()
        if row is None:
            raise StoreError(f"没有编号为 {report_id} 的报告。请用 list 查看已有报告。 / No report with id {report_id}.")
        report = Report(
            id=row[0], title=row[1], year=row[2], organisation=row[3],
            level_styles=[NumberStyle(s) for s in json.loads(row[4])],
            front_matter=json.loads(row[5]),
        )
        by_id: dict[int, Node] = {}
        children: dict[int | None, list[Node]] = {}
        for nid, parent, kind, style, heading, body in self.conn.execute(
            "SELECT id, parent_id, kind, number_style, heading, body FROM nodes"
            " WHERE report_id = ? ORDER BY parent_id, position", [report_id]
        ):
            node = Node(NodeKind(kind), heading, body, id=nid,
                        number_style=NumberStyle(style) if style else None)
            by_id[nid] = node
            children.setdefault(parent, []).append(node)
        for nid, node in by_id.items():
            node.children = children.get(nid, [])
        report.nodes = children.get(None, [])
        for fid, node_id, kind, value, unit, label, source, precision, qualifier, last in self.conn.execute(
            "SELECT fid, node_id, kind, value, unit, label, source, precision, qualifier, last_value"
            " FROM fields WHERE report_id = ? ORDER BY fid", [report_id]
        ):
            by_id[node_id].fields.append(
                Field(fid, FieldKind(kind), value, unit, label, source, precision, qualifier, last)
            )
        return report

    def delete_report(self, report_id: int) -> None:
        with self.atomic():
            self.conn.execute("DELETE FROM fields WHERE report_id = ?", [report_id])
            self.conn.execute("DELETE FROM nodes WHERE report_id = ?", [report_id])
            self.conn.execute("DELETE FROM reports WHERE id = ?", [report_id])

    def save_report_info(self, report: Report) -> None:
        """Title, year, organisation and numbering styles of a stored report."""
        with self.atomic():
            self.conn.execute(
                "UPDATE reports SET title = ?, year = ?, organisation = ?, level_styles = ?,"
                " front_matter = ?, modified = ? WHERE id = ?",
                [report.title, report.year, report.organisation,
                 json.dumps([str(s) for s in report.level_styles]),
                 json.dumps(report.front_matter, ensure_ascii=False), _now(), report.id],
            )

    # -- edits ---------------------------------------------------------------

    def save_node(self, report_id: int, node: Node) -> None:
        """One node's heading, body and fields, as one transaction (typing, merging, splitting)."""
        with self.atomic():
            self.conn.execute(
                "UPDATE nodes SET heading = ?, body = ?, kind = ?, number_style = ? WHERE id = ?",
                [node.heading, node.body, str(node.kind),
                 str(node.number_style) if node.number_style else None, node.id],
            )
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
        with self.atomic():
            self._write_field(report_id, node_id, f)
            self._touch(report_id)

    def save_structure(self, report: Report) -> None:
        """The tree's shape after an add, move, delete, indent or outdent, as one transaction.

        New nodes (``id`` None) are inserted, vanished ones deleted, and every
        node's parent and position rewritten.
        """
        with self.atomic():
            stored = {r[0] for r in self.conn.execute("SELECT id FROM nodes WHERE report_id = ?", [report.id])}
            seen: set[int] = set()

            def visit(parent_id: int | None, nodes: list[Node]) -> None:
                for position, node in enumerate(nodes):
                    if node.id is None or node.id not in stored:
                        self._insert_node(report.id, parent_id, position, node)
                    else:
                        self.conn.execute(
                            "UPDATE nodes SET parent_id = ?, position = ?, kind = ?, number_style = ?"
                            " WHERE id = ?",
                            [parent_id, position, str(node.kind),
                             str(node.number_style) if node.number_style else None, node.id],
                        )
                        for f in node.fields:
                            self._write_field(report.id, node.id, f)
                    seen.add(node.id)
                    visit(node.id, node.children)

            visit(None, report.nodes)
            gone = sorted(stored - seen)
            if gone:
                marks = ",".join("?" * len(gone))
                self.conn.execute(f"DELETE FROM fields WHERE node_id IN ({marks})", gone)
                self.conn.execute(f"DELETE FROM nodes WHERE id IN ({marks})", gone)
            self._touch(report.id)

    def _touch(self, report_id: int) -> None:
        self.conn.execute("UPDATE reports SET modified = ? WHERE id = ?", [_now(), report_id])
