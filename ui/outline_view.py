"""The outline tree as a writer expects it (提纲视图): F2, Tab / Shift+Tab, a drop that shows where it goes.

Each row shows its blank fields at a glance: a red badge "2 未填" at its right end.

F2 edits the heading in place with the editor's own heading widget, so field
chips stay chips; the edit goes out as ``heading_edited`` for the window's
undo stack.  Tab and Shift+Tab ask for indent and outdent instead of moving
the focus.  The drop indicator is a line with a knob for "between" and a
tinted box for "onto", so the two can no longer be mistaken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QTreeView,
    QWidget,
)

from model.report import TOKEN_RE, Node
from ui.counts import badge_width, blank_badge
from ui.plain_paint import PlainText, is_fusion

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle

DROP_COLOUR = QColor("#1F6FD1")


def draw_drop_indicator(rect: QRect, painter: QPainter) -> None:
    """A 3-pixel line with a knob between rows (height 0), a tinted box onto a row."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if rect.height() == 0:  # between two rows
        painter.setPen(QPen(DROP_COLOUR, 3))
        painter.drawLine(rect.left() + 6, rect.top(), rect.right(), rect.top())
        painter.setBrush(QBrush(DROP_COLOUR))
        painter.drawEllipse(QPointF(rect.left() + 4, rect.top()), 4, 4)
    else:  # onto a row: it becomes that node's child
        fill = QColor(DROP_COLOUR)
        fill.setAlpha(50)
        painter.setPen(QPen(DROP_COLOUR, 2))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
    painter.restore()


def drop_indicator_style(parent: QWidget) -> QStyle:
    """A proxy of the current style that draws Qt's drop indicator with ``draw_drop_indicator``.

    Made at the first drag, not at start-up: the first subclass of QStyle makes
    PySide build all of QStyle's enums, which costs start-up ~15 ms.
    """
    from PySide6.QtWidgets import QProxyStyle, QStyle

    class DropIndicatorStyle(QProxyStyle):
        def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 - Qt's name
            if element == QStyle.PrimitiveElement.PE_IndicatorItemViewItemDrop:
                draw_drop_indicator(option.rect, painter)
            else:
                super().drawPrimitive(element, option, painter, widget)

    style = DropIndicatorStyle()
    style.setParent(parent)
    return style


class HeadingDelegate(QStyledItemDelegate):
    """Paints a row with its blank fields as a badge at the right ("2 未填"); edits its heading with a
    HeadingEdit (chips included), Enter commits, Esc cancels.

    A plain row (not current, hovered or edited: nearly every row of a paint) is painted
    here as Qt's item paint paints it, pixel for pixel (tests/test_ui_tree_paint.py compares the
    two), from ONE call to the model (``OutlineModel.look``) instead of Qt's seven data() roles;
    every other row goes through Qt.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fast = True  # False: every row through Qt's own paint (the tests compare the two)
        self.plain = PlainText(lambda font: font.setBold(True))  # a section: the font role's bold QFont()
        self._font = QFont()
        self._ratio = 1.0
        self._badges: dict[tuple[int, int], QPixmap | None] = {}  # (blank, row height) → the badge

    def begin_paint(self, view: QAbstractItemView) -> None:
        """Called by the view before each paint: what every plain row of this paint shares."""
        if not self.fast:
            return
        ratio = view.viewport().devicePixelRatioF()
        if self.plain.begin(view) or ratio != self._ratio:
            self._font, self._ratio = QFont(view.font()), ratio
            self._badges.clear()

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        """The row's text, then its blank fields as a badge at the right ("2 未填")."""
        colours = self.plain.colours(option.state) if self.fast else None
        if colours is None:
            self._qt_paint(painter, option, index)
            return
        text, bold, background, blank = index.model().look(index)
        rect = option.rect
        badge = self._badge(blank, rect.height()) if blank else None
        text_rect = rect.adjusted(0, 0, -(badge_width(badge) + 6), 0) if badge is not None else rect
        laid = self.plain.layout(text, text_rect, bold)
        if laid is None:
            self._qt_paint(painter, option, index)
            return
        ink, highlight = colours
        painter.save()
        if highlight is not None or background is not None:  # selected: the highlight instead of the tint
            painter.fillRect(text_rect, highlight if highlight is not None else background)
        self.plain.draw(painter, text_rect, laid, ink)
        painter.restore()
        if badge is not None:
            painter.drawPixmap(rect.right() - badge_width(badge) - 2, rect.top(), badge)

    def _badge(self, blank: int, height: int) -> QPixmap | None:
        key = (blank, height)
        if key not in self._badges:
            self._badges[key] = blank_badge(blank, height, self._font, self._ratio)
        return self._badges[key]

    def _qt_paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        """The row as Qt paints it, narrowed by its badge."""
        model = index.model()
        node: Node | None = model.node(index)
        whole = QRect(option.rect)
        badge = blank_badge(model.blank_of(node) if node is not None else 0, whole.height(), option.font,
                            painter.device().devicePixelRatioF())
        if badge is None:
            super().paint(painter, option, index)
            return
        width = badge_width(badge)
        option.rect = whole.adjusted(0, 0, -(width + 6), 0)
        super().paint(painter, option, index)
        option.rect = whole
        painter.drawPixmap(whole.right() - width - 2, whole.top(), badge)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        from ui.heading_edit import HeadingEdit

        editor = HeadingEdit(parent)
        editor.setTabChangesFocus(True)
        editor.enter_pressed.connect(lambda: self._finish(editor))
        return editor

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        node: Node | None = index.model().node(index)
        if node is not None:
            editor.set_content(node.heading, node.fields)
            editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.content(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), editor.height()))
        editor.setGeometry(rect)


