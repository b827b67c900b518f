"""从备份恢复 in the window (备份): list the store's backups and put one in place of the store.

The window keeps its lock on the data folder throughout: the store is
closed, the backup put in place by ``model.backups.restore_backup`` (the
current file is renamed and kept), and the store opened again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.backups import BackupInfo, backup_before_restore, list_backups, restore_backup
from model.errors import StoreError
from model.store import Store
from ui.qt_chinese import chinese_only


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupDialog(QDialog):
    """The data folder's backups, newest first: time, size, whether it can be used."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle(self.tr("从备份恢复"))
        self.table = QTableWidget(len(backups), 4)
        self.table.setHorizontalHeaderLabels([self.tr("备份时间"), self.tr("大小"), self.tr("状态"), self.tr("说明")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        kinds = {"daily": self.tr("每天第一次启动时"), "migration": self.tr("升级数据格式前"),
                 "restore": self.tr("从备份恢复前的数据"), "other": ""}
        for row, info in enumerate(backups):
            state = self.tr("完好") if info.ok else self.tr("无法使用")
            cells = (f"{info.created:%Y-%m-%d %H:%M}", size_text(info.size), state, kinds[info.kind])
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(self.tr("恢复"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.currentCellChanged.connect(lambda *_: self._update())
        column = QVBoxLayout(self)
        hint = self.tr("每天第一次启动时自动备份（保留最近 7 份）；升级数据格式前、从备份恢复前也会备份。") if backups \
            else self.tr("还没有备份。程序每天第一次启动时会自动备份。")
        column.addWidget(QLabel(hint))
        column.addWidget(self.table)
        column.addWidget(self.buttons)
        self.resize(520, 360)
        if backups:
            self.table.selectRow(0)
        self._update()

    def chosen(self) -> BackupInfo | None:
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def _update(self) -> None:
        chosen = self.chosen()
        self.restore_button.setEnabled(chosen is not None and chosen.ok)


def restore_from_backup(window: QMainWindow) -> bool:
    """文件→从备份恢复…: choose a backup, confirm, and the window reopens the store from it."""
    session = window.session
    if session.store.path is None:
        return False
    folder = session.store.path.parent
    dialog = BackupDialog(list_backups(folder), window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
        return False
    backup = dialog.chosen()
    answer = QMessageBox.question(
        window, window.tr("从备份恢复"),
        window.tr("用 {time} 的备份替换当前的数据？\n\n备份之后所做的修改不在备份里，恢复后不能用“撤销”取消；"
                  "当前的数据会先另存一份，列在“从备份恢复”中（说明为“从备份恢复前的数据”），需要时可以再恢复回来。")
        .format(time=f"{backup.created:%Y-%m-%d %H:%M}"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    return _put_in_place(window, backup)


def _put_in_place(window: QMainWindow, backup: BackupInfo) -> bool:
    from model.workspace import open_workspace as open_store  # not ui.app: no import circle

    session = window.session
    window.ready_report()
    current = session.report.id if session.report else None
    old = session.store
    folder = old.path.parent
    try:
        before = backup_before_restore(old)  # the way back, listed with the backups
    except (sqlite3.Error, OSError) as exc:
        QMessageBox.critical(window, window.tr("未能从备份恢复"), window.tr(
            "未能先把当前的数据另存一份（{error}），所以没有恢复，数据保持原样。请清理磁盘空间后再试。").format(error=exc))
        return False
    old.close()
    try:
        kept = restore_backup(folder, backup.path)
    except (StoreError, OSError) as exc:  # the current file is back where it was (restore_backup sees to it)
        return _reopen_after_failure(window, old.path, current, exc)
    try:
        store = open_store(folder)
    except (StoreError, OSError) as exc:
        QMessageBox.critical(window, window.tr("无法打开恢复的备份"), window.tr(
            "备份已放回数据文件夹，但无法打开：{error}\n\n原来的数据文件已改名保留为：{path}。"
            "请关闭本程序后重新打开。").format(error=chinese_only(str(exc)), path=kept))
        return False
    ids = [r.id for r in store.list_reports()]
    session.replace_store(store, current if current in ids else (ids[0] if ids else None))
    QMessageBox.information(window, window.tr("已从备份恢复"),
                            window.tr("数据已恢复为 {time} 的备份。\n\n恢复前的数据已另存，可在“从备份恢复”中找回"
                                      "（{before}）；原来的数据文件也改名保留在数据文件夹中：{name}")
                            .format(time=f"{backup.created:%Y-%m-%d %H:%M}", before=before.name,
                                    name=kept.name if kept else ""))
    return True


def _reopen_after_failure(window: QMainWindow, path: Path, report_id: int | None, exc: Exception) -> bool:
    """The restore failed with the current file put back: open it again and tell the clerk what happened."""

    try:
        window.session.replace_store(Store(path), report_id)
    except (StoreError, OSError) as again:
        QMessageBox.critical(window, window.tr("未能从备份恢复"), window.tr(
            "{error}\n\n当前的数据文件也无法重新打开：{again}\n请关闭本程序后重新打开。").format(
            error=chinese_only(str(exc)), again=chinese_only(str(again))))
        return False
    QMessageBox.critical(window, window.tr("未能从备份恢复"), window.tr(
        "{error}\n\n数据文件已重新打开，可以继续工作。").format(error=chinese_only(str(exc))))
    return False
