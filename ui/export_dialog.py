"""What the clerk sees before an export (导出设置): what is not ready, how blanks print, the end block, fonts.

Nothing here blocks an export: problems and missing fonts are shown, and the
clerk may go and fix one (a click closes the dialog and jumps there) or
export anyway.  The dialog only gathers choices; ``ui.export_flow`` writes.
The readiness list is one widget, shared with the window's 检查 dock (also here).
"""

from __future__ import annotations

import datetime
from collections import Counter

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from export.layout import OFFICIAL_FONTS
from export.options import BLANK_MODES, HIGHLIGHT, STOP, UNDERLINE, ExportOptions
from model.checks import BLANK, EMPTY, PLACEHOLDER, Problem, readiness
from model.report import Report
from ui.window_state import fitting

GO_TO_PROBLEM = 2  # exec() result when the clerk clicked a problem to fix it

_WARNING_STYLE = "color: #9a5b00;"


class ProblemList(QListWidget):
    """The readiness problems, one a line; a click or Enter on one asks to go there.

    With ``dismissals`` (``ui.dismissals``) a 请核实 line can be confirmed (这是对的):
    it leaves the list until what it judged changes; 显示已忽略 shows the
    confirmed lines again, greyed, each one (or all) can be restored.
    ``problems`` are the lines shown, row by row; ``all_problems`` every one.
    """

    problem_chosen = Signal(object)
    shown_changed = Signal()  # the lines shown changed (a confirmation, its undo, 显示已忽略)

    def __init__(self, parent: QWidget | None = None, dismissals=None) -> None:
        super().__init__(parent)
        self.all_problems: list[Problem] = []
        self.problems: list[Problem] = []
        self.dismissals = dismissals
        self.setToolTip(_tr("单击一项，前往修改"))
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self.act_dismiss = QAction(_tr("这是对的，忽略此项"), self)
        self.act_dismiss.setToolTip(_tr("已核实无误：不再提醒，直到这处文字或数值改动"))
        self.act_dismiss.triggered.connect(self.dismiss_current)
        self.act_show_dismissed = QAction(_tr("显示已忽略"), self)
        self.act_show_dismissed.setCheckable(True)
        self.act_show_dismissed.toggled.connect(lambda _on: self._fill())
        self.act_restore_all = QAction(_tr("恢复已忽略"), self)
        self.act_restore_all.triggered.connect(self.restore_all)
        self.currentRowChanged.connect(self._update_actions)
        if dismissals is not None:
            dismissals.changed.connect(self._reload)
        self._update_actions()

    def set_problems(self, problems: list[Problem]) -> None:
        self.all_problems = list(problems)
        self._fill()

    def dismissed(self) -> list[Problem]:
        return [p for p in self.all_problems if p.dismissed]

    def current_problem(self) -> Problem | None:
        row = self.currentRow()
        return self.problems[row] if 0 <= row < len(self.problems) else None

    def dismiss_current(self) -> None:
        """这是对的 on the current line, or, on a line already confirmed, its reminder back."""
        problem = self.current_problem()
        if problem is None or self.dismissals is None:
            return
        if problem.dismissed:
            self.dismissals.restore([problem])
        else:
            self.dismissals.dismiss([problem])

    def restore_all(self) -> None:
        if self.dismissals is not None:
            self.dismissals.restore(self.dismissed())

    def action_buttons(self, parent: QWidget) -> QWidget:
        """这是对的 and 显示已忽略 as buttons under the list (hidden without ``dismissals``)."""
        row = QWidget(parent)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        for action in (self.act_dismiss, self.act_show_dismissed, self.act_restore_all):
            button = QToolButton(row)
            button.setDefaultAction(action)
            line.addWidget(button)
        line.addStretch(1)
        row.setVisible(self.dismissals is not None)
        return row

    def context_menu(self) -> QMenu:
        """The current line's actions: 这是对的 (or 恢复此项), 显示已忽略, 恢复已忽略."""
        menu = QMenu(self)
        menu.addActions([self.act_dismiss, self.act_show_dismissed, self.act_restore_all])
        return menu

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.dismissals is None:
            return super().contextMenuEvent(event)
        item = self.itemAt(event.pos())
        if item is not None:
            self.setCurrentItem(item)
        self.context_menu().exec(event.globalPos())

    def _fill(self) -> None:
        row = self.currentRow()
        show_all = self.act_show_dismissed.isChecked()
        self.problems = [p for p in self.all_problems if show_all or not p.dismissed]
        self.clear()
        for p in self.problems:
            item = QListWidgetItem(_tr("〔已忽略〕") + p.message if p.dismissed else p.message, self)
            if p.dismissed:
                item.setForeground(self.palette().color(QPalette.Disabled, QPalette.Text))
        if not self.problems:
            hidden = len(self.dismissed())
            self.addItem(_tr("没有需要处理的问题；另有{n}条已确认，未列出。").format(n=hidden) if hidden
                         else _tr("没有发现问题，可以导出。"))
        elif row >= 0:
            self.setCurrentRow(min(row, len(self.problems) - 1))
        self._update_actions()
        self.shown_changed.emit()

    def _reload(self) -> None:
        """After a confirmation, its undo or redo: each line's state from the store."""
        keys = self.dismissals.keys()
        for p in self.all_problems:
            p.dismissed = p.dismissable and p.key in keys
        self._fill()

    def _update_actions(self, *_args) -> None:
        problem = self.current_problem()
        on = self.dismissals is not None
        self.act_dismiss.setEnabled(on and problem is not None and problem.dismissable)
        self.act_dismiss.setText(_tr("恢复此项") if problem is not None and problem.dismissed
                                 else _tr("这是对的，忽略此项"))
        hidden = len(self.dismissed())
        self.act_show_dismissed.setText(_tr("显示已忽略（{n}）").format(n=hidden))
        self.act_show_dismissed.setEnabled(on and (hidden > 0 or self.act_show_dismissed.isChecked()))
        self.act_restore_all.setEnabled(on and hidden > 0)

    def _chosen(self, item) -> None:
        row = self.row(item)
        if 0 <= row < len(self.problems):
            self.problem_chosen.emit(self.problems[row])


