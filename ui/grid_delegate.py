"""How a cell of 所有指标 is drawn and edited: most cells painted by us, in one call each.

Qt's own item paint asks the model seven roles per cell through Python and
lays each text out three times (its size, its elision, its drawing): a
screen of 30 rows × 9 columns took ~40 ms after a filter or a paste.  A plain
cell (not selected, not current, one line) is painted here as Qt paints it —
the same background, ink, font, margins and elision, pixel for pixel
(tests/test_ui_grid_paint.py compares the two) — from ONE call to the model
(``FieldsGridModel.look``), with the elided texts kept.  Selected and
current cells, and any text of several lines, still go through Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLineEdit,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

from ui.cell_paste import CellDelegate

_QT_PAINTS = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_BACKGROUND, _FOREGROUND, _FONT = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                                   Qt.ItemDataRole.FontRole)
LAYOUTS_KEPT = 3000  # laid-out texts kept (a few screens' worth); then all forgotten at once


class GridDelegate(CellDelegate):
    """Plain cells painted in one call; a line editor that, after a refused edit, opens holding what was typed."""

    def __init__(self, model, parent: QWidget | None = None, department_column: int = -1) -> None:
        super().__init__(parent)
        self.model = model
        self.pending_text: str | None = None
        self.last_editor: QWidget | None = None
        self.department_column = department_column
        self.fast = True  # False: every cell through Qt's own paint (the tests compare the two)
        self._layouts: dict[tuple[str, int, bool, bool], tuple[QTextLayout, int]] = {}
        # the view's font, palette and style, as the kept layouts and inks were made with them
        self._font: QFont | None = None
        self._palette, self._style = QPalette(), None
        self._fonts: dict[bool, QFont] = {}
        self._margin = 0
        self._inks: dict[QStyle.StateFlag, QColor | bool] = {}  # a cell's state → its text colour
        self._options = {right: _text_option(_RIGHT if right else _LEFT) for right in (False, True)}

    # -- painting -------------------------------------------------------------------------

    def begin_paint(self, view: QAbstractItemView) -> None:
        """Called by the view before each paint: what every plain cell of this paint shares."""
        font, palette, style = view.font(), view.palette(), view.style()
        if self._font is None or font != self._font or palette != self._palette or style is not self._style:
            self._font, self._palette, self._style = QFont(font), QPalette(palette), style
            italic = QFont(font)
            italic.setItalic(True)  # as the font role's italic QFont() resolves against the view's
            self._fonts = {False: self._font, True: italic}
            self._margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
            self._layouts.clear()
            self._inks.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        state = option.state
        ink = self._inks.get(state)
        if ink is None:
            ink = self._inks[state] = self._plain_ink(state)
        look = self.model.look(index.row(), index.column()) if ink is not False and self.fast else None
        if look is None or "\n" in look[0]:
            super().paint(painter, option, index)
            return
        text, style, right = look
        rect = option.rect
        painter.save()
        if style is not None and _BACKGROUND in style:
            painter.fillRect(rect, style[_BACKGROUND])
        if text:
            margin = self._margin
            layout, height = self._layout(text, style is not None and _FONT in style, rect.width() - 2 * margin, right)
            painter.setPen(style[_FOREGROUND].color() if style is not None and _FOREGROUND in style else ink)
            layout.draw(painter, QPointF(rect.left() + margin, rect.top() + (rect.height() - height) // 2))
        painter.restore()

    def _plain_ink(self, state: QStyle.StateFlag) -> QColor | bool:
        """The text colour Qt's item paint gives a cell in ``state``; False when Qt must paint it (selected…)."""
        if state & _QT_PAINTS:
            return False
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        else:
            group = QPalette.ColorGroup.Normal
        return self._palette.color(group, QPalette.ColorRole.Text)

    def _layout(self, text: str, italic: bool, width: int, right: bool) -> tuple[QTextLayout, int]:
        """The text elided to ``width`` and laid out on one line as Qt's item paint does, kept for the next paint."""
        key = (text, width, italic, right)
        kept = self._layouts.get(key)
        if kept is not None:
            return kept
        if len(self._layouts) >= LAYOUTS_KEPT:
            self._layouts.clear()
        font = self._fonts[italic]
        layout, line = self._one_line(text, font, width, right)
        if line.naturalTextWidth() > width:  # Qt's own test: only then is the text elided (and laid out again)
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            layout, line = self._one_line(elided, font, width, right)
        kept = self._layouts[key] = (layout, int(line.height()))
        return kept

    def _one_line(self, text: str, font: QFont, width: int, right: bool) -> tuple[QTextLayout, QTextLine]:
        layout = QTextLayout(text, font)
        layout.setTextOption(self._options[right])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(width)
        line.setPosition(QPointF(0, 0))
        layout.endLayout()
        return layout, line

    # -- editing -------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        """A line editor; in 部门 it completes the departments already named."""
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and index.column() == self.department_column:
            editor.setCompleter(QCompleter(index.model().departments(), editor))
        self.last_editor = editor
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if self.pending_text is not None and isinstance(editor, QLineEdit):
            editor.setText(self.pending_text)
            self.pending_text = None
            return
        super().setEditorData(editor, index)


def _text_option(alignment: Qt.AlignmentFlag) -> QTextOption:
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.ManualWrap)
    return option
