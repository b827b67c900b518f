"""This year's text beside last year's (上年对照): what changed, and what is still to rewrite (未改写).

A report made by 生成下一年度 keeps each node's text of last year
(``Node.last_heading`` / ``last_body``, set by the rollover).  The 上年对照
dock shows the selected node's text of last year merged with this year's,
character by character (difflib): struck through in red what this year has
dropped, in green what it has written anew.  A node whose text is still last
year's word for word — the year words the rollover moved aside — is 未改写:
the tree tints it, and 只看未改写 hides every other row.

Fields are one unit each in the comparison (the same field in both years), so
a figure filled in is not a rewrite; they show last year's value.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QTextBrowser, QVBoxLayout, QWidget

from model.fields import render_field
from model.report import TOKEN_RE, Node

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

UNREWRITTEN_BRUSH = QBrush(QColor("#FFF1DC"))  # the tree's tint for 未改写
EQUAL, DELETED, INSERTED = "equal", "deleted", "inserted"
_STYLES = {EQUAL: "", DELETED: "color:#B3261E;background:#FDE7E7;text-decoration:line-through;",
           INSERTED: "color:#1B6E20;background:#E3F4E4;"}
_FIELD_STYLE = "color:#0B3A80;"
_YEAR = re.compile(r"(?:19|20)\d\d")
_FIELD_BASE = 0xF0000  # each field becomes one private-use character while comparing
REFRESH_MS = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("LastYear", text)


def has_last_year(node: Node | None) -> bool:
    return node is not None and (node.last_heading is not None or node.last_body is not None)


def _texts(node: Node) -> tuple[str, str]:
    """(last year's, this year's) text of ``node``: heading and body, one line apart."""
    return (f"{node.last_heading or ''}\n{node.last_body or ''}", f"{node.heading}\n{node.body}")


def is_unrewritten(node: Node | None) -> bool:
    """Still last year's text word for word (未改写), the years the rollover moved aside."""
    if not has_last_year(node):
        return False
    last, now = _texts(node)
    return bool(now.strip()) and _YEAR.sub("〇", last) == _YEAR.sub("〇", now)


def _as_units(text: str) -> str:
    """Each field token as one character, so that a field is equal or not as a whole."""
    return TOKEN_RE.sub(lambda m: chr(_FIELD_BASE + int(m.group(1))), text)


def segments(node: Node) -> list[tuple[str, str]]:
    """Last year's text merged with this year's: (EQUAL | DELETED | INSERTED, text), fields as units."""
    import difflib  # loaded when the dock first shows, not with the window

    last, now = (_as_units(t) for t in _texts(node))
    matcher = difflib.SequenceMatcher(None, last, now, autojunk=False)
    parts: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append((EQUAL, last[a0:a1]))
            continue
        if a1 > a0:
            parts.append((DELETED, last[a0:a1]))
        if b1 > b0:
            parts.append((INSERTED, now[b0:b1]))
    return parts


def _field_text(node: Node, char: str) -> str:
    f = node.field_by_id(ord(char) - _FIELD_BASE)
    if f is None:
        return ""
    return render_field(f.replace(value=f.last_value) if f.last_value is not None else f, context=node)


def diff_html(node: Node) -> str:
    """The merged text as HTML for the dock: colours by kind, fields in blue with last year's value."""
    import html

    out = []
    for kind, text in segments(node):
        pieces = []
        for char in text:
            if ord(char) >= _FIELD_BASE:
                pieces.append(f'<span style="{_FIELD_STYLE}">{html.escape(_field_text(node, char))}</span>')
            else:
                pieces.append("<br>" if char == "\n" else html.escape(char))
        body = "".join(pieces)
        out.append(f'<span style="{_STYLES[kind]}">{body}</span>' if _STYLES[kind] else body)
    return "".join(out)


