"""Hand the exported file to the system: open it, print it, make a PDF (打开 / 打印 / 导出 PDF).

Nothing here prints by itself: Windows uses the file's own program (Word or
WPS) through its print verb, Linux uses LibreOffice or lp.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from export.options import ExportError
from export.word import write_error
from model.converter import ConversionFailed, ConverterMissing, convert, find_soffice

NO_CONVERTER = ("未找到 LibreOffice/WPS 转换器，无法导出 PDF。请在 Word 中另存为 PDF。"
                " / LibreOffice was not found; save as PDF from Word instead.")
NO_PRINTER = ("未找到可用的打印程序（LibreOffice 或 lp）。请在 WPS 或 Word 中打开文件后打印。"
              " / No print handler found; open the file in WPS or Word and print from there.")


def _spawn(cmd: list[str]) -> None:
    """Start a helper without waiting for it; a missing program is an ExportError."""
    try:
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    except OSError as exc:
        raise ExportError(f"无法启动 {cmd[0]}：{exc.strerror or exc}。请手动打开文件。"
                          f" / Could not start {cmd[0]}.") from exc


def open_file(path: Path) -> None:
    """Open ``path`` in the program the system associates with it."""
    path = Path(path)
    if sys.platform == "win32":
        os.startfile(str(path))  # type: ignore[attr-defined]
    elif sys.platform == "darwin":
        _spawn(["open", str(path)])
    else:
        _spawn(["xdg-open", str(path)])


def print_file(path: Path) -> None:
    """Send ``path`` to the default printer: the file's own program on Windows, LibreOffice or lp on Linux."""
    path = Path(path)
    if sys.platform == "win32":
        os.startfile(str(path), "print")  # type: ignore[attr-defined]
        return
    if path.suffix.lower() == ".pdf" and shutil.which("lp"):
        _spawn(["lp", str(path)])
        return
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(NO_PRINTER, "print")
    # Its own throw-away profile: never disturbs a LibreOffice the clerk has open.
    profile = Path(tempfile.mkdtemp(prefix="reportdesk-print-lo-"))
    _spawn([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "-p", str(path)])


def to_pdf(docx: Path, pdf: Path) -> Path:
    """Convert ``docx`` to ``pdf`` with LibreOffice; a clear ExportError when it is missing or fails.

    LibreOffice writes into a temporary folder beside the target and the PDF is
    renamed over it, so an open or half-written PDF is never left behind.
    """
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
            raise ExportError(f"LibreOffice 未能生成 PDF：{exc}。请在 Word 中另存为 PDF。"
                              f" / LibreOffice could not make the PDF.", "converter") from exc
        try:
            os.replace(made, pdf)
        except OSError as exc:
            raise write_error(exc, pdf, "replace") from exc
    return pdf
