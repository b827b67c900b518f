"""Find and replace in the real window: Ctrl+F / Ctrl+H, hits listed and jumped to, replace all as one undo step."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E602
from test_ui_window import make_report, reloaded  # noqa: E602
from ui_helpers import press, shown_window, type_chinese  # noqa: E602

from model.store import Store  # noqa: E602


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "reportdesk.db"


@pytest.fixture
def win(qtbot, db_path, tmp_path):
    report = make_report()
    report.nodes[1].children[0].fields[1].label = "专题研讨"
    store = Store(db_path)
    store.add_report(report)
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1200, 800))
    store.close()


def rows(dock) -> list[str]:
    model = dock.results.model()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def click(dock, row: int) -> None:
    dock.results.clicked.emit(dock.results.model().index(row, 0))


def search(win, words: str):
    dock = win.find_dock()
    dock.find_edit.clear()
    type_chinese(dock.find_edit, words)
    dock.search()
    return dock


def test_ctrl_f_opens_the_find_box_and_lists_every_hit_with_its_node(win):
    assert "find_dock" not in win._docks  # built when first asked for
    press(win.tree, Qt.Key_F, Qt.ControlModifier)
    dock = win.find_dock()
    assert len(dock.views) == sum(1 for _ in win.session.report.walk())  # every text read: the first search is warm
    assert dock.isVisible() and dock.find_edit.hasFocus() and not dock.replace_edit.isVisible()
    type_chinese(dock.find_edit, "研讨")
    dock.search()
    assert rows(dock) == ["1.理论学习常抓不懈。 · 正文：全年集中学习12次，专题【研讨】X次。",
                    "1.理论学习常抓不懈。 · 指标名称：专题【研讨】"]
    assert dock.summary.text() == "共 2 处"
    one = search(win, "抓")
    assert [h.node.heading for h in one.hits][:3] == ["理论学习常抓不懈。", "抓宣传。", "抓培训。"]


def test_a_click_on_a_hit_selects_its_node_and_puts_the_cursor_on_it(win, qtbot):
    dock = search(win, "新台阶")
    closing = win.session.report.nodes[3]
    click(dock, 0)
    assert win.current_node() is closing
    assert win.editor.body.textCursor().selectedText() == "新台阶" and win.editor.body.hasFocus()
    dock = search(win, "研讨")
    click(dock, 0)
    assert win.editor.body.textCursor().selectedText() == "研讨"  # after a chip, still on the words


def test_replace_all_is_one_undo_step_and_is_stored(win, db_path):
    report = win.session.report
    dock = search(win, "坚持")
    assert len(dock.hits) == 2
    press(win.tree, Qt.Key_H, Qt.ControlModifier)
    assert dock.replace_edit.isVisible()
    type_chinese(dock.replace_edit, "始终坚持")
    assert dock.replace_all() == 2
    assert [n.heading for n in report.nodes[1:3]] == ["始终坚持党建引领，筑牢思想根基。", "始终坚持从严治党，锤炼过硬作风。"]
    win.session.flush()
    assert reloaded(db_path, report.id).nodes[2].heading == "始终坚持从严治党，锤炼过硬作风。"
    win.act_undo.trigger()
    assert [n.heading for n in report.nodes[1:3]] == ["坚持党建引领，筑牢思想根基。", "坚持从严治党，锤炼过硬作风。"]


def test_a_replace_never_breaks_merges_or_duplicates_a_chip(win):
    item = win.session.report.nodes[1].children[0]
    win.select_node(item)
    dock = search(win, "12次")
    assert len(dock.hits) == 1 and not dock.hits[0].replaceable
    type_chinese(dock.replace_edit, "20次")
    assert dock.replace_all() == 0
    assert item.body == "全年集中学习⟦1⟧，专题研讨⟦2⟧。" and "不能替换" in dock.summary.text()
    dock = search(win, "，专题研讨")
    dock.replace_edit.clear()
    type_chinese(dock.replace_edit, "⟦1⟧")
    assert dock.replace_all() == 1
    assert item.body == "全年集中学习⟦1⟧1⟦2⟧。"  # the marks typed are dropped: no second chip 1
    assert [f.fid for f in item.fields] == [1, 2] and win.editor.body.field_ids() == [1, 2]


def test_replace_one_replaces_the_chosen_hit_and_moves_on(win):
    report = win.session.report
    dock = search(win, "坚持")
    type_chinese(dock.replace_edit, "始终坚持")
    dock.set_current_row(1)
    dock.replace_one()
    assert report.nodes[1].heading == "坚持党建引领，筑牢思想根基。"
    assert report.nodes[2].heading == "始终坚持从严治党，锤炼过硬作风。"
    assert dock.summary.text().startswith("已替换 1 处。")


def test_a_field_label_is_found_and_replaced(win):
    item = win.session.report.nodes[1].children[0]
    dock = search(win, "专题研讨")
    type_chinese(dock.replace_edit, "专题交流")
    dock.replace_all()
    assert item.field_by_id(2).label == "专题交流" and item.body == "全年集中学习⟦1⟧，专题交流⟦2⟧。"
    win.act_undo.trigger()
    assert item.field_by_id(2).label == "专题研讨" and item.body == "全年集中学习⟦1⟧，专题研讨⟦2⟧。"


def test_every_hit_is_listed_however_many_and_replace_all_takes_them_all(win):
    """The list is a view over the hits (rows made when shown), so none is left out."""
    report = win.session.report
    many = "坚持" * 600  # more than the 500 rows the list once stopped at
    report.nodes[3].body = many
    dock = search(win, "坚持")
    assert len(dock.hits) == 602 and len(rows(dock)) == 602 and dock.summary.text() == "共 602 处"
    assert rows(dock)[-1].endswith("【坚持】")
    dock.set_current_row(601)
    assert win.current_node() is report.nodes[3]
    type_chinese(dock.replace_edit, "始终坚持")
    assert dock.replace_all() == 602


def test_the_texts_kept_between_searches_follow_typing_and_field_values(win):
    """The dock keeps each node's text as it reads between keystrokes; an edit of the text or of a
    field's value must show in the next search."""
    item = win.session.report.nodes[1].children[0]
    dock = search(win, "12次")
    assert [h.node for h in dock.hits] == [item] and dock.views  # kept
    win.session.set_field_attr(item, 1, "value", 15)
    assert search(win, "12次").hits == [] and [h.node for h in search(win, "15次").hits] == [item]
    win.select_node(item)
    body = win.editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_chinese(body, "新写的句子")
    assert [h.node for h in search(win, "新写的句子").hits] == [item]
