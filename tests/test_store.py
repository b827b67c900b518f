"""The store keeps every edit, survives a kill, and copies itself aside before a migration."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sql_trace import Transactions

from conftest import ROOT
from model import migrations
from model.report import Field, FieldKind, Node, NodeKind, NumberStyle, Report, token
from model.store import MissingRowError, Store, StoreDamaged, StoreError, StoreForeign


def _report() -> Report:
    item = Node(NodeKind.ITEM, "理论学习常抓不懈。", f"全年开展集中学习{token(1)}，走访{token(2)}。",
                fields=[Field(1, value=24, unit="次", label="集中学习", source="24次"),
                        Field(2, FieldKind.TEXT, value=None, label="社区", source="XX社区")],
                children=[Node(NodeKind.INLINE, "一是抓学习。", "")])
    return Report(title="2025年工作总结", year=2025, organisation="市某局",
                  level_styles=[NumberStyle.CN_COMMA, NumberStyle.ARABIC_DOT],
                  nodes=[Node(NodeKind.PREAMBLE, body="一年来，……"),
                         Node(NodeKind.SECTION, "坚持党建引领", children=[item]),
                         Node(NodeKind.CLOSING, body="新的一年，……")],
                  front_matter=["来源：本局"])


def _shape(report: Report):
    return [(n.kind, n.heading, n.body, [(f.fid, f.kind, f.value, f.unit, f.label, f.last_value)
                                         for f in n.fields], len(n.children)) for n in report.walk()]


def test_a_report_comes_back_as_it_was_stored(tmp_path):
    path = tmp_path / "r.db"
    s = Store(path)
    report = _report()
    rid = s.add_report(report)
    s.close()
    again = Store(path).load_report(rid)
    assert _shape(again) == _shape(report)
    assert again.level_styles == [NumberStyle.CN_COMMA, NumberStyle.ARABIC_DOT]
    assert again.front_matter == ["来源：本局"] and again.organisation == "市某局"
    assert isinstance(again.nodes[1].children[0].fields[0].value, int)


def test_edits_are_saved_one_by_one(store):
    report = _report()
    rid = store.add_report(report)
    item = report.nodes[1].children[0]
    item.body += "新增一句。"
    item.fields[0].value = 30.5
    store.save_node(rid, item)
    item.fields[1].value = "东风社区"
    store.save_field(rid, item.id, item.fields[1])
    again = store.load_report(rid)
    assert again.nodes[1].children[0].body.endswith("新增一句。")
    assert [f.value for f in again.nodes[1].children[0].fields] == [30.5, "东风社区"]
    assert store.list_reports()[0].blanks == 0


def test_the_fields_of_several_nodes_are_written_in_one_block(store):
    """Each node checked once, the report touched once: a savepoint, two checks, three writes, a touch."""
    report = _report()
    item = report.nodes[1].children[0]
    other = item.children[0]
    other.body, other.fields = f"开展{token(3)}。", [Field(3, value=None, unit="次", source="X次")]
    rid = store.add_report(report)
    item.fields[0].value, item.fields[1].value, other.fields[0].value = 31, "西风社区", 7
    statements = []
    store.conn.set_trace_callback(statements.append)
    store.save_fields(rid, [(item.id, item.fields[0]), (item.id, item.fields[1]), (other.id, other.fields[0])])
    store.conn.set_trace_callback(None)
    assert sum(s.startswith("SELECT 1 FROM nodes") for s in statements) == 2
    assert sum(s.startswith("UPDATE reports SET modified") for s in statements) == 1
    assert len(statements) <= 2 + 2 + 3 + 1 + 1  # BEGIN or SAVEPOINT, checks, writes, touch, COMMIT or RELEASE
    again = {f.fid: f.value for n in store.load_report(rid).walk() for f in n.fields}
    assert again[item.fields[0].fid] == 31 and again[item.fields[1].fid] == "西风社区"
    assert again[other.fields[0].fid] == 7


def test_a_token_removed_from_the_text_takes_its_field_away(store):
    report = _report()
    rid = store.add_report(report)
    item = report.nodes[1].children[0]
    item.fields = item.fields[:1]
    store.save_node(rid, item)
    assert [f.fid for f in store.load_report(rid).nodes[1].children[0].fields] == [1]


def test_structure_changes_insert_move_and_delete(store):
    report = _report()
    rid = store.add_report(report)
    section = report.nodes[1]
    item = section.children.pop(0)
    new_section = Node(NodeKind.SECTION, "强化作风建设", children=[item])
    report.nodes.insert(2, new_section)
    report.nodes.pop(0)  # the preamble goes
    store.save_structure(report)
    again = store.load_report(rid)
    assert [n.heading for n in again.nodes] == ["坚持党建引领", "强化作风建设", ""]
    assert again.nodes[1].children[0].heading == "理论学习常抓不懈。"
    assert len(list(again.all_fields())) == 2
    count = store.conn.execute("SELECT COUNT(*) FROM nodes WHERE report_id = ?", [rid]).fetchone()[0]
    assert count == 5


def test_delete_report_removes_everything(store):
    rid = store.add_report(_report())
    store.delete_report(rid)
    assert store.list_reports() == []
    assert store.conn.execute("SELECT COUNT(*) FROM fields").fetchone()[0] == 0


def test_unknown_report_is_a_clear_error(store):
    with pytest.raises(StoreError, match="没有编号为 99 的报告"):
        store.load_report(99)


def test_a_file_that_is_not_sqlite_is_foreign_and_kept_as_it_is(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreForeign, match="数据文件不是 ReportDesk 的数据") as caught:
        Store(path)
    assert caught.value.path == path
    assert path.read_bytes() == b"this is not a database at all" * 200


def test_damaged_database_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.db"
    s = Store(path)
    s.add_report(_report())
    s.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the tables overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged, match="损坏") as caught:
        Store(path)
    assert caught.value.path == path


def test_database_is_copied_aside_before_a_migration(tmp_path, monkeypatch):
    path = tmp_path / "r.db"
    s = Store(path)
    rid = s.add_report(_report())
    s.close()

    def _002_test_column(db):
        db.execute("ALTER TABLE reports ADD COLUMN extra TEXT")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, ("099_test_column", _002_test_column)])
    s = Store(path)
    backup = tmp_path / "backups" / "r-before-099_test_column.db"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert "extra" not in [r[1] for r in old.execute("PRAGMA table_info(reports)")]
    assert old.execute("SELECT title FROM reports WHERE id = ?", [rid]).fetchone()[0] == "2025年工作总结"
    old.close()
    assert "extra" in [r[1] for r in s.conn.execute("PRAGMA table_info(reports)")]
    assert s.load_report(rid).title == "2025年工作总结"
    assert migrations.pending(s.conn) == []
    s.close()


def test_a_current_schema_does_not_load_sqlite_utils(tmp_path):
    Store(tmp_path / "r.db").close()
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from model.store import Store; "
            f"Store({str(tmp_path / 'r.db')!r}).close(); print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_undo_of_a_delete_brings_nodes_back_with_their_ids(store):
    report = _report()
    rid = store.add_report(report)
    section = report.nodes[1]
    ids = [n.id for n in section.walk()]
    report.nodes.remove(section)
    store.save_structure(report)
    report.nodes.insert(1, section)
    store.save_structure(report)
    again = store.load_report(rid)
    assert [n.id for n in again.nodes[1].walk()] == ids
    assert [f.value for f in again.nodes[1].children[0].fields] == [24, None]


def test_nested_atomic_blocks_roll_back_as_savepoints(store):
    rid = store.add_report(_report())
    with store.atomic():
        store.conn.execute("UPDATE reports SET title = '外层' WHERE id = ?", [rid])
        with pytest.raises(RuntimeError), store.atomic():
            store.conn.execute("UPDATE reports SET title = '内层' WHERE id = ?", [rid])
            raise RuntimeError
    assert store.load_report(rid).title == "外层"


def test_killing_the_process_loses_at_most_the_edit_in_flight(tmp_path):
    """A writer is killed mid-stream; on reopen every committed edit is there and the file is sound."""
    path = tmp_path / "kill.db"
    s = Store(path)
    rid = s.add_report(_report())
    s.close()
    writer = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from model.store import Store
        s = Store({str(path)!r})
        mode = s.conn.execute("PRAGMA journal_mode").fetchone()[0]
        sync = s.conn.execute("PRAGMA synchronous").fetchone()[0]
        print(mode, sync, flush=True)
        r = s.load_report({rid})
        item = r.nodes[1].children[0]
        n = 0
        while True:
            n += 1
            item.body = f"第{{n}}次修改"
            s.save_node({rid}, item)
            print(n, flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    # what the README promises: WAL, synchronous=FULL (2) in the process that writes
    assert proc.stdout.readline().split() == ["wal", "2"]
    last = 0
    for line in proc.stdout:
        last = int(line)
        if last >= 200:
            break
    proc.kill()
    proc.wait()
    proc.stdout.close()
    s = Store(path)
    body = s.load_report(rid).nodes[1].children[0].body
    saved = int(body.removeprefix("第").removesuffix("次修改"))
    assert saved >= last
    assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    s.close()
    plain = sqlite3.connect(path)  # WAL is recorded in the file itself
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plain.close()


def test_a_failed_commit_is_rolled_back_so_the_next_edit_really_commits(tmp_path):
    """COMMIT fails (here a deferred foreign key); the next atomic() must be a transaction of its own."""
    path = tmp_path / "c.db"
    s = Store(path)
    rid = s.add_report(_report())
    with pytest.raises(sqlite3.IntegrityError), s.atomic():
        s.conn.execute("PRAGMA defer_foreign_keys = ON")
        s.conn.execute("INSERT INTO nodes(report_id, position, kind) VALUES (9999, 0, 'section')")
    assert not s.conn.in_transaction
    report = s.load_report(rid)
    report.title = "提交成功"
    s.save_report_info(report)
    other = sqlite3.connect(path)
    assert other.execute("SELECT title FROM reports WHERE id = ?", [rid]).fetchone()[0] == "提交成功"
    assert other.execute("SELECT COUNT(*) FROM nodes WHERE report_id = 9999").fetchone()[0] == 0
    other.close()
    s.close()


def test_a_commit_refused_by_a_busy_store_is_rolled_back(tmp_path):
    """A second connection holds a read in a rollback-journal store, so our COMMIT gets 'database is locked'."""
    path = tmp_path / "busy.db"
    s = Store(path)
    rid = s.add_report(_report())
    s.conn.execute("PRAGMA journal_mode = DELETE")
    s.conn.execute("PRAGMA busy_timeout = 0")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM reports").fetchone()  # holds a SHARED lock
    report = s.load_report(rid)
    report.title = "第一次"
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        s.save_report_info(report)
    assert not s.conn.in_transaction
    reader.execute("COMMIT")
    reader.close()
    report.title = "第二次"
    s.save_report_info(report)
    other = sqlite3.connect(path)
    assert other.execute("SELECT title FROM reports WHERE id = ?", [rid]).fetchone()[0] == "第二次"
    other.close()
    s.close()


def test_rows_are_read_by_column_name(store):
    rid = store.add_report(_report())
    assert store.conn.row_factory is sqlite3.Row
    assert store.load_report(rid).title == "2025年工作总结"


def test_writes_that_hit_no_row_raise_and_store_nothing(store):
    report = _report()
    rid = store.add_report(report)
    item = report.nodes[1].children[0]
    gone = Node(NodeKind.ITEM, "已删除", "正文", id=12345)
    with pytest.raises(MissingRowError, match="修改未保存"):
        store.save_node(rid, gone)
    with pytest.raises(MissingRowError, match="修改未保存"):
        store.save_field(rid, 12345, Field(77, value=1))
    assert store.conn.execute("SELECT COUNT(*) FROM fields WHERE fid = 77").fetchone()[0] == 0
    with pytest.raises(MissingRowError, match="修改未保存"):  # one node gone: none of the fields is written
        store.save_fields(rid, [(item.id, Field(78, value=1)), (12345, Field(79, value=1))])
    assert store.conn.execute("SELECT COUNT(*) FROM fields WHERE fid IN (78, 79)").fetchone()[0] == 0
    other = Report(title="别的", id=999, nodes=[Node(NodeKind.SECTION, "无处安放")])
    with pytest.raises(MissingRowError):
        store.save_report_info(other)
    with pytest.raises(MissingRowError):
        store.save_structure(other)
    assert store.conn.execute("SELECT COUNT(*) FROM nodes WHERE heading = '无处安放'").fetchone()[0] == 0
    assert isinstance(MissingRowError("x"), StoreError)
    store.save_node(rid, item)  # a node that exists still saves
    assert not store.conn.in_transaction


def test_every_store_write_is_one_transaction(tmp_path):
    s = Store(tmp_path / "t.db")
    report = _report()
    item = report.nodes[1].children[0]
    edits = {
        "add_report": lambda: s.add_report(report),
        "save_node": lambda: s.save_node(report.id, item),
        "save_field": lambda: s.save_field(report.id, item.id, item.fields[0]),
        "save_report_info": lambda: s.save_report_info(report),
        "save_structure": lambda: (report.nodes.append(Node(NodeKind.SECTION, "新增", children=[
            Node(NodeKind.ITEM, "一", "二")])), s.save_structure(report)),
        "delete_report": lambda: s.delete_report(report.id),
    }
    for name, edit in edits.items():
        with Transactions(s.conn) as trace:
            edit()
        assert trace.counts == (1, 1, 0), (name, trace.statements)
    s.close()


def test_the_transaction_count_sees_one_transaction_per_operation(store):
    """The counter itself: autocommit writes and one COMMIT per write are both caught."""
    rid = store.add_report(_report())
    with Transactions(store.conn) as trace:
        store.conn.execute("UPDATE reports SET title = 'a' WHERE id = ?", [rid])
        for title in ("b", "c"):
            with store.atomic():
                store.conn.execute("UPDATE reports SET title = ? WHERE id = ?", [title, rid])
    assert trace.counts == (2, 2, 1)
