"""The import review's two decisions in the editor later: 设为指标 and 改为普通文字, each one undo step."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from test_ui_fields_grid import open_window  # noqa: E402
from test_ui_phrases import stored_field  # noqa: E402

from model.report import Field, Node, NodeKind, Report, token  # noqa: E402
from model.store import Store  # noqa: E402


def review_report() -> Report:
    item = Node(NodeKind.ITEM, "监管有力。", f"全年开展检查96次，办理案件{token(1)}。",
                fields=[Field(1, value=120, unit="件", label="案件", source="120件")])
    return Report(title="测试报告", year=2024, nodes=[Node(NodeKind.SECTION, "抓监管。", children=[item])])


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, review_report())
    win.tabs.setCurrentWidget(win.editor)
    win.select_node(win.session.report.nodes[0].children[0])
    yield win
    win.session.store.close()


def action(window, text: str):
    menu = window.editor.context_menu(QPoint(1, 1), window.editor.body)
    return next((a for a in menu.actions() if a.text() == text), None)


def select(text_edit, start: int, end: int) -> None:
    cursor = text_edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    text_edit.setTextCursor(cursor)


def stored_body(tmp_path, window) -> str:
    other = Store(tmp_path / "grid.db")
    try:
        return other.load_report(window.session.report.id).nodes[0].children[0].body
    finally:
        other.close()


def test_a_selected_plain_number_becomes_a_field_and_undo_takes_it_back(window, tmp_path):
    item = window.session.report.nodes[0].children[0]
    body = window.editor.body
    start = body.toPlainText().index("96次")
    select(body, start, start)
    assert action(window, "设为指标") is None
    select(body, start, start + len("96次"))
    action(window, "设为指标").trigger()
    new = next(f for f in item.fields if f.source == "96次")
    assert (new.value, new.unit) == (96, "次")
    assert item.body == f"全年开展检查{token(new.fid)}，办理案件{token(1)}。"
    assert [f.fid for f in item.fields] == [new.fid, 1]
    assert stored_field(tmp_path, window, new.fid).value == 96
    assert window.editor.fields_model.rowCount() == 2 and window.editor.body.field_ids() == [new.fid, 1]
    window.session.undo_stack.undo()
    assert item.body == f"全年开展检查96次，办理案件{token(1)}。"
    assert [f.fid for f in item.fields] == [1]
    assert stored_body(tmp_path, window) == item.body
    assert window.editor.fields_model.rowCount() == 1


def test_a_chip_becomes_plain_text_and_undo_brings_the_field_back(window, tmp_path):
    item = window.session.report.nodes[0].children[0]
    body = window.editor.body
    chip = body.toPlainText().index("\ufffc")
    select(body, chip, chip + 1)
    action(window, "改为普通文字").trigger()
    assert item.body == "全年开展检查96次，办理案件120件。" and item.fields == []
    assert stored_body(tmp_path, window) == item.body
    assert window.editor.fields_model.rowCount() == 0
    window.session.undo_stack.undo()
    assert item.body == f"全年开展检查96次，办理案件{token(1)}。" and item.fields[0].value == 120
    assert stored_field(tmp_path, window, 1).value == 120
    select(body, 0, 2)  # neither a chip nor a number: neither action
    assert action(window, "改为普通文字") is None and action(window, "设为指标") is None
