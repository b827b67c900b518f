"""The faces the window uses (字体): one choice for the text, one for labels and tables.

Each picks the first family installed from a list, so Windows gets 仿宋 / 微软雅黑
and Linux the Noto CJK faces.  The installed families are read from Qt once
(the list does not change while the program runs): start-up chooses five fonts.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QFont, QFontDatabase

FONT_FAMILIES = ["Noto Serif CJK SC", "FangSong", "仿宋", "Microsoft YaHei", "微软雅黑",
                 "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
FONT_POINTS = 12
UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC",
               "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei", "SimSun"]
UI_POINTS = 10


@functools.cache
def installed_families() -> frozenset[str]:
    """Font families Qt can use; asked once (needs a QGuiApplication)."""
    return frozenset(QFontDatabase.families())


def first_font(families: list[str], points: int) -> QFont:
    """The first of ``families`` that is installed, at ``points``; else Qt's default face."""
    font = QFont()
    available = installed_families()
    for family in families:
        if family in available:
            font.setFamily(family)
            break
    font.setPointSize(points)
    return font


def editor_font() -> QFont:
    """The text's face, close to print (仿宋 on Windows, Noto Serif CJK on Linux), else the default."""
    return first_font(FONT_FAMILIES, FONT_POINTS)


def ui_font(points: int = UI_POINTS) -> QFont:
    """Labels and tables: a CJK sans face (YaHei, Noto Sans CJK), else the default."""
    return first_font(UI_FAMILIES, points)
