"""所有指标 as the clerk uses it: a table driven like a spreadsheet, with its filters above it.

Keys: typing over a cell replaces it, Enter stores and goes down (with 未填
on, to the next blank), Tab goes right, F2 edits, Esc cancels, Delete clears,
Ctrl+C / Ctrl+V copy and paste a block as Excel and WPS do (tab-separated,
CRLF lines), Ctrl+Enter or a double-click goes to the field in the text.
"""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from ui.fields_grid import COLUMNS, FieldsGridModel
from ui.grid_delegate import GridDelegate
from ui.grid_rows import BLANK, is_blank

WIDTHS = {"where": 120, "label": 100, "value": 84, "unit": 50, "last_value": 70, "change": 100,
          "department": 80, "note": 100}
SAMPLES = {"unit": "余万人次", "change": "提高1.5个百分点"}  # widest usual texts: a rate's change is not cut
DEPARTMENT = COLUMNS.index("department")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def block_text(rows: list[list[str]]) -> str:
    """Cells as a spreadsheet puts them on the clipboard: tabs, CRLF lines, a trailing newline."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def parse_block(text: str) -> list[list[str]]:
    """A block copied from Excel or WPS (quoted cells may hold tabs and newlines)."""
    if not text:
        return []
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))
    if rows and rows[-1] == [] or rows and text.endswith(("\n", "\r")) and rows[-1] == [""]:
        rows.pop()
    return [row or [""] for row in rows]


class RowNumbers(QHeaderView):
    """The row numbers at the left; each number's size is measured once, not at every filter.

    After a filter Qt sizes this header from up to 200 of its sections, each
    asking the model five roles through Python and measuring its text.  The
    size depends only on the number shown (no icons, fonts or sort marks here).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView's own: a click selects the row
        self.setHighlightSections(True)
        self._sizes: dict[str, QSize] = {}
        self._even_digits: bool | None = None  # are the font's ten digits one width?

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802
        text = self.model().headerData(logical, Qt.Orientation.Vertical)
        key = self._shape(text)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = super().sectionSizeFromContents(logical)
        return QSize(size)

    def _shape(self, text) -> str:
        """What a number's size depends on: with digits all of one width (as in most fonts), only how
        many there are ("137" measures as "000"); otherwise the number itself."""
        if self._even_digits is None:
            metrics = self.fontMetrics()
            self._even_digits = len({metrics.horizontalAdvance(d) for d in "0123456789"}) == 1
        if self._even_digits and isinstance(text, str) and text.isdigit():
            return "0" * len(text)
        return text

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._sizes.clear()
            self._even_digits = None
        super().changeEvent(event)