class OutlineView(QTreeView):
    """The report's tree: the window connects ``indent_requested`` / ``outdent_requested``."""

    indent_requested = Signal()
    outdent_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        # Every row is one line of the same font (a section's bold is no taller): with uniform heights
        # the tree measures one row, not each row it lays out or scrolls past (sizeHint, so data(), per row).
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)  # F2; a double click only selects
        self.delegate = HeadingDelegate(self)
        self.setItemDelegateForColumn(0, self.delegate)
        self.drop_style = None
        self._style = None
        self._bare_leaves = False  # leaves draw no branch (Fusion: an arrow, only for a row with children)
        self._hides_rows = False   # has a row ever been hidden (the 上年对照 filter)?
        self.setMinimumWidth(200)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.delegate.begin_paint(self)
        if self.delegate.fast:  # (the first paint is Qt's: asking for the style builds QStyle's type, 5 ms)
            style = self.style()
            if style is not self._style:
                self._style = style
                self._bare_leaves = is_fusion(style)
        super().paintEvent(event)

    def setRowHidden(self, row: int, parent: QModelIndex, hide: bool) -> None:  # noqa: N802
        self._hides_rows = self._hides_rows or hide
        super().setRowHidden(row, parent, hide)

    def isIndexHidden(self, index: QModelIndex) -> bool:  # noqa: N802
        """No row is hidden until one has been: Qt's own test asks the model (through Python) for the
        row's parent and its index again, for every row it paints or measures, only to find none."""
        if self._hides_rows:
            return super().isIndexHidden(index)
        return self.isColumnHidden(index.column())

    def drawBranches(self, painter: QPainter, rect: QRect, index: QModelIndex) -> None:  # noqa: N802
        """A leaf's branch is nothing to draw in Fusion: skipping it spares Qt asking the model (through
        Python) for the row's parent, its parent's and their rows, only to learn so, on every painted row."""
        if self._bare_leaves and self.delegate.fast and self.model().is_leaf(index):
            return
        super().drawBranches(painter, rect, index)

    def edit(self, index: QModelIndex, *args) -> bool:
        """The 文前 row is front matter, not a node: F2 or a double click asks for its own editor."""
        model = self.model()
        if getattr(model, "is_front", None) and model.is_front(index):
            if not args or args[0] in (QAbstractItemView.EditTrigger.EditKeyPressed,
                                       QAbstractItemView.EditTrigger.DoubleClicked):
                model.front_requested.emit()
            return False
        return super().edit(index, *args)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.drop_style is None:
            self.drop_style = drop_indicator_style(self)
            self.setStyle(self.drop_style)
        super().dragEnterEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tab / Shift+Tab indent and outdent (before Qt would move the focus), unless editing."""
        if (event.type() == QEvent.Type.KeyPress and self.state() != QAbstractItemView.State.EditingState
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            backwards = event.key() == Qt.Key.Key_Backtab or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            (self.outdent_requested if backwards else self.indent_requested).emit()
            event.accept()
            return True
        return super().event(event)


def kept_fields(node: Node, heading: str) -> list:
    """The node's fields once its heading reads ``heading``: a chip deleted there takes its field along."""
    present = {int(m.group(1)) for m in TOKEN_RE.finditer(heading + node.body)}
    before = {int(m.group(1)) for m in TOKEN_RE.finditer(node.heading + node.body)}
    return [f for f in node.fields if f.fid in present or f.fid not in before]


def _shortened(text: str, most: int = 16) -> str:
    """A heading as long as a status bar can show beside the counts."""
    return text if len(text) <= most else text[:most - 1] + "…"


def deleted_message(model, nodes: list[Node]) -> str:
    """"已删除 3.意识形态抓细抓实（含 4 个下级、29 个指标），Ctrl+Z 撤销": what a delete took away."""
    tr = model.tr
    below = sum(sum(1 for _ in n.walk()) - 1 for n in nodes)
    fields = sum(len(m.fields) for n in nodes for m in n.walk())
    what = _shortened(model.display_text(nodes[0])) if len(nodes) == 1 else tr("{n} 个节点").format(n=len(nodes))
    parts = ([tr("{n} 个下级").format(n=below)] if below else []) + (
        [tr("{n} 个指标").format(n=fields)] if fields else [])
    detail = tr("（含 {parts}）").format(parts=tr("、").join(parts)) if parts else ""
    return tr("已删除 {what}{detail}，Ctrl+Z 撤销").format(what=what, detail=detail)
