"""A node's text in the import review: fields marked, skipped numbers greyed, a click decides (审阅文字).

Hovering a number tells why it is a field or not (the rule's Chinese name);
a click on it makes a skipped number a field, or a field plain text, before
anything is stored.  A click elsewhere only places the cursor (for 拆分).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from model.draft import REASONS, make_field, make_plain, number_spans
from model.report import TOKEN_RE, Field, Node, Report

FIELD_BACKGROUND = QColor("#fff2b3")
SKIPPED_COLOUR = QColor("#8a8a8a")


@dataclass
class Mark:
    """A number as shown: ``start:end`` in the shown text; a field, or a skipped one with its reason."""

    start: int
    end: int
    attr: str                 # "heading" or "body"
    raw_start: int            # where it stands in node.<attr>
    raw_end: int
    field: Field | None = None
    reason: str = ""


def display(node: Node) -> tuple[str, list[int], list[Mark]]:
    """(shown text, raw position of each shown character in heading + "\\n" + body, marks)."""
    shown: list[str] = []
    where: list[int] = []
    marks: list[Mark] = []
    by_id = {f.fid: f for f in node.fields}
    offset = 0
    for attr in ("heading", "body"):
        raw = getattr(node, attr)
        spans = {s: (e, reason) for s, e, _, reason in number_spans(raw, node.fields)}
        i = 0
        while i < len(raw):
            m = TOKEN_RE.match(raw, i)
            if m is not None:
                f = by_id.get(int(m.group(1)))
                text = (f.source or "X") if f else ""
                marks.append(Mark(len(shown), len(shown) + len(text), attr, i, m.end(), field=f))
                shown.extend(text)
                where.extend([offset + i] * len(text))
                i = m.end()
                continue
            if i in spans:
                end, reason = spans[i]
                marks.append(Mark(len(shown), len(shown) + end - i, attr, i, end, reason=reason))
            shown.append(raw[i])
            where.append(offset + i)
            i += 1
        if attr == "heading":
            shown.append("\n")
            where.append(offset + len(raw))
            offset += len(raw) + 1
    where.append(offset + len(node.body))
    return "".join(shown), where, marks


def hint(mark: Mark) -> str:
    """The tooltip of a mark, in Chinese: what it is and what a click does."""
    if mark.field is not None:
        label = mark.field.label or _tr("指标")
        return _tr("指标：{label}（单击设为普通文字）").format(label=label)
    return _tr("不是指标：{reason}（单击设为指标）").format(reason=REASONS.get(mark.reason, mark.reason))


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ReviewText", text)


class ReviewText(QPlainTextEdit):
    """Read-only text of one node with its numbers marked; ``changed`` after the clerk's click."""

    changed = Signal()

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.node: Node | None = None
        self.marks: list[Mark] = []
        self.where: list[int] = []
        self.setReadOnly(True)
        self.viewport().setMouseTracking(True)
        self.viewport().installEventFilter(self)

    def show_node(self, node: Node | None) -> None:
        self.node = node
        if node is None:
            self.clear()
            self.marks, self.where = [], []
            return
        text, self.where, self.marks = display(node)
        self.setPlainText(text)
        self._paint()

    def _paint(self) -> None:
        field_format, skipped_format = QTextCharFormat(), QTextCharFormat()
        field_format.setBackground(FIELD_BACKGROUND)
        skipped_format.setForeground(SKIPPED_COLOUR)
        for mark in self.marks:
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.start)
            cursor.setPosition(mark.end, QTextCursor.KeepAnchor)
            cursor.mergeCharFormat(field_format if mark.field is not None else skipped_format)

    def mark_at(self, position: int) -> Mark | None:
        return next((m for m in self.marks if m.start <= position < m.end), None)

    def toggle(self, mark: Mark) -> None:
        """The clerk's click: a field becomes plain text, a skipped number a field."""
        if self.node is None:
            return
        if mark.field is not None:
            make_plain(self.node, mark.field.fid)
        else:
            make_field(self.node, mark.attr, mark.raw_start, mark.raw_end, self.report.next_fid())
        self.show_node(self.node)
        self.changed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.viewport():
            if event.type() == QEvent.ToolTip:
                mark = self.mark_at(self.cursorForPosition(event.pos()).position())
                if mark is not None:
                    QToolTip.showText(event.globalPos(), hint(mark), self)
                else:
                    QToolTip.hideText()
                return True
            if event.type() == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton:
                mark = self.mark_at(self.cursorForPosition(event.position().toPoint()).position())
                if mark is not None and not self.textCursor().hasSelection():
                    self.toggle(mark)
        return super().eventFilter(watched, event)
