"""The stored reports (报告列表) and a report's title, year and organisation (报告信息)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from export.title import single_line
from model.store import Store
from ui.qt_chinese import chinese_datetime
from ui.session import ReportInfo
from ui.title_edit import TitleEdit


class ReportListDialog(QDialog):
    """Pick a stored report to open, or delete one (after a confirmation)."""

    def __init__(self, store: Store, current_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.chosen_id: int | None = None
        self.deleted_ids: list[int] = []
        self.setWindowTitle(self.tr("报告列表"))
        self.resize(640, 360)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("标题"), self.tr("年度"), self.tr("修改时间"),
                                              self.tr("未填指标")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.doubleClicked.connect(self.accept_current)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(self.tr("打开"), QDialogButtonBox.AcceptRole)
        self.delete_button = QPushButton(self.tr("删除…"), self)
        buttons.addButton(self.delete_button, QDialogButtonBox.ActionRole)
        self.rollover_button = QPushButton(self.tr("生成下一年度…"), self)
        self.rollover_button.setToolTip(self.tr("复制所选报告为新年度报告：数字清空待填，上年数值保留在旁"))
        buttons.addButton(self.rollover_button, QDialogButtonBox.ActionRole)
        self.rollover_button.clicked.connect(self.roll_over_current)
        buttons.addButton(QDialogButtonBox.Close)
        self.open_button.clicked.connect(self.accept_current)
        self.delete_button.clicked.connect(self.delete_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._fill(current_id)

    def _fill(self, select_id: int | None) -> None:
        reports = self.store.list_reports()
        self.table.setRowCount(len(reports))
        for row, r in enumerate(reports):
            cells = [single_line(r.title) or self.tr("（无标题）"), str(r.year or ""), chinese_datetime(r.modified),
                     self.tr("{blanks} / {total}").format(blanks=r.blanks, total=r.fields)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, r.id)
                self.table.setItem(row, col, item)
            if r.id == select_id:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and reports:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(reports))
        self.delete_button.setEnabled(bool(reports))
        self.rollover_button.setEnabled(bool(reports))

    def current_id(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.UserRole) if item else None

    def accept_current(self) -> None:
        self.chosen_id = self.current_id()
        if self.chosen_id is not None:
            self.accept()

    def delete_current(self) -> None:
        report_id = self.current_id()
        if report_id is None:
            return
        title = self.table.item(self.table.currentRow(), 0).text()
        answer = QMessageBox.question(
            self, self.tr("删除报告"),
            self.tr("确定删除“{title}”吗？删除后无法恢复。").format(title=title),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        self.store.delete_report(report_id)
        self.deleted_ids.append(report_id)
        self._fill(None)


    def roll_over_current(self) -> None:
        """This year's report from the selected one; it opens when the dialog closes.

        The year words it would move are listed first, one tick each (history stays as it is).
        """
        from model.rollover import roll_over, rollover_plan

        report_id = self.current_id()
        if report_id is None:
            return
        report = self.store.load_report(report_id)
        suggested = (report.year or QDate.currentDate().year()) + 1
        year, ok = QInputDialog.getInt(
            self, self.tr("生成下一年度报告"),
            self.tr("新报告的年度（“{title}”中的数字将清空待填，上年数值保留）：").format(title=report.title),
            suggested, 1900, 2999)
        if not ok:
            return
        plan = rollover_plan(report, year)
        accepted = None
        if plan:
            review = RolloverPlanDialog(plan, year, self)
            if review.exec() != QDialog.DialogCode.Accepted:
                return
            accepted = review.accepted()
        self.chosen_id = self.store.add_report(roll_over(report, year, accepted))
        self.accept()


class RolloverPlanDialog(QDialog):
    """Every year word 生成下一年度 would change, with a tick each: unticked ones stay as they are."""

    WHERE = {"title": "报告标题", "heading": "标题句", "body": "正文"}

    def __init__(self, plan: list, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("生成 {year} 年度报告：核对年份").format(year=year))
        self.resize(720, 420)
        intro = QLabel(self.tr("以下 {n} 处年份将改为 {year} 年。“以来”“至”、引号和书名号中的年份已保留不动；"
                               "不需要改的请取消勾选（空格键切换）。").format(n=len(plan), year=year), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(plan), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("改动"), self.tr("位置"), self.tr("原文")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        for row, r in enumerate(plan):
            tick = QTableWidgetItem(f"{r.before} → {r.after}")
            tick.setFlags(tick.flags() | Qt.ItemIsUserCheckable)
            tick.setCheckState(Qt.Checked)
            self.table.setItem(row, 0, tick)
            self.table.setItem(row, 1, QTableWidgetItem(self.tr(self.WHERE.get(r.where, r.where))))
            self.table.setItem(row, 2, QTableWidgetItem(r.context))
        self.table.resizeColumnToContents(0)
        if plan:
            self.table.setCurrentCell(0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("生成报告"))
        all_button = buttons.addButton(self.tr("全选"), QDialogButtonBox.ActionRole)
        none_button = buttons.addButton(self.tr("全不选"), QDialogButtonBox.ActionRole)
        all_button.clicked.connect(lambda: self.tick_all(True))
        none_button.clicked.connect(lambda: self.tick_all(False))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.installEventFilter(self)
        self.table.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Space in the list ticks or unticks the current line, whichever cell of it is current."""
        row = self.table.currentRow()
        if watched is self.table and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Space and row >= 0:
            item = self.table.item(row, 0)
            item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)
            return True
        return super().eventFilter(watched, event)

    def tick_all(self, on: bool) -> None:
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(Qt.Checked if on else Qt.Unchecked)

    def accepted(self) -> set[int]:
        """The indexes (``Replacement.index``) of the ticked lines."""
        return {r.index for row, r in enumerate(self.plan) if self.table.item(row, 0).checkState() == Qt.Checked}


class ReportInfoDialog(QDialog):
    """Title, year and organisation of the open report."""

    def __init__(self, info: ReportInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("报告信息"))
        self.title = TitleEdit(info.title, self)  # Enter: the printed title breaks there
        self.title.setMinimumWidth(360)
        self.year = QSpinBox(self)
        self.year.setRange(0, 2999)
        self.year.setSpecialValueText(self.tr("未定"))
        self.year.setValue(info.year or QDate.currentDate().year())
        self.organisation = QLineEdit(info.organisation, self)
        form = QFormLayout(self)
        form.addRow(self.tr("标题："), self.title)
        form.addRow(self.tr("年度："), self.year)
        form.addRow(self.tr("单位："), self.organisation)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def info(self) -> ReportInfo:
        year = self.year.value() or None
        return ReportInfo(self.title.text().strip(), year, self.organisation.text().strip())
