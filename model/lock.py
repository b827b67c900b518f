"""One writer per store: a lock file in the data folder (窗口锁).

The window holds it while it is open, and each writing command of the
command line (``import``, ``rollover`` …) while it runs, so a window opened
during an import is refused as surely as an import started under a window.
The lock is the operating system's own (``fcntl.flock`` on Linux and macOS,
``msvcrt.locking`` on Windows), so it dies with the process: a window killed
by a crash or a power cut leaves a stale file that the next taker simply
takes over.  The holder writes its pid and what it is ("window", or the
command's name) into the file, only for the message.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from model.errors import StoreError, StoreReadOnly

LOCK_NAME = "reportdesk.lock"
WINDOW = "window"
COMMAND_WAIT_S = 30.0  # how long a command waits for another command (never for a window) before giving up
_WIN_LOCK_OFFSET = 1 << 20  # Windows locks bytes; lock one far from the pid so the pid stays readable
_RECORD = 64  # bytes of "pid what" at the start of the file


class StoreLocked(StoreError):
    """Another live ReportDesk program holds the data folder: a window, or a command of the command line.

    ``what`` is "window" or the command's name ("import"); a lock file
    written before commands held the lock says nothing, and was a window's.
    """

    def __init__(self, folder: Path, pid: int | None = None, what: str = WINDOW) -> None:
        self.folder = folder
        self.pid = pid
        self.what = what or WINDOW
        who = f"，进程 {pid}" if pid else ""
        if self.by_window:
            text = (f"报告正在另一个窗口中打开（数据文件夹 {folder}{who}）。请切换到那个窗口，或先关闭它。"
                    f" / The report is open in another window.")
        else:
            text = (f"数据正被另一个 ReportDesk 程序使用：命令行命令 {self.what} 正在写入（数据文件夹 {folder}{who}）。"
                    f"请等它结束后再试。 / The data is in use by a ReportDesk command ({self.what}); try again when it ends.")
        super().__init__(text)

    @property
    def by_window(self) -> bool:
        return self.what == WINDOW


@dataclass(frozen=True)
class Holder:
    """Who holds a data folder: its pid (None when unreadable) and what it is ("window" or a command's name)."""

    pid: int | None
    what: str = WINDOW


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_holder(fd: int) -> Holder:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        words = os.read(fd, _RECORD).decode("utf-8", "replace").split()
    except OSError:
        return Holder(None)
    pid = int(words[0]) if words and words[0].isdigit() else None
    return Holder(pid, " ".join(words[1:]) or WINDOW)  # a command's name may have two words ("fields import")


class WindowLock:
    """The data folder's lock; ``acquire`` once when the window opens (or a writing command starts), ``release`` at the end.

    ``what`` says who holds it, for the message another taker gets:
    "window", or the command's name.
    """

    def __init__(self, folder: Path, what: str = WINDOW) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.what = what
        self._fd: int | None = None

    def acquire(self, wait_for_commands: float = 0.0) -> None:
        """Hold the folder; StoreLocked when another live process holds it (a stale lock is taken over).

        A holder that is a command is waited for up to ``wait_for_commands``
        seconds (commands started together take turns); a window never is.
        """
        if self._fd is not None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreReadOnly(self.folder, str(exc.strerror or exc)) from exc
        deadline = time.monotonic() + wait_for_commands
        while not _try_lock(fd):
            holder = _read_holder(fd)
            if holder.what == WINDOW or time.monotonic() >= deadline:
                os.close(fd)
                raise StoreLocked(self.folder, holder.pid, holder.what)
            time.sleep(0.05)
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()} {self.what}\n".encode()[:_RECORD].ljust(_RECORD))
        except OSError:
            pass  # the pid is only for the message; the lock itself is held
        self._fd = fd

    def release(self) -> None:
        """Let the folder go (the file stays: deleting a lock file races with the next taker)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, b" " * _RECORD)
            _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __enter__(self) -> WindowLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def holder_of(folder: Path) -> Holder | None:
    """Who holds ``folder`` now (a live window or command), else None."""
    path = Path(folder) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR if sys.platform == "win32" else os.O_RDONLY)
    except OSError:
        return None  # no lock file (or unreadable): nobody has ever held this folder
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _read_holder(fd)
    finally:
        os.close(fd)


def window_holding(folder: Path) -> int | None:
    """The pid of a live window holding ``folder`` (0 when its pid is unreadable), else None (a command is no window)."""
    holder = holder_of(folder)
    return None if holder is None or holder.what != WINDOW else holder.pid or 0
