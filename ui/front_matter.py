"""The 文前 row's editor: the report's front matter, one line per line, as one undoable step (文前).

Front matter is ``Report.front_matter`` (来源, speaker, date, salutation), shown
as the tree's top row by ``OutlineModel(show_front=True)``; F2 or a double
click on that row opens this dialog, and what it gives back goes through the
session's undo stack like any other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.command_base import SessionCommand
from ui.session import ReportSession


def _tr(text: str) -> str:
    return QCoreApplication.translate("FrontMatter", text)


class SetFrontMatterCommand(SessionCommand):
    """The front matter's lines replaced at once (Ctrl+Z gives the old lines back)."""

    def __init__(self, session: ReportSession, lines: list[str]) -> None:
        super().__init__(session, _tr("修改文前内容"))
        self.new = list(lines)
        self.old = list(session.report.front_matter)

    def _redo(self) -> None:
        self.session.set_front_matter(self.new)

    def _undo(self) -> None:
        self.session.set_front_matter(self.old)


class FrontMatterDialog(QDialog):
    """One line per front-matter line; empty lines are dropped."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("文前内容"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("每行一项。来源、讲话人、日期居中印在标题下；“同志们：”等称呼顶格印在正文前。"), self))
        self.text = QPlainTextEdit("\n".join(lines), self)
        self.text.setMinimumSize(420, 160)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.toPlainText().split("\n") if line.strip()]


def edit_front_matter(window) -> None:
    """Open the 文前 editor for the main window's report (its ``session`` and ``editor``);
    a change becomes one command."""
    session = window.session
    if session.report is None:
        return
    dialog = FrontMatterDialog(session.report.front_matter, window)
    if dialog.exec() == QDialog.Accepted and dialog.lines() != session.report.front_matter:
        window.editor.flush()
        session.undo_stack.push(SetFrontMatterCommand(session, dialog.lines()))
