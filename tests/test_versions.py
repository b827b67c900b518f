"""Versions (版本): a report kept whole, listed newest first, restored after any number of restarts."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from sql_trace import Transactions

from model.errors import MissingRowError, StoreError
from model.report import Field, FieldKind, Node, NodeKind, NumberStyle, Report, token
from model.store import Store
from model.versions import (
    _ATTRIBUTES,
    VersionInfo,
    from_snapshot,
    list_versions,
    load_version,
    replace_report_content,
    restore_version,
    save_version,
    snapshot,
)


def _report() -> Report:
    kept = Node(NodeKind.ITEM, "办件提速。", f"平均办结时间压缩到{token(3)}。",
                fields=[Field(3, value=2.5, unit="个工作日", label="办结时间", source="2.5个工作日", precision=1)])
    gone = Node(NodeKind.SECTION, "抓好队伍建设", "全年培训干部" + token(1) + "，覆盖" + token(2) + "。",
                fields=[Field(1, value=320, unit="人次", label="培训干部", source="320人次"),
                        Field(2, FieldKind.TEXT, value="各科室", label="覆盖", source="各科室")],
                children=[Node(NodeKind.INLINE, "一是严管理。", "约谈提醒6人。")])
    return Report(title="2026年工作总结", year=2026, organisation="县某局",
                  level_styles=[NumberStyle.CN_COMMA, NumberStyle.CN_PAREN],
                  nodes=[Node(NodeKind.SECTION, "优化政务服务", children=[kept]), gone],
                  front_matter=["（2026年12月）"])


def _shape(report: Report):
    return [(n.id, n.kind, n.heading, n.body, n.number_style,
             [(f.fid, f.kind, f.value, f.unit, f.label, f.source, f.precision, f.last_value) for f in n.fields],
             [c.id for c in n.children]) for n in report.walk()]


def test_a_deleted_section_comes_back_from_a_version_after_restarts(tmp_path):
    path = tmp_path / "v.db"
    s = Store(path)
    report = _report()
    rid = s.add_report(report)
    before = _shape(s.load_report(rid))
    vid = save_version(s, report, "删除前")
    report.nodes.pop()  # the section with its text and its fields
    s.save_structure(report)
    s.close()
    for _ in range(3):  # restarts
        Store(path).close()
    s = Store(path)
    assert len(s.load_report(rid).nodes) == 1
    restored = restore_version(s, vid)
    assert _shape(restored) == before
    s.close()
    again = Store(path).load_report(rid)
    assert _shape(again) == before
    assert again.nodes[1].fields[0].value == 320 and isinstance(again.nodes[0].children[0].fields[0].value, float)
    assert again.title == "2026年工作总结" and again.front_matter == ["（2026年12月）"]


def test_versions_are_listed_newest_first_with_time_note_reason_and_size(store):
    report = _report()
    rid = store.add_report(report)
    first = save_version(store, report, "初稿")
    report.nodes[0].heading = "优化政务服务环境"
    second = save_version(store, report, reason="export")
    infos = list_versions(store, rid)
    assert [v.id for v in infos] == [second, first]
    assert isinstance(infos[0], VersionInfo) and (infos[1].note, infos[1].reason) == ("初稿", "manual")
    assert infos[0].reason == "export" and infos[0].size == infos[1].size + 2
    assert infos[1].size == sum(len(n.heading) + len(n.body) for n in _report().walk())
    assert infos[0].created[:4].isdigit()


def test_a_loaded_version_is_a_detached_copy(store):
    report = _report()
    rid = store.add_report(report)
    vid = save_version(store, report)
    copy = load_version(store, vid)
    copy.nodes[0].heading = "只在副本里"
    assert store.load_report(rid).nodes[0].heading == "优化政务服务"
    assert load_version(store, vid).nodes[0].heading == "优化政务服务"
    assert copy.id == rid
    with pytest.raises(StoreError, match="没有编号为 999 的版本"):
        load_version(store, 999)


def test_restore_keeps_a_version_of_the_state_it_replaces(store):
    report = _report()
    rid = store.add_report(report)
    vid = save_version(store, report)
    report.nodes[0].children[0].body = "改过的正文。"
    report.nodes[0].children[0].fields = []
    store.save_node(rid, report.nodes[0].children[0])
    with Transactions(store.conn) as trace:
        restore_version(store, vid)
    assert trace.counts == (1, 1, 0)  # the version of the current state and the rewrite commit together
    newest = list_versions(store, rid)[0]
    assert newest.reason == "restore"
    assert load_version(store, newest.id).nodes[0].children[0].body == "改过的正文。"


def test_replace_report_content_is_one_transaction_and_undoable_both_ways(store):
    report = _report()
    rid = store.add_report(report)
    old = store.load_report(rid)
    new = _report()
    new.nodes = new.nodes[:1]
    new.title = "换了标题"
    with Transactions(store.conn) as trace:
        replace_report_content(store, rid, new)
    assert trace.counts == (1, 1, 0)
    assert store.load_report(rid).title == "换了标题" and len(list(store.load_report(rid).walk())) == 2
    replace_report_content(store, rid, old)
    assert _shape(store.load_report(rid)) == _shape(old)


def test_a_failing_replace_leaves_the_report_as_it_was(store, monkeypatch):
    report = _report()
    rid = store.add_report(report)
    before = _shape(store.load_report(rid))

    def broken(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "insert_nodes", broken)
    with pytest.raises(sqlite3.OperationalError):
        replace_report_content(store, rid, _report())
    assert _shape(store.load_report(rid)) == before


def test_a_node_id_taken_by_another_report_gets_a_new_one(store):
    report = _report()
    store.add_report(report)
    vid = save_version(store, report)
    section = report.nodes.pop()
    store.save_structure(report)
    other = Report(title="别的报告", nodes=[Node(NodeKind.SECTION, "占用", id=section.id)])
    store.add_report(other)
    restored = restore_version(store, vid)
    assert restored.nodes[1].heading == "抓好队伍建设" and restored.nodes[1].id != section.id
    assert [f.fid for f in restored.nodes[1].fields] == [1, 2]
    assert store.load_report(other.id).nodes[0].heading == "占用"


def test_versions_of_a_deleted_report_do_not_pass_to_the_next(store):
    report = _report()
    rid = store.add_report(report)
    save_version(store, report)
    store.delete_report(rid)
    assert list_versions(store, rid) == []
    with pytest.raises(MissingRowError):
        save_version(store, report)


def test_a_snapshot_names_each_attribute_once_and_is_stored_compressed(store):
    """Rows of values under one header, not a dict per object (nested dicts made 0.75 s of 1,000 nodes)."""
    report = _report()
    rid = store.add_report(report)
    text = snapshot(report)
    assert text.count('"last_value"') == 1 and text.count('"heading"') == 1
    assert _shape(from_snapshot(text)) == _shape(report)
    vid = save_version(store, report)
    stored = store.conn.execute("SELECT snapshot, hash FROM versions WHERE id = ?", [vid]).fetchone()
    assert isinstance(stored["snapshot"], bytes) and len(stored["snapshot"]) < len(text.encode())
    assert stored["hash"] == hashlib.sha256(text.encode()).hexdigest()
    assert _shape(load_version(store, vid)) == _shape(report) and load_version(store, vid).id == rid


def test_a_version_kept_before_this_format_still_loads(store):
    """Format 1: the report as nested dicts (as dataclasses.asdict made them), stored as plain TEXT without a hash."""
    report = _report()
    rid = store.add_report(report)

    def as_dicts(value):
        if isinstance(value, list):
            return [as_dicts(v) for v in value]
        if isinstance(value, (Report, Node, Field)):
            return {name: as_dicts(getattr(value, name)) for name in value.__match_args__}
        return value

    old = json.dumps(as_dicts(report), ensure_ascii=False)
    store.conn.execute("INSERT INTO versions(report_id, created, snapshot) VALUES (?, '2026-01-01T08:00:00', ?)",
                       [rid, old])
    [info] = list_versions(store, rid)
    assert _shape(load_version(store, info.id)) == _shape(report)
    assert save_version(store, report, reason="export") != info.id  # no hash to compare: a new one is kept


def test_a_snapshot_from_another_version_of_the_program_keeps_what_this_one_knows():
    """A newer ReportDesk's extra attribute is dropped, an attribute it lacks takes its default."""
    report = _report()
    data = json.loads(snapshot(report))
    names = data["attributes"]
    children, fields = names["Node"].index("children"), names["Node"].index("fields")
    names["Field"].append("colour")
    names["Node"].remove("department")
    at = _ATTRIBUTES[Node].index("department")

    def change(row):
        del row[at]
        for f in row[fields]:
            f.append("red")
        for child in row[children]:
            change(child)

    for row in data["report"][names["Report"].index("nodes")]:
        change(row)
    assert _shape(from_snapshot(json.dumps(data, ensure_ascii=False))) == _shape(report)


def test_an_automatic_version_is_kept_only_when_the_report_changed(store):
    report = _report()
    rid = store.add_report(report)
    first = save_version(store, report, reason="export")
    assert save_version(store, report, reason="export") == first
    assert save_version(store, report, reason="delete") == first
    report.nodes[0].heading = "优化政务服务环境"
    second = save_version(store, report, reason="export")
    assert second != first
    manual = save_version(store, report, "交审前")  # asked for by the clerk: always kept
    assert manual != second and len(list_versions(store, rid)) == 3
    with Transactions(store.conn) as trace:
        assert save_version(store, report, reason="export") == manual
    assert not [s for s in trace.statements if s.lstrip().upper().startswith("INSERT")]
