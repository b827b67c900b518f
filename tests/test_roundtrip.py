"""parse(export(report)) gives back the same report: tree, numbers, headings, bodies and fields.

The Word export types every number as text, runs 一是/二是 on inside their
parent's paragraph and prints a blank field as a highlighted "X" or as
underlined spaces; the importer must read all of that back.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from export.word import ExportOptions, export_docx
from model.draft import read_draft
from model.fields import render_text
from model.numbering import outline_numbers
from model.phrases import bind_phrases
from model.report import Field, FieldKind, Node, NodeKind, NumberStyle, Report, token

sys.path.insert(0, str(ROOT / "tests"))
import export_fixture  # noqa: E402

Row = tuple


def rows(report: Report) -> list[Row]:
    """The report as comparable rows: one per node, one per field, in reading order."""
    numbers = outline_numbers(report)
    out: list[Row] = [("title", report.title), ("front", tuple(report.front_matter))]

    def visit(nodes: list[Node], depth: int) -> None:
        for n in nodes:
            body = " ".join(render_text(n.body, n).split())
            out.append((depth, numbers[id(n)], n.kind.value, render_text(n.heading, n).strip(), body))
            out.extend(("field", f.kind.value, f.value, f.qualifier + f.unit, f.is_blank) for f in n.fields)
            visit(n.children, depth + 1)

    visit(report.nodes, 0)
    return out


def _same(a: Row, b: Row) -> bool:
    """Equal rows; a node printed as one short sentence may come back with it as its heading.

    "（1）在两个街道试行错时服务。" prints the same whether the sentence was the
    heading or the body, and the reader takes a numbered line's lead sentence
    as its heading.
    """
    if a == b:
        return True
    return (isinstance(a[0], int) and a[:3] == b[:3] and a[3] == "" and b[4] == ""
            and b[3] == a[4])


def assert_round_trip(report: Report, path: Path, mode: str = "highlight") -> Report:
    back = read_draft(export_docx(report, path, ExportOptions(blank_mode=mode)))
    want, got = rows(report), rows(back)
    for i, (a, b) in enumerate(zip(want, got, strict=False)):
        assert _same(a, b), f"row {i}: {a!r} came back as {b!r}"
    assert len(got) == len(want)
    return back


SOURCES = ["sample-report.txt", *sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx"))]


def _source(name: str) -> Path:
    return ROOT / "resources" / name if name == "sample-report.txt" else FIXTURES / name


@pytest.mark.parametrize("mode", ["highlight", "underline"])
@pytest.mark.parametrize("name", SOURCES)
def test_drafts_come_back_from_their_export(name, mode, tmp_path):
    assert_round_trip(read_draft(_source(name)), tmp_path / "out.docx", mode)


@pytest.mark.parametrize("mode", ["highlight", "underline"])
@pytest.mark.parametrize("build", [export_fixture.sample_report, export_fixture.long_report])
def test_reports_built_in_code_come_back(build, mode, tmp_path):
    assert_round_trip(build(), tmp_path / "out.docx", mode)


def test_cn_paren_items_under_a_section_stay_siblings(tmp_path):
    """一、→（一）→（1） with the （一） style not the report's level style: （二） is no child of （一）."""
    back = assert_round_trip(export_fixture.sample_report(), tmp_path / "out.docx")
    numbers = outline_numbers(back)
    section = back.nodes[2]
    assert [numbers[id(c)] for c in section.children] == ["（一）", "（二）"]
    assert [numbers[id(c)] for c in section.children[1].children] == ["（1）"]


def test_blank_text_field_comes_back_blank(tmp_path):
    back = assert_round_trip(export_fixture.sample_report(), tmp_path / "out.docx")
    partner = back.nodes[1].children[1].children[1]
    assert [(f.kind, f.is_blank) for f in partner.fields] == [(FieldKind.TEXT, True), (FieldKind.NUMBER, False)]


def _f(fid: int, value, unit: str = "", kind: FieldKind = FieldKind.NUMBER, precision: int = 0) -> Field:
    return Field(fid, kind, value, unit, precision=precision)


def _hard_report() -> Report:
    """Long leads, inline items with long headings, a blank opening a paragraph, decimals."""
    long_lead = "坚持把营商环境作为一号改革工程来抓，持续推进审批服务便民化、规范化、标准化，企业和群众办事更加顺畅。"
    inline = [
        Node(NodeKind.INLINE, "抓好窗口服务，推行帮办代办、延时错时和预约服务等便民举措。",
             f"全年办件{token(1)}。", fields=[_f(1, 12345, "件")]),
        Node(NodeKind.INLINE, "抓好网上服务。", f"网办率达到{token(2)}，比上年提高{token(3)}。",
             fields=[_f(2, 92.5, "%", precision=1), _f(3, None, "个百分点")]),
        Node(NodeKind.INLINE, "抓好结对帮扶。", f"与{token(4)}签订协议。", fields=[_f(4, None, kind=FieldKind.TEXT)]),
    ]
    item = Node(NodeKind.ITEM, long_lead, f"各项改革任务按期完成。\n{token(6)}个乡镇便民服务中心完成改造。",
                children=inline, fields=[_f(6, None, "个")])
    paren = Node(NodeKind.ITEM, "聚焦重点领域和关键环节，集中力量解决群众反映强烈的突出问题，推动服务质量整体提升。",
                 f"整改问题{token(5)}。", number_style=NumberStyle.CN_PAREN, fields=[_f(5, None, "个")])
    return bind_phrases(Report(title="某县政务服务管理局2024年工作总结", year=2024, nodes=[
        Node(NodeKind.PREAMBLE, "", "现将一年来的工作总结如下："),
        Node(NodeKind.SECTION, "主要工作", children=[item]),
        Node(NodeKind.SECTION, "存在问题", children=[paren]),
        Node(NodeKind.CLOSING, "", "新的一年，我们将继续努力。"),
    ]))  # as on import: "比上年提高X个百分点" is computed


@pytest.mark.parametrize("mode", ["highlight", "underline"])
def test_long_leads_inline_headings_and_leading_blanks(mode, tmp_path):
    back = assert_round_trip(_hard_report(), tmp_path / "out.docx", mode)
    item = back.nodes[1].children[0]
    assert [c.kind for c in item.children] == [NodeKind.INLINE] * 3
    assert item.heading.startswith("坚持把营商环境") and item.body.startswith("各项改革任务按期完成。")
    assert [(f.unit, f.is_blank) for f in item.fields] == [("个", True)]


@pytest.mark.shared
@pytest.mark.parametrize("mode", ["highlight", "underline"])
def test_seed_comes_back_from_its_export(shared_dir, mode, tmp_path):
    seed = read_draft(shared_dir / "seed" / "report-2022-seed.txt")
    back = assert_round_trip(seed, tmp_path / "seed.docx", mode)
    assert sum(f.is_blank for _, f in back.all_fields()) == sum(f.is_blank for _, f in seed.all_fields()) > 100
