"""The 所有指标 tab: filters and a search box over the grid, and what the grid says back.

The rows are read when the tab is first shown and again after a structural
change or another report; a field changed anywhere (the per-node table, undo,
a workbook) redraws only its row.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.fields_grid import COLUMNS, FieldsGridModel
from ui.grid_rows import STATE_NAMES, STATES, GridFilter
from ui.grid_view import GridView

MAX_REASONS = 5  # refused cells listed under the grid; the rest are counted


class FieldsGrid(QWidget):
    """所有指标: every field of the open report; ``field_chosen`` asks the window to show one in its text."""

    field_chosen = Signal(object, int)  # node, fid

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = FieldsGridModel(session, self)
        self.view = GridView(self.model, self)
        self._stale = True
        self._build()
        self._connect()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.state_box = QComboBox(self)
        self.state_box.addItems([self.tr(name) for name in STATE_NAMES])
        self.section_box = QComboBox(self)
        self.section_box.setMinimumContentsLength(8)  # the window stays usable at 1024 px and below
        self.department_box = QComboBox(self)
        # as narrow as 全部部门 allows, at any scale (four "X" read 全部部…); Qt counts the width in "X"
        metrics = self.department_box.fontMetrics()
        everyone = -(-metrics.horizontalAdvance(self.tr("全部部门")) // metrics.horizontalAdvance("X"))
        self.department_box.setMinimumContentsLength(everyone)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索名称或原文"))
        self.search.setClearButtonEnabled(True)
        self.order_button = QPushButton(self.tr("原文顺序"), self)
        self.order_button.setToolTip(self.tr("取消排序，按报告中的先后排列"))
        self.count_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #B03A2E;")
        self.status.hide()
        bar = QHBoxLayout()
        for label, widget in ((self.tr("显示："), self.state_box), (self.tr("章节："), self.section_box),
                              (self.tr("部门："), self.department_box)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        # the search box keeps room for a few words at 1024 px and at 150 %: the count goes below the grid
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("搜索名称或原文"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.order_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(bar)
        column.addWidget(self.view, 1)
        column.addWidget(self.count_label)
        column.addWidget(self.status)

    def _connect(self) -> None:
        s = self.session
        s.report_opened.connect(self._invalidate)
        s.structure_changed.connect(self._invalidate)
        # bound methods, not lambdas: Qt drops them with this widget
        s.fields_changed.connect(self._fields_changed)  # once per edit, however many fields it set
        s.department_changed.connect(self._departments_changed)
        s.text_changed.connect(self._text_changed)
        s.model.dataChanged.connect(self._texts_changed)
        self.state_box.currentIndexChanged.connect(lambda *_: self._filter_changed())
        self.section_box.currentIndexChanged.connect(lambda *_: self._filter_changed())
        self.department_box.currentIndexChanged.connect(lambda *_: self._filter_changed())
        self.search.textChanged.connect(lambda *_: self._filter_changed())
        self.order_button.clicked.connect(self.reading_order)
        self.view.field_chosen.connect(self.field_chosen)
        self.model.edits_refused.connect(self._show_refused)
        self.view.itemDelegate().closeEditor.connect(self._editor_closed)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)

    # -- keeping up with the session ----------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    def _invalidate(self) -> None:
        self._stale = True
        if self.isVisible():
            self.rebuild()

    def rebuild(self) -> None:
        """Read the report's fields again, keeping the filters and the current cell."""
        self._stale = False
        current = self.view.currentIndex()
        r = self.model.row_at(current.row()) if current.isValid() else None
        self.model.rebuild()
        self._fill_choices()
        if r is not None:
            self.select_field(r.field.fid, current.column())
        elif self.model.rowCount():  # first shown: typing at once fills the first 本年, as in a spreadsheet
            self.view.setCurrentIndex(self.model.index(0, COLUMNS.index("value")))

    def _fields_changed(self, changed: list) -> None:
        if not self._stale:
            self.model.fields_changed([fid for _node, fid in changed])
            self._update_count()

    def _departments_changed(self, _node=None) -> None:
        if not self._stale:
            self.model.departments_changed()
            self._fill_departments()
            if self.department_box.currentData() != self.model.filter.department:
                self._filter_changed()  # the department shown is no more: show all

    def _text_changed(self, node) -> None:
        """A node's heading or body was set: only its rows say something else (or a field came or went)."""
        if self._stale:
            return
        if self.model.fields_differ(node):
            self._invalidate()
        else:
            self.model.node_changed(node)

    def _texts_changed(self, top_left=None, bottom_right=None, *_roles) -> None:
        """Tree rows redrawn: several at once is a renumbering, and every 位置 is made again.

        One row is a node's text or fields, which ``_text_changed`` and ``_fields_changed`` follow.
        """
        if self._stale or top_left is not None and top_left.row() == bottom_right.row() \
                and top_left.parent() == bottom_right.parent():
            return
        self.model.forget_texts()
        self.view.viewport().update()

    # -- filters ---------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        sections = self.model.sections()
        chosen = self.model.filter.section
        with QSignalBlocker(self.section_box):
            self.section_box.clear()
            self.section_box.addItem(self.tr("全部章节"), None)
            for node in sections:
                self.section_box.addItem(self.model.section_name(node), node)
            at = next((i + 1 for i, n in enumerate(sections) if n is chosen), 0)
            self.section_box.setCurrentIndex(at)
        self._fill_departments()
        self._update_count()

    def _fill_departments(self) -> None:
        chosen = self.model.filter.department
        names = self.model.departments()
        with QSignalBlocker(self.department_box):
            self.department_box.clear()
            self.department_box.addItem(self.tr("全部部门"), None)
            for name in names:
                self.department_box.addItem(name, name)
            self.department_box.setCurrentIndex(names.index(chosen) + 1 if chosen in names else 0)

    def current_filter(self) -> GridFilter:
        return GridFilter(state=STATES[max(0, self.state_box.currentIndex())],
                          section=self.section_box.currentData(),
                          department=self.department_box.currentData(),
                          search=self.search.text())

    def set_filter(self, grid_filter: GridFilter) -> None:
        """Show these rows (the boxes follow)."""
        with QSignalBlocker(self.state_box), QSignalBlocker(self.search):
            self.state_box.setCurrentIndex(STATES.index(grid_filter.state))
            self.search.setText(grid_filter.search)
        self.model.set_filter(grid_filter)
        self._fill_choices()

    def _filter_changed(self) -> None:
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(0, COLUMNS.index("value")))

    def reading_order(self) -> None:
        """Back to the order of the report, whatever column was sorted."""
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.sort(-1)

    def show_department(self, department: str | None) -> None:
        self.set_filter(replace(self.model.filter, department=department))

    # -- what the grid says back -----------------------------------------------------------------

    def select_field(self, fid: int, column: int | None = None) -> bool:
        row = self.model.row_of(fid)
        if row is None:
            return False
        index = self.model.index(row, COLUMNS.index("value") if column is None else column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_rows())
        blanks = self.model.blank_count()
        self.count_label.setText(self.tr("显示 {shown} / 共 {total}，未填 {blanks}").format(
            shown=shown, total=total, blanks=blanks))

    def _editor_closed(self, _editor, hint) -> None:
        """Esc: the clerk gave up the cell, and the reason it was refused goes with it."""
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.status.hide()

    def _show_refused(self, refused: list) -> None:
        if not refused:
            self.status.hide()
            return
        lines = [self.tr("{row}{column}：{reason}").format(row=row, column=column, reason=reason)
                 for row, column, reason in refused[:MAX_REASONS]]
        if self.view.state() == QAbstractItemView.State.EditingState:  # one typed cell, open again
            self.status.setText(self.tr("未能填入 ") + lines[0])
            self.status.setToolTip("")
            self.status.show()
            return
        if len(refused) > MAX_REASONS:
            lines.append(self.tr("……另有 {n} 格未能填入").format(n=len(refused) - MAX_REASONS))
        self.status.setText(self.tr("{n} 格未能填入，其余已填入：").format(n=len(refused)) + "\n" + "\n".join(lines))
        self.status.setToolTip("\n".join(f"{row}{column}：{reason}" for row, column, reason in refused))
        self.status.show()


def show_field_in_text(window, node, fid: int) -> None:
    """Double-click or Ctrl+Enter in the grid: the editor's tab, the node chosen, the cursor at the field."""
    if window.session.report is None or not window.session.model.contains(node):
        return
    window.tabs.setCurrentWidget(window.editor)
    window.select_node(node)
    window.editor.focus_field(fid)
    text = getattr(window.editor, "body", None)  # the real editor's text takes the keyboard
    if text is not None:
        text.setFocus()
