"""What an export is asked to do and how it fails (导出选项 / 导出错误), with no heavy import.

The window, the command line and the writers all speak these names; keeping
them here (no python-docx) lets the window import them plainly at start-up
without loading the Word writer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from model.errors import ReportDeskError

# How a blank field prints: a yellow "X", an underlined gap, or no export while any is blank.
HIGHLIGHT = "highlight"
UNDERLINE = "underline"
STOP = "stop"
BLANK_MODES = (HIGHLIGHT, UNDERLINE, STOP)
# Modes that write the file with the blank marked (STOP writes nothing while a field is blank).
MARKING_MODES = (HIGHLIGHT, UNDERLINE)


class ExportError(ReportDeskError):
    """The export could not be written; the message says what to do.

    ``reason`` lets the window react: "locked", "readonly", "full", "blanks", "io",
    "options", "converter", "print", "cancelled".
    """

    def __init__(self, message: str, reason: str = "io") -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class ExportOptions:
    """What the clerk picks before export: how blanks print and whether to sign the report."""

    blank_mode: str = HIGHLIGHT
    end_block: bool = False
    organisation: str = ""
    date: datetime.date | None = None


def chinese_date(day: datetime.date) -> str:
    """2023-01-10 → "2023年1月10日" (成文日期: Arabic digits, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
