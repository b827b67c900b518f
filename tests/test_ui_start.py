"""Starting the window (启动): one window per data folder, and each store fault with its own words."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QMessageBox  # noqa: E402
from test_ui_window import make_report  # noqa: E402

from model.backups import daily_backup  # noqa: E402
from model.errors import StoreBusy, StoreDamaged, StoreForeign, StoreReadOnly, StoreTooNew  # noqa: E402
from model.lock import StoreLocked, WindowLock  # noqa: E402
from model.paths import DB_NAME  # noqa: E402
from model.report import Node, NodeKind, Report  # noqa: E402
from model.store import Store  # noqa: E402
from ui import app as app_module  # noqa: E402
from ui.qt_chinese import chinese_only  # noqa: E402


def damage(path) -> None:
    """Scribble over the store's pages after the first three, as a failing disk would."""
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096):
        data[offset:offset + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def store_with_backup(folder, later_title: str = "备份之后的报告") -> None:
    """A store whose daily backup holds make_report(), and a report added after the backup."""
    store = Store(folder / DB_NAME)
    for _ in range(12):  # enough pages that the scribbles land inside the tables
        store.add_report(make_report())
    daily_backup(store)
    store.add_report(Report(title=later_title, year=2024, nodes=[Node(NodeKind.SECTION, "标题。")]))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


@pytest.fixture
def told(monkeypatch):
    """Every message box shown: (kind, title, text); critical and warning answer OK, information OK."""
    shown: list[tuple[str, str, str]] = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, _k=kind, **kw:
                            shown.append((_k, title, text)) or QMessageBox.Ok)
    return shown


@pytest.mark.parametrize(("fault", "title"), [
    (StoreLocked("/data", 42), "报告已在另一个窗口中打开"),
    (StoreLocked("/data", 42, "import"), "数据正被另一个 ReportDesk 程序使用"),
    (StoreForeign("/data/reportdesk.db"), "数据文件不是 ReportDesk 的数据"),
    (StoreReadOnly("/data"), "数据文件是只读的"),
    (StoreTooNew("/data/reportdesk.db", "003"), "请升级 ReportDesk"),
    (StoreBusy("/data/reportdesk.db"), "数据文件正被占用"),
    (StoreDamaged("/data/reportdesk.db"), "数据文件已损坏"),
])
def test_each_store_fault_has_its_own_words(qapp, fault, title):
    assert app_module.fault_title(fault) == title


@pytest.mark.parametrize("fault", [StoreReadOnly("/data"), StoreTooNew("/data/reportdesk.db", "003"),
                                   StoreForeign("/data/reportdesk.db")])
def test_a_store_fault_is_told_and_nothing_opens(qapp, monkeypatch, told, fault):
    def refuse(folder):
        raise fault

    monkeypatch.setattr(app_module, "open_store", refuse)
    assert app_module.open_store_or_ask(None) is None
    assert told == [("critical", app_module.fault_title(fault), chinese_only(str(fault)))]
    assert " / " not in told[0][2] and str(fault).startswith(told[0][2])  # the Chinese half, in the window


def test_a_busy_store_may_be_tried_again(qapp, monkeypatch, store):
    tries = []

    def busy_once(folder):
        tries.append(folder)
        if len(tries) == 1:
            raise StoreBusy("/data/reportdesk.db")
        return store

    monkeypatch.setattr(app_module, "open_store", busy_once)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Retry)
    assert app_module.open_store_or_ask(None) is store and len(tries) == 2


def test_a_damaged_store_offers_the_newest_good_backup(qapp, tmp_path, monkeypatch, told):
    folder = tmp_path / "data"
    store_with_backup(folder)
    damage(folder / DB_NAME)
    offered = []
    monkeypatch.setattr(app_module, "ask_damaged", lambda exc, backup: offered.append((exc, backup)) or "restore")
    store = app_module.open_store_or_ask(folder)
    assert store is not None
    try:
        titles = [r.title for r in store.list_reports()]
    finally:
        store.close()
    [(exc, backup)] = offered
    assert isinstance(exc, StoreDamaged) and backup is not None and backup.ok
    assert "2024年领导班子述职述廉报告" in titles and "备份之后的报告" not in titles  # the backup's content
    kept = [p for p in folder.iterdir() if p.name.startswith(f"{DB_NAME}.before-restore-")]
    assert kept and told[-1][1] == "数据文件已恢复" and str(kept[0]) in told[-1][2]


