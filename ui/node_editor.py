"""The right side of the window: one node's heading, text and fields (节点编辑区).

Typing changes the Node in place, then says so once, ~300 ms after the last
keystroke (``text_edited``); the window stores it.  Field values are never
changed here: the table's edits go out as ``field_edit_requested`` for the
window's undo stack.  A field whose chip is deleted from the text leaves
``node.fields`` and waits in a per-node cache, so undoing the deletion in the
text brings it back.  The heading (标题句) holds chips too, in one paragraph;
both texts share the node's fields, the table lists them all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QSplitter,
    QStackedLayout,
    QTableView,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from model.fields import label_before
from model.report import TOKEN_RE, Field, FieldKind, Node
from ui.chips import OBJ
from ui.fields_table import FieldsModel, FieldsView
from ui.fonts import editor_font, ui_font
from ui.heading_edit import HeadingEdit
from ui.text_block import FieldTextEdit

DEBOUNCE_MS = 300


def token_ids(text: str) -> list[int]:
    """Field ids whose tokens stand in ``text``, in reading order."""
    return [int(m.group(1)) for m in TOKEN_RE.finditer(text)]


def guess_label(before: str) -> str:
    """A table label for a new field: the importer's label for the words just before it."""
    return label_before(before.rsplit(OBJ, 1)[-1])  # a chip ends the clause


