"""Import with a review (导入审阅): the clerk sees and fixes the detected tree before anything is stored.

A wrong tree costs the clerk more than typing it again, so nothing reaches
the store until the clerk accepts.  The review edits the unstored report in
place: a node's level (升级/降级), merging it into the one before, splitting
it at the cursor.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from model.report import TOKEN_RE, Node, Report
from model.store import Store, StoreError
from ui.commands import INDENT, OUTDENT, move_target, retyped
from ui.outline_model import OutlineModel
from ui.qt_chinese import chinese_only
from ui.review_text import ReviewText, display
from ui.window_state import fitting


class ImportReviewDialog(QDialog):
    """The detected outline, its field counts and front matter; accept stores, cancel stores nothing."""

    def __init__(self, report: Report, source: str, parent: QWidget | None = None,
                 notes: list[str] | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.notes = QLabel("\n".join(notes or []), self)
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        self.setWindowTitle(self.tr("导入审阅 — {source}").format(source=source))
        self.resize(fitting(QSize(960, 640), parent or self))
        self.model = OutlineModel(report, self, show_kind=True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(0, 420)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.preview = ReviewText(report, self)
        self.preview.setPlaceholderText(self.tr("选中左侧节点，在此查看其文字：黄底为指标，灰字为未作指标的数字，"
                                                "悬停可见理由，单击可改；把光标放在要断开处，可拆分。"))
        self.preview.changed.connect(self._numbers_changed)
        self.title = QLineEdit(report.title, self)
        self.summary = QLabel(self)
        self.front = self._front_list()
        self._build(self._buttons())
        self._update_summary()
        if report.nodes:
            self.tree.setCurrentIndex(self.model.index(0, 0))

    def _buttons(self) -> QWidget:
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        for text, slot in ((self.tr("升级"), self.outdent), (self.tr("降级"), self.indent),
                           (self.tr("并入上一条"), self.merge_into_previous),
                           (self.tr("在光标处拆分"), self.split_at_cursor)):
            button = QPushButton(text, bar)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return bar

    def _build(self, tools: QWidget) -> None:
        form = QFormLayout()
        form.addRow(self.tr("标题："), self.title)
        form.addRow(self.tr("识别结果："), self.summary)
        form.addRow(self.tr("文前内容（勾选保留）："), self.front)
        form.addRow(self.tr("数字："), QLabel(self.tr(
            "右侧文字中黄底为指标，灰字为未作指标的数字；悬停可见理由，单击可在两者间切换。"), self))
        split = QSplitter(self)
        split.addWidget(self.tree)
        split.addWidget(self.preview)
        split.setSizes([560, 400])
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("导入"), QDialogButtonBox.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes)
        layout.addLayout(form)
        layout.addWidget(tools)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    def _update_summary(self) -> None:
        fields = [f for _, f in self.report.all_fields()]
        blank = sum(1 for f in fields if f.is_blank)
        top = self.report.nodes
        self.summary.setText(self.tr("年度 {year}；一级标题 {sections} 个，节点共 {nodes} 个；"
                                     "指标 {total} 个（已填 {filled}，未填 {blank}）").format(
            year=self.report.year or self.tr("未识别"), sections=sum(1 for n in top if n.children or n.heading),
            nodes=sum(1 for _ in self.report.walk()), total=len(fields), filled=len(fields) - blank, blank=blank))

    def _front_list(self) -> QListWidget:
        """Each front-matter line (来源, date, speaker, 印发 notice) with a tick: kept when ticked, dropped when not."""
        box = QListWidget(self)
        for line in self.report.front_matter:
            item = QListWidgetItem(line, box)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            item.setToolTip(self.tr("勾选则保留在报告开头，取消勾选则导入时删去"))
        if not self.report.front_matter:
            QListWidgetItem(self.tr("（无）"), box).setFlags(Qt.NoItemFlags)
        box.setMaximumHeight(min(6, max(1, box.count())) * 22 + 6)
        return box

    def kept_front_matter(self) -> list[str]:
        items = [self.front.item(i) for i in range(self.front.count())]
        return [item.text() for item in items if item.flags() & Qt.ItemIsUserCheckable
                and item.checkState() == Qt.Checked]

    def current(self) -> Node | None:
        return self.model.node(self.tree.currentIndex())

    def select(self, node: Node) -> None:
        self.tree.expandAll()
        self.tree.setCurrentIndex(self.model.index_for(node))

    def _show_current(self) -> None:
        self.preview.show_node(self.current())

    def _numbers_changed(self) -> None:
        """A number made a field or plain text: the tree's counts and the summary follow."""
        node = self.current()
        if node is not None:
            self.model.refresh_node(node)
        self._update_summary()

    def accept(self) -> None:
        self.report.title = self.title.text().strip()
        self.report.front_matter = self.kept_front_matter()  # what is unticked is gone
        super().accept()

    # -- fixing the tree ----------------------------------------------------------

    def indent(self) -> None:
        self._move(INDENT)

    def outdent(self) -> None:
        self._move(OUTDENT)

    def _move(self, how: str) -> None:
        node = self.current()
        target = move_target(self.model, node, how) if node else None
        if target is None:
            return
        self.model.move_node(node, *target)
        for n, kind in retyped(node, self.model.depth_of(node)):
            n.kind = kind
            self.model.refresh_node(n)
        self.model.renumber()
        self.select(node)

    def merge_into_previous(self) -> None:
        """The node's text, fields and children join the node before it (its previous sibling, else its parent)."""
        node = self.current()
        if node is None:
            return
        siblings, row = self.model.siblings_of(node), self.model.row_of(node)
        target = siblings[row - 1] if row > 0 else self.model.parent_node(node)
        if target is None:
            return
        target.body = "".join(part for part in (target.body, node.heading, node.body) if part)
        target.fields.extend(node.fields)
        node.fields = []
        depth = self.model.depth_of(target) + 1
        for child in list(node.children):
            self.model.move_node(child, target, len(target.children))
            for n, kind in retyped(child, depth):
                n.kind = kind
        self.model.remove_node(node)
        self.model.refresh_node(target)
        self._update_summary()
        self.select(target)

    def split_at_cursor(self) -> None:
        """Text after the cursor becomes a new node after this one, of the same kind, with its fields."""
        node = self.current()
        if node is None:
            return
        shown = display(node)[1]
        cut = shown[min(self.preview.textCursor().position(), len(shown) - 1)]
        head_len = len(node.heading)
        if cut <= head_len:
            first, second = (node.heading[:cut], ""), (node.heading[cut:], node.body)
        else:
            k = cut - head_len - 1
            first, second = (node.heading, node.body[:k]), ("", node.body[k:])
        if not "".join(first).strip() or not "".join(second).strip():
            return  # a cut at either end splits nothing
        node.heading, node.body = first
        new = Node(node.kind, *second)
        moved = {int(m.group(1)) for m in TOKEN_RE.finditer(new.heading + new.body)}
        new.fields = [f for f in node.fields if f.fid in moved]
        node.fields = [f for f in node.fields if f.fid not in moved]
        self.model.insert_node(self.model.parent_node(node), self.model.row_of(node) + 1, new)
        self.model.refresh_node(node)
        self._update_summary()
        self.select(new)


