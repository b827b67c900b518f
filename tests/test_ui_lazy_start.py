"""What the first paint does not need waits: the 所有指标 tab and the dialogs' modules load when first used;
上年对照 is built right after the first paint, by itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from grid_helpers import grid_report  # noqa: E402
from PySide6.QtCore import QModelIndex, Qt, QTranslator  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from ui_helpers import shown_window  # noqa: E402

from model.store import Store  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def test_the_grid_tab_is_built_when_the_clerk_first_opens_it(qtbot, tmp_path):
    store = Store(tmp_path / "lazy.db")
    store.add_report(grid_report())
    window = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    assert window._grid is None  # start-up did not build it
    window.tabs.tabBar().setCurrentIndex(1)  # as a click on 所有指标 does
    assert window._grid is not None
    assert window.tabs.currentWidget() is window.grid and window.tabs.count() == 2
    assert window.tabs.tabText(1) == "所有指标"
    qtbot.waitUntil(lambda: window.grid.model.rowCount() > 0)


def test_the_window_module_leaves_the_grid_dialogs_and_printing_unloaded():
    code = ("import sys, ui.main_window\n"
            "heavy = ['ui.grid_panel', 'ui.grid_view', 'ui.versions_dialog', 'ui.backup_dialog',\n"
            "         'ui.workbook_flow', 'ui.print_dialog', 'export.printing', 'model.draft', 'sqlite_utils',\n"
            "         'ui.export_flow', 'ui.background', 'subprocess', 'ui.front_matter']\n"
            "print(' '.join(name for name in heavy if name in sys.modules) or 'none')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "none"


def test_export_and_the_background_runner_load_with_the_first_export(qtbot, tmp_path):
    store = Store(tmp_path / "lazy.db")
    store.add_report(grid_report())
    window = shown_window(qtbot, store, tmp_path / "settings.ini", active=False)
    assert window._exports is None  # start-up did not build the export flow
    assert window.act_export.isEnabled()
    flow = window.exports  # what 导出 Word… / 导出 PDF… / 打印 call
    assert flow is window.exports and flow.window is window
    flow.status_message.emit("已导出")
    assert window.statusBar().currentMessage() == "已导出"  # its signals reach the window
    store.close()


def test_last_year_is_built_after_the_first_paint_without_being_asked(qtbot, tmp_path):
    store = Store(tmp_path / "lazy.db")
    store.add_report(grid_report())
    window = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    assert window._last_year is None  # not needed to show the window
    with qtbot.waitSignal(window.first_painted):
        window.show()
    qtbot.waitUntil(lambda: window._last_year is not None)  # nobody asked for it
    report_menu = window.report_menu.actions()
    assert window.last_year.act_show in report_menu and window.last_year.act_filter in report_menu
    assert window.last_year.act_show.shortcut().toString() == "F8"
    store.close()


def test_last_year_left_open_comes_back_open_where_it_was(qtbot, tmp_path):
    store = Store(tmp_path / "lazy.db")
    store.add_report(grid_report())
    first = shown_window(qtbot, store, tmp_path / "settings.ini", active=False)
    first.last_year.act_show.trigger()
    first.addDockWidget(Qt.LeftDockWidgetArea, first.last_year.dock)
    first.state.save()
    again = shown_window(qtbot, store, tmp_path / "settings.ini", active=False)
    qtbot.waitUntil(lambda: again._last_year is not None)
    assert again.last_year.dock.isVisibleTo(again)
    assert again.dockWidgetArea(again.last_year.dock) == Qt.LeftDockWidgetArea
    first.last_year.dock.hide()
    first.state.save()
    closed = shown_window(qtbot, store, tmp_path / "settings.ini", active=False)
    qtbot.waitUntil(lambda: closed._last_year is not None)
    assert not closed.last_year.dock.isVisibleTo(closed)  # closed stays closed
    store.close()


def test_the_tree_measures_one_row_for_all_since_every_row_is_one_line_of_one_height(qtbot, tmp_path):
    store = Store(tmp_path / "lazy.db")
    store.add_report(grid_report())
    window = shown_window(qtbot, store, tmp_path / "settings.ini", active=False)
    tree, model = window.tree, window.session.model
    assert tree.uniformRowHeights()  # the show and each expand lay out one row, not every row
    heights, stack = set(), [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            heights.add(tree.itemDelegate().sizeHint(_option(tree), index).height())
            stack.append(index)
    assert len(heights) == 1  # headings of every level (bold or not, long or short) are one line high
    store.close()


def _option(tree):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(tree)
    return option


class CountingTranslator(QTranslator):
    """Asked first (installed last), answers nothing: counts how often the window asks for a word."""

    asked = 0

    def translate(self, context, source, disambiguation=None, n=-1):
        self.asked += 1
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def test_building_the_window_asks_the_translators_once_a_word(qtbot, qapp, tmp_path):
    store = Store(tmp_path / "lazy.db")
    store.add_report(grid_report())
    counter = CountingTranslator()
    qapp.installTranslator(counter)
    try:
        window = MainWindow(store, Settings(tmp_path / "settings.ini"))
        qtbot.addWidget(window)
    finally:
        qapp.removeTranslator(counter)
    # ~90 words; a shortcut read as native text asked ~100 times each, a tr() once per ancestor class
    assert counter.asked < 150, counter.asked
    assert window.act_paste.shortcut() == QKeySequence("Ctrl+Shift+V")  # the same keys as Qt's own reading
    assert window.act_redo.shortcuts() == [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
    assert window.tr("导出 Word…") == "导出 Word…" and window.act_export.text() == "导出 Word…"
    store.close()


def test_the_first_screen_is_painted_without_building_qstyles_python_type(tmp_path):
    """Reading an item's state or a view's style from Python builds QStyle's Python type (5 ms): the
    first screen goes through Qt's own item paint, the rows' own paint starts right after it."""
    code = ("import sys, PySide6.QtWidgets as widgets, main\n"
            "from ui import app\n"
            "quit = app._painted_and_quit\n"
            "def measured(application):\n"
            "    print('QStyle' in widgets.__dict__)\n"
            "    quit(application)\n"
            "app._painted_and_quit = measured\n"
            f"main.main(['--data-dir', {str(tmp_path)!r}, '--quit-after-show'])\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "False"


def test_after_the_first_paint_the_tree_and_the_fields_table_paint_their_own_rows(qtbot, tmp_path):
    store = Store(tmp_path / "lazy.db")
    store.add_report(grid_report())
    window = shown_window(qtbot, store, tmp_path / "settings.ini", active=False)
    qtbot.waitUntil(lambda: window.tree.delegate.fast)
    assert window.editor.table.delegate.fast
