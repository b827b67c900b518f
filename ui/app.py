"""Starting the window (启动): Qt in Chinese, a CJK font, the store opened safely, the main window shown.

Start-up is kept lean: only Qt, the store and the window are imported here;
the draft reader, the Word writer and the checks load when first used.
"""

from __future__ import annotations

import gc
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from model.errors import StoreBusy, StoreDamaged, StoreError, StoreForeign, StoreReadOnly, StoreTooNew
from model.lock import StoreLocked, WindowLock
from model.paths import APP_NAME, DB_NAME, data_dir, write_error_log
from model.store import Store
from ui.fonts import ui_font
from ui.qt_chinese import chinese_dates_in_qt, chinese_only, install_chinese

if TYPE_CHECKING:
    from model.backups import BackupInfo

EXIT_REFUSED = 2  # another window holds the data folder
WAIT_FOR_COMMAND_S = 3.0  # a command-line command holding the folder is waited for this long before the clerk is asked


def _tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


def open_store(folder: Path | None) -> Store:
    """The clerk's store, with the bundled sample on first start and today's backup (the one place that opens it)."""
    from model.workspace import open_workspace

    return open_workspace(folder)


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) so a fresh one can be made; the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target


def fault_title(exc: StoreError) -> str:
    """The dialog title for each kind of store fault (the message itself says what to do)."""
    titles = {
        StoreLocked: _tr("报告已在另一个窗口中打开"),
        StoreForeign: _tr("数据文件不是 ReportDesk 的数据"),
        StoreReadOnly: _tr("数据文件是只读的"),
        StoreTooNew: _tr("请升级 ReportDesk"),
        StoreBusy: _tr("数据文件正被占用"),
        StoreDamaged: _tr("数据文件已损坏"),
    }
    if isinstance(exc, StoreLocked) and not exc.by_window:
        return _tr("数据正被另一个 ReportDesk 程序使用")  # a command of the command line is writing
    return next((t for kind, t in titles.items() if isinstance(exc, kind)), _tr("无法打开数据"))


def open_store_or_ask(folder: Path | None) -> Store | None:
    """The store; each fault gets its own words. None: it cannot be opened or the clerk declined.

    A busy store may be tried again; a damaged one offers the newest good
    backup or a fresh store, the damaged file kept aside either way.
    """
    while True:
        try:
            return open_store(folder)
        except StoreDamaged as exc:
            return recover_damaged(folder, exc)
        except StoreBusy as exc:
            answer = QMessageBox.warning(None, fault_title(exc), chinese_only(str(exc)),
                                         QMessageBox.Retry | QMessageBox.Cancel, QMessageBox.Retry)
            if answer != QMessageBox.Retry:
                return None
        except StoreError as exc:
            QMessageBox.critical(None, fault_title(exc), chinese_only(str(exc)))
            return None


def ask_damaged(exc: StoreDamaged, backup: BackupInfo | None) -> str | None:
    """"restore" (the newest good backup), "fresh" (a new store) or None (quit): the clerk's choice."""
    box = QMessageBox(QMessageBox.Critical, fault_title(exc), chinese_only(str(exc)))
    restore = None
    if backup is not None:
        box.setInformativeText(_tr("最近一份完好的备份：{time}。恢复后，该时间之后的修改不在其中；损坏的文件会改名保留。")
                               .format(time=f"{backup.created:%Y-%m-%d %H:%M}"))
        restore = box.addButton(_tr("从备份恢复"), QMessageBox.AcceptRole)
    else:
        box.setInformativeText(_tr("没有可用的备份。可以新建数据文件继续使用，损坏的文件会改名保留，可交技术人员恢复。"))
    fresh = box.addButton(_tr("新建数据文件"), QMessageBox.DestructiveRole)
    box.addButton(_tr("退出"), QMessageBox.RejectRole)
    box.setDefaultButton(restore or fresh)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore and restore is not None else "fresh" if clicked is fresh else None


