"""The fields of one node as a table beside its text (指标表): value, unit, last year, change.

The table never changes a Field itself: an edit is parsed, then handed out as
``edit_requested`` (all the attributes one typed cell sets, at once: one undo
step) so the window can apply it through its undo stack and call
``refresh()``.  Bad input is refused with a message, never an exception.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemDelegate, QMenu, QTableView, QWidget

from model.fields import FieldInputError, format_value, read_input, render_field, year_change
from model.report import Field, FieldKind, Node, NodeKind, Value
from ui.grid_delegate import GridDelegate
from ui.qt_chinese import chinese_only

COLUMNS = ("label", "value", "unit", "last_value", "change")
HEADERS = ("名称", "本年数值", "单位", "上年数值", "变化")
BLANK_TEXT = "未填"
BLANK_BACKGROUND = "#FFF3C4"
BLANK_INK = "#8A8A8A"
COMPUTED_INK = "#1D5A2A"  # as the computed chip (ui.chips.COMPUTED_COLOURS)
NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
QUALIFIERS = ("余", "多")  # "300余人次": printed between the number and the unit


_DISPLAY, _EDIT, _FOREGROUND, _BACKGROUND, _FONT, _ALIGN, _TOOLTIP = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ToolTipRole))
_ROLES = frozenset((_DISPLAY, _EDIT, _FOREGROUND, _BACKGROUND, _FONT, _ALIGN, _TOOLTIP))
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_TYPED = _SHOWN | Qt.ItemFlag.ItemIsEditable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@functools.cache
def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


@functools.cache
def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


@functools.cache
def _blank_style() -> dict:
    return {Qt.ItemDataRole.BackgroundRole: _brush(BLANK_BACKGROUND), Qt.ItemDataRole.ForegroundRole: _brush(BLANK_INK),
            Qt.ItemDataRole.FontRole: _italic()}


@functools.cache
def _computed_style() -> dict:
    return {Qt.ItemDataRole.ForegroundRole: _brush(COMPUTED_INK)}


__all__ = ["FieldInputError", "FieldsModel", "parse_number", "parse_value"]  # FieldInputError lives in model.fields


def _tr(text: str) -> str:
    return QCoreApplication.translate("FieldsModel", text)


def parse_number(text: str, unit: str = "") -> int | float | None:
    """A typed number: "1,234.5", full-width "１２３", an optional trailing unit; "" is blank.

    Whole numbers typed without a decimal point come back as int.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    unit = unicodedata.normalize("NFKC", unit).strip()
    if unit and cleaned.endswith(unit) and cleaned != unit:
        cleaned = cleaned[: -len(unit)]
    if cleaned == "":
        return None
    if not NUMBER_RE.fullmatch(cleaned):
        raise FieldInputError(_tr("“%1”不是数字，请输入如 1234 或 12.5 的数值。").replace("%1", text))
    number = float(cleaned)
    if not math.isfinite(number):
        raise FieldInputError(_tr("数值太大，请检查后重新输入。"))
    return int(number) if "." not in cleaned else number


def split_qualifier(text: str, f: Field) -> tuple[str, str | None]:
    """"1350余" or "1350余人次" → ("1350", "余"); text without a qualifier → (text, None)."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    unit = unicodedata.normalize("NFKC", f.unit).strip()
    if unit and cleaned.endswith(unit) and cleaned != unit:
        cleaned = cleaned[: -len(unit)].rstrip()
    if cleaned.endswith(QUALIFIERS) and len(cleaned) > 1:
        return cleaned[:-1], cleaned[-1]
    return text, None


def split_unit(text: str) -> tuple[str, str]:
    """What is typed in the unit column: "余人次" → ("余", "人次")."""
    stripped = text.strip()
    if stripped.startswith(QUALIFIERS):
        return stripped[0], stripped[1:].strip()
    return "", stripped


def parse_value(text: str, f: Field) -> Value:
    """What the clerk typed, as a value of ``f`` (number or text); "" means blank (None)."""
    if f.kind is FieldKind.NUMBER:
        return parse_number(text, f.unit)
    stripped = text.strip()
    return stripped or None


def edit_text(value: Value) -> str:
    """The value as the clerk edits it: every digit kept (format_value would round)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def cell_edits(f: Field, column: str, text: str) -> dict[str, object]:
    """The field attributes one typed cell sets ("1350余" sets the value and the qualifier).

    ``column`` is value, last_value, unit or label; FieldInputError when the text cannot be taken.
    """
    if column == "value" and f.kind is FieldKind.NUMBER:
        value, qualifier, precision = read_input(text, f)  # what is typed is what prints
        return {"qualifier": qualifier, "precision": precision, "value": value}  # value last: Ctrl+Z undoes it
    if column in ("value", "last_value"):
        qualifier = None
        if f.kind is FieldKind.NUMBER:
            text, qualifier = split_qualifier(text, f)
        edits: dict[str, object] = {column: parse_value(text, f)}
        if column == "value" and qualifier is not None:
            edits["qualifier"] = qualifier
        return edits
    if column == "unit":
        qualifier, unit = split_unit(text)
        if NUMBER_RE.fullmatch(unicodedata.normalize("NFKC", unit).replace(",", "")):
            raise FieldInputError(_tr("单位不能是数字（“%1”）：请填“次”“万元”之类；粘贴时请检查是否错了一列。")
                                  .replace("%1", unit))
        return {"qualifier": qualifier, "unit": unit}
    return {column: text.strip()}