class ChecksDock(QDockWidget):
    """The 检查 dock: the same list, left open beside the outline while the clerk fixes things."""

    def __init__(self, parent: QWidget | None = None, dismissals=None) -> None:
        super().__init__(_tr("检查"), parent)
        self.setObjectName("checks_dock")
        self.dismissals = dismissals
        pane = QWidget(self)
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        self.problem_list = ProblemList(pane, dismissals)
        column.addWidget(self.problem_list)
        column.addWidget(self.problem_list.action_buttons(pane))
        self.setWidget(pane)

    def refresh(self, report: Report | None) -> None:
        """Re-run the checks; skipped while the dock is closed (it runs after every save)."""
        if not self.isHidden():
            keys = self.dismissals.keys() if self.dismissals is not None else ()
            self.problem_list.set_problems(readiness(report, keys) if report else [])


class ExportDialog(QDialog):
    """Readiness list, blank rendering, optional end block and the fonts check, in that order."""

    def __init__(self, problems: list[Problem], options: ExportOptions, missing_fonts: list[tuple[str, str]],
                 accept_text: str = "", parent: QWidget | None = None, dismissals=None) -> None:
        super().__init__(parent)
        self.all_problems = problems
        self.dismissals = dismissals
        self.chosen_problem: Problem | None = None
        self.setWindowTitle(self.tr("导出设置"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_problems())
        layout.addWidget(self._build_blank_modes(options.blank_mode))
        layout.addWidget(self._build_end_block(options))
        self.fonts_label = self._build_fonts(missing_fonts)
        layout.addWidget(self.fonts_label)
        buttons = QDialogButtonBox(self)
        self.accept_button = buttons.addButton(accept_text or self.tr("导出…"), QDialogButtonBox.AcceptRole)
        self.accept_button.setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Sized here: left to Qt, a window is held to 2/3 of the screen's height, and at 1024×700 the
        # wrapped font warning squeezed the check list until its buttons lay over its lines.
        self.resize(fitting(self.sizeHint(), parent or self))

    # -- parts ---------------------------------------------------------------------

    def _build_problems(self) -> QGroupBox:
        box = QGroupBox(self.tr("导出前检查"), self)
        self.problem_label = QLabel(self._summary(), box)
        self.problem_label.setWordWrap(True)
        self.problem_list = ProblemList(box, self.dismissals)
        self.problem_list.set_problems(self.all_problems)
        shown_rows = min(max(len(self.all_problems), 2), 6)  # taller lists scroll
        self.problem_list.setFixedHeight(shown_rows * self.problem_list.sizeHintForRow(0)
                                         + 2 * self.problem_list.frameWidth() + 4)
        self.problem_list.setVisible(bool(self.all_problems))
        self.problem_list.problem_chosen.connect(self._go_to)
        self.problem_list.shown_changed.connect(lambda: self.problem_label.setText(self._summary()))
        buttons = self.problem_list.action_buttons(box)
        buttons.setVisible(self.dismissals is not None and any(p.dismissable for p in self.all_problems))
        column = QVBoxLayout(box)
        column.addWidget(self.problem_label)
        column.addWidget(self.problem_list)
        column.addWidget(buttons)
        return box

    @property
    def problems(self) -> list[Problem]:
        """The problems listed, row by row (confirmed 请核实 ones are not, unless 显示已忽略)."""
        return self.problem_list.problems

    def _summary(self) -> str:
        shown = [p for p in self.all_problems if not p.dismissed]
        hidden = len(self.all_problems) - len(shown)
        confirmed = self.tr("另有 {n} 条已确认，未列出。").format(n=hidden) if hidden else ""
        if not shown:
            return self.tr("没有发现问题，可以导出。") + confirmed
        counts = Counter(p.kind for p in shown)
        return self.tr("还有 {n} 处尚未就绪：未填指标 {blank} 个，占位符 {placeholder} 处，空白段落 {empty} 个。"
                       "单击一项可前往修改；也可以直接导出。").format(
            n=len(shown), blank=counts[BLANK], placeholder=counts[PLACEHOLDER], empty=counts[EMPTY]) + confirmed

    def _build_blank_modes(self, mode: str) -> QGroupBox:
        box = QGroupBox(self.tr("未填指标显示为"), self)
        labels = {HIGHLIGHT: self.tr("黄底 X（默认）"), UNDERLINE: self.tr("下划线空白"),
                  STOP: self.tr("有未填时不导出")}
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        for key in BLANK_MODES:
            button = QRadioButton(labels[key], box)
            self.mode_group.addButton(button)
            self.mode_buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.stop_hint = QLabel(stop_message(self.all_problems), box)
        self.stop_hint.setWordWrap(True)
        self.stop_hint.setStyleSheet(_WARNING_STYLE)
        column.addWidget(self.stop_hint)
        self.mode_buttons[STOP].toggled.connect(self._show_stop_hint)
        self.mode_buttons.get(mode, self.mode_buttons[HIGHLIGHT]).setChecked(True)
        self._show_stop_hint()
        return box

    def _show_stop_hint(self) -> None:
        """Say before export, not after, that "有未填时不导出" will stop it."""
        self.stop_hint.setVisible(self.mode_buttons[STOP].isChecked() and bool(self.stop_hint.text()))

    def _build_end_block(self, options: ExportOptions) -> QGroupBox:
        self.end_box = QGroupBox(self.tr("文末加落款"), self)
        self.end_box.setCheckable(True)
        self.end_box.setChecked(options.end_block)
        self.organisation_edit = QLineEdit(options.organisation, self.end_box)
        self.organisation_edit.setPlaceholderText(self.tr("例如：中共某某县某某局委员会"))
        day = options.date or datetime.date.today()
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), self.end_box)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setCalendarPopup(True)
        form = QFormLayout(self.end_box)
        form.addRow(self.tr("单位名称："), self.organisation_edit)
        form.addRow(self.tr("日期："), self.date_edit)
        return self.end_box

    def _build_fonts(self, missing: list[tuple[str, str]]) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet(_WARNING_STYLE)
        label.setText(fonts_warning(missing))
        label.setVisible(bool(missing))
        return label

    # -- results ---------------------------------------------------------------------

    def blank_mode(self) -> str:
        return next(key for key, button in self.mode_buttons.items() if button.isChecked())

    def options(self) -> ExportOptions:
        """The choices as the writer takes them."""
        day = self.date_edit.date()
        return ExportOptions(blank_mode=self.blank_mode(), end_block=self.end_box.isChecked(),
                             organisation=self.organisation_edit.text().strip(),
                             date=datetime.date(day.year(), day.month(), day.day()))

    def _go_to(self, problem: Problem) -> None:
        self.chosen_problem = problem
        self.done(GO_TO_PROBLEM)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def fonts_warning(missing: list[tuple[str, str]]) -> str:
    """Each missing official font, the face this PC really uses instead, and what to install; "" when none."""
    if not missing:
        return ""
    by_face: dict[str, list[str]] = {}  # fonts that fall back to the same face are named together
    for font, substitute in missing:
        by_face.setdefault(substitute, []).append(font)
    parts = "、".join(_tr("{fonts}（本机实际以 {substitute} 显示和打印）").format(
        fonts="、".join(names), substitute=face) for face, names in by_face.items())
    lacking = {font for font, _ in missing}
    install = [f for f in OFFICIAL_FONTS if f in lacking] + [f for f, _ in missing if f not in OFFICIAL_FONTS]
    return _tr("⚠ 本机缺少公文字体：{parts}。请安装{fonts}（可向单位信息化部门索取）；"
               "文件照常导出，在装有这些字体的电脑上打开即为规范字体，在本机打印前请先安装。").format(
        parts=parts, fonts="、".join(install))


def stop_message(problems: list[Problem]) -> str:
    """Why "有未填时不导出" stopped this export, or "" when no field is blank."""
    blanks = sum(1 for p in problems if p.kind == BLANK)
    if not blanks:
        return ""
    return _tr("还有 {n} 个指标未填写，选“有未填时不导出”将不会导出。请先填写，"
               "或改选“黄底 X”或“下划线空白”。").format(n=blanks)

