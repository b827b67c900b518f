"""所有指标: every field in one grid, used by keyboard as a spreadsheet, through the real window."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from grid_helpers import grid_report, long_report  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from ui_helpers import type_chinese  # noqa: E402

from model.report import FieldKind  # noqa: E402
from model.store import Store  # noqa: E402
from ui.fields_grid import COLUMNS, FieldsGridModel  # noqa: E402
from ui.grid_rows import ALL, BIG, BLANK, FILLED, SAME, GridFilter  # noqa: E402
from ui.grid_view import block_text, parse_block  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402

VALUE, UNIT, LAST, LABEL = (COLUMNS.index(name) for name in ("value", "unit", "last_value", "label"))


def open_window(qtbot, tmp_path, report):
    store = Store(tmp_path / "grid.db")
    store.add_report(report)
    window = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1300, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentWidget(window.grid)
    return window


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, grid_report())
    yield win
    win.session.store.close()


@pytest.fixture
def grid(window):
    return window.grid


def column_texts(grid, column: int) -> list[str]:
    model = grid.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def go_to(grid, row: int, column: int):
    """That cell current and nothing else selected (as a click on it would leave it)."""
    grid.view.setFocus()
    grid.view.setCurrentIndex(grid.model.index(row, column))
    grid.view.selectionModel().select(grid.model.index(row, column),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)


def type_into_cell(qtbot, grid, first_key, rest: str = ""):
    """A key on the grid opens the cell's editor with that key; the rest goes to the editor."""
    qtbot.keyClick(grid.view, first_key)
    editor = QApplication.focusWidget()
    assert editor is not grid.view
    if rest:
        qtbot.keyClicks(editor, rest)
    return editor


def press_enter(qtbot, widget=None):
    qtbot.keyClick(widget or QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the event loop


def test_model_passes_qtmodeltester(qtmodeltester, window):
    model = FieldsGridModel(window.session)
    model.rebuild()
    qtmodeltester.check(model)
    model.set_filter(GridFilter(state=BLANK))
    qtmodeltester.check(model)


def test_every_field_in_reading_order_with_where_and_clause(grid):
    model = grid.model
    assert model.rowCount() == 8
    assert column_texts(grid, LABEL) == ["集中学习", "专题研讨", "心得体会", "培训干部", "责任书", "约谈提醒",
                                         "办复率", "示范社区名称"]
    assert column_texts(grid, COLUMNS.index("where"))[3] == "一、2.干部培训扎实有效。"
    assert column_texts(grid, COLUMNS.index("clause"))[4] == "签订责任书【36份】，约谈提醒X人。"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)] == [
        "位置", "名称", "原文", "本年", "单位", "上年", "变化", "部门", "备注"]
    assert column_texts(grid, VALUE)[:2] == ["12", "未填"]
    assert grid.count_label.text() == "显示 8 / 共 8，未填 5"


@pytest.mark.parametrize(("state", "labels"), [
    (BLANK, ["专题研讨", "培训干部", "约谈提醒", "办复率", "示范社区名称"]),
    (FILLED, ["集中学习", "心得体会", "责任书"]),
    (SAME, ["心得体会"]),
    (BIG, ["责任书"]),
])
def test_state_filters(grid, state, labels):
    grid.state_box.setCurrentIndex(["all", "blank", "filled", "same", "big"].index(state))
    assert column_texts(grid, LABEL) == labels


def test_section_department_and_search_filters(grid, window):
    grid.section_box.setCurrentIndex(2)
    assert grid.section_box.currentText() == "二、坚持从严治党，锤炼过硬作…"
    assert column_texts(grid, LABEL) == ["责任书", "约谈提醒", "办复率", "示范社区名称"]
    grid.section_box.setCurrentIndex(0)
    type_chinese(grid.search, "研讨")
    assert column_texts(grid, LABEL) == ["集中学习", "专题研讨", "心得体会"]  # 原文 of all three says 研讨
    grid.search.clear()
    window.session.set_department(window.session.report.nodes[2], "纪检组")
    assert grid.department_box.findText("纪检组") == 1
    grid.department_box.setCurrentIndex(1)
    assert column_texts(grid, LABEL) == ["责任书", "约谈提醒", "办复率", "示范社区名称"]
    assert column_texts(grid, COLUMNS.index("department")) == ["纪检组"] * 4


def test_sort_by_a_column_and_back_to_reading_order(grid, qtbot):
    grid.view.sortByColumn(LAST, Qt.SortOrder.DescendingOrder)
    assert column_texts(grid, LAST) == ["97.5", "80", "30", "20", "10", "9", "4", ""]
    grid.view.sortByColumn(LABEL, Qt.SortOrder.AscendingOrder)
    assert column_texts(grid, LABEL)[0] != "集中学习"
    qtbot.mouseClick(grid.order_button, Qt.MouseButton.LeftButton)
    assert column_texts(grid, LABEL)[:3] == ["集中学习", "专题研讨", "心得体会"]
    assert grid.view.horizontalHeader().sortIndicatorSection() == -1


