"""Opening the store's file safely (打开数据文件): each fault named, nothing written before it is known.

The order matters: a file that is not ours, or is a newer ReportDesk's, is
recognised by reading only, before any pragma or migration writes to it; a new
store is built under a temporary name and linked into place, so commands that
start together on a new folder never build it twice or see it half made.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from model import migrations
from model.errors import StoreBusy, StoreDamaged, StoreError, StoreForeign, StoreReadOnly, StoreTooNew

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000  # how long a command waits for another process's write before saying "busy"
_READONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}


def connect(path: Path | str, create: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode that reads rows by name and waits for other writers."""
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None)
    else:
        mode = "rwc" if create else "rw"  # an existing store is never created (or re-created) by opening it
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode={mode}", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def prepare_folder(path: Path) -> None:
    """The data folder exists; a folder that cannot be made is read-only or a disk fault."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_fault(path.parent, exc) from exc


def create_if_missing(path: Path, build: Callable[[sqlite3.Connection], None]) -> None:
    """A new store built beside ``path`` and linked into place, unless another process got there first."""
    if path.exists():
        return
    tmp = path.with_name(f".{path.name}.new-{os.urandom(16).hex()}")
    try:
        conn = connect(tmp, create=True)
        try:
            build(conn)
        finally:
            conn.close()
        _link_no_replace(tmp, path)
    except sqlite3.Error as exc:
        raise fault(exc, path) from exc
    except OSError as exc:
        raise os_fault(path.parent, exc) from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _link_no_replace(tmp: Path, path: Path) -> None:
    try:
        if sys.platform == "win32":
            os.rename(tmp, path)  # Windows' rename never replaces an existing file
        else:
            try:
                os.link(tmp, path)  # atomic, and fails if the name exists
            except OSError as exc:
                if exc.errno not in _NO_HARD_LINKS or path.exists():
                    raise
                os.rename(tmp, path)  # a file system without hard links (FAT, some shares)
    except FileExistsError:
        pass  # another command made the store a moment ago: use theirs


def check_file(path: Path) -> None:
    """An existing file that is empty or not SQLite is someone else's (or a truncated store): never touched."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise StoreError(f"无法读取数据文件（{path}）：没有读取权限。请检查该文件的权限，或用 --data-dir 指定另一个数据文件夹。"
                         f" / The data file cannot be read.") from exc
    except OSError as exc:
        raise os_fault(path, exc) from exc
    if not head:
        raise StoreForeign(path, "文件是空的（0 字节）")
    if head != SQLITE_HEADER:
        raise StoreForeign(path, "不是 SQLite 数据库")


def check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """The file is ReportDesk's and not from a newer version; read only, so nothing is written before."""
    row = conn.execute("PRAGMA quick_check").fetchone()
    if row is None or row["quick_check"] != "ok":
        raise StoreDamaged(path, row["quick_check"] if row else "quick_check gave no answer")
    tables = {r["name"] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if migrations.MIGRATIONS_TABLE not in tables or "reports" not in tables:
        raise StoreForeign(path, "其中没有 ReportDesk 的表")
    unknown = migrations.unknown(conn)
    if unknown:
        raise StoreTooNew(path, "未知的数据结构 " + "、".join(unknown))
    version = conn.execute("PRAGMA user_version").fetchone()["user_version"]
    if version > migrations.schema_version():
        raise StoreTooNew(path, f"数据结构版本 {version}，本程序为 {migrations.schema_version()}")


def check_writable(path: Path) -> None:
    """The file and its folder can be written (SQLite's WAL writes -wal and -shm files beside it)."""
    for target in (path, path.parent):
        if not os.access(target, os.W_OK):
            raise StoreReadOnly(target)


def fault(exc: sqlite3.Error, path: Path) -> StoreError:
    """The right StoreError for an SQLite error met while opening: busy and read-only are not "damaged"."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreBusy(path, str(exc))
    if code == sqlite3.SQLITE_READONLY or (code == sqlite3.SQLITE_CANTOPEN and not _writable(path)):
        return StoreReadOnly(path if os.access(path.parent, os.W_OK) else path.parent, str(exc))
    if code == sqlite3.SQLITE_FULL:
        return StoreError(f"磁盘已满，无法写入数据文件（{path}）。请清理磁盘空间后重试。 / The disk is full.")
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM):
        return StoreError(f"无法读写数据文件（{path}）：{exc}。请检查磁盘和权限后重试。 / Cannot open the data file.")
    return StoreDamaged(path, str(exc))


def os_fault(path: Path, exc: OSError) -> StoreError:
    """The right StoreError for a file-system error: read-only, disk full, or another fault."""
    if exc.errno in _READONLY_ERRNOS:
        return StoreReadOnly(path, exc.strerror or "")
    if exc.errno == errno.ENOSPC:
        return StoreError(f"磁盘已满，无法写入（{path}）。请清理磁盘空间后重试。 / The disk is full.")
    return StoreError(f"无法使用数据文件夹（{path}）：{exc.strerror or exc}。请检查磁盘和权限。"
                      f" / Cannot use the data folder.")


def _writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
