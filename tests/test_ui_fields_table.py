"""The fields table: what it shows, how typed values are read, and that it never edits a Field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model.report import Field, FieldKind, Node, NodeKind, token
from ui.fields_table import FieldInputError, FieldsModel, parse_number, parse_value


def sample_fields() -> list[Field]:
    return [
        Field(1, value=120, unit="次", label="理论学习", last_value=100),
        Field(2, value=None, unit="件", label="办结提案", last_value=40),
        Field(3, kind=FieldKind.TEXT, value="城东社区", label="示范社区"),
        Field(4, kind=FieldKind.TEXT, value=None, label="示范所"),
    ]


@pytest.fixture
def model(qtbot):
    m = FieldsModel()
    m.set_fields(sample_fields())
    return m


def test_model_passes_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model)


def test_empty_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(FieldsModel())


def test_headers_are_chinese(model):
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["名称", "本年数值", "单位", "上年数值", "变化"]


def test_display_of_filled_and_blank_values(model):
    assert [model.data(model.index(0, c)) for c in range(5)] == ["理论学习", "120", "次", "100", "增长20%"]
    blank = model.index(1, 1)
    assert model.data(blank) == "未填"
    assert model.data(blank, Qt.ItemDataRole.EditRole) == ""
    assert model.data(blank, Qt.ItemDataRole.FontRole).italic()
    assert model.data(blank, Qt.ItemDataRole.BackgroundRole).color().name() == "#fff3c4"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 4)) == ""


def test_change_column_and_text_units_are_read_only(model):
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(2, 2)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, 4), "+5%")


@pytest.mark.parametrize(("text", "expected"), [
    ("1,234.5", 1234.5),
    ("１２３", 123),
    ("１，２３４．５", 1234.5),
    (" 42 ", 42),
    ("-3.5", -3.5),
    ("12次", 12),
    ("", None),
    ("   ", None),
])
def test_parse_number(text, expected):
    parsed = parse_number(text, unit="次")
    assert parsed == expected
    assert type(parsed) is type(expected)


@pytest.mark.parametrize("text", ["abc", "12件", "1e5", "nan", "1.2.3", "十二"])
def test_parse_number_refuses_words(text):
    with pytest.raises(FieldInputError, match="请输入"):
        parse_number(text, unit="次")


def test_parse_value_of_a_text_field_keeps_any_text():
    f = Field(9, kind=FieldKind.TEXT)
    assert parse_value(" 城西社区 ", f) == "城西社区"
    assert parse_value("", f) is None


def test_set_data_requests_the_edit_and_leaves_the_field(qtbot, model):
    with qtbot.waitSignal(model.edit_requested, check_params_cb=lambda *a: "value" in a[1]) as blocker:
        assert model.setData(model.index(1, 1), "1,234.5")
    assert blocker.args == [2, {"precision": 1, "value": 1234.5}]
    assert model.field_at(1).value is None
    assert model.data(model.index(1, 1)) == "未填"
    with qtbot.waitSignal(model.edit_requested) as blocker:
        model.setData(model.index(3, 1), "城北社区")
    assert blocker.args == [4, {"value": "城北社区"}]
    with qtbot.waitSignal(model.edit_requested) as blocker:
        model.setData(model.index(0, 0), " 中心组学习 ")
    assert blocker.args == [1, {"label": "中心组学习"}]
    with qtbot.waitSignal(model.edit_requested) as blocker:
        model.setData(model.index(0, 2), "场次")
    assert blocker.args == [1, {"unit": "场次"}]


def test_set_data_refuses_bad_numbers_with_a_message(qtbot, model):
    with qtbot.waitSignal(model.input_refused) as blocker, qtbot.assertNotEmitted(model.edit_requested):
        assert not model.setData(model.index(0, 1), "abc")
    assert "不是数字" in blocker.args[0] and "/" not in blocker.args[0]  # the window speaks Chinese only


def test_unchanged_value_is_no_edit(qtbot, model):
    with qtbot.assertNotEmitted(model.edit_requested):
        assert not model.setData(model.index(0, 1), "120")


def test_refresh_shows_values_changed_outside(qtbot, model):
    model.field_at(1).value = 50
    with qtbot.waitSignal(model.dataChanged):
        model.refresh()
    assert model.data(model.index(1, 1)) == "50"
    assert model.data(model.index(1, 4)) == "增长25%"
    assert model.row_of(3) == 2 and model.row_of(99) is None


def test_fields_of_the_heading_are_in_the_table(qtbot):
    """A node whose heading holds blanks (新建高标准农田⟦7⟧) lists them before the body's."""
    from ui_helpers import open_node, shown_editor

    editor = shown_editor(qtbot)
    node = Node(NodeKind.ITEM, heading=f"新建高标准农田{token(7)}。", body=f"完成投资{token(8)}。", id=3,
                fields=[Field(8, unit="万元", label="投资"), Field(7, value=1.2, unit="万亩", label="农田")])
    node = open_node(editor, node)
    node.fields.reverse()  # as an import may leave them: 8 before 7 (the store loads them by id)
    editor.set_node(None)
    editor.set_node(node, lambda: 9)
    table = editor.fields_model
    assert [table.data(table.index(r, 0)) for r in range(table.rowCount())] == ["投资", "农田"]
    type_chinese_into(editor.body, "另")
    editor.flush()
    assert [table.data(table.index(r, 0)) for r in range(table.rowCount())] == ["农田", "投资"]
    assert table.data(table.index(0, 1)) == "1.2"