def review_and_store(parent: QWidget | None, store: Store, report: Report, source: str,
                     notes: list[str] | None = None) -> int | None:
    """Show the review; on accept store the report and give its id, else None (nothing stored)."""
    dialog = ImportReviewDialog(report, source, parent, notes)
    if dialog.exec() != QDialog.Accepted:
        return None
    try:
        return store.add_report(dialog.report)
    except (StoreError, sqlite3.Error, OSError) as exc:
        dialog.report.id = None
        for node in dialog.report.walk():
            node.id = None
        QMessageBox.critical(parent, dialog.tr("无法保存"), dialog.tr(
            "导入的报告未能保存：{error}。请检查磁盘空间后重试。").format(error=chinese_only(str(exc))))
        return None


def import_file(parent: QWidget | None, store: Store, path: Path) -> int | None:
    """Read a draft file, review it, store it; None when refused or cancelled."""
    from model.draft import DraftError, read_draft
    from ui.background import Cancelled, run_with_progress

    notes: list[str] = []
    try:  # off the window's thread: a .doc/.wps goes through LibreOffice, a long draft takes seconds
        report = run_with_progress(parent, _tr("正在读取 {name}……").format(name=path.name),
                                   lambda job: read_draft(path, notes=notes))
    except Cancelled:
        return None
    except DraftError as exc:
        QMessageBox.warning(parent, _tr("无法导入"), chinese_only(str(exc)))
        return None
    return review_and_store(parent, store, report, path.name, notes)


def import_text(parent: QWidget | None, store: Store, text: str) -> int | None:
    """Pasted text (from an email or a PDF), reviewed and stored like a file."""
    if not text.strip():
        QMessageBox.information(parent, _tr("粘贴导入"), _tr(
            "剪贴板中没有文字。请先在邮件或文档中复制报告全文，再粘贴导入。"))
        return None
    from model.draft import DraftError, parse_text
    from ui.background import Cancelled, run_with_progress

    try:  # a whole report pasted: off the window's thread too
        report = run_with_progress(parent, _tr("正在识别粘贴的文字……"), lambda job: parse_text(text))
    except Cancelled:
        return None
    except DraftError as exc:
        QMessageBox.warning(parent, _tr("无法导入"), chinese_only(str(exc)))
        return None
    return review_and_store(parent, store, report, _tr("粘贴的文字"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)
