"""What a node switch costs in the real window: no relayout of the page, the tree repaints only the
rows that changed, the 上年对照 dock counts again only after an edit (speed lives in bench/ui.py;
these count the work, which does not depend on the machine)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from test_ui_window import make_report  # noqa: E402
from ui_helpers import shown_window, type_chinese  # noqa: E402

from model.rollover import roll_over  # noqa: E402
from model.store import Store  # noqa: E402


class Events(QObject):
    """Counts events of one type sent to the watched objects."""

    def __init__(self, kind: QEvent.Type, *watched: QObject) -> None:
        super().__init__()
        self.kind, self.count = kind, 0
        for obj in watched:
            obj.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == self.kind:
            self.count += 1
        return False


class PaintedHeight(QObject):
    """The height of what was repainted of one widget (the union of its paint events' regions)."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.height = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.height += event.region().boundingRect().height()
        return False


@pytest.fixture
def win(qtbot, tmp_path):
    store = Store(tmp_path / "data" / "reportdesk.db")
    store.add_report(make_report())
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1200, 800), active=False)
    store.close()


def inline_items(win):
    group = win.session.report.nodes[1].children[1]
    return group.children  # 抓宣传。 / 抓培训。: one line of heading each


LONG = "抓宣传，推动理论学习走深走实，把学习成果转化为推动工作的具体举措，" * 3  # two lines or more


@pytest.fixture
def long_headings(qtbot, tmp_path):
    report = make_report()
    for n, node in enumerate(report.nodes[1].children[1].children):
        node.heading = f"{n}{LONG}"
    store = Store(tmp_path / "data" / "reportdesk.db")
    store.add_report(report)
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1200, 800), active=False)
    store.close()


def test_a_node_switch_lays_nothing_out_again_when_the_sizes_stay(long_headings):
    """Loading a text empties the document inside the same edit block (the heading never fits its
    height to an empty text), and an empty status label is not cleared again: either would relayout
    the editor's page (and, through it, the window)."""
    win = long_headings
    first, second = inline_items(win)
    for node in (first, second):  # each shown once: the window has settled
        win.select_node(node)
        QApplication.processEvents()
    assert win.editor.heading.height() > 2 * win.editor.heading.fontMetrics().height()  # it wraps
    editor = win.editor
    layouts = Events(QEvent.Type.LayoutRequest, editor, editor.page, win.centralWidget())
    win.select_node(first)
    QApplication.processEvents()
    assert editor.body.content() == first.body and editor.heading.content() == first.heading
    assert layouts.count == 0


def test_the_next_row_repaints_only_the_two_rows_that_changed(win):
    """A switch with the 上年对照 dock hidden does not repaint the whole tree (↓ repaints two rows)."""
    first, second = inline_items(win)
    win.select_node(first)
    QApplication.processEvents()
    viewport = win.tree.viewport()
    painted = PaintedHeight(viewport)
    win.select_node(second)
    QApplication.processEvents()
    row = win.tree.visualRect(win.session.model.index_for(second)).height()
    assert 0 < painted.height <= 2 * row < viewport.height()


@pytest.fixture
def rolled(qtbot, tmp_path):
    store = Store(tmp_path / "data" / "reportdesk.db")
    store.add_report(roll_over(make_report(), 2025))
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1280, 800), active=False)
    store.close()


def test_the_dock_counts_what_is_left_again_after_an_edit_not_at_each_switch(rolled, monkeypatch):
    """The 未改写 count is kept between switches; an edit drops it at once (before the dock's own
    refresh is due), so the next node shown says the new count."""
    from ui import last_year

    window = rolled
    first, second = inline_items(window)
    window.select_node(first)
    window.last_year.act_show.trigger()
    before = sum(1 for n in window.session.report.walk() if last_year.is_unrewritten(n))
    assert f"全文尚有 {before} 段未改写" in window.last_year.status.text()
    asked = []
    original = last_year.is_unrewritten
    monkeypatch.setattr(last_year, "is_unrewritten", lambda node: (asked.append(node), original(node))[1])
    window.select_node(second)
    assert len(asked) <= 2  # the node shown, not the whole report
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(body, "新增培训内容。")
    window.select_node(first)  # at once: the dock's timer has not run
    assert f"全文尚有 {before - 1} 段未改写" in window.last_year.status.text()


def test_the_counts_change_at_a_switch_without_laying_out_the_status_bar(win):
    """The counts label keeps a fixed size (grown for a longer text): its text changes at each switch,
    which would otherwise relay out and repaint the whole status bar."""
    first, second = inline_items(win)
    label = win.counts.label
    label.recount()
    for node in (first, second, first):
        win.select_node(node)
        QApplication.processEvents()
    layouts = Events(QEvent.Type.LayoutRequest, win.statusBar(), win)
    shown = label.text()
    win.select_node(second)
    QApplication.processEvents()
    assert label.text() != shown and label.text().startswith("本节")
    assert layouts.count == 0
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())  # all of it in view


def items_with_the_same_moves(win):
    """理论学习 (two fields) and 抓宣传 (one): each the first of its siblings, with one after it."""
    section = win.session.report.nodes[1]
    return section.children[0], section.children[1].children[0]


