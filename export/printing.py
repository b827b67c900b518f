"""Hand the exported file to the system: open it, print it, make a PDF (打开 / 打印 / 导出 PDF).

Nothing here prints by itself: Windows hands the .docx to its own program
(Word or WPS) through the "printto" verb; Linux turns it into a PDF with
LibreOffice and gives that to CUPS (``lp -d PRINTER -n COPIES``).  A job counts
as sent only when the handler accepted it: lp's exit code and its "request
id", ShellExecute's answer above 32.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from export.options import ExportError
from model.converter import ConversionFailed, ConverterMissing, convert, find_soffice

NO_CONVERTER = ("未找到 LibreOffice/WPS 转换器，无法导出 PDF。请在 Word 中另存为 PDF。"
                " / LibreOffice was not found; save as PDF from Word instead.")
NO_PRINTER = "本机没有安装打印机。请先在系统设置中添加打印机，或把导出的 Word 文件拷到能打印的电脑上打印。"
NO_PRINT_SERVICE = ("本机没有安装系统打印服务，因此没有可用的打印机。请先在系统设置中安装打印机，"
                    "或把导出的 Word 文件拷到能打印的电脑上打印。")
NO_PRINT_HANDLER = "本机没有 LibreOffice，无法把报告交给打印机。请导出 Word 文件后在 WPS 或 Word 中打开并打印。"
JOB_REFUSED = "打印机“{printer}”没有接受打印任务（{why}）。请检查打印机是否开机、联网，或换一台打印机后重试。"


def how_to_open(path: Path) -> str:
    """What the clerk can do when the system will not open ``path``: a PDF is not a Word file."""
    if Path(path).suffix.lower() == ".pdf":
        return f"请用 PDF 阅读器（如 WPS 或浏览器）手动打开 {path}。"
    return f"请在 WPS 或 Word 中手动打开 {path}。"


def _spawn(cmd: list[str], path: Path) -> None:
    """Start a helper without waiting for it; a missing program is an ExportError."""
    try:
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    except OSError as exc:
        raise ExportError(f"无法启动打开文件的程序。{how_to_open(path)}"
                          f" / Could not start {cmd[0]}: {exc.strerror or exc}.") from exc


def open_file(path: Path) -> None:
    """Open ``path`` in the program the system associates with it."""
    path = Path(path)
    if sys.platform == "win32":
        os.startfile(str(path))  # type: ignore[attr-defined]
    elif sys.platform == "darwin":
        _spawn(["open", str(path)], path)
    else:
        _spawn(["xdg-open", str(path)], path)


# CUPS speaks the desktop's language ("请求 ID 是 …" on a Chinese desktop): its answers are read in English.
_C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}


@dataclass(frozen=True)
class PrintSetup:
    """The printers the clerk may choose from, and the one the system prints to by default."""

    printers: list[str]
    default: str = ""


def _lpstat(*args: str) -> str | None:
    """lpstat's output, "" when it answers nothing, None when there is no lpstat (no CUPS client)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return None
    try:
        done = subprocess.run([lpstat, *args], capture_output=True, text=True, timeout=20, check=False,
                              env=_C_LOCALE)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else ""


def print_setup(known: PrintSetup | None = None) -> PrintSetup:
    """The printers to offer; ExportError "no_printer" / "no_handler" when printing cannot work.

    ``known`` is the list the window already has (Windows: Qt's printer list);
    elsewhere CUPS is asked (``lpstat -a``, ``lpstat -d``), and a .docx needs
    LibreOffice to become a PDF that ``lp`` can print.
    """
    if known is None:
        if sys.platform == "win32":
            raise ExportError(NO_PRINTER, "no_printer")
        accepting = _lpstat("-a")
        if accepting is None or not shutil.which("lp"):
            raise ExportError(NO_PRINT_SERVICE, "no_printer")
        if find_soffice() is None:  # lp cannot read a .docx: LibreOffice makes the PDF it prints
            raise ExportError(NO_PRINT_HANDLER, "no_handler")
        default = (_lpstat("-d") or "").rpartition(":")[2].strip()
        known = PrintSetup([line.split()[0] for line in accepting.splitlines() if line.strip()],
                           "" if default.startswith("no system default") else default)
    if not known.printers:
        raise ExportError(NO_PRINTER, "no_printer")
    default = known.default if known.default in known.printers else known.printers[0]
    return PrintSetup(list(known.printers), default)


