"""Store faults get their own words, exit 2 on the command line, and leave the file as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import main
from conftest import ROOT
from model import store_open
from model.errors import ReportDeskError
from model.paths import DB_NAME
from model.store import Store, StoreBusy, StoreForeign, StoreReadOnly, StoreTooNew
from model.workspace import open_workspace, seed_once

NOBODY = 65534


def cli(*args, data, user=None):
    """main.py as a separate process (as nobody when ``user`` is given and we are root)."""
    prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] if user is not None else []
    done = subprocess.run([*prefix, sys.executable, "main.py", "--data-dir", str(data), *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def one_line(done) -> str:
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.strip().splitlines()
    return line


def _store_in(folder: Path) -> Path:
    open_workspace(folder).close()
    return folder / DB_NAME


def test_a_zero_byte_store_is_foreign_and_never_reseeded(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"")
    line = one_line(cli("list", data=data))
    assert "数据文件不是 ReportDesk 的数据" in line and str(data / DB_NAME) in line and "0 字节" in line
    assert (data / DB_NAME).read_bytes() == b""
    with pytest.raises(StoreForeign) as caught:
        Store(data / DB_NAME)
    assert caught.value.path == data / DB_NAME


def test_sqlite_without_our_tables_is_foreign_and_untouched(tmp_path):
    path = tmp_path / DB_NAME
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE contacts (name TEXT)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(StoreForeign, match="没有 ReportDesk 的表"):
        open_workspace(tmp_path)
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def _future(path: Path, sql: str) -> bytes:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("sql", [
    "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('reportdesk', '900_future', 'x');",
    "PRAGMA user_version = 99;",
])
def test_a_store_from_a_newer_version_is_refused_and_not_written(tmp_path, sql):
    path = _store_in(tmp_path / "data")
    before = _future(path, sql)
    for args in (("list",), ("show", "1"), ("import", ROOT / "resources" / "sample-report.txt")):
        line = one_line(cli(*args, data=tmp_path / "data"))
        assert "由更新版本的 ReportDesk 创建" in line and "请升级" in line and "损坏" not in line
    with pytest.raises(StoreTooNew):
        Store(path)
    assert path.read_bytes() == before


def test_a_store_busy_in_another_process_is_not_called_damaged(tmp_path, monkeypatch, capsys):
    path = _store_in(tmp_path / "data")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(store_open, "BUSY_TIMEOUT_MS", 50)
    try:
        with pytest.raises(StoreBusy, match="占用"):
            Store(path)
        assert main.main(["--data-dir", str(tmp_path / "data"), "list"]) == 2
        [line] = capsys.readouterr().err.strip().splitlines()
        assert "占用" in line and "损坏" not in line
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    Store(path).close()  # healthy once the other process lets go


def test_every_store_fault_is_a_reportdesk_error_with_its_path(tmp_path):
    for cls in (StoreForeign, StoreReadOnly, StoreTooNew, StoreBusy):
        exc = cls(tmp_path / "x.db", "细节")
        assert isinstance(exc, ReportDeskError) and exc.path == tmp_path / "x.db"
        assert main._known_error(exc) == str(exc) and " / " in str(exc)


@pytest.fixture
def nobody_dir():
    """A folder outside pytest's private tmp (which nobody cannot enter), removed afterwards."""
    if sys.platform == "win32":
        pytest.skip("POSIX file modes")
    folder = Path(tempfile.mkdtemp(prefix="reportdesk-ro-"))
    folder.chmod(0o755)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    shutil.rmtree(folder)


def _as_user():
    """Run the program as nobody when root (root ignores file modes), else as ourselves."""
    if os.geteuid() != 0:
        return None
    if shutil.which("setpriv") is None:
        pytest.skip("root without setpriv: file modes cannot be tested")
    return NOBODY


def test_a_read_only_folder_says_read_only_not_damaged(nobody_dir):
    user = _as_user()
    data = nobody_dir / "data"
    _store_in(data)
    if user is not None:
        for p in [data, *data.rglob("*")]:
            os.chown(p, user, user)
    data.chmod(0o555)
    before = (data / DB_NAME).read_bytes()
    line = one_line(cli("list", data=data, user=user))
    assert "只读" in line and str(data) in line and "损坏" not in line and "--data-dir" in line
    assert (data / DB_NAME).read_bytes() == before


def test_a_read_only_file_refuses_import_with_read_only(nobody_dir):
    user = _as_user()
    data = nobody_dir / "data"
    path = _store_in(data)
    if user is not None:
        for p in [data, *data.rglob("*")]:
            os.chown(p, user, user)
    path.chmod(0o444)
    before = path.read_bytes()
    line = one_line(cli("import", ROOT / "resources" / "sample-report.txt", data=data, user=user))
    assert "只读" in line and str(path) in line and "内部错误" not in line
    assert path.read_bytes() == before
    assert not (data / "logs").exists()


def test_a_folder_that_cannot_be_created_is_read_only(nobody_dir):
    user = _as_user()
    parent = nobody_dir / "locked"
    parent.mkdir(mode=0o555)
    line = one_line(cli("list", data=parent / "data", user=user))
    assert "只读" in line and str(parent) in line


def test_commands_started_together_on_a_new_folder_store_the_sample_once(tmp_path):
    for run in range(3):
        data = tmp_path / f"race{run}"
        procs = [subprocess.Popen([sys.executable, "main.py", "--data-dir", str(data), "list"], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
                 for _ in range(3)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0], outs
        assert all(len(out.strip().splitlines()) == 1 for out, _ in outs), outs
        assert not any(err.strip() for _, err in outs), outs
        assert not [p.name for p in data.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_the_seed_check_and_insert_hold_the_write_lock(tmp_path, monkeypatch):
    """A second command trying to seed while the first is between its check and its insert must wait."""
    a = Store(tmp_path / DB_NAME)
    b = Store(tmp_path / DB_NAME)
    b.conn.execute("PRAGMA busy_timeout = 0")
    real_add = a.add_report
    refused = []

    def add_while_b_tries(report):
        try:
            seed_once(b)
        except sqlite3.OperationalError as exc:
            refused.append(str(exc))
        return real_add(report)

    monkeypatch.setattr(a, "add_report", add_while_b_tries)
    seed_once(a)
    assert refused and "locked" in refused[0]
    assert len(a.list_reports()) == 1
    seed_once(b)
    assert len(b.list_reports()) == 1
    a.close()
    b.close()


def test_a_file_system_without_hard_links_still_gets_a_new_store(tmp_path, monkeypatch):
    import errno

    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(store_open.os, "link", no_links)
    store = Store(tmp_path / DB_NAME)
    assert store.list_reports() == []
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [DB_NAME]


def test_an_unreadable_file_says_so(nobody_dir):
    user = _as_user()
    data = nobody_dir / "data"
    path = _store_in(data)
    if user is not None:
        for p in [data, *data.rglob("*")]:
            os.chown(p, user, user)
    path.chmod(0o000)
    line = one_line(cli("list", data=data, user=user))
    assert "无法读取数据文件" in line and str(path) in line and "损坏" not in line
