"""The right side of the window: one node's heading, text and fields (节点编辑区).

Each change of the text (a keystroke, a chip inserted or deleted, a paste) is
pushed at once as a ``SetTextCommand`` on the session's one undo stack; the
keystrokes of a burst in one text merge into one undo step.  The text widgets
keep no undo of their own: Ctrl+Z there walks the session's stack, and an
undo or redo that changes the shown node reloads its text with the cursor
where the change was.  A field whose chip is deleted leaves ``node.fields``;
the command keeps it, so undo brings it back.  Field values are never changed
here: the table's edits go out as ``field_edit_requested`` for the window's
stack.  The heading (标题句) holds chips too, in one paragraph; both texts
share the node's fields, the table lists them all.
"""

from __future__ import annotations

import time
from collections import ChainMap
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt, Signal
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
from model.report import Field, FieldKind, Node
from ui.chips import OBJ
from ui.commands import SetTextCommand
from ui.field_commands import make_field_command, make_plain_command
from ui.fields_table import FieldsModel, FieldsView
from ui.fonts import editor_font, ui_font
from ui.heading_edit import HeadingEdit
from ui.session import ReportSession
from ui.text_block import FieldTextEdit
from ui.text_change import change_end, fields_after

BURST_PAUSE_S = 2.0  # a pause this long between keystrokes starts a new undo step
NAME_MIN_CHARS = 5  # 名称 keeps this many characters of its font beside the narrow columns
# the widest usual 本年 / 单位 / 上年 / 变化 (year_change words: a rate's change is in 个百分点)
COLUMN_SAMPLES = ("12,345.6", "万人次", "12,345.6", "提高1.5个百分点")


def guess_label(before: str) -> str:
    """A table label for a new field: the importer's label for the words just before it."""
    return label_before(before.rsplit(OBJ, 1)[-1])  # a chip ends the clause



