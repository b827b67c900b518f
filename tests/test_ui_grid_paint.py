"""所有指标 paints its plain cells itself (ui/grid_delegate.py): pixel for pixel as Qt's own item paint."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from grid_helpers import grid_report  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QHeaderView  # noqa: E402

from model.report import Field, Node, NodeKind, token  # noqa: E402
from model.store import Store  # noqa: E402
from ui.fields_grid import COLUMNS, FieldsGridModel  # noqa: E402
from ui.grid_panel import FieldsGrid  # noqa: E402
from ui.grid_rows import BLANK, GridFilter  # noqa: E402
from ui.session import ReportSession  # noqa: E402


def report_to_paint():
    """grid_report, plus a node with a long sentence, a note of two lines, a department and many rows."""
    report = grid_report()
    rows = []
    for fid in range(20, 60):
        rows.append(Node(NodeKind.ITEM, f"第{fid}项工作扎实推进取得明显成效。",
                         f"组织开展各类专题学习和业务培训活动{token(fid)}，覆盖全体干部职工。",
                         fields=[Field(fid, value=None if fid % 3 else fid * 1.5, unit="人次", label=f"培训{fid}",
                                       last_value=fid, precision=fid % 2, note="线上\n线下" if fid == 21 else "")],
                         department="组织部" if fid % 5 == 0 else ""))
    report.nodes.append(Node(NodeKind.SECTION, "抓培训。", children=rows))
    return report


@pytest.fixture
def grid(qtbot, tmp_path):
    store = Store(tmp_path / "paint.db")
    session = ReportSession(store)
    session.open_report(store.add_report(report_to_paint()))
    widget = FieldsGrid(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    QApplication.processEvents()
    yield widget
    store.close()


def picture(grid, fast: bool) -> QImage:
    grid.view.delegate.fast = fast
    grid.view.viewport().update()
    QApplication.processEvents()
    return grid.view.viewport().grab().toImage()


def same_both_ways(grid) -> None:
    assert picture(grid, True) == picture(grid, False)


def test_plain_cells_paint_as_qt_does(grid):
    """Blank 未填 (italic, tinted), numbers right-aligned, elided 原文, a selected row and the current cell."""
    same_both_ways(grid)
    view = grid.view
    view.setFocus()
    view.setCurrentIndex(grid.model.index(2, COLUMNS.index("value")))
    view.selectionModel().select(grid.model.index(5, 1), QItemSelectionModel.SelectionFlag.Select)
    blank = next(row for row in range(grid.model.rowCount()) if grid.model.row_at(row).field.is_blank and row != 2)
    view.selectionModel().select(grid.model.index(blank, COLUMNS.index("value")),
                                 QItemSelectionModel.SelectionFlag.Select)  # 未填 selected: the highlight, not the tint
    same_both_ways(grid)
    view.horizontalHeader().resizeSection(COLUMNS.index("where"), 40)  # elided to a few characters
    view.sortByColumn(COLUMNS.index("last_value"), Qt.SortOrder.DescendingOrder)
    same_both_ways(grid)
    grid.set_filter(GridFilter(state=BLANK))
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    same_both_ways(grid)


def test_plain_cells_are_painted_from_one_call_each(grid, monkeypatch):
    """What a plain cell shows comes from ``look`` (one call), not from Qt's seven data() roles."""
    grid.view.clearSelection()
    before = picture(grid, True)
    look = FieldsGridModel.look

    def marked(self, row, column):
        text, style, right = look(self, row, column)
        return "甲" + text, style, right

    monkeypatch.setattr(FieldsGridModel, "look", marked)
    assert picture(grid, True) != before
    assert picture(grid, False) == before  # Qt's own paint does not ask it


def test_row_numbers_are_as_wide_as_qt_makes_them(grid):
    """The row numbers' sizes are kept by number; the header stays as wide as Qt's own would be."""
    plain = QHeaderView(Qt.Orientation.Vertical)
    plain.setModel(grid.model)
    for grid_filter in (GridFilter(), GridFilter(state=BLANK), GridFilter(search="培训5")):
        grid.set_filter(grid_filter)
        QApplication.processEvents()
        assert grid.view.verticalHeader().sizeHint() == plain.sizeHint()


def test_row_numbers_are_measured_once_per_count_of_digits(grid):
    """With the font's digits all one width, "7" and "3" are one measurement, "12" and "48" another:
    a filter that shows other row numbers measures nothing new (it measured hundreds before)."""
    header = grid.view.verticalHeader()
    for grid_filter in (GridFilter(), GridFilter(state=BLANK), GridFilter()):
        grid.set_filter(grid_filter)
        QApplication.processEvents()
    if header._even_digits:
        assert set(header._sizes) <= {"0" * n for n in range(1, 6)}
    texts = {grid.model.headerData(r, Qt.Orientation.Vertical) for r in range(grid.model.rowCount())}
    assert len(header._sizes) < len(texts)


def test_the_node_editors_table_paints_as_qt_does(qtbot, monkeypatch):
    """The editor's 指标表 uses the same delegate: blank (italic, tinted), a computed phrase (green), a
    label too long for its column (Qt wraps it: left to Qt), a text field, then a selected row."""
    from model.report import FieldKind
    from ui.fields_table import FieldsModel, FieldsView

    fields = [Field(1, FieldKind.NUMBER, 120, "人次", label="培训干部", last_value=100),
              Field(2, FieldKind.CHANGE, None, "%", label="增幅", basis=1, precision=1),
              Field(3, FieldKind.NUMBER, None, "次", label="专题研讨", last_value=4),
              Field(4, FieldKind.NUMBER, 7, "个", label="组织开展各类专题学习和业务培训活动的场次", last_value=5),
              Field(5, FieldKind.TEXT, None, label="示范社区名称")]
    model = FieldsModel()
    model.set_fields(fields)
    view = FieldsView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(520, 220)
    view.show()
    QApplication.processEvents()

    def picture(fast: bool) -> QImage:
        view.delegate.fast = fast
        view.viewport().update()
        QApplication.processEvents()
        return view.viewport().grab().toImage()

    assert picture(True) == picture(False)
    view.setCurrentIndex(model.index(2, 1))
    assert picture(True) == picture(False)
    view.verticalHeader().setDefaultSectionSize(3 * view.fontMetrics().height())  # the long label on lines
    assert picture(True) == picture(False)
    look = FieldsModel.look

    def marked(self, row, column):
        text, style, right = look(self, row, column)
        return "甲" + text, style, right

    monkeypatch.setattr(FieldsModel, "look", marked)
    assert picture(True) != picture(False)  # the plain cells come from look, not from data()
