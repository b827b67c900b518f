"""Layout at 1024×700: nothing cut off, the fields table's names readable and its change column in view."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QToolBar  # noqa: E402
from ui_helpers import shown_window  # noqa: E402

from model.workspace import open_workspace  # noqa: E402


@pytest.fixture
def small(qtbot, tmp_path):
    store = open_workspace(tmp_path / "data")
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1024, 700), active=False)
    store.close()


def test_the_fields_table_keeps_its_names_and_change_column_at_1024(small, qtbot):
    item = max(small.session.report.walk(), key=lambda n: len(n.fields))
    small.select_node(item)
    table = small.editor.table
    small.editor.splitter.setSizes([5000, 10])  # the clerk drags the divider (or a saved layout is narrow)
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(4) > 0)
    header = table.horizontalHeader()
    char = table.fontMetrics().horizontalAdvance("中")
    assert header.sectionViewportPosition(4) + header.sectionSize(4) <= table.viewport().width()
    assert header.sectionSize(0) >= 4 * char  # 名称 readable, not "瓶…"
    assert small.editor.body.width() >= 14 * char  # the text still reads in lines, not a column


def test_nothing_is_cut_off_at_1024(small):
    toolbar = small.findChild(QToolBar, "main_toolbar")
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if widget is not None and not action.isSeparator():
            assert widget.isVisible() and widget.geometry().right() <= toolbar.width(), action.text()
    menubar = small.menuBar()
    last = menubar.actions()[-1]
    assert menubar.actionGeometry(last).right() <= menubar.width()
    assert small.tree.width() >= 240 and small.counts.label.isVisible()
