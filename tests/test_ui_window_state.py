"""The window as a writing program keeps it: the title bar, Ctrl+S, and its state saved as it changes."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from test_ui_window import make_report, reloaded  # noqa: E402
from ui_helpers import press, type_chinese  # noqa: E402

from model.store import Store  # noqa: E402
from ui import app as app_module  # noqa: E402
from ui import settings as keys  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "reportdesk.db"


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    s.add_report(make_report())
    yield s
    s.close()


def open_window(qtbot, store, tmp_path) -> MainWindow:
    """The real window (real node editor) on screen, settings in tmp_path."""
    win = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    with qtbot.waitActive(win):  # shortcuts go to the active window
        win.show()
        win.activateWindow()
    return win


def as_shown(title: str) -> str:
    """What xcb and Windows put in the title bar: Qt appends the display name when one is set."""
    name = QGuiApplication.applicationDisplayName()
    if name != QCoreApplication.applicationName() and not title.endswith(name):
        return f"{title} — {name}"
    return title


def test_the_title_bar_names_the_program_once_and_the_report_in_brackets(qtbot, store, tmp_path):
    app_module.make_app()
    win = open_window(qtbot, store, tmp_path)
    shown = as_shown(win.windowTitle())
    assert shown == "报告编制助手 — 《2024年领导班子述职述廉报告》"
    assert shown.count("报告编制助手") == 1


def test_ctrl_s_saves_what_was_just_typed_and_says_so(qtbot, store, tmp_path, db_path):
    win = open_window(qtbot, store, tmp_path)
    item = win.session.report.nodes[1].children[0]
    win.select_node(item)
    win.editor.body.setFocus()
    win.editor.body.moveCursor(win.editor.body.textCursor().MoveOperation.End)
    type_chinese(win.editor.body, "成效明显")
    assert "成效明显" not in reloaded(db_path, win.session.report.id).nodes[1].children[0].body  # still debounced
    press(win.editor.body, Qt.Key_S, Qt.ControlModifier)
    assert reloaded(db_path, win.session.report.id).nodes[1].children[0].body.endswith("成效明显")
    assert win.saved_label.text().startswith("已保存 ")
    assert win.statusBar().currentMessage() == "已全部保存到数据文件"


def test_layout_and_place_are_saved_as_they_change_not_only_on_exit(qtbot, store, tmp_path):
    win = open_window(qtbot, store, tmp_path)
    item = win.session.report.nodes[2].children[0]
    win.select_node(item)
    win.resize(760, 560)  # inside the offscreen screen (800×600): restoring clamps to it
    win.splitter.setSizes([300, 800])
    win.splitter.splitterMoved.emit(300, 1)
    qtbot.waitUntil(lambda: not win.state.pending())
    saved = Settings(tmp_path / "settings.ini")  # read back while the window is still open: as after a kill
    assert saved.value(keys.LAST_NODE) == item.id
    assert saved.value(keys.LAST_REPORT) == win.session.report.id
    assert not saved.value(keys.GEOMETRY).isEmpty() and not saved.value(keys.EDITOR_SPLITTER).isEmpty()
    again = open_window(qtbot, store, tmp_path)
    assert again.current_node().id == item.id
    assert again.size().width() == 760 and again.splitter.sizes()[0] == win.splitter.sizes()[0]


def test_a_dock_moved_is_remembered(qtbot, store, tmp_path):
    win = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: not win.state.pending())
    win.show_checks()
    win.addDockWidget(Qt.LeftDockWidgetArea, win.checks_dock)
    qtbot.waitUntil(lambda: not win.state.pending())
    again = open_window(qtbot, store, tmp_path)
    assert "find_dock" not in again._docks  # never opened: never built
    qtbot.waitUntil(lambda: "checks_dock" in again._docks)  # built after the first paint, unasked
    assert again.dockWidgetArea(again.checks_dock) == Qt.LeftDockWidgetArea
    assert again.checks_dock.isVisibleTo(again)



def test_the_restored_node_is_kept_when_nothing_else_is_chosen(qtbot, store, tmp_path):
    win = open_window(qtbot, store, tmp_path)
    item = win.session.report.nodes[2].children[0]
    win.select_node(item)
    win.state.save()
    again = open_window(qtbot, store, tmp_path)
    assert again.current_node().id == item.id
    qtbot.waitUntil(lambda: not again.state.pending())
    assert Settings(tmp_path / "settings.ini").value(keys.LAST_NODE) == item.id  # not reset by opening
