"""The command line of design.md, run as a user runs it: a separate process, JSON on stdout."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

DRAFT = """2024年局领导班子述职报告

2024年，局领导班子在市委的领导下，扎实推进各项工作，现报告如下：
一、强化理论武装，筑牢思想根基。
1.学习制度持续完善。全年召开党组理论学习中心组会议12次，撰写心得体会X篇。
2.教育培训扎实开展。举办专题培训班3期，培训干部450人次。一是抓好新任干部培训。组织培训2次。二是抓好业务骨干培训。覆盖XX个科室。
二、优化营商环境，服务发展大局。
1.登记注册更加便利。新登记市场主体2,345户，同比增长12.5%。
回顾一年工作，我们也清醒地看到存在的不足。
新的一年，我们将继续努力。
"""


def run(*args, data_dir, check=True):
    done = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data_dir), *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "上年稿.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_help_lists_every_command(tmp_path):
    out = run("--help", data_dir=tmp_path).stdout
    for command in ("parse", "import", "list", "show", "export", "check", "rollover"):
        assert command in out


def test_parse_json_has_the_design_shape(tmp_path, draft):
    data = json.loads(run("parse", draft, "--json", data_dir=tmp_path).stdout)
    assert data["title"] == "2024年局领导班子述职报告" and data["year"] == 2024
    nodes = data["nodes"]
    assert [n["number"] for n in nodes] == ["", "一、", "二、", "", ""]
    first = nodes[1]["children"][0]
    assert (first["number"], first["heading"]) == ("1.", "学习制度持续完善。")
    assert set(first) == {"number", "heading", "text", "fields", "skipped", "children"}
    assert [(f["value"], f["unit"], f["source"]) for f in first["fields"]] == [(12, "次", "12次"), (None, "篇", "X篇")]
    assert set(first["fields"][0]) >= {"kind", "label", "value", "unit", "source"}
    assert "X篇" in first["text"]
    inline = nodes[1]["children"][1]["children"]
    assert [n["number"] for n in inline] == ["一是", "二是"]
    assert nodes[2]["children"][0]["fields"][0]["value"] == 2345


def test_parse_stores_nothing(tmp_path, draft):
    run("parse", draft, "--json", data_dir=tmp_path)
    listed = json.loads(run("list", "--json", data_dir=tmp_path).stdout)
    assert all(r["title"] != "2024年局领导班子述职报告" for r in listed)


def test_import_list_show_check_export_rollover(tmp_path, draft):
    data = tmp_path / "data"
    new_id = run("import", draft, data_dir=data).stdout.strip().splitlines()[-1]
    assert new_id.isdigit()
    listed = json.loads(run("list", "--json", data_dir=data).stdout)
    assert any(str(r["id"]) == new_id and r["blanks"] == 2 for r in listed)

    shown = json.loads(run("show", new_id, "--json", data_dir=data).stdout)
    assert shown["title"] == "2024年局领导班子述职报告"
    assert all("last_value" in f for f in shown["nodes"][1]["children"][0]["fields"])

    checked = run("check", new_id, data_dir=data, check=False)
    assert checked.returncode == 1 and checked.stdout.strip()

    out = tmp_path / "报告.docx"
    run("export", new_id, "-o", out, data_dir=data)
    with zipfile.ZipFile(out) as z:
        assert "word/document.xml" in z.namelist()
        assert "学习制度持续完善" in z.read("word/document.xml").decode("utf-8")

    rolled = run("rollover", new_id, "--year", 2025, data_dir=data).stdout.strip().splitlines()[-1]
    again = json.loads(run("show", rolled, "--json", data_dir=data).stdout)
    assert again["title"] == "2025年局领导班子述职报告" and again["year"] == 2025
    field = again["nodes"][1]["children"][0]["fields"][0]
    assert (field["value"], field["last_value"]) == (None, 12)


def test_first_start_has_the_sample_report(tmp_path):
    listed = json.loads(run("list", "--json", data_dir=tmp_path).stdout)
    assert len(listed) == 1 and listed[0]["fields"] > 20


@pytest.mark.parametrize(
    "name, content",
    [
        ("missing.docx", None),
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 40),
        ("renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = run("parse", path, "--json", data_dir=tmp_path / "data", check=False)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])
    assert done.stdout == ""


def test_unknown_report_and_unwritable_output_exit_2(tmp_path, draft):
    data = tmp_path / "data"
    assert run("show", 999, data_dir=data, check=False).returncode == 2
    new_id = run("import", draft, data_dir=data).stdout.strip().splitlines()[-1]
    blocked = tmp_path / "folder.docx"
    blocked.mkdir()
    done = run("export", new_id, "-o", blocked, data_dir=data, check=False)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


def test_a_foreign_store_exit_2_and_kept(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "reportdesk.db").write_bytes(b"garbage" * 1000)
    done = run("list", data_dir=data, check=False)
    assert done.returncode == 2 and "数据文件不是 ReportDesk 的数据" in done.stderr
    assert (data / "reportdesk.db").read_bytes() == b"garbage" * 1000


def test_export_with_an_end_block_and_blanks_stopped(tmp_path, draft):
    data = tmp_path / "data"
    new_id = run("import", draft, data_dir=data).stdout.strip().splitlines()[-1]
    out = tmp_path / "落款.docx"
    run("export", new_id, "-o", out, "--end-block", "--organisation", "市某某局", "--date", "2025-01-10",
        data_dir=data)
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "市某某局" in xml and "2025年1月10日" in xml
    stopped = run("export", new_id, "-o", tmp_path / "停.docx", "--blank", "stop", data_dir=data, check=False)
    assert stopped.returncode == 2 and not (tmp_path / "停.docx").exists()
    bad_date = run("export", new_id, "-o", out, "--date", "2025-13-01", data_dir=data, check=False)
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    """`parse … | head`: the pipe closes while we still write (more than a pipe buffer holds)."""
    big = tmp_path / "长稿.txt"
    items = "".join(f"{i}.工作扎实推进。全年开展活动{i}次，覆盖群众{i * 10}人次。\n" for i in range(1, 1500))
    big.write_text(f"2024年工作总结\n\n一、抓好各项工作。\n{items}", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(tmp_path / "data"), "parse", str(big),
                             "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "内部错误" not in err


def test_an_unexpected_error_is_one_line_and_a_log_with_the_details(tmp_path, monkeypatch, capsys):
    import main

    def broken(args):
        raise ZeroDivisionError("意外")

    monkeypatch.setitem(main._COMMANDS, "list", broken)
    assert main.main(["--data-dir", str(tmp_path), "list"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("内部错误：意外")
    [log] = (tmp_path / "logs").glob("crash-*.txt")
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8") and str(log) in err[0]


def test_writing_commands_are_refused_while_a_window_holds_the_folder(tmp_path, draft):
    from model.lock import WindowLock

    data = tmp_path / "data"
    rid = run("import", draft, data_dir=data).stdout.split()[-1]
    before = run("list", "--json", data_dir=data).stdout
    with WindowLock(data):
        for args in (("import", draft), ("rollover", rid, "--year", "2025")):
            done = run(*args, data_dir=data, check=False)
            assert done.returncode == 2
            [line] = done.stderr.strip().splitlines()
            assert "正在窗口中打开" in line and str(data) in line and args[0] in line
        assert run("list", "--json", data_dir=data).stdout == before  # nothing was written
        for args in (("parse", draft), ("show", rid), ("check", rid), ("export", rid, "-o", tmp_path / "o.docx")):
            assert run(*args, data_dir=data, check=False).returncode in (0, 1), args
    assert run("import", draft, data_dir=data).returncode == 0


def test_every_writing_command_is_declared_in_the_parser():
    import main

    [sub] = [a for a in main.build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    marked = {name for name, p in sub.choices.items() if p.get_default("writes_store")}
    assert {"import", "rollover"} <= marked
    assert not marked & {"parse", "list", "show", "export", "check"}


def test_export_keeps_a_version_unless_a_window_holds_the_folder(tmp_path, draft):
    from model.lock import WindowLock
    from model.store import Store
    from model.versions import list_versions, load_version

    data = tmp_path / "data"
    rid = int(run("import", draft, data_dir=data).stdout.split()[-1])
    run("export", rid, "-o", tmp_path / "一.docx", data_dir=data)
    with WindowLock(data):
        run("export", rid, "-o", tmp_path / "二.docx", data_dir=data)
    run("export", rid, "-o", tmp_path / "三.docx", data_dir=data)  # nothing changed since the version of 一
    s = Store(data / "reportdesk.db")
    try:
        [version] = list_versions(s, rid)
        assert version.reason == "export" and "一.docx" in version.note
        assert load_version(s, version.id).title == "2024年局领导班子述职报告"
        report = s.load_report(rid)
        report.title = "2024年局领导班子述职述廉报告"
        s.save_report_info(report)
    finally:
        s.close()
    run("export", rid, "-o", tmp_path / "四.docx", data_dir=data)  # changed: a new version
    s = Store(data / "reportdesk.db")
    try:
        assert [v.note for v in list_versions(s, rid)] == ["导出 四.docx", "导出 一.docx"]
    finally:
        s.close()
