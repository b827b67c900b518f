"""The command line of issue 8: check by severity, rollover --dry-run, show --json's change."""

from __future__ import annotations

import json

import pytest
from test_cli import run

DRAFT = """2024年区市场监管局工作总结
一、优化营商环境
1.登记注册更加便利。2024年新登记市场主体2,345户，同比增长12.5%。2021年以来累计培育个体户X户。
2.监管执法更加有力。2024年3月开展专项行动，办理案件120件。
"""


@pytest.fixture
def stored(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    data = tmp_path / "data"
    return data, run("import", draft, data_dir=data).stdout.split()[-1]


def _fields(shown: dict) -> list[dict]:
    out = []

    def visit(nodes):
        for n in nodes:
            out.extend(n["fields"])
            visit(n["children"])

    visit(shown["nodes"])
    return out


def test_check_json_gives_kind_severity_node_and_field(stored):
    data, rid = stored
    done = run("check", rid, "--json", data_dir=data, check=False)
    assert done.returncode == 1
    problems = json.loads(done.stdout)
    assert [(p["kind"], p["severity"], p["node_number"]) for p in problems] == [("blank", "must", "1.")]
    assert isinstance(problems[0]["fid"], int) and "尚未填写" in problems[0]["message"]
    text = run("check", rid, data_dir=data, check=False).stdout
    assert text.startswith("必须处理（1）\n  ")


def test_only_must_problems_fail_the_check(stored):
    data, rid = stored
    new = run("rollover", rid, "--year", "2025", data_dir=data).stdout.split()[-1]
    plain = run("check", new, "--json", data_dir=data, check=False)
    assert plain.returncode == 1
    kinds = {p["kind"] for p in json.loads(plain.stdout)}
    assert kinds == {"blank", "phrase"}


def test_rollover_dry_run_lists_and_stores_nothing(stored):
    data, rid = stored
    before = json.loads(run("list", "--json", data_dir=data).stdout)
    plan = json.loads(run("rollover", rid, "--year", "2025", "--dry-run", "--json", data_dir=data).stdout)
    assert [(r["where"], r["before"], r["after"]) for r in plan] == [("title", "2024", "2025"),
                                                                      ("body", "2024", "2025")]
    assert set(plan[0]) == {"index", "node_id", "where", "offset", "before", "after", "context"}
    assert "2,345户" in plan[1]["context"]
    assert json.loads(run("list", "--json", data_dir=data).stdout) == before
    text = run("rollover", rid, "--year", "2025", "--dry-run", data_dir=data).stdout
    assert text.count("2024年 → 2025年") == 2


def test_show_json_gives_each_field_its_change(stored):
    data, rid = stored
    new = run("rollover", rid, "--year", "2025", data_dir=data).stdout.split()[-1]
    fields = _fields(json.loads(run("show", new, "--json", data_dir=data).stdout))
    number, phrase = fields[0], fields[1]
    assert (number["last_value"], number["change"]) == (2345, None)  # blank this year: no change yet
    assert (phrase["kind"], phrase["computed"], phrase["basis"]) == ("number", True, 1)  # design.md's two kinds
    shown = _fields(json.loads(run("show", rid, "--json", data_dir=data).stdout))
    assert shown[0]["change"] == {"kind": "new", "value": None, "text": "新增"}


CHINESE_DRAFT = """二〇二四年区市场监管局工作总结
一、优化营商环境
1.登记注册更加便利。二〇二四年新登记市场主体2,345户。二〇二一年以来累计培育个体户X户，《二〇二四年监管要点》印发。
"""


def test_rollover_dry_run_lists_chinese_numeral_years(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text(CHINESE_DRAFT, encoding="utf-8")
    data = tmp_path / "data"
    rid = run("import", draft, "--year", "2024", data_dir=data).stdout.split()[-1]
    plan = json.loads(run("rollover", rid, "--year", "2025", "--dry-run", "--json", data_dir=data).stdout)
    assert [(r["where"], r["before"], r["after"]) for r in plan] == [("title", "二〇二四", "二〇二五"),
                                                                      ("body", "二〇二四", "二〇二五")]
    text = run("rollover", rid, "--year", "2025", "--dry-run", data_dir=data).stdout
    assert text.count("二〇二四年 → 二〇二五年") == 2
    new = run("rollover", rid, "--year", "2025", data_dir=data).stdout.split()[-1]
    shown = json.loads(run("show", new, "--json", data_dir=data).stdout)
    assert shown["title"] == "二〇二五年区市场监管局工作总结"
    body = shown["nodes"][0]["children"][0]["text"]
    assert "二〇二五年新登记" in body and "二〇二一年以来" in body and "《二〇二四年监管要点》" in body
