"""The outline tree as a Qt item model (提纲模型), over the pure model's nodes.

One light wrapper per node, reached through ``internalPointer``; the tree
itself lives in the pure model (``Report.nodes`` / ``Node.children``), and every
change goes through the mutation methods here, inside Qt's begin/end calls.
Rows are found by identity in the parent's list; a node -> row map, rebuilt
lazily after a structure change and checked at each use, spares the tree's
many ``parent()`` calls a scan of the siblings.

With ``show_front`` (the main window) a report opened with front matter has
one more row at the top, 〔文前〕: not a node but ``Report.front_matter``
itself (one representation); every top-level row below it is one lower.
"""

from __future__ import annotations

import functools
import json
from itertools import count

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from model.counts import blank_count
from model.fields import render_text
from model.numbering import outline_numbers
from model.report import Node, NodeKind, Report
from ui.last_year import UNREWRITTEN_BRUSH, is_unrewritten

MIME_TYPE = "application/x-reportdesk-node-ids"
_DISPLAY, _EDIT, _TOOLTIP, _FONT, _BACKGROUND = (
    int(r) for r in (Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole, Qt.FontRole, Qt.BackgroundRole))
_ROLES = frozenset((_DISPLAY, _EDIT, _TOOLTIP, _FONT, _BACKGROUND))
_ROW_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled | Qt.ItemIsDropEnabled
_HEADING_FLAGS = _ROW_FLAGS | Qt.ItemIsEditable


@functools.cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutlineModel", text)


def kind_label(kind: NodeKind) -> str:
    """The node kind as the clerk calls it."""
    labels = {
        NodeKind.PREAMBLE: _tr("开头"),
        NodeKind.SECTION: _tr("部分"),
        NodeKind.ITEM: _tr("条目"),
        NodeKind.SUBITEM: _tr("子条目"),
        NodeKind.INLINE: _tr("列举（一是）"),
        NodeKind.CLOSING: _tr("结尾"),
    }
    return labels[kind]


def row_in(siblings: list[Node], node: Node) -> int:
    """The row of ``node`` among ``siblings``, by identity (Node compares by value)."""
    return next(i for i, n in enumerate(siblings) if n is node)


class _Item:
    """The wrapper behind one index: the node, its parent's wrapper, and a key for drag and drop."""

    __slots__ = ("key", "node", "parent")

    def __init__(self, key: int, node: Node | None, parent: _Item | None) -> None:
        self.key = key
        self.node = node
        self.parent = parent


