"""Window state kept between runs (设置), each setting declared once over QSettings.

Only the window's own state lives here; report content lives only in SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: object
    meaning: str


GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "主窗口的位置和大小")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "工具栏和停靠窗口的布局")
SPLITTER = Setting("window/splitter", QByteArray, QByteArray(), "提纲与编辑区之间分隔条的位置")
EDITOR_SPLITTER = Setting("window/editor_splitter", QByteArray, QByteArray(), "正文与指标表之间分隔条的位置")
LAST_REPORT = Setting("report/last_id", int, 0, "上次打开的报告编号（0：无）")
LAST_NODE = Setting("report/last_node", int, 0, "上次选中的节点编号（0：无），下次启动时回到这里")
EXPORT_DIR = Setting("export/last_dir", str, "", "上次导出 Word 文件的文件夹")
IMPORT_DIR = Setting("import/last_dir", str, "", "上次导入草稿的文件夹")
BLANK_MODE = Setting("export/blank_mode", str, "highlight",
                     "未填指标在导出文件中的样子：highlight 黄底 X，underline 下划线空白，stop 有未填时不导出")
END_BLOCK = Setting("export/end_block", bool, False, "导出时是否在文末加落款（单位名称和日期）")

ALL = (GEOMETRY, WINDOW_STATE, SPLITTER, EDITOR_SPLITTER, LAST_REPORT, LAST_NODE, EXPORT_DIR, IMPORT_DIR, BLANK_MODE, END_BLOCK)


class Settings:
    """Typed access to the declared settings; ``path`` gives tests their own ini file."""

    def __init__(self, path: Path | None = None) -> None:
        self._q = QSettings(str(path), QSettings.IniFormat) if path else QSettings()

    def value(self, setting: Setting):
        raw = self._q.value(setting.key, setting.default)
        if raw is None:
            return setting.default
        if setting.type is QByteArray:
            return raw if isinstance(raw, QByteArray) else setting.default
        if setting.type is bool and isinstance(raw, str):  # an ini file may hold "true"/"false"
            return raw.strip().lower() in ("true", "1", "yes")
        try:
            return setting.type(raw)
        except (TypeError, ValueError):
            return setting.default

    def set_value(self, setting: Setting, value: object) -> None:
        self._q.setValue(setting.key, value)

    def sync(self) -> None:
        self._q.sync()
