"""上年对照: last year's text beside this year's with the changes marked; 未改写 tinted and filtered."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from test_ui_window import make_report  # noqa: E402
from ui_helpers import type_chinese  # noqa: E402

from model.paths import DB_NAME  # noqa: E402
from model.report import Node  # noqa: E402
from model.rollover import roll_over  # noqa: E402
from model.store import Store  # noqa: E402
from ui import last_year  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402

ITEM = "理论学习常抓不懈。"


@pytest.fixture
def window(qtbot, tmp_path):
    store = Store(tmp_path / "data" / DB_NAME)
    last = make_report()
    last.nodes[0].body = "2024年，班子团结协作，较好完成了各项任务。现报告如下："
    this_year = store.add_report(roll_over(last, 2025))
    win = MainWindow(store, Settings(tmp_path / "settings.ini"))  # the real editor
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_report(this_year)
    yield win
    store.close()


def node_with(window, heading: str) -> Node:
    return next(n for n in window.session.report.walk() if n.heading == heading)


def tint(window, node: Node):
    model = window.session.model
    return model.data(model.index_for(node), Qt.BackgroundRole)


def test_a_rolled_over_report_is_all_unrewritten_years_aside(window):
    preamble = window.session.report.nodes[0]
    assert preamble.body.startswith("2025年") and preamble.last_body.startswith("2024年")  # the rollover moved it
    assert last_year.is_unrewritten(preamble)
    assert all(tint(window, n) == last_year.UNREWRITTEN_BRUSH for n in window.session.report.walk())


def test_the_dock_shows_last_years_text_and_marks_what_was_typed(window, qtbot, tmp_path):
    item = node_with(window, ITEM)
    window.select_node(item)
    window.last_year.act_show.trigger()
    view = window.last_year
    assert view.dock.isVisible()
    assert view.browser.toPlainText() == "理论学习常抓不懈。\n全年集中学习12次，专题研讨X次。"  # last year's values
    assert view.status.text().startswith("本段未改写")
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "新增学习强国打卡。")
    qtbot.waitUntil(lambda: view.status.text().startswith("本段已改写"), timeout=3000)
    assert (last_year.INSERTED, "新增学习强国打卡。") in last_year.segments(item)
    assert "background:#E3F4E4" in view.browser.toHtml() or "#e3f4e4" in view.browser.toHtml().lower()
    assert tint(window, item) is None and tint(window, window.session.report.nodes[0]) is not None
    assert window.grab().save(str(tmp_path / "last_year.png"))


def test_a_deletion_is_struck_through(window):
    item = node_with(window, ITEM)
    item.body = item.body.replace("，专题研讨", "")
    kinds = last_year.segments(item)
    assert (last_year.DELETED, "，专题研讨") in kinds
    assert "line-through" in last_year.diff_html(item)


def test_only_unrewritten_hides_the_rest_and_keeps_their_parents(window):
    item = node_with(window, ITEM)
    closing = window.session.report.nodes[-1]
    window.select_node(item)
    item.heading = "理论学习走深走实。"  # rewritten: no longer 未改写
    window.select_node(closing)
    window.last_year.act_filter.trigger()
    tree, model = window.tree, window.session.model

    def hidden(node):
        index = model.index_for(node)
        return tree.isRowHidden(index.row(), index.parent())

    assert hidden(item) and not hidden(closing)
    assert not hidden(model.parent_node(item))  # its parent section still holds 未改写 items
    window.last_year.act_filter.trigger()
    assert not hidden(item)


def test_a_report_not_rolled_over_has_nothing_beside(qtbot, tmp_path):
    store = Store(tmp_path / "data" / DB_NAME)
    store.add_report(make_report())
    window = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.last_year.act_show.trigger()
    assert window.last_year.status.text().startswith("本段没有上年的文字")
    assert not any(last_year.is_unrewritten(n) for n in window.session.report.walk())
    assert window.last_year.act_show in window.menuBar().actions()[2].menu().actions()
    store.close()
