"""One window per store: a lock file in the data folder (窗口锁).

The lock is the operating system's own (``fcntl.flock`` on Linux and macOS,
``msvcrt.locking`` on Windows), so it dies with the process: a window killed
by a crash or a power cut leaves a stale file that the next window simply
takes over.  The holder's pid is written into the file, only for the message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from model.errors import StoreError, StoreReadOnly

LOCK_NAME = "reportdesk.lock"
_WIN_LOCK_OFFSET = 1 << 20  # Windows locks bytes; lock one far from the pid so the pid stays readable


class StoreLocked(StoreError):
    """Another live window holds the data folder."""

    def __init__(self, folder: Path, pid: int | None = None) -> None:
        self.folder = folder
        self.pid = pid
        who = f"，进程 {pid}" if pid else ""
        super().__init__(
            f"报告正在另一个窗口中打开（数据文件夹 {folder}{who}）。请切换到那个窗口，或先关闭它。"
            f" / The report is open in another window."
        )


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


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return int(os.read(fd, 32).split()[0])
    except (OSError, ValueError, IndexError):
        return None


class WindowLock:
    """The data folder's window lock; ``acquire`` once when the window opens, ``release`` when it closes."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Hold the folder; StoreLocked when another live process holds it (a stale lock is taken over)."""
        if self._fd is not None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreReadOnly(self.folder, str(exc.strerror or exc)) from exc
        if not _try_lock(fd):
            pid = _read_pid(fd)
            os.close(fd)
            raise StoreLocked(self.folder, pid)
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode().ljust(16))
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
            os.write(fd, b" " * 16)
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


def window_holding(folder: Path) -> int | None:
    """The pid of a live window holding ``folder`` (0 when its pid is unreadable), else None."""
    path = Path(folder) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR if sys.platform == "win32" else os.O_RDONLY)
    except OSError:
        return None  # no lock file (or unreadable): no window has ever held this folder
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _read_pid(fd) or 0
    finally:
        os.close(fd)
