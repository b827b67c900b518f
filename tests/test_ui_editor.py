"""The node editor: atomic field chips, Chinese typing, debounced saves, field edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QTextCursor
from ui_helpers import cursor_at, make_node, move_to, stored_node, type_chinese

from model.report import Field, FieldKind, Node, NodeKind, token
from ui.node_editor import guess_label
from ui.text_block import FieldTextEdit


def chip_point(text_edit: FieldTextEdit, fid: int) -> QPoint:
    """The middle of a chip, in viewport coordinates."""
    pos = dict((f, p) for p, f in text_edit._chip_positions())[fid]
    left = text_edit.cursorRect(cursor_at(text_edit, pos))
    right = text_edit.cursorRect(cursor_at(text_edit, pos + 1))
    return QPoint((left.left() + right.left()) // 2, left.center().y())


# -- FieldTextEdit -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    make_node().body,
    f"{token(1)}{token(2)}开头就是指标\n\n空行之后{token(3)}",
    f"未知的字段{token(77)}也原样保留",
    "没有指标的一段话。",
    "",
])
def test_content_round_trips_tokens(qtbot, text):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(text, make_node().fields)
    assert edit.content() == text


@pytest.mark.parametrize("text", [
    f"甲{token(1)}乙\n\n丙{token(2)}",
    "一行\r\n二行\r三行\u2029四行\u2028同一段\n",
    f"对象\ufffc字符{token(1)}\ufffc与\ufffc\ufffc",
    f"⟦1\ufffc2⟧不是指标，⟦０３⟧是{token(3)}",
    f"{token(1)}{token(2)}\n{token(99)}",
    "\n\n",
    "框\ufdd0架\ufdd1标记",
    "",
])
def test_the_paragraphs_kept_at_a_load_are_those_the_document_reads_back(qtbot, text):
    """set_content takes the paragraphs from the text it loads instead of reading the document back:
    both give the same, breaks, stray object characters and odd tokens included."""
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(text, [Field(1, value=3, unit="个"), Field(2), Field(3, value=1)])
    doc = edit.document()
    read_back = [edit._block_text(doc.findBlockByNumber(n)) for n in range(doc.blockCount())]
    assert edit._blocks == read_back


def test_chips_show_fields_as_they_read(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(make_node().body, make_node().fields)
    assert edit.chip_texts() == ["24次", "X次", "36篇", "X", "98.5%"]
    assert edit.field_ids() == [1, 2, 3, 4, 5]
    assert "⟦" not in edit.toPlainText()


def test_cursor_steps_over_a_chip_in_one_move(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(f"甲乙{token(1)}丙", [Field(1, value=3, unit="个")])
    move_to(edit, 2)
    qtbot.keyClick(edit, Qt.Key.Key_Right)
    assert edit.textCursor().position() == 3
    qtbot.keyClick(edit, Qt.Key.Key_Right)
    assert edit.textCursor().position() == 4


def test_delete_removes_the_whole_chip(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(f"甲乙{token(1)}丙", [Field(1, value=3, unit="个")])
    move_to(edit, 2)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.content() == "甲乙丙"
    assert edit.field_ids() == []
    assert not edit.document().isUndoAvailable()  # one history: the session's stack brings it back
    edit.undo()
    assert edit.content() == "甲乙丙"


def test_text_typed_after_a_chip_is_plain_text(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(f"共{token(1)}", [Field(1, value=3, unit="个")])
    move_to(edit, 2)
    type_chinese(edit, "，同比增长")
    qtbot.keyClicks(edit, "5")
    assert edit.content() == f"共{token(1)}，同比增长5"
    assert edit.field_ids() == [1]


def test_copy_gives_rendered_text_and_paste_is_plain(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(f"开展学习{token(1)}。", [Field(1, value=12, unit="次")])
    edit.selectAll()
    assert edit.createMimeDataFromSelection().text() == "开展学习12次。"
    mime = QMimeData()
    mime.setHtml("<b>加粗</b>")
    mime.setText("加粗")
    move_to(edit, 0)
    edit.insertFromMimeData(mime)
    assert edit.content() == f"加粗开展学习{token(1)}。"
    assert not edit.document().toHtml().count("font-weight:700")


def test_cut_and_paste_in_the_same_text_moves_the_chip(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.set_content(f"甲{token(1)}乙丙", [Field(1, value=2, unit="次")])
    cursor = edit.textCursor()
    cursor.setPosition(1)
    cursor.setPosition(2, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    mime = edit.createMimeDataFromSelection()
    edit.textCursor().removeSelectedText()
    move_to(edit, 3)
    edit.insertFromMimeData(mime)
    assert edit.content() == f"甲乙丙{token(1)}"
    # a copy while the chip is still there pastes its text, not a second chip
    edit.selectAll()
    copy = edit.createMimeDataFromSelection()
    move_to(edit, 0)
    edit.insertFromMimeData(copy)
    assert edit.field_ids() == [1]
    assert edit.content() == f"甲乙丙2次甲乙丙{token(1)}"


def test_double_click_and_enter_activate_a_chip(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.resize(400, 200)
    edit.show()
    edit.set_content(f"开展学习{token(7)}，研学{token(8)}。", [Field(7, value=1), Field(8)])
    with qtbot.waitSignal(edit.chip_activated) as blocker:
        qtbot.mouseDClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=chip_point(edit, 8))
    assert blocker.args == [8]
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=chip_point(edit, 7))
    assert edit.textCursor().selectedText() == "\ufffc"
    with qtbot.waitSignal(edit.chip_activated) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert blocker.args == [7]
    assert edit.content() == f"开展学习{token(7)}，研学{token(8)}。"


def test_refresh_fields_redraws_chips_and_keeps_cursor(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    f = Field(1, unit="次")
    edit.set_content(f"学习{token(1)}。", [f])
    move_to(edit, 3)
    assert edit.chip_texts() == ["X次"]
    f.value = 15
    edit.refresh_fields([f])
    assert edit.chip_texts() == ["15次"]
    assert edit.textCursor().position() == 3
    assert not edit.document().isUndoAvailable()


def test_a_longer_value_widens_its_chip(qtbot):
    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    edit.resize(400, 200)
    edit.show()
    f = Field(1, unit="次")
    edit.set_content(f"学习{token(1)}。", [f])
    line = edit.document().begin().layout().lineAt(0)
    before = line.naturalTextWidth()
    f.value = 123456
    edit.refresh_fields([f])
    assert edit.document().begin().layout().lineAt(0).naturalTextWidth() > before


# -- NodeEditor ------------------------------------------------------------------

def test_empty_state_without_node(editor):
    assert editor.stack.currentWidget() is editor.hint
    assert "选择" in editor.hint.text()
    assert not editor.page.isEnabled()


def test_chinese_typing_reaches_the_node(qtbot, editor, node_in):
    move_to(editor.body, 0)
    with qtbot.waitSignal(editor.text_edited) as blocker:
        type_chinese(editor.body, "今年")
    assert blocker.args == [node_in]
    assert node_in.body.startswith("今年班子全年开展理论学习")
    assert node_in.body.count("⟦") == 5


def test_a_burst_of_typing_is_one_undo_step(qtbot, editor, node_in):
    stack = editor.session.undo_stack
    original = node_in.body
    move_to(editor.body, 0)
    for text in ("今", "年", "度"):
        type_chinese(editor.body, text)
    assert node_in.body.startswith("今年度")
    assert stack.count() == 1 and stack.undoText() == "输入文字"
    with qtbot.waitSignal(editor.session.saved):  # the burst's writes go out together, soon
        pass
    assert stored_node(editor).body == node_in.body
    stack.undo()
    assert node_in.body == original and editor.body.content() == original
    assert editor.body.textCursor().position() == 0  # where the typing was
    assert stored_node(editor).body == original


def test_flush_ends_the_burst(qtbot, editor, node_in):
    stack = editor.session.undo_stack
    type_chinese(editor.body, "新")
    assert stack.count() == 1 and node_in.body.startswith("新")
    type_chinese(editor.body, "的")
    assert stack.count() == 1
    editor.flush()
    type_chinese(editor.body, "一年")
    assert stack.count() == 2 and node_in.body.startswith("新的一年")
    stack.undo()
    assert node_in.body.startswith("新的班子")
    assert editor.body.textCursor().position() == 2


def test_typing_in_the_heading_then_the_body_is_two_steps(editor, node_in):
    stack = editor.session.undo_stack
    editor.heading.setFocus()
    editor.heading.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(editor.heading, "再加强")
    editor.body.setFocus()
    move_to(editor.body, 0)
    type_chinese(editor.body, "今年")
    assert stack.count() == 2
    stack.undo()
    assert node_in.heading.endswith("再加强") and not node_in.body.startswith("今年")
    stack.undo()
    assert node_in.heading == "政治学习常抓不懈。" == editor.heading.content()
    assert editor.heading.textCursor().position() == len("政治学习常抓不懈。")
    stack.redo()
    stack.redo()
    assert editor.body.content() == node_in.body and node_in.body.startswith("今年")


def test_set_node_flushes_the_previous_node(editor, node_in):
    seen = []
    editor.text_edited.connect(seen.append)
    type_chinese(editor.body, "改")
    other = Node(NodeKind.CLOSING, body="结尾。")
    editor.set_node(other)
    assert seen == [node_in]
    assert node_in.body.startswith("改")
    assert editor.body.content() == "结尾。"


def test_selecting_the_same_node_again_keeps_the_cursor(editor, node_in):
    move_to(editor.body, 7)
    type_chinese(editor.body, "新")
    editor.set_node(node_in, lambda: 500)
    assert editor.body.textCursor().position() == 8
    assert editor.session.undo_stack.canUndo() and not editor.body.document().isUndoAvailable()
    node_in.body = "外部改写的正文。"
    editor.refresh_fields()
    assert editor.body.content() == "外部改写的正文。"


def test_deleting_a_chip_removes_its_field_and_undo_brings_it_back(qtbot, editor, node_in):
    field_3 = node_in.field_by_id(3)
    pos = dict((f, p) for p, f in editor.body._chip_positions())[3]
    move_to(editor.body, pos + 1)
    qtbot.keyClick(editor.body, Qt.Key.Key_Backspace)
    assert [f.fid for f in node_in.fields] == [1, 2, 4, 5]
    assert token(3) not in node_in.body
    assert editor.fields_model.rowCount() == 4
    assert editor.session.undo_stack.undoText() == "删除指标"
    assert [f.fid for f in stored_node(editor).fields] == [1, 2, 4, 5]
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # no window: still the stack
    assert [f.fid for f in node_in.fields] == [1, 2, 3, 4, 5]
    assert node_in.field_by_id(3) is field_3
    assert editor.body.field_ids() == [1, 2, 3, 4, 5] and editor.fields_model.rowCount() == 5
    assert editor.body.textCursor().position() == pos + 1
    assert [f.fid for f in stored_node(editor).fields] == [1, 2, 3, 4, 5]


def test_insert_field_makes_a_blank_chip_with_a_fresh_id(qtbot, editor, node_in):
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(editor.body, "全年新增宣讲")
    fid = editor.insert_field(FieldKind.NUMBER, unit="场")
    second = editor.insert_field(FieldKind.TEXT)
    assert (fid, second) == (100, 101)
    added = node_in.field_by_id(100)
    assert (added.unit, added.value, added.label) == ("场", None, "新增宣讲")
    assert node_in.body.endswith(f"全年新增宣讲{token(100)}{token(101)}")
    assert editor.body.chip_texts()[-2:] == ["X场", "X"]


def test_insert_number_asks_the_unit(monkeypatch, editor, node_in):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("人次", True))
    editor.insert_number_action.trigger()
    assert node_in.field_by_id(100).unit == "人次"
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("", False))
    assert editor.insert_field(FieldKind.NUMBER) is None
    assert [f.fid for f in node_in.fields] == [100, 1, 2, 3, 4, 5]


def test_context_menu_offers_the_insert_actions(editor, node_in):
    menu = editor.context_menu(QPoint(5, 5))
    shown = [action.text() for action in menu.actions()]
    assert "插入空白指标" in shown and "插入填空" in shown
    assert len(shown) > 3  # copy / paste stay
    menu.deleteLater()


def test_context_menu_undo_walks_the_session_stack(editor, node_in):
    type_chinese(editor.body, "今年")
    menu = editor.context_menu(QPoint(5, 5))
    undo = next(a for a in menu.actions() if a.text().startswith("撤销"))
    redo = next(a for a in menu.actions() if a.text().startswith("重做"))
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert not node_in.body.startswith("今年") and editor.session.undo_stack.index() == 0
    menu.deleteLater()


def test_table_edit_is_requested_not_applied(qtbot, editor, node_in):
    model = editor.fields_model
    with qtbot.waitSignal(editor.field_edit_requested, check_params_cb=lambda *a: "value" in a[2]) as blocker:
        assert model.setData(model.index(1, 1), "1,234.5")
    assert blocker.args == [node_in, 2, {"precision": 1, "value": 1234.5}]
    assert isinstance(blocker.args[2]["value"], float)
    assert node_in.field_by_id(2).value is None
    with qtbot.waitSignal(editor.field_edit_requested, check_params_cb=lambda *a: "value" in a[2]) as blocker:
        assert model.setData(model.index(0, 1), "")
    assert blocker.args == [node_in, 1, {"value": None}]
    with qtbot.waitSignal(editor.field_edit_requested) as blocker:
        assert model.setData(model.index(0, 3), "１２３")
    assert blocker.args == [node_in, 1, {"last_value": 123}]


def test_table_refuses_a_word_in_a_number_field(qtbot, editor, node_in):
    model = editor.fields_model
    with qtbot.assertNotEmitted(editor.field_edit_requested):
        assert not model.setData(model.index(1, 1), "abc")
    assert "不是数字" in editor.status.text()
    assert node_in.field_by_id(2).value is None


def test_refresh_fields_after_an_outside_change(editor, node_in):
    move_to(editor.body, 5)
    node_in.field_by_id(2).value = 6
    editor.refresh_fields()
    assert editor.body.chip_texts()[1] == "6次"
    model = editor.fields_model
    assert model.data(model.index(1, 1)) == "6"
    assert model.data(model.index(1, 4)) == "下降25%"
    assert editor.body.textCursor().position() == 5


def test_focus_field_selects_row_and_places_cursor(editor, node_in):
    editor.focus_field(3)
    assert editor.table.currentIndex().row() == 2
    chip_pos = dict((f, p) for p, f in editor.body._chip_positions())[3]
    assert editor.body.textCursor().position() == chip_pos + 1


def test_guess_label_names_a_new_field_as_the_importer_would():
    from model.draft import find_fields

    sentence = "局党组中心组全年开展理论学习"
    assert guess_label(sentence) == "理论学习" == find_fields(sentence + "X次", 1)[1][0].label
    assert guess_label("其中，集中研学") == "集中研学"
    assert guess_label("开展学习\ufffc，走访群众") == "走访群众"  # a chip before ends the clause
    assert guess_label("") == ""


def test_screenshot_of_a_node(editor, node_in, tmp_path):
    editor.focus_field(1)
    path = tmp_path / "node-editor.png"
    image = editor.grab()
    assert image.save(str(path))
    assert path.stat().st_size > 5000
    # the blank chips are drawn in their yellow: sample just inside the "X次" chip's left edge
    body_image = editor.body.viewport().grab().toImage()
    pos = dict((f, p) for p, f in editor.body._chip_positions())[2]
    left = editor.body.cursorRect(cursor_at(editor.body, pos))
    colour = body_image.pixelColor(QPoint(left.left() + 3, left.center().y()))
    assert colour.red() > 200 and colour.blue() < 200



def test_content_stays_in_step_with_the_document_through_any_edit(qtbot):
    """content() is kept per paragraph as the text changes; it must equal a full reading after every edit."""
    import random

    edit = FieldTextEdit()
    qtbot.addWidget(edit)
    node = make_node()
    edit.set_content(node.body, node.fields)
    rnd = random.Random(7)
    for step in range(400):
        length = edit.document().characterCount() - 1
        cursor = edit.textCursor()
        cursor.setPosition(rnd.randint(0, length))
        cursor.setPosition(rnd.randint(0, length), QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        choice = rnd.random()
        if choice < 0.4:
            edit.textCursor().insertText(rnd.choice(["字", "两个字", "\n", "上\n下"]))
        elif choice < 0.6:
            edit.textCursor().removeSelectedText()
        elif choice < 0.7:
            edit.textCursor().deletePreviousChar()
        elif choice < 0.8:
            edit.insert_field(Field(rnd.randint(10, 99)))
        elif choice < 0.9:
            mime = edit.createMimeDataFromSelection()
            edit.textCursor().removeSelectedText()
            edit.insertFromMimeData(mime)
        else:
            edit.textCursor().insertBlock()
        assert edit.content() == edit._serialise(0, edit.document().characterCount() - 1), step