def test_typing_over_a_cell_replaces_it_and_enter_goes_down(grid, window, qtbot):
    report = window.session.report
    go_to(grid, 0, VALUE)
    type_into_cell(qtbot, grid, Qt.Key.Key_1, "5")
    press_enter(qtbot)
    assert report.nodes[1].children[0].fields[0].value == 15  # 12 replaced, not 1215
    assert QApplication.focusWidget() is grid.view
    assert grid.view.currentIndex().row() == 1
    assert column_texts(grid, VALUE)[0] == "15"
    window.act_undo.trigger()
    assert report.nodes[1].children[0].fields[0].value == 12


def test_with_blanks_shown_enter_goes_to_the_next_blank(grid, window, qtbot):
    grid.state_box.setCurrentIndex(1)
    go_to(grid, 0, VALUE)
    type_into_cell(qtbot, grid, Qt.Key.Key_6)
    press_enter(qtbot)
    assert column_texts(grid, LABEL)[0] == "专题研讨" and column_texts(grid, VALUE)[0] == "6"  # stays in sight
    assert grid.view.currentIndex().row() == 1
    go_to(grid, 0, VALUE)
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)  # no editor open: Enter skips the filled row
    assert grid.view.currentIndex().row() == 1


def test_tab_goes_right_f2_edits_esc_cancels(grid, window, qtbot):
    field = window.session.report.nodes[1].children[0].fields[0]
    go_to(grid, 0, VALUE)
    editor = type_into_cell(qtbot, grid, Qt.Key.Key_7)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert field.value == 7
    assert grid.view.currentIndex().column() == UNIT
    go_to(grid, 0, VALUE)
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.text() == "7"  # F2 keeps the content
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert field.value == 7 and QApplication.focusWidget() is grid.view


def test_delete_clears_the_selected_cells_as_one_step(grid, window, qtbot):
    fields = window.session.report.nodes[1].children[0].fields
    grid.view.setFocus()
    grid.view.setCurrentIndex(grid.model.index(0, VALUE))
    qtbot.keyClick(grid.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(grid.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(grid.view, Qt.Key.Key_Delete)
    assert [f.value for f in fields] == [None, None, None]
    window.act_undo.trigger()
    assert [f.value for f in fields] == [12, None, 30]


def test_copy_gives_a_block_as_excel_does(grid, qtbot):
    grid.view.setFocus()
    grid.view.setCurrentIndex(grid.model.index(0, VALUE))
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right):
        qtbot.keyClick(grid.view, key, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(grid.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "12\t次\t10\r\n\t次\t4\r\n"


def test_block_text_and_parse_block_round_trip():
    rows = [["1", "a\tb"], ["", '他说"好"'], ["两行\n文字", "3"]]
    assert parse_block(block_text(rows)) == rows
    assert parse_block("5\r\n6\r\n7\r\n") == [["5"], ["6"], ["7"]]
    assert parse_block("5\n\n7") == [["5"], [""], ["7"]]


def test_pasting_40_numbers_is_one_undo_step(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, long_report(20, per_item=5))
    grid = window.grid
    steps = window.session.undo_stack.count()
    QGuiApplication.clipboard().setText("".join(f"{n}\r\n" for n in range(1, 41)))
    go_to(grid, 3, VALUE)
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    values = [r.field.value for r in grid.model.rows()]
    assert values[:3] == [None] * 3 and values[3:43] == list(range(1, 41)) and values[43] is None
    assert window.session.undo_stack.count() == steps + 1
    assert window.act_undo.text() == "撤销 粘贴 40 格"
    stored = Store(tmp_path / "grid.db").load_report(window.session.report.id)
    assert [f.value for _, f in stored.all_fields()][3:43] == list(range(1, 41))
    window.act_undo.trigger()
    assert all(r.field.is_blank for r in grid.model.rows())
    window.session.store.close()


def test_a_pasted_cell_that_cannot_be_taken_is_refused_with_its_reason(grid, window, qtbot):
    QGuiApplication.clipboard().setText("5\t\r\nabc\t人\r\n7\t\r\n")
    go_to(grid, 0, VALUE)
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    fields = window.session.report.nodes[1].children[0].fields
    assert [f.value for f in fields] == [5, None, 7]
    assert [f.unit for f in fields] == ["", "人", ""]  # the unit column of the block applied too
    assert grid.status.isVisible()
    assert "1 格未能填入" in grid.status.text() and "“abc”不是数字" in grid.status.text()
    assert "第 2 行（专题研讨）本年：“abc”不是数字" in grid.status.text()
    assert window.act_undo.text() == "撤销 粘贴 5 格"  # the five cells taken of six


def test_a_refused_typed_cell_opens_again_with_what_was_typed(grid, window, qtbot):
    go_to(grid, 1, VALUE)
    editor = type_into_cell(qtbot, grid, Qt.Key.Key_A, "bc")
    press_enter(qtbot, editor)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), type(editor))
                    and QApplication.focusWidget().text() == "abc")
    assert window.session.report.nodes[1].children[0].fields[1].value is None
    assert grid.view.currentIndex().row() == 1
    assert "不是数字" in grid.status.text()


