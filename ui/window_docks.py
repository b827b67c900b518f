"""The window's docks (停靠窗口), each built the first time it is asked for.

检查, 查找和替换 and 上年对照 are not needed to show the window: building them (and
importing their modules) waits until the clerk opens one, or until just after
the first paint (上年对照 always, since its actions belong in the menu; the
others when the saved layout shows them).  A dock built late is put back where
the layout had it (``restoreDockWidget``) and watched like the others.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

from ui import settings as keys
from ui.window_state import saved_dock_names

REOPEN_DOCKS_MS = 100  # docks the saved layout shows are built this long after the first paint


class DockPanes:
    """Mixed into MainWindow: ``self._docks`` (name -> dock), ``self.state``, ``self.settings``, ``self.session``."""

    _late: dict | None = None  # while built_late runs: each dock restored -> shown by the saved layout

    def built_late(self, build):
        """What ``build()`` makes, its docks (which add themselves) put back as the saved layout had them."""
        self._late = {}
        try:
            made = build()
        finally:
            late, self._late = self._late, None
        for dock, shown in late.items():
            dock.setVisible(shown)  # the builder may have hidden it: the layout decides
        return made

    def _after_first_paint(self) -> None:
        """Right after the first paint, by itself: 上年对照 now, the saved layout's docks a moment later."""
        self.last_year.refresh()  # built here if it was not yet
        QTimer.singleShot(REOPEN_DOCKS_MS, self._reopen_docks)

    def _dock(self, name: str, build) -> QDockWidget:
        """A dock built when first asked for, put back where the saved layout had it."""
        dock = self._docks.get(name)
        if dock is None:
            dock = self._docks[name] = build()
            if self.restoreDockWidget(dock):
                self.state.watch(dock)
            else:
                dock.hide()
                self.addDockWidget(Qt.BottomDockWidgetArea, dock)
                self.resizeDocks([dock], [self.height() // 3], Qt.Vertical)
        return dock

    @property
    def checks_dock(self) -> QDockWidget:
        """检查: what is not ready to print (ui.export_dialog loads with it)."""
        return self._dock("checks_dock", self._make_checks_dock)

    @property
    def dismissals(self):
        """这是对的 of the open report (ui.dismissals), shared by the 检查 dock and the dialog before export."""
        found = getattr(self, "_dismissals", None)
        if found is None:
            from ui.dismissals import Dismissals

            found = self._dismissals = Dismissals(self.session, self)
        return found

    @property
    def checks(self) -> QWidget:
        return self.checks_dock.problem_list

    def _make_checks_dock(self):
        from ui.export_dialog import ChecksDock

        dock = ChecksDock(self, self.dismissals)
        dock.problem_list.problem_chosen.connect(self.go_to_problem)
        return dock

    def find_dock(self) -> QDockWidget:
        """查找和替换."""
        from ui.find_replace import FindReplaceDock

        return self._dock("find_dock", lambda: FindReplaceDock(self))

    def _reopen_docks(self) -> None:
        """After the first paint: the docks the saved layout shows come back."""
        builders = {"checks_dock": lambda: self.checks_dock, "find_dock": self.find_dock}
        for name in saved_dock_names(self.settings.value(keys.WINDOW_STATE), builders):
            builders[name]()

    def addDockWidget(self, *args) -> None:  # noqa: N802 - Qt's name: every dock's place is kept
        dock = args[1]
        if self._late is not None and self.restoreDockWidget(dock):
            self._late[dock] = not dock.isHidden()
        else:
            super().addDockWidget(*args)
        if hasattr(self, "state"):
            self.state.watch(dock)

    def show_checks(self) -> None:
        self.ready_report()
        self.checks_dock.show()
        self.checks_dock.refresh(self.session.report)

    def _refresh_checks(self, *_args) -> None:
        if "checks_dock" in self._docks:
            self._docks["checks_dock"].refresh(self.session.report)

    def go_to_problem(self, problem) -> None:
        """Select the problem's node and, for a blank field, put the cursor on it."""
        if not self.session.model.contains(problem.node):
            return
        self.select_node(problem.node)
        if problem.fid is not None:
            self.editor.focus_field(problem.fid)
