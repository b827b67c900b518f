"""What the first paint does not need waits: the 所有指标 tab and the dialogs' modules load when first used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from grid_helpers import grid_report  # noqa: E402

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
            "         'ui.workbook_flow', 'ui.print_dialog', 'export.printing', 'model.draft', 'sqlite_utils']\n"
            "print(' '.join(name for name in heavy if name in sys.modules) or 'none')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "none"
