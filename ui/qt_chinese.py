"""The window speaks Chinese only (界面中文): Qt's own dialogs, messages from the core, dates.

- Qt's zh_CN translations (qtbase_zh_CN.qm, shipped by PySide6-Essentials)
  are loaded, and a small translator fills what that file lacks in Qt 6 (the
  file dialog's "&Look in:", "Files of &type:", and "Folder" / "docx File" in its
  类型 column) or words differently from
  the window (撤销, as the 编辑 menu says, not 撤消).
- Messages of the core read "中文。 / English." for the command line
  (design.md); the window shows the Chinese half only (``chinese_only``).
- Dates read 2026年12月1日 (``chinese_datetime``); Qt's own (the file dialog's 修改日期) the Chinese
  way too on a system without a Chinese locale (``chinese_dates_in_qt``).
"""

from __future__ import annotations

import datetime
import os
import re
import sys

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


def chinese_dates_in_qt(environ=os.environ) -> None:
    """Before the application is made: Qt writes its widgets' dates (the file list's 修改日期) as the
    system locale does, "2 12 2026 04:18" under LANG=C, and reads LC_TIME for that.

    Set only when nothing already says Chinese and LC_ALL does not decide; where zh_CN is not
    installed the C library keeps the locale it had (its setlocale fails), Qt alone follows.
    """
    if sys.platform == "win32" or sys.platform == "darwin" or environ.get("LC_ALL"):
        return
    if not (environ.get("LC_TIME") or environ.get("LANG", "")).startswith("zh"):
        environ["LC_TIME"] = "zh_CN.UTF-8"


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
