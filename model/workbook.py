"""The departments' workbook (部门填报表): every field in an .xlsx, filled elsewhere, read back by field id.

The workbook carries its own proof of origin: a hidden sheet records the
report's id and each field's value at export, so a value changed in ReportDesk
since then is never overwritten silently, and a workbook of another report is
refused as a whole.  Reading applies nothing: ``read_workbook`` says what would
land and what is refused (and why); ``apply_workbook`` sets the fields.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from model.errors import ReportDeskError
from model.fields import FieldInputError, is_rate, read_input, render_field, source_text
from model.numbering import outline_numbers
from model.report import (
    TOKEN_CLOSE,
    TOKEN_OPEN,
    TOKEN_RE,
    Field,
    FieldKind,
    Node,
    Report,
    Value,
    departments,
    token,
)

HEADERS = ("编号", "位置", "名称", "原文", "单位", "上年", "本年", "备注")
CHANGE_HEADER = "变化"  # a ninth, read-only column: the change as the department types, in ReportDesk's words
WIDTHS = (8, 24, 18, 56, 10, 12, 14, 24, 18)
EDITABLE = ("本年", "备注")
META_SHEET = "_reportdesk"
FORMAT = "reportdesk-fields-1"
ONE_SHEET = "填报表"
NO_DEPARTMENT = "未分配部门"
_MAX_NUMBER = 999_999_999_999_999  # written as plain digits: no exponent in a formula
_CELL_CHARS = 32_000  # Excel keeps at most 32,767 characters in a cell
_CLAUSE_STOPS = "。；;！!？?\n"
_CLAUSE_CHARS = 60


class WorkbookError(ReportDeskError):
    """The file is not a workbook of this report; the message says what to do."""


@dataclass(frozen=True)
class Refused:
    """A row not applied: its sheet row, field id, what was typed, and why."""

    row: int
    fid: int | None
    source: str
    reason: str
    sheet: str = ""


@dataclass
class WorkbookResult:
    """What a workbook would change: (fid, value, qualifier, precision, note) per row, and the refused rows."""

    applied: list[tuple[int, Value, str, int, str]] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    unchanged: int = 0


# -- export ---------------------------------------------------------------------------


def _rows(report: Report, blank_only: bool) -> Iterator[tuple[str, Node, Field, str]]:
    """(department, node, field, 位置) for every field a department can fill, in reading order."""
    numbers, depts = outline_numbers(report), departments(report)
    for node in report.walk():
        place = numbers.get(id(node), "") + (node.heading.strip() or TOKEN_RE.sub("", node.body).strip())[:16]
        for f in node.fields:
            if f.kind is FieldKind.CHANGE or (blank_only and not f.is_blank):
                continue
            yield depts.get(id(node), ""), node, f, place


def clause_of(node: Node, f: Field) -> str:
    """The clause around field ``f``, the field marked 【】, other fields as in the source."""
    mark = token(f.fid)
    text = node.heading if mark in node.heading else node.body
    at = text.find(mark)
    if at < 0:
        return ""
    start, end = at, at + len(mark)
    while start > 0 and text[start - 1] not in _CLAUSE_STOPS and at - start < _CLAUSE_CHARS // 2:
        start -= 1
    while end < len(text) and text[end - 1] not in _CLAUSE_STOPS and end - at < _CLAUSE_CHARS // 2:
        end += 1
    piece = text[start:end].replace(mark, "\0")
    shown = source_text(_whole_tokens(piece), node)
    return shown.replace("\0", f"【{f.source or render_field(f, context=node)}】")


def _whole_tokens(piece: str) -> str:
    """Drop a token cut in half at either end of a slice."""
    head = piece.find(TOKEN_CLOSE)
    if head >= 0 and TOKEN_OPEN not in piece[:head]:
        piece = piece[head + 1:]
    tail = piece.rfind(TOKEN_OPEN)
    if tail >= 0 and TOKEN_CLOSE not in piece[tail:]:
        piece = piece[:tail]
    return piece


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join(c for c in name if c not in "[]:*?/\\").strip()[:28] or NO_DEPARTMENT
    out, n = clean, 2
    while out in used:
        out, n = f"{clean[:26]}{n}", n + 1
    used.add(out)
    return out


def export_workbook(report: Report, path: Path | str, blank_only: bool = False,
                    by_department: bool = False) -> Path:
    """Write the workbook at ``path`` (beside it first, then renamed); the path written."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    groups: dict[str, list[tuple[Node, Field, str]]] = {}
    for dept, node, f, place in _rows(report, blank_only):
        groups.setdefault(dept if by_department else "", []).append((node, f, place))
    used: set[str] = {META_SHEET}
    for dept, rows in (groups or {"": []}).items():
        _write_sheet(book.create_sheet(_sheet_name(dept or (ONE_SHEET if not by_department else ""), used)), rows)
    _write_meta(book.create_sheet(META_SHEET), report)
    return _save(book, path)