class NodeEditor(QWidget):
    """Heading, body and fields of the selected node; empty and disabled when none is."""

    text_edited = Signal(object)
    field_edit_requested = Signal(object, int, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._node: Node | None = None
        self._next_fid: Callable[[], int] | None = None
        self._cache: dict[tuple[str, int], dict[int, Field]] = {}  # node key → fid → removed Field
        self._kept: set[int] = set()  # fields without a token when the node was opened
        self._loading = False
        self._active: FieldTextEdit | None = None  # where the clerk last was: new fields go there
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.setFont(ui_font())
        self._build()
        self.set_node(None)

    # -- building ---------------------------------------------------------
    def _build(self) -> None:
        self.hint = QLabel(self.tr("请在左侧选择一个节点"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #888; font-size: 14pt;")
        self.heading = HeadingEdit()
        self.heading.setPlaceholderText(self.tr("标题句（如：政治学习常抓不懈。）"))
        self.heading.setFont(_heading_font())
        self.body = FieldTextEdit()
        self.body.partner, self.heading.partner = self.heading, self.body
        self.fields_model = FieldsModel(self)
        self.table = _fields_view(self.fields_model)
        self.status = QLabel()
        self.status.setStyleSheet("color: #B03A2E;")
        self.toolbar = QToolBar()
        self.insert_number_action = QAction(self.tr("插入空白指标"), self)
        self.insert_text_action = QAction(self.tr("插入填空"), self)
        self.toolbar.addAction(self.insert_number_action)
        self.toolbar.addAction(self.insert_text_action)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.body)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        self.page = QWidget()
        column = QVBoxLayout(self.page)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.toolbar, self.heading, splitter, self.status):
            column.addWidget(widget)
        column.setStretch(2, 1)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.page)
        self._connect()

    def _connect(self) -> None:
        for text_edit in self._texts():
            text_edit.textChanged.connect(self._changed)
            text_edit.chip_activated.connect(self._edit_field_value)
            text_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            text_edit.customContextMenuRequested.connect(
                lambda pos, edit=text_edit: self._context_menu(pos, edit))
            text_edit.cursorPositionChanged.connect(lambda edit=text_edit: self._entered(edit))
            text_edit.installEventFilter(self)
        self.heading.enter_pressed.connect(self._heading_done)
        self.insert_number_action.triggered.connect(lambda: self.insert_field(FieldKind.NUMBER))
        self.insert_text_action.triggered.connect(lambda: self.insert_field(FieldKind.TEXT))
        self.fields_model.edit_requested.connect(self._field_edit)
        self.fields_model.input_refused.connect(self._refused)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    # -- contract ---------------------------------------------------------
    def set_node(self, node: Node | None, next_fid: Callable[[], int] | None = None) -> None:
        """Show ``node`` (None: the empty hint); pending edits of the previous node go out first."""
        self.flush()
        if node is not None and node is self._node and self._shows(node):
            self._next_fid = next_fid or self._next_fid  # the same node again: keep cursor, scroll, undo
            self.refresh_fields()
            return
        self._node, self._next_fid = node, next_fid
        self._active = self.body
        self._loading = True
        try:
            if node is None:
                self.heading.set_content("", [])
                self.body.set_content("", [])
                self.fields_model.set_fields([])
            else:
                known = node.fields + list(self._cached(node).values())
                self.heading.set_content(node.heading, known)
                self.body.set_content(node.body, known)
                self.fields_model.set_fields(node.fields)
                present = set(token_ids(node.heading + node.body))
                self._kept = {f.fid for f in node.fields if f.fid not in present}
        finally:
            self._loading = False
        self.status.clear()
        self.page.setEnabled(node is not None)
        self.stack.setCurrentIndex(1 if node is not None else 0)

    def flush(self) -> None:
        """Apply and announce a pending edit now (before closing, switching, exporting)."""
        self._timer.stop()
        if self._node is None or not self._dirty:
            return
        self._dirty = False
        if self._apply(self._node):
            self.text_edited.emit(self._node)

    def refresh_fields(self) -> None:
        """The node's fields changed from outside (undo, set field): redraw chips and table."""
        node = self._node
        if node is None:
            return
        if not self._dirty and not self._shows(node):
            self._node = None  # the text itself was changed from outside: load it afresh
            self.set_node(node, self._next_fid)
            return
        current = self.table.currentIndex()
        for text_edit in self._texts():
            text_edit.refresh_fields(node.fields)
        self.fields_model.set_fields(node.fields)
        if current.isValid() and current.row() < self.fields_model.rowCount():
            self.table.setCurrentIndex(self.fields_model.index(current.row(), current.column()))

    def focus_field(self, fid: int) -> None:
        """Select that field's row and put the text cursor just after its chip (body or heading)."""
        row = self.fields_model.row_of(fid)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.fields_model.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.fields_model.index(row, 1))
        if not self.body.place_cursor_at_field(fid):
            self.heading.place_cursor_at_field(fid)
        self.heading.set_highlight(fid)

    def _shows(self, node: Node) -> bool:
        return node.body == self.body.content() and node.heading == self.heading.content()

    def _texts(self) -> tuple[FieldTextEdit, FieldTextEdit]:
        return self.heading, self.body

    def _entered(self, text_edit: FieldTextEdit) -> None:
        if not self._loading:
            self._active = text_edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn and watched in self._texts():
            self._entered(watched)
        return super().eventFilter(watched, event)

    def _heading_done(self) -> None:
        """Enter in the heading: on to the start of the body, as the next line of the paragraph."""
        self.body.moveCursor(QTextCursor.MoveOperation.Start)
        self.body.setFocus()

    # -- inserting fields -----------------------------------------------------
    def insert_field(self, kind: FieldKind, unit: str | None = None) -> int | None:
        """A new blank field at the cursor; the unit of a number is asked when not given.

        Returns the new field id, or None when cancelled or no id source was given.
        """
        node = self._node
        if node is None or self._next_fid is None:
            return None
        if kind is FieldKind.NUMBER and unit is None:
            unit, ok = QInputDialog.getText(self, self.tr("插入空白指标"),
                                            self.tr("单位（如：次、人、%，可留空）："))
            if not ok:
                return None
        text_edit = self._active
        fid = max([self._next_fid()] + [f + 1 for cache in self._cache.values() for f in cache])
        cursor = text_edit.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        field = Field(fid=fid, kind=kind, unit=(unit or "").strip() if kind is FieldKind.NUMBER else "",
                      label=guess_label(before))
        self._cached(node)[fid] = field
        text_edit.insert_field(field)
        text_edit.setFocus()
        self.flush()  # the new field must be in node.fields before the next id is asked for
        self.focus_field(fid)
        return fid

    # -- applying text edits -----------------------------------------------------
    _dirty = False

    def _changed(self, *_args) -> None:
        if self._loading or self._node is None:
            return
        self._dirty = True
        self._timer.start()

    def _apply(self, node: Node) -> bool:
        """Heading, body and fields from the widgets into ``node``; True when anything changed."""
        heading, body = self.heading.content(), self.body.content()
        fields = self._reconcile(node, token_ids(heading + body))
        changed = (heading, body, [f.fid for f in fields]) != (
            node.heading, node.body, [f.fid for f in node.fields])
        node.heading, node.body = heading, body
        if [f.fid for f in fields] != [f.fid for f in node.fields]:
            node.fields[:] = fields
            self.fields_model.set_fields(node.fields)
        return changed

    def _reconcile(self, node: Node, present: list[int]) -> list[Field]:
        """node.fields as the text now has them: gone ones cached, returning ones back, text order."""
        cache = self._cached(node)
        by_fid = {f.fid: f for f in node.fields}
        for fid in [fid for fid in by_fid if fid not in present and fid not in self._kept]:
            cache[fid] = by_fid.pop(fid)
        for fid in present:
            if fid not in by_fid and fid in cache:
                by_fid[fid] = cache.pop(fid)
        order = {fid: i for i, fid in reversed(list(enumerate(present)))}
        return sorted(by_fid.values(), key=lambda f: order.get(f.fid, len(order)))

    def _cached(self, node: Node) -> dict[int, Field]:
        key = ("id", node.id) if node.id is not None else ("object", id(node))
        return self._cache.setdefault(key, {})

    # -- table and chips ----------------------------------------------------
    def _field_edit(self, fid: int, attribute: str, value: object) -> None:
        self.status.clear()
        self.flush()
        if self._node is not None:
            self.field_edit_requested.emit(self._node, fid, attribute, value)

    def _refused(self, message: str) -> None:
        self.status.setText(message)
        rect = self.table.visualRect(self.table.currentIndex())
        QToolTip.showText(self.table.viewport().mapToGlobal(rect.bottomLeft()), message, self.table)

    def _row_changed(self, current, _previous) -> None:
        f = self.fields_model.field_at(current.row()) if current.isValid() else None
        for text_edit in self._texts():
            text_edit.set_highlight(f.fid if f else None)

    def _edit_field_value(self, fid: int) -> None:
        self.focus_field(fid)
        row = self.fields_model.row_of(fid)
        if row is not None:
            self.table.setFocus()
            self.table.edit(self.fields_model.index(row, 1))

    def context_menu(self, pos: QPoint, text_edit: FieldTextEdit | None = None) -> QMenu:
        """The text's own menu (undo, cut, copy, paste…) plus inserting fields (body by default)."""
        menu = (text_edit or self.body).createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(self.insert_number_action)
        menu.addAction(self.insert_text_action)
        return menu

    def _context_menu(self, pos: QPoint, text_edit: FieldTextEdit) -> None:
        text_edit.setFocus()  # the insert actions go where the menu was asked for
        menu = self.context_menu(pos, text_edit)
        menu.exec(text_edit.viewport().mapToGlobal(pos))
        menu.deleteLater()


def _heading_font() -> QFont:
    font = editor_font()
    font.setBold(True)
    return font


def _fields_view(model: FieldsModel) -> QTableView:
    view = FieldsView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    view.setAlternatingRowColors(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, 5):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return view
