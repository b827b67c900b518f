"""The exported file as the operating system sees it: its mode, a full disk, and crash logs that never clash."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from export_fixture import sample_report

from conftest import ROOT
from export.word import export_docx
from model import paths

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and limits")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the umask for one test, and put the old one back."""
    old = os.umask(0o022)
    yield lambda value: os.umask(value)
    os.umask(old)


@posix_only
@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask, mask, expected):
    umask(mask)
    assert _mode(export_docx(sample_report(), tmp_path / "新.docx")) == expected


@posix_only
def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    umask(0o077)
    target = tmp_path / "旧.docx"
    target.write_bytes(b"old")
    target.chmod(0o604)
    export_docx(sample_report(), target)
    assert _mode(target) == 0o604 and target.read_bytes()[:2] == b"PK"


@posix_only
def test_a_write_that_fails_midway_prints_no_zipfile_traceback(tmp_path):
    """The file-size limit makes the write fail like a full disk; nothing may reach stderr but our message."""
    target = tmp_path / "o.docx"
    code = textwrap.dedent(f"""
        import gc, resource, signal, sys
        sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / "tests")!r})
        from pathlib import Path
        from export.word import ExportError, export_docx
        from export_fixture import long_report
        target = Path({str(target)!r})
        target.write_bytes(b"old")
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4000, resource.RLIM_INFINITY))
        try:
            export_docx(long_report(sections=6), target)
        except ExportError as exc:
            print("refused", exc.reason)
        gc.collect()
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "refused io", done.stderr
    assert done.stderr == ""
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["o.docx"]


@pytest.fixture
def full_disk():
    """A 200 KB tmpfs filled to the brim (root only; skipped where it cannot be mounted)."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount to make a full file system")
    where = Path(f"/tmp/reportdesk-full-{uuid.uuid4().hex[:8]}")
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(where)],
                      capture_output=True).returncode != 0:
        where.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        with open(where / "filler", "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"x" * 4096)
            except OSError:
                pass
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)
        where.rmdir()


def test_a_full_disk_gives_the_message_and_no_traceback(tmp_path, full_disk):
    data = tmp_path / "data"
    subprocess.run([sys.executable, "main.py", "--data-dir", str(data), "list"], cwd=ROOT, check=True,
                   capture_output=True)
    done = subprocess.run([sys.executable, "main.py", "--data-dir", str(data), "export", "1",
                           "-o", str(full_disk / "new.docx")], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "磁盘空间不足" in line
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_crash_logs_written_in_the_same_instant_never_overwrite_each_other(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "_log_stamp", lambda: "20261201-120000-000001")
    logs = [paths.write_error_log(tmp_path, f"错误 {i}", "crash") for i in range(3)]
    assert len(set(logs)) == 3
    assert sorted(p.read_text(encoding="utf-8") for p in logs) == ["错误 0", "错误 1", "错误 2"]


def test_three_internal_errors_in_one_second_leave_three_logs(tmp_path, monkeypatch, capsys):
    import main

    def broken(args):
        raise RuntimeError("意外")

    monkeypatch.setitem(main._COMMANDS, "list", broken)
    monkeypatch.setattr(paths, "_log_stamp", lambda: "20261201-120000-000001")
    for _ in range(3):
        assert main.main(["--data-dir", str(tmp_path), "list"]) == 2
    assert len(list((tmp_path / "logs").glob("crash-*.txt"))) == 3
    assert "Traceback" not in capsys.readouterr().err
