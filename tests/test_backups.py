"""Backups (备份): one a day (seven kept), before migrations, checked, and restored over a damaged store."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta

import pytest

from model import migrations
from model.backups import daily_backup, list_backups, newest_good_backup, restore_backup
from model.errors import StoreDamaged
from model.paths import DB_NAME
from model.report import Node, NodeKind, Report
from model.store import Store
from model.workspace import open_workspace


def _titles(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT title FROM reports"))
    finally:
        conn.close()


def _damage(path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))


def test_the_first_start_of_a_day_copies_the_store_once(tmp_path):
    store = open_workspace(tmp_path)
    today = tmp_path / "backups" / f"reportdesk-{date.today():%Y%m%d}.db"
    assert today.exists()
    store.add_report(Report(title="今天新写的"))
    store.close()
    before = today.read_bytes()
    open_workspace(tmp_path).close()  # a second start the same day: the morning's copy stays
    assert today.read_bytes() == before
    assert "今天新写的" not in _titles(today)


def test_a_backup_holds_what_is_still_in_the_wal(tmp_path):
    store = Store(tmp_path / DB_NAME)
    store.add_report(Report(title="只在日志里"))
    assert (tmp_path / f"{DB_NAME}-wal").stat().st_size > 0
    target = daily_backup(store)
    assert _titles(target) == ["只在日志里"]
    assert not (target.parent / f"{target.name}-wal").exists()  # one self-contained file
    assert daily_backup(store) is None
    store.close()


def test_only_the_newest_seven_daily_backups_are_kept(tmp_path):
    store = Store(tmp_path / DB_NAME)
    first = date(2026, 3, 1)
    for day in range(10):
        daily_backup(store, today=first + timedelta(days=day))
    store.close()
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert names == [f"reportdesk-202603{d:02d}.db" for d in range(4, 11)]


def test_backups_are_listed_newest_first_and_checked(tmp_path):
    store = Store(tmp_path / DB_NAME)
    store.add_report(Report(title="好的"))
    old = daily_backup(store, today=date(2026, 1, 1))
    new = daily_backup(store, today=date(2026, 1, 2))
    store.close()
    os.utime(old, (1_700_000_000, 1_700_000_000))
    os.utime(new, (1_700_100_000, 1_700_100_000))
    _damage(new)
    infos = list_backups(tmp_path)
    assert [b.path for b in infos] == [new, old]
    assert [b.ok for b in infos] == [False, True]
    assert infos[1].size == old.stat().st_size and infos[1].created.year == 2023
    assert newest_good_backup(tmp_path).path == old
    assert list_backups(tmp_path / "nowhere") == [] and newest_good_backup(tmp_path / "nowhere") is None


def test_a_damaged_store_is_restored_from_the_newest_good_backup(tmp_path):
    store = open_workspace(tmp_path)
    rid = store.add_report(Report(title="要救回来的", nodes=[Node(NodeKind.SECTION, "第一部分")]))
    store.close()
    store = Store(tmp_path / DB_NAME)
    daily_backup(store, today=date(2030, 1, 1))
    store.close()
    _damage(tmp_path / DB_NAME)
    with pytest.raises(StoreDamaged) as caught:
        open_workspace(tmp_path)
    assert caught.value.path == tmp_path / DB_NAME
    damaged = (tmp_path / DB_NAME).read_bytes()
    good = newest_good_backup(tmp_path)
    aside = restore_backup(tmp_path, good.path)
    assert aside.read_bytes() == damaged  # kept, not lost
    store = open_workspace(tmp_path)
    assert store.load_report(rid).nodes[0].heading == "第一部分"
    store.close()


def test_a_damaged_backup_is_never_restored(tmp_path):
    open_workspace(tmp_path).close()
    [backup] = list_backups(tmp_path)
    _damage(backup.path)
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(StoreDamaged):
        restore_backup(tmp_path, backup.path)
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_restore_moves_the_wal_aside_with_the_file(tmp_path):
    """A store left by a crash (its -wal full of later pages) must not have that -wal replayed onto the backup."""
    import shutil

    store = open_workspace(tmp_path / "live")
    store.add_report(Report(title="备份之后写的"))
    crashed = tmp_path / "crashed"
    shutil.copytree(tmp_path / "live", crashed)  # as a kill -9 leaves it: the -wal not folded in
    store.close()
    wal = crashed / f"{DB_NAME}-wal"
    wal_bytes = wal.read_bytes()
    assert wal_bytes
    [backup] = list_backups(crashed)
    aside = restore_backup(crashed, backup.path)
    assert (crashed / f"{aside.name}-wal").read_bytes() == wal_bytes
    assert not wal.exists()
    store = Store(crashed / DB_NAME)
    assert "备份之后写的" not in [r.title for r in store.list_reports()]
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_the_copy_before_a_migration_is_listed_with_the_backups(tmp_path, monkeypatch):
    Store(tmp_path / DB_NAME).close()

    def _step(db):
        db.execute("CREATE TABLE extra (x)")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, ("098_extra", _step)])
    Store(tmp_path / DB_NAME).close()
    [info] = list_backups(tmp_path)
    assert info.path.name == "reportdesk-before-098_extra.db" and info.ok and info.kind == "migration"
    conn = sqlite3.connect(info.path)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'extra'").fetchone() is None
    conn.close()


def _make_fail(monkeypatch, step: str) -> None:
    """Restore's copy fails as on a full disk (leaving half a file), or the rename into place is refused."""
    import errno

    from model import backups

    if step == "copy":
        def copy(src, dst):
            with open(dst, "wb") as f:
                f.write(b"half")
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(backups.shutil, "copyfile", copy)
        return
    real = os.replace

    def replace(src, dst):
        if ".restore-" in str(src):  # the copy going into place
            raise OSError(errno.EACCES, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(backups.os, "replace", replace)


@pytest.mark.parametrize("step", ["copy", "rename"])
def test_a_restore_that_fails_puts_the_current_file_back(tmp_path, monkeypatch, step):
    """The store, its -wal and its -shm are where they were, as they were; the message says so."""
    import shutil

    from model.errors import StoreError

    store = open_workspace(tmp_path / "live")
    store.add_report(Report(title="备份之后写的"))
    folder = tmp_path / "crashed"
    shutil.copytree(tmp_path / "live", folder)  # a -wal and -shm beside the file, as a crash leaves them
    store.close()
    [backup] = list_backups(folder)
    names = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm")
    before = {name: (folder / name).read_bytes() for name in names}
    _make_fail(monkeypatch, step)
    with pytest.raises(StoreError, match="未能从备份恢复") as caught:
        restore_backup(folder, backup.path)
    monkeypatch.undo()
    assert "保持原样" in str(caught.value) and str(folder / DB_NAME) in str(caught.value)
    assert step != "copy" or "磁盘空间不足" in str(caught.value)
    assert {name: (folder / name).read_bytes() for name in names} == before
    assert [p.name for p in folder.iterdir() if "restore" in p.name] == []  # no copy, nothing left aside
    assert "备份之后写的" in _titles(folder / DB_NAME)
