"""The main window (主窗口): the outline on the left, the selected node's editor on the right.

The window wires widgets to the session and turns actions into commands; it
changes no report data itself.  Heavy modules (the draft reader, the Word
writer) are imported inside the action that needs them, so the window opens
fast; export, PDF and print go through ``ui.export_flow``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from export.title import single_line
from model.phrases import PhraseError
from model.report import Node, Report
from model.store import Store
from ui import commands as cmd
from ui import settings as keys
from ui.counts import CountsWiring
from ui.field_commands import PhraseCommand, cell_command
from ui.fields_table import FieldsView
from ui.first_use import SampleBannerSlot
from ui.outline_editing import OutlineEditing
from ui.outline_view import OutlineView
from ui.qt_chinese import chinese_only
from ui.session import ReportInfo, ReportSession
from ui.settings import Settings
from ui.window_docks import DockPanes
from ui.window_state import StateKeeper, fitting

APP_TITLE = "报告编制助手"


def keys_of(text: str) -> QKeySequence:
    """A shortcut written as "Ctrl+Shift+V", read as portable text: read as native text (Qt's default),
    each one asks the translators for every key name Qt knows (~100 calls into ui.qt_chinese's
    translator per shortcut, tens of milliseconds at start-up for the window's twenty)."""
    return QKeySequence(text, QKeySequence.SequenceFormat.PortableText)


def _flow(name: str):
    """A dialog module (workbook, versions, backups), imported when its action is first used."""
    import importlib

    return importlib.import_module(f"ui.{name}")


def _help():
    import ui.help

    return ui.help


class MainWindow(DockPanes, OutlineEditing, QMainWindow):
    """One report at a time; every edit is saved by the session as it happens."""

    first_painted = Signal()

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """The window's words, looked up once in its own context: PySide's ``tr`` asks the translators
        once for each class of the window's ancestry (seven here) before it gives the text back."""
        return QCoreApplication.translate("MainWindow", text, disambiguation, n)

    def __init__(self, store: Store, settings: Settings, editor: QWidget | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.session = ReportSession(store, self)
        self._painted = False
        self._docks: dict[str, QDockWidget] = {}
        if editor is None:
            from ui.node_editor import NodeEditor

            editor = NodeEditor(self.session, self)
        self.editor = editor
        self._exports = None  # export, PDF and print (ui.export_flow) are built with their first use
        self._last_year = None  # 上年对照 and 只看未改写 are built just after the first paint
        self._build_tree()
        self._paint_fast(False)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.tree)
        self._grid = None  # 所有指标 is built when first shown (or asked for): start-up does not pay for it
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.editor, self.tr("正文"))
        self.tabs.addTab(QWidget(self.tabs), self.tr("所有指标"))
        self.tabs.currentChanged.connect(lambda index: index == 1 and self.grid)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 960])  # the tree keeps its width, the editor takes the rest
        self._build_centre()
        self._build_status()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._connect()
        self.counts = CountsWiring(self)
        self._restore_state()

    # -- building ------------------------------------------------------------------

    def _build_tree(self) -> None:
        self.tree = OutlineView(self)  # uniform row heights: OutlineView says why
        self.tree.setModel(self.session.model)

    def _build_centre(self) -> None:
        """The splitter, with room above it for the sample's banner."""
        centre = QWidget(self)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(centre)
        self.sample_banner = SampleBannerSlot(self, column)

    def _build_status(self) -> None:
        self.saved_label = QLabel(self)
        self.count_label = QLabel(self)
        self.statusBar().addWidget(self.saved_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(keys_of(shortcut) if isinstance(shortcut, str) else QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.act_list = self._action(tr("报告列表"), self.show_report_list, "Ctrl+O", tr("打开或切换报告"))
        self.act_import = self._action(tr("导入上年稿…"), self.import_draft, "Ctrl+I")
        self.act_paste = self._action(tr("粘贴导入"), self.import_clipboard, "Ctrl+Shift+V",
                                      tr("把剪贴板中的报告全文导入为新报告"))
        self.act_export = self._action(tr("导出 Word…"), lambda: self.exports.export_word(), "Ctrl+E")
        self.act_pdf = self._action(tr("导出 PDF…"), lambda: self.exports.export_pdf(), None,
                                    tr("通过 LibreOffice 把报告导出为 PDF"))
        self.act_print = self._action(tr("打印"), lambda: self.exports.print_report(), QKeySequence.Print)
        self.act_check = self._action(tr("检查"), self.show_checks, "F7", tr("列出尚未就绪的内容"))
        self.act_info = self._action(tr("报告信息"), self.edit_info, None, tr("标题、年度、单位"))
        self.act_grid = self._action(tr("所有指标"), lambda: self.tabs.setCurrentWidget(self.grid), "Ctrl+T",
                                     tr("在一张表中查看和填写全部指标"))
        self.act_department = self._action(tr("设置部门…"), lambda: _flow("workbook_flow").ask_department(self), None,
                                           tr("指定负责填报所选节点数字的部门"))
        self.act_book_out = self._action(tr("导出填报表…"), lambda: _flow("workbook_flow").export_fields_workbook(self), None,
                                         tr("把指标导出为 Excel 填报表，发给各部门填写"))
        self.act_book_in = self._action(tr("导入填报表…"), lambda: _flow("workbook_flow").import_fields_workbook(self), None,
                                        tr("把各部门填好的填报表读回报告"))
        self.act_save = self._action(tr("保存"), self.save_now, QKeySequence.Save, tr("立即把所有修改写入数据文件"))
        self.act_find = self._action(tr("查找…"), lambda: self.find_dock().open_find(False), QKeySequence.Find,
                                     tr("在标题、正文和指标名称中查找"))
        self.act_replace = self._action(tr("替换…"), lambda: self.find_dock().open_find(True), "Ctrl+H",
                                        tr("查找并替换文字（指标数值不会被改动）"))
        self.act_guide = self._action(tr("使用说明"), lambda: _help().show_guide(self), QKeySequence.HelpContents,
                                      tr("五步写好今年的报告"))
        self.act_about = self._action(tr("关于"), lambda: _help().show_about(self, self.session.store.path),
                                      None, tr("版本和数据保存的位置"))
        self.act_quit = self._action(tr("退出"), self.close, QKeySequence.Quit)
        self.act_save_version = self._action(tr("保存版本…"), lambda: _flow("versions_dialog").save_version_here(self),
                                             None, tr("把报告现在的样子保存为一个版本（可加备注）"))
        self.act_versions = self._action(tr("版本…"), lambda: _flow("versions_dialog").show_versions(self), None,
                                         tr("查看、恢复保存过的版本"))
        self.act_backups = self._action(tr("从备份恢复…"), lambda: _flow("backup_dialog").restore_from_backup(self), None,
                                        tr("用自动备份替换当前数据文件"))
        self.act_undo = self.session.undo_stack.createUndoAction(self, tr("撤销"))
        self.act_undo.setShortcut(keys_of("Ctrl+Z"))  # from any widget: the text edits leave it to us
        self.act_redo = self.session.undo_stack.createRedoAction(self, tr("重做"))
        self.act_redo.setShortcuts([keys_of("Ctrl+Y"), keys_of("Ctrl+Shift+Z")])
        self.act_add_sibling = self._action(tr("添加同级"), lambda: self.add_node(False), "Ctrl+Return")
        self.act_add_child = self._action(tr("添加下级"), lambda: self.add_node(True), "Ctrl+Shift+Return")
        self.act_delete = self._action(tr("删除"), self.delete_nodes, QKeySequence.Delete)
        self.act_delete.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.tree.addAction(self.act_delete)
        self.act_up = self._action(tr("上移"), lambda: self.move_nodes(cmd.UP), "Alt+Up")
        self.act_down = self._action(tr("下移"), lambda: self.move_nodes(cmd.DOWN), "Alt+Down")
        self.act_outdent = self._action(tr("升级"), lambda: self.move_nodes(cmd.OUTDENT), "Alt+Left")
        self.act_indent = self._action(tr("降级"), lambda: self.move_nodes(cmd.INDENT), "Alt+Right")
        self.structure_actions = [self.act_add_sibling, self.act_add_child, self.act_delete, self.act_up,
                                  self.act_down, self.act_outdent, self.act_indent]
        # what _update_actions decides, in its order: a report is open, a node is chosen, it can move up,
        # down, out, in; the states last set (None: none yet)
        self._enabled_by = (
            (self.act_add_sibling, self.act_export, self.act_pdf, self.act_print, self.act_check, self.act_info,
             self.act_save_version, self.act_versions, self.act_book_out, self.act_book_in, self.act_department),
            (self.act_add_child, self.act_delete), (self.act_up,), (self.act_down,), (self.act_outdent,),
            (self.act_indent,))
        self._action_states: tuple[bool, ...] | None = None

    def _build_menus_and_toolbar(self) -> None:
        tr = self.tr
        menus = self.menuBar()
        file_menu = menus.addMenu(tr("文件(&F)"))
        for a in (self.act_list, self.act_save, None, self.act_import, self.act_paste, None, self.act_export,
                  self.act_pdf, self.act_print, None, self.act_book_out, self.act_book_in, None,
                  self.act_save_version, self.act_versions, self.act_backups, None, self.act_quit):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        edit_menu = menus.addMenu(tr("编辑(&E)"))
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_find, self.act_replace])
        edit_menu.addSeparator()
        edit_menu.addActions(self.structure_actions)
        self.report_menu = menus.addMenu(tr("报告(&R)"))  # 上年对照's two actions join it when built
        self.report_menu.addActions([self.act_info, self.act_check, self.act_grid])
        menus.addMenu(tr("帮助(&H)")).addActions([self.act_guide, self.act_about])
        self.toolbar = toolbar = self.addToolBar(tr("工具栏"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for a in (self.act_list, self.act_import, self.act_paste, None, self.act_export, self.act_print,
                  None, self.act_undo, self.act_redo, None, self.act_check, self.act_info):
            toolbar.addSeparator() if a is None else toolbar.addAction(a)

    def _connect(self) -> None:
        s = self.session
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.tree.customContextMenuRequested.connect(self._context_menu)
        s.model.nodes_dropped.connect(self._on_drop, Qt.QueuedConnection)
        s.model.heading_edited.connect(self._on_heading_edited)
        s.model.front_requested.connect(self._edit_front_matter)
        self.tree.indent_requested.connect(lambda: self.move_nodes(cmd.INDENT))
        self.tree.outdent_requested.connect(lambda: self.move_nodes(cmd.OUTDENT))
        s.saved.connect(lambda t: self.saved_label.setText(self.tr("已保存 {time}").format(time=t)))
        s.saved.connect(self._refresh_checks)
        s.save_failed.connect(self._on_save_failed)
        s.report_opened.connect(self._on_report_opened)
        s.info_changed.connect(self._update_title)
        s.structure_changed.connect(self._on_structure_changed)
        s.fields_changed.connect(self._on_fields_changed)  # once per edit: a 100-cell paste counts once
        s.undo_stack.indexChanged.connect(self._stack_moved)  # bound: Qt drops it with the window
        s.reveal.connect(self._reveal)  # bound: Qt drops it with the window
        self.editor.field_edit_requested.connect(self._on_field_edit)
        if isinstance(getattr(self.editor, "table", None), FieldsView):
            self.editor.table.phrase_requested.connect(self._on_phrase)

    @property
    def exports(self):
        """Export, PDF and print (ui.export_flow, which loads the background runner): built when first used."""
        if self._exports is None:
            from ui.export_flow import ExportFlow

            self._exports = flow = ExportFlow(self, self.settings, self.ready_report)
            flow.problem_chosen.connect(lambda problem: (self.show_checks(), self.go_to_problem(problem)))
            flow.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            flow.exported.connect(lambda _path: self.session.keep_version("export"))  # 版本: what was handed out is kept
        return self._exports

    @property
    def last_year(self):
        """上年对照 (its dock) and 只看未改写, built just after the first paint or when first asked for;
        its dock goes back where the saved layout had it, its two actions into the 报告 menu."""
        if self._last_year is None:
            from ui.last_year import LastYearView

            self._last_year = view = self.built_late(lambda: LastYearView(self))
            self.report_menu.addActions(view.actions)
        return self._last_year

    def _edit_front_matter(self) -> None:
        from ui.front_matter import edit_front_matter

        edit_front_matter(self)

    @property
    def grid(self) -> QWidget:
        """所有指标 (ui.grid_panel), built the first time it is shown or asked for, in the tab kept for it."""
        if self._grid is None:
            from ui.grid_panel import FieldsGrid, show_field_in_text

            self._grid = FieldsGrid(self.session, self)
            self._grid.field_chosen.connect(lambda node, fid: show_field_in_text(self, node, fid))
            current = self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):
                placeholder = self.tabs.widget(1)
                self.tabs.removeTab(1)
                placeholder.deleteLater()
                self.tabs.insertTab(1, self._grid, self.tr("所有指标"))
                self.tabs.setCurrentIndex(current)
        return self._grid

    # -- state -----------------------------------------------------------------

    def _restore_state(self) -> None:
        self.resize(fitting(QSize(1280, 800), self))  # a 1024×700 screen holds all of it, status bar too
        splitters = {keys.SPLITTER: self.splitter}
        if isinstance(getattr(self.editor, "splitter", None), QSplitter):
            splitters[keys.EDITOR_SPLITTER] = self.editor.splitter
        self.state = StateKeeper(self, self.settings, splitters)
        self.state.watch(self.toolbar)  # each dock is watched as it is added (DockPanes.addDockWidget)
        self.state.restore()
        self.open_report(self._first_report_id())

    def _first_report_id(self) -> int | None:
        stored = [r.id for r in self.session.store.list_reports()]
        last = self.settings.value(keys.LAST_REPORT)
        if last in stored:
            return last
        return stored[0] if stored else None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            QTimer.singleShot(0, lambda: self._paint_fast(True))  # after the children's first paint too
            QTimer.singleShot(0, self._after_first_paint)

    def _paint_fast(self, fast: bool) -> None:
        """From the second paint on, the tree's rows and the fields table's cells are painted by their own
        delegates (one model call each); the first screen goes through Qt's own item paint, the same
        pixels (tests/test_ui_tree_paint.py, test_ui_grid_paint.py), because reading an item's state
        from Python builds QStyle's Python type, 5 ms of a start-up."""
        for view in (self.tree, getattr(self.editor, "table", None)):
            delegate = getattr(view, "delegate", None)  # OutlineView's and FieldsView's own
            if hasattr(delegate, "fast"):
                delegate.fast = fast

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.editor.flush()
        if not self.session.flush() and not self._confirm_quit_unsaved():
            event.ignore()
            return
        self.state.save()
        event.accept()

    def _confirm_quit_unsaved(self) -> bool:
        answer = QMessageBox.warning(
            self, self.tr("修改未能保存"),
            self.tr("最近的修改未能写入数据文件。退出后这些修改将丢失。仍要退出吗？"
                    "（请先检查磁盘空间，或关闭正在使用数据文件的程序）"),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    # -- the open report -----------------------------------------------------------

    def open_report(self, report_id: int | None) -> None:
        self.editor.flush()
        self.session.open_report(report_id)  # refused while the open report's edits cannot be saved;
        # the report and node the clerk is on are kept by _show_current (report_opened selects a node)

    def _on_report_opened(self) -> None:
        self.tree.expandAll()
        self._update_title()
        self._update_counts()
        self.sample_banner.update()
        self.saved_label.setText(self.tr("修改会自动保存") if self.session.report else self.tr("尚未打开报告"))
        model = self.session.model
        last = self._node_by_id(self.state.last_node_id())
        if last is not None:
            self.select_node(last)
        elif model.rowCount() > 0:
            self.select_node(model.node(model.index(0, 0)))
        else:
            self._show_current()
        self._refresh_checks()

    def _node_by_id(self, node_id: int) -> Node | None:
        report = self.session.report
        return next((n for n in report.walk() if n.id == node_id), None) if report and node_id else None

    def _update_title(self) -> None:
        """The whole title bar: the application sets no display name, so Qt appends nothing."""
        report = self.session.report
        title = self.tr(APP_TITLE)
        self.setWindowTitle(f"{title} — 《{single_line(report.title)}》" if report else title)

    def save_now(self) -> bool:
        """Ctrl+S: everything typed so far into SQLite now, and say so."""
        self.editor.flush()
        if not self.session.flush():
            return False
        self.saved_label.setText(self.tr("已保存 {time}").format(time=datetime.now().strftime("%H:%M:%S")))
        self.statusBar().showMessage(self.tr("已全部保存到数据文件"), 3000)
        return True

    def _update_counts(self) -> None:
        report = self.session.report
        fields = [f for _, f in report.all_fields()] if report else []
        filled = sum(1 for f in fields if not f.is_blank)
        self.count_label.setText(self.tr("已填 {filled} / 共 {total}").format(filled=filled, total=len(fields)))

    def current_node(self) -> Node | None:
        return self.session.model.node(self.tree.currentIndex())

    def selected_nodes(self) -> list[Node]:
        model = self.session.model
        nodes = [model.node(i) for i in self.tree.selectionModel().selectedRows()]
        return [n for n in nodes if n is not None] or ([self.current_node()] if self.current_node() else [])

    def select_node(self, node: Node) -> None:
        """``node`` current and the only one selected, whatever keys are held.

        The tree's own ``setCurrentIndex`` reads the keyboard: with Ctrl held (Ctrl+Z revealing
        what it undoes, Ctrl+Enter from the grid) it would add the node to the selection, and
        the next Delete would remove every node so gathered.
        """
        index = self.session.model.index_for(node)
        self.tree.scrollTo(index)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _show_current(self) -> None:
        self.editor.flush()
        node = self.current_node()
        self.editor.set_node(node, self.session.next_fid)
        report = self.session.report
        self.state.set_place(report.id if report else None, node.id if node else None)
        self._update_actions()

    def _reveal(self, node: Node) -> None:
        """An undo or redo acts on ``node``: shown, and open as it was (a node put back comes in folded)."""
        if node is not self.current_node():
            self.select_node(node)
        if node.children:
            self.tree.expandRecursively(self.session.model.index_for(node))

    def _stack_moved(self, _index: int = 0) -> None:
        """An edit, an undo or a redo: what the status bar said of the step before (已删除…) is past."""
        self.statusBar().clearMessage()
        self._update_actions()

    def _update_actions(self) -> None:
        """Each action enabled as the selection allows; only the ones whose state changed are set (a node
        switch asks twice, through the current row and the selection, and most actions stay as they were)."""
        has_report = self.session.report is not None
        nodes = self.selected_nodes() if has_report else []
        model = self.session.model  # one node (the usual case) needs no walk of the whole report
        top = cmd.top_most(self.session, nodes) if len(nodes) > 1 else [n for n in nodes if model.contains(n)]
        states = (has_report, bool(nodes), *(any(cmd.move_target(model, n, how) is not None for n in top)
                                             for how in (cmd.UP, cmd.DOWN, cmd.OUTDENT, cmd.INDENT)))
        if states == self._action_states:
            return
        shown = self._action_states or (None,) * len(states)
        for on, was, actions in zip(states, shown, self._enabled_by, strict=True):
            if on != was:
                for action in actions:
                    action.setEnabled(on)
        self._action_states = states

    def _on_structure_changed(self) -> None:
        self._update_counts()
        node = self.current_node()
        self._update_actions()
        if node is None:
            self._show_current()

    def _on_fields_changed(self, changed: list) -> None:
        self._update_counts()
        current = self.current_node()
        if any(node is current for node, _fid in changed):
            self.editor.refresh_fields()

    def _on_save_failed(self, message: str) -> None:
        # only an edit kept in memory is retried; a refused version or confirmation is said in the message
        self.saved_label.setText(self.tr("未能保存！修改仍在内存中，将自动重试") if self.session.retrying
                                 else self.tr("未能保存，见提示"))
        QMessageBox.warning(self, self.tr("保存失败"), message)

    # -- structure ----------------------------------------------------------------

    def _push(self, command) -> None:
        if command is not None:
            self.session.undo_stack.push(command)

    def _on_field_edit(self, node: Node, fid: int, edits: dict) -> None:
        self._push(cell_command(self.session, node, fid, edits))  # one typed cell: one undo step

    def _on_phrase(self, fid: int, bind: bool) -> None:
        self.editor.flush()  # the text as typed so far, before the phrase rewrites it
        node = self.current_node()
        if node is None or node.field_by_id(fid) is None:
            return
        try:
            self._push(PhraseCommand(self.session, node, fid, bind))
        except PhraseError as exc:
            QMessageBox.warning(self, self.tr("同比表述"), chinese_only(str(exc)))

    def tree_menu(self) -> QMenu:
        """The tree's context menu: structure actions, then 设置部门…"""
        menu = QMenu(self)
        menu.addActions(self.structure_actions[:3])
        menu.addSeparator()
        menu.addActions(self.structure_actions[3:])
        menu.addSeparator()
        menu.addAction(self.act_department)
        return menu

    def _context_menu(self, pos) -> None:  # OutlineEditing's, with 设置部门… added
        menu = self.tree_menu()
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def edit_info(self) -> None:
        from ui.report_list import ReportInfoDialog

        report = self.session.report
        if report is None:
            return
        dialog = ReportInfoDialog(ReportInfo.of(report), self)
        if dialog.exec() == QDialog.Accepted and dialog.info() != ReportInfo.of(report):
            self._push(cmd.SetInfoCommand(self.session, dialog.info()))

    # -- reports in and out ------------------------------------------------------------

    def show_report_list(self) -> None:
        from ui.report_list import ReportListDialog

        self.ready_report()
        current = self.session.report.id if self.session.report else None
        dialog = ReportListDialog(self.session.store, current, self)
        if dialog.exec() == QDialog.Accepted and dialog.chosen_id is not None:
            self.open_report(dialog.chosen_id)
        elif current in dialog.deleted_ids:
            self.open_report(self._first_report_id())

    def import_draft(self) -> None:
        from ui.export_flow import documents_dir
        from ui.import_dialog import import_file

        start = self.settings.value(keys.IMPORT_DIR) or documents_dir()
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入上年稿"), start,
            self.tr("报告草稿 (*.docx *.doc *.wps *.odt *.txt);;所有文件 (*)"))
        if not path:
            return
        self.settings.set_value(keys.IMPORT_DIR, str(Path(path).parent))
        self._opened_if(import_file(self, self.session.store, Path(path)))

    def import_clipboard(self) -> None:
        from ui.import_dialog import import_text

        self._opened_if(import_text(self, self.session.store, QGuiApplication.clipboard().text()))

    def _opened_if(self, report_id: int | None) -> None:
        if report_id is not None:
            self.open_report(report_id)

    def ready_report(self) -> Report | None:
        """The open report with every pending edit saved: what an export must see."""
        self.editor.flush()
        self.session.flush()
        return self.session.report