def change_text(f: Field) -> str:
    """The change against last year in words ("增长20%", "提高1.2个百分点"), as everywhere else."""
    found = year_change(f)
    return "" if found is None else found.text


class FieldsModel(QAbstractTableModel):
    """Rows: the fields of one node; columns: 名称 / 本年数值 / 单位 / 上年数值 / 变化."""

    edit_requested = Signal(int, object)  # fid, {attribute: parsed value} of one typed cell
    input_refused = Signal(str)                # why the typed text was not taken
    replacing = Signal()                       # other fields are about to be shown (see set_fields)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._fields: list[Field] = []

    # -- content ---------------------------------------------------------
    def set_fields(self, fields: list[Field]) -> None:
        """Show these fields (a copy of the list is kept; the Field objects are shared).

        The same fields again only redraw: a reset would destroy the cell editor
        that is committing right now (the edit that made the window call us).
        Other fields (a node switch) first send ``replacing``, on which the view lets
        go of its editor, current cell and selection as at a model reset, then come
        in as rows removed or added and the rest changed: a model reset repaints and
        measures the header again at every switch, though its five columns never change.
        """
        if len(fields) == len(self._fields) and all(a is b for a, b in zip(fields, self._fields, strict=True)):
            self.refresh()
            return
        self.replacing.emit()
        old, new = len(self._fields), len(fields)
        if new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            del self._fields[new:]
            self.endRemoveRows()
        elif new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._fields.extend(fields[old:])
            self.endInsertRows()
        self._fields = list(fields)
        self.refresh()

    def refresh(self) -> None:
        """The shown Field objects changed: redraw every cell."""
        if self._fields:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._fields) - 1, len(COLUMNS) - 1))

    def field_at(self, row: int) -> Field | None:
        return self._fields[row] if 0 <= row < len(self._fields) else None

    def row_of(self, fid: int) -> int | None:
        return next((row for row, f in enumerate(self._fields) if f.fid == fid), None)

    # -- Qt model --------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._fields)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != _DISPLAY:  # the header asks for a dozen roles at each repaint
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return _tr(HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._fields):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Asked for every cell at each repaint: the flags are made once (a Qt flag's | is slow in Python)."""
        if not index.isValid():
            return _NO_FLAGS
        column = COLUMNS[index.column()]
        f = self._fields[index.row()]
        if column == "change" or (column == "unit" and f.kind is FieldKind.TEXT):
            return _SHOWN
        if f.kind is FieldKind.CHANGE and column != "label":
            return _SHOWN  # computed from its basis field, not typed
        return _TYPED

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        """Asked for seven roles of every cell at each repaint (and a node switch repaints them all):
        roles are compared as plain ints, the ones never answered turned away first."""
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._fields):
            return None
        f = self._fields[index.row()]
        column = COLUMNS[index.column()]
        if role == _DISPLAY:
            return self._display(f, column)
        if role == _EDIT:
            return self._edit(f, column)
        if role == _TOOLTIP:
            return self._tooltip(f)
        if role == _ALIGN:
            return _RIGHT if f.kind is FieldKind.NUMBER and column in ("value", "last_value", "change") else None
        if column != "value":
            return None
        if f.kind is FieldKind.CHANGE:
            return _brush(COMPUTED_INK) if role == _FOREGROUND else None
        if not f.is_blank:
            return None
        if role == _FOREGROUND:
            return _brush(BLANK_INK)
        if role == _BACKGROUND:
            return _brush(BLANK_BACKGROUND)
        return _italic()  # _FONT

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Parse and hand the edit out (``edit_requested``); the Field is not touched here."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() \
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        f = self._fields[index.row()]
        column = COLUMNS[index.column()]
        text = "" if value is None else str(value)
        try:
            edits = cell_edits(f, column, text)
        except FieldInputError as error:
            self.input_refused.emit(chinese_only(str(error)))
            return False
        changed = {attr: new for attr, new in edits.items()
                   if not (new == getattr(f, attr) and type(new) is type(getattr(f, attr)))}
        if changed:
            self.edit_requested.emit(f.fid, changed)
        return bool(changed)

    def look(self, row: int, column: int) -> tuple[str, dict | None, bool] | None:
        """(text, style roles, right-aligned) of a cell in ONE call, as data() answers them, for the
        delegate's own paint (ui.grid_delegate: a node switch repaints every cell of this table)."""
        if not 0 <= row < len(self._fields) or not 0 <= column < len(COLUMNS):
            return None
        f = self._fields[row]
        name = COLUMNS[column]
        style = None
        if name == "value" and f.kind is FieldKind.CHANGE:
            style = _computed_style()
        elif name == "value" and f.is_blank:
            style = _blank_style()
        return (self._display(f, name), style,
                f.kind is FieldKind.NUMBER and name in ("value", "last_value", "change"))

    # -- helpers ----------------------------------------------------------
    def _display(self, f: Field, column: str) -> str:
        if column == "label":
            return f.label
        if column == "value" and f.kind is FieldKind.CHANGE:
            return render_field(f, context=Node(NodeKind.ITEM, fields=self._fields))  # 同比: computed
        if column == "value":
            return _tr(BLANK_TEXT) if f.is_blank else format_value(f.value, f.precision)
        if f.kind is FieldKind.CHANGE and column in ("unit", "last_value"):
            return ""  # the computed words carry their unit; last year's is the basis's
        if column == "unit":
            return f.qualifier + f.unit
        if column == "last_value":
            return format_value(f.last_value, f.precision)
        return change_text(f)

    @staticmethod
    def _edit(f: Field, column: str) -> str:
        if column in ("value", "last_value"):
            return edit_text(getattr(f, column))
        if column == "change":
            return change_text(f)
        if column == "unit":
            return f.qualifier + f.unit
        return getattr(f, column)

    def _tooltip(self, f: Field) -> str:
        if f.kind is FieldKind.CHANGE:
            basis = next((g for g in self._fields if g.fid == f.basis), None)
            name = basis.label or basis.source if basis else "?"
            return _tr("同比表述：由“{name}”的本年和上年数值自动计算（右键可解除绑定）").format(name=name)
        kind = _tr("数值指标") if f.kind is FieldKind.NUMBER else _tr("文字填空")
        source = _tr("原文：") + f.source if f.source else ""
        return "\n".join(part for part in (kind, source) if part)