def _write_sheet(ws, rows: list[tuple[Node, Field, str]]) -> None:
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append((*HEADERS, CHANGE_HEADER))
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    for cell in ws[1]:
        cell.font, cell.fill = bold, grey
    open_cell = Protection(locked=False)
    numbers: list[int] = []
    for r, (node, f, place) in enumerate(rows, start=2):
        ws.append((f.fid, place, f.label, clause_of(node, f), f.unit, _cell(f.last_value), _cell(f.value), f.note,
                   change_formula(f, r)))
        ws.cell(r, 7).protection = open_cell
        ws.cell(r, 8).protection = open_cell
        if f.kind is FieldKind.NUMBER:
            numbers.append(r)
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True  # no password: it guards against slips, not people
    ws.protection.formatColumns = ws.protection.formatRows = False
    if numbers:
        dv = DataValidation(type="decimal", operator="between", formula1=str(-_MAX_NUMBER),
                            formula2=str(_MAX_NUMBER), allow_blank=True, showErrorMessage=True,
                            errorTitle="请输入数字", error="本年一栏只能填写数字，例如 1350 或 98.5。")
        dv.sqref = " ".join(f"G{a}:G{b}" for a, b in _runs(numbers))
        ws.add_data_validation(dv)


def change_formula(f: Field, r: int) -> str | None:
    """Excel's own year_change for row ``r``: 个百分点 for a rate, relative % otherwise, 持平, 新增.

    One decimal, a trailing ".0" dropped, 四舍五入 (Excel's TEXT rounds half away from zero).
    """
    if f.kind is not FieldKind.NUMBER:
        return None
    now, last = f"G{r}", f"F{r}"
    if is_rate(f):
        words, amount = ('"提高"', '"降低"', '"个百分点"'), f"ABS({now}-{last})/{10 if f.unit == '‰' else 1}"
    else:
        words, amount = ('"增长"', '"下降"', '"%"'), f"ABS({now}-{last})/ABS({last})*100"
    figure = f'SUBSTITUTE(TEXT({amount},"0.0"),".0","")'
    return (f'=IF(ISNUMBER({now}),IF(OR(NOT(ISNUMBER({last})),{last}=0),"新增",IF({now}={last},"持平",'
            f'IF({now}>{last},{words[0]},{words[1]})&{figure}&{words[2]})),"")')


def _runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    start = prev = rows[0]
    for r in rows[1:]:
        if r != prev + 1:
            yield start, prev
            start = r
        prev = r
    yield start, prev


def _cell(value: Value):
    return None if value is None or value == "" else value


def _write_meta(ws, report: Report) -> None:
    ws.append(("format", FORMAT))
    ws.append(("report_id", report.id))
    ws.append(("year", report.year))
    ws.append(("title", report.title))
    record = json.dumps({f.fid: [f.value, f.qualifier, f.unit, str(f.kind)] for _, f in report.all_fields()},
                        ensure_ascii=False)  # one string in a few cells: no extra row per field to write and read
    for at in range(0, len(record), _CELL_CHARS):
        ws.append(("record", record[at:at + _CELL_CHARS]))
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _save(book, path: Path) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        book.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WorkbookError(
            f"无法写入填报表“{path.name}”：{exc.strerror or exc}。若该文件已在 Excel 或 WPS 中打开，请先关闭，"
            f"或换一个文件名后重试。 / Cannot write the workbook."
        ) from exc
    return path


# -- import ---------------------------------------------------------------------------


