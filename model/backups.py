"""Backups of the whole store (备份): one a day, before every migration, and a way back from a damaged file.

Copies are made with SQLite's backup API (``Store.backup``), never a file copy,
so a store in WAL mode is copied whole and consistent while it is open.  They
live in ``<data>/backups/``: ``reportdesk-YYYYMMDD.db`` for the daily ones (the
newest seven kept) and ``reportdesk-before-<migration>.db`` for migrations.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from model.errors import StoreDamaged, StoreError
from model.paths import DB_NAME
from model.store import Store

BACKUP_DIR = "backups"
_DAILY = re.compile(r"reportdesk-(\d{8})\.db")
_BEFORE_RESTORE = "reportdesk-before-restore-"


@dataclass
class BackupInfo:
    path: Path
    created: datetime
    size: int
    ok: bool  # it opens and passes SQLite's quick_check, with ReportDesk's tables in it

    @property
    def kind(self) -> str:
        """Why it was made: "daily", "migration" (before a schema step), "restore" (before a restore), or "other"."""
        name = self.path.name
        if _DAILY.fullmatch(name):
            return "daily"
        if name.startswith(_BEFORE_RESTORE):
            return "restore"
        return "migration" if name.startswith("reportdesk-before-") else "other"


def backup_dir(folder: Path) -> Path:
    return Path(folder) / BACKUP_DIR


def daily_backup(store: Store, keep: int = 7, today: date | None = None) -> Path | None:
    """Today's copy of the store, if there is none yet; the older daily copies beyond ``keep`` removed.

    None when there was nothing to do (already copied today, or a store in memory).
    """
    if store.path is None:
        return None
    folder = backup_dir(store.path.parent)
    target = folder / f"reportdesk-{(today or date.today()):%Y%m%d}.db"
    if target.exists():
        return None
    store.backup(target)
    daily = sorted((p for p in folder.iterdir() if _DAILY.fullmatch(p.name)), reverse=True)
    for old in daily[keep:]:
        old.unlink(missing_ok=True)
    return target


def backup_before_restore(store: Store) -> Path:
    """A copy of the store as it is, taken before a backup replaces it: listed with the backups, so a restore can be gone back on."""
    return store.backup(backup_dir(store.path.parent) / f"{_BEFORE_RESTORE}{datetime.now():%Y%m%d-%H%M%S-%f}.db")


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in the data folder, newest first, each checked."""
    where = backup_dir(folder)
    if not where.is_dir():
        return []
    infos = []
    for path in where.glob("*.db"):
        stat = path.stat()
        infos.append(BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, _sound(path)))
    infos.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return infos


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The backup to offer when the store is damaged: the newest that passes its check."""
    return next((b for b in list_backups(folder) if b.ok), None)


def restore_backup(folder: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place as the store; the current file (with its -wal and -shm) is moved aside, not lost.

    Returns where the current file went (None if there was none).  The store
    must be closed first; the backup is checked and copied beside the store
    before anything moves, and if putting it in place fails all the same the
    current file and its -wal and -shm are put back as they were.
    """
    folder, backup = Path(folder), Path(backup)
    if not _sound(backup):
        raise StoreDamaged(backup, "备份文件无法通过检查")
    db = folder / DB_NAME
    tmp = db.with_name(f".{db.name}.restore-{os.urandom(16).hex()}")
    moved: list[tuple[Path, Path]] = []  # (where it was, where it went), to undo on failure
    try:
        shutil.copyfile(backup, tmp)  # the step that meets a full disk: nothing has moved yet
        aside = _move_aside(db, moved) if db.exists() else None
        os.replace(tmp, db)
    except OSError as exc:
        for was, went in reversed(moved):
            os.replace(went, was)
        raise _restore_fault(db, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return aside


def _move_aside(db: Path, moved: list[tuple[Path, Path]]) -> Path:
    """The -wal and -shm, then the store's file, renamed ``….before-restore-<time>``; each move recorded.

    The -wal goes first: a -wal left beside the restored file would be replayed onto it.
    """
    aside = db.with_name(f"{db.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}")
    for suffix in ("-wal", "-shm", ""):
        side = db.with_name(db.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
            moved.append((side, aside.with_name(aside.name + suffix)))
    return aside


def _restore_fault(db: Path, exc: OSError) -> StoreError:
    """A failed restore in words: what failed, and that the current data file is as it was."""
    why = "磁盘空间不足" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    return StoreError(f"未能从备份恢复（{why}）。当前的数据文件保持原样（{db}）。"
                      f"请清理磁盘空间或检查数据文件夹的权限后再试。 / The backup was not restored; the data file is unchanged.")


def _sound(path: Path) -> bool:
    """The file opens read-only, passes quick_check, and holds ReportDesk's tables."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return False
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports'").fetchone() \
            is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()
