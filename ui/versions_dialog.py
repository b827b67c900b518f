"""Versions of the open report in the window (版本): keep one with a note, list them, read one, restore one.

The list is a modeless dialog, so a version opened with 查看 stays readable
beside the current text while the clerk works on.  恢复 is a command on the
session's stack (``RestoreVersionCommand``): a version of the current state is
kept first, and the restore itself can be undone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.fields import render_text
from model.numbering import outline_numbers
from model.report import Report
from model.versions import VersionInfo, list_versions, load_version
from ui.commands import RestoreVersionCommand
from ui.fonts import editor_font
from ui.session import ReportSession


def reason_text(reason: str) -> str:
    """Why a version was kept, as the clerk reads it."""
    tr = QDialog.tr
    return {"manual": tr("手动保存"), "export": tr("导出时"), "delete": tr("删除多个节点前"),
            "restore": tr("恢复版本前"), "import": tr("导入前")}.get(reason, reason)


def version_text(report: Report) -> str:
    """The version as it reads: the title, then one paragraph per node (number, heading, body), fields filled in."""
    numbers = outline_numbers(report)
    lines = [report.title, ""]
    for node in report.walk():
        text = numbers.get(id(node), "") + render_text(node.heading, node) + render_text(node.body, node)
        if text:
            lines.append(text)
    return "\n".join(lines)


def save_version_here(window: QMainWindow) -> int | None:
    """文件→保存版本…: the clerk's note, then the report as it is now kept as a version."""
    if window.session.report is None:
        return None
    note, ok = QInputDialog.getText(window, window.tr("保存版本"), window.tr("版本备注（可留空，如：交办公室审阅前）："))
    if not ok:
        return None
    version = window.session.keep_version("manual", note.strip())
    if version is not None:
        window.statusBar().showMessage(window.tr("已保存版本"), 5000)
    return version


def show_versions(window: QMainWindow) -> VersionsDialog | None:
    """文件→版本…: the modeless list of the open report's versions."""
    if window.session.report is None:
        return None
    window.ready_report()
    dialog = VersionsDialog(window.session, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class VersionViewer(QDialog):
    """One version, read-only, in its own window beside the main one."""

    def __init__(self, report: Report, info: VersionInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("版本 {time}（只读）").format(time=info.created.replace("T", " ")))
        self.text = QPlainTextEdit(version_text(report))
        self.text.setReadOnly(True)
        self.text.setFont(editor_font())
        column = QVBoxLayout(self)
        note = info.note or self.tr("（无备注）")
        column.addWidget(QLabel(self.tr("{reason}：{note}").format(reason=reason_text(info.reason), note=note)))
        column.addWidget(self.text)
        self.resize(560, 720)


def place_beside(viewer: QWidget, main: QWidget) -> None:
    """To the right of ``main`` where the screen has room, else over its right side; never off the screen.

    A maximised main window leaves no room beside it: the viewer then stands
    at the screen's right edge, over the main window, where the clerk sees it.
    """
    screen = (main.screen() or viewer.screen()).availableGeometry()
    frame = main.frameGeometry()
    border_x, border_y = frame.width() - main.width(), frame.height() - main.height()  # the viewer's will be alike
    viewer.resize(min(viewer.width(), screen.width() // 2 - border_x),
                  min(viewer.height(), screen.height() - border_y))
    width, height = viewer.width() + border_x, viewer.height() + border_y
    x = min(frame.right() + 1, screen.right() + 1 - width)
    y = max(screen.top(), min(frame.top(), screen.bottom() + 1 - height))
    viewer.move(max(screen.left(), x), y)  # move() places the frame's corner


class VersionsDialog(QDialog):
    """The open report's versions, newest first: time, note, why it was kept, its length."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.viewers: list[VersionViewer] = []
        self.setWindowTitle(self.tr("版本 — {title}").format(title=session.report.title))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("备注"), self.tr("原因"), self.tr("字数")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.view_button = QPushButton(self.tr("查看"))
        self.restore_button = QPushButton(self.tr("恢复"))
        for button in (self.view_button, self.restore_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.view_button.clicked.connect(self.view)
        self.restore_button.clicked.connect(self.restore)
        self.table.itemDoubleClicked.connect(lambda *_: self.view())
        column = QVBoxLayout(self)
        hint = QLabel(self.tr("导出时和删除多个节点前会自动保存版本（内容没有变化时不重复保存）。"
                              "“查看”在旁边打开只读的版本；“恢复”之后也可以用“撤销”取消。"))
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(self.table)
        column.addWidget(buttons)
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        self.versions = list_versions(self.session.store, self.session.report.id)
        self.table.setRowCount(len(self.versions))
        for row, info in enumerate(self.versions):
            cells = (info.created.replace("T", " "), info.note or self.tr("（无备注）"), reason_text(info.reason),
                     str(info.size))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if not info.note:
                self.table.item(row, 1).setForeground(self.palette().placeholderText())
        if self.versions:
            self.table.selectRow(0)
        for button in (self.view_button, self.restore_button):
            button.setEnabled(bool(self.versions))

    def chosen(self) -> VersionInfo | None:
        row = self.table.currentRow()
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def view(self) -> VersionViewer | None:
        """Open the chosen version read-only, beside the main window."""
        info = self.chosen()
        if info is None:
            return None
        viewer = VersionViewer(load_version(self.session.store, info.id), info, self.parentWidget())
        place_beside(viewer, self.parentWidget() or self)
        viewer.show()
        self.viewers.append(viewer)
        return viewer

    def restore(self) -> bool:
        """Put the chosen version back (after confirmation) as one undoable step."""
        info = self.chosen()
        if info is None:
            return False
        when = info.created.replace("T", " ")
        answer = QMessageBox.question(
            self, self.tr("恢复版本"),
            self.tr("把报告恢复为 {time} 的版本？当前内容会先保存为一个版本；恢复之后也可以用“撤销”取消。").format(time=when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        content = load_version(self.session.store, info.id)
        self.session.undo_stack.push(RestoreVersionCommand(
            self.session, content, self.tr("恢复 {time} 的版本之前").format(time=when)))
        self.refresh()
        return True
