"""The window speaks Chinese only (界面中文): Qt's own dialogs, messages from the core, dates.

- Qt's zh_CN translations (qtbase_zh_CN.qm, shipped by PySide6-Essentials)
  are loaded, and a small translator fills what that file lacks in Qt 6 (the
  file dialog's "&Look in:", "Files of &type:", and "Folder" / "docx File" in its
  类型 column) or words differently from
  the window (撤销, as the 编辑 menu says, not 撤消).
- Messages of the core read "中文。 / English." for the command line
  (design.md); the window shows the Chinese half only (``chinese_only``).
- Dates read 2026年12月1日 (``chinese_datetime``).
"""

from __future__ import annotations

import datetime
import re

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# (context, source) → translation: what qtbase_zh_CN.qm lacks or says otherwise than the window.
FALLBACKS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Save"): "保存",
    # the file list's 类型 column (Qt 6 moved these to a context the zh_CN file does not have)
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QLineEdit", "&Undo"): "撤销(&U)",
    ("QWidgetTextControl", "&Undo"): "撤销(&U)",
}


class ChineseFallbacks(QTranslator):
    """Answers only for FALLBACKS; every other string goes on to Qt's own translator."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None, not "": an empty string would be taken as the translation (Qt tests for a null string).
        return FALLBACKS.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install_chinese(app: QApplication) -> bool:
    """Chinese for Qt's own widgets: the locale, qtbase_zh_CN, then the fallbacks; False if Qt's file is missing."""
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    qt = QTranslator(app)
    loaded = qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath))
    if loaded:
        app.installTranslator(qt)
    app.installTranslator(ChineseFallbacks(app))  # installed last: asked first
    return loaded


# " / " then English to the end of the line: Latin words, no Chinese sentence punctuation
# (the English half may name a file in Chinese: "/ 坏.txt is not a Word document.").
_ENGLISH_HALF = re.compile(r" / (?=[^\n]*[A-Za-z]{2})[^。，；：！？\n]*$", re.MULTILINE)


def chinese_only(message: str) -> str:
    """"中文说明。请……。 / Short English." → the Chinese half (each line), for the window."""
    return _ENGLISH_HALF.sub("", message)


def chinese_datetime(stamp: str) -> str:
    """An ISO time from the store ("2026-12-01T09:05:00") as 2026年12月1日 09:05; the text itself if unreadable."""
    try:
        moment = datetime.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"