def recover_damaged(folder: Path | None, exc: StoreDamaged) -> Store | None:
    """Put the newest good backup in place, or start a fresh store; the damaged file is kept aside."""
    from model.backups import newest_good_backup, restore_backup

    where = data_dir(folder)
    backup = newest_good_backup(where)
    choice = ask_damaged(exc, backup)
    if choice is None:
        return None
    try:
        if choice == "restore":
            kept = restore_backup(where, backup.path)
            done = _tr("已从 {time} 的备份恢复。损坏的文件已改名保留为：{path}").format(
                time=f"{backup.created:%Y-%m-%d %H:%M}", path=kept)
        else:
            kept = move_aside(where / DB_NAME)
            done = _tr("已新建数据文件。损坏的文件已改名保留为：{path}").format(path=kept)
        store = open_store(folder)
    except (StoreError, OSError) as error:
        QMessageBox.critical(None, _tr("无法恢复数据文件"),
                             _tr("{error}\n\n请检查数据文件夹的权限和磁盘空间。").format(error=chinese_only(str(error))))
        return None
    QMessageBox.information(None, _tr("数据文件已恢复"), done)
    return store


def take_lock(folder: Path, quiet: bool) -> WindowLock | None:
    """The folder's window lock; None (the clerk told, or stderr when ``quiet``) when it cannot be had.

    A command of the command line that holds the folder is waited for a
    moment, then the clerk may try again (an import ends in seconds); another
    window is never waited for.
    """
    lock = WindowLock(folder)
    while True:
        try:
            lock.acquire(wait_for_commands=0.0 if quiet else WAIT_FOR_COMMAND_S)
            return lock
        except StoreError as exc:
            if quiet:
                print(str(exc), file=sys.stderr)
                return None
            if not isinstance(exc, StoreLocked) or exc.by_window:
                QMessageBox.warning(None, fault_title(exc), chinese_only(str(exc)))
                return None
            answer = QMessageBox.warning(None, fault_title(exc), chinese_only(str(exc)),
                                         QMessageBox.Retry | QMessageBox.Cancel, QMessageBox.Retry)
            if answer != QMessageBox.Retry:
                return None


def install_error_hook(folder: Path | None) -> None:
    """An unexpected error in a slot becomes a Chinese message and a log file, not a lost traceback."""

    def hook(kind, exc, tb) -> None:
        import traceback

        log = write_error_log(folder, "".join(traceback.format_exception(kind, exc, tb)))
        QMessageBox.critical(None, _tr("程序出错"), _tr(
            "程序遇到意外错误（详情已记入日志）。您已保存的内容不受影响；请把 {log} 发给技术支持。").format(
            log=log or _tr("错误信息")))

    sys.excepthook = hook


def make_app(argv: list[str] | None = None) -> QApplication:
    """The application, named for its settings folder, in Chinese, with a CJK font.

    No display name is set: Qt would append it to every window title, and the
    main window's title already begins with the program's name.
    """
    app = QApplication.instance()
    if app is None:
        chinese_dates_in_qt()
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_chinese(app)
    app.setFont(ui_font())
    return app


def run(folder: Path | None, quit_after_show: bool = False, argv: list[str] | None = None) -> int:
    """Open the window; with ``quit_after_show`` exit 0 right after its first paint (start-up checks).

    One window per data folder: a second one is refused (exit 2) before the store is opened.
    """
    app = make_app(argv)
    install_error_hook(folder)
    lock = take_lock(data_dir(folder), quiet=quit_after_show)
    if lock is None:
        return EXIT_REFUSED
    try:
        return _run_window(app, folder, quit_after_show)
    finally:
        gc.enable()  # main.main paused it for the start: a window that never painted resumes it here
        lock.release()


def collect_from_now_on() -> None:
    """The window has painted: what start-up built lives as long as the window, so it is frozen out of
    every later collection (a full one would otherwise walk it all in the middle of a keystroke), and
    collecting, paused by main.main while start-up made its objects and freed almost none, resumes."""
    gc.freeze()
    gc.enable()


def _painted_and_quit(app: QApplication) -> None:
    """--quit-after-show: the first paint is done (every child painted); say when, for bench/startup.py."""
    print(f"first paint at {time.monotonic():.6f}", flush=True)  # the monotonic clock, as the bench's own
    app.quit()


def _run_window(app: QApplication, folder: Path | None, quit_after_show: bool) -> int:
    store = open_store_or_ask(folder)
    if store is None:
        return 1
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow(store, Settings())
    window.first_painted.connect(collect_from_now_on)
    if quit_after_show:
        window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: _painted_and_quit(app)))
    window.show()
    try:
        return app.exec()
    finally:
        window.editor.flush()
        window.session.flush()
        window.session.store.close()
