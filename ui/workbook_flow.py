"""Departments in the window (部门填报): who fills which node, and their workbooks out and back.

导出填报表… writes the .xlsx through ``model.workbook.export_workbook`` (only
blanks, or one sheet per department, as chosen); 导入填报表… reads one back with
``read_workbook``, shows what would land and every refused row with its
reason, and applies the accepted rows as ONE undoable step.  Every failure is
a dialog; nothing is applied half-way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.report import departments
from model.workbook import WorkbookError, WorkbookResult, export_workbook, read_workbook
from ui import settings as keys
from ui.export_flow import documents_dir, safe_name
from ui.field_commands import department_command, workbook_command
from ui.qt_chinese import chinese_only

BOOK_FILTER = "Excel 工作簿 (*.xlsx)"


def ask_department(window) -> bool:
    """设置部门…: the chosen nodes' department, typed or picked; True when something changed."""
    session = window.session
    nodes = window.selected_nodes() if session.report is not None else []
    if not nodes:
        return False
    known = sorted({name for name in departments(session.report).values() if name})
    current = nodes[0].department
    choices = ([current] if current else []) + [name for name in known if name != current]
    text, ok = QInputDialog.getItem(
        window, window.tr("设置部门"),
        window.tr("负责填报所选 {n} 个节点数字的部门（留空则沿用上级节点的部门）：").format(n=len(nodes)),
        choices or [""], 0, True)
    if not ok:
        return False
    command = department_command(session, nodes, text.strip())
    if command is None:
        return False
    session.undo_stack.push(command)
    return True


class WorkbookExportDialog(QDialog):
    """What goes into the workbook: every field or only the blank ones; one sheet or one per department."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出填报表"))
        self.blank_only = QCheckBox(self.tr("仅未填的指标"), self)
        self.by_department = QCheckBox(self.tr("按部门分表（每个部门一张工作表）"), self)
        hint = QLabel(self.tr("各部门只需填写“本年”和“备注”两列，填好后用“导入填报表”读回。"), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.blank_only, self.by_department, hint, buttons):
            layout.addWidget(widget)


def export_fields_workbook(window) -> Path | None:
    """导出填报表…: options, then the file, then the workbook; the path written (None: cancelled or failed)."""
    report = window.ready_report()
    if report is None:
        return None
    options = WorkbookExportDialog(window)
    if options.exec() != QDialog.DialogCode.Accepted:
        return None
    start = window.settings.value(keys.EXPORT_DIR) or documents_dir()
    suggested = str(Path(start) / f"{safe_name(report.title)}-填报表.xlsx")
    chosen, _ = QFileDialog.getSaveFileName(window, window.tr("导出填报表"), suggested, window.tr(BOOK_FILTER))
    if not chosen:
        return None
    path = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
    try:
        written = export_workbook(report, path, blank_only=options.blank_only.isChecked(),
                                  by_department=options.by_department.isChecked())
    except (WorkbookError, OSError) as exc:
        QMessageBox.warning(window, window.tr("导出填报表失败"), window.tr(
            "未能写入“{path}”：{error}。请确认该文件没有在 Excel 或 WPS 中打开，且文件夹可以写入。"
        ).format(path=path, error=chinese_only(str(exc))))
        return None
    window.settings.set_value(keys.EXPORT_DIR, str(written.parent))
    window.statusBar().showMessage(window.tr("已导出填报表：{path}").format(path=written), 8000)
    return written


class WorkbookImportDialog(QDialog):
    """What a workbook would change: N rows to fill in, M refused rows each with its reason."""

    def __init__(self, result: WorkbookResult, names: dict[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入填报表"))
        self.resize(760, 420)
        applied, refused = len(result.applied), len(result.refused)
        summary = self.tr("可填入 {applied} 项，未能导入 {refused} 行，未改动 {same} 行。").format(
            applied=applied, refused=refused, same=result.unchanged)
        if refused:
            summary += self.tr("下列各行没有填入，请按原因修改填报表后重新导入：")
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.refused_table = QTableWidget(refused, 5, self)
        self.refused_table.setHorizontalHeaderLabels(
            [self.tr("工作表"), self.tr("行"), self.tr("指标"), self.tr("填写内容"), self.tr("原因")])
        self.refused_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused_table.verticalHeader().hide()
        self.refused_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for row, r in enumerate(result.refused):
            name = names.get(r.fid, "") if r.fid is not None else ""
            for column, text in enumerate((r.sheet, str(r.row), name, r.source, r.reason)):
                self.refused_table.setItem(row, column, QTableWidgetItem(text))
        self.refused_table.setVisible(bool(refused))
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(self.tr("填入 {n} 项").format(n=applied),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(applied > 0)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel if applied else QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.refused_table, 1)
        layout.addWidget(buttons)


def import_fields_workbook(window) -> int:
    """导入填报表…: read a filled workbook, show what lands and what is refused; the count applied."""
    report = window.ready_report()
    if report is None:
        return 0
    start = window.settings.value(keys.EXPORT_DIR) or documents_dir()
    chosen, _ = QFileDialog.getOpenFileName(window, window.tr("导入填报表"), start, window.tr(BOOK_FILTER))
    if not chosen:
        return 0
    try:
        result = read_workbook(report, chosen)
    except (WorkbookError, OSError) as exc:
        QMessageBox.warning(window, window.tr("无法导入填报表"), chinese_only(str(exc)))
        return 0
    names = {f.fid: f.label or f.source for _, f in report.all_fields()}
    dialog = WorkbookImportDialog(result, names, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or not result.applied:
        return 0
    command = workbook_command(window.session, result.applied)
    if command is not None:
        window.session.undo_stack.push(command)
    window.statusBar().showMessage(window.tr("已从填报表填入 {n} 项").format(n=len(result.applied)), 8000)
    return len(result.applied)