def type_chinese_into(widget, text: str) -> None:
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_a_qualifier_is_shown_with_the_unit_and_typed_with_the_value(qtbot):
    """"1200余人次": the 余 prints, so the clerk sees it, can type "1350余" and can drop it."""
    m = FieldsModel()
    f = Field(5, value=1200, unit="人次", qualifier="余", label="服务群众", last_value=1000)
    m.set_fields([f])
    unit_cell, value_cell, last_cell = m.index(0, 2), m.index(0, 1), m.index(0, 3)
    assert m.data(unit_cell) == "余人次" and m.data(unit_cell, Qt.ItemDataRole.EditRole) == "余人次"
    edits = []
    m.edit_requested.connect(lambda fid, cell: edits.extend((fid, attr, value) for attr, value in cell.items()))
    assert m.setData(value_cell, "1350多")
    assert edits == [(5, "qualifier", "多"), (5, "value", 1350)]
    edits.clear()
    assert m.setData(unit_cell, "人次")
    assert edits == [(5, "qualifier", "")]
    edits.clear()
    assert m.setData(last_cell, "1100余人次")
    assert edits == [(5, "last_value", 1100)]
    assert (f.value, f.qualifier) == (1200, "余")  # the table never edits the Field itself


def _window_on_item(qtbot, tmp_path):
    """The real window with the real node editor, showing an item with two number fields."""
    from model.report import Report
    from model.store import Store
    from ui.main_window import MainWindow
    from ui.settings import Settings

    store = Store(":memory:")
    item = Node(NodeKind.ITEM, "理论学习常抓不懈。", f"全年集中学习{token(1)}，专题研讨{token(2)}。",
                fields=[Field(1, value=12, unit="次", label="集中学习", last_value=10),
                        Field(2, unit="次", label="专题研讨", last_value=4)])
    store.add_report(Report(title="测试报告", year=2024, nodes=[Node(NodeKind.SECTION, "抓学习。", children=[item])]))
    window = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    item = window.session.report.nodes[0].children[0]
    window.select_node(item)
    return window, item


def test_enter_in_the_table_keeps_focus_and_moves_to_the_next_row(qtbot, qtlog, tmp_path):
    """Typing over a value and pressing Enter: stored, the table keeps the keyboard, the next row is current."""
    from PySide6.QtWidgets import QApplication

    window, item = _window_on_item(qtbot, tmp_path)
    table = window.editor.table
    table.setFocus()
    table.setCurrentIndex(window.editor.fields_model.index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_1)
    assert QApplication.focusWidget() is not table  # typing opened the cell's editor
    qtbot.keyClicks(QApplication.focusWidget(), "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the event loop
    assert item.field_by_id(1).value == 15
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, 1)
    qtbot.keyClick(table, Qt.Key.Key_6)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    QApplication.processEvents()
    assert item.field_by_id(2).value == 6
    assert QApplication.focusWidget() is table
    assert not [r for r in qtlog.records if "commitData" in r.message]
    window.session.undo_stack.undo()
    assert item.field_by_id(2).value is None


def test_the_table_reads_input_by_the_model_rules(qtbot):
    """"70" after "1350余" drops the 余; "95" after a value of one decimal prints 95."""
    m = FieldsModel()
    m.set_fields([Field(6, value=1350, unit="人次", qualifier="余", last_value=1000),
                  Field(7, value=None, unit="%", precision=1, last_value=90.8)])
    edits = []
    m.edit_requested.connect(lambda fid, cell: edits.extend((fid, attr, value) for attr, value in cell.items()))
    assert m.setData(m.index(0, 1), "70")
    assert m.setData(m.index(1, 1), "95")
    assert edits == [(6, "qualifier", ""), (6, "value", 70), (7, "precision", 0), (7, "value", 95)]
    assert m.data(m.index(1, 4)) == ""  # still blank: the table never edits the Field
