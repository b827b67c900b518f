"""这是对的: a confirmed 请核实 reminder stays away until what it judged changes; 必须处理 never goes away."""

from __future__ import annotations

import json
import sqlite3

import pytest
from test_cli import run

from model import migrations
from model.checks import MUST, VERIFY, dismissal_rows, readiness
from model.paths import DB_NAME
from model.report import Field, Node, NodeKind, Report, token
from model.rollover import roll_over
from model.store import MissingRowError, Store, migration_backup
from model.verify import BIG_CHANGE, SAME, STALE_NUMBER


def _report() -> Report:
    """Two 请核实 (the same count as last year, a jump of 60 %) and one blank (必须处理)."""
    item = Node(NodeKind.ITEM, "宣传教育深入人心。",
                f"全年开展普法讲座{token(1)}，发放资料{token(2)}。走访企业{token(3)}。",
                fields=[Field(1, value=14, unit="场", label="普法讲座", last_value=14),
                        Field(2, value=1600, unit="份", label="发放资料", last_value=1000),
                        Field(3, unit="家", label="走访企业")])
    return Report(title="2025年普法工作总结", year=2025, nodes=[Node(NodeKind.SECTION, "抓普法", children=[item])])


def _kinds(problems) -> list[tuple[str, bool]]:
    return [(p.kind, p.dismissed) for p in problems]


def _confirm(store: Store, report: Report, *kinds: str) -> None:
    chosen = [p for p in readiness(report) if p.kind in kinds]
    store.set_dismissed(report.id, dismissal_rows(chosen))


def test_a_confirmed_reminder_stays_confirmed_after_reopening(tmp_path):
    path = tmp_path / DB_NAME
    store = Store(path)
    rid = store.add_report(_report())
    _confirm(store, store.load_report(rid), SAME)
    store.close()
    again = Store(path)
    problems = readiness(again.load_report(rid), again.dismissed_keys(rid))
    assert _kinds(problems) == [("blank", False), (SAME, True), (BIG_CHANGE, False)]
    assert [p.as_json()["dismissed"] for p in problems] == [False, True, False]
    again.close()


def test_it_comes_back_when_the_value_or_the_words_around_it_change():
    store = Store(":memory:")
    rid = store.add_report(_report())
    _confirm(store, store.load_report(rid), SAME, BIG_CHANGE)
    keys = store.dismissed_keys(rid)
    report = store.load_report(rid)
    item = report.nodes[0].children[0]
    item.body = item.body.replace("走访企业", "走访重点企业")  # another sentence: both stay confirmed
    assert _kinds(readiness(report, keys))[1:] == [(SAME, True), (BIG_CHANGE, True)]
    item.body = item.body.replace("全年开展普法讲座", "全年举办普法讲座")  # the words around both figures
    assert _kinds(readiness(report, keys))[1:] == [(SAME, False), (BIG_CHANGE, False)]
    report = store.load_report(rid)
    report.nodes[0].children[0].fields[1].value = 1700  # still beyond 50 %, but not what was confirmed
    assert _kinds(readiness(report, keys))[1:] == [(SAME, True), (BIG_CHANGE, False)]


def test_must_fix_problems_cannot_be_dismissed():
    store = Store(":memory:")
    rid = store.add_report(_report())
    problems = readiness(store.load_report(rid))
    blank = next(p for p in problems if p.severity == MUST)
    assert not blank.dismissable and blank.key == ""
    assert dismissal_rows([blank]) == []
    store.set_dismissed(rid, [(blank.key, blank.kind, blank.message)])  # even if a caller tried
    after = readiness(store.load_report(rid), store.dismissed_keys(rid))
    assert [p.dismissed for p in after if p.severity == MUST] == [False]


def test_taking_a_confirmation_back_and_deleting_the_report():
    store = Store(":memory:")
    rid = store.add_report(_report())
    _confirm(store, store.load_report(rid), SAME)
    rows = dismissal_rows([p for p in readiness(store.load_report(rid)) if p.kind == SAME])
    store.set_dismissed(rid, rows, dismissed=False)
    assert store.dismissed_keys(rid) == set()
    store.set_dismissed(rid, rows)
    store.delete_report(rid)
    assert store.conn.execute("SELECT COUNT(*) FROM dismissals").fetchone()[0] == 0
    with pytest.raises(MissingRowError):
        store.set_dismissed(rid, rows)


