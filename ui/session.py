"""The open report and its saving (编辑会话): every edit reaches SQLite within a second.

The session owns the store, the current report, its outline model and the
ONE undo stack: every change the clerk makes is a command on it (ui/commands.py)
that calls the methods below.  Each change marks what must be written; a
logical edit (a command, a macro of commands) is written as ONE transaction
when it ends.  Typing is the exception that keeps typing fast: the writes of a
burst are coalesced, at most ``SAVE_DELAY_MS`` after its first keystroke.
``saved`` is said only after a COMMIT succeeded; when a write fails (disk full,
database locked, a row gone) the edit stays in memory, the clerk is told once,
and the write is retried, by a timer and with the next edit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from model.errors import MissingRowError, StoreError
from model.report import Field, Node, NodeKind, Report, Value
from model.store import Store
from ui.outline_model import OutlineModel
from ui.qt_chinese import chinese_only

FIELD_ATTRIBUTES = ("value", "qualifier", "unit", "label", "last_value", "precision", "note")
SAVE_DELAY_MS = 300      # typing: the burst's writes go out together, this long after its first key
RETRY_MS = 2000          # a failed write is tried again this long after


class TargetGone(KeyError):
    """The node or field a change is meant for is no longer in the report (its command is obsolete)."""


@dataclass(frozen=True)
class ReportInfo:
    """What 报告信息 edits: the report's title, year and organisation."""

    title: str
    year: int | None
    organisation: str

    @classmethod
    def of(cls, report: Report) -> ReportInfo:
        return cls(report.title, report.year, report.organisation)


