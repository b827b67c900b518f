"""The report's title as the clerk types it (报告信息): Enter sets where the printed title breaks.

The break is kept in the title itself as "\\n" (no extra column); everywhere
on screen the title reads on one line (``export.title.single_line``).
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

SHOWN_LINES = 3


class TitleEdit(QPlainTextEdit):
    """A title of one to a few lines; ``text()`` gives it with each line trimmed and empty lines dropped."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        self.setPlaceholderText(self.tr("报告标题"))
        self.setToolTip(self.tr("在要换行处按回车，导出的标题即在此处换行；"
                                "不按回车时，过长的标题在词语之间自动均衡换行。"))
        line = QFontMetrics(self.font()).lineSpacing()
        self.setFixedHeight(line * SHOWN_LINES + 2 * self.frameWidth() + 8)

    def text(self) -> str:
        return "\n".join(part.strip() for part in self.toPlainText().split("\n") if part.strip())

    def setText(self, title: str) -> None:  # noqa: N802 - as QLineEdit's, which this replaces
        self.setPlainText(title)
