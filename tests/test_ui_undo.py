"""One undo history (撤销): the real window and editor, every change a command on the session's stack."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from test_ui_window import make_report, reloaded  # noqa: E402
from ui_helpers import shown_window, type_chinese  # noqa: E402

from model.report import FieldKind, token  # noqa: E402
from model.store import Store  # noqa: E402
from ui import commands as cmd  # noqa: E402

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "reportdesk.db"


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    store = Store(db_path)
    store.add_report(make_report())
    win = shown_window(qtbot, store, tmp_path / "settings.ini")
    yield win
    win.session.flush()
    store.close()


def item_of(window):
    """理论学习常抓不懈。 — body 全年集中学习⟦1⟧，专题研讨⟦2⟧。, field 2 blank."""
    return window.session.report.nodes[1].children[0]


def chip_end(text_edit, fid: int) -> int:
    return dict((f, p) for p, f in text_edit._chip_positions())[fid] + 1


def stored_item(window, db_path):
    window.session.flush()
    return reloaded(db_path, window.session.report.id).nodes[1].children[0]


def test_fill_a_field_delete_its_chip_then_undo_both(window, db_path):
    """The issue's KeyError(2): the table edit and the chip's deletion are two steps of one history."""
    item = item_of(window)
    window.select_node(item)
    editor = window.editor
    model = editor.fields_model
    assert model.setData(model.index(model.row_of(2), 1), "6")
    field_2 = item.field_by_id(2)
    assert field_2.value == 6
    editor.body.setFocus()
    editor.body.place_cursor(chip_end(editor.body, 2))
    editor.body.textCursor().deletePreviousChar()
    assert item.field_by_id(2) is None and token(2) not in item.body
    assert stored_item(window, db_path).field_by_id(2) is None
    assert window.act_undo.text() == "撤销 删除指标"
    window.act_undo.trigger()  # 编辑→撤销: the chip comes back with its value
    assert item.field_by_id(2) is field_2 and field_2.value == 6
    assert editor.body.field_ids() == [1, 2] and model.rowCount() == 2
    assert stored_item(window, db_path).field_by_id(2).value == 6
    window.act_undo.trigger()  # then the value
    assert field_2.value is None
    assert stored_item(window, db_path).field_by_id(2).value is None
    assert model.data(model.index(model.row_of(2), 1)) == "未填"
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert item.field_by_id(2) is None and stored_item(window, db_path).field_by_id(2) is None


def test_typing_into_a_new_node_is_undone_before_the_node(window, db_path):
    section = window.session.report.nodes[2]
    window.select_node(section.children[0])
    window.act_add_sibling.trigger()
    added = window.current_node()
    assert added is section.children[1]
    window.editor.body.setFocus()
    type_chinese(window.editor.body, "新增的一段工作。")
    assert stored_item(window, db_path) is not None
    assert reloaded(db_path, window.session.report.id).nodes[2].children[1].body == "新增的一段工作。"
    window.act_undo.trigger()
    assert section.children[1] is added and added.body == "" and window.editor.body.content() == ""
    assert reloaded(db_path, window.session.report.id).nodes[2].children[1].body == ""
    window.act_undo.trigger()
    assert len(section.children) == 1
    assert len(reloaded(db_path, window.session.report.id).nodes[2].children) == 1
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert section.children[1] is added and added.body == "新增的一段工作。"


@pytest.mark.parametrize("where", ["heading", "body", "table", "tree"])
def test_ctrl_z_and_ctrl_y_walk_the_one_history_from_any_widget(qtbot, window, where):
    item = item_of(window)
    window.select_node(item)
    editor = window.editor
    editor.heading.setFocus()
    editor.heading.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(editor.heading, "再上台阶")
    assert item.heading.endswith("再上台阶")
    widget = {"heading": editor.heading, "body": editor.body, "table": editor.table, "tree": window.tree}[where]
    widget.setFocus()
    with qtbot.waitSignal(window.act_undo.triggered, timeout=500):  # the window's shortcut, not the widget's
        qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)
    assert item.heading == "理论学习常抓不懈。" == editor.heading.content()
    qtbot.keyClick(widget, Qt.Key.Key_Y, CTRL)
    assert item.heading.endswith("再上台阶")
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL | SHIFT)
    assert item.heading.endswith("再上台阶") and editor.heading.content() == item.heading
    assert window.session.undo_stack.index() == 1
    qtbot.keyClick(window.tree, Qt.Key.Key_Escape)  # Qt keeps the last modifiers: leave none held


def test_undo_puts_the_cursor_where_the_change_was(window):
    item = item_of(window)
    window.select_node(item)
    body = window.editor.body
    body.setFocus()
    body.place_cursor(3)
    type_chinese(body, "共计")
    body.moveCursor(QTextCursor.MoveOperation.End)
    window.act_undo.trigger()
    assert body.content() == item.body == "全年集中学习⟦1⟧，专题研讨⟦2⟧。"
    assert body.textCursor().position() == 3
    window.act_redo.trigger()
    assert body.textCursor().position() == 5


def test_a_pause_starts_a_new_undo_step(window, monkeypatch):
    from ui import node_editor

    item = item_of(window)
    window.select_node(item)
    body = window.editor.body
    clock = [100.0]
    monkeypatch.setattr(node_editor.time, "monotonic", lambda: clock[0])
    type_chinese(body, "一")
    clock[0] += 0.5
    type_chinese(body, "二")
    assert window.session.undo_stack.count() == 1
    clock[0] += node_editor.BURST_PAUSE_S + 0.1
    type_chinese(body, "三")
    assert window.session.undo_stack.count() == 2
    window.act_undo.trigger()
    assert item.body.startswith("一二全年")


def test_a_command_whose_node_is_gone_is_obsolete_not_an_error(window):
    session = window.session
    item = item_of(window)
    session.undo_stack.push(cmd.SetTextCommand(session, item, "改过的标题。", item.body, item.fields))
    session.undo_stack.push(cmd.SetFieldCommand(session, item, 1, "value", 99))
    session.remove_node(item)  # behind the stack's back
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.undo_stack.count() == 0  # both dropped, nothing raised
    assert item.field_by_id(1).value == 99 and item.heading == "改过的标题。"


def test_a_field_command_whose_field_is_gone_is_obsolete(window):
    session = window.session
    item = item_of(window)
    session.undo_stack.push(cmd.SetFieldCommand(session, item, 2, "value", 5))
    session.set_text(item, item.heading, "全年集中学习⟦1⟧。", [item.field_by_id(1)])  # not through the stack
    session.undo_stack.undo()
    assert session.undo_stack.count() == 0 and item.field_by_id(2) is None
    gone = cmd.SetFieldCommand(session, item, 2, "value", 7)
    assert gone.isObsolete()
    session.undo_stack.push(gone)
    assert session.undo_stack.count() == 0


def test_a_replace_across_nodes_is_one_macro_of_text_commands(window, db_path):
    session = window.session
    report = session.report
    targets = [n for n in report.walk() if "坚持" in n.heading]
    macro = cmd.MacroCommand(session, "替换", [
        cmd.SetTextCommand(session, n, n.heading.replace("坚持", "始终坚持"), n.body, n.fields) for n in targets])
    session.undo_stack.push(macro)
    stored = reloaded(db_path, report.id)
    assert [n.heading for n in stored.nodes[1:3]] == ["始终坚持党建引领，筑牢思想根基。", "始终坚持从严治党，锤炼过硬作风。"]
    session.undo_stack.undo()
    assert reloaded(db_path, report.id).nodes[1].heading == "坚持党建引领，筑牢思想根基。"
    assert session.undo_stack.count() == 1


def test_set_text_returns_the_previous_text(window):
    session = window.session
    item = item_of(window)
    fields = list(item.fields)
    old = session.set_text(item, "新标题。", "新正文⟦1⟧。", fields[:1])
    assert old == ("理论学习常抓不懈。", "全年集中学习⟦1⟧，专题研讨⟦2⟧。", fields)
    assert session.next_fid() >= 3  # field 2 may come back by undo: its id is not given out again


def test_inserting_a_field_is_one_undo_step(window, db_path):
    item = item_of(window)
    window.select_node(item)
    editor = window.editor
    editor.body.setFocus()
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    fid = editor.insert_field(FieldKind.NUMBER, unit="次")
    assert fid == 6 and item.field_by_id(fid) is not None
    assert window.act_undo.text() == "撤销 插入指标"
    assert stored_item(window, db_path).field_by_id(fid).unit == "次"
    window.act_undo.trigger()
    assert item.field_by_id(fid) is None and editor.body.field_ids() == [1, 2]
    assert stored_item(window, db_path).field_by_id(fid) is None


def test_typing_taken_back_in_the_same_burst_leaves_nothing_to_undo(qtbot, window):
    item = item_of(window)
    window.select_node(item)
    body = window.editor.body
    body.setFocus()
    body.place_cursor(2)
    type_chinese(body, "共")
    qtbot.keyClick(body, Qt.Key.Key_Backspace)
    assert item.body == "全年集中学习⟦1⟧，专题研讨⟦2⟧。"
    assert window.session.undo_stack.count() == 0 and not window.act_undo.isEnabled()
