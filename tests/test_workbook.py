"""The departments' workbook: its layout, and every row read back, applied or refused with its reason."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from model.fields import render_text
from model.report import Field, FieldKind, Node, NodeKind, Report, token
from model.workbook import (
    HEADERS,
    META_SHEET,
    WorkbookError,
    apply_workbook,
    change_formula,
    export_workbook,
    read_workbook,
)


def _report(rid: int = 7) -> Report:
    one = Node(NodeKind.ITEM, "学习常抓不懈。", f"召开学习会{token(1)}，研讨{token(2)}，覆盖{token(3)}。",
               fields=[Field(1, value=None, unit="次", label="学习会", last_value=12),
                       Field(2, value=1350, unit="人次", qualifier="余", label="研讨", last_value=1200),
                       Field(3, FieldKind.TEXT, value=None, label="社区名称")])
    two = Node(NodeKind.ITEM, "服务更加便利。", f"办结{token(4)}，同比{token(5)}，满意率{token(6)}。",
               fields=[Field(4, value=None, unit="件", label="办结", last_value=400),
                       Field(5, FieldKind.CHANGE, value=None, unit="%", source="增长5%", basis=4),
                       Field(6, value=98.5, unit="%", precision=1, label="满意率", last_value=97.0)],
               department="服务科")
    return Report(title="2025年工作总结", year=2025, id=rid, nodes=[
        Node(NodeKind.SECTION, "抓学习", children=[one], department="办公室"),
        Node(NodeKind.SECTION, "抓服务", children=[two])])


def _fill(path, values: dict[int, object], sheet: int = 0, edit=None):
    """Fill 本年 by 编号, as a department would in Excel."""
    book = load_workbook(path)
    ws = book.worksheets[sheet]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            row[6].value = values[row[0].value]
    if edit:
        edit(ws)
    book.save(path)
    return path


def test_the_layout_a_department_gets(tmp_path):
    path = export_workbook(_report(), tmp_path / "表.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["表.xlsx"]  # no temporary file left
    book = load_workbook(path)
    ws = book.worksheets[0]
    rows = [r[:8] for r in ws.iter_rows(values_only=True)]
    assert rows[0] == HEADERS and ws["I1"].value == "变化"
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4, 6]  # a computed phrase is no row: it follows its field
    assert rows[2] == (2, "1.学习常抓不懈。", "研讨", "召开学习会X次，研讨【1350余人次】，覆盖X。", "人次", 1200, 1350, None)
    assert rows[4][1].startswith("1.服务")
    assert (ws.freeze_panes, ws.print_title_rows, ws.page_setup.orientation) == ("A2", "$1:$1", "landscape")
    assert ws.protection.sheet and not ws.protection.password
    assert [c.protection.locked for c in ws[2]] == [True] * 6 + [False, False, True]  # only 本年 and 备注
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "decimal" and str(dv.sqref) == "G2:G3 G5:G6"  # number fields only
    assert book[META_SHEET].sheet_state == "hidden"


def test_blank_only_and_one_sheet_per_department(tmp_path):
    book = load_workbook(export_workbook(_report(), tmp_path / "b.xlsx", blank_only=True, by_department=True))
    assert book.sheetnames == ["办公室", "服务科", META_SHEET]
    assert [r[0] for r in book["办公室"].iter_rows(min_row=2, values_only=True)] == [1, 3]
    assert [r[0] for r in book["服务科"].iter_rows(min_row=2, values_only=True)] == [4]


def test_filled_rows_are_applied_and_untouched_rows_change_nothing(tmp_path):
    report = _report()
    path = _fill(export_workbook(report, tmp_path / "b.xlsx"), {1: 14, 3: "城东社区", 4: "1,350余", 6: 95})
    result = read_workbook(report, path)
    assert result.refused == [] and result.unchanged == 1  # 研讨 left as exported keeps its 余
    assert result.applied == [(1, 14, "", 0, ""), (3, "城东社区", "", 0, ""), (4, 1350, "余", 0, ""),
                              (6, 95, "", 0, "")]
    assert report.nodes[0].children[0].fields[0].value is None  # reading applies nothing
    changed = apply_workbook(report, result)
    assert [f.fid for _, f in changed] == [1, 3, 4, 6]
    two = report.nodes[1].children[0]
    assert render_text(two.body, two) == "办结1350余件，同比增长238%，满意率95%。"  # rounded to the phrase's precision


def test_wrong_rows_are_refused_one_by_one_with_their_reason(tmp_path):
    report = _report()

    def edit(ws):
        ws.cell(3, 5).value = "万人次"          # 研讨: unit changed
        ws.append((99, "", "", "", "件", None, 5, None))  # unknown 编号
        ws.append((5, "", "", "", "%", None, 12, None))   # a computed phrase cannot be typed

    path = _fill(export_workbook(report, tmp_path / "b.xlsx"), {1: "十四", 4: 420, 6: 96}, edit=edit)
    report.nodes[1].children[0].fields[2].value = 99.0  # 满意率 changed in ReportDesk after the export
    result = read_workbook(report, path)
    reasons = {r.fid: r.reason for r in result.refused}
    assert sorted(reasons) == [1, 2, 5, 6, 99]
    assert "不是数字" in reasons[1] and "单位" in reasons[2] and "不是本报告" in reasons[99]
    assert "同比计算" in reasons[5]
    assert "已在 ReportDesk 中改为“99.0%”" in reasons[6]
    assert [r.row for r in result.refused] == [2, 3, 6, 7, 8]
    assert result.applied == [(4, 420, "", 0, "")]  # every other row still lands


def test_a_note_alone_is_applied(tmp_path):
    report = _report()
    path = _fill(export_workbook(report, tmp_path / "b.xlsx"), {}, edit=lambda ws: setattr(ws.cell(2, 8), "value",
                                                                                              "待统计局确认"))
    assert read_workbook(report, path).applied == [(1, None, "", 0, "待统计局确认")]


def test_a_workbook_of_another_report_or_no_workbook_is_refused_whole(tmp_path):
    path = export_workbook(_report(rid=7), tmp_path / "b.xlsx")
    with pytest.raises(WorkbookError, match="属于另一份报告"):
        read_workbook(_report(rid=8), path)
    bad = tmp_path / "x.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    with pytest.raises(WorkbookError, match="不是可读取的"):
        read_workbook(_report(), bad)
    book = load_workbook(path)
    del book[META_SHEET]
    book.save(path)
    with pytest.raises(WorkbookError, match="不是 ReportDesk 导出的填报表"):
        read_workbook(_report(rid=7), path)


def test_the_change_column_speaks_as_reportdesk_does():
    """Excel computes the change as the department types: % for counts, 个百分点 for rates."""
    count = change_formula(Field(1, value=None, unit="件", last_value=400), 5)
    assert count == ('=IF(ISNUMBER(G5),IF(OR(NOT(ISNUMBER(F5)),F5=0),"新增",IF(G5=F5,"持平",'
                     'IF(G5>F5,"增长","下降")&SUBSTITUTE(TEXT(ABS(G5-F5)/ABS(F5)*100,"0.0"),".0","")&"%")),"")')
    rate = change_formula(Field(2, value=None, unit="‰", last_value=5.2), 6)
    assert '"提高","降低"' in rate and "ABS(G6-F6)/10" in rate and rate.endswith('&"个百分点")),"")')
    assert count.count("(") == count.count(")") and rate.count("(") == rate.count(")")
    assert change_formula(Field(3, FieldKind.TEXT), 7) is None
