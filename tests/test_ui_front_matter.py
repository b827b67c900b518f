"""The 文前 row: front matter kept at import is the tree's top row, edited as one undoable step."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402
from test_ui_window import make_report, reloaded  # noqa: E402
from ui_helpers import press, shown_window, type_chinese  # noqa: E402

from model.report import Node, NodeKind  # noqa: E402
from model.store import Store  # noqa: E402
from ui import front_matter  # noqa: E402

FRONT = ["（2025年2月8日）", "区长  李某某", "同志们："]


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "reportdesk.db"


def _window(qtbot, db_path, tmp_path, front: list[str]):
    report = make_report()
    report.front_matter = list(front)
    store = Store(db_path)
    store.add_report(report)
    return shown_window(qtbot, store, tmp_path / "settings.ini", size=(1200, 800)), store


@pytest.fixture
def win(qtbot, db_path, tmp_path):
    w, store = _window(qtbot, db_path, tmp_path, FRONT)
    yield w
    store.close()


def test_front_matter_is_the_top_row_and_the_nodes_follow(win):
    model = win.session.model
    report = win.session.report
    assert model.rowCount() == len(report.nodes) + 1
    top = model.index(0, 0)
    assert model.is_front(top) and model.node(top) is None
    assert top.data() == "〔文前〕（2025年2月8日）／区长  李某某／同志们："
    assert model.node(model.index(1, 0)) is report.nodes[0]
    assert model.index_for(report.nodes[0]).row() == 1
    assert model.parent(model.index_for(report.nodes[1].children[0])).row() == 2
    assert not model.flags(top) & Qt.ItemIsDragEnabled


def test_nodes_inserted_moved_and_removed_at_the_top_level_keep_the_row_first(win):
    model, report = win.session.model, win.session.report
    new = Node(NodeKind.SECTION, "新增部分", "")
    model.insert_node(None, 0, new)
    assert report.nodes[0] is new and model.index_for(new).row() == 1 and model.is_front(model.index(0, 0))
    model.move_node(new, None, 2)
    assert report.nodes[2] is new and model.node(model.index(3, 0)) is new
    model.remove_node(new)
    assert model.rowCount() == len(report.nodes) + 1 and model.is_front(model.index(0, 0))


def test_f2_on_the_row_edits_it_typed_chinese_is_stored_and_ctrl_z_undoes(win, db_path, monkeypatch):
    def typed(dialog):
        cursor = dialog.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        dialog.text.setTextCursor(cursor)
        press(dialog.text, Qt.Key.Key_Return)
        type_chinese(dialog.text, "来源：区政府办公室")
        return QDialog.Accepted

    monkeypatch.setattr(front_matter.FrontMatterDialog, "exec", typed)
    win.tree.setFocus()
    win.tree.setCurrentIndex(win.session.model.index(0, 0))
    press(win.tree, Qt.Key.Key_F2)
    expected = [*FRONT, "来源：区政府办公室"]
    assert win.session.report.front_matter == expected
    assert win.session.model.index(0, 0).data().endswith("／来源：区政府办公室")
    win.session.flush()
    assert reloaded(db_path, win.session.report.id).front_matter == expected
    press(win.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.session.report.front_matter == FRONT
    win.session.flush()
    assert reloaded(db_path, win.session.report.id).front_matter == FRONT


def test_a_cancelled_editor_changes_nothing(win, monkeypatch):
    monkeypatch.setattr(front_matter.FrontMatterDialog, "exec", lambda dialog: QDialog.Rejected)
    front_matter.edit_front_matter(win)
    assert win.session.report.front_matter == FRONT and not win.session.undo_stack.canUndo()


def test_a_report_without_front_matter_has_no_such_row(qtbot, db_path, tmp_path):
    w, store = _window(qtbot, db_path, tmp_path, [])
    model = w.session.model
    assert model.rowCount() == len(w.session.report.nodes)
    assert not model.is_front(model.index(0, 0)) and model.node(model.index(0, 0)) is w.session.report.nodes[0]
    store.close()
