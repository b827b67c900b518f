"""Every structural command: do, undo, redo leave the outline and the STORE (reloaded from SQLite) alike."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6.QtWidgets")

from model.report import Field, FieldKind, Node, NodeKind, Report  # noqa: E402
from model.store import Store  # noqa: E402
from ui import commands as c  # noqa: E402
from ui.session import ReportInfo, ReportSession  # noqa: E402


def make_report() -> Report:
    def num(fid: int, value=None, unit: str = "次") -> Field:
        return Field(fid, FieldKind.NUMBER, value, unit, source=f"X{unit}")

    return Report(
        title="2024年工作总结", year=2024, organisation="示例局",
        nodes=[
            Node(NodeKind.PREAMBLE, "", "一年来，工作有序推进。"),
            Node(NodeKind.SECTION, "抓学习。", "", children=[
                Node(NodeKind.ITEM, "学习常抓不懈。", "学习⟦1⟧，研讨⟦2⟧。", fields=[num(1, 12), num(2)]),
                Node(NodeKind.ITEM, "建设扎实有力。", "", children=[
                    Node(NodeKind.INLINE, "抓宣传。", "活动⟦3⟧。", fields=[num(3, unit="场")]),
                    Node(NodeKind.INLINE, "抓培训。", "培训⟦4⟧。", fields=[num(4, 80, "人次")]),
                ]),
                Node(NodeKind.ITEM, "服务群众。", "走访⟦5⟧。", fields=[num(5, 30, "户")]),
            ]),
            Node(NodeKind.SECTION, "抓落实。", "", children=[Node(NodeKind.ITEM, "压实责任。")]),
            Node(NodeKind.CLOSING, "", "新的一年，继续努力。"),
        ],
    )


def shape(report: Report):
    """Everything the clerk sees, without store ids (undo of a delete re-inserts its rows)."""

    def node_shape(n: Node):
        fields = tuple((f.fid, str(f.kind), f.value, f.qualifier, f.unit, f.label, f.last_value)
                       for f in sorted(n.fields, key=lambda f: f.fid))
        return (str(n.kind), n.heading, n.body, fields, tuple(node_shape(ch) for ch in n.children))

    return (report.title, report.year, report.organisation, tuple(node_shape(n) for n in report.nodes))


@pytest.fixture
def session(tmp_path, qtmodeltester):
    path = tmp_path / "desk.db"
    store = Store(path)
    report_id = store.add_report(make_report())
    s = ReportSession(store)
    s.open_report(report_id)
    qtmodeltester.check(s.model)
    s.db_path = path
    yield s
    store.close()


def stored(session) -> tuple:
    other = Store(session.db_path)
    try:
        return shape(other.load_report(session.report.id))
    finally:
        other.close()


def check_do_undo_redo(session, command) -> tuple:
    before = shape(session.report)
    session.undo_stack.push(command)
    after = shape(session.report)
    assert after != before
    assert stored(session) == after
    session.undo_stack.undo()
    assert shape(session.report) == before
    assert stored(session) == before
    session.undo_stack.redo()
    assert shape(session.report) == after
    assert stored(session) == after
    return after


def nodes(session):
    r = session.report
    pre, s1, s2, closing = r.nodes
    return pre, s1, s2, closing


def test_add_sibling_and_child(session):
    _, s1, _, _ = nodes(session)
    item = s1.children[0]
    check_do_undo_redo(session, c.new_node_command(session, item, as_child=False))
    assert s1.children[1].kind is NodeKind.ITEM and s1.children[1].heading == ""
    inline_parent = s1.children[2]
    check_do_undo_redo(session, c.new_node_command(session, inline_parent, as_child=True))
    assert inline_parent.children[-1].kind is NodeKind.INLINE


def test_delete_restores_fields_and_their_ids(session):
    _, s1, _, _ = nodes(session)
    item = s1.children[0]
    after = check_do_undo_redo(session, c.delete_command(session, [item]))
    assert all(f.fid not in (1, 2) for _, f in session.report.all_fields())
    session.undo_stack.undo()
    restored = s1.children[0]
    assert restored is item and [f.fid for f in restored.fields] == [1, 2]
    assert restored.fields[0].value == 12
    assert shape(session.report) != after


def test_deleting_a_parent_and_its_child_is_one_macro(session):
    _, s1, s2, _ = nodes(session)
    cmd = c.delete_command(session, [s1.children[1].children[0], s1, s2])
    assert cmd.childCount() == 2  # the inline item goes with its section
    check_do_undo_redo(session, cmd)
    assert session.undo_stack.count() == 1


@pytest.mark.parametrize("how", [c.UP, c.DOWN])
def test_move_up_and_down(session, how):
    _, s1, _, _ = nodes(session)
    middle = s1.children[1]
    check_do_undo_redo(session, c.move_command(session, [middle], how))
    assert s1.children.index(middle) == (0 if how == c.UP else 2)


def test_indent_makes_an_item_a_subitem_and_outdent_a_section(session):
    _, s1, _, _ = nodes(session)
    third = s1.children[2]
    check_do_undo_redo(session, c.move_command(session, [third], c.INDENT))
    assert third in s1.children[1].children and third.kind is NodeKind.SUBITEM
    session.undo_stack.undo()
    first = s1.children[0]
    check_do_undo_redo(session, c.move_command(session, [first], c.OUTDENT))
    assert session.report.nodes[2] is first and first.kind is NodeKind.SECTION


def test_outdent_of_an_inline_item_keeps_it_inline(session):
    _, s1, _, _ = nodes(session)
    inline = s1.children[1].children[1]
    check_do_undo_redo(session, c.move_command(session, [inline], c.OUTDENT))
    assert inline in s1.children and inline.kind is NodeKind.INLINE


def test_preamble_indented_is_no_longer_a_preamble(session):
    pre, _, s2, closing = nodes(session)
    check_do_undo_redo(session, c.move_command(session, [closing], c.INDENT))
    assert closing in s2.children and closing.kind is NodeKind.ITEM
    assert not c.can_move(session, [pre], c.INDENT) and not c.can_move(session, [pre], c.UP)


def test_several_items_indent_as_one_macro_and_stay_in_order(session):
    _, s1, _, _ = nodes(session)
    second, third = s1.children[1], s1.children[2]
    check_do_undo_redo(session, c.move_command(session, [third, second], c.INDENT))
    assert s1.children[0].children == [second, third]
    assert session.undo_stack.count() == 1


def test_several_items_outdent_in_order(session):
    _, s1, _, _ = nodes(session)
    a, b = s1.children[1], s1.children[2]
    check_do_undo_redo(session, c.move_command(session, [a, b], c.OUTDENT))
    assert session.report.nodes[2:4] == [a, b] and a.kind is NodeKind.SECTION


def test_drop_moves_into_another_parent(session):
    _, s1, s2, _ = nodes(session)
    a, b = s1.children[0], s1.children[2]
    check_do_undo_redo(session, c.drop_command(session, [b, a], s2, 0))
    assert s2.children[:2] == [a, b]
    assert c.drop_command(session, [s1], s1.children[0], -1) is None  # not into itself


def test_set_field_value_and_typing_merges(session):
    _, s1, _, _ = nodes(session)
    item = s1.children[0]
    check_do_undo_redo(session, c.SetFieldCommand(session, item, 2, "value", 5))
    assert item.field_by_id(2).value == 5
    session.undo_stack.push(c.SetFieldCommand(session, item, 2, "value", 56))
    assert session.undo_stack.count() == 1  # one cell edit, one undo step
    session.undo_stack.undo()
    assert item.field_by_id(2).value is None
    assert stored(session) == shape(session.report)
    check_do_undo_redo(session, c.SetFieldCommand(session, item, 1, "unit", "场次"))
    check_do_undo_redo(session, c.SetFieldCommand(session, item, 1, "qualifier", "余"))
    assert item.field_by_id(1).qualifier == "余"


def test_edit_report_info(session):
    check_do_undo_redo(session, c.SetInfoCommand(session, ReportInfo("2025年工作总结", 2025, "新局")))
    assert session.report.title == "2025年工作总结"


def test_each_command_is_one_transaction(session, monkeypatch):
    _, s1, _, _ = nodes(session)
    from sql_trace import Transactions

    with Transactions(session.store.conn) as trace:
        session.undo_stack.push(c.move_command(session, s1.children[:2], c.INDENT))
    assert trace.counts == (1, 1, 0), trace.statements  # one BEGIN, one COMMIT, no write outside it


def test_a_failed_write_is_kept_and_retried(session, qtbot):
    _, s1, _, _ = nodes(session)
    item = s1.children[0]
    real = session.store.save_fields
    failures = []

    def full_disk(*args):
        raise sqlite3.OperationalError("database or disk is full")

    session.store.save_fields = full_disk  # the session writes its fields in one call
    session.save_failed.connect(failures.append)
    session.undo_stack.push(c.SetFieldCommand(session, item, 2, "value", 7))
    session.undo_stack.push(c.SetFieldCommand(session, item, 1, "value", 8))
    assert len(failures) == 1 and "保存失败" in failures[0]
    assert session.has_unsaved() and item.field_by_id(2).value == 7
    session.store.save_fields = real
    with qtbot.waitSignal(session.saved):
        session.undo_stack.push(c.SetFieldCommand(session, item, 1, "unit", "场"))
    assert not session.has_unsaved()
    assert stored(session) == shape(session.report)


def test_a_failed_insert_is_inserted_on_retry(session):
    _, s1, _, _ = nodes(session)
    real = session.store.save_structure
    session.store.save_structure = lambda report: (real(report), (_ for _ in ()).throw(sqlite3.OperationalError("locked")))
    session.undo_stack.push(c.new_node_command(session, s1, as_child=True))
    assert s1.children[-1].id is None
    session.store.save_structure = real
    session.undo_stack.push(c.move_command(session, [s1.children[0]], c.DOWN))
    assert stored(session) == shape(session.report)
