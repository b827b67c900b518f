"""Export, PDF and print as the clerk goes through them (导出 Word / 导出 PDF / 打印).

The window owns the actions; this object asks (options, file name, another
name after a failure), calls the writers in ``export/`` and says what went
wrong in Chinese, never with a traceback.  The writers are imported only when
an action runs, so the window opens fast.
"""

from __future__ import annotations

import contextlib
import datetime
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ui import settings as keys

if TYPE_CHECKING:
    from export.word import ExportError, ExportOptions
    from model.report import Report
    from ui.main_window import MainWindow

# Failures another file name can cure; any other reason is only explained.
RETRY_REASONS = ("locked", "readonly", "full")


class ExportFlow(QObject):
    """The export steps of one window; remembers the options chosen per report for this session."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._chosen: dict[int, ExportOptions] = {}

    # -- the three actions -----------------------------------------------------------

    def export_word(self) -> Path | None:
        """Options, file name, write (another name if that one fails), then open/print; None when not written."""
        report = self.window.ready_report()
        if report is None:
            return None
        options = self.ask_options(report, self.tr("导出 Word…"))
        if options is None:
            return None
        suggested = self._suggested(report, ".docx")
        while True:
            path = self._ask_path(suggested, self.tr("导出 Word 文件"), self.tr("Word 文件 (*.docx)"), ".docx")
            if path is None:
                return None
            error = self._write(report, path, options)
            if error is None:
                break
            if error.reason not in RETRY_REASONS:
                self._fail(self.tr("导出失败"), str(error))
                return None
            if not self._ask_retry(str(error)):
                return None
            suggested = str(path)
        self._finished(path)
        return path

    def export_pdf(self) -> Path | None:
        """The Word file made in a temporary folder, then converted by LibreOffice; None when not written."""
        from export.printing import to_pdf
        from export.word import ExportError, export_docx

        report = self.window.ready_report()
        if report is None:
            return None
        options = self.ask_options(report, self.tr("导出 PDF…"))
        if options is None:
            return None
        path = self._ask_path(self._suggested(report, ".pdf"), self.tr("导出 PDF 文件"),
                              self.tr("PDF 文件 (*.pdf)"), ".pdf")
        if path is None:
            return None
        with _busy(), tempfile.TemporaryDirectory(prefix="reportdesk-pdf-") as folder:
            try:
                docx = export_docx(report, Path(folder) / f"{safe_name(report.title)}.docx", options)
                to_pdf(docx, path)
            except ExportError as exc:
                self._fail(self.tr("导出 PDF 失败"), str(exc))
                return None
        self._finished(path)
        return path

    def print_report(self) -> Path | None:
        """Written with the current options to a temporary file, handed to the print handler; that file or None."""
        from export.word import ExportError, export_docx

        report = self.window.ready_report()
        if report is None:
            return None
        # Not deleted here: the print handler reads the file after this returns.
        folder = Path(tempfile.mkdtemp(prefix="reportdesk-print-"))
        try:
            written = export_docx(report, folder / f"{safe_name(report.title)}.docx", self.current_options(report))
        except ExportError as exc:
            self._fail(self.tr("打印失败"), str(exc))
            return None
        if not self.hand_to_system(written, "print"):
            return None
        self.window.statusBar().showMessage(self.tr("已发送到打印程序"), 8000)
        return written

    # -- options ----------------------------------------------------------------------

    def current_options(self, report: Report) -> ExportOptions:
        """This session's choice for ``report``, else the remembered settings with today's date."""
        from export.word import BLANK_MODES, ExportOptions

        if report.id in self._chosen:
            return self._chosen[report.id]
        settings = self.window.settings
        mode = settings.value(keys.BLANK_MODE)
        return ExportOptions(blank_mode=mode if mode in BLANK_MODES else "highlight",
                             end_block=bool(settings.value(keys.END_BLOCK)),
                             organisation=report.organisation, date=datetime.date.today())

    def ask_options(self, report: Report, accept_text: str) -> ExportOptions | None:
        """The export dialog; None when cancelled, stopped on blanks, or the clerk went to fix a problem."""
        from export import fonts
        from model.checks import readiness
        from ui.export_dialog import ExportDialog, stop_message

        problems = readiness(report)
        dialog = ExportDialog(problems, self.current_options(report), fonts.missing_official_fonts(),
                              accept_text, self.window)
        accepted = dialog.exec() == QDialog.Accepted
        if dialog.chosen_problem is not None:
            self.window.show_checks()
            self.window.go_to_problem(dialog.chosen_problem)
            return None
        if not accepted:
            return None
        options = dialog.options()
        self._remember(report, options)
        stopped = stop_message(problems) if options.blank_mode == "stop" else ""
        if stopped:
            self._fail(self.tr("未导出"), stopped, QMessageBox.Warning)
            return None
        return options

    def _remember(self, report: Report, options: ExportOptions) -> None:
        self._chosen[report.id] = options
        settings = self.window.settings
        settings.set_value(keys.BLANK_MODE, options.blank_mode)
        settings.set_value(keys.END_BLOCK, options.end_block)

    # -- asking and telling ----------------------------------------------------------------

    def _suggested(self, report: Report, suffix: str) -> str:
        folder = self.window.settings.value(keys.EXPORT_DIR) or documents_dir()
        return str(Path(folder) / f"{safe_name(report.title)}{suffix}")

    def _ask_path(self, suggested: str, title: str, filters: str, suffix: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggested, filters)
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    @staticmethod
    def _write(report: Report, path: Path, options: ExportOptions) -> ExportError | None:
        from export.word import ExportError, export_docx

        try:
            export_docx(report, path, options)
        except ExportError as exc:
            return exc
        return None

    def _fail(self, title: str, message: str, icon=QMessageBox.Critical) -> None:
        QMessageBox(icon, title, message, QMessageBox.Ok, self.window).exec()

    def _ask_retry(self, error: str) -> bool:
        box = QMessageBox(QMessageBox.Critical, self.tr("导出失败"), error, QMessageBox.NoButton, self.window)
        retry = box.addButton(self.tr("另选文件名…"), QMessageBox.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.RejectRole)
        box.exec()
        return box.clickedButton() is retry

    def _finished(self, path: Path) -> None:
        self.window.session.keep_version("export")  # 版本: what was handed out can always be found again
        self.window.settings.set_value(keys.EXPORT_DIR, str(path.parent))
        self.window.statusBar().showMessage(self.tr("已导出 {path}").format(path=path), 8000)
        self._after_export(path, self._ask_after_export(path))

    def _ask_after_export(self, path: Path) -> str:
        box = QMessageBox(QMessageBox.Information, self.tr("导出完成"),
                          self.tr("已导出：{path}").format(path=path), QMessageBox.NoButton, self.window)
        choices = {box.addButton(self.tr("打开"), QMessageBox.AcceptRole): "open",
                   box.addButton(self.tr("打印"), QMessageBox.ActionRole): "print",
                   box.addButton(self.tr("打开所在文件夹"), QMessageBox.ActionRole): "folder"}
        box.addButton(self.tr("关闭"), QMessageBox.RejectRole)
        box.exec()
        return choices.get(box.clickedButton(), "")

    def _after_export(self, path: Path, choice: str) -> None:
        if choice == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        elif choice in ("open", "print"):
            self.hand_to_system(path, choice)

    def hand_to_system(self, path: Path, choice: str) -> bool:
        """Open or print ``path`` with the system's programs; a Chinese message when that fails."""
        from export.printing import open_file, print_file
        from export.word import ExportError

        what = self.tr("打印") if choice == "print" else self.tr("打开")
        try:
            (print_file if choice == "print" else open_file)(path)
        except ExportError as exc:  # already says what to do
            self._fail(self.tr("无法{what}").format(what=what), str(exc), QMessageBox.Warning)
            return False
        except Exception as exc:  # noqa: BLE001 - the OS's viewer or printer can fail in any way
            self._fail(self.tr("无法{what}").format(what=what), self.tr(
                "未能{what}文件（{error}）。请在 WPS 或 Word 中打开 {path} 后再{what}。").format(
                what=what, error=exc, path=path), QMessageBox.Warning)
            return False
        return True


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    """The wait cursor while LibreOffice works (a second or two)."""
    QGuiApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)


def safe_name(title: str) -> str:
    """A file name from the report's title: no characters Windows refuses."""
    name = "".join("_" if c in '\\/:*?"<>|' else c for c in title).strip(" .")
    return name or "报告"
