"""Departments in the window: 设置部门 from the tree, 导出填报表 / 导入填报表 through the real window."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")
openpyxl = pytest.importorskip("openpyxl")

from grid_helpers import grid_report  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox  # noqa: E402
from test_ui_fields_grid import column_texts, open_window  # noqa: E402

from model.store import Store  # noqa: E402
from ui.fields_grid import COLUMNS  # noqa: E402
from ui.workbook_flow import WorkbookExportDialog, WorkbookImportDialog  # noqa: E402

DEPT = COLUMNS.index("department")


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, grid_report())
    yield win
    win.session.store.close()


def stored(tmp_path, window):
    other = Store(tmp_path / "grid.db")
    try:
        return other.load_report(window.session.report.id)
    finally:
        other.close()


def test_the_tree_menu_sets_a_department_that_children_inherit(window, tmp_path, monkeypatch):
    assert window.act_department in window.tree_menu().actions()
    asked: list[list[str]] = []

    def answer(parent, title, label, items, current, editable):
        asked.append(list(items))
        return "纪检组", True

    monkeypatch.setattr(QInputDialog, "getItem", answer)
    section = window.session.report.nodes[2]
    window.select_node(section)
    window.act_department.trigger()
    assert section.department == "纪检组"
    assert stored(tmp_path, window).nodes[2].department == "纪检组"
    assert column_texts(window.grid, DEPT) == [""] * 4 + ["纪检组"] * 4  # its items inherit it
    window.grid.department_box.setCurrentIndex(window.grid.department_box.findText("纪检组"))
    assert window.grid.model.rowCount() == 4
    window.act_undo.trigger()
    assert section.department == "" and stored(tmp_path, window).nodes[2].department == ""
    assert column_texts(window.grid, DEPT) == [""] * 8
    window.act_redo.trigger()
    window.select_node(window.session.report.nodes[1])
    window.act_department.trigger()
    assert asked[-1] == ["纪检组"]  # the departments already named are offered


def test_a_department_typed_in_the_grid_is_stored(window, tmp_path, qtbot):
    grid = window.grid
    grid.view.setCurrentIndex(grid.model.index(3, DEPT))
    assert grid.model.setData(grid.model.index(3, DEPT), " 组织部 ")
    assert stored(tmp_path, window).nodes[1].children[1].department == "组织部"
    assert column_texts(grid, DEPT)[3] == "组织部"


def export(window, tmp_path, monkeypatch, blank_only=False, by_department=False):
    path = tmp_path / "book.xlsx"

    def accept(dialog):
        dialog.blank_only.setChecked(blank_only)
        dialog.by_department.setChecked(by_department)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WorkbookExportDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "book"), ""))
    window.act_book_out.trigger()
    assert path.exists()
    return path


def test_export_writes_the_workbook_with_the_chosen_options(window, tmp_path, monkeypatch):
    window.session.set_department(window.session.report.nodes[2], "纪检组")
    path = export(window, tmp_path, monkeypatch, blank_only=True, by_department=True)
    book = openpyxl.load_workbook(path)
    sheets = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert sheets == ["未分配部门", "纪检组"]
    names = [row[2] for ws in book.worksheets[:2] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["专题研讨", "培训干部", "约谈提醒", "办复率", "示范社区名称"]  # the blank ones only
    assert "已导出填报表" in window.statusBar().currentMessage()


def test_import_applies_the_good_rows_as_one_step_and_lists_the_refused(window, tmp_path, monkeypatch):
    path = export(window, tmp_path, monkeypatch)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    typed = {"专题研讨": 6, "培训干部": "abc", "约谈提醒": "3人", "办复率": 98.2}
    for row in ws.iter_rows(min_row=2):
        if row[2].value in typed:
            row[6].value = typed[row[2].value]
    book.save(path)
    seen: list[WorkbookImportDialog] = []

    def accept(dialog):
        seen.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WorkbookImportDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    steps = window.session.undo_stack.count()
    window.act_book_in.trigger()
    dialog = seen[0]
    assert "可填入 3 项，未能导入 1 行" in dialog.summary.text()
    assert dialog.refused_table.item(0, 2).text() == "培训干部"
    assert "不是数字" in dialog.refused_table.item(0, 4).text()
    assert dialog.apply_button.text() == "填入 3 项"
    values = {f.label: f.value for _, f in window.session.report.all_fields()}
    assert (values["专题研讨"], values["培训干部"], values["约谈提醒"], values["办复率"]) == (6, None, 3, 98.2)
    assert window.session.undo_stack.count() == steps + 1
    assert {f.label: f.value for _, f in stored(tmp_path, window).all_fields()}["办复率"] == 98.2
    assert column_texts(window.grid, COLUMNS.index("value"))[1] == "6"
    window.act_undo.trigger()
    values = {f.label: f.value for _, f in window.session.report.all_fields()}
    assert (values["专题研讨"], values["约谈提醒"], values["办复率"]) == (None, None, None)


def test_a_file_that_is_no_workbook_is_a_message_and_changes_nothing(window, tmp_path, monkeypatch):
    stray = tmp_path / "notes.xlsx"
    stray.write_text("这不是工作簿", encoding="utf-8")
    messages: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(stray), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: messages.append(text))
    steps = window.session.undo_stack.count()
    window.act_book_in.trigger()
    assert len(messages) == 1 and "不是可读取的 .xlsx 填报表" in messages[0] and " / " not in messages[0]  # Chinese only
    assert window.session.undo_stack.count() == steps