class OutlineModel(QAbstractItemModel):
    """The report's tree for a QTreeView; column 1 (optional) shows the node's kind."""

    nodes_dropped = Signal(list, object, int)  # nodes, new parent (Node or None), row (-1: at the end)
    heading_edited = Signal(object, str)       # node, new heading (F2 in the tree): the window makes it a command
    front_requested = Signal()                 # the 文前 row was opened (F2, Enter, double click)

    def __init__(self, report: Report | None = None, parent: QObject | None = None,
                 show_kind: bool = False, show_front: bool = False) -> None:
        super().__init__(parent)
        self._show_kind = show_kind
        self._show_front = show_front
        self._front: _Item | None = None  # the 文前 row's wrapper, when the row is there
        self._keys = count(1)
        self._report: Report | None = None
        self._root = _Item(0, None, None)
        self._items: dict[int, _Item] = {}   # id(node) -> wrapper; wrappers keep their node alive
        self._by_key: dict[int, _Item] = {}
        self._numbers: dict[int, str] = {}
        self._display: dict[int, str] = {}  # id(node) -> the row's text, until the node or numbers change
        self._rows: dict[int, int] = {}     # id(node) -> its row in its parent's list; {} = rebuild at next use
        self._blanks: dict[int, int] = {}   # id(node) -> its blank fields (the badge), until the node changes
        self.set_report(report)

    # -- the report ----------------------------------------------------------

    @property
    def report(self) -> Report | None:
        return self._report

    def set_report(self, report: Report | None) -> None:
        """Show another report (or none): a model reset."""
        self.beginResetModel()
        self._report = report
        has_front = self._show_front and report is not None and bool(report.front_matter)
        self._front = _Item(-1, None, self._root) if has_front else None
        self._items.clear()
        self._by_key.clear()
        if report is not None:
            self._wrap_all(report.nodes, self._root)
        self._numbers = outline_numbers(report) if report else {}
        self._display.clear()
        self._rows.clear()
        self._blanks.clear()
        self.endResetModel()

    def _wrap_all(self, nodes: list[Node], parent: _Item) -> None:
        for node in nodes:
            item = self._wrap(node, parent)
            self._wrap_all(node.children, item)

    def _wrap(self, node: Node, parent: _Item) -> _Item:
        item = self._items.get(id(node))
        if item is None or item.node is not node:
            item = _Item(next(self._keys), node, parent)
            self._items[id(node)] = item
            self._by_key[item.key] = item
        item.parent = parent
        return item

    def _siblings(self, item: _Item) -> list[Node]:
        if item.node is None:
            return self._report.nodes if self._report else []
        return item.node.children

    def _off(self, parent: _Item | None) -> int:
        """1 for top-level rows below the 文前 row, else 0 (Qt rows = list rows + this)."""
        return 1 if self._front is not None and parent is self._root else 0

    def is_front(self, index: QModelIndex) -> bool:
        return self._front is not None and index.isValid() and index.internalPointer() is self._front

    def front_index(self) -> QModelIndex:
        return self.createIndex(0, 0, self._front) if self._front is not None else QModelIndex()

    def refresh_front(self) -> None:
        """Report.front_matter changed: redraw the 文前 row."""
        if self._front is not None:
            index = self.front_index()
            self.dataChanged.emit(index, index.siblingAtColumn(self.columnCount() - 1))

    def front_text(self) -> str:
        lines = self._report.front_matter if self._report else []
        return _tr("〔文前〕") + ("／".join(lines) or _tr("（空）"))

    def _item_of(self, node: Node | None) -> _Item:
        if node is None:
            return self._root
        item = self._items.get(id(node))
        if item is None or item.node is not node:
            raise KeyError("node is not in this outline")
        return item

    # -- lookups -------------------------------------------------------------

    def node(self, index: QModelIndex) -> Node | None:
        return index.internalPointer().node if index.isValid() else None

    def contains(self, node: Node) -> bool:
        item = self._items.get(id(node))
        if item is None or item.node is not node:
            return False
        while item.parent is not None:  # each level's row is looked up in the row map first
            siblings, node = self._siblings(item.parent), item.node
            row = self._rows.get(id(node), -1)
            if not (0 <= row < len(siblings) and siblings[row] is node) and not any(n is node for n in siblings):
                return False
            item = item.parent
        return True

    def parent_node(self, node: Node) -> Node | None:
        return self._item_of(node).parent.node

    def siblings_of(self, node: Node) -> list[Node]:
        return self._siblings(self._item_of(node).parent)

    def row_of(self, node: Node) -> int:
        return self._row(self.siblings_of(node), node)

    def _row(self, siblings: list[Node], node: Node) -> int:
        """``row_in`` through the row map: a kept row is used only while ``siblings`` still holds the
        node there, so a structure change the map missed costs one rebuild, never a wrong row."""
        row = self._rows.get(id(node), -1)
        if 0 <= row < len(siblings) and siblings[row] is node:
            return row
        self._rebuild_rows()
        row = self._rows.get(id(node), -1)
        if 0 <= row < len(siblings) and siblings[row] is node:
            return row
        return row_in(siblings, node)  # a list outside the report (the import review's own)

    def _rebuild_rows(self) -> None:
        self._rows.clear()
        stack = [self._report.nodes] if self._report else []
        while stack:
            siblings = stack.pop()
            for i, n in enumerate(siblings):
                self._rows[id(n)] = i
                if n.children:
                    stack.append(n.children)

    def depth_of(self, node: Node) -> int:
        depth, item = 0, self._item_of(node).parent
        while item.node is not None:
            depth, item = depth + 1, item.parent
        return depth

    def is_ancestor(self, ancestor: Node, node: Node | None) -> bool:
        """True when ``ancestor`` is ``node`` or stands above it."""
        item = self._item_of(node)
        while item.node is not None:
            if item.node is ancestor:
                return True
            item = item.parent
        return False

    def index_for(self, node: Node | None, column: int = 0) -> QModelIndex:
        if node is None:
            return QModelIndex()
        item = self._item_of(node)
        return self.createIndex(self._row(self._siblings(item.parent), node) + self._off(item.parent), column, item)

    def number_of(self, node: Node) -> str:
        return self._numbers.get(id(node), "")

    def blank_of(self, node: Node) -> int:
        """The node's blank fields, kept until ``refresh_node`` (or a structure change): the tree's
        badge asks for every painted row at every paint."""
        blank = self._blanks.get(id(node))
        if blank is None:
            blank = self._blanks[id(node)] = blank_count(node)
        return blank

    # -- Qt's model interface ------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        # The bounds are tested here, not by hasIndex: that would call rowCount and columnCount back
        # through Python (the tree asks for an index for every row it paints, and more).
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            parent_item = parent.internalPointer()
        else:
            parent_item = self._root
        if row < 0 or not 0 <= column < (2 if self._show_kind else 1) or parent_item is self._front:
            return QModelIndex()
        off = self._off(parent_item)
        if off and row == 0:
            return self.createIndex(0, column, self._front)
        siblings = self._siblings(parent_item)
        if row - off >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, self._wrap(siblings[row - off], parent_item))

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        # Asked several times for every row the tree paints (and by every selection test): the row
        # map's answer is checked here, without the calls of _row, _siblings and _off.
        if not index.isValid():
            return QModelIndex()
        item = index.internalPointer().parent
        node = item.node if item is not None else None
        if node is None:
            return QModelIndex()
        grand = item.parent
        siblings = grand.node.children if grand.node is not None else self._report.nodes
        row = self._rows.get(id(node), -1)
        if not (0 <= row < len(siblings) and siblings[row] is node):
            row = self._row(siblings, node)
        return self.createIndex(row + 1 if self._front is not None and grand is self._root else row, 0, item)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        item = parent.internalPointer() if parent.isValid() else self._root
        if item is self._front:
            return 0
        return len(self._siblings(item)) + self._off(item)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 2 if self._show_kind else 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return [_tr("提纲"), _tr("类型")][section] if 0 <= section < self.columnCount() else None
        return None

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        """Asked for every role of every visible row at each repaint: roles are compared as plain
        ints and the row's text is kept until the node or the numbering changes."""
        if not index.isValid() or role not in _ROLES:
            return None
        node = index.internalPointer().node
        if node is None:
            return self._front_data(index, role)
        if index.column() == 1:
            return kind_label(node.kind) if role == _DISPLAY else None
        if role == _DISPLAY:
            text = self._display.get(id(node))
            if text is None:
                text = self._display[id(node)] = self.display_text(node)
            return text
        if role == _EDIT:
            return node.heading
        if role == _TOOLTIP:
            blank = self.blank_of(node)
            return _tr("{kind}：指标 {total} 个，未填 {blank} 个").format(
                kind=kind_label(node.kind), total=len(node.fields), blank=blank)
        if role == _BACKGROUND and is_unrewritten(node):  # 上年对照: still last year's text
            return UNREWRITTEN_BRUSH
        if role == _FONT and node.kind is NodeKind.SECTION:
            return _bold()
        return None

    def look(self, index: QModelIndex) -> tuple[str, bool, QBrush | None, int]:
        """(text, bold, background, blank fields) of a heading row in ONE call, for the tree's own paint:
        what data() gives for the display, font and background roles, and the badge's count."""
        node = index.internalPointer().node
        if node is None:
            return self.front_text(), False, None, 0
        text = self._display.get(id(node))
        if text is None:
            text = self._display[id(node)] = self.display_text(node)
        return (text, node.kind is NodeKind.SECTION, UNREWRITTEN_BRUSH if is_unrewritten(node) else None,
                self.blank_of(node))

    def is_leaf(self, index: QModelIndex) -> bool:
        """No rows below this one (the 文前 row never has any)."""
        node = index.internalPointer().node
        return node is None or not node.children

    def _front_data(self, index: QModelIndex, role: int):
        if role == _DISPLAY:
            return _tr("文前") if index.column() == 1 else self.front_text()
        if role == _TOOLTIP:
            return _tr("文前：来源、讲话人、日期居中印在标题下，称呼顶格（按 F2 或双击修改）")
        return None

    def display_text(self, node: Node) -> str:
        """"一、坚持…": the computed number, then the heading (or the start of the body)."""
        text = render_text(node.heading, node).strip()
        if not text:
            text = render_text(node.body, node).strip()[:30]
        if node.kind in (NodeKind.PREAMBLE, NodeKind.CLOSING) and not self.number_of(node):
            text = f"〔{kind_label(node.kind)}〕{text}"
        return f"{self.number_of(node)}{text or _tr('（空）')}"

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        if self.is_front(index):
            return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable
        return _HEADING_FLAGS if index.column() == 0 else _ROW_FLAGS

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:  # noqa: N802 - Qt's name
        """A heading typed in the tree is announced, not applied: it must go through the undo stack."""
        node = self.node(index)
        if role != Qt.EditRole or node is None or index.column() != 0 or not isinstance(value, str):
            return False
        if value != node.heading:
            self.heading_edited.emit(node, value)
        return True

    # -- drag and drop: node keys in our own MIME type -----------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        keys: list[int] = []
        for index in indexes:
            if index.isValid() and index.column() == 0 and index.internalPointer().key not in keys:
                keys.append(index.internalPointer().key)
        mime = QMimeData()
        mime.setData(MIME_TYPE, json.dumps({"model": id(self), "ids": keys}).encode())
        return mime

    def dragged_nodes(self, mime: QMimeData) -> list[Node]:
        """The nodes a drag carries, top-most only, in outline order; [] when not ours."""
        if not mime.hasFormat(MIME_TYPE):
            return []
        try:
            payload = json.loads(bytes(mime.data(MIME_TYPE)).decode())
        except (ValueError, UnicodeDecodeError):
            return []
        if not isinstance(payload, dict) or payload.get("model") != id(self):
            return []
        nodes = [self._by_key[k].node for k in payload.get("ids", []) if k in self._by_key]
        nodes = [n for n in nodes if self.contains(n)]
        top = [n for n in nodes if not any(o is not n and self.is_ancestor(o, n) for o in nodes)]
        order = {id(n): i for i, n in enumerate(self._report.walk())} if self._report else {}
        return sorted(top, key=lambda n: order.get(id(n), 0))

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex) -> bool:
        if action != Qt.MoveAction or column > 0:
            return False
        nodes = self.dragged_nodes(data)
        if not nodes:
            return False
        if self.is_front(parent):
            return False
        target = self.node(parent)
        return not any(self.is_ancestor(n, target) for n in nodes)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex) -> bool:
        """Announce the move; the window turns it into one undoable command."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if row > 0 and not parent.isValid():
            row -= self._off(self._root)  # Qt's row counts the 文前 row
        self.nodes_dropped.emit(self.dragged_nodes(data), self.node(parent), row)
        return True

    # -- changes (callers: the session and the import review) --------------------------

    def insert_node(self, parent: Node | None, row: int, node: Node) -> None:
        parent_item = self._item_of(parent)
        siblings = self._siblings(parent_item)
        row = max(0, min(row, len(siblings)))
        off = self._off(parent_item)
        self.beginInsertRows(self.index_for(parent), row + off, row + off)
        siblings.insert(row, node)
        item = self._wrap(node, parent_item)
        self._wrap_all(node.children, item)
        self.endInsertRows()
        self.renumber()

    def remove_node(self, node: Node) -> tuple[Node | None, int]:
        """Take ``node`` (and all below it) out; where it stood, for putting it back."""
        parent_item = self._item_of(node).parent
        siblings = self._siblings(parent_item)
        row = row_in(siblings, node)
        off = self._off(parent_item)
        self.beginRemoveRows(self.index_for(parent_item.node), row + off, row + off)
        del siblings[row]
        self.endRemoveRows()
        self.renumber()
        return parent_item.node, row

    def move_node(self, node: Node, new_parent: Node | None, row: int) -> None:
        """Move ``node`` so that it stands at ``row`` among ``new_parent``'s children afterwards."""
        if new_parent is not None and self.is_ancestor(node, new_parent):
            raise ValueError("a node cannot move into itself")
        item = self._item_of(node)
        old_parent_item, new_parent_item = item.parent, self._item_of(new_parent)
        old_siblings, new_siblings = self._siblings(old_parent_item), self._siblings(new_parent_item)
        src = row_in(old_siblings, node)
        same = old_parent_item is new_parent_item
        row = max(0, min(row, len(new_siblings) - (1 if same else 0)))
        if same and row == src:
            return
        qt_dest = row + 1 if same and row > src else row
        src_off, dest_off = self._off(old_parent_item), self._off(new_parent_item)
        ok = self.beginMoveRows(self.index_for(old_parent_item.node), src + src_off, src + src_off,
                                self.index_for(new_parent_item.node), qt_dest + dest_off)
        if not ok:  # pragma: no cover - guarded above
            raise ValueError("invalid move")
        del old_siblings[src]
        new_siblings.insert(row, node)
        item.parent = new_parent_item
        self.endMoveRows()
        self.renumber()

    def refresh_node(self, node: Node) -> None:
        """The node's heading, kind or fields changed: redraw its row."""
        self._display.pop(id(node), None)
        self._blanks.pop(id(node), None)
        if self.contains(node):
            index = self.index_for(node)
            self.dataChanged.emit(index, index.siblingAtColumn(self.columnCount() - 1))

    def renumber(self) -> None:
        """Numbers follow the tree: recompute them and redraw every row."""
        if self._report is None:
            return
        self._numbers = outline_numbers(self._report)
        self._display.clear()
        self._blanks.clear()
        self._emit_changed(None, self._report.nodes)

    def _emit_changed(self, parent: Node | None, children: list[Node]) -> None:
        if not children:
            return
        parent_index = self.index_for(parent)
        last = len(children) - 1 + (self._off(self._root) if parent is None else 0)
        self.dataChanged.emit(self.index(0, 0, parent_index),
                              self.index(last, self.columnCount() - 1, parent_index))
        for child in children:
            self._emit_changed(child, child.children)
