"""The heading sentence in the node editor: chips in one paragraph, Enter to the body, joined pastes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QTextCursor
from ui_helpers import cursor_at, move_to, open_node, type_chinese

from conftest import FIXTURES
from model.draft import read_draft
from model.report import FieldKind, Node, token
from ui.heading_edit import HEADING_LINES, join_lines


def heading_node() -> Node:
    """The WPS fixture's item whose heading holds two blanks (新建高标准农田⟦7⟧，完成投资⟦8⟧)."""
    node = next(n for n in read_draft(FIXTURES / "wps_indents.docx").walk() if "⟦" in n.heading)
    node.id = 21
    return node


@pytest.fixture
def heading_in(editor):
    return open_node(editor, heading_node())


def test_heading_edit_reaches_the_node(qtbot, editor, node_in):
    editor.heading.setFocus()
    editor.heading.selectAll()
    type_chinese(editor.heading, "理论武装持续加强。")
    editor.flush()
    assert node_in.heading == "理论武装持续加强。"


def test_heading_tokens_show_as_chips(editor, heading_in):
    heading = editor.heading
    assert "⟦" not in heading.toPlainText()
    assert heading.chip_texts() == ["X亩", "X万元"]
    assert heading.content() == heading_in.heading
    assert heading.placeholderText() == "标题句（如：政治学习常抓不懈。）"
    assert heading.font().bold()
    image = heading.viewport().grab().toImage()  # the blank chip is drawn in its yellow
    pos = dict((f, p) for p, f in heading._chip_positions())[7]
    left = heading.cursorRect(cursor_at(heading, pos))
    colour = image.pixelColor(QPoint(left.left() + 3, left.center().y()))
    assert colour.red() > 200 and colour.blue() < 200


def test_deleting_a_heading_chip_removes_its_field_and_undo_brings_it_back(qtbot, editor, heading_in):
    pos = dict((f, p) for p, f in editor.heading._chip_positions())[7]
    move_to(editor.heading, pos + 1)
    qtbot.keyClick(editor.heading, Qt.Key.Key_Backspace)  # pushed at once, one undo step
    assert [f.fid for f in heading_in.fields] == [8]
    assert heading_in.heading == "推进高标准农田建设，新建高标准农田，完成投资⟦8⟧。"
    qtbot.keyClick(editor.heading, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [f.fid for f in heading_in.fields] == [7, 8]
    assert editor.fields_model.rowCount() == 2 and editor.heading.field_ids() == [7, 8]
    qtbot.keyClick(editor.heading, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [f.fid for f in heading_in.fields] == [8]


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
