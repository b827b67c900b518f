"""Counts in the real window: the status bar follows the node and the report; rows show their blanks."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtGui import QColor  # noqa: E402
from test_ui_window import make_report  # noqa: E402
from ui_helpers import shown_window, type_chinese  # noqa: E402

from model.counts import count_node, count_report  # noqa: E402
from model.store import Store  # noqa: E402
from ui.counts import BADGE_COLOUR  # noqa: E402


@pytest.fixture
def win(qtbot, tmp_path):
    store = Store(tmp_path / "data" / "reportdesk.db")
    store.add_report(make_report())
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1000, 700), active=False)
    store.close()


def test_the_status_bar_counts_the_node_and_the_whole_report(win, qtbot):
    item = win.session.report.nodes[1].children[0]
    win.select_node(item)
    label = win.counts.label
    node, whole = count_node(item), count_report(win.session.report)
    qtbot.waitUntil(lambda: "全文" in label.text() and "0 字（0）" not in label.text())  # counted after start
    assert label.text() == (f"本节 {node.hanzi} 字（{node.chars}） · "
                            f"全文 {whole.hanzi} 字（{whole.chars}） · 约 1 页")
    win.editor.body.moveCursor(win.editor.body.textCursor().MoveOperation.End)
    type_chinese(win.editor.body, "成效明显")
    win.editor.flush()
    qtbot.waitUntil(lambda: f"全文 {whole.hanzi + 4} 字" in label.text())
    assert f"本节 {node.hanzi + 4} 字" in label.text()


def test_each_row_shows_its_blank_fields(win):
    model = win.session.model
    report = win.session.report
    blank_row = win.tree.visualRect(model.index_for(report.nodes[1].children[0]))  # 专题研讨 is blank
    full_row = win.tree.visualRect(model.index_for(report.nodes[2].children[0]))   # all filled
    image = win.tree.viewport().grab().toImage()

    def red_pixels(rect) -> int:
        return sum(1 for x in range(rect.right() - 80, rect.right()) for y in range(rect.top(), rect.bottom())
                   if QColor(image.pixel(x, y)) == BADGE_COLOUR)

    assert red_pixels(blank_row) > 50
    assert red_pixels(full_row) == 0


def test_filling_a_blank_field_takes_its_badge_off_at_once(win):
    """The tree keeps each row's blank count between paints: a field filled through the session
    must drop it, or the badge would go on saying 未填."""
    model = win.session.model
    node = win.session.report.nodes[1].children[0]
    rect = win.tree.visualRect(model.index_for(node))

    def red_pixels() -> int:
        image = win.tree.viewport().grab().toImage()
        return sum(1 for x in range(rect.right() - 80, rect.right()) for y in range(rect.top(), rect.bottom())
                   if QColor(image.pixel(x, y)) == BADGE_COLOUR)

    assert red_pixels() > 50 and model.blank_of(node) == 1  # painted, so the count is kept
    blank = next(f for f in node.fields if f.is_blank)
    win.session.set_field_attr(node, blank.fid, "value", 6)
    assert model.blank_of(node) == 0
    assert red_pixels() == 0
    win.session.set_field_attr(node, blank.fid, "value", None)
    assert model.blank_of(node) == 1 and red_pixels() > 50
