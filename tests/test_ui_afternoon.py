"""What a clerk trips over in an afternoon in the window: undo shows where it acts, and the tree's
selection is never gathered by a held Ctrl (found under a real X server, tests offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_ui_window import make_report  # noqa: E402
from ui_helpers import press, shown_window  # noqa: E402

from model.store import Store  # noqa: E402
from ui import commands as cmd  # noqa: E402


@pytest.fixture
def win(qtbot, tmp_path):
    store = Store(tmp_path / "data" / "reportdesk.db")
    store.add_report(make_report())
    yield shown_window(qtbot, store, tmp_path / "settings.ini")
    store.close()


def selected(win) -> list:
    model = win.session.model
    return [model.node(i) for i in win.tree.selectionModel().selectedRows()]


def test_ctrl_z_held_shows_the_node_it_undoes_without_adding_it_to_the_selection(win):
    report = win.session.report
    there, here = report.nodes[2].children[0], report.nodes[1].children[0]
    win.select_node(there)
    win.session.undo_stack.push(cmd.SetFieldCommand(win.session, there, 5, "value", 40))
    win.select_node(here)
    win.tree.setFocus()
    QTest.keyPress(win.tree, Qt.Key_Control, Qt.ControlModifier)  # the clerk holds Ctrl for Ctrl+Z: the tree reads it
    try:
        win.act_undo.trigger()
    finally:
        QTest.keyRelease(win.tree, Qt.Key_Control)
    assert win.current_node() is there
    assert selected(win) == [there]  # not [here, there]: a Delete now removes only what is shown


def test_undoing_a_delete_selects_what_came_back_and_forgets_the_delete_message(win):
    report = win.session.report
    section = report.nodes[1]
    win.select_node(section)
    win.tree.setFocus()
    press(win.tree, Qt.Key_Delete)
    assert win.statusBar().currentMessage().startswith("已删除")
    press(win.tree, Qt.Key_Z, Qt.ControlModifier)
    assert report.nodes[1] is section
    assert win.current_node() is section and selected(win) == [section]
    assert win.statusBar().currentMessage() == ""  # no "已删除 …" over a node that is back


def test_redoing_an_added_node_selects_it(win):
    report = win.session.report
    win.select_node(report.nodes[2])
    win.act_add_sibling.trigger()
    new = report.nodes[3]
    win.act_undo.trigger()
    assert new not in report.nodes
    win.act_redo.trigger()
    assert report.nodes[3] is new and win.current_node() is new
