"""The outline model: numbers in the display, ids in drags, Qt's model contract kept through changes."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QMimeData, QModelIndex, Qt  # noqa: E402

from model.report import Field, FieldKind, Node, NodeKind, Report  # noqa: E402
from ui.outline_model import MIME_TYPE, OutlineModel  # noqa: E402


def make_report() -> Report:
    def num(fid: int, value=None, unit: str = "次") -> Field:
        return Field(fid, FieldKind.NUMBER, value, unit, source=f"X{unit}")

    items = [
        Node(NodeKind.ITEM, "理论学习常抓不懈。", "全年集中学习⟦1⟧，专题研讨⟦2⟧。", fields=[num(1, 12), num(2)]),
        Node(NodeKind.ITEM, "组织建设扎实有力。", "", children=[
            Node(NodeKind.INLINE, "抓宣传。", "开展活动⟦3⟧。", fields=[num(3, unit="场")]),
            Node(NodeKind.INLINE, "抓培训。", "培训干部⟦4⟧。", fields=[num(4, 80, "人次")]),
        ]),
    ]
    return Report(
        title="2024年领导班子述职报告", year=2024, organisation="示例局",
        nodes=[
            Node(NodeKind.PREAMBLE, "", "一年来，班子团结协作，较好完成了各项任务。"),
            Node(NodeKind.SECTION, "坚持党建引领。", "", children=items),
            Node(NodeKind.SECTION, "坚持从严治党。", "", children=[Node(NodeKind.ITEM, "压实主体责任。")]),
            Node(NodeKind.CLOSING, "", "新的一年，我们将继续努力。"),
        ],
    )


def displays(model: OutlineModel, parent: QModelIndex = QModelIndex()) -> list:
    """The tree as the view sees it: [display, [children…]] per row."""
    rows = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        rows.append([model.data(index), displays(model, index)])
    return rows


@pytest.fixture
def model(qtmodeltester):
    m = OutlineModel(make_report())
    qtmodeltester.check(m)
    return m


def test_display_shows_computed_numbers(model):
    tree = displays(model)
    assert tree[0][0].startswith("〔开头〕一年来")
    assert tree[1][0] == "一、坚持党建引领。"
    assert tree[2][0] == "二、坚持从严治党。"
    assert tree[1][1][0][0] == "1.理论学习常抓不懈。"
    inline = tree[1][1][1][1]
    assert [row[0] for row in inline] == ["一是抓宣传。", "二是抓培训。"]
    assert tree[3][0].startswith("〔结尾〕")


def test_tooltip_counts_blank_and_total_fields(model):
    first_item = model.index(0, 0, model.index(1, 0))
    tip = model.data(first_item, Qt.ToolTipRole)
    assert "指标 2 个" in tip and "未填 1 个" in tip


def test_moves_renumber_and_keep_the_contract(model, qtmodeltester):
    report = model.report
    s1, s2 = report.nodes[1], report.nodes[2]
    model.move_node(s2, None, 1)           # second section before the first
    assert model.data(model.index_for(s2)) == "一、坚持从严治党。"
    assert model.data(model.index_for(s1)) == "二、坚持党建引领。"
    item = s1.children[0]
    model.move_node(item, s2, 1)           # across parents, to the end
    assert model.parent_node(item) is s2 and model.row_of(item) == 1
    assert model.data(model.index_for(item)) == "2.理论学习常抓不懈。"
    model.move_node(item, s2, 0)           # within one parent, upwards
    assert s2.children[0] is item
    removed = s2.children[1]
    where = model.remove_node(removed)
    assert where == (s2, 1) and not model.contains(removed)
    model.insert_node(s2, 1, removed)
    assert model.contains(removed)
    qtmodeltester.check(model)


def test_index_is_found_by_node_not_row(model):
    s2 = model.report.nodes[2]
    index = model.index_for(s2)
    model.move_node(s2, None, 0)
    assert model.node(model.index_for(s2)) is s2
    assert model.index_for(s2).row() == 0 and index.row() == 2  # a plain index is a snapshot


def test_drag_carries_ids_and_refuses_drop_into_own_descendant(model):
    report = model.report
    s1 = report.nodes[1]
    mime = model.mimeData([model.index_for(s1)])
    assert mime.hasFormat(MIME_TYPE)
    payload = json.loads(bytes(mime.data(MIME_TYPE)).decode())
    assert len(payload["ids"]) == 1
    child_index = model.index_for(s1.children[1])
    assert not model.canDropMimeData(mime, Qt.MoveAction, 0, 0, child_index)
    assert not model.canDropMimeData(mime, Qt.MoveAction, 0, 0, model.index_for(s1))
    assert model.canDropMimeData(mime, Qt.MoveAction, 0, 0, model.index_for(report.nodes[2]))
    assert not model.canDropMimeData(QMimeData(), Qt.MoveAction, 0, 0, QModelIndex())


def test_drop_announces_the_move_without_doing_it(model, qtbot):
    report = model.report
    item = report.nodes[1].children[0]
    mime = model.mimeData([model.index_for(item), model.index_for(report.nodes[1])])
    with qtbot.waitSignal(model.nodes_dropped) as blocker:
        assert model.dropMimeData(mime, Qt.MoveAction, 0, 0, QModelIndex())
    nodes, parent, row = blocker.args
    assert nodes == [report.nodes[1]] and nodes[0] is report.nodes[1]  # the descendant rides along
    assert parent is None and row == 0
    assert report.nodes[1].children[0] is item  # nothing moved yet


def test_a_drag_from_another_outline_is_refused(model):
    other = OutlineModel(make_report())
    mime = other.mimeData([other.index(1, 0)])
    assert not model.canDropMimeData(mime, Qt.MoveAction, 0, 0, QModelIndex())


def test_kind_column_for_the_import_review():
    m = OutlineModel(make_report(), show_kind=True)
    assert m.columnCount() == 2
    assert m.data(m.index(0, 1)) == "开头"
    assert m.data(m.index(1, 1)) == "部分"


def _walk_with_rows(nodes: list[Node], parent: Node | None = None):
    for row, node in enumerate(nodes):
        yield node, parent, row
        yield from _walk_with_rows(node.children, node)


def _assert_rows_match_a_fresh_scan(model: OutlineModel) -> None:
    off = 0  # no 文前 row in this model
    for node, parent, row in _walk_with_rows(model.report.nodes):
        index = model.index_for(node)
        assert index.row() == row + (off if parent is None else 0), node.heading
        assert model.row_of(node) == row
        assert model.node(model.parent(index)) is parent
        if parent is not None:
            assert model.parent(index).row() == model.siblings_of(parent).index(parent)


def test_rows_stay_right_through_insert_move_and_remove(model, qtmodeltester):
    """The node -> row map is rebuilt after every structure change, never read stale."""
    report = model.report
    _assert_rows_match_a_fresh_scan(model)  # fills the map
    section = report.nodes[1]
    model.insert_node(section, 0, Node(NodeKind.ITEM, "新增条目。"))
    _assert_rows_match_a_fresh_scan(model)
    model.move_node(section.children[2], report.nodes[2], 0)
    _assert_rows_match_a_fresh_scan(model)
    model.move_node(report.nodes[2], None, 0)
    _assert_rows_match_a_fresh_scan(model)
    model.remove_node(report.nodes[0])
    _assert_rows_match_a_fresh_scan(model)
    qtmodeltester.check(model)


def test_parent_does_not_scan_siblings_once_the_rows_are_known(model, monkeypatch):
    """The tree asks parent() tens of thousands of times per node switch: a scan each time was
    most of the switch."""
    inner = model.report.nodes[1].children[1].children[1]
    index = model.index_for(inner)
    scans = []
    monkeypatch.setattr("ui.outline_model.row_in", lambda siblings, node: scans.append(node) or 0)
    for _ in range(5):
        parent = model.parent(index)
        assert model.node(parent) is model.report.nodes[1].children[1]
        assert parent.row() == 1
        assert model.index_for(inner).row() == 1
    assert scans == []