class ReportSession(QObject):
    """One stored report being edited; commands and the editor change it only through here."""

    saved = Signal(str)              # the time of the save, "10:32:05"
    save_failed = Signal(str)        # once per run of failures: what happened and what to do
    report_opened = Signal()         # another report (or none) is now open
    info_changed = Signal()
    structure_changed = Signal()
    fields_changed = Signal(list)         # [(node, fid)] of one batch (a macro), once at its end
    text_changed = Signal(object)         # node: its heading, body or fields were set
    reveal = Signal(object)               # node: an undo or redo changed it, show it to the clerk
    department_changed = Signal(object)   # node (its children may inherit the department)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report: Report | None = None
        self.model = OutlineModel(parent=self, show_front=True)
        self.undo_stack = QUndoStack(self)
        self._pending: dict[tuple, Callable[[], None] | _FieldWrite] = {}  # a field: its write, made with the others
        self._changed: dict[tuple[int, int], tuple[Node, int]] = {}  # fields set in this batch, for fields_changed
        self._batch_depth = 0
        self._reveal_last: Node | None = None  # the node reveal_field names last inside a batch
        self._failing = False
        self._fid_floor = 1
        self._save_timer = _single_shot(self, SAVE_DELAY_MS, self.flush)
        self._retry_timer = _single_shot(self, RETRY_MS, self.flush)

    # -- opening ---------------------------------------------------------------

    def open_report(self, report_id: int | None) -> bool:
        """Load a stored report (None: close the current one); False while the current one's edits cannot be saved.

        The current report then stays open, its edits pending: switching would lose them.
        """
        if not self.flush():
            return False
        report = self.store.load_report(report_id) if report_id is not None else None
        self.undo_stack.clear()
        self.report = report
        self._fid_floor = report.next_fid() if report else 1
        self.model.set_report(report)
        self.report_opened.emit()
        return True

    def replace_store(self, store: Store, report_id: int | None) -> None:
        """Work on another store from now on (a backup put in place); the old one is the caller's to close."""
        self._pending.clear()
        self._failing = False
        self.store = store
        self.open_report(report_id)

    def next_fid(self) -> int:
        """A field id never used in this report, also not by a deleted node that undo may restore."""
        if self.report is None:
            return self._fid_floor
        fid = max(self.report.next_fid(), self._fid_floor)
        self._fid_floor = fid + 1
        return fid

    # -- changes the commands make ---------------------------------------------------

    def insert_node(self, parent: Node | None, row: int, node: Node) -> None:
        """Put a new or deleted node (with its fields) into the tree; it gets fresh store ids."""
        for n in node.walk():
            n.id = None
        self.model.insert_node(parent, row, node)
        self._structure_edited()

    def remove_node(self, node: Node) -> tuple[Node | None, int]:
        fids = [f.fid for n in node.walk() for f in n.fields]
        self._fid_floor = max([self._fid_floor, *(f + 1 for f in fids)])
        where = self.model.remove_node(node)
        self._structure_edited()
        return where

    def move_node(self, node: Node, parent: Node | None, row: int) -> None:
        self.model.move_node(node, parent, row)
        self._structure_edited()

    def set_kinds(self, kinds: list[tuple[Node, NodeKind]]) -> None:
        for node, kind in kinds:
            if node.kind is not kind:
                node.kind = kind
                self.model.refresh_node(node)
        self.model.renumber()
        self._structure_edited()

    def set_field_attr(self, node: Node, fid: int, attribute: str, value: Value) -> Value:
        """Set one attribute of one field; the previous value, for undo."""
        if attribute not in FIELD_ATTRIBUTES:
            raise ValueError(f"unknown field attribute {attribute!r}")
        f = node.field_by_id(fid) if self.model.contains(node) else None
        if f is None:
            raise TargetGone(fid)
        old = getattr(f, attribute)
        setattr(f, attribute, value)
        self._mark(("field", id(node), fid), _FieldWrite(node, fid))
        self._changed[(id(node), fid)] = (node, fid)  # its tree row is redrawn once, at the batch's end
        self._announce_unless_batched()
        self._flush_unless_batched()
        return old

    def set_department(self, node: Node, department: str) -> str:
        """Set a node's own department ("": inherit its parent's); the previous one, for undo."""
        old = node.department
        node.department = department
        self._mark(("node", id(node)), lambda: self._write_node(node))
        self.department_changed.emit(node)
        self._flush_unless_batched()
        return old

    def rewrite_node(self, node: Node, heading: str, body: str, fields: list) -> None:
        """``set_text`` for a change that is not typing (a phrase bound or unbound): fields are read again."""
        changed = [f.fid for f in fields] != [f.fid for f in node.fields]
        self.set_text(node, heading, body, fields)
        for f in fields:
            self._changed[(id(node), f.fid)] = (node, f.fid)
        self._announce_unless_batched()
        if changed:
            self.structure_changed.emit()  # a field came or went: lists of fields are read again
        self._flush_unless_batched()

    def set_info(self, info: ReportInfo) -> ReportInfo:
        report = self.report
        old = ReportInfo.of(report)
        report.title, report.year, report.organisation = info.title, info.year, info.organisation
        self._mark(("info",), lambda: self.store.save_report_info(report))
        self.info_changed.emit()
        self._flush_unless_batched()
        return old

    def set_front_matter(self, lines: list[str]) -> list[str]:
        """The report's front matter (文前, stored with the report's info); the previous lines, for undo."""
        report = self.report
        old, report.front_matter = list(report.front_matter), list(lines)
        self._mark(("info",), lambda: self.store.save_report_info(report))
        self.model.refresh_front()
        self.info_changed.emit()
        self._flush_unless_batched()
        return old

    def set_text(self, node: Node, heading: str, body: str,
                 fields: list[Field]) -> tuple[str, str, list[Field]]:
        """A node's heading, body and fields at once; the previous ones, for undo.

        Outside a batch the write is coalesced (typing); inside one it goes
        with the batch's transaction.
        """
        if self.report is None or not self.model.contains(node):
            raise TargetGone(node.id)
        old = (node.heading, node.body, list(node.fields))
        kept = {f.fid for f in fields}
        self._fid_floor = max([self._fid_floor, *(f.fid + 1 for f in old[2] if f.fid not in kept)])
        node.heading, node.body = heading, body
        node.fields[:] = fields
        self._mark(("node", id(node)), lambda: self._write_node(node))
        self.model.refresh_node(node)
        self.text_changed.emit(node)
        if self._batch_depth == 0 and not self._save_timer.isActive():
            self._save_timer.start()
        return old

    def replace_content(self, content: Report) -> Report:
        """The whole report becomes ``content`` (restoring a version), in one transaction; the old content.

        The old content keeps the very Node objects the report had, so putting
        it back (undo) lets earlier commands find their nodes again.
        """
        from model.versions import replace_report_content

        report = self.report
        if not self.flush():
            raise StoreError(self.tr("还有未保存的修改，暂不能恢复版本。请稍后再试。"))
        old = report.replace(nodes=list(report.nodes))
        replace_report_content(self.store, report.id, content)
        for name in Report.__match_args__:
            if name != "id":
                setattr(report, name, getattr(content, name))
        report.nodes = list(content.nodes)
        self._fid_floor = max(self._fid_floor, old.next_fid(), report.next_fid())
        self.model.set_report(report)
        self.report_opened.emit()
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        return old

    def keep_version(self, reason: str, note: str = "") -> int | None:
        """Keep the report as it is now as a version (版本); None (and the clerk told) when it cannot be written."""
        from model.versions import save_version

        if self.report is None:
            return None
        self.flush()
        try:
            return save_version(self.store, self.report, note, reason)
        except (sqlite3.Error, StoreError, OSError) as exc:
            self.save_failed.emit(self.tr("未能保存版本：{error}。报告本身不受影响；请检查磁盘空间。"
                                          ).format(error=exc))
            return None

    # -- writing -------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Everything changed inside is written as one transaction at the end."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._reveal_last is not None:
                node, self._reveal_last = self._reveal_last, None
                if self.model.contains(node):
                    self.reveal.emit(node)
            self._announce_unless_batched()
            self._flush_unless_batched()

    def reveal_field(self, node: Node) -> None:
        """Show ``node``, one of whose fields an undo or redo is setting. Inside a batch (a paste of many
        cells undone), only the last node named is shown, once, at the batch's end: it is where showing
        each in turn ended, and each showing loaded the node into the editor (18 for a 100-cell paste)."""
        if self._batch_depth:
            self._reveal_last = node
        else:
            self.reveal.emit(node)

    def has_unsaved(self) -> bool:
        return bool(self._pending)

    def flush(self) -> bool:
        """Write what is pending in one transaction; False (and the edits kept) when it fails."""
        self._save_timer.stop()
        self._retry_timer.stop()
        if not self._pending or self.report is None:
            self._pending.clear()
            return True
        report = self.report
        unsaved = [n for n in report.walk() if n.id is None] if ("structure",) in self._pending else []
        ops = sorted(self._pending.items(), key=lambda kv: _ORDER[kv[0][0]])
        try:
            with self.store.atomic():
                for kind, group in groupby(ops, key=lambda kv: kv[0][0]):
                    if kind == "field":  # every field in one store call
                        self._write_fields([write for _, write in group])
                    else:
                        for _, op in group:
                            op()
            if self.store.conn.in_transaction:  # our COMMIT was only a savepoint of a dead transaction
                raise StoreError("事务未能提交 / the transaction was not committed")
        except (sqlite3.Error, StoreError, OSError) as exc:
            for n in unsaved:  # the rolled-back insert gave them ids that are not stored
                n.id = None
            if isinstance(exc, MissingRowError):  # a row deleted behind our back: write the tree again
                self._mark(("structure",), lambda: self.store.save_structure(report))
            self._report_failure(exc)
            self._retry_timer.start()
            return False
        self._pending.clear()
        self._failing = False
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        return True

    def _structure_edited(self) -> None:
        report = self.report
        self._mark(("structure",), lambda: self.store.save_structure(report))
        self.structure_changed.emit()
        self._flush_unless_batched()

    def _mark(self, key: tuple, op: Callable[[], None] | _FieldWrite) -> None:
        self._pending[key] = op

    def _announce_unless_batched(self) -> None:
        """The fields set in a batch: each node's tree row redrawn once, then ONE fields_changed."""
        if self._batch_depth or not self._changed:
            return
        changed, self._changed = list(self._changed.values()), {}
        for node in {id(n): n for n, _ in changed}.values():
            self.model.refresh_node(node)
        self.fields_changed.emit(changed)

    def _flush_unless_batched(self) -> None:
        if self._batch_depth == 0:
            self.flush()

    def _write_node(self, node: Node) -> None:
        """A node's text; one no longer in the tree is not written (its delete is)."""
        if node.id is not None and self.model.contains(node):
            self.store.save_node(self.report.id, node)

    def _write_fields(self, writes: list[_FieldWrite]) -> None:
        """The fields set since the last write; one whose node is no longer in the tree is not written."""
        fields = []
        for w in writes:
            f = w.node.field_by_id(w.fid)
            if f is not None and w.node.id is not None and self.model.contains(w.node):
                fields.append((w.node.id, f))
        if fields:
            self.store.save_fields(self.report.id, fields)

    @property
    def retrying(self) -> bool:
        """A write failed and the edit waits in memory for the next try (the status bar says so)."""
        return self._failing

    def _report_failure(self, exc: Exception) -> None:
        if self._failing:
            return
        self._failing = True
        self.save_failed.emit(self.tr(
            "保存失败：{error}。您的修改仍保留在程序中，下次修改时会自动重试；"
            "请检查磁盘空间，或关闭正在使用数据文件的其他程序。"
        ).format(error=chinese_only(str(exc))))


_ORDER = {"structure": 0, "node": 1, "field": 2, "info": 3}


class _FieldWrite:
    """A pending write of one field: ``flush`` hands all of them to the store at once."""

    __slots__ = ("node", "fid")

    def __init__(self, node: Node, fid: int) -> None:
        self.node, self.fid = node, fid


def _single_shot(parent: QObject, ms: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
