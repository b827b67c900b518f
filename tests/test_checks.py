"""Readiness: what is not ready to print, in Chinese, one problem per thing to fix."""

from __future__ import annotations

from export_fixture import sample_report

from model.checks import BLANK, EMPTY, PLACEHOLDER, readiness
from model.report import Field, Node, NodeKind, Report, token


def test_blank_fields_one_problem_each_naming_label_and_node():
    problems = [p for p in readiness(sample_report()) if p.kind == BLANK]
    assert [p.fid for p in problems] == [2, 5]
    assert problems[0].message == "指标“专题研讨”尚未填写：1.理论学习走深走实。"
    assert problems[1].node.heading == "抓好结对共建。" and "二是抓好结对共建。" in problems[1].message


def test_filled_report_is_ready():
    report = sample_report()
    for _, f in report.all_fields():
        f.value = f.value if f.value is not None else 1
    assert readiness(report) == []


def _one(body: str, heading: str = "") -> list:
    return readiness(Report(nodes=[Node(NodeKind.SECTION, heading, body)]))


def test_stray_placeholders_in_text():
    found = [p.message for p in _one("共办理XX件，走访某某社区，此处填写成效，金额××万元。")]
    assert found == [f"正文中留有占位符“{s}”：一、共办理XX件，走访某某社区，此处…" for s in ("XX", "某某", "此处填写", "××")]
    assert [p.kind for p in _one("Ｘ次", "学习X次。")] == [PLACEHOLDER, PLACEHOLDER]


def test_latin_words_and_fields_are_not_placeholders():
    assert _one("推广APEX和XML格式，PPT课件3个。") == []
    node = Node(NodeKind.ITEM, "学习。", f"学习{token(1)}。", fields=[Field(1, value=3, unit="次", source="X次")])
    assert readiness(Report(nodes=[node])) == []


def test_empty_nodes():
    report = Report(nodes=[Node(NodeKind.SECTION, "有标题。"), Node(NodeKind.SECTION, "", "  ")])
    problems = readiness(report)
    assert [(p.kind, p.node) for p in problems] == [(EMPTY, report.nodes[1])]
    assert problems[0].message.startswith("空白段落")


def test_a_node_with_children_only_is_not_empty():
    report = Report(nodes=[Node(NodeKind.SECTION, "", "", children=[Node(NodeKind.ITEM, "做法。")])])
    assert readiness(report) == []


def test_a_blank_without_a_label_is_named_by_its_place_and_source():
    from model.checks import readiness
    from model.report import Field, Node, NodeKind, Report, token

    node = Node(NodeKind.ITEM, "学习常抓不懈。", f"开展学习{token(1)}，走访{token(2)}。",
                fields=[Field(1, value=3, unit="次"), Field(2, value=None, unit="户", source="X户")])
    [problem] = readiness(Report(nodes=[Node(NodeKind.SECTION, "抓党建", children=[node])]))
    assert problem.message.startswith("第2个指标（X户）尚未填写：")