def test_chinese_typed_into_the_department_column(grid, window, qtbot):
    go_to(grid, 4, COLUMNS.index("department"))
    type_chinese(grid.view, "纪检组")
    press_enter(qtbot)
    duty = window.session.report.nodes[2].children[0]
    assert duty.department == "纪检组"
    assert column_texts(grid, COLUMNS.index("department"))[4:6] == ["纪检组", "纪检组"]
    go_to(grid, 0, COLUMNS.index("department"))
    editor = type_into_cell(qtbot, grid, Qt.Key.Key_F2)
    assert editor.completer().model().stringList() == ["纪检组"]  # the departments already named


@pytest.mark.parametrize("how", ["double-click", "ctrl+enter"])
def test_double_click_or_ctrl_enter_goes_to_the_field_in_the_text(grid, window, qtbot, how):
    go_to(grid, 5, LABEL)
    if how == "ctrl+enter":
        qtbot.keyClick(grid.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    else:
        rect = grid.view.visualRect(grid.model.index(5, LABEL))
        qtbot.mouseDClick(grid.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    duty = window.session.report.nodes[2].children[0]
    assert window.tabs.currentWidget() is window.editor
    assert window.current_node() is duty
    assert window.editor.table.currentIndex().row() == 1  # 约谈提醒, the node's second field
    assert QApplication.focusWidget() is window.editor.body
    assert len(duty.children) == 0 and len(window.session.report.nodes[2].children) == 2  # no node added


def test_the_grid_follows_edits_made_elsewhere(grid, window, qtbot):
    duty = window.session.report.nodes[2].children[0]
    window.editor.field_edit_requested.emit(duty, 6, {"value": 3})
    assert column_texts(grid, VALUE)[5] == "3"
    assert column_texts(grid, COLUMNS.index("clause"))[4] == "签订责任书【36份】，约谈提醒3人。"
    window.act_undo.trigger()
    assert column_texts(grid, VALUE)[5] == "未填"
    window.select_node(duty)
    window.act_delete.trigger()
    assert grid.model.rowCount() == 6
    assert grid.model.filter == GridFilter(state=ALL)


def test_a_closed_grid_no_longer_listens_to_the_session(window, qtbot):
    """A grid that is gone must not be called by the session (bound slots, not lambdas)."""
    from PySide6.QtCore import QEvent

    from ui.grid_panel import FieldsGrid

    extra = FieldsGrid(window.session)
    extra.show()
    extra.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    duty = window.session.report.nodes[2].children[0]
    window.session.set_field_attr(duty, 6, "value", 4)  # would raise inside the dead grid's slot
    window.session.set_department(duty, "办公室")
    assert column_texts(window.grid, VALUE)[5] == "4"


def test_a_field_added_in_the_text_is_in_the_grid(grid, window):
    study = window.session.report.nodes[1].children[0]
    window.tabs.setCurrentWidget(window.editor)
    window.select_node(study)
    window.editor.body.setFocus()
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    fid = window.editor.insert_field(FieldKind.NUMBER, unit="场")
    window.tabs.setCurrentWidget(grid)
    assert grid.model.row_of(fid) == 3  # after the item's three fields, in reading order
    assert grid.model.rowCount() == 9


def test_one_value_fills_a_selection_and_rows_past_the_end_are_refused(grid, window, qtbot):
    grid.view.setFocus()
    grid.view.setCurrentIndex(grid.model.index(0, LAST))
    qtbot.keyClick(grid.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QGuiApplication.clipboard().setText("8\r\n")
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert column_texts(grid, LAST)[:3] == ["8", "8", "30"]
    QGuiApplication.clipboard().setText("1\r\n2\r\n3\r\n")
    go_to(grid, 6, LAST)
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert column_texts(grid, LAST)[6:] == ["1.0", "2"]  # 办复率 shows one decimal
    assert "第 9 行上年：超出表格末行" in grid.status.text()
