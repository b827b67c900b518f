"""Counts in the status bar and blank fields on the tree's rows (字数 · 页数 · 未填).

The whole report is recounted a moment after the last change (typing must
not pay for it); the selected node's count follows at once when the node
changes.  The badge "2 未填" is a pixmap from ``blank_badge``, which the
tree's delegate copies into every row with blank fields.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QCoreApplication, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from export import layout
from model.counts import Count, count_node, count_report, estimate_pages, rendered
from model.report import Node, Report

RECOUNT_MS = 400
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size
BADGE_COLOUR = QColor("#C0392B")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Counts", text)


def pages_of(report: Report, render=rendered) -> float:
    return estimate_pages(report, layout.LINES_PER_PAGE, layout.CHARS_PER_LINE, layout.TITLE_CHARS_PER_LINE,
                          render)


class RenderCache:
    """Each node's text as it reads, kept until the node changes: recounting 1,000 nodes then costs
    only the sums, not 2,000 renderings."""

    def __init__(self) -> None:
        self._texts: dict[int, tuple[Node, tuple[str, str]]] = {}

    def __call__(self, node: Node) -> tuple[str, str]:
        kept = self._texts.get(id(node))
        if kept is None or kept[0] is not node:
            kept = self._texts[id(node)] = (node, rendered(node))
        return kept[1]

    def forget(self, node: Node | None = None, *_args) -> None:
        if node is None:
            self._texts.clear()
        else:
            self._texts.pop(id(node), None)


def counts_text(node: Count | None, whole: Count, pages: float) -> str:
    """"本节 120 字（142） · 全文 8,210 字（9,633） · 约 15 页": 字 are 汉字, in brackets with punctuation.

    Short, so a status message (已删除 …，Ctrl+Z 撤销) still fits beside it at 1024 pixels.
    """
    parts = []
    if node is not None:
        parts.append(_tr("本节 {h:,} 字（{c:,}）").format(h=node.hanzi, c=node.chars))
    parts.append(_tr("全文 {h:,} 字（{c:,}）").format(h=whole.hanzi, c=whole.chars))
    parts.append(_tr("约 {n} 页").format(n=max(1, math.ceil(pages - 1e-9))))
    return " · ".join(parts)


class CountsLabel(QLabel):
    """The status bar's counts; ``changed()`` after any edit, ``show_node()`` when the selection moves."""

    def __init__(self, report_of, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report_of = report_of
        self.cache = RenderCache()
        self._node: Node | None = None
        self._whole: Count | None = None  # not counted yet: the first count waits for the timer
        self._pages = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_MS)
        self._timer.timeout.connect(self.recount)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._widest = 0  # the label's fixed width: it grows for a longer text, never shrinks
        self._pad = 0
        self.setToolTip(_tr("“字”只计汉字，括号内的数含标点、数字和字母（不计空格）；"
                            "页数按每页 22 行、每行 28 字的公文版心估算"))

    def show_node(self, node: Node | None) -> None:
        self._node = node
        if self._whole is None:
            self._timer.start()
        else:
            self._show()

    def changed(self, *_args) -> None:
        self._timer.start()

    def recount(self) -> None:
        self._timer.stop()
        report = self._report_of()
        self._whole = count_report(report, self.cache) if report else Count()
        self._pages = pages_of(report, self.cache) if report else 0.0
        self._show()

    def _show(self) -> None:
        if self._report_of() is None or self._whole is None:
            self._set_text("")
            return
        node = count_node(self._node, self.cache) if self._node is not None else None
        self._set_text(counts_text(node, self._whole, self._pages))

    def _set_text(self, text: str) -> None:
        """The text, in a label of fixed size: a label of fixed size that changes its text lays nothing
        out again, while a free one relays out (and repaints) the whole status bar at every node switch.
        A longer text than the label holds makes it wider, once."""
        if text == self.text():
            return
        fixed = self.minimumSize() == self.maximumSize()
        if fixed and self.fontMetrics().horizontalAdvance(text) + self._pad <= self._widest:
            self.setText(text)
            return
        self.setMinimumSize(0, 0)
        self.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        self.setText(text)
        hint = self.sizeHint()
        # what the label adds around its text (margins, indent), as its size hint says: kept, since
        # asking the size hint lays the text out again, and a switch asked it at each new text
        self._pad = hint.width() - self.fontMetrics().horizontalAdvance(text)
        self._widest = max(self._widest, hint.width())
        self.setFixedSize(self._widest, hint.height())

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # measured again at the next text
            self._widest = 0
            self.setMinimumSize(0, 0)


@functools.lru_cache(maxsize=64)
def badge_text(blank: int) -> str:
    """The badge for ``blank`` unfilled fields ("" for none); the tree keeps each node's count."""
    return _tr("{n} 未填").format(n=blank) if blank else ""


def blank_badge(blank: int, height: int, font: QFont, ratio: float) -> QPixmap | None:
    """The badge "N 未填" for a row ``height`` pixels tall (None: nothing blank).

    Each badge is drawn once into a pixmap and then only copied, its width read from the pixmap:
    the tree paints every visible row at each scroll, in Python, and measuring the text per row
    cost more than copying it.
    """
    return _badge(badge_text(blank), height, font.key(), ratio) if blank else None


def badge_width(pixmap: QPixmap) -> int:
    """The badge's width in the row's (logical) pixels."""
    return round(pixmap.width() / pixmap.devicePixelRatio())


@functools.lru_cache(maxsize=256)
def _badge(text: str, height: int, font_key: str, ratio: float) -> QPixmap:
    font = QFont()
    font.fromString(font_key)
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(text) + 10
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setFont(font)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE_COLOUR)
    badge = QRect(0, 2, width, height - 4)
    painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
    painter.setPen(QColor("white"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


class CountsWiring(QObject):
    """Keeps a CountsLabel in step with a window's session and current node."""

    def __init__(self, window) -> None:
        super().__init__(window)
        session = window.session
        self.label = CountsLabel(lambda: session.report, window)
        window.statusBar().addPermanentWidget(self.label)
        for signal in (session.report_opened, session.structure_changed, session.info_changed,
                       session.undo_stack.indexChanged):
            signal.connect(self.label.changed)
        session.fields_changed.connect(self._fields_changed)
        session.text_changed.connect(self._changed)
        session.report_opened.connect(lambda: self.label.cache.forget())
        window.tree.selectionModel().currentChanged.connect(
            lambda current, _previous: self.label.show_node(session.model.node(current)))

    def _changed(self, node: Node) -> None:
        self._fields_changed([(node, None)])

    def _fields_changed(self, changed: list) -> None:
        """Nodes whose text or fields were set (a paste: many fields, once): counted again."""
        for node, _fid in changed:
            self.label.cache.forget(node)
        self.label.show_node(self.label._node)
        self.label.changed()
