"""Counting as Chinese writers count: 汉字, with punctuation, lines and pages on the 22 × 28 grid."""

from __future__ import annotations

from model.counts import (
    Count,
    blank_count,
    count_node,
    count_report,
    count_text,
    estimate_pages,
    lines_of,
    paragraphs,
)
from model.report import Field, Node, NodeKind, Report


def test_hanzi_and_characters_with_punctuation():
    assert count_text("全年开展学习24次，覆盖 100%。") == Count(hanzi=9, chars=17)
    assert count_text("𠀀㐀") == Count(2, 2)  # extension B and A are characters too
    assert count_text(" \n\t") == Count(0, 0)


def test_a_node_counts_its_fields_as_they_read():
    node = Node(NodeKind.ITEM, "学习扎实。", "开展学习⟦1⟧，研讨⟦2⟧。",
                fields=[Field(1, value=24, unit="次"), Field(2, unit="场")])
    assert count_node(node) == count_text("学习扎实。开展学习24次，研讨X场。")
    assert blank_count(node) == 1


def test_the_report_counts_title_front_matter_and_every_node():
    report = Report(title="工作总结", front_matter=["同志们："],
                    nodes=[Node(NodeKind.SECTION, "一项工作。", children=[Node(NodeKind.ITEM, "二项。", "正文。")])])
    assert count_report(report) == Count(hanzi=4 + 3 + 4 + 2 + 2, chars=4 + 4 + 5 + 3 + 3)


def test_a_paragraph_starts_two_characters_in_and_its_last_line_counts_whole():
    assert lines_of("字" * 26, 28) == 1
    assert lines_of("字" * 27, 28) == 2
    assert lines_of("", 28) == 1


def test_paragraphs_follow_the_printed_outline():
    report = Report(nodes=[
        Node(NodeKind.SECTION, "加强学习。", children=[
            Node(NodeKind.ITEM, "理论扎实。", "全年学习。\n第二段。", children=[
                Node(NodeKind.INLINE, "抓宣传。", "开展活动。"),
            ]),
        ]),
    ])
    assert paragraphs(report) == ["一、加强学习。", "1.理论扎实。全年学习。", "第二段。一是抓宣传。开展活动。"]


def test_pages_on_the_grid_with_the_title_block_as_on_page_1():
    body = [Node(NodeKind.PREAMBLE, "", "字" * 54) for _ in range(10)]  # 56 with indent: 2 lines each
    report = Report(title="标" * 25, nodes=body)  # 2 title lines + the empty line under it
    assert estimate_pages(report, 22, 28, 20) == (3 + 20) / 22
