"""LibreOffice, when the PC has it: legacy drafts to .docx, .docx to PDF (转换器).

Runs soffice headless with a throw-away profile, so a LibreOffice the clerk
has open is never disturbed and a broken profile never blocks us.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
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


# Who is told of each soffice started in this thread (or task): the window's background job,
# which kills it when the clerk cancels.  Set with ``reporting_processes``; nobody by default.
_started: ContextVar[Callable[[subprocess.Popen], None] | None] = ContextVar("soffice_started", default=None)


@contextlib.contextmanager
def reporting_processes(callback: Callable[[subprocess.Popen], None]) -> Iterator[None]:
    """Within this block (this thread only), every soffice started is first handed to ``callback``."""
    token = _started.set(callback)
    try:
        yield
    finally:
        _started.reset(token)


def convert(source: Path, fmt: str, out_dir: Path, timeout: float = 120) -> Path:
    """Convert ``source`` to ``fmt`` ("docx", "pdf") inside ``out_dir``; the new file's path.

    A run killed on cancel (see ``reporting_processes``, ``kill_tree``) gives no file: ConversionFailed.
    """
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
        _run_soffice(cmd, timeout, _started.get())
    result = out_dir / (source.stem + "." + fmt)
    if not result.exists():
        raise ConversionFailed(f"soffice produced no {fmt} for {source.name}")
    return result


def _run_soffice(cmd: list[str], timeout: float, started: Callable[[subprocess.Popen], None] | None) -> None:
    # Its own process group: soffice is a script that starts soffice.bin, and a cancel must end both.
    group = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32" else {
        "start_new_session": True}
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,  # noqa: S603
                          env=dict(os.environ), **group) as proc:
        if started is not None:
            started(proc)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            kill_tree(proc)
            raise ConversionFailed(f"soffice timed out after {timeout:.0f} s") from exc
    if getattr(proc, "stopped", False) or proc.returncode < 0:  # killed: what it wrote is half a file
        raise ConversionFailed("soffice was stopped before it finished")


def kill_tree(proc: subprocess.Popen) -> None:
    """End soffice and what it started (its process group); waits, so its files can then be removed."""
    if proc.poll() is not None:
        return
    proc.stopped = True  # type: ignore[attr-defined]  # read by _run_soffice: no result from a killed run
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        proc.kill()
    proc.wait()
