"""The outline tree paints its plain rows itself (ui/outline_view.py): pixel for pixel as Qt's own item paint."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from grid_helpers import grid_report  # noqa: E402
from PySide6.QtCore import QItemSelectionModel, QModelIndex  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from model.report import Node, NodeKind  # noqa: E402
from ui.outline_model import OutlineModel  # noqa: E402
from ui.outline_view import OutlineView  # noqa: E402


def report_to_paint():
    """grid_report (sections with children, blank fields), front matter, a row still last year's text
    (未改写, tinted), a long heading, and a section folded with its rows below."""
    report = grid_report()
    report.front_matter = ["示例局办公室", "2025年1月"]
    study = report.nodes[1].children[0]
    study.last_heading, study.last_body = study.heading, study.body  # 未改写
    report.nodes[2].children[0].heading = "压实主体责任，推动全面从严治党向纵深发展、向基层延伸、向末梢覆盖。"
    folded = Node(NodeKind.SECTION, "坚持为民服务，办好民生实事。", "",
                  children=[Node(NodeKind.ITEM, "扎实办好民生实事。", "全年办结事项若干。")])
    report.nodes.append(folded)
    return report


@pytest.fixture
def tree(qtbot):
    model = OutlineModel(report_to_paint(), show_front=True)
    view = OutlineView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(420, 320)
    view.expandAll()
    view.collapse(model.index_for(model.report.nodes[3]))
    view.show()
    QApplication.processEvents()
    return view


def picture(tree, fast: bool) -> QImage:
    tree.delegate.fast = fast
    tree.viewport().update()
    QApplication.processEvents()
    return tree.viewport().grab().toImage()


def same_both_ways(tree) -> None:
    assert picture(tree, True) == picture(tree, False)


def test_plain_rows_paint_as_qt_does(tree):
    """Bold sections, badges, the 未改写 tint, the 文前 row, arrows open and shut, an elided heading;
    then a selected row, the current row with the focus, a narrow tree, and with the drop style set."""
    model = tree.model()
    same_both_ways(tree)
    tree.setFocus()
    tree.setCurrentIndex(model.index_for(model.report.nodes[1].children[1]))
    tree.selectionModel().select(model.index_for(model.report.nodes[2]), QItemSelectionModel.SelectionFlag.Select)
    same_both_ways(tree)
    tree.resize(180, 320)  # headings elided to a few characters, beside their badges
    same_both_ways(tree)
    tree.drop_style = tree.drop_style or __import__("ui.outline_view", fromlist=["x"]).drop_indicator_style(tree)
    tree.setStyle(tree.drop_style)
    same_both_ways(tree)


def test_plain_rows_are_painted_from_one_call_each(tree, monkeypatch):
    """What a plain row shows comes from ``look`` (one call), not from Qt's data() roles."""
    before = picture(tree, True)
    look = OutlineModel.look

    def marked(self, index):
        text, bold, background, blank = look(self, index)
        return "甲" + text, bold, background, blank

    monkeypatch.setattr(OutlineModel, "look", marked)
    assert picture(tree, True) != before
    assert picture(tree, False) == before  # Qt's own paint does not ask it


class CountingModel(OutlineModel):
    """Counts what Qt asks through Python (a subclass from the start: PySide keeps the overrides it found)."""

    calls = {"data": 0, "parent": 0}

    def data(self, *args):
        self.calls["data"] += 1
        return super().data(*args)

    def parent(self, *args):
        self.calls["parent"] += 1
        return super().parent(*args)


def shown_without_current(qtbot, model) -> OutlineView:
    """The tree of ``model`` shown, opened, with no current row (the current row goes through Qt)."""
    tree = OutlineView()
    tree.setModel(model)
    qtbot.addWidget(tree)
    tree.resize(420, 320)
    tree.expandAll()
    tree.show()
    tree.setCurrentIndex(QModelIndex())
    return tree


def test_a_repaint_asks_the_model_no_roles_for_plain_rows(qtbot):
    """Nothing selected or current: a whole repaint calls data() for no row and drawBranches asks no
    parent() of a leaf (Qt asked each row's parent, its parent and their row counts through Python)."""
    model = CountingModel(report_to_paint(), show_front=True)
    tree = shown_without_current(qtbot, model)
    picture(tree, True)
    calls = model.calls
    calls.update(data=0, parent=0)
    picture(tree, True)
    assert calls["data"] == 0
    fast_parents = calls["parent"]
    calls.update(data=0, parent=0)
    picture(tree, False)
    rows = sum(1 for _ in model.report.walk()) + 1  # and 文前
    assert calls["data"] >= rows  # Qt's paint: several roles a row
    assert fast_parents < calls["parent"]


def test_rows_are_tested_for_hiding_only_once_one_has_been_hidden(qtbot):
    """Until the 上年对照 filter hides a row, a repaint does not ask each row's parent and index again
    only to learn it is not hidden; once one is, Qt's own test answers (and hides it)."""
    model = CountingModel(report_to_paint(), show_front=True)
    tree = shown_without_current(qtbot, model)
    picture(tree, True)
    model.calls.update(parent=0)
    picture(tree, True)
    never_hidden = model.calls["parent"]
    study = model.index_for(model.report.nodes[1].children[0])
    tree.setRowHidden(study.row(), study.parent(), True)
    QApplication.processEvents()
    assert tree.visualRect(study).isEmpty()
    tree.setRowHidden(study.row(), study.parent(), False)
    picture(tree, True)
    assert not tree.visualRect(study).isEmpty()
    model.calls.update(parent=0)
    picture(tree, True)
    assert never_hidden < model.calls["parent"]