def test_a_damaged_store_without_backups_starts_fresh_and_keeps_the_file(qapp, tmp_path, monkeypatch, told):
    folder = tmp_path / "data"
    store_with_backup(folder)
    for old in (folder / "backups").iterdir():
        old.unlink()
    damage(folder / DB_NAME)
    damaged = (folder / DB_NAME).read_bytes()
    offered = []
    monkeypatch.setattr(app_module, "ask_damaged", lambda exc, backup: offered.append(backup) or "fresh")
    store = app_module.open_store_or_ask(folder)
    assert store is not None and offered == [None]
    store.close()
    [aside] = [p for p in folder.iterdir() if p.name.startswith(f"{DB_NAME}.damaged-")]
    assert aside.read_bytes() == damaged and "已新建数据文件" in told[-1][2]


def test_the_damaged_dialog_names_the_backup_and_its_choices(qapp, tmp_path, monkeypatch):
    from model.backups import newest_good_backup

    folder = tmp_path / "data"
    store_with_backup(folder)
    seen = {}

    def look(box):
        seen["title"], seen["info"] = box.windowTitle(), box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "退出").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    backup = newest_good_backup(folder)
    assert app_module.ask_damaged(StoreDamaged(folder / DB_NAME), backup) is None
    assert seen["title"] == "数据文件已损坏" and f"{backup.created:%Y-%m-%d}" in seen["info"]
    assert set(seen["buttons"]) == {"从备份恢复", "新建数据文件", "退出"}


def test_a_second_window_on_the_folder_is_refused_with_a_dialog(qapp, tmp_path, monkeypatch, told):
    folder = tmp_path / "data"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    opened = []
    monkeypatch.setattr(app_module, "open_store", lambda f: opened.append(f))
    with WindowLock(folder):
        assert app_module.run(folder) == 2
    assert opened == []  # refused before the store is touched
    [(kind, title, text)] = told
    assert title == "报告已在另一个窗口中打开" and "另一个窗口" in text


def test_a_window_opened_while_a_command_writes_is_told_which(qapp, tmp_path, monkeypatch, told):
    folder = tmp_path / "data"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "WAIT_FOR_COMMAND_S", 0.0)
    opened = []
    monkeypatch.setattr(app_module, "open_store", lambda f: opened.append(f))
    with WindowLock(folder, "import"):
        assert app_module.run(folder) == 2  # told, and 取消 (the message boxes here answer OK)
    assert opened == []
    [(kind, title, text)] = told
    assert title == "数据正被另一个 ReportDesk 程序使用" and "命令行命令 import" in text and "窗口" not in title


def test_the_clerk_may_try_again_when_the_command_has_ended(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "WAIT_FOR_COMMAND_S", 0.0)
    command = WindowLock(folder, "import")
    command.acquire()
    asked = []

    def retry(parent, title, text, buttons=None, default=None):
        asked.append(buttons)
        command.release()  # the import ends while the clerk reads the message
        return QMessageBox.Retry

    monkeypatch.setattr(QMessageBox, "warning", retry)
    opened = []
    monkeypatch.setattr(app_module, "open_store", lambda f: opened.append(f))
    assert app_module.run(folder) == 1  # the lock taken; the store (refused here) opened once
    assert len(asked) == 1 and opened == [folder]


def test_with_quit_after_show_the_refusal_is_a_line_on_stderr(qapp, tmp_path, monkeypatch, capsys, told):
    folder = tmp_path / "data"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    with WindowLock(folder):
        assert app_module.run(folder, quit_after_show=True) == 2
    assert told == []
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "另一个窗口" in line and "/ The report is open in another window." in line
