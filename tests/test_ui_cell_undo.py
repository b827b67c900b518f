"""One typed cell of the per-node fields table is one undo step, however many attributes it sets."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402
from test_ui_fields_grid import open_window  # noqa: E402
from test_ui_phrases import stored_field  # noqa: E402
from ui_helpers import press, type_chinese  # noqa: E402

from model.report import Field, Node, NodeKind, Report, token  # noqa: E402


def cell_report() -> Report:
    item = Node(NodeKind.ITEM, "服务群众。", f"服务群众{token(1)}，满意率{token(2)}。",
                fields=[Field(1, value=1200, unit="人次", label="服务群众", last_value=1000),
                        Field(2, value=90.8, unit="%", precision=1, label="满意率")])
    return Report(title="测试报告", year=2024, nodes=[Node(NodeKind.SECTION, "抓服务。", children=[item])])


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, cell_report())
    win.tabs.setCurrentWidget(win.editor)
    win.select_node(win.session.report.nodes[0].children[0])
    yield win
    win.session.store.close()


def type_into_value_cell(qtbot, window, row: int, digits: str, chinese: str = "") -> None:
    table = window.editor.table
    index = window.editor.fields_model.index(row, 1)
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, digits[0])  # typing on the cell opens its editor with that key
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, digits[1:])
    if chinese:
        type_chinese(line, chinese)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the event loop


def test_a_value_with_a_qualifier_is_one_undo_step(qtbot, window, tmp_path):
    f = window.session.report.nodes[0].children[0].field_by_id(1)
    steps = window.session.undo_stack.index()
    type_into_value_cell(qtbot, window, 0, "1350", "余")
    assert (f.value, f.qualifier) == (1350, "余")
    assert window.session.undo_stack.index() == steps + 1
    assert (stored_field(tmp_path, window, 1).qualifier, stored_field(tmp_path, window, 1).value) == ("余", 1350)
    press(window.editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (f.value, f.qualifier) == (1200, "")
    assert window.session.undo_stack.index() == steps
    stored = stored_field(tmp_path, window, 1)
    assert (stored.value, stored.qualifier) == (1200, "")
    window.session.undo_stack.redo()
    assert (f.value, f.qualifier) == (1350, "余")


def test_a_whole_number_after_a_decimal_is_one_undo_step(qtbot, window):
    f = window.session.report.nodes[0].children[0].field_by_id(2)
    type_into_value_cell(qtbot, window, 1, "95")
    assert (f.value, f.precision) == (95, 0)
    window.act_undo.trigger()
    assert (f.value, f.precision) == (90.8, 1)
    assert window.editor.fields_model.data(window.editor.fields_model.index(1, 1)) == "90.8"
