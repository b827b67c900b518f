"""The real window in child processes: two windows on one folder, and a window killed while the clerk types.

The child is tests/typing_window.py: ``ui.app.run`` as ``main.py`` starts it,
typing into the first body by itself and printing each keystroke and save.
Under a real X server (one Xvfb for the module, when installed) the child uses
xcb; otherwise it runs offscreen.  One server rather than ``xvfb-run -a`` per
child: two xvfb-run started at once race for a display and exit 5.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from model.paths import DB_NAME  # noqa: E402
from model.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "typing_window.py"
TEXT = ("今年全局上下认真落实各项决策部署工作任务圆满完成群众满意度持续提升各项指标均创新高"
        "下一步将继续巩固成果补齐短板推动高质量发展")  # 62 characters

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and Xvfb are POSIX")
_DISPLAY: str | None = None  # the module's X server, when Xvfb is installed


@pytest.fixture(scope="module", autouse=True)
def x_server():
    """One Xvfb for every child of this module; its display number comes back through -displayfd."""
    global _DISPLAY
    if not shutil.which("Xvfb"):
        yield None
        return
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    _DISPLAY = f":{number.decode().strip()}" if number.strip() else None
    try:
        yield _DISPLAY
    finally:
        _DISPLAY = None
        server.terminate()
        server.wait(10)


def _command(*args: str) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    command = [sys.executable, *args]
    if _DISPLAY:
        env["QT_QPA_PLATFORM"] = "xcb"
        env["DISPLAY"] = _DISPLAY
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return command, env


class Child:
    """A typing window in its own process; its stdout lines arrive with the time they were read."""

    def __init__(self, folder: Path, interval: int, quit_at_end: bool = False) -> None:
        extra = ["--quit"] if quit_at_end else []
        command, env = _command(str(DRIVER), str(folder), TEXT, "--interval", str(interval), *extra)
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                     text=True, encoding="utf-8", start_new_session=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), line.strip()))
        self.lines.put((time.monotonic(), "<eof>"))

    def until(self, wanted, timeout: float = 30.0) -> list[tuple[float, str]]:
        """Lines up to and including the first that ``wanted`` accepts."""
        seen, end = [], time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the window never said what was wanted; it said {seen[-5:]}")
            at, line = self.lines.get(timeout=left)
            seen.append((at, line))
            if wanted(line):
                return seen
            if line == "<eof>":
                raise AssertionError(f"the window ended: {self.proc.wait()} {self.proc.stderr.read()[-2000:]}")

    def kill(self) -> float:
        os.killpg(self.proc.pid, signal.SIGKILL)
        at = time.monotonic()
        self.proc.wait(timeout=10)
        return at

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        self.proc.stdout.close()
        self.proc.stderr.close()


def typed_body(folder: Path, node_id: int) -> str:
    store = Store(folder / DB_NAME)
    try:
        report = store.load_report(store.list_reports()[0].id)
        return next(n for n in report.walk() if n.id == node_id).body
    finally:
        store.close()


def test_a_window_killed_while_typing_keeps_all_but_the_last_second(tmp_path):
    folder = tmp_path / "data"
    child = Child(folder, interval=40)
    try:
        lines = child.until(lambda line: line.startswith("node "))
        pragmas = next(line for _, line in lines if line.startswith("pragmas")).split()
        platform = next(line for _, line in lines if line.startswith("platform")).split()[1]
        assert platform == ("xcb" if _DISPLAY else "offscreen")  # a real X server when there is one
        node_id = int(lines[-1][1].split()[1])
        lines = child.until(lambda line: line == "typed 50")  # killed mid-burst, right after a keystroke
        killed = child.kill()
    finally:
        child.close()
    keystrokes = [(at, int(line.split()[1])) for at, line in lines if line.startswith("typed ")]
    assert killed - keystrokes[-1][0] < 0.5
    owed = max((n for at, n in keystrokes if at <= killed - 1.0), default=0)
    assert owed >= 10  # the test typed long enough to mean something
    body = typed_body(folder, node_id)
    start = body.find(TEXT[0])
    kept = body[start:]
    assert TEXT.startswith(kept) and len(kept) >= owed  # everything typed up to a second before the kill
    assert pragmas[1:] == ["wal", "2"]  # the window's own connection: WAL, synchronous = FULL
    store = Store(folder / DB_NAME)
    try:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        store.close()


def test_a_second_window_on_the_folder_exits_2_and_the_first_keeps_saving(tmp_path):
    folder = tmp_path / "data"
    first = Child(folder, interval=60, quit_at_end=True)
    try:
        lines = first.until(lambda line: line.startswith("node "))
        node_id = int(lines[-1][1].split()[1])
        first.until(lambda line: line == "typed 5")
        command, env = _command(str(ROOT / "main.py"), "--data-dir", str(folder), "--quit-after-show")
        second = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
        assert second.returncode == 2
        message = [line for line in second.stderr.splitlines() if "另一个窗口" in line]
        assert message and "/ The report is open in another window." in message[0]
        first.until(lambda line: line.startswith("saved "))  # the first window saves on
        first.until(lambda line: line == f"typed {len(TEXT)}")
        first.until(lambda line: line == "<eof>")
        assert first.proc.wait(timeout=30) == 0
    finally:
        first.close()
    assert typed_body(folder, node_id).endswith(TEXT)  # nothing of the first window's typing was lost
