"""How a cell of 所有指标 is drawn and edited: most cells painted by us, in one call each.

Qt's own item paint asks the model seven roles per cell through Python and
lays each text out three times (its size, its elision, its drawing): a
screen of 30 rows × 9 columns took ~40 ms after a filter or a paste.  A plain
cell (not current, one line) is painted here as Qt paints it —
the same background, ink, font, margins and elision, pixel for pixel
(tests/test_ui_grid_paint.py compares the two) — from ONE call to the model
(``FieldsGridModel.look``), its text drawn by ui.plain_paint; selected cells
too (a pasted block stays selected).  The current cell, and any text of
several lines, still go through Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLineEdit,
    QStyleOptionViewItem,
    QWidget,
)

from ui.cell_paste import CellDelegate
from ui.plain_paint import PlainText

_BACKGROUND, _FOREGROUND, _FONT = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                                   Qt.ItemDataRole.FontRole)


class GridDelegate(CellDelegate):
    """Plain cells painted in one call; a line editor that, after a refused edit, opens holding what was typed."""

    def __init__(self, model, parent: QWidget | None = None, department_column: int = -1) -> None:
        super().__init__(parent)
        self.model = model
        self.pending_text: str | None = None
        self.last_editor: QWidget | None = None
        self.department_column = department_column
        self.fast = True  # False: every cell through Qt's own paint (the tests compare the two)
        self.plain = PlainText(lambda font: font.setItalic(True))  # 未填: the font role's italic QFont()

    # -- painting -------------------------------------------------------------------------

    def begin_paint(self, view: QAbstractItemView) -> None:
        """Called by the view before each paint: what every plain cell of this paint shares."""
        if self.fast:
            self.plain.begin(view)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        colours = self.plain.colours(option.state) if self.fast else None
        look = self.model.look(index.row(), index.column()) if colours is not None else None
        if look is None or "\n" in look[0]:
            super().paint(painter, option, index)
            return
        text, style, right = look
        rect = option.rect
        laid = self.plain.layout(text, rect, style is not None and _FONT in style, right) if text else None
        if text and laid is None:
            super().paint(painter, option, index)
            return
        ink, highlight = colours
        painter.save()
        if highlight is None and style is not None:  # selected: the view has filled the highlight, in its ink
            if _BACKGROUND in style:
                painter.fillRect(rect, style[_BACKGROUND])
            if _FOREGROUND in style:
                ink = style[_FOREGROUND].color()
        if laid is not None:
            self.plain.draw(painter, rect, laid, ink)
        painter.restore()

    # -- editing -------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        """A line editor; in 部门 it completes the departments already named."""
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and index.column() == self.department_column:
            editor.setCompleter(QCompleter(index.model().departments(), editor))
        self.last_editor = editor
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if self.pending_text is not None and isinstance(editor, QLineEdit):
            editor.setText(self.pending_text)
            self.pending_text = None
            return
        super().setEditorData(editor, index)

