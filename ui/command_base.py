"""The two kinds of undo command the others are made of (撤销的基础).

``SessionCommand``: one change through the session, written as one
transaction, never raising; a command whose target is gone makes itself
obsolete.  ``MacroCommand``: several commands as one step and one transaction.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from model.report import Node, Report
from ui.session import ReportSession, TargetGone


class SessionCommand(QUndoCommand):
    """A command whose redo and undo are each written as one transaction, and never raise.

    ``_alive`` says whether the command's targets are still there; when they
    are not (or the session says so with TargetGone) the command is obsolete.
    After its first redo, every undo and redo first asks the window to show
    what it changes (``_reveal``).
    """

    def __init__(self, session: ReportSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.report: Report | None = session.report
        self._done = False

    def redo(self) -> None:
        self._run(self._redo, undoing=False)

    def undo(self) -> None:
        self._run(self._undo, undoing=True)

    def _run(self, step, undoing: bool, batched: bool = True) -> None:
        if self.session.report is not self.report or not self._alive(undoing):
            self.setObsolete(True)
            return
        if self._done:
            self._reveal()
        self._done = True
        try:
            if not batched:
                step()
                return
            with self.session.batch():
                step()
        except TargetGone:
            self.setObsolete(True)

    def _contains(self, *nodes: Node | None) -> bool:
        return all(n is None or self.session.model.contains(n) for n in nodes)

    def _alive(self, undoing: bool) -> bool:
        return True

    def _reveal(self) -> None:
        """Show the clerk where an undo or redo happens (text and fields: their node)."""

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class MacroCommand(QUndoCommand):
    """Several commands as one step in the undo list, and one transaction in the store.

    The commands are held in a Python list rather than as Qt children, so
    their Python halves live exactly as long as the macro.
    """

    def __init__(self, session: ReportSession, text: str, commands: list[QUndoCommand]) -> None:
        super().__init__(text)
        self.session = session
        self.commands = commands

    def childCount(self) -> int:  # noqa: N802 - Qt's name
        return len(self.commands)

    def redo(self) -> None:
        with self.session.batch():
            for command in self.commands:
                command.redo()
        self._obsolete_if_all_are()

    def undo(self) -> None:
        with self.session.batch():
            for command in reversed(self.commands):
                command.undo()
        self._obsolete_if_all_are()

    def _obsolete_if_all_are(self) -> None:
        if self.commands and all(c.isObsolete() for c in self.commands):
            self.setObsolete(True)
