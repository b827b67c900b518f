"""After a rollover, check reminds of every plain number still as last year's text had it (issue 9)."""

from __future__ import annotations

import json

from test_cli import run

from model.checks import VERIFY, readiness
from model.report import Field, Node, NodeKind, Report, token
from model.rollover import roll_over
from model.verify import STALE_NUMBER, stale_numbers


def _report() -> Report:
    body = f"2024年3月开展第3次检查，组织培训{token(1)}，表彰96次，对生产、流通、餐饮4个环节开展检查。"
    node = Node(NodeKind.ITEM, "监管执法更加有力", body,
                fields=[Field(1, value=12, unit="期", source="12期", label="培训")], id=4)
    return Report(title="2024年工作总结", year=2024, nodes=[node], id=2)


def test_a_rolled_over_plain_count_is_listed_to_verify():
    new = roll_over(_report(), 2025)
    stale = [p for p in readiness(new) if p.kind == STALE_NUMBER]
    assert [p.message.split("：")[0] for p in stale] == [
        "正文中的“96次”不是指标；若是今年的数字，请设为指标",
        "正文中的“4个”不是指标；若是今年的数字，请设为指标"]
    assert {(p.severity, p.number, p.fid) for p in stale} == {(VERIFY, "一、", None)}


def test_years_dates_ordinals_fields_and_new_figures_are_not_listed():
    new = roll_over(_report(), 2025)
    node = new.nodes[0]
    node.body = node.body.replace("表彰96次", "表彰101次")
    assert stale_numbers(node) == ["4个"]  # "2025", "3月", "第3次" and the field ⟦1⟧ are never listed
    assert stale_numbers(_report().nodes[0]) == []  # not made by a rollover: nothing to remind


def test_check_json_lists_the_plain_count_after_a_rollover(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text("2024年区监管局工作总结\n一、监管执法\n1.专项检查。对生产、流通、餐饮4个环节开展检查，"
                     "办理案件120件。\n", encoding="utf-8")
    data = tmp_path / "data"
    rid = run("import", draft, data_dir=data).stdout.split()[-1]
    before = json.loads(run("check", rid, "--json", data_dir=data, check=False).stdout)
    assert STALE_NUMBER not in {p["kind"] for p in before}
    new = run("rollover", rid, "--year", "2025", data_dir=data).stdout.split()[-1]
    problems = json.loads(run("check", new, "--json", data_dir=data, check=False).stdout)
    stale = [p for p in problems if p["kind"] == STALE_NUMBER]
    assert [(p["severity"], p["node_number"], p["fid"]) for p in stale] == [("verify", "1.", None)]
    assert stale[0]["message"].startswith("正文中的“4个”不是指标；若是今年的数字，请设为指标：")
    text = run("check", new, data_dir=data, check=False).stdout
    assert "请核实" in text and "正文中的“4个”不是指标" in text
