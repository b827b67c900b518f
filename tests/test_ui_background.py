"""Long work off the window's thread: the window answers while it runs, 取消 leaves nothing behind."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton  # noqa: E402
from test_ui_window import make_report  # noqa: E402
from ui_helpers import type_chinese  # noqa: E402

from export import fonts, printing  # noqa: E402
from model import converter  # noqa: E402
from model.paths import DB_NAME  # noqa: E402
from model.store import Store  # noqa: E402
from ui import import_dialog  # noqa: E402
from ui.export_dialog import ExportDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(fonts, "missing_official_fonts", lambda *a, **k: [])
    monkeypatch.setattr(ExportDialog, "exec", lambda d: 1)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    store = Store(tmp_path / "data" / DB_NAME)
    store.add_report(make_report())
    win = MainWindow(store, Settings(tmp_path / "settings.ini"))  # the real editor
    qtbot.addWidget(win)
    win.show()
    yield win
    store.close()


def ask_pdf_path(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_the_window_answers_while_a_pdf_is_made(window, qtbot, tmp_path, monkeypatch):
    release = threading.Event()

    def slow_pdf(docx, pdf):
        assert release.wait(30), "the test never released LibreOffice"
        pdf.write_bytes(b"%PDF-1.7")
        return pdf

    monkeypatch.setattr(printing, "to_pdf", slow_pdf)
    ask_pdf_path(monkeypatch, tmp_path / "报告.pdf")
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(job.running))
    job = window.exports.export_pdf()
    timer.start(5)
    qtbot.waitUntil(job.dialog.isVisible)
    assert job.running
    assert job.dialog.windowModality() == Qt.NonModal and job.dialog.labelText().startswith("正在用 LibreOffice")
    qtbot.waitUntil(lambda: len(ticks) >= 3)  # the event loop turns: timers fire, the window repaints
    body = window.editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_chinese(body, "继续编辑")
    assert "继续编辑" in body.toPlainText() and job.running  # the clerk typed while LibreOffice worked
    release.set()
    job.wait()
    assert all(ticks[:3]) and (tmp_path / "报告.pdf").read_bytes() == b"%PDF-1.7"
    assert window.statusBar().currentMessage().startswith("已导出")


FAKE_SOFFICE = """#!/bin/sh
# A LibreOffice that writes half a PDF, starts a helper (as soffice starts soffice.bin) and hangs.
for last; do :; done
outdir=""; prev=""
for a; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; done
name=$(basename "$last" .docx)
printf '%%PDF-half' > "$outdir/$name.pdf"
sleep 300 &
echo $! > "{pids}"
wait
"""


def _gone(pid: int) -> bool:
    """The signal is delivered asynchronously: give the process a moment to die."""
    for _ in range(500):
        if not _alive(pid):
            return True
        time.sleep(0.01)
    return False


def click_cancel(dialog: QProgressDialog) -> None:
    """What the clerk does: the dialog's 取消 button."""
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消").click()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell stands in for soffice")
def test_cancel_kills_libreoffice_and_leaves_no_file(window, qtbot, tmp_path, monkeypatch):
    pids = tmp_path / "helper.pid"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE.format(pids=pids))
    fake.chmod(0o755)
    monkeypatch.setattr(converter, "find_soffice", lambda: str(fake))
    out = tmp_path / "out"
    out.mkdir()
    ask_pdf_path(monkeypatch, out / "报告.pdf")
    job = window.exports.export_pdf()
    qtbot.waitUntil(lambda: pids.exists() and pids.read_text().strip() != "", timeout=20_000)
    helper = int(pids.read_text())
    assert _alive(helper)
    click_cancel(job.dialog)
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert _gone(helper)  # soffice and what it started are gone
    assert list(out.iterdir()) == []  # no PDF, not even half of one, no temporary folder
    assert [p for p in (tmp_path / "tmp").iterdir() if p.name.startswith("reportdesk-")] == []
    assert window.statusBar().currentMessage() == "已取消导出 PDF，未生成文件"


def test_a_second_pdf_while_one_runs_is_told_to_wait(window, tmp_path, monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(printing, "to_pdf", lambda docx, pdf: release.wait(30) and pdf)
    ask_pdf_path(monkeypatch, tmp_path / "a.pdf")
    job = window.exports.export_pdf()
    assert window.exports.export_pdf() is None
    assert window.statusBar().currentMessage() == "上一项导出或打印尚未完成，请稍候"
    release.set()
    job.wait()


def test_a_draft_is_read_behind_a_modal_progress_that_can_cancel(window, qtbot, tmp_path, monkeypatch):
    import model.draft

    started, release = threading.Event(), threading.Event()
    seen = {}

    def slow_read(path, year=None, notes=None):
        started.set()
        assert release.wait(30)
        return make_report()

    def clerk_cancels():
        shown = [w for w in window.findChildren(QProgressDialog) if w.isVisible()]
        if not started.is_set() or not shown:
            return  # not yet: the dialog appears only once the work has lasted a moment
        poll.stop()
        seen["modality"], seen["label"] = shown[0].windowModality(), shown[0].labelText()
        click_cancel(shown[0])
        release.set()

    monkeypatch.setattr(model.draft, "read_draft", slow_read)
    before = len(window.session.store.list_reports())
    poll = QTimer(window)
    poll.timeout.connect(clerk_cancels)
    poll.start(10)
    assert import_dialog.import_file(window, window.session.store, tmp_path / "上年稿.doc") is None
    assert seen == {"modality": Qt.WindowModal, "label": "正在读取 上年稿.doc……"}
    assert len(window.session.store.list_reports()) == before


def test_quick_work_shows_no_dialog(window):
    from ui.background import BackgroundJob

    job = BackgroundJob(lambda job: 42, "……", window).start()
    assert job.wait() == 42 and not job.dialog.isVisible()


def test_kill_tree_ends_the_whole_group(tmp_path):
    if sys.platform == "win32":
        pytest.skip("POSIX process groups")
    import subprocess

    pids = tmp_path / "pid"
    proc = subprocess.Popen(["sh", "-c", f"sleep 300 & echo $! > {pids}; wait"], start_new_session=True)
    while not pids.exists() or not pids.read_text().strip():
        os.sched_yield()
    child = int(pids.read_text())
    converter.kill_tree(proc)
    assert proc.returncode is not None and proc.stopped
    assert _gone(child)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell stands in for soffice")
def test_cancelling_a_doc_conversion_kills_libreoffice_and_imports_nothing(window, qtbot, tmp_path, monkeypatch):
    pids = tmp_path / "helper.pid"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE.format(pids=pids))
    fake.chmod(0o755)
    monkeypatch.setattr(converter, "find_soffice", lambda: str(fake))
    draft = tmp_path / "上年稿.doc"
    draft.write_bytes(b"{\\rtf1\\ansi a report saved by Word as RTF}")  # a .doc that LibreOffice must convert
    helper = {}

    def clerk_cancels():
        shown = [w for w in window.findChildren(QProgressDialog) if w.isVisible()]
        if not shown or not pids.exists() or not pids.read_text().strip():
            return
        poll.stop()
        helper["pid"] = int(pids.read_text())
        click_cancel(shown[0])

    poll = QTimer(window)
    poll.timeout.connect(clerk_cancels)
    poll.start(10)
    before = len(window.session.store.list_reports())
    assert import_dialog.import_file(window, window.session.store, draft) is None
    assert _gone(helper["pid"])
    assert len(window.session.store.list_reports()) == before
    assert [p for p in (tmp_path / "tmp").iterdir() if p.name.startswith("reportdesk-")] == []
