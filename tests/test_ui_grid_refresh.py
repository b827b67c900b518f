"""A paste of many fields is announced once (session.fields_changed) and the grid redraws it as one range."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from grid_helpers import long_report  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from model.store import Store  # noqa: E402
from ui.fields_grid import COLUMNS  # noqa: E402
from ui.grid_panel import FieldsGrid  # noqa: E402
from ui.session import ReportSession  # noqa: E402

VALUE, CLAUSE, WHERE = (COLUMNS.index(name) for name in ("value", "clause", "where"))


@pytest.fixture
def grid(qtbot, tmp_path):
    store = Store(tmp_path / "refresh.db")
    session = ReportSession(store)
    session.open_report(store.add_report(long_report(20, per_item=5)))
    widget = FieldsGrid(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    QApplication.processEvents()
    yield widget
    store.close()


def record(signal) -> list:
    seen = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def shown(grid, row: int, column: int) -> str:
    return grid.model.look(row, column)[0]


def test_a_paste_is_one_signal_one_range_and_every_new_value_shows(grid, qtbot):
    session, model = grid.session, grid.model
    for row in range(45):
        shown(grid, row, CLAUSE)  # the clauses are made (and kept) before the paste
    announced, redrawn, tree_rows = record(session.fields_changed), record(model.dataChanged), \
        record(session.model.dataChanged)
    QGuiApplication.clipboard().setText("".join(f"{n}\r\n" for n in range(101, 141)))
    grid.view.setFocus()
    grid.view.setCurrentIndex(model.index(3, VALUE))
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(announced) == 1 and len(announced[0][0]) == 40  # 40 fields, ONE signal for the macro
    assert len(redrawn) == 1
    top, bottom = redrawn[0][0], redrawn[0][1]
    assert (top.row(), bottom.row()) == (3, 42) and (top.column(), bottom.column()) == (0, len(COLUMNS) - 1)
    assert len(tree_rows) == 9  # rows 3–42 are the fields of nine nodes: each tree row redrawn once
    for row, value in zip(range(3, 43), range(101, 141), strict=True):
        assert shown(grid, row, VALUE) == str(value)
        assert f"【{value}次】" in shown(grid, row, CLAUSE)  # the kept clause was made again
    assert shown(grid, 2, VALUE) == shown(grid, 43, VALUE) == "未填"
    assert grid.count_label.text() == "显示 100 / 共 100，未填 60"  # the count follows the paste
    session.undo_stack.undo()
    assert len(announced) == 2 and len(redrawn) == 2  # the undo, too, is one signal and one range
    assert all(shown(grid, row, VALUE) == "未填" for row in range(3, 43))
    assert "【X次】" in shown(grid, 3, CLAUSE)
    assert grid.count_label.text().endswith("未填 100")


def test_an_edit_outside_a_macro_is_announced_at_once(grid):
    session = grid.session
    announced = record(session.fields_changed)
    r = grid.model.row_at(0)
    session.set_field_attr(r.node, r.field.fid, "value", 7)
    assert announced == [([(r.node, r.field.fid)],)]
    assert shown(grid, 0, VALUE) == "7"


def test_a_heading_typed_redraws_only_its_node(grid):
    """A node's text changed: its rows' 位置 are made again; the other rows keep theirs."""
    session, model = grid.session, grid.model
    before = [shown(grid, row, WHERE) for row in range(10)]
    redrawn = record(model.dataChanged)
    node = model.row_at(0).node
    session.set_text(node, "学习教育走深走实。", node.body, list(node.fields))
    assert [shown(grid, row, WHERE) for row in range(5)] != before[:5]
    assert "学习教育走深" in shown(grid, 0, WHERE)
    assert [shown(grid, row, WHERE) for row in range(5, 10)] == before[5:]
    assert [(top.row(), bottom.row()) for top, bottom, *_ in redrawn] == [(0, 4)]


def test_a_paste_and_its_undo_keep_the_blank_count_and_write_each_field_once(grid, qtbot, monkeypatch):
    """The 未填 count follows the fields the edit names (no row is read again for it), and the store
    gets one statement per field and per node, not five per field."""
    from model.report import Field

    session, model = grid.session, grid.model
    assert model.blank_count() == 100
    asked = []
    blank = Field.is_blank
    monkeypatch.setattr(Field, "is_blank", property(lambda f: (asked.append(f.fid), blank.fget(f))[1]))
    statements = []
    session.store.conn.set_trace_callback(statements.append)
    QGuiApplication.clipboard().setText("".join(f"{n}\r\n" for n in range(101, 141)))
    grid.view.setFocus()
    grid.view.setCurrentIndex(model.index(3, VALUE))
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = len(statements)
    session.undo_stack.undo()
    session.store.conn.set_trace_callback(None)
    assert grid.count_label.text().endswith("未填 100") and model.blank_count() == 100
    assert sum(1 for s in statements if s.startswith("INSERT OR REPLACE INTO fields")) == 80
    assert pasted <= 40 + 9 + 5 and len(statements) - pasted <= 40 + 9 + 5  # 40 fields of nine nodes
    monkeypatch.undo()
    assert model.blank_count() == sum(1 for row in range(model.rowCount()) if shown(grid, row, VALUE) == "未填")
    assert len(asked) < model.rowCount()  # not every row for the count