def test_a_stale_plain_number_comes_back_when_its_sentence_changes():
    body = f"组织培训{token(1)}，表彰先进96次。对4个环节开展检查。"
    node = Node(NodeKind.ITEM, "监管有力", body, fields=[Field(1, value=12, unit="期", source="12期", label="培训")])
    store = Store(":memory:")
    rid = store.add_report(roll_over(Report(title="2024年总结", year=2024, nodes=[node]), 2025))
    report = store.load_report(rid)
    stale = [p for p in readiness(report) if p.kind == STALE_NUMBER]
    assert [p.message.split("：")[0] for p in stale] == ["正文中的“96次”不是指标；若是今年的数字，请设为指标",
                                                         "正文中的“4个”不是指标；若是今年的数字，请设为指标"]
    store.set_dismissed(rid, dismissal_rows(stale[:1]))
    keys = store.dismissed_keys(rid)
    assert _kinds(p for p in readiness(report, keys) if p.severity == VERIFY) == [
        (STALE_NUMBER, True), (STALE_NUMBER, False)]
    node = report.nodes[0]
    node.body = node.body.replace("表彰先进", "表彰优秀个人")
    assert _kinds(p for p in readiness(report, keys) if p.severity == VERIFY) == [
        (STALE_NUMBER, False), (STALE_NUMBER, False)]


def test_a_store_of_schema_four_gains_the_dismissals_table(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, migrations.STEPS[:4])
    conn.execute("INSERT INTO reports(id, title, created, modified) VALUES (1, '旧报告', '2025', '2025')")
    conn.close()
    store = Store(path)
    assert migrations.pending(store.conn) == [] and store.dismissed_keys(1) == set()
    store.set_dismissed(1, [("same:1:1:abc", SAME, "指标“讲座”与上年相同")])
    assert store.dismissed_keys(1) == {"same:1:1:abc"} and store.load_report(1).title == "旧报告"
    store.close()
    before = sqlite3.connect(migration_backup(path, "005_dismissals"))
    tables = {r[0] for r in before.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "dismissals" not in tables and before.execute("SELECT title FROM reports").fetchone() == ("旧报告",)
    before.close()


def test_check_hides_confirmed_reminders_and_json_marks_them(tmp_path):
    data = tmp_path / "data"
    run("list", data_dir=data)
    store = Store(data / DB_NAME)
    rid = store.add_report(_report())
    _confirm(store, store.load_report(rid), SAME)
    store.close()
    done = run("check", rid, "--json", data_dir=data, check=False)
    assert done.returncode == 1  # the blank still must be filled
    assert [(p["kind"], p["dismissed"]) for p in json.loads(done.stdout)] == [
        ("blank", False), (SAME, True), (BIG_CHANGE, False)]
    text = run("check", rid, data_dir=data, check=False)
    assert "与上年相同" not in text.stdout and "变化较大" in text.stdout
    assert text.stdout.splitlines()[-1] == "另有1条已确认，未列出"
    assert "请核实 1 处" in text.stderr
    store = Store(data / DB_NAME)
    report = store.load_report(rid)
    report.nodes[0].children[0].fields[2].value = 30  # the blank filled: only 请核实 are left
    store.save_field(rid, report.nodes[0].children[0].id, report.nodes[0].children[0].fields[2])
    _confirm(store, report, BIG_CHANGE)
    store.close()
    done = run("check", rid, data_dir=data)
    assert done.returncode == 0 and done.stdout.strip() == "另有2条已确认，未列出"


def test_a_check_with_nothing_confirmed_computes_no_fingerprint():
    """The 检查 dock re-runs after every save: fingerprints are made only for reminders the store names."""
    report = _report()
    assert all("key" not in vars(p) for p in readiness(report))
    wanted = next(p for p in readiness(report) if p.kind == SAME).key
    problems = readiness(report, {wanted})
    assert [("key" in vars(p), p.dismissed) for p in problems] == [(False, False), (True, True), (False, False)]