def lp_command(pdf: Path, printer: str, copies: int) -> list[str]:
    return [shutil.which("lp") or "lp", "-d", printer, "-n", str(max(1, copies)), str(pdf)]


def submit_to_lp(pdf: Path, printer: str, copies: int = 1) -> str:
    """Hand ``pdf`` to CUPS; the job id when lp accepted it ("request id is X-12"), else ExportError "refused"."""
    try:
        done = subprocess.run(lp_command(pdf, printer, copies),  # noqa: S603
                              capture_output=True, text=True, timeout=60, check=False, env=_C_LOCALE)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ExportError(NO_PRINT_HANDLER, "no_handler") from exc
    match = re.search(r"request id is (\S+)", done.stdout)
    if done.returncode != 0 or match is None:
        why = f"打印服务返回代码 {done.returncode}" if done.returncode else "打印服务没有给出任务编号"
        raise ExportError(JOB_REFUSED.format(printer=printer, why=why), "refused")
    return match.group(1)


def _shell_execute(verb: str, path: str, parameters: str | None) -> int:
    """Windows' ShellExecuteW: the file's own program (Word or WPS) runs ``verb``; > 32 means it started."""
    import ctypes

    return int(ctypes.windll.shell32.ShellExecuteW(None, verb, path, parameters, None, 0))  # type: ignore[attr-defined]


# ShellExecute's answers that mean no program takes the file (SE_ERR_NOASSOC, SE_ERR_ASSOCINCOMPLETE).
_NO_ASSOCIATION = (27, 31)


def print_on_windows(path: Path, printer: str, copies: int = 1,
                     shell_execute: Callable[[str, str, str | None], int] = _shell_execute) -> None:
    """Word or WPS prints ``path`` on ``printer`` ("printto" verb), once per copy; ExportError when refused.

    The verb has no copies argument: the job is handed over ``copies`` times.
    """
    for _ in range(max(1, copies)):
        code = shell_execute("printto", str(path), f'"{printer}"')
        if code in _NO_ASSOCIATION:
            raise ExportError(NO_PRINT_HANDLER, "no_handler")
        if code <= 32:
            raise ExportError(JOB_REFUSED.format(printer=printer, why=f"系统返回代码 {code}"), "refused")


def to_pdf(docx: Path, pdf: Path) -> Path:
    """Convert ``docx`` to ``pdf`` with LibreOffice; a clear ExportError when it is missing or fails.

    LibreOffice writes into a temporary folder beside the target and the PDF is
    renamed over it, so an open or half-written PDF is never left behind.
    """
    from export.word import write_error  # python-docx loads with the first export, not with the window

    docx, pdf = Path(docx), Path(pdf)
    try:
        work = tempfile.TemporaryDirectory(prefix=".reportdesk-pdf-", dir=pdf.parent)
    except OSError as exc:
        raise write_error(exc, pdf, "create") from exc
    with work as out:
        try:
            made = convert(docx, "pdf", Path(out))
        except ConverterMissing as exc:
            raise ExportError(NO_CONVERTER, "converter") from exc
        except ConversionFailed as exc:
            raise ExportError("LibreOffice 未能生成 PDF。请在 Word 中打开导出的文件，另存为 PDF。"
                              f" / LibreOffice could not make the PDF: {exc}.", "converter") from exc
        try:
            os.replace(made, pdf)
        except OSError as exc:
            raise write_error(exc, pdf, "replace") from exc
    return pdf


def print_document(docx: Path, printer: str, copies: int = 1) -> str:
    """Print ``docx`` on ``printer``: the job id ("" on Windows, where Word or WPS takes it), or ExportError.

    On Linux the PDF is made beside ``docx`` (its folder is the caller's temporary
    one) and handed to lp.
    """
    docx = Path(docx)
    if sys.platform == "win32":
        print_on_windows(docx, printer, copies)
        return ""
    pdf = to_pdf(docx, docx.with_suffix(".pdf"))
    return submit_to_lp(pdf, printer, copies)
