"""LibreOffice, when the PC has it: legacy drafts to .docx, .docx to PDF (转换器).

Runs soffice headless with a throw-away profile, so a LibreOffice the clerk
has open is never disturbed and a broken profile never blocks us.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from model.errors import ReportDeskError

_WINDOWS_DIRS = (
    r"C:\Program Files\LibreOffice\program",
    r"C:\Program Files (x86)\LibreOffice\program",
)


class ConverterMissing(ReportDeskError):
    """No LibreOffice on this PC."""


class ConversionFailed(ReportDeskError):
    """LibreOffice ran but gave no file."""


def find_soffice() -> str | None:
    """The soffice executable: on PATH, or in LibreOffice's usual Windows folders."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for folder in _WINDOWS_DIRS:
            exe = Path(folder) / "soffice.exe"
            if exe.exists():
                return str(exe)
    return None


def convert(source: Path, fmt: str, out_dir: Path, timeout: float = 120) -> Path:
    """Convert ``source`` to ``fmt`` ("docx", "pdf") inside ``out_dir``; the new file's path."""
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissing(str(source))
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportdesk-lo-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--norestore", "--convert-to", fmt,
            "--outdir", str(out_dir), str(source),
        ]
        env = dict(os.environ)
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed(f"soffice timed out after {timeout:.0f} s") from exc
    result = out_dir / (source.stem + "." + fmt)
    if not result.exists():
        raise ConversionFailed(f"soffice produced no {fmt} for {source.name}")
    return result
