"""Field chips (指标块): how a field stands in the text and how it is drawn.

Each field is ONE object character (U+FFFC) whose char format carries the
field id (``chip_format``), so the cursor steps over it in one move and a
delete removes it whole.  ``ChipPainter`` draws it as the field reads in the
report (``render_field``), yellow while blank, blue once filled; a computed
phrase (同比, ``FieldKind.CHANGE``) shows the words computed from its basis
field, green with a dashed border, so the clerk sees it is not typed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from model.fields import render_field
from model.report import Field, FieldKind, Node, NodeKind

CHIP_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 1
FID_PROP = int(QTextFormat.Property.UserProperty) + 1
OBJ = "\ufffc"
PAD_X = 4.0

# (background, border, text) per state
BLANK_COLOURS = ("#FFE9A8", "#D9A400", "#6B4E00")
FILLED_COLOURS = ("#DDEBFF", "#7FA8E0", "#0B3A80")
MISSING_COLOURS = ("#EEEEEE", "#AAAAAA", "#666666")
COMPUTED_COLOURS = ("#E2F3E4", "#4E9A5B", "#1D5A2A")
HIGHLIGHT_BORDER = "#1A56C4"


class ChipPainter(QPyTextObject):
    """Sizes and draws the field chips of one editor (registered on its document layout).

    QPyTextObject, not QObject + QTextObjectInterface: only the former is
    seen as a handler by the C++ layout (the latter registers silently and
    is never called).  It is given what it asks of its editor, ``is_selected(pos)``
    (is the chip at ``pos`` inside the selection?), not the editor itself.
    """

    def __init__(self, parent: QObject, is_selected: Callable[[int], bool]) -> None:
        super().__init__(parent)
        self._is_selected = is_selected
        self.fields: dict[int, Field] = {}
        self.highlighted: int | None = None
        # Qt measures each chip several times per keystroke and a new line repaints them all:
        # what they show and their size are kept until values or the font change.
        self._sizes: dict[int, QSizeF] = {}
        self._texts: dict[int, str] = {}
        self._metrics: QFontMetricsF | None = None

    def forget_sizes(self) -> None:
        """Values or the font changed: chips are measured again."""
        self._sizes.clear()
        self._texts.clear()
        self._metrics = None

    def _metrics_of(self, doc: QTextDocument) -> QFontMetricsF:
        if self._metrics is None:
            self._metrics = QFontMetricsF(doc.defaultFont())
        return self._metrics

    def _text(self, fid: int) -> str:
        text = self._texts.get(fid)
        if text is None:
            text = self._texts[fid] = self.text_of(fid)
        return text

    def text_of(self, fid: int) -> str:
        """The chip's words; a computed phrase reads them from its basis field among the node's fields."""
        f = self.fields.get(fid)
        if f is None:
            return "?"
        if f.kind is FieldKind.CHANGE:
            return render_field(f, context=Node(NodeKind.ITEM, fields=list(self.fields.values())))
        return render_field(f)

    def is_computed(self, fid: int) -> bool:
        f = self.fields.get(fid)
        return f is not None and f.kind is FieldKind.CHANGE

    def colours(self, fid: int) -> tuple[str, str, str]:
        f = self.fields.get(fid)
        if f is None:
            return MISSING_COLOURS
        if f.kind is FieldKind.CHANGE:
            return COMPUTED_COLOURS
        return BLANK_COLOURS if f.is_blank else FILLED_COLOURS

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802
        # Height is the ascent only: Qt puts an object's bottom on the baseline,
        # so the chip's text baseline then matches the line's; the tinted
        # background is drawn down into the descent (see drawObject).
        fid = fmt.property(FID_PROP)
        size = self._sizes.get(fid)
        if size is None:
            metrics = self._metrics_of(doc)
            width = metrics.horizontalAdvance(self._text(fid)) + 2 * PAD_X + 2
            size = self._sizes[fid] = QSizeF(width, metrics.ascent())
        return size

    def drawObject(self, painter: QPainter, rect: QRectF, doc: QTextDocument,  # noqa: N802
                   pos: int, fmt: QTextFormat) -> None:
        fid = fmt.property(FID_PROP)
        metrics = self._metrics_of(doc)
        baseline = rect.bottom()
        background, border, ink = _qcolours(self.colours(fid))
        box = QRectF(rect.left() + 1, baseline - metrics.ascent() + 1,
                     rect.width() - 2, metrics.ascent() + metrics.descent() - 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        strong = fid == self.highlighted or self._is_selected(pos)
        pen = QPen(_qcolours((HIGHLIGHT_BORDER,))[0] if strong else border, 2.0 if strong else 1.0)
        if self.is_computed(fid):
            pen.setStyle(Qt.PenStyle.DashLine)  # computed, not typed
        painter.setPen(pen)
        painter.setBrush(background)
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(doc.defaultFont())
        painter.setPen(ink)
        painter.drawText(QPointF(rect.left() + 1 + PAD_X, baseline), self._text(fid))
        painter.restore()


@functools.cache
def _qcolours(names: tuple[str, ...]) -> tuple[QColor, ...]:
    return tuple(QColor(name) for name in names)


def chip_format(fid: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(CHIP_TYPE)
    fmt.setProperty(FID_PROP, fid)
    return fmt


def is_chip(fmt: QTextFormat) -> bool:
    return fmt.objectType() == CHIP_TYPE

