"""The store keeps what issue 8 adds: departments, last year's text, bound phrases, notes (migration 003)."""

from __future__ import annotations

import sqlite3

from model import migrations
from model.report import Field, FieldKind, Node, NodeKind, Report, department_of, departments, token
from model.store import Store


def _report() -> Report:
    item = Node(NodeKind.ITEM, "登记更便利。", f"登记{token(1)}，同比{token(2)}。",
                fields=[Field(1, value=450, unit="户", last_value=400, note="市场科报"),
                        Field(2, FieldKind.CHANGE, value=12.5, unit="%", source="增长12.5%", precision=1, basis=1)],
                last_heading="登记较便利。", last_body=f"登记{token(1)}。")
    section = Node(NodeKind.SECTION, "优化营商环境", children=[item], department="市场科")
    return Report(title="2025年工作总结", year=2025, nodes=[section, Node(NodeKind.CLOSING, "", "继续努力。")])


def test_new_attributes_survive_the_store(tmp_path):
    s = Store(tmp_path / "r.db")
    back = s.load_report(s.add_report(_report()))
    section, closing = back.nodes
    item = section.children[0]
    assert (section.department, item.department, closing.last_body) == ("市场科", "", None)
    assert (item.last_heading, item.last_body) == ("登记较便利。", f"登记{token(1)}。")
    number, phrase = item.fields
    assert number.note == "市场科报" and (phrase.kind, phrase.basis) == (FieldKind.CHANGE, 1)
    item.department = "登记科"
    s.save_node(back.id, item)
    assert s.load_report(back.id).nodes[0].children[0].department == "登记科"
    assert s.list_reports()[0].blanks == 0  # a phrase is computed, never a blank of its own
    s.close()


def test_departments_are_inherited_by_children():
    report = _report()
    section, closing = report.nodes
    item = section.children[0]
    assert department_of(report, item) == "市场科" and department_of(report, closing) == ""
    item.department = "登记科"
    assert departments(report)[id(item)] == "登记科" and department_of(report, section) == "市场科"


def test_a_store_of_the_first_schema_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, migrations.STEPS[:1])
    conn.execute("INSERT INTO reports(id, title, created, modified) VALUES (1, '旧报告', '2025', '2025')")
    conn.execute("INSERT INTO nodes(id, report_id, position, kind, body) VALUES (1, 1, 0, 'section', '正文')")
    conn.close()
    s = Store(path)
    old = s.load_report(1)
    assert (old.nodes[0].body, old.nodes[0].department, old.nodes[0].last_body) == ("正文", "", None)
    assert migrations.pending(s.conn) == []
    s.close()
