"""Saves never lie (保存): 已保存 only after a COMMIT succeeded; a failed write is kept, said, and retried."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QMessageBox  # noqa: E402
from test_ui_undo import item_of  # noqa: E402
from test_ui_window import make_report, reloaded  # noqa: E402
from ui_helpers import type_chinese  # noqa: E402

from model.store import Store  # noqa: E402
from ui import session as session_module  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


class CommitFails:
    """A connection whose next ``failures`` COMMITs fail as a full disk would; everything else is the real one."""

    def __init__(self, conn: sqlite3.Connection, failures: int = 1) -> None:
        self._conn = conn
        self.failures = failures
        self.commits = 0

    def execute(self, sql, *args):
        if sql.strip().upper() == "COMMIT":
            self.commits += 1
            if self.failures:
                self.failures -= 1
                raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "reportdesk.db"


@pytest.fixture
def warnings(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: said.append(text))
    return said


@pytest.fixture
def window(qtbot, db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(session_module, "RETRY_MS", 50)
    store = Store(db_path)
    store.add_report(make_report())
    win = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.flush()
    store.close()


def watch_label(window) -> list[str]:
    """Every text the save label shows, in order."""
    shown: list[str] = []
    window.session.saved.connect(lambda *_: shown.append(window.saved_label.text()))
    window.session.save_failed.connect(lambda *_: shown.append(window.saved_label.text()))
    return shown


def test_a_commit_that_fails_is_not_saved_then_retried(qtbot, window, db_path, warnings):
    session = window.session
    item = item_of(window)
    window.select_node(item)
    session.store.conn = failing = CommitFails(session.store.conn)
    shown = watch_label(window)
    window.editor.body.setFocus()
    type_chinese(window.editor.body, "今年")
    assert not session.flush()
    assert session.has_unsaved() and not session.store.conn.in_transaction
    assert window.saved_label.text().startswith("未能保存") and not any(t.startswith("已保存") for t in shown)
    assert "将自动重试" in window.saved_label.text()  # the edit waits in memory for the retry timer
    assert len(warnings) == 1 and "保存失败" in warnings[0] and "disk is full" in warnings[0]
    assert not reloaded(db_path, session.report.id).nodes[1].children[0].body.startswith("今年")
    assert item.body.startswith("今年")  # kept in memory
    qtbot.waitUntil(lambda: window.saved_label.text().startswith("已保存"), timeout=3000)  # the retry timer
    assert failing.commits == 2 and not session.has_unsaved()
    assert reloaded(db_path, session.report.id).nodes[1].children[0].body.startswith("今年")
    assert len(warnings) == 1


def test_no_saved_label_when_the_transaction_is_left_open(window, db_path, warnings):
    """Belt and braces: a flush that ends inside an open transaction (a dead outer one) is not a save."""
    session = window.session
    session.store.conn.execute("BEGIN")  # as if an earlier COMMIT had failed and nobody rolled back
    saved = []
    session.saved.connect(saved.append)
    session.set_info(session_module.ReportInfo("改名的报告", 2024, "示例局"))
    assert saved == [] and session.has_unsaved()
    assert window.saved_label.text().startswith("未能保存")
    session.store.conn.execute("ROLLBACK")
    assert session.flush() and saved
    assert reloaded(db_path, session.report.id).title == "改名的报告"


def test_an_edit_to_a_node_deleted_behind_the_window_is_not_saved_then_restored(qtbot, window, db_path, warnings):
    session = window.session
    item = item_of(window)
    window.select_node(item)
    other = sqlite3.connect(db_path)
    other.execute("DELETE FROM fields WHERE node_id = ?", [item.id])
    other.execute("DELETE FROM nodes WHERE id = ?", [item.id])
    other.commit()
    other.close()
    shown = watch_label(window)
    window.editor.body.setFocus()
    type_chinese(window.editor.body, "补充")
    assert not session.flush()
    assert window.saved_label.text().startswith("未能保存") and not any(t.startswith("已保存") for t in shown)
    assert len(warnings) == 1 and "保存失败" in warnings[0]
    qtbot.waitUntil(lambda: window.saved_label.text().startswith("已保存"), timeout=3000)
    stored = reloaded(db_path, session.report.id).nodes[1].children[0]
    assert stored.heading == item.heading and stored.body.startswith("补充")  # nothing typed is lost
    assert [f.fid for f in stored.fields] == [1, 2]


def test_another_report_is_not_opened_over_edits_that_cannot_be_saved(window, db_path, warnings):
    session = window.session
    other = session.store.add_report(make_report())
    item = item_of(window)
    window.select_node(item)
    session.store.conn = CommitFails(session.store.conn, failures=2)
    window.editor.body.setFocus()
    type_chinese(window.editor.body, "未存")
    assert not session.open_report(other)
    assert session.report.nodes[1].children[0] is item and item.body.startswith("未存") and session.has_unsaved()
    assert session.flush() is False and session.flush() is True  # the second failure, then the disk is back
    assert session.open_report(other) and session.report.id == other
    assert reloaded(db_path, item_of_id(db_path, item.id)).nodes[1].children[0].body.startswith("未存")


def item_of_id(db_path, node_id: int) -> int:
    """The id of the report that holds node ``node_id``."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT report_id FROM nodes WHERE id = ?", [node_id]).fetchone()[0]
    finally:
        conn.close()
