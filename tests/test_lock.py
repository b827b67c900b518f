"""One window per store: the folder's lock is held by a live process, and dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT
from model.errors import StoreError
from model.lock import LOCK_NAME, StoreLocked, WindowLock, window_holding

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
