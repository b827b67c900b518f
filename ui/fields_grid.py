"""Every field of the report in one table (所有指标): where it stands, its clause, its values.

One row per field, in reading order; filtering and sorting are done here on
plain Python lists (no proxy model), so 5,000 rows filter in a few
milliseconds.  The texts a row shows (位置, 原文) are made when first asked
for and kept until the text changes.  Like the per-node table, this model
never changes a Field: an edit is read, turned into commands
(``ui.field_commands``) and pushed on the session's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from model.fields import format_value, render_field
from model.report import FieldKind, Node
from ui import field_commands as fc
from ui.fields_table import (
    BLANK_BACKGROUND,
    BLANK_INK,
    BLANK_TEXT,
    COMPUTED_INK,
    FieldInputError,
    change_text,
    edit_text,
)
from ui.grid_rows import ALL, STATE_TESTS, GridFilter, GridRow, change_value, is_blank, note_of, report_rows
from ui.grid_text import clause_text, where_text
from ui.qt_chinese import chinese_only

COLUMNS = ("where", "label", "clause", "value", "unit", "last_value", "change", "department", "note")
HEADERS = ("位置", "名称", "原文", "本年", "单位", "上年", "变化", "部门", "备注")
EDITABLE = ("label", "value", "unit", "last_value", "department", "note")
NUMERIC = ("value", "last_value", "change")

_READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _READ_ONLY_FLAGS | Qt.ItemFlag.ItemIsEditable
_DISPLAY, _EDIT, _ALIGN, _TOOLTIP = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                     Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole)
_NO_ROLES = frozenset({Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole,
                       Qt.ItemDataRole.SizeHintRole, Qt.ItemDataRole.StatusTipRole,
                       Qt.ItemDataRole.WhatsThisRole, Qt.ItemDataRole.AccessibleTextRole,
                       Qt.ItemDataRole.AccessibleDescriptionRole})
_STYLE_ROLES = frozenset({Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                          Qt.ItemDataRole.FontRole})
_VALUE = COLUMNS.index("value")
_NUMERIC = frozenset(COLUMNS.index(name) for name in NUMERIC)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


def _blank_style() -> dict:
    italic = QFont()
    italic.setItalic(True)
    return {Qt.ItemDataRole.BackgroundRole: QBrush(QColor(BLANK_BACKGROUND)),
            Qt.ItemDataRole.ForegroundRole: QBrush(QColor(BLANK_INK)),
            Qt.ItemDataRole.FontRole: italic}


def _tr(text: str) -> str:
    return QCoreApplication.translate("FieldsGrid", text)


class FieldsGridModel(QAbstractTableModel):
    """The rows of 所有指标, filtered and sorted; edits become undoable commands on ``session``."""

    edits_refused = Signal(list)  # [(row label, column header, reason)] of the last edit or paste

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self._all: list[GridRow] = []
        self._shown: list[GridRow] = []
        self._position: dict[int, int] = {}   # fid → row in _shown
        self._node_fids: dict[int, list[int]] = {}  # id(node) → its fields' ids as the rows have them
        self._where: dict[int, str] = {}      # id(node) → 位置
        self._clause: dict[int, str] = {}     # fid → 原文
        self._by_fid: dict[int, GridRow] = {}  # fid → its row among all rows
        self._blanks: set[int] | None = None  # the fids of the 未填 rows among all; None: count at next ask
        self._numbers: Callable[[Node], str] = lambda node: ""
        self.filter = GridFilter()
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._blank_text = _tr(BLANK_TEXT)
        self._blank_style = _blank_style()
        self._computed_style = {Qt.ItemDataRole.ForegroundRole: QBrush(QColor(COMPUTED_INK))}  # as its chip
        self._computed_tip = _tr("同比表述：由所依据指标的本年和上年数值自动计算，无需填写")

    # -- content ---------------------------------------------------------------------

    def rebuild(self) -> None:
        """Read the report's fields again (after a structural change or another report)."""
        self.beginResetModel()
        report = self.session.report
        self._all = report_rows(report)
        self._node_fids = {}
        for r in self._all:
            self._node_fids.setdefault(id(r.node), []).append(r.field.fid)
        self._by_fid = {r.field.fid: r for r in self._all}
        self._numbers = self.session.model.number_of
        self._blanks = None
        self.forget_texts()
        sections = {id(r.section) for r in self._all}
        if self.filter.section is not None and id(self.filter.section) not in sections:
            self.filter = replace(self.filter, section=None)
        self._shown = self._filtered()
        self._sort_shown()
        self.endResetModel()

    def fields_differ(self, node: Node) -> bool:
        """Whether ``node`` now holds other fields than its rows (a chip typed or deleted in the text)."""
        return [f.fid for f in node.fields] != self._node_fids.get(id(node), [])

    def forget_texts(self) -> None:
        """Texts or numbers changed: 位置 and 原文 are made again when next shown."""
        self._where.clear()
        self._clause.clear()

    def set_filter(self, grid_filter: GridFilter) -> None:
        self.beginResetModel()
        self.filter = grid_filter
        self._shown = self._filtered()
        self._sort_shown()
        self.endResetModel()

    def rows(self) -> list[GridRow]:
        return list(self._shown)

    def all_rows(self) -> list[GridRow]:
        return list(self._all)

    def row_at(self, row: int) -> GridRow | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, fid: int) -> int | None:
        return self._position.get(fid)

    def sections(self) -> list[Node]:
        """The sections that hold fields, in reading order."""
        seen: dict[int, Node] = {}
        for r in self._all:
            seen.setdefault(id(r.section), r.section)
        return list(seen.values())

    def section_name(self, section: Node) -> str:
        """"二、坚持从严治党…": how a section is named in the filter."""
        return where_text(section, (), self._numbers)

    def blank_count(self) -> int:
        """How many of all the rows are 未填: counted once, then kept up by ``fields_changed`` for the
        fields it names (a paste and its undo each read every row again)."""
        if self._blanks is None:
            self._blanks = {r.field.fid for r in self._all if r.field.is_blank}
        return len(self._blanks)

    def departments(self) -> list[str]:
        return sorted({r.department for r in self._all if r.department})

    def fields_changed(self, fids: list[int]) -> None:
        """Fields changed elsewhere or through us (one edit): their rows redrawn as ONE range, clauses made again."""
        rows = []
        blanks = self._blanks
        for fid in fids:
            if blanks is not None:
                r = self._by_fid.get(fid)
                if r is not None and r.field.is_blank:
                    blanks.add(fid)
                else:
                    blanks.discard(fid)
            row = self._position.get(fid)
            if row is not None:
                rows.append(row)
                self._forget_node(self._shown[row].node)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def node_changed(self, node: Node) -> None:
        """A node's text changed: its rows' 位置 and 原文 are made again, and only its rows redrawn."""
        self._forget_node(node)
        rows = [row for row in map(self._position.get, self._node_fids.get(id(node), [])) if row is not None]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def _forget_node(self, node: Node) -> None:
        self._where.pop(id(node), None)
        for f in node.fields:
            self._clause.pop(f.fid, None)

    def departments_changed(self) -> None:
        """A node's department changed: the inherited departments are read again."""
        by_fid = {r.field.fid: r for r in report_rows(self.session.report)}
        for r in self._all:
            fresh = by_fid.get(r.field.fid)
            if fresh is not None:
                r.department = fresh.department
        if self._shown:
            column = COLUMNS.index("department")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._shown) - 1, column))

    # -- filtering and sorting ---------------------------------------------------------

    def _filtered(self) -> list[GridRow]:
        flt = self.filter
        rows = self._all
        if flt.state != ALL:
            test = STATE_TESTS[flt.state]
            rows = [r for r in rows if test(r.field)]
        if flt.section is not None:
            rows = [r for r in rows if r.section is flt.section]
        if flt.department is not None:
            rows = [r for r in rows if r.department == flt.department]
        words = flt.search.strip()
        if words:
            rows = [r for r in rows if words in r.field.label or words in self.clause(r)]
        return rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: A003
        """By any column; column -1 (or 位置) is reading order."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_shown()
        self.layoutChanged.emit()

    def _sort_shown(self) -> None:
        column, order = self._sort
        name = COLUMNS[column] if 0 <= column < len(COLUMNS) else "where"
        if name == "where":
            self._shown.sort(key=lambda r: r.order, reverse=order is Qt.SortOrder.DescendingOrder)
        else:
            key = _sort_key(self, name)
            # blank cells last in either direction, ties in reading order
            filled = sorted((r for r in self._shown if key(r) is not None), key=lambda r: r.order)
            filled.sort(key=key, reverse=order is Qt.SortOrder.DescendingOrder)
            self._shown = filled + [r for r in self._shown if key(r) is None]
        self._position = {r.field.fid: i for i, r in enumerate(self._shown)}

    # -- texts ---------------------------------------------------------------------------

    def where(self, r: GridRow) -> str:
        text = self._where.get(id(r.node))
        if text is None:
            text = self._where[id(r.node)] = where_text(r.node, r.path, self._numbers)
        return text

    def clause(self, r: GridRow) -> str:
        text = self._clause.get(r.field.fid)
        if text is None:
            text = self._clause[r.field.fid] = clause_text(r.node, r.field.fid)
        return text

    def cell_text(self, r: GridRow, name: str) -> str:
        """What a cell shows; blank values are empty here (the view paints 未填)."""
        f = r.field
        if name == "where":
            return self.where(r)
        if name == "label":
            return f.label
        if name == "clause":
            return self.clause(r)
        if name == "value":
            return render_field(f, "", r.node) if f.kind is FieldKind.CHANGE else format_value(f.value, f.precision)
        if name == "unit":
            return f.qualifier + f.unit if f.kind is FieldKind.NUMBER else ""
        if name == "last_value":
            return "" if f.kind is FieldKind.CHANGE else format_value(f.last_value, f.precision)
        if name == "change":
            return change_text(f)
        if name == "department":
            return r.department
        return note_of(f)

    def edit_text(self, r: GridRow, name: str) -> str:
        """What a cell holds when edited or copied: every digit kept."""
        if name in ("value", "last_value"):
            return edit_text(getattr(r.field, name))
        if name == "department":
            return r.node.department.strip() or r.department
        return self.cell_text(r, name)

    # -- Qt's model interface -------------------------------------------------------------

    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        # One Python call per cell painted instead of Qt's rowCount + columnCount.
        if 0 <= row < len(self._shown) and 0 <= column < len(COLUMNS) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return _tr(HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._shown):
            return str(self._shown[section].order + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        row = index.row()
        if not 0 <= row < len(self._shown):
            return Qt.ItemFlag.NoItemFlags
        return _EDITABLE_FLAGS if self.is_editable(self._shown[row], COLUMNS[index.column()]) else _READ_ONLY_FLAGS

    @staticmethod
    def is_editable(r: GridRow, name: str) -> bool:
        """A computed phrase's figures are computed, not typed; a name has no unit."""
        if name not in EDITABLE:
            return False
        if name in ("value", "unit", "last_value") and r.field.kind is FieldKind.CHANGE:
            return False
        return name != "unit" or r.field.kind is FieldKind.NUMBER

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called seven times per cell Qt paints itself (a selected or current cell): the cheap answers first.
        if role in _NO_ROLES:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._shown):
            return None
        r = self._shown[row]
        if role == _DISPLAY:
            return self.display_text(r, column)
        if role in _STYLE_ROLES:
            style = self._style(r, column)
            return style.get(role) if style else None
        if role == _ALIGN:
            return _RIGHT if column in _NUMERIC else None
        if role == _EDIT:
            return self.edit_text(r, COLUMNS[column])
        if role == _TOOLTIP and COLUMNS[column] in ("where", "clause"):
            return self.cell_text(r, COLUMNS[column])
        if role == _TOOLTIP and column == _VALUE and r.field.kind is FieldKind.CHANGE:
            return self._computed_tip
        return None

    def display_text(self, r: GridRow, column: int) -> str:
        """What a cell shows, 未填 in a blank 本年."""
        if column == _VALUE and is_blank(r.field):
            return self._blank_text
        return self.cell_text(r, COLUMNS[column])

    def _style(self, r: GridRow, column: int) -> dict | None:
        """The background, ink and font roles of a cell: only 本年 has any (未填, a computed phrase)."""
        if column != _VALUE:
            return None
        if r.field.kind is FieldKind.CHANGE:
            return self._computed_style
        return self._blank_style if is_blank(r.field) else None

    def look(self, row: int, column: int) -> tuple[str, dict | None, bool] | None:
        """(text, style roles, right-aligned) of a cell in ONE call, for the delegate's own paint."""
        if not 0 <= row < len(self._shown) or not 0 <= column < len(COLUMNS):
            return None
        r = self._shown[row]
        return self.display_text(r, column), self._style(r, column), column in _NUMERIC

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """One typed cell: read by the input rules, then one undoable command."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.apply_cells([(index.row(), index.column(), "" if value is None else str(value))],
                                _tr("修改指标")) > 0

    # -- edits -------------------------------------------------------------------------------

    def apply_cells(self, cells: list[tuple[int, int, str]], text: str) -> int:
        """Typed or pasted cells (row, column, text) as ONE undo step; refused cells are reported.

        ``text`` names the step in the undo list, ``{n}`` in it the cells taken.  Returns that count.
        """
        plan = fc.EditPlan()
        refused: list[tuple[str, str, str]] = []
        for row, column, typed in cells:
            r = self.row_at(row)
            name = COLUMNS[column] if 0 <= column < len(COLUMNS) else ""
            header = _tr(HEADERS[column]) if name else _tr("第 {n} 列").format(n=column + 1)
            if r is None:
                refused.append((_tr("第 {n} 行").format(n=row + 1), header, _tr("超出表格末行")))
                continue
            if not name:
                refused.append((self.row_name(r), header, _tr("超出表格末列")))
                continue
            if not self.is_editable(r, name):
                if typed.strip() != self.edit_text(r, name).strip():  # a block copied from here comes back quietly
                    refused.append((self.row_name(r), header, _tr("此列不能修改")))
                continue
            try:
                plan.add_cell(r.node, r.field, name, typed)
            except FieldInputError as error:
                refused.append((self.row_name(r), _tr(HEADERS[column]), chinese_only(str(error))))
        command = plan.command(self.session, text.replace("{n}", str(plan.cells)))
        if command is not None:
            self.session.undo_stack.push(command)
        self.edits_refused.emit(refused)
        return plan.cells

    def row_name(self, r: GridRow) -> str:
        """"第 2 行（专题研讨）": a row as the refusal names it (its number as shown at the left)."""
        return _tr("第 {n} 行（{label}）").format(n=r.order + 1, label=r.field.label or self.where(r))


def _sort_key(model: FieldsGridModel, name: str) -> Callable[[GridRow], object]:
    """A key for ``name`` that is None for an empty cell; numbers compare as numbers."""
    if name in ("value", "last_value"):
        return lambda r: _value_key(getattr(r.field, name))
    if name == "change":
        return lambda r: change_value(r.field)
    return lambda r: model.cell_text(r, name) or None


def _value_key(value) -> tuple[int, float | str] | None:
    """Numbers before words, each in their own order; None for a blank."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return (1, value)
    return (0, float(value))