class GridView(QTableView):
    """The table of 所有指标 with spreadsheet keys; ``field_chosen`` asks to go to a field in the text."""

    field_chosen = Signal(object, int)  # node, fid

    def __init__(self, model: FieldsGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.delegate = GridDelegate(model, self, DEPARTMENT)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setWordWrap(False)
        self.setVerticalHeader(RowNumbers(self))
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        for column, name in enumerate(COLUMNS):
            if name == "clause":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                sample = SAMPLES.get(name)
                header.resizeSection(column, max(WIDTHS[name], metrics.horizontalAdvance(sample) + 12 if sample else 0))
        self._committing: tuple[QModelIndex, str] | None = None
        self._retry: tuple[QModelIndex, str] | None = None
        model.edits_refused.connect(self._refused)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.delegate.begin_paint(self)
        super().paintEvent(event)

    # -- keys ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Our keys win over the window's shortcuts (Ctrl+Enter adds a node elsewhere)."""
        if event.type() == QEvent.Type.ShortcutOverride and self._own_key(event):
            event.accept()
            return True
        return super().event(event)

    def _own_key(self, event: QKeyEvent) -> bool:
        return (event.key() in ENTER_KEYS or event.key() in CLEAR_KEYS
                or event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Paste))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in CLEAR_KEYS and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selected()
        elif key in ENTER_KEYS and mods & Qt.KeyboardModifier.ControlModifier:
            self.choose_current()
        elif key in ENTER_KEYS and self.state() != QAbstractItemView.State.EditingState:
            self.move_down()
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        """Chinese committed over a cell replaces it, as a typed key does.

        Qt opens the editor for such a commit but hands the text on only after
        a pre-edit; an input method that commits at once would lose it.
        """
        editing = self.state() == QAbstractItemView.State.EditingState
        if editing or not event.commitString() or event.preeditString():
            super().inputMethodEvent(event)
            return
        if self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event):
            QApplication.sendEvent(self.delegate.last_editor, event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.setCurrentIndex(index)
            self.choose_current()
        else:
            super().mouseDoubleClickEvent(event)

    def choose_current(self) -> None:
        r = self.grid_model.row_at(self.currentIndex().row())
        if r is not None:
            self.field_chosen.emit(r.node, r.field.fid)

    def move_down(self) -> None:
        """The next row (with 未填 on: the next blank one) becomes current, same column."""
        current = self.currentIndex()
        if not current.isValid():
            return
        model = self.grid_model
        row = current.row() + 1
        if model.filter.state == BLANK:
            while row < model.rowCount() and not is_blank(model.row_at(row).field):
                row += 1
        if row < model.rowCount():
            self.setCurrentIndex(current.sibling(row, current.column()))

    # -- editing ---------------------------------------------------------------------------

    def commitData(self, editor: QWidget) -> None:  # noqa: N802
        text = editor.text() if isinstance(editor, QLineEdit) else ""
        self._committing = (QModelIndex(self.currentIndex()), text)
        try:
            super().commitData(editor)
        finally:
            self._committing = None

    def _refused(self, refused: list) -> None:
        if refused and self._committing is not None:
            self._retry = self._committing

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        retry, self._retry = self._retry, None
        if retry is not None:  # refused: open the cell again with what was typed
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            QTimer.singleShot(0, lambda: self._edit_again(*retry))
            return
        super().closeEditor(editor, hint)
        if hint is QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def _edit_again(self, index: QModelIndex, text: str) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.delegate.pending_text = text
            self.edit(index)

    def clear_selected(self) -> None:
        """Delete: every selected cell that can be edited becomes empty, as one undo step."""
        cells = [(i.row(), i.column(), "") for i in self._selected()
                 if self.grid_model.flags(i) & Qt.ItemFlag.ItemIsEditable]
        if cells:
            self.grid_model.apply_cells(cells, self.tr("清除 {n} 格"))

    # -- clipboard ---------------------------------------------------------------------------

    def _selected(self) -> list[QModelIndex]:
        indexes = self.selectionModel().selectedIndexes()
        return indexes or ([self.currentIndex()] if self.currentIndex().isValid() else [])

    def copy(self) -> None:
        """The selected block (its bounding rectangle) as tab-separated text."""
        indexes = self._selected()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        model = self.grid_model
        block = [[model.edit_text(model.row_at(row), COLUMNS[column]) for column in columns] for row in rows]
        QGuiApplication.clipboard().setText(block_text(block))

    def paste(self) -> None:
        """A block from the clipboard from the top-left selected cell on; one value fills a selection."""
        block = parse_block(QGuiApplication.clipboard().text())
        indexes = self._selected()
        if not block or not indexes:
            return
        if len(block) == 1 and len(block[0]) == 1 and len(indexes) > 1:
            cells = [(i.row(), i.column(), block[0][0]) for i in indexes]
        else:
            top = min(i.row() for i in indexes)
            left = min(i.column() for i in indexes)
            cells = [(top + dr, left + dc, text) for dr, line in enumerate(block) for dc, text in enumerate(line)]
        taken = self.grid_model.apply_cells(cells, self.tr("粘贴 {n} 格"))
        self._select_block(cells, taken)

    def _select_block(self, cells: list[tuple[int, int, str]], taken: int) -> None:
        """The pasted block stays selected, as in a spreadsheet."""
        model = self.grid_model
        inside = [(r, c) for r, c, _ in cells if r < model.rowCount() and c < model.columnCount()]
        if not inside or not taken:
            return
        rows, columns = [r for r, _ in inside], [c for _, c in inside]
        block = QItemSelection(model.index(min(rows), min(columns)), model.index(max(rows), max(columns)))
        self.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
