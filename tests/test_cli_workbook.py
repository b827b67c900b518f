"""A season's numbers from the command line: last year's report rolled over, sent out as a workbook,
filled by a script as a department would, read back, checked and printed with its 同比 phrases right."""

from __future__ import annotations

import json
import shutil

import pytest
from docx import Document
from openpyxl import load_workbook
from test_cli import run

LAST_YEAR = """2024年区政务服务管理局工作总结

2024年，局党组坚持以人民为中心，扎实推进政务服务改革，现将有关情况报告如下：
一、深化改革，服务效能持续提升
1.审批服务更加便捷。全年办理审批事项12,500件，同比增长8.0%。网上办理率92.5%，较上年提高1.5个百分点。
2.窗口服务更加规范。开展业务培训24场，培训窗口人员860人次。2021年以来累计建成便民服务站35个。
二、加强监督，作风建设持续深化
1.群众满意度稳步提升。办结投诉工单1,120件，比上年下降5%。“2024年度群众满意窗口”评选顺利开展。
新的一年，我们将继续努力。
"""
# what the departments report for 2025, by last year's value
THIS_YEAR = {12500: 13750, 92.5: 95.4, 24: 30, 860: 960, 35: 40, 1120: 1008}


@pytest.fixture(scope="module")
def _rolled_once(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rolled")
    draft = folder / "2024年稿.txt"
    draft.write_text(LAST_YEAR, encoding="utf-8")
    data = folder / "data"
    old = run("import", draft, data_dir=data).stdout.split()[-1]
    assert run("check", old, data_dir=data).returncode == 0  # last year's report was complete
    new = run("rollover", old, "--year", "2025", data_dir=data).stdout.split()[-1]
    return data, new


@pytest.fixture
def rolled(_rolled_once, tmp_path):
    """Last year's report imported and rolled over, in a data folder of this test's own."""
    data, new = _rolled_once
    shutil.copytree(data, tmp_path / "data", ignore=shutil.ignore_patterns("*.lock"))
    return tmp_path / "data", new


def _fill(path, values_by_last: dict, edit=None):
    book = load_workbook(path)
    for ws in book.worksheets[:-1]:
        for row in ws.iter_rows(min_row=2):
            if row[5].value in values_by_last:
                row[6].value = values_by_last[row[5].value]
        if edit:
            edit(ws)
    book.save(path)


def _values(data, rid) -> list:
    shown = json.loads(run("show", rid, "--json", data_dir=data).stdout)
    out = []

    def visit(nodes):
        for n in nodes:
            # a computed 同比 phrase is a number in the JSON too; these tests look at the typed numbers
            out.extend(("phrase" if f.get("computed") else f["kind"], f["value"], f["last_value"]) for f in n["fields"])
            visit(n["children"])

    visit(shown["nodes"])
    return out


def test_rollover_workbook_import_check_and_word(rolled, tmp_path):
    data, rid = rolled
    assert run("check", rid, data_dir=data, check=False).returncode == 1  # every number blank
    book = tmp_path / "填报表.xlsx"
    run("fields", "export", rid, "-o", book, "--blank-only", data_dir=data)
    _fill(book, THIS_YEAR)
    done = run("fields", "import", rid, book, data_dir=data)
    assert "已导入 6 项，拒绝 0 项" in done.stdout
    assert [v for k, v, _ in _values(data, rid) if k == "number"] == [13750, 95.4, 30, 960, 40, 1008]
    assert run("check", rid, data_dir=data).returncode == 0

    out = tmp_path / "2025.docx"
    run("export", rid, "-o", out, data_dir=data)
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert "全年办理审批事项13750件，同比增长10.0%。" in text      # 13750 / 12500 - 1, one decimal as written
    assert "网上办理率95.4%，较上年提高2.9个百分点。" in text       # 95.4 - 92.5, a rate moves by points
    assert "办结投诉工单1008件，比上年下降10%。" in text            # 1008 / 1120 - 1, the verb follows the sign
    assert text.startswith("2025年区政务服务管理局工作总结\n")
    assert "2025年，局党组" in text and "2021年以来" in text and "“2024年度群众满意窗口”" in text


def test_wrong_rows_are_refused_row_by_row_and_nothing_else_is_lost(rolled, tmp_path):
    data, rid = rolled
    book = tmp_path / "b.xlsx"
    run("fields", "export", rid, "-o", book, data_dir=data)
    _fill(book, {12500: 13750, 92.5: 95.4})
    run("fields", "import", rid, book, data_dir=data)

    again = tmp_path / "again.xlsx"
    run("fields", "export", rid, "-o", again, data_dir=data)

    def wrong(ws):
        for row in ws.iter_rows(min_row=2):
            if row[5].value == 24:
                row[6].value = "三十"       # not a number
            if row[5].value == 860:
                row[4].value = "人"         # unit changed
        ws.append((999, "", "", "", "件", None, 7, None))  # no such field

    _fill(again, {35: 40, 1120: 1008}, edit=wrong)
    before = _values(data, rid)
    dry = run("fields", "import", rid, again, "--dry-run", data_dir=data, check=False)
    assert dry.returncode == 1 and "可导入 2 项，拒绝 3 项（未保存）" in dry.stdout
    assert _values(data, rid) == before
    done = run("fields", "import", rid, again, data_dir=data, check=False)
    assert done.returncode == 1
    refused = [line for line in done.stdout.splitlines() if line.startswith("拒绝")]
    assert len(refused) == 3 and "不是数字" in refused[0] and "单位" in refused[1] and "999" in refused[2]
    numbers = [v for k, v, _ in _values(data, rid) if k == "number"]
    assert numbers == [13750, 95.4, None, None, 40, 1008]  # the first import kept, the good rows landed


def test_a_workbook_of_another_report_or_a_stray_file_exits_2(rolled, tmp_path):
    data, rid = rolled
    book = tmp_path / "b.xlsx"
    run("fields", "export", rid, "-o", book, data_dir=data)
    other = run("rollover", rid, "--year", "2026", data_dir=data).stdout.split()[-1]
    done = run("fields", "import", other, book, data_dir=data, check=False)
    assert done.returncode == 2 and "属于另一份报告" in done.stderr
    stray = tmp_path / "x.xlsx"
    stray.write_bytes(b"PK\x03\x04 not really")
    assert run("fields", "import", rid, stray, data_dir=data, check=False).returncode == 2


def test_fields_import_is_refused_while_a_window_holds_the_folder(rolled, tmp_path):
    from model.lock import WindowLock

    data, rid = rolled
    book = tmp_path / "b.xlsx"
    run("fields", "export", rid, "-o", book, data_dir=data)
    with WindowLock(data):
        done = run("fields", "import", rid, book, data_dir=data, check=False)
        assert done.returncode == 2 and "正在窗口中打开" in done.stderr
        assert run("fields", "export", rid, "-o", tmp_path / "c.xlsx", data_dir=data).returncode == 0
        assert run("rollover", rid, "--year", "2026", "--dry-run", data_dir=data).returncode == 0


def test_fields_import_is_one_transaction(rolled, tmp_path, monkeypatch, capsys):
    """A write that fails half-way leaves every field as it was: all rows land, or none."""
    import main
    from model.store import Store

    data, rid = rolled
    book = tmp_path / "b.xlsx"
    run("fields", "export", rid, "-o", book, data_dir=data)
    _fill(book, THIS_YEAR)
    before = _values(data, rid)
    real, calls = Store.save_field, []

    def failing(self, report_id, node_id, f):
        calls.append(f.fid)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(self, report_id, node_id, f)

    monkeypatch.setattr(Store, "save_field", failing)
    assert main.main(["--data-dir", str(data), "fields", "import", rid, str(book)]) == 2
    assert len(calls) == 3
    monkeypatch.setattr(Store, "save_field", real)
    assert _values(data, rid) == before