def _open(path: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise WorkbookError(f"找不到填报表“{path}”。请检查文件名和位置。 / Workbook not found.") from exc
    except Exception as exc:  # noqa: BLE001 - zip, XML or format errors all mean "not such a workbook"
        raise WorkbookError(
            f"“{path.name}”不是可读取的 .xlsx 填报表（{type(exc).__name__}）。请选择由 ReportDesk 导出、"
            f"在 Excel 或 WPS 中填写后以 .xlsx 保存的文件。 / Not a readable .xlsx workbook."
        ) from exc


def _exported(book, report: Report, path: Path) -> dict[int, list]:
    """fid → [value, qualifier, unit, kind] at export; WorkbookError for a workbook not of ``report``."""
    if META_SHEET not in book.sheetnames:
        raise WorkbookError(
            f"“{path.name}”不是 ReportDesk 导出的填报表（缺少记录页）。请用“导出填报表”生成的文件填写。"
            f" / Not a ReportDesk workbook."
        )
    rows = list(book[META_SHEET].iter_rows(values_only=True))
    head = {r[0]: r[1] for r in rows[:4] if r}
    if head.get("format") != FORMAT:
        raise WorkbookError(f"“{path.name}”的格式无法识别。请重新导出填报表。 / Unknown workbook format.")
    if head.get("report_id") != report.id or head.get("year") != report.year:
        raise WorkbookError(
            f"“{path.name}”属于另一份报告（{head.get('title') or '未知'}），不能导入到“{report.title}”。"
            f"请选择本报告导出的填报表。 / The workbook belongs to another report."
        )
    record = "".join(r[1] for r in rows[4:] if r and r[0] == "record" and isinstance(r[1], str))
    try:
        return {int(fid): values for fid, values in json.loads(record).items()}
    except ValueError as exc:
        raise WorkbookError(f"“{path.name}”的记录页已损坏。请重新导出填报表。 / The workbook's record is damaged.") from exc


def read_workbook(report: Report, path: Path | str) -> WorkbookResult:
    """What the workbook at ``path`` would change in ``report``, row by row; applies nothing."""
    path = Path(path)
    book = _open(path)
    try:
        exported = _exported(book, report, path)
        fields = {f.fid: f for _, f in report.all_fields()}
        result = WorkbookResult()
        for ws in book.worksheets:
            if ws.title != META_SHEET:
                _read_sheet(ws, fields, exported, result)
    finally:
        book.close()
    return result


def _columns(header: tuple, sheet: str) -> dict[str, int]:
    where = {str(name).strip(): i for i, name in enumerate(header) if name is not None}
    missing = [h for h in ("编号", "单位", "本年", "备注") if h not in where]
    if missing:
        raise WorkbookError(f"工作表“{sheet}”缺少“{'、'.join(missing)}”列。请不要删除表头，重新导出后填写。"
                            f" / A column is missing.")
    return where


def _read_sheet(ws, fields: dict[int, Field], exported: dict[int, list], result: WorkbookResult) -> None:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return
    col = _columns(header, ws.title)
    for r, row in enumerate(rows, start=2):
        cells = {name: (row[i] if i < len(row) else None) for name, i in col.items()}
        outcome = _read_row(cells, fields, exported)
        if isinstance(outcome, str):
            typed = "" if cells["本年"] is None else str(cells["本年"])
            fid = cells["编号"] if isinstance(cells["编号"], int) else None
            result.refused.append(Refused(r, fid, typed, outcome, ws.title))
        elif outcome is True:
            result.unchanged += 1
        elif outcome is not None:
            result.applied.append(outcome)


def _read_row(cells: dict, fields: dict[int, Field], exported: dict[int, list]):
    """None (empty row), True (nothing changes), the applied tuple, or the reason it is refused."""
    fid, typed, note = cells["编号"], cells["本年"], _text(cells["备注"])
    if fid is None and typed in (None, "") and not note:
        return None
    if not isinstance(fid, int) or fid not in fields or fid not in exported:
        return f"编号“{fid}”不是本报告的指标，请不要改动编号列"
    f = fields[fid]
    if f.kind is FieldKind.CHANGE:
        return "同比计算的指标由 ReportDesk 计算，不能填写"
    value_then, qualifier_then, unit_then, _ = exported[fid]
    if _text(cells["单位"]) != (unit_then or ""):
        return f"单位被改为“{_text(cells['单位'])}”（原为“{unit_then}”）：单位请在 ReportDesk 中修改"
    if typed in (None, "") or _same_cell(typed, value_then):
        value, qualifier, precision = f.value, f.qualifier, f.precision  # left as exported: no answer
    else:
        try:
            value, qualifier, precision = read_input(_typed_text(typed), f)
        except FieldInputError as exc:
            return str(exc).split(" / ")[0]
    if (value, qualifier, precision, note) == (f.value, f.qualifier, f.precision, f.note) and \
            type(value) is type(f.value):
        return True
    changed_here = (f.value, f.qualifier) != (value_then, qualifier_then)
    if changed_here and (value, qualifier) != (f.value, f.qualifier):
        return f"导出后已在 ReportDesk 中改为“{_shown(f)}”（导出时为“{value_then if value_then is not None else '未填'}”），未覆盖"
    return fid, value, qualifier, precision, note


def _same_cell(typed, value_then) -> bool:
    """The cell still holds what was exported (a number read back as the number written)."""
    if isinstance(typed, int | float) and isinstance(value_then, int | float):
        return float(typed) == float(value_then)
    return isinstance(typed, str) and typed == value_then


def _typed_text(typed) -> str:
    if isinstance(typed, bool):
        return str(typed)
    if isinstance(typed, int | float):
        return format(typed, ".15g") if isinstance(typed, float) else str(typed)
    return str(typed)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _shown(f: Field) -> str:
    return render_field(f, blank="未填")


def apply_workbook(report: Report, result: WorkbookResult) -> list[tuple[Node, Field]]:
    """Set every applied row's value, qualifier, precision and note; the (node, field) pairs changed."""
    rows = {row[0]: row for row in result.applied}
    changed = []
    for node, f in report.all_fields():
        if f.fid in rows:
            _, f.value, f.qualifier, f.precision, f.note = rows[f.fid]
            changed.append((node, f))
    return changed
