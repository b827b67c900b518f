"""The node editor: atomic field chips, Chinese typing, debounced saves, field edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from conftest import FIXTURES
from model.draft import read_draft
from model.report import Field, FieldKind, Node, NodeKind, token
from ui.node_editor import NodeEditor, guess_label
from ui.text_block import HEADING_LINES, FieldTextEdit, join_lines


def make_node() -> Node:
    """An item in the genre's shape: three filled numbers, two blanks (one of them a name)."""
    fields = [
        Field(1, value=24, unit="次", label="理论学习", last_value=20),
        Field(2, value=None, unit="次", label="集中研学", last_value=8),
        Field(3, value=36, unit="篇", label="学习体会", last_value=30),
        Field(4, kind=FieldKind.TEXT, value=None, label="示范社区"),
        Field(5, value=98.5, unit="%", precision=1, label="办复率", last_value=97),
    ]
    body = (f"班子全年开展理论学习{token(1)}，其中集中研学{token(2)}，成员撰写学习体会{token(3)}。"
            "班子成员带头深入基层调研，推动学习成果转化为解决实际问题的具体举措。"
            f"\n推进{token(4)}等清廉文化载体建设，建议提案办复率{token(5)}，群众满意度持续提升。")
    return Node(NodeKind.ITEM, heading="政治学习常抓不懈。", body=body, fields=fields, id=11)


@pytest.fixture
def editor(qtbot):
    widget = NodeEditor()
    qtbot.addWidget(widget)
    widget.resize(1000, 420)
    widget.show()
    return widget


@pytest.fixture
def node_in(editor):
    node = make_node()
    ids = iter(range(100, 200))
    editor.set_node(node, lambda: next(ids))
    return node