def test_a_switch_changes_the_fields_table_without_repainting_its_header(win):
    """The table's rows are removed or added and the rest changed, not the model reset: a reset
    repainted (and measured) the header of five columns that never change, at every switch."""
    two, one = items_with_the_same_moves(win)
    table, model = win.editor.table, win.editor.fields_model
    widths = [table.columnWidth(c) for c in range(model.columnCount())]
    win.select_node(two)
    QApplication.processEvents()
    header = Events(QEvent.Type.Paint, table.horizontalHeader().viewport())
    cells = Events(QEvent.Type.Paint, table.viewport())
    for node in (one, two, one):
        win.select_node(node)
        QApplication.processEvents()
        assert [model.field_at(r) for r in range(model.rowCount())] == node.fields
    assert header.count == 0 and cells.count >= 3
    assert [table.columnWidth(c) for c in range(model.columnCount())] == widths


def test_a_switch_lets_go_of_the_table_s_cell_editor_and_selection_as_a_reset_did(win):
    two, one = items_with_the_same_moves(win)
    table, model = win.editor.table, win.editor.fields_model
    win.select_node(two)
    QApplication.processEvents()
    table.setCurrentIndex(model.index(1, 1))
    table.edit(model.index(1, 1))
    assert table.state() == table.State.EditingState
    win.select_node(one)
    QApplication.processEvents()
    assert table.state() == table.State.NoState
    assert not table.currentIndex().isValid() and not table.selectionModel().hasSelection()
    assert model.rowCount() == 1 and model.field_at(0) is one.fields[0]


class Calls:
    """Counts the calls our code makes to one method of one Qt object (set on the object itself)."""

    def __init__(self, obj, name: str) -> None:
        self.count, original = 0, getattr(obj, name)

        def counted(*args):
            self.count += 1
            return original(*args)

        setattr(obj, name, counted)


def test_a_switch_sets_only_the_actions_whose_state_changes(win):
    """A switch asks for the actions' states twice (current row, selection): only the ones that
    change are set, and the states stay right."""
    two, one = items_with_the_same_moves(win)
    win.select_node(two)
    QApplication.processEvents()
    calls = {name: Calls(getattr(win, name), "setEnabled") for name in (
        "act_add_sibling", "act_add_child", "act_delete", "act_up", "act_down", "act_outdent", "act_indent",
        "act_export", "act_check", "act_department")}
    win.select_node(one)
    assert sum(c.count for c in calls.values()) == 0
    first, second = inline_items(win)
    assert first is one
    win.select_node(second)  # the last of two: up and in, not down
    assert {name for name, c in calls.items() if c.count} == {"act_up", "act_down", "act_indent"}
    assert all(c.count == 1 for name, c in calls.items() if c.count)
    assert win.act_up.isEnabled() and not win.act_down.isEnabled() and win.act_indent.isEnabled()
    assert win.act_outdent.isEnabled() and win.act_delete.isEnabled() and win.act_export.isEnabled()


def test_the_counts_label_is_not_measured_again_at_a_switch_whose_text_fits(win):
    """What the label adds around its text is kept: its size hint lays the text out again."""
    first, second = inline_items(win)
    label = win.counts.label
    label.recount()
    for node in (first, second):
        win.select_node(node)
        QApplication.processEvents()
    hints = Calls(label, "sizeHint")
    shown = label.text()
    win.select_node(first)
    QApplication.processEvents()
    assert label.text() != shown and hints.count == 0


def test_a_switch_reads_neither_text_back_from_its_document(win):
    """The paragraphs a load puts in are known from the text (ui.text_block.loaded_paragraphs)."""
    first, second = inline_items(win)
    win.select_node(first)
    QApplication.processEvents()
    reads = [Calls(edit, "_block_text") for edit in (win.editor.heading, win.editor.body)]
    win.select_node(second)
    QApplication.processEvents()
    assert sum(r.count for r in reads) == 0
    assert win.editor.body.content() == second.body and win.editor.heading.content() == second.heading


@pytest.fixture
def fields_window(qtbot, tmp_path):
    from grid_helpers import long_report

    store = Store(tmp_path / "data" / "reportdesk.db")
    store.add_report(long_report(20, per_item=5))
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1280, 800), active=False)
    store.close()


def test_undoing_a_paste_shows_one_node_not_each_in_turn(fields_window):
    """Undo and redo of a paste over many nodes load the editor once, with the node where showing each
    changed node in turn ended: the first pasted cell's for an undo, the last's for a redo."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QKeyEvent

    from ui.fields_grid import COLUMNS

    window = fields_window
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    grid, model = window.grid, window.grid.model
    grid.view.setCurrentIndex(model.index(7, COLUMNS.index("value")))
    QGuiApplication.clipboard().setText("".join(f"{n}\r\n" for n in range(101, 141)))  # rows 7–46
    QApplication.sendEvent(grid.view, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_V,
                                                Qt.KeyboardModifier.ControlModifier))
    first, last = model.row_at(7), model.row_at(46)
    assert first.node is not last.node and first.field.value == 101
    loads = Calls(window.editor, "set_node")
    window.session.undo_stack.undo()
    assert window.current_node() is first.node and first.field.value is None
    window.session.undo_stack.redo()
    assert window.current_node() is last.node and last.field.value == 140
    assert window.editor.fields_model.field_at(0).value is not None  # the editor shows the new values
    assert loads.count == 2  # one node shown for each