class FieldsView(QTableView):
    """The table as a clerk types into it: Enter stores the cell and goes on to the row below.

    Its context menu binds a figure to the number before it as a computed 同比
    phrase, or unbinds one (``phrase_requested``: fid, True to bind).
    """

    phrase_requested = Signal(int, bool)

    def setModel(self, model) -> None:  # noqa: N802
        """Its plain cells painted from one ``look`` each, as 所有指标's (the delegate edits as Qt's)."""
        super().setModel(model)
        model.replacing.connect(self.reset)  # editor, current cell and selection go, as at a model reset
        self.delegate = GridDelegate(model, self)
        self.setItemDelegate(self.delegate)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.delegate.begin_paint(self)
        super().paintEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        index = self.indexAt(event.pos()) if event.reason() != event.Reason.Keyboard else self.currentIndex()
        menu = self.field_menu(self.model().field_at(index.row()) if index.isValid() else None)
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()

    def field_menu(self, f: Field | None) -> QMenu | None:
        """绑定同比表述 for a number, 解除绑定 for a computed phrase; None without a field."""
        if f is None:
            return None
        menu = QMenu(self)
        bind = menu.addAction(_tr("绑定同比表述"))
        bind.setToolTip(_tr("把这个增幅与同一句中前面的数值绑定，按两年数值自动计算"))
        bind.setEnabled(f.kind is FieldKind.NUMBER)
        bind.triggered.connect(lambda: self.phrase_requested.emit(f.fid, True))
        unbind = menu.addAction(_tr("解除绑定"))
        unbind.setEnabled(f.kind is FieldKind.CHANGE)
        unbind.triggered.connect(lambda: self.phrase_requested.emit(f.fid, False))
        return menu

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        super().closeEditor(editor, hint)
        if hint is QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def move_down(self) -> None:
        """The cell below the current one becomes current (the last row stays)."""
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(current.sibling(current.row() + 1, current.column()))
