"""The heading sentence of a node as the clerk edits it (标题句): one paragraph, chips allowed.

It is a ``FieldTextEdit`` whose Enter moves on to the body, whose pasted lines
are joined into one, and which is as tall as its text up to ``HEADING_LINES``.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetricsF, QTextBlockFormat
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.text_block import FieldTextEdit

HEADING_LINES = 3  # the heading grows to this many lines, then scrolls
LINE_BREAK_RE = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def join_lines(text: str) -> str:
    """Lines as one: Chinese joins directly, a space only between two Latin words or numbers."""
    parts = LINE_BREAK_RE.split(text.strip())
    joined = parts[0]
    for part in parts[1:]:
        if joined and part and joined[-1].isascii() and joined[-1].isalnum() \
                and part[0].isascii() and part[0].isalnum():
            joined += " "
        joined += part
    return joined


class HeadingEdit(FieldTextEdit):
    """The heading sentence (标题句): the body's chips in ONE paragraph, as tall as its text.

    Enter never makes a paragraph (the heading is one sentence of the printed
    paragraph): it says ``enter_pressed`` so the editor can move on to the body.
    """

    enter_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document().setDocumentMargin(5)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _paragraph_format(self) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLeftMargin(3)  # its text starts where the body's does (document margin 8)
        block.setRightMargin(3)
        return block

    def _pasted(self, text: str) -> str:
        return join_lines(text)

    def _fit_height(self, *_args) -> None:
        """As tall as the text, up to HEADING_LINES lines (then it scrolls with the cursor)."""
        doc = self.document()
        most = QFontMetricsF(doc.defaultFont()).lineSpacing() * HEADING_LINES + 2 * doc.documentMargin()
        height = min(doc.size().height(), most)
        self.setFixedHeight(math.ceil(height) + 2 * self.frameWidth())

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit_height()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected_chip() is None:
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
