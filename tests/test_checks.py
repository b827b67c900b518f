"""Readiness: what is not ready to print, in Chinese, one problem per thing to fix."""

from __future__ import annotations

import pytest
from export_fixture import sample_report

from model import verify
from model.checks import BLANK, EMPTY, MUST, PHRASE, PLACEHOLDER, VERIFY, must_fix, readiness
from model.report import Field, FieldKind, Node, NodeKind, Report, token


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


def _kinds(*fields: Field, body: str | None = None) -> list[tuple[str, str, int | None]]:
    body = body if body is not None else "，".join(token(f.fid) for f in fields) + "。"
    return [(p.kind, p.severity, p.fid) for p in readiness(Report(nodes=[Node(NodeKind.SECTION, "抓落实", body,
                                                                                fields=list(fields))]))]


def test_every_problem_has_a_severity_and_the_musts_come_first():
    report = sample_report()
    problems = readiness(report)
    assert {p.severity for p in problems if p.kind in (BLANK, PLACEHOLDER, EMPTY)} == {MUST}
    assert must_fix(problems) == [p for p in problems if p.severity == MUST]
    first = problems[0].as_json()
    assert set(first) == {"kind", "severity", "node_number", "node_id", "fid", "message", "dismissed"}
    assert first["node_number"] == "1." and first["severity"] == "must"


@pytest.mark.parametrize(("field", "kind"), [
    (Field(1, value=14, unit="次", label="学习", last_value=14), verify.SAME),
    (Field(1, value=108, unit="%", label="完成率", last_value=100), verify.RATE_OVER),
    (Field(1, value=-3, unit="件", label="案件"), verify.NEGATIVE),
    (Field(1, value=160, unit="件", label="案件", last_value=100), verify.BIG_CHANGE),
    (Field(1, value=40, unit="件", label="案件", last_value=100), verify.BIG_CHANGE),
])
def test_numbers_to_verify(field, kind):
    assert _kinds(field) == [(kind, VERIFY, 1)]


def test_numbers_that_look_right_are_not_listed():
    assert _kinds(Field(1, value=120, unit="件", label="案件", last_value=100),
                  Field(2, value=-3.2, unit="%", label="增速", last_value=1.0),
                  Field(3, value=99.5, unit="%", label="满意率", last_value=99.0)) == []


def test_a_part_larger_than_its_total():
    total, part = Field(1, value=12, unit="次", label="检查"), Field(2, value=15, unit="次", label="夜查")
    body = f"共开展检查{token(1)}，其中夜查{token(2)}。"
    assert _kinds(total, part, body=body) == [(verify.PART_OVER_TOTAL, VERIFY, 2)]
    part.value = 5
    assert _kinds(total, part, body=body) == []


def test_the_same_label_and_unit_quoted_twice_with_different_values():
    a, b = Field(1, value=1236, unit="家", label="民宿"), Field(2, value=1263, unit="家", label="民宿")
    assert _kinds(a, b) == [(verify.MISMATCH, VERIFY, 2)]
    b.value = 1236
    assert _kinds(a, b) == []


def test_a_phrase_whose_field_is_blank_must_be_handled():
    basis = Field(1, value=None, unit="户", label="登记", last_value=400)
    phrase = Field(2, FieldKind.CHANGE, value=None, unit="%", source="增长12.5%", precision=1, basis=1)
    found = _kinds(basis, phrase, body=f"登记{token(1)}，同比{token(2)}。")
    assert found == [(BLANK, MUST, 1), (PHRASE, MUST, 2)]
    basis.value = 450
    assert _kinds(basis, phrase, body=f"登记{token(1)}，同比{token(2)}。") == []
