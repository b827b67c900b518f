"""Ctrl+V, or 粘贴 in its context menu, in a table cell's editor takes a spreadsheet cell as the cell's
text (粘贴单元格).

Excel, WPS and LibreOffice put a copied cell on the clipboard with a line
end after it, and a cell holding a line break in quotes; a line editor takes
all of it ("1350\\r\\n", "\\"第一行\\n第二行\\"\\r\\n").  Here the cell's own text
is inserted, as a spreadsheet does when a cell is being edited.
"""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QWidget


def cell_text(text: str) -> str:
    """A copied cell's own text; a block of several cells on one line, separated by spaces."""
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))
    while rows and rows[-1] in ([], [""]):
        rows.pop()
    return " ".join(" ".join(row) for row in rows).strip()


def paste_cell(editor: QLineEdit) -> None:
    editor.insert(cell_text(QGuiApplication.clipboard().text()))


class _PasteCell(QObject):
    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(editor, QLineEdit):
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Paste):
            paste_cell(editor)
            return True
        if event.type() == QEvent.Type.ContextMenu:  # a QContextMenuEvent (naming its type costs 1.5 ms at start-up)
            menu = editor.createStandardContextMenu()  # Qt's own menu, in Chinese; its 粘贴 pastes the cell
            paste = menu.findChild(QAction, "edit-paste")
            if paste is not None:
                paste.triggered.disconnect()
                paste.triggered.connect(lambda: paste_cell(editor))
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(event.globalPos())
            return True
        return False


class CellDelegate(QStyledItemDelegate):
    """The item delegate whose line editors paste a spreadsheet cell as its text."""

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: N802 - Qt's name
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.installEventFilter(_PasteCell(editor))
        return editor
