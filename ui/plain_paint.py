"""A plain item's text drawn as Qt's item paint draws it, without the style: the tree and 所有指标 share it.

Qt's own item paint (QStyledItemDelegate, then the style's CE_ItemViewItem)
asks the model seven roles per item through Python and lays each text out
three times (its size, its elision, its drawing).  An item that is not
current, hovered or being edited needs only its background (the highlight
when selected), its ink, its font, the style's text margin and its text
elided to the width: ``PlainText`` draws
that, keeping each laid-out text for the next paint (a text too wide for a
view that wraps goes to Qt, which lays it out on several lines).  The delegates that use
it paint the same pixels as Qt (tests/test_ui_grid_paint.py and
tests/test_ui_tree_paint.py compare the two ways) and leave every other
state to Qt.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView

TYPE_CHECKING = False  # as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LAYOUTS_KEPT = 3000  # laid-out texts kept (a few screens' worth); then all forgotten at once


class PlainText:
    """What the plain items of one view share: its two fonts (plain and ``marked``), inks, margin, texts.

    ``marked`` makes the second font from a copy of the view's (italic for 未填, bold for a section),
    as the font role's QFont resolves against the view's font in Qt's paint.
    """

    def __init__(self, marked: Callable[[QFont], None]) -> None:
        self._marked = marked
        self._font: QFont | None = None
        self._palette, self._style = QPalette(), None
        self.fonts: dict[bool, QFont] = {}
        self._margin = 0
        self._wraps = False
        self._fills_selection = False  # does the style fill a selected item's whole rectangle, flat?
        self._colours: dict[QStyle.StateFlag, tuple[QColor, QBrush | None] | None] = {}  # by an item's state
        self._layouts: dict[tuple[str, int, bool, bool], tuple[QTextLayout, int] | None] = {}
        self._options = {right: _text_option(_RIGHT if right else _LEFT) for right in (False, True)}

    def begin(self, view: QAbstractItemView) -> bool:
        """Before each paint of ``view``: True when its font, palette or style changed (all kept is forgotten)."""
        font, palette, style = view.font(), view.palette(), view.style()
        if (self._font is not None and font == self._font and palette == self._palette and style is self._style
                and view.wordWrap() == self._wraps):
            return False
        from PySide6.QtWidgets import QStyle  # named at the first fast paint (see _qt_paints)

        self._font, self._palette, self._style = QFont(font), QPalette(palette), style
        marked = QFont(font)
        self._marked(marked)
        self.fonts = {False: self._font, True: marked}
        self._margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._wraps = view.wordWrap()
        self._layouts.clear()
        self._fills_selection = is_fusion(style) and bool(
            style.styleHint(QStyle.StyleHint.SH_ItemView_ShowDecorationSelected, None, view))
        self._colours.clear()
        return True

    def colours(self, state: QStyle.StateFlag) -> tuple[QColor, QBrush | None] | None:
        """The text colour Qt's item paint gives an item in ``state`` and, for a selected item, the
        highlight that takes the place of its background; None when Qt must paint it (current, hovered…)."""
        kept = self._colours.get(state, False)
        if kept is False:
            kept = self._colours[state] = self._plain_colours(state)
        return kept

    def _plain_colours(self, state: QStyle.StateFlag) -> tuple[QColor, QBrush | None] | None:
        from PySide6.QtWidgets import QStyle

        selected = bool(state & QStyle.StateFlag.State_Selected)
        if state & _qt_paints() or selected and not self._fills_selection:
            return None
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        else:
            group = QPalette.ColorGroup.Normal
        if selected:
            return (self._palette.color(group, QPalette.ColorRole.HighlightedText),
                    self._palette.brush(group, QPalette.ColorRole.Highlight))
        return self._palette.color(group, QPalette.ColorRole.Text), None

    def layout(self, text: str, rect: QRect, marked: bool = False,
               right: bool = False) -> tuple[QTextLayout, int] | None:
        """``text`` laid out on one line for ``rect``, elided as Qt elides it, kept for the next paint;
        None when the view wraps its texts and this one is too wide (Qt lays it out on several lines)."""
        width = rect.width() - 2 * self._margin
        key = (text, width, marked, right)
        if key in self._layouts:
            return self._layouts[key]
        if len(self._layouts) >= LAYOUTS_KEPT:
            self._layouts.clear()
        font = self.fonts[marked]
        layout, line = self._one_line(text, font, width, right)
        kept: tuple[QTextLayout, int] | None = None
        if line.naturalTextWidth() <= width:
            kept = (layout, int(line.height()))
        elif not self._wraps:  # Qt's own test: only then is the text elided (and laid out again)
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            layout, line = self._one_line(elided, font, width, right)
            kept = (layout, int(line.height()))
        self._layouts[key] = kept
        return kept

    def draw(self, painter: QPainter, rect: QRect, laid: tuple[QTextLayout, int], ink: QColor) -> None:
        """A text from ``layout`` in ``rect``, vertically centred, in ``ink``."""
        layout, height = laid
        painter.setPen(ink)
        layout.draw(painter, QPointF(rect.left() + self._margin, rect.top() + (rect.height() - height) // 2))

    def _one_line(self, text: str, font: QFont, width: int, right: bool) -> tuple[QTextLayout, QTextLine]:
        layout = QTextLayout(text, font)
        layout.setTextOption(self._options[right])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(width)
        line.setPosition(QPointF(0, 0))
        layout.endLayout()
        return layout, line


@functools.cache
def _qt_paints() -> QStyle.StateFlag:
    """The states Qt paints itself (focus, hover, editing). Named at first use, not at import: naming
    QStyle's flags builds QStyle's Python type, 5 ms a start-up that paints its first screen through Qt."""
    from PySide6.QtWidgets import QStyle

    return QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Editing


def is_fusion(style: QStyle) -> bool:
    """Fusion (Qt's own, offscreen and on Linux), also under the tree's drop-indicator proxy: its selection
    is a flat highlight, a leaf's branch nothing.  Other styles (Windows') draw their own: left to Qt."""
    # a proxy is known by its baseStyle(): naming QProxyStyle would build its Python type at start-up (5 ms)
    base = style.baseStyle() if hasattr(style, "baseStyle") else style
    return base.name().lower() == "fusion"


def _text_option(alignment: Qt.AlignmentFlag) -> QTextOption:
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.ManualWrap)
    return option
