"""Computed 同比 phrases in the editor: bound and unbound from the fields table, drawn as computed, always true."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from test_ui_fields_grid import open_window  # noqa: E402

from model.report import Field, FieldKind, Node, NodeKind, Report, token  # noqa: E402
from model.store import Store  # noqa: E402
from ui.chips import COMPUTED_COLOURS  # noqa: E402


def phrase_report() -> Report:
    item = Node(NodeKind.ITEM, "收入稳步增长。", f"全年营业收入{token(1)}，同比增长{token(2)}，接待游客{token(3)}。",
                fields=[Field(1, value=120, unit="万元", label="营业收入", last_value=100),
                        Field(2, value=20, unit="%", label="增幅", source="20%"),
                        Field(3, value=5, unit="万人次", label="游客", last_value=4)])
    return Report(title="测试报告", year=2024, nodes=[Node(NodeKind.SECTION, "抓发展。", children=[item])])


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, phrase_report())
    win.tabs.setCurrentWidget(win.editor)
    win.select_node(win.session.report.nodes[0].children[0])
    yield win
    win.session.store.close()


def menu_action(window, fid: int, text: str):
    table = window.editor.table
    menu = table.field_menu(window.editor.fields_model.field_at(window.editor.fields_model.row_of(fid)))
    return next(a for a in menu.actions() if a.text() == text)


def has_colour(widget, name: str) -> bool:
    image, wanted = widget.grab().toImage(), QColor(name)
    return any(image.pixelColor(x, y) == wanted for x in range(0, image.width(), 2) for y in range(image.height()))


def stored_field(tmp_path, window, fid: int) -> Field:
    other = Store(tmp_path / "grid.db")
    try:
        report = other.load_report(window.session.report.id)
    finally:
        other.close()
    return next(f for _, f in report.all_fields() if f.fid == fid)


def test_binding_makes_a_computed_chip_that_follows_its_basis(window, tmp_path, qtbot):
    editor = window.editor
    assert not has_colour(editor.body, COMPUTED_COLOURS[0])
    menu_action(window, 2, "绑定同比表述").trigger()
    item = window.session.report.nodes[0].children[0]
    assert item.field_by_id(2).kind is FieldKind.CHANGE and item.field_by_id(2).basis == 1
    assert editor.body.chip_texts() == ["120万元", "增长20%", "5万人次"]
    assert editor.body.content() == f"全年营业收入{token(1)}，同比{token(2)}，接待游客{token(3)}。"
    assert has_colour(editor.body, COMPUTED_COLOURS[0])  # drawn as computed, not as typed
    model = editor.fields_model
    row = model.row_of(2)
    assert [model.data(model.index(row, c)) for c in (1, 2, 3)] == ["增长20%", "", ""]
    assert not model.flags(model.index(row, 1)) & Qt.ItemFlag.ItemIsEditable
    assert stored_field(tmp_path, window, 2).kind is FieldKind.CHANGE
    # the basis changes by keyboard in the table: the phrase recomputes, the verb follows the sign
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(model.index(model.row_of(1), 1))
    qtbot.keyClick(table, Qt.Key.Key_9)
    qtbot.keyClicks(QApplication.focusWidget(), "0")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert editor.body.chip_texts() == ["90万元", "下降10%", "5万人次"]
    assert model.data(model.index(row, 1)) == "下降10%"


def test_binding_is_undone_and_unbinding_puts_the_verb_back(window, tmp_path):
    item = window.session.report.nodes[0].children[0]
    before = item.body
    menu_action(window, 2, "绑定同比表述").trigger()
    window.act_undo.trigger()
    assert item.body == before and item.field_by_id(2).kind is FieldKind.NUMBER
    assert window.editor.body.content() == before
    assert stored_field(tmp_path, window, 2).kind is FieldKind.NUMBER
    window.act_redo.trigger()
    assert menu_action(window, 1, "解除绑定").isEnabled() is False
    menu_action(window, 2, "解除绑定").trigger()
    assert item.field_by_id(2).kind is FieldKind.NUMBER and item.field_by_id(2).value == 20
    assert window.editor.body.content() == before
    assert window.editor.body.chip_texts() == ["120万元", "20%", "5万人次"]


def test_a_figure_that_cannot_be_a_phrase_is_refused_with_a_message(window, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    steps = window.session.undo_stack.count()
    menu_action(window, 3, "绑定同比表述").trigger()
    assert len(said) == 1 and "%" in said[0]
    assert window.session.undo_stack.count() == steps
    assert window.session.report.nodes[0].children[0].field_by_id(3).kind is FieldKind.NUMBER


def test_the_grid_shows_a_phrase_as_computed_and_not_to_fill(window):
    from ui.fields_grid import COLUMNS

    menu_action(window, 2, "绑定同比表述").trigger()
    window.tabs.setCurrentWidget(window.grid)
    model = window.grid.model
    row = model.row_of(2)
    assert model.data(model.index(row, COLUMNS.index("value"))) == "增长20%"
    assert not model.flags(model.index(row, COLUMNS.index("value"))) & Qt.ItemFlag.ItemIsEditable
    assert window.grid.count_label.text() == "显示 3 / 共 3，未填 0"


def test_text_typed_just_before_binding_is_kept(window):
    from PySide6.QtGui import QTextCursor
    from ui_helpers import type_chinese

    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "再创新高")  # not yet saved: the editor waits for a pause
    menu_action(window, 2, "绑定同比表述").trigger()
    item = window.session.report.nodes[0].children[0]
    assert item.body.endswith("再创新高") and item.field_by_id(2).kind is FieldKind.CHANGE
    assert body.content().endswith("再创新高")
