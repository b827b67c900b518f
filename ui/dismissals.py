"""这是对的: the clerk confirms a 请核实 reminder and does not see it again until what it judged changes.

A confirmation is stored with the report (``Store.set_dismissed``, one
transaction) and is one step of the session's undo history
(``DismissCommand``).  The check lists (the 检查 dock and the dialog before
export and print) ask ``Dismissals`` which reminders are confirmed and hear
``changed`` after each write, its undo and its redo.  必须处理 problems are
never confirmed: ``Problem.dismissable`` says which are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from model.checks import dismissal_rows
from model.errors import StoreError
from ui.command_base import SessionCommand
from ui.qt_chinese import chinese_only
from ui.session import ReportSession


class Dismissals(QObject):
    """The open report's confirmed reminders, read from the store and changed through undoable commands."""

    changed = Signal()

    def __init__(self, session: ReportSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def keys(self) -> set[str]:
        """The keys (``Problem.key``) of the confirmed reminders; none while no stored report is open."""
        report = self.session.report
        if report is None or report.id is None:
            return set()
        try:
            return self.session.store.dismissed_keys(report.id)
        except sqlite3.Error:
            return set()  # a store that cannot be read shows every reminder: nothing is hidden by mistake

    def dismiss(self, problems: Iterable) -> None:
        """这是对的 on each dismissable problem, as one undo step."""
        self._push([p for p in problems if p.dismissable and not p.dismissed], True)

    def restore(self, problems: Iterable) -> None:
        """Show each confirmed problem again, as one undo step."""
        self._push([p for p in problems if p.dismissable and p.dismissed], False)

    def _push(self, problems: list, dismissed: bool) -> None:
        if problems and self.session.report is not None:
            self.session.undo_stack.push(DismissCommand(self, problems, dismissed))


class DismissCommand(SessionCommand):
    """Confirm (or restore) some 请核实 reminders: one transaction each way, never raising."""

    def __init__(self, dismissals: Dismissals, problems: list, dismissed: bool) -> None:
        text = (dismissals.tr("确认无误（{n} 项）") if dismissed else dismissals.tr("恢复提醒（{n} 项）")).format(
            n=len(problems))
        super().__init__(dismissals.session, text)
        self.dismissals = dismissals
        self.rows = dismissal_rows(problems)  # the problems were filtered to dismissable ones
        self.dismissed = dismissed

    def _redo(self) -> None:
        self._write(self.dismissed)

    def _undo(self) -> None:
        self._write(not self.dismissed)

    def _write(self, dismissed: bool) -> None:
        try:
            self.session.store.set_dismissed(self.report.id, self.rows, dismissed)
        except (sqlite3.Error, StoreError) as exc:
            self.setObsolete(True)  # the store did not change: this step must not stay in the history
            self.session.save_failed.emit(self.dismissals.tr(
                "未能保存“这是对的”：{error}。提醒仍照常列出；请检查磁盘空间，或关闭正在使用数据文件的其他程序后重试。"
            ).format(error=chinese_only(str(exc))))
            return
        self.session.saved.emit(datetime.now().strftime("%H:%M:%S"))  # committed: 已保存, and the lists refresh
        self.dismissals.changed.emit()