def type_chinese(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def move_to(text_edit: FieldTextEdit, position: int) -> None:
    cursor = text_edit.textCursor()
    cursor.setPosition(position)
    text_edit.setTextCursor(cursor)


def chip_point(text_edit: FieldTextEdit, fid: int) -> QPoint:
    """The middle of a chip, in viewport coordinates."""
    pos = dict((f, p) for p, f in text_edit._chip_positions())[fid]
    left = text_edit.cursorRect(_cursor(text_edit, pos))
    right = text_edit.cursorRect(_cursor(text_edit, pos + 1))
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def _cursor(text_edit, pos):
    cursor = QTextCursor(text_edit.document())
    cursor.setPosition(pos)
    return cursor


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
    edit.undo()
    assert edit.content() == f"甲乙{token(1)}丙"


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


def test_heading_edit_reaches_the_node(qtbot, editor, node_in):
    editor.heading.setFocus()
    editor.heading.selectAll()
    type_chinese(editor.heading, "理论武装持续加强。")
    editor.flush()
    assert node_in.heading == "理论武装持续加强。"


def test_a_burst_of_typing_emits_once(qtbot, editor, node_in):
    seen = []
    editor.text_edited.connect(seen.append)
    move_to(editor.body, 0)
    with qtbot.waitSignal(editor.text_edited):
        for text in ("今", "年", "度"):
            type_chinese(editor.body, text)
    assert seen == [node_in]
    assert not editor._timer.isActive()
    assert node_in.body.startswith("今年度")


def test_flush_emits_at_once_and_only_when_pending(qtbot, editor, node_in):
    seen = []
    editor.text_edited.connect(seen.append)
    type_chinese(editor.body, "新")
    assert seen == []
    editor.flush()
    assert seen == [node_in]
    assert node_in.body.startswith("新")
    editor.flush()
    assert seen == [node_in]


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
    assert editor.body.document().isUndoAvailable()
    node_in.body = "外部改写的正文。"
    editor.refresh_fields()
    assert editor.body.content() == "外部改写的正文。"


def test_deleting_a_chip_removes_its_field_and_undo_brings_it_back(qtbot, editor, node_in):
    field_3 = node_in.field_by_id(3)
    pos = dict((f, p) for p, f in editor.body._chip_positions())[3]
    move_to(editor.body, pos + 1)
    qtbot.keyClick(editor.body, Qt.Key.Key_Backspace)
    editor.flush()
    assert [f.fid for f in node_in.fields] == [1, 2, 4, 5]
    assert token(3) not in node_in.body
    assert editor.fields_model.rowCount() == 4
    editor.body.undo()
    editor.flush()
    assert [f.fid for f in node_in.fields] == [1, 2, 3, 4, 5]
    assert node_in.field_by_id(3) is field_3


def test_insert_field_makes_a_blank_chip_with_a_fresh_id(qtbot, editor, node_in):
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(editor.body, "全年新增宣讲")
    fid = editor.insert_field(FieldKind.NUMBER, unit="场")
    second = editor.insert_field(FieldKind.TEXT)
    assert (fid, second) == (100, 101)
    added = node_in.field_by_id(100)
    assert (added.unit, added.value, added.label) == ("场", None, "全年新增宣讲")
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
    assert len(shown) > 3  # the text's own undo / copy / paste stay
    menu.deleteLater()


def test_table_edit_is_requested_not_applied(qtbot, editor, node_in):
    model = editor.fields_model
    with qtbot.waitSignal(editor.field_edit_requested) as blocker:
        assert model.setData(model.index(1, 1), "1,234.5")
    assert blocker.args == [node_in, 2, "value", 1234.5]
    assert isinstance(blocker.args[3], float)
    assert node_in.field_by_id(2).value is None
    with qtbot.waitSignal(editor.field_edit_requested) as blocker:
        assert model.setData(model.index(0, 1), "")
    assert blocker.args == [node_in, 1, "value", None]
    with qtbot.waitSignal(editor.field_edit_requested) as blocker:
        assert model.setData(model.index(0, 3), "１２３")
    assert blocker.args == [node_in, 1, "last_value", 123]


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
    assert model.data(model.index(1, 4)) == "-25.0%"
    assert editor.body.textCursor().position() == 5


def test_focus_field_selects_row_and_places_cursor(editor, node_in):
    editor.focus_field(3)
    assert editor.table.currentIndex().row() == 2
    chip_pos = dict((f, p) for p, f in editor.body._chip_positions())[3]
    assert editor.body.textCursor().position() == chip_pos + 1


def test_guess_label_takes_the_words_before_the_field():
    assert guess_label("局党组中心组全年开展理论学习") == "全年开展理论学习"
    assert guess_label("其中，集中研学") == "集中研学"
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
    left = editor.body.cursorRect(_cursor(editor.body, pos))
    colour = body_image.pixelColor(QPoint(left.left() + 3, left.center().y()))
    assert colour.red() > 200 and colour.blue() < 200


# -- fields in the heading ---------------------------------------------------------

def heading_node() -> Node:
    """The WPS fixture's item whose heading holds two blanks (新建高标准农田⟦7⟧，完成投资⟦8⟧)."""
    node = next(n for n in read_draft(FIXTURES / "wps_indents.docx").walk() if "⟦" in n.heading)
    node.id = 21
    return node


@pytest.fixture
def heading_in(editor):
    node = heading_node()
    ids = iter(range(100, 200))
    editor.set_node(node, lambda: next(ids))
    return node


def test_heading_tokens_show_as_chips(editor, heading_in):
    heading = editor.heading
    assert "⟦" not in heading.toPlainText()
    assert heading.chip_texts() == ["X亩", "X万元"]
    assert heading.content() == heading_in.heading
    assert heading.placeholderText() == "标题句（如：政治学习常抓不懈。）"
    assert heading.font().bold()
    image = heading.viewport().grab().toImage()  # the blank chip is drawn in its yellow
    pos = dict((f, p) for p, f in heading._chip_positions())[7]
    left = heading.cursorRect(_cursor(heading, pos))
    colour = image.pixelColor(QPoint(left.left() + 3, left.center().y()))
    assert colour.red() > 200 and colour.blue() < 200


def test_deleting_a_heading_chip_removes_its_field_and_undo_brings_it_back(qtbot, editor, heading_in):
    pos = dict((f, p) for p, f in editor.heading._chip_positions())[7]
    move_to(editor.heading, pos + 1)
    qtbot.keyClick(editor.heading, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(editor.text_edited):
        pass
    assert [f.fid for f in heading_in.fields] == [8]
    assert heading_in.heading == "推进高标准农田建设，新建高标准农田，完成投资⟦8⟧。"
    editor.heading.undo()
    editor.flush()
    assert [f.fid for f in heading_in.fields] == [7, 8]
    assert editor.fields_model.rowCount() == 2


def test_enter_in_the_heading_moves_to_the_body(qtbot, editor, heading_in):
    editor.heading.setFocus()
    move_to(editor.heading, 4)
    for modifier in (Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.NoModifier):  # Qt keeps the last modifiers
        qtbot.keyClick(editor.heading, Qt.Key.Key_Return, modifier)
        qtbot.keyClick(editor.heading, Qt.Key.Key_Enter, modifier)
    assert editor.heading.document().blockCount() == 1
    assert editor.heading.content() == heading_in.heading
    assert editor.focusWidget() is editor.body
    assert editor.body.textCursor().position() == 0


def test_chinese_typing_reaches_the_heading(qtbot, editor, heading_in):
    move_to(editor.heading, 0)
    with qtbot.waitSignal(editor.text_edited) as blocker:
        type_chinese(editor.heading, "继续")
    assert blocker.args == [heading_in]
    assert heading_in.heading == "继续推进高标准农田建设，新建高标准农田⟦7⟧，完成投资⟦8⟧。"
    assert [f.fid for f in heading_in.fields] == [7, 8]


def test_paste_into_the_heading_joins_lines(editor, heading_in):
    mime = QMimeData()
    mime.setText("粮食生产\n稳中有增，\r\n  产量创新高\n")
    move_to(editor.heading, 0)
    editor.heading.insertFromMimeData(mime)
    assert editor.heading.document().blockCount() == 1
    assert editor.heading.content().startswith("粮食生产稳中有增，产量创新高推进")
    assert join_lines("GDP\ngrew 5%\n同比\n增长") == "GDP grew 5%同比增长"


def test_heading_height_fits_its_text(editor, heading_in):
    short = editor.heading.height()
    line = editor.heading.fontMetrics().lineSpacing()
    assert line < short < 2 * line
    heading_in.heading = "推进高标准农田建设，" * 12 + "新建高标准农田⟦7⟧。"
    editor.refresh_fields()
    assert 2 * line < editor.heading.height() < (HEADING_LINES + 1) * line
    heading_in.heading = "推进高标准农田建设，" * 60
    editor.refresh_fields()
    assert editor.heading.height() < (HEADING_LINES + 1) * line


def test_focus_field_and_refresh_reach_heading_chips(editor, heading_in):
    editor.focus_field(8)
    assert editor.table.currentIndex().row() == 1
    chip_pos = dict((f, p) for p, f in editor.heading._chip_positions())[8]
    assert editor.heading.textCursor().position() == chip_pos + 1
    heading_in.field_by_id(8).value = 350
    editor.refresh_fields()
    assert editor.heading.chip_texts() == ["X亩", "350万元"]


def test_insert_field_goes_where_the_cursor_is(editor, heading_in):
    editor.heading.setFocus()
    editor.heading.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(editor.heading, "带动就业")
    fid = editor.insert_field(FieldKind.NUMBER, unit="人")
    assert heading_in.heading.endswith(f"带动就业{token(fid)}")
    assert heading_in.field_by_id(fid).label == "带动就业"
    assert editor.heading.chip_texts()[-1] == "X人"


def test_a_chip_cut_from_the_body_pastes_into_the_heading(editor, node_in):
    pos = dict((f, p) for p, f in editor.body._chip_positions())[2]
    cursor = editor.body.textCursor()
    cursor.setPosition(pos)
    cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
    editor.body.setTextCursor(cursor)
    editor.body.cut()
    editor.heading.moveCursor(QTextCursor.MoveOperation.End)
    editor.heading.paste()
    editor.flush()
    assert node_in.heading == f"政治学习常抓不懈。{token(2)}"
    assert token(2) not in node_in.body
    assert [f.fid for f in node_in.fields] == [2, 1, 3, 4, 5]