class NodeEditor(QWidget):
    """Heading, body and fields of the selected node; empty and disabled when none is."""

    text_edited = Signal(object)      # node: a text command for it was pushed
    field_edit_requested = Signal(object, int, object)  # node, fid, {attribute: value} of one cell

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._node: Node | None = None
        self._next_fid: Callable[[], int] | None = None
        self._loading = False
        self._pushing = False  # our own command is being pushed: its text is already shown
        self._active: FieldTextEdit | None = None  # where the clerk last was: new fields go there
        self._burst = 0          # the typing burst the next keystroke belongs to
        self._burst_text: FieldTextEdit | None = None
        self._last_key = 0.0
        self.setFont(ui_font())
        self._build()
        session.text_changed.connect(self._on_text_changed)
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
        stack = self.session.undo_stack
        for text_edit in self._texts():
            text_edit.textChanged.connect(lambda edit=text_edit: self._changed(edit))
            text_edit.chip_activated.connect(self._edit_field_value)
            text_edit.undo_requested.connect(stack.undo)
            text_edit.redo_requested.connect(stack.redo)
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
        """Show ``node`` (None: the empty hint); the typing burst of the previous node ends."""
        self.flush()
        if node is not None and node is self._node and self._shows(node):
            self._next_fid = next_fid or self._next_fid  # the same node again: keep cursor and scroll
            self.refresh_fields()
            return
        self._node, self._next_fid = node, next_fid
        self._active = self.body
        self._load(node)
        if self.status.text():  # clear() relays out the whole page even when it is empty
            self.status.clear()
        self.page.setEnabled(node is not None)
        self.stack.setCurrentIndex(1 if node is not None else 0)

    def _load(self, node: Node | None) -> None:
        self._loading = True
        try:
            for text_edit, text in zip(self._texts(), self._texts_of(node), strict=True):
                text_edit.set_content(text, node.fields if node else [])
            self.fields_model.set_fields(node.fields if node else [])
        finally:
            self._loading = False

    def flush(self) -> None:
        """End the typing burst: the next keystroke starts a new undo step (switching, exporting)."""
        self._burst += 1

    def refresh_fields(self) -> None:
        """The node's fields changed from outside (undo, set field): redraw chips and table."""
        node = self._node
        if node is None:
            return
        if not self._shows(node):
            self._on_text_changed(node)  # the text itself was changed from outside
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

    @staticmethod
    def _texts_of(node: Node | None) -> tuple[str, str]:
        return (node.heading, node.body) if node is not None else ("", "")

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
        """A new blank field at the cursor (one undo step); the unit of a number is asked when not given.

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
        cursor = text_edit.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        field = Field(fid=self._next_fid(), kind=kind, label=guess_label(before),
                      unit=(unit or "").strip() if kind is FieldKind.NUMBER else "")
        text_edit.insert_field(field)  # its textChanged pushes the command
        text_edit.setFocus()
        self.flush()
        self.focus_field(field.fid)
        return field.fid

    # -- text changes as commands ----------------------------------------------
    def _changed(self, text_edit: FieldTextEdit) -> None:
        """The clerk changed a text: push it as a command (merged into the burst when it is typing)."""
        node = self._node
        if self._loading or node is None:
            return
        heading, body = self.heading.content(), self.body.content()
        if heading == node.heading and body == node.body:
            return  # a format or preedit change: nothing the report holds
        known = ChainMap(self.heading.known_fields(), self.body.known_fields())
        fields = fields_after(node, heading, body, known)
        chips_moved = fields is not node.fields
        self._pushing = True
        try:
            self.session.undo_stack.push(SetTextCommand(
                self.session, node, heading, body, fields, burst=None if chips_moved else self._burst_of(text_edit)))
        finally:
            self._pushing = False
        if chips_moved:
            self.flush()  # a chip in or out is its own step; typing after it starts a new one
            self.fields_model.set_fields(node.fields)
        self.text_edited.emit(node)

    def _burst_of(self, text_edit: FieldTextEdit) -> int:
        """The burst mark of this keystroke: a new one after a pause or in the other text."""
        now = time.monotonic()
        if now - self._last_key > BURST_PAUSE_S or text_edit is not self._burst_text:
            self._burst += 1
        self._last_key, self._burst_text = now, text_edit
        return self._burst

    def _on_text_changed(self, node: Node) -> None:
        """An undo, redo or replace set the shown node's text: show it, the cursor at the change."""
        if self._pushing or node is not self._node:
            return
        self.flush()
        changed = None
        self._loading = True
        try:
            for text_edit, text in zip(self._texts(), self._texts_of(node), strict=True):
                shown = text_edit.content()
                if shown != text:
                    text_edit.set_content(text, node.fields)
                    text_edit.place_cursor(change_end(shown, text))
                    changed = text_edit
                else:
                    text_edit.refresh_fields(node.fields)
            self.fields_model.set_fields(node.fields)
        finally:
            self._loading = False
        if changed is not None:
            changed.setFocus()
            self._active = changed

    # -- table and chips ----------------------------------------------------
    def _field_edit(self, fid: int, edits: dict) -> None:
        self.status.clear()
        self.flush()
        if self._node is not None:
            self.field_edit_requested.emit(self._node, fid, edits)

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
        """The text's own menu (cut, copy, paste…) with the session's 撤销/重做, plus inserting fields."""
        menu = (text_edit or self.body).createStandardContextMenu(pos)
        stack = self.session.undo_stack
        for name, make in (("edit-undo", stack.createUndoAction), ("edit-redo", stack.createRedoAction)):
            own = menu.findChild(QAction, name)
            if own is not None:
                menu.insertAction(own, make(menu, self.tr("撤销") if name == "edit-undo" else self.tr("重做")))
                menu.removeAction(own)
        menu.addSeparator()
        menu.addAction(self.insert_number_action)
        menu.addAction(self.insert_text_action)
        self._review_actions(menu, pos, text_edit or self.body)
        return menu

    def _review_actions(self, menu: QMenu, pos: QPoint, text_edit: FieldTextEdit) -> None:
        """The import review's two decisions, later: 设为指标 on a selected number, 改为普通文字 on a chip."""
        node, attr = self._node, "heading" if text_edit is self.heading else "body"
        if node is None:
            return
        chip = text_edit._selected_chip() or (text_edit._chip_at(pos) or (None, None))[1]
        if chip is not None and node.field_by_id(chip) is not None:
            menu.addAction(self.tr("改为普通文字")).triggered.connect(
                lambda: self._push_review(make_plain_command(self.session, node, chip)))
        cursor = text_edit.textCursor()
        start = len(text_edit._serialise(0, cursor.selectionStart()))
        end = start + len(text_edit._serialise(cursor.selectionStart(), cursor.selectionEnd()))
        if cursor.hasSelection() and self._next_fid is not None \
                and make_field_command(self.session, node, attr, start, end, 0) is not None:
            menu.addAction(self.tr("设为指标")).triggered.connect(lambda: self._push_review(
                make_field_command(self.session, node, attr, start, end, self._next_fid())))

    def _push_review(self, command) -> None:
        if command is not None:
            self.flush()
            self.session.undo_stack.push(command)
            self.flush()

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
    # The narrow columns get widths for what they hold, once: ResizeToContents would ask every cell
    # of the column again at each node switch.  名称 keeps about five characters beside them, so the
    # change column stays in view at 1024×700 and at 150 % (the body gives way first).
    metrics = view.fontMetrics()
    narrow = 0
    for column, sample in enumerate(COLUMN_SAMPLES, start=1):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(sample)) + 12)
        narrow += header.sectionSize(column)
    view.setMinimumWidth(narrow + metrics.horizontalAdvance("中") * NAME_MIN_CHARS
                         + view.verticalScrollBar().sizeHint().width() + 2 * view.frameWidth() + 4)
    return view
