"""Export, PDF and print as the clerk goes through them (导出 Word / 导出 PDF / 打印).

The window owns the actions; this object asks (options, file name, another
name after a failure), calls the writers in ``export/`` and says what went
wrong in Chinese, never with a traceback.  It never calls into the window: it
is given the settings and a way to get the saved report, and tells the window
through signals (a problem to go to, a status line, a file exported).  The
writers are imported only when an action runs, so the window opens fast.
"""

from __future__ import annotations

import copy
import datetime
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from export.options import BLANK_MODES, HIGHLIGHT, STOP, ExportError, ExportOptions
from export.title import single_line
from model.report import Report
from ui import settings as keys
from ui.background import BackgroundJob, Cancelled
from ui.qt_chinese import chinese_only
from ui.settings import Settings

if TYPE_CHECKING:  # the printing modules load with the first print, not with the window
    from export.printing import PrintSetup

# Failures another file name can cure; any other reason is only explained.
RETRY_REASONS = ("locked", "readonly", "full")


class ExportFlow(QObject):
    """The export steps of one window; remembers the options chosen per report for this session.

    ``ready_report`` gives the open report with every pending edit saved (None: no report).
    """

    problem_chosen = Signal(object)  # a Problem the clerk clicked in the export dialog: go and fix it
    status_message = Signal(str)     # one line for the status bar
    exported = Signal(object)        # the Path of every file an export wrote (Word or PDF)

    def __init__(self, parent: QWidget, settings: Settings, ready_report: Callable[[], Report | None]) -> None:
        super().__init__(parent)
        self.window = parent  # the parent of every dialog, nothing more
        self.settings = settings
        self.ready_report = ready_report
        self._chosen: dict[int, ExportOptions] = {}
        # 这是对的 in the dialog before export and print: the window's (ui.window_docks), shared with the 检查 dock
        self.dismissals = getattr(parent, "dismissals", None)
        self.job: BackgroundJob | None = None  # the PDF or print running (or the last one)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel_job)

    # -- the three actions -----------------------------------------------------------

    def export_word(self) -> Path | None:
        """Options, file name, write (another name if that one fails), then open/print; None when not written."""
        report = self.ready_report()
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

    def export_pdf(self) -> BackgroundJob | None:
        """Options and file name, then the Word file and LibreOffice's PDF on a worker thread; the job or None."""
        report = None if self._still_busy() else self.ready_report()
        if report is None:
            return None
        options = self.ask_options(report, self.tr("导出 PDF…"))
        if options is None:
            return None
        path = self._ask_path(self._suggested(report, ".pdf"), self.tr("导出 PDF 文件"),
                              self.tr("PDF 文件 (*.pdf)"), ".pdf")
        if path is None:
            return None
        snapshot = copy.deepcopy(report)  # the clerk goes on typing while LibreOffice works
        job = self._start(lambda job: make_pdf(snapshot, path, options),
                          self.tr("正在用 LibreOffice 生成 PDF，可继续编辑……"))
        job.finished.connect(lambda: self._pdf_done(job, path))
        return job

    def _pdf_done(self, job: BackgroundJob, path: Path) -> None:
        try:
            job.outcome()
        except Cancelled:
            if isinstance(job.result, Path):  # LibreOffice got there just before the click: cancelled is cancelled
                job.result.unlink(missing_ok=True)
            self.status_message.emit(self.tr("已取消导出 PDF，未生成文件"))
            return
        except ExportError as exc:
            self._fail(self.tr("导出 PDF 失败"), str(exc))
            return
        self._finished(path)

    def print_report(self) -> BackgroundJob | None:
        """Readiness and options, then printer and copies, then the job on a worker thread; None when not sent."""
        from export.word import export_docx

        report = None if self._still_busy() else self.ready_report()
        if report is None:
            return None
        setup = self._print_setup()
        if setup is None:
            return None
        options = self.ask_options(report, self.tr("打印…"), self.tr("未打印"))
        if options is None:
            return None
        from ui.print_dialog import PrintDialog

        choice = PrintDialog(setup, self.window).ask()
        if choice is None:
            return None
        snapshot, name = copy.deepcopy(report), f"{safe_name(report.title)}.docx"
        return self._print(lambda folder: export_docx(snapshot, folder / name, options), *choice)

    def print_file(self, path: Path) -> BackgroundJob | None:
        """An exported file printed as it is: printer and copies asked, then the job; None when not sent."""
        setup = None if self._still_busy() else self._print_setup()
        from ui.print_dialog import PrintDialog

        choice = PrintDialog(setup, self.window).ask() if setup else None
        if choice is None:
            return None
        return self._print(lambda folder: Path(shutil.copyfile(path, folder / path.name)), *choice)

    def _print_setup(self) -> PrintSetup | None:
        from export.printing import print_setup
        from ui.print_dialog import system_printers

        try:
            return print_setup(system_printers())
        except ExportError as exc:
            self._fail(self.tr("无法打印"), str(exc), QMessageBox.Warning)
            return None

    def _print(self, make_docx: Callable[[Path], Path], printer: str, copies: int) -> BackgroundJob:
        job = self._start(lambda job: print_job(make_docx, printer, copies),
                          self.tr("正在发送到打印机 {printer}……").format(printer=printer))
        job.finished.connect(lambda: self._print_done(job, printer, copies))
        return job

    def _print_done(self, job: BackgroundJob, printer: str, copies: int) -> None:
        try:
            job.outcome()
        except Cancelled:
            self.status_message.emit(self.tr("已取消打印"))
            return
        except ExportError as exc:
            self._fail(self.tr("无法打印"), str(exc), QMessageBox.Warning)
            return
        self.status_message.emit(self.tr("已发送到打印机 {printer}（{copies} 份）").format(
            printer=printer, copies=copies))

    # -- background ---------------------------------------------------------------------

    def _start(self, work: Callable[[BackgroundJob], object], label: str) -> BackgroundJob:
        self.job = BackgroundJob(work, label, self.window)
        return self.job.start()

    def _still_busy(self) -> bool:
        """One PDF or print at a time: a second click while one runs is told to wait."""
        busy = self.job is not None and self.job.running
        if busy:
            self.status_message.emit(self.tr("上一项导出或打印尚未完成，请稍候"))
        return busy

    def cancel_job(self) -> None:
        """The program is quitting: no LibreOffice is left running."""
        if self.job is not None:
            self.job.cancel()

    # -- options ----------------------------------------------------------------------

    def current_options(self, report: Report) -> ExportOptions:
        """This session's choice for ``report``, else the remembered settings with today's date."""
        if report.id in self._chosen:
            return self._chosen[report.id]
        settings = self.settings
        mode = settings.value(keys.BLANK_MODE)
        return ExportOptions(blank_mode=mode if mode in BLANK_MODES else HIGHLIGHT,
                             end_block=bool(settings.value(keys.END_BLOCK)),
                             organisation=report.organisation, date=datetime.date.today())

    def ask_options(self, report: Report, accept_text: str, stopped_title: str = "") -> ExportOptions | None:
        """The export dialog; None when cancelled, stopped on blanks, or the clerk went to fix a problem."""
        from export import fonts
        from model.checks import readiness
        from ui.export_dialog import ExportDialog, stop_message

        dismissals = self.dismissals
        problems = readiness(report, dismissals.keys() if dismissals is not None else ())
        dialog = ExportDialog(problems, self.current_options(report), fonts.missing_official_fonts(),
                              accept_text, self.window, dismissals)
        accepted = dialog.exec() == QDialog.Accepted
        if dialog.chosen_problem is not None:
            self.problem_chosen.emit(dialog.chosen_problem)
            return None
        if not accepted:
            return None
        options = dialog.options()
        self._remember(report, options)
        stopped = stop_message(problems) if options.blank_mode == STOP else ""
        if stopped:
            self._fail(stopped_title or self.tr("未导出"), stopped, QMessageBox.Warning)
            return None
        return options

    def _remember(self, report: Report, options: ExportOptions) -> None:
        self._chosen[report.id] = options
        settings = self.settings
        settings.set_value(keys.BLANK_MODE, options.blank_mode)
        settings.set_value(keys.END_BLOCK, options.end_block)

    # -- asking and telling ----------------------------------------------------------------

    def _suggested(self, report: Report, suffix: str) -> str:
        folder = self.settings.value(keys.EXPORT_DIR) or documents_dir()
        return str(Path(folder) / f"{safe_name(report.title)}{suffix}")

    def _ask_path(self, suggested: str, title: str, filters: str, suffix: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggested, filters)
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    @staticmethod
    def _write(report: Report, path: Path, options: ExportOptions) -> ExportError | None:
        from export.word import export_docx

        try:
            export_docx(report, path, options)
        except ExportError as exc:
            return exc
        return None

    def _fail(self, title: str, message: str, icon=QMessageBox.Critical) -> None:
        QMessageBox(icon, title, chinese_only(message), QMessageBox.Ok, self.window).exec()

    def _ask_retry(self, error: str) -> bool:
        box = QMessageBox(QMessageBox.Critical, self.tr("导出失败"), chinese_only(error), QMessageBox.NoButton,
                          self.window)
        retry = box.addButton(self.tr("另选文件名…"), QMessageBox.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.RejectRole)
        box.exec()
        return box.clickedButton() is retry

    def _finished(self, path: Path) -> None:
        self.settings.set_value(keys.EXPORT_DIR, str(path.parent))
        self.status_message.emit(self.tr("已导出 {path}").format(path=path))
        self.export_finished(path)
        self._after_export(path, self._ask_after_export(path))

    def export_finished(self, path: Path) -> None:
        """The one place every written export passes (Word and PDF): keep a version here."""
        self.exported.emit(path)

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
        if choice == "folder" and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
            self._fail(self.tr("无法打开文件夹"), self.tr("系统未能打开文件夹。文件保存在：{folder}").format(
                folder=path.parent), QMessageBox.Warning)
        elif choice == "print":
            self.print_file(path)
        elif choice == "open":
            self.open_file(path)

    def open_file(self, path: Path) -> bool:
        """Open ``path`` in the system's program for it; a Chinese message when that fails."""
        from export.printing import how_to_open, open_file

        try:
            open_file(path)
        except ExportError as exc:  # already says what to do
            self._fail(self.tr("无法打开"), str(exc), QMessageBox.Warning)
            return False
        except Exception:  # noqa: BLE001 - the OS's viewer can fail in any way, and says so in English
            self._fail(self.tr("无法打开"), self.tr("系统未能打开该文件。") + how_to_open(path), QMessageBox.Warning)
            return False
        return True


def make_pdf(report: Report, path: Path, options: ExportOptions) -> Path:
    """The Word file in a temporary folder, LibreOffice's PDF renamed over ``path`` (worker thread)."""
    from export.printing import to_pdf
    from export.word import export_docx

    with tempfile.TemporaryDirectory(prefix="reportdesk-pdf-") as folder:
        docx = export_docx(report, Path(folder) / f"{safe_name(report.title)}.docx", options)
        return to_pdf(docx, path)


def print_job(make_docx: Callable[[Path], Path], printer: str, copies: int) -> str:
    """The file to print made in a temporary folder and handed over; the job id (worker thread).

    The folder goes once lp has its own copy; on Windows it stays, Word or WPS reads it later.
    """
    from export.printing import print_document

    folder = Path(tempfile.mkdtemp(prefix="reportdesk-print-"))
    keep = False
    try:
        job = print_document(make_docx(folder), printer, copies)
        keep = sys.platform == "win32"
        return job
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)


def safe_name(title: str) -> str:
    """A file name from the report's title: no characters Windows refuses."""
    name = "".join("_" if c in '\\/:*?"<>|' else c for c in single_line(title)).strip(" .")
    return name or "报告"
