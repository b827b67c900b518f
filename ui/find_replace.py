"""Find and replace (查找和替换, Ctrl+F / Ctrl+H): a dock listing every hit in the report.

The search is ``model.search.find`` over the report in memory; a click on a
hit selects its node and puts the text cursor on it.  Replacing goes through
the session's undo stack: one hit is one text command, 全部替换 is ONE macro.
Hits that touch a field's value are listed but never replaced.  The dock is
built the first time it is asked for, so start-up does not pay for it.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.report import Node
from model.search import BODY, HEADING, LABEL, Hit, find, is_current, read_all, replaced
from ui import commands as cmd

SEARCH_DELAY_MS = 150
_DISPLAY, _FOREGROUND, _TOOLTIP = (int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                                                    Qt.ItemDataRole.ToolTipRole))


class HitsModel(QAbstractListModel):
    """The hits as the dock's rows ("1.理论学习… · 正文：…【研讨】…"), each row's words made when the
    list asks for them: it asks only for the rows it shows, so every hit is listed at once, however many."""

    def __init__(self, session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.hits: list[Hit] = []
        self._parts = {HEADING: self.tr("标题"), BODY: self.tr("正文"), LABEL: self.tr("指标名称")}

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == _DISPLAY:
            outline = self.session.model
            return f"{outline.data(outline.index_for(hit.node))[:24]} · {self._parts[hit.part]}：{hit.context}"
        if hit.replaceable:
            return None
        if role == _FOREGROUND:
            return QBrush(Qt.GlobalColor.darkGray)
        if role == _TOOLTIP:
            return self.tr("这一处在指标的数值中：请在指标表中修改，替换不会改动它")
        return None


class FindReplaceDock(QDockWidget):
    """Find box, replace box, and the hits; ``open_find(replace=...)`` shows it in either mode."""

    def __init__(self, window) -> None:
        super().__init__(window.tr("查找和替换"), window)
        self.setObjectName("find_dock")
        self.main_window = window
        self.session = window.session
        self.hits: list[Hit] = []
        self._needle = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self._build()
        self.views: dict = {}  # each node's texts as they read, for model.search.find; forgotten on change
        self.session.undo_stack.indexChanged.connect(self._report_changed)
        self.session.report_opened.connect(self._report_changed)
        self.session.report_opened.connect(self.views.clear)
        self.session.text_changed.connect(lambda node: self.views.pop(id(node), None))
        self.session.fields_changed.connect(lambda changed: [self.views.pop(id(n), None) for n, _fid in changed])

    def _build(self) -> None:
        tr = self.tr
        page = QWidget(self)
        self.find_edit = QLineEdit(page)
        self.find_edit.setPlaceholderText(tr("查找内容（标题、正文、指标名称）"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(page)
        self.replace_edit.setPlaceholderText(tr("替换为"))
        self.replace_button = QPushButton(tr("替换"), page)
        self.replace_all_button = QPushButton(tr("全部替换"), page)
        self.labels_box = QCheckBox(tr("含指标名称"), page)
        self.labels_box.setChecked(True)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        self.results = QListView(page)
        self.hit_rows = HitsModel(self.session, self.results)
        self.results.setModel(self.hit_rows)
        self.results.setUniformItemSizes(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        grid = QGridLayout()
        grid.addWidget(self.find_edit, 0, 0, 1, 2)
        grid.addWidget(self.labels_box, 0, 2)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.setColumnStretch(0, 1)
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(grid)
        column.addWidget(self.summary)
        column.addWidget(self.results, 1)
        self.setWidget(page)
        self.replace_widgets = (self.replace_edit, self.replace_button, self.replace_all_button)
        self.find_edit.textChanged.connect(lambda *_: self._timer.start())
        self.find_edit.returnPressed.connect(self._next)
        self.labels_box.toggled.connect(lambda *_: self.search())
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.results.clicked.connect(lambda index: self.jump(index.row(), focus=True))
        self.results.activated.connect(lambda index: self.jump(index.row(), focus=True))
        self.results.selectionModel().currentRowChanged.connect(lambda index, _old: self.jump(index.row(), focus=False))

    # -- showing -----------------------------------------------------------------

    def open_find(self, replace: bool = False) -> None:
        """Show the dock with the find box focused (and the replace row for Ctrl+H)."""
        for widget in self.replace_widgets:
            widget.setVisible(replace)
        self.setWindowTitle(self.tr("查找和替换") if replace else self.tr("查找"))
        chosen = self._selected_words()
        if chosen:
            self.find_edit.setText(chosen)
        self.show()
        self.raise_()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        if self.session.report is not None:
            read_all(self.session.report, self.views)  # here, not at the first keystroke's search
        self.search()

    def _selected_words(self) -> str:
        for name in ("body", "heading"):
            edit = getattr(self.main_window.editor, name, None)
            if edit is not None and edit.hasFocus():
                words = edit.textCursor().selectedText()
                if words and "\u2029" not in words and "\ufffc" not in words:
                    return words
        return ""

    # -- finding -----------------------------------------------------------------

    def search(self) -> None:
        self._timer.stop()
        self._needle = self.find_edit.text()
        report = self.session.report
        found = find(report, self._needle, self.labels_box.isChecked(), self.views) if report and self._needle else []
        self.hits = found
        self.hit_rows.set_hits(found)  # a reset: no current row, and no jump
        self._say()

    def current_row(self) -> int:
        """The hit chosen in the list (-1: none)."""
        return self.results.currentIndex().row()

    def set_current_row(self, row: int) -> None:
        self.results.setCurrentIndex(self.hit_rows.index(row, 0))

    def _say(self, done: str = "") -> None:
        if not self._needle:
            self.summary.setText(done)
            return
        fixed = sum(1 for h in self.hits if not h.replaceable)
        text = self.tr("共 {n} 处").format(n=len(self.hits)) if self.hits else self.tr("没有找到")
        if fixed:
            text += self.tr("（{n} 处在指标数值中，不能替换）").format(n=fixed)
        self.summary.setText(f"{done}{text}")

    def _report_changed(self, *_args) -> None:
        if self.isVisible() and self._needle:
            self._timer.start()

    def _next(self) -> None:
        if self._timer.isActive():
            self.search()
        if self.hits:
            self.set_current_row((self.current_row() + 1) % len(self.hits))

    def jump(self, row: int, focus: bool) -> None:
        """Select the hit's node and put the cursor on the hit (a label: the field's row)."""
        if not 0 <= row < len(self.hits):
            return
        hit = self.hits[row]
        window = self.main_window
        if not self.session.model.contains(hit.node):
            return
        window.select_node(hit.node)
        if hit.part == LABEL:
            window.editor.focus_field(hit.fid)
            return
        edit = getattr(window.editor, "heading" if hit.part == HEADING else "body", None)
        if edit is None:
            return
        cursor = QTextCursor(edit.document())
        cursor.setPosition(min(hit.doc_start, edit.document().characterCount() - 1))
        cursor.setPosition(min(hit.doc_end, edit.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()
        if focus:
            edit.setFocus()

    # -- replacing ---------------------------------------------------------------

    def replace_one(self) -> None:
        """Replace the chosen hit (or the first that can be), then move on to the next."""
        self._fresh_hits()
        row = self.current_row()
        candidates = [i for i in range(len(self.hits)) if self.hits[i].replaceable and i >= max(row, 0)]
        if not candidates:
            self._say(self.tr("没有可替换的内容。") if not self.hits else self.tr("这一处在指标数值中，不能替换。"))
            return
        at = candidates[0]
        self._push(self.tr("替换"), [self.hits[at]])
        self.search()
        if self.hits:
            self.set_current_row(min(at, len(self.hits) - 1))
        self._say(self.tr("已替换 1 处。"))

    def replace_all(self) -> int:
        """Every replaceable hit at once: ONE undo step.  How many were replaced."""
        self._fresh_hits()
        chosen = [h for h in self.hits if h.replaceable]
        if chosen:
            self._push(self.tr("全部替换 {n} 处").format(n=len(chosen)), chosen)
        self.search()
        self._say(self.tr("已替换 {n} 处，Ctrl+Z 可撤销。").format(n=len(chosen)) if chosen else "")
        return len(chosen)

    def _fresh_hits(self) -> None:
        """Pending typing first, then the hits as the report now reads."""
        self.main_window.editor.flush()
        if self._timer.isActive() or any(not is_current(h, self._needle) for h in self.hits if h.replaceable):
            self.search()

    def _push(self, text: str, hits: list[Hit]) -> None:
        """One macro: a text command per node changed, a label command per field renamed."""
        replacement = self.replace_edit.text()
        groups: dict[tuple[int, str, int | None], list[Hit]] = defaultdict(list)
        for hit in hits:
            groups[(id(hit.node), hit.part, hit.fid)].append(hit)
        texts: dict[int, Node] = {}
        commands = []
        for (key, part, fid), group in groups.items():
            node = group[0].node
            if part == LABEL:
                label = replaced(node.field_by_id(fid).label, group, replacement)
                commands.append(cmd.SetFieldCommand(self.session, node, fid, "label", label))
            else:
                texts[key] = node
        for key, node in texts.items():
            heading = replaced(node.heading, groups.get((key, HEADING, None), []), replacement)
            body = replaced(node.body, groups.get((key, BODY, None), []), replacement)
            commands.append(cmd.SetTextCommand(self.session, node, heading, body, list(node.fields)))
        self.session.undo_stack.push(cmd.MacroCommand(self.session, text, commands))
