"""The tree as a writer expects: F2 in place, Tab / Shift+Tab, focus after adding, Delete said, drop indicator."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QDragEnterEvent, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyle, QStyleOption  # noqa: E402
from test_ui_window import make_report, reloaded  # noqa: E402
from ui_helpers import press, shown_window, type_chinese  # noqa: E402

from model.store import Store  # noqa: E402
from ui.outline_view import DROP_COLOUR, draw_drop_indicator  # noqa: E402


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "reportdesk.db"


@pytest.fixture
def win(qtbot, db_path, tmp_path):
    store = Store(db_path)
    store.add_report(make_report())
    yield shown_window(qtbot, store, tmp_path / "settings.ini")
    store.close()


def focus_tree_on(win, node) -> None:
    win.select_node(node)
    win.tree.setFocus()


def test_f2_edits_the_heading_in_place_as_one_undoable_step(win, qtbot, db_path):
    item = win.session.report.nodes[1].children[0]
    focus_tree_on(win, item)
    press(win.tree, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor.parent() is win.tree.viewport()
    assert editor.content() == "理论学习常抓不懈。"
    type_chinese(editor, "，成效明显")
    press(editor, Qt.Key_Return)
    assert item.heading == "理论学习常抓不懈。，成效明显"
    assert win.session.model.data(win.session.model.index_for(item)) == "1.理论学习常抓不懈。，成效明显"
    win.session.flush()
    assert reloaded(db_path, win.session.report.id).nodes[1].children[0].heading.endswith("成效明显")
    win.act_undo.trigger()
    assert item.heading == "理论学习常抓不懈。"


def test_f2_keeps_a_field_chip_in_the_heading(win):
    item = win.session.report.nodes[1].children[0]
    item.heading = "学习⟦1⟧扎实。"
    focus_tree_on(win, item)
    press(win.tree, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.content() == "学习⟦1⟧扎实。"
    type_chinese(editor, "有效")
    press(editor, Qt.Key_Return)
    assert item.heading == "学习⟦1⟧扎实。有效" and item.field_by_id(1) is not None


def test_tab_indents_and_shift_tab_outdents_when_the_tree_has_focus(win):
    report = win.session.report
    second = report.nodes[1].children[1]
    focus_tree_on(win, second)
    press(win.tree, Qt.Key_Tab)
    assert second in report.nodes[1].children[0].children
    assert win.tree.hasFocus()
    press(win.tree, Qt.Key_Backtab, Qt.ShiftModifier)
    assert report.nodes[1].children[1] is second
    win.act_undo.trigger()
    assert second in report.nodes[1].children[0].children


def test_after_adding_the_cursor_is_in_the_new_heading(win):
    focus_tree_on(win, win.session.report.nodes[2])
    win.act_add_sibling.trigger()
    new = win.session.report.nodes[3]
    assert win.current_node() is new and win.editor.heading.hasFocus()
    type_chinese(QApplication.focusWidget(), "坚持改革创新。")
    win.editor.flush()
    assert new.heading == "坚持改革创新。"


def test_delete_says_what_went_and_undo_brings_it_back(win, db_path):
    report = win.session.report
    section = report.nodes[1]
    focus_tree_on(win, section)
    press(win.tree, Qt.Key_Delete)
    assert section not in report.nodes
    assert win.statusBar().currentMessage() == "已删除 一、坚持党建引领，筑牢思想根基。（含 4 个下级、4 个指标），Ctrl+Z 撤销"
    assert len(reloaded(db_path, report.id).nodes) == 3
    win.act_undo.trigger()
    assert report.nodes[1] is section and len(reloaded(db_path, report.id).nodes) == 4


def _indicator(rect: QRect) -> QImage:
    image = QImage(200, 40, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    draw_drop_indicator(rect, painter)
    painter.end()
    return image


def _is_blue(image: QImage, x: int, y: int) -> bool:
    c = image.pixelColor(x, y)
    return c.blue() > 150 and c.red() < 200 and c != QColor("white")


def test_the_drop_indicator_is_a_line_between_rows_and_a_box_onto_one():
    between = _indicator(QRect(10, 20, 180, 0))
    assert _is_blue(between, 100, 20) and _is_blue(between, 100, 21)  # a thick line …
    assert not _is_blue(between, 100, 12) and not _is_blue(between, 100, 28)  # … and nothing else
    onto = _indicator(QRect(10, 5, 180, 30))
    inside = onto.pixelColor(100, 20)
    assert inside != QColor("white") and inside.blue() > inside.red()  # tinted inside
    assert onto.pixelColor(11, 20).blue() >= DROP_COLOUR.blue() - 40  # framed


def test_a_drag_over_the_tree_draws_the_indicator_this_way(win):
    model = win.session.model
    mime = model.mimeData([model.index_for(win.session.report.nodes[1])])
    assert win.tree.drop_style is None  # not made at start-up
    enter = QDragEnterEvent(QPoint(20, 20), Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(win.tree.viewport(), enter)
    assert win.tree.style() is win.tree.drop_style
    image = QImage(200, 40, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOption()
    option.rect = QRect(10, 20, 180, 0)
    painter = QPainter(image)
    win.tree.style().drawPrimitive(QStyle.PE_IndicatorItemViewItemDrop, option, painter)
    painter.end()
    assert _is_blue(image, 100, 20) and _is_blue(image, 100, 21)
