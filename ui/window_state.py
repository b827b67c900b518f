"""The window's own state kept as it changes (窗口状态): size, splitters, docks, last report and node.

Written half a second after the last change (at most two seconds after the
first) rather than only on a clean exit, so a killed program (power cut, task
manager) still opens where the clerk was.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QToolBar, QWidget

from ui import settings as keys
from ui.settings import Setting, Settings

DELAY_MS = 500
LONGEST_MS = 2000
FRAME_ALLOWANCE = QSize(16, 48)  # the title bar and borders a window manager adds around a window


def fitting(size: QSize, widget: QWidget) -> QSize:
    """``size``, or what the widget's screen holds with the window's frame when that is smaller.

    On a 1024×700 screen the window opened at 1280×800 (the fields table, its change column and
    the status bar off the screen), and at 150 % the import review's buttons fell below it.
    """
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return size.boundedTo(screen.availableGeometry().size() - FRAME_ALLOWANCE)


class StateKeeper(QObject):
    """Watches a main window's layout and its current node; writes them to settings, debounced."""

    def __init__(self, window: QMainWindow, settings: Settings, splitters: dict[Setting, QSplitter]) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.splitters = splitters
        self.report_id = 0
        self.node_id = 0
        self._restoring = False
        self._first = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.save)
        window.installEventFilter(self)
        for splitter in splitters.values():
            splitter.splitterMoved.connect(self.schedule)

    def watch(self, widget: QDockWidget | QToolBar) -> None:
        """A dock or toolbar whose place belongs to the layout."""
        widget.topLevelChanged.connect(self.schedule)
        widget.visibilityChanged.connect(self.schedule)
        if isinstance(widget, QDockWidget):
            widget.dockLocationChanged.connect(self.schedule)
        else:
            widget.orientationChanged.connect(self.schedule)

    def restore(self) -> None:
        """Put back size, layout and splitters as last saved (nothing is saved back while doing so)."""
        self._restoring = True
        try:
            restores = [(keys.GEOMETRY, self.window.restoreGeometry), (keys.WINDOW_STATE, self.window.restoreState)]
            restores += [(key, splitter.restoreState) for key, splitter in self.splitters.items()]
            for setting, restore in restores:
                saved = self.settings.value(setting)
                if isinstance(saved, QByteArray) and not saved.isEmpty():
                    restore(saved)
        finally:
            self._restoring = False
            self._timer.stop()

    def last_node_id(self) -> int:
        return self.settings.value(keys.LAST_NODE)

    def set_place(self, report_id: int | None, node_id: int | None) -> None:
        """The open report and the node the clerk is on (0 / None: none)."""
        report_id, node_id = report_id or 0, node_id or 0
        if (report_id, node_id) != (self.report_id, self.node_id):
            self.report_id, self.node_id = report_id, node_id
            self.schedule()

    def schedule(self, *_args) -> None:
        """Save DELAY_MS after the last change, but never later than LONGEST_MS after the first:
        a stream of changes (a resize drag, the clerk walking the tree with ↓) writes once in a while,
        not at every step, and is never put off for good."""
        if self._restoring:
            return
        now = time.monotonic()
        if not self._timer.isActive():
            self._first = now
        if (now - self._first) * 1000 < LONGEST_MS:
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def save(self) -> None:
        """Write everything now (also called on close)."""
        self._timer.stop()
        s, w = self.settings, self.window
        s.set_value(keys.GEOMETRY, w.saveGeometry())
        s.set_value(keys.WINDOW_STATE, w.saveState())
        for setting, splitter in self.splitters.items():
            s.set_value(setting, splitter.saveState())
        s.set_value(keys.LAST_REPORT, self.report_id)
        s.set_value(keys.LAST_NODE, self.node_id)
        s.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Move,
                                                        QEvent.Type.WindowStateChange):
            self.schedule()
        return False


def saved_dock_names(state: QByteArray, names) -> list[str]:
    """Which of ``names`` (docks built lazily) the saved layout mentions: Qt keeps their object names
    in the state as UTF-16, and restoreDockWidget puts each back once it exists."""
    raw = bytes(state) if isinstance(state, QByteArray) else b""
    return [name for name in names if name.encode("utf-16-be") in raw]
