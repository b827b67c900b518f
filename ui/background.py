"""Long work off the window's thread (后台任务): a PDF, a conversion, a large import.

The work runs on a worker thread while a Chinese progress dialog offers 取消;
the window's event loop keeps turning, so it repaints and the clerk may go on
typing (the PDF dialog is not modal).  Every LibreOffice the work starts is
reported here (``model.converter.reporting_processes``) and killed with its
children on cancel; ``finished`` comes only once the worker has ended, so the
work's own clean-up (temporary folders, no half file) is done by then.

The work must not touch widgets nor the live report: give it a copy.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from model.converter import kill_tree, reporting_processes

SHOW_AFTER_MS = 300  # the progress dialog appears only for work that lasts


class Cancelled(Exception):
    """The clerk cancelled the work; nothing was written."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("Background", text)


class BackgroundJob(QObject):
    """One piece of work on a worker thread, with a progress dialog that can cancel it."""

    finished = Signal()  # in the window's thread, after the work returned, raised or was cancelled
    _ended = Signal()    # emitted by the worker thread

    def __init__(self, work: Callable[[BackgroundJob], Any], label: str, parent: QWidget,
                 modal: bool = False) -> None:
        super().__init__(parent)
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.running = False
        self._was_active: QWidget | None = None
        self._processes: list[subprocess.Popen] = []
        self._lock = threading.Lock()
        self.dialog = QProgressDialog(label, _tr("取消"), 0, 0, parent)
        self.dialog.setWindowTitle(_tr("请稍候"))
        self.dialog.setWindowModality(Qt.WindowModal if modal else Qt.NonModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._ended.connect(self._on_ended, Qt.QueuedConnection)

    def start(self) -> BackgroundJob:
        self.running = True
        threading.Thread(target=self._run, name="reportdesk-job", daemon=True).start()
        QTimer.singleShot(SHOW_AFTER_MS, self._show_if_running)  # quick work shows no dialog at all
        return self

    def _show_if_running(self) -> None:
        if self.running:
            self._was_active = QApplication.activeWindow()
            self.dialog.show()

    def _run(self) -> None:
        try:
            with reporting_processes(self.track):
                self.result = self._work(self)
        except BaseException as exc:  # noqa: BLE001 - handed to the window's thread, which says what happened
            self.error = exc
        finally:
            self._ended.emit()

    def track(self, process: subprocess.Popen) -> None:
        """A process the work started: killed on cancel (at once when cancel came first)."""
        with self._lock:
            self._processes.append(process)
            late = self.cancelled
        if late:
            kill_tree(process)

    def check(self) -> None:
        """For work in Python: stop here when the clerk cancelled."""
        if self.cancelled:
            raise Cancelled

    def cancel(self) -> None:
        if not self.running or self.cancelled:
            return
        with self._lock:
            self.cancelled = True
            processes = list(self._processes)
        self.dialog.setLabelText(_tr("正在取消……"))
        for process in processes:
            kill_tree(process)

    def _on_ended(self) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self.cancel)
        if self.dialog.isVisible():
            self.dialog.hide()
            if self._was_active is not None:  # back to the window the clerk was in, as a closed dialog does
                self._was_active.activateWindow()
        self.dialog.deleteLater()
        self.finished.emit()

    def outcome(self) -> Any:
        """The work's result; raises Cancelled when the clerk cancelled (even if the work got to its end)."""
        if self.cancelled:
            raise Cancelled
        if self.error is not None:
            raise self.error
        return self.result

    def wait(self) -> Any:
        """Turn the event loop (the window keeps painting) until the work ended; its ``outcome()``."""
        if self.running:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            loop.exec()
        return self.outcome()


def run_with_progress(parent: QWidget, label: str, work: Callable[[BackgroundJob], Any]) -> Any:
    """``work(job)`` on a worker thread behind a window-modal progress dialog; its result.

    For steps the clerk must wait for anyway (reading a draft before its
    review): the window repaints, and 取消 raises Cancelled here.
    """
    return BackgroundJob(work, label, parent, modal=True).start().wait()
