"""Find and replace over the report in memory: short Chinese needles, fields read as values, chips kept whole."""

from __future__ import annotations

from model.report import Field, Node, NodeKind, Report, token
from model.search import BODY, HEADING, LABEL, find, replaced


def make() -> Report:
    fields = [Field(1, value=24, unit="次", label="理论学习"), Field(2, unit="场", label="专题研讨")]
    item = Node(NodeKind.ITEM, "学习扎实。", f"全年开展学习{token(1)}，研讨{token(2)}。\n学习成效明显。", fields=fields)
    return Report(title="总结", nodes=[Node(NodeKind.SECTION, "加强学习。", children=[item])])


def test_one_and_two_character_chinese_needles_in_headings_bodies_and_labels():
    report = make()
    hits = find(report, "学")
    assert [(h.part, h.start) for h in hits] == [
        (HEADING, 2), (HEADING, 0), (BODY, 4), (BODY, 17), (LABEL, 2)]
    assert [h.part for h in find(report, "学习")] == [HEADING, HEADING, BODY, BODY, LABEL]
    assert find(report, "学习")[2].context == "全年开展【学习】24次，研讨X场。 学习成效…"


def test_a_field_reads_as_its_value_and_is_found_but_not_replaceable():
    report = make()
    item = report.nodes[0].children[0]
    [hit] = find(report, "24次")
    assert hit.node is item and not hit.replaceable
    assert item.body[hit.start:hit.end] == token(1)
    assert (hit.doc_start, hit.doc_end) == (6, 7)  # the chip is one character in the editor
    [across] = find(report, "习24")
    assert not across.replaceable
    [blank] = find(report, "X场")
    assert not blank.replaceable


def test_replacing_never_touches_a_token_and_positions_follow_the_chips():
    report = make()
    item = report.nodes[0].children[0]
    hits = [h for h in find(report, "研讨", labels=False) if h.part == BODY]
    assert [(h.doc_start, h.doc_end) for h in hits] == [(8, 10)]
    assert replaced(item.body, hits, "交流") == f"全年开展学习{token(1)}，交流{token(2)}。\n学习成效明显。"
    hits = [h for h in find(report, "，研讨") if h.part == BODY]
    assert replaced(item.body, hits, "⟦9⟧") == f"全年开展学习{token(1)}9{token(2)}。\n学习成效明显。"  # no forged chip
    everything = [h for h in find(report, "学习") if h.part == BODY]
    assert replaced(item.body, everything, "研学") == f"全年开展研学{token(1)}，研讨{token(2)}。\n研学成效明显。"
