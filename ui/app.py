"""Starting the window (启动): Qt in Chinese, a CJK font, the store opened safely, the main window shown.

Start-up is kept lean: only Qt, the store and the window are imported here;
the draft reader, the Word writer and the checks load when first used.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from model.paths import APP_NAME, DB_NAME, data_dir, write_error_log
from model.store import Store, StoreError
from ui.fonts import ui_font


def _tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


def open_store(folder: Path | None) -> Store:
    """The clerk's store, with the bundled sample on first start (the one place that opens it)."""
    from model.workspace import open_workspace

    return open_workspace(folder)


def install_chinese(app: QApplication) -> bool:
    """Qt's own zh_CN translations, so file dialogs and message-box buttons speak Chinese."""
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    if not translator.load("qtbase_zh_CN", folder):
        return False
    app.installTranslator(translator)
    return True


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


def open_store_or_ask(folder: Path | None) -> Store | None:
    """The store; when it is damaged, offer to move it aside and start fresh. None: the clerk declined."""
    try:
        return open_store(folder)
    except StoreError as exc:
        path = data_dir(folder) / DB_NAME
        if not path.exists():
            QMessageBox.critical(None, _tr("无法打开数据"), str(exc))
            return None
        answer = QMessageBox.critical(
            None, _tr("数据文件已损坏"),
            _tr("{error}\n\n是否把损坏的文件移到一旁（改名保留，可交技术人员恢复），并新建数据文件继续使用？")
            .format(error=exc),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            return None
    try:
        kept = move_aside(path)
        store = open_store(folder)
    except (StoreError, OSError) as exc:
        QMessageBox.critical(None, _tr("无法新建数据文件"), _tr("{error}。请检查数据文件夹的权限和磁盘空间。").format(error=exc))
        return None
    QMessageBox.information(None, _tr("已新建数据文件"),
                            _tr("损坏的文件已改名保留为：{path}").format(path=kept))
    return store


def install_error_hook(folder: Path | None) -> None:
    """An unexpected error in a slot becomes a Chinese message and a log file, not a lost traceback."""

    def hook(kind, exc, tb) -> None:
        import traceback

        log = write_error_log(folder, "".join(traceback.format_exception(kind, exc, tb)))
        QMessageBox.critical(None, _tr("程序出错"), _tr(
            "程序遇到意外错误：{error}。您已保存的内容不受影响；请把 {log} 发给技术支持。"
            " / Unexpected error; your saved work is safe.").format(error=exc, log=log or _tr("错误信息")))

    sys.excepthook = hook


def make_app(argv: list[str] | None = None) -> QApplication:
    """The application, named for its settings folder, in Chinese, with a CJK font.

    No display name is set: Qt would append it to every window title, and the
    main window's title already begins with the program's name.
    """
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_chinese(app)
    app.setFont(ui_font())
    return app


def run(data_dir: Path | None, quit_after_show: bool = False, argv: list[str] | None = None) -> int:
    """Open the window; with ``quit_after_show`` exit 0 right after its first paint (start-up checks)."""
    app = make_app(argv)
    install_error_hook(data_dir)
    store = open_store_or_ask(data_dir)
    if store is None:
        return 1
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow(store, Settings())
    if quit_after_show:
        window.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
    window.show()
    try:
        return app.exec()
    finally:
        window.editor.flush()
        window.session.flush()
        store.close()