class LastYearView(QObject):
    """The 上年对照 dock, the tree's 未改写 filter and their two actions, for one main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dock = QDockWidget(_tr("上年对照"), window)
        self.dock.setObjectName("last_year_dock")
        body = QWidget(self.dock)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self.browser = QTextBrowser(body)
        self.browser.setFont(window.editor.font())
        legend = QLabel(f'<span style="{_STYLES[DELETED]}">{_tr("红色删除线")}</span>{_tr("：上年有、今年删去；")}'
                        f'<span style="{_STYLES[INSERTED]}">{_tr("绿色")}</span>{_tr("：今年新写；")}'
                        f'<span style="{_FIELD_STYLE}">{_tr("蓝色")}</span>{_tr("：指标（上年数值）。")}', body)
        legend.setWordWrap(True)
        column = QVBoxLayout(body)
        column.addWidget(self.status)
        column.addWidget(self.browser, 1)
        column.addWidget(legend)
        self.dock.setWidget(body)
        window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.act_show = self.dock.toggleViewAction()
        self.act_show.setText(_tr("上年对照"))
        self.act_show.setShortcut(QKeySequence("F8"))
        self.act_show.setStatusTip(_tr("在旁边显示本段上年的文字，并标出改动"))
        self.act_filter = QAction(_tr("只看未改写"), window)
        self.act_filter.setCheckable(True)
        self.act_filter.setStatusTip(_tr("提纲中只显示文字仍与上年相同的段落（浅橙底色）"))
        self.actions = [self.act_show, self.act_filter]
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS, timeout=self.refresh)
        self._left: int | None = None  # 未改写 nodes in the whole report, counted when the dock shows
        self._connect()

    def _connect(self) -> None:
        w = self.window
        w.tree.selectionModel().currentChanged.connect(lambda *_: self._current_changed())
        w.editor.text_edited.connect(lambda *_: self._edited())
        w.session.undo_stack.indexChanged.connect(lambda *_: self._edited())
        w.session.report_opened.connect(self.refresh)
        w.session.structure_changed.connect(self.refresh)
        self.dock.visibilityChanged.connect(lambda shown: shown and self.refresh())
        self.act_filter.toggled.connect(lambda *_: self.apply_filter())

    def _edited(self) -> None:
        self._left = None  # a node passed to the dock before the refresh is due counts again
        self._timer.start()

    def _current_changed(self) -> None:
        """Another node: no tint changed (the tree repaints the two rows itself); the filter keeps the
        new current row, the dock shows it, when shown."""
        if self.act_filter.isChecked():
            self.apply_filter()
        self._show_node()

    def refresh(self) -> None:
        """The dock for the current node, the tree's tint and filter after an edit."""
        self._left = None
        self.window.tree.viewport().update()
        self._current_changed()

    def _show_node(self) -> None:
        """The dock for the current node; nothing (no diff, no count) while the dock is hidden."""
        if self.dock.isHidden():
            return
        node = self.window.current_node()
        if not has_last_year(node):
            self.status.setText(_tr("本段没有上年的文字：报告不是由“生成下一年度”得来，或本段是今年新加的。"))
            self.browser.clear()
            return
        if self._left is None:  # kept until an edit: another node does not change it
            self._left = sum(1 for n in self.window.session.report.walk() if is_unrewritten(n))
        state = _tr("本段未改写，与上年文字相同。") if is_unrewritten(node) else _tr("本段已改写。")
        self.status.setText(state + _tr("全文尚有 {n} 段未改写。").format(n=self._left))
        self.browser.setHtml(diff_html(node))

    def apply_filter(self) -> None:
        """只看未改写: hide the rows neither 未改写 nor holding one; the current row always stays."""
        tree, model = self.window.tree, self.window.session.model
        only = self.act_filter.isChecked()
        current = self.window.current_node()

        def visit(parent: QModelIndex) -> bool:
            shown_any = False
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                node = model.node(index)
                below = visit(index)
                shown = not only or below or node is current or is_unrewritten(node)
                tree.setRowHidden(row, parent, not shown)
                shown_any = shown_any or shown
            return shown_any

        visit(QModelIndex())
