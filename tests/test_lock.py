"""One window per store: the folder's lock is held by a live process, and dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT
from model import lock as lock_module
from model.errors import StoreError
from model.lock import LOCK_NAME, Holder, StoreLocked, WindowLock, holder_of, window_holding

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")


def _holder(folder):
    """A child process that takes the lock, says so, and waits to be killed."""
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from model.lock import WindowLock
        WindowLock({str(folder)!r}).acquire()
        print("held", flush=True)
        time.sleep(600)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def _kill(proc):
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()


def test_a_live_holder_refuses_a_second_window_with_its_pid(tmp_path):
    proc = _holder(tmp_path)
    try:
        assert window_holding(tmp_path) == proc.pid
        with pytest.raises(StoreLocked, match="另一个窗口中打开") as caught:
            WindowLock(tmp_path).acquire()
        assert caught.value.pid == proc.pid and isinstance(caught.value, StoreError)
        assert str(tmp_path) in str(caught.value)
    finally:
        _kill(proc)


def test_a_stale_lock_left_by_a_killed_window_is_taken_over(tmp_path):
    proc = _holder(tmp_path)
    _kill(proc)
    assert (tmp_path / LOCK_NAME).exists()  # the file is still there, with the dead pid in it
    assert window_holding(tmp_path) is None
    lock = WindowLock(tmp_path)
    lock.acquire()
    try:
        assert window_holding(tmp_path) == os.getpid()
    finally:
        lock.release()
    assert window_holding(tmp_path) is None


def test_release_lets_the_next_window_in(tmp_path):
    first = WindowLock(tmp_path / "new")  # the folder is created on first use
    first.acquire()
    with pytest.raises(StoreLocked):
        WindowLock(tmp_path / "new").acquire()
    first.release()
    with WindowLock(tmp_path / "new"):
        assert window_holding(tmp_path / "new") == os.getpid()


def test_no_lock_file_means_no_window(tmp_path):
    assert window_holding(tmp_path) is None
    assert window_holding(tmp_path / "missing") is None


def _command_holder(folder):
    """A child process inside a real writing command of main.py (``import``), held there until told to go on."""
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        import main

        def slow_import(args):
            print("inside", flush=True)
            sys.stdin.readline()
            return 0

        main._COMMANDS["import"] = slow_import
        sys.exit(main.main(["--data-dir", {str(folder)!r}, "import", "稿.txt"]))
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "inside"
    return proc


def test_a_window_opened_during_an_import_is_told_a_command_holds_the_data(tmp_path):
    proc = _command_holder(tmp_path)
    try:
        assert holder_of(tmp_path) == Holder(proc.pid, "import")
        assert window_holding(tmp_path) is None  # a command is not a window
        with pytest.raises(StoreLocked) as caught:
            WindowLock(tmp_path).acquire()
        locked = caught.value
        assert (locked.pid, locked.what, locked.by_window) == (proc.pid, "import", False)
        assert "另一个 ReportDesk 程序" in str(locked) and "命令行命令 import" in str(locked)
        assert "另一个窗口" not in str(locked) and str(proc.pid) in str(locked)
    finally:
        proc.stdin.write("go on\n")
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
        proc.stdout.close()
    assert holder_of(tmp_path) is None  # released when the command ended
    with WindowLock(tmp_path):
        assert window_holding(tmp_path) == os.getpid()


def test_a_command_waits_for_another_command_but_not_for_a_window(tmp_path):
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from model.lock import WindowLock
        lock = WindowLock({str(tmp_path)!r}, "fields import")
        lock.acquire()
        print("held", flush=True)
        sys.stdin.readline()
        time.sleep(0.5)
        lock.release()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        assert holder_of(tmp_path).what == "fields import"
        with pytest.raises(StoreLocked, match="fields import"):
            WindowLock(tmp_path, "rollover").acquire()  # no wait asked: refused at once
        proc.stdin.write("release\n")
        proc.stdin.flush()
        lock = WindowLock(tmp_path, "rollover")
        lock.acquire(wait_for_commands=30)  # still held for half a second: this one waits its turn
        assert holder_of(tmp_path) == Holder(os.getpid(), "rollover")
        lock.release()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdin.close()
        proc.stdout.close()
    window = _holder(tmp_path)
    try:
        with pytest.raises(StoreLocked, match="另一个窗口中打开"):
            WindowLock(tmp_path, "rollover").acquire(wait_for_commands=30)  # a window is never waited for
    finally:
        _kill(window)


def test_a_lock_file_from_before_commands_held_it_is_a_windows(tmp_path):
    """Written by the first version of the lock: the pid alone."""
    (tmp_path / LOCK_NAME).write_text("4242\n".ljust(16))
    with open(tmp_path / LOCK_NAME, "rb") as f:
        assert lock_module._read_holder(f.fileno()) == Holder(4242, "window")


def test_a_writing_command_holds_the_folder_while_it_runs(tmp_path, monkeypatch):
    import main

    seen = []
    monkeypatch.setitem(main._COMMANDS, "rollover", lambda args: seen.append(holder_of(tmp_path)) or 0)
    monkeypatch.setitem(main._COMMANDS, "list", lambda args: seen.append(holder_of(tmp_path)) or 0)
    assert main.main(["--data-dir", str(tmp_path), "rollover", "1", "--year", "2026"]) == 0
    assert main.main(["--data-dir", str(tmp_path), "list"]) == 0
    assert main.main(["--data-dir", str(tmp_path), "rollover", "1", "--year", "2026", "--dry-run"]) == 0
    assert seen == [Holder(os.getpid(), "rollover"), None, None]
    assert holder_of(tmp_path) is None
