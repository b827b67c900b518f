"""The main window, offscreen: tree, editor wiring, saving to SQLite, undo, export, start-up paths."""

from __future__ import annotations

import sys
import types

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Signal  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QWidget  # noqa: E402

from model.paths import DB_NAME  # noqa: E402
from model.report import Field, FieldKind, Node, NodeKind, Report  # noqa: E402
from model.store import Store  # noqa: E402
from ui import app as app_module  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


class PlaceholderEditor(QWidget):
    """Stands in for ui.node_editor.NodeEditor: the same signals and methods, and a record of calls."""

    text_edited = Signal(object)
    field_edit_requested = Signal(object, int, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.node = None
        self.next_fid = None
        self.flushes = 0
        self.refreshes = 0
        self.focused: list[int] = []

    def set_node(self, node, next_fid=None) -> None:
        self.node, self.next_fid = node, next_fid

    def flush(self) -> None:
        self.flushes += 1

    def refresh_fields(self) -> None:
        self.refreshes += 1

    def focus_field(self, fid: int) -> None:
        self.focused.append(fid)


def make_report() -> Report:
    def num(fid: int, value=None, unit: str = "次") -> Field:
        return Field(fid, FieldKind.NUMBER, value, unit, source=f"X{unit}")

    return Report(
        title="2024年领导班子述职述廉报告", year=2024, organisation="示例局",
        nodes=[
            Node(NodeKind.PREAMBLE, "", "一年来，班子团结协作，较好完成了各项任务。现报告如下："),
            Node(NodeKind.SECTION, "坚持党建引领，筑牢思想根基。", "", children=[
                Node(NodeKind.ITEM, "理论学习常抓不懈。", "全年集中学习⟦1⟧，专题研讨⟦2⟧。",
                     fields=[num(1, 12), num(2)]),
                Node(NodeKind.ITEM, "组织建设扎实有力。", "", children=[
                    Node(NodeKind.INLINE, "抓宣传。", "开展活动⟦3⟧。", fields=[num(3, unit="场")]),
                    Node(NodeKind.INLINE, "抓培训。", "培训干部⟦4⟧。", fields=[num(4, 80, "人次")]),
                ]),
            ]),
            Node(NodeKind.SECTION, "坚持从严治党，锤炼过硬作风。", "", children=[
                Node(NodeKind.ITEM, "压实主体责任。", "签订责任书⟦5⟧。", fields=[num(5, 36, "份")]),
            ]),
            Node(NodeKind.CLOSING, "", "新的一年，我们将继续努力，推动各项工作再上新台阶。"),
        ],
    )


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / DB_NAME


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    store = Store(db_path)
    store.add_report(make_report())
    win = MainWindow(store, Settings(tmp_path / "settings.ini"), PlaceholderEditor())
    qtbot.addWidget(win)
    yield win
    store.close()


def reloaded(db_path, report_id: int) -> Report:
    other = Store(db_path)
    try:
        return other.load_report(report_id)
    finally:
        other.close()


def display_tree(model, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(model.data(index))
        out.extend(display_tree(model, index))
    return out


def test_window_shows_the_report_tree_with_numbers(window):
    shown = display_tree(window.session.model)
    assert "一、坚持党建引领，筑牢思想根基。" in shown
    assert "1.理论学习常抓不懈。" in shown
    assert "一是抓宣传。" in shown and "二是抓培训。" in shown
    assert window.windowTitle() == "报告编制助手 — 《2024年领导班子述职述廉报告》"
    assert window.count_label.text() == "已填 3 / 共 5"


def test_selecting_a_node_shows_it_in_the_editor(window):
    item = window.session.report.nodes[1].children[0]
    window.select_node(item)
    assert window.editor.node is item
    assert window.editor.next_fid() == 6


def test_a_text_command_is_in_sqlite_and_undoable(window, db_path, qtbot):
    from ui.commands import SetTextCommand

    item = window.session.report.nodes[1].children[0]
    window.select_node(item)
    with qtbot.waitSignal(window.session.saved):
        window.session.undo_stack.push(SetTextCommand(window.session, item, "理论武装持续深化。", item.body,
                                                      item.fields))
    stored = reloaded(db_path, window.session.report.id)
    assert stored.nodes[1].children[0].heading == "理论武装持续深化。"
    assert window.saved_label.text().startswith("已保存 ")
    assert "1.理论武装持续深化。" in display_tree(window.session.model)
    window.select_node(window.session.report.nodes[0])
    window.act_undo.trigger()
    assert window.current_node() is item  # the undo shows where it happened
    assert reloaded(db_path, window.session.report.id).nodes[1].children[0].heading == "理论学习常抓不懈。"


def test_field_edit_is_stored_and_undoable(window, db_path):
    item = window.session.report.nodes[1].children[0]
    window.select_node(item)
    window.editor.field_edit_requested.emit(item, 2, {"value": 6})
    assert reloaded(db_path, window.session.report.id).nodes[1].children[0].field_by_id(2).value == 6
    assert window.editor.refreshes == 1 and window.count_label.text() == "已填 4 / 共 5"
    window.act_undo.trigger()
    assert reloaded(db_path, window.session.report.id).nodes[1].children[0].field_by_id(2).value is None


def test_structure_actions_undo_and_redo(window, db_path):
    report = window.session.report
    s2 = report.nodes[2]
    window.select_node(s2)
    window.act_up.trigger()
    assert report.nodes[1] is s2
    assert "一、坚持从严治党，锤炼过硬作风。" in display_tree(window.session.model)
    assert reloaded(db_path, report.id).nodes[1].heading == s2.heading
    window.act_undo.trigger()
    assert report.nodes[2] is s2 and reloaded(db_path, report.id).nodes[2].heading == s2.heading
    window.act_redo.trigger()
    assert report.nodes[1] is s2
    window.act_add_child.trigger()
    assert len(s2.children) == 2 and window.editor.node is s2.children[1]
    window.act_delete.trigger()
    assert len(s2.children) == 1 and len(reloaded(db_path, report.id).nodes[1].children) == 1


def test_a_drop_in_the_tree_is_one_undoable_move(window, db_path, qtbot):
    from PySide6.QtCore import QModelIndex, Qt

    report = window.session.report
    model = window.session.model
    s1, s2 = report.nodes[1], report.nodes[2]
    dragged = s1.children[0]
    mime = model.mimeData([model.index_for(dragged)])
    assert model.dropMimeData(mime, Qt.MoveAction, -1, 0, model.index_for(s2))
    qtbot.waitUntil(lambda: dragged in s2.children)
    assert s2.children[-1] is dragged and model.data(model.index_for(dragged)) == "2.理论学习常抓不懈。"
    assert reloaded(db_path, report.id).nodes[2].children[1].heading == "理论学习常抓不懈。"
    window.act_undo.trigger()
    assert s1.children[0] is dragged
    assert not model.dropMimeData(model.mimeData([model.index_for(s1)]), Qt.MoveAction, 0, 0,
                                  model.index_for(s1.children[1]))
    assert model.rowCount(QModelIndex()) == 4


def test_report_info_changes_the_title(window, monkeypatch):
    from ui.report_list import ReportInfoDialog
    from ui.session import ReportInfo

    monkeypatch.setattr(ReportInfoDialog, "exec", lambda self: 1)
    monkeypatch.setattr(ReportInfoDialog, "info", lambda self: ReportInfo("2025年工作总结", 2025, "示例局"))
    window.edit_info()
    assert window.windowTitle() == "报告编制助手 — 《2025年工作总结》"
    window.act_undo.trigger()
    assert window.windowTitle().endswith("《2024年领导班子述职述廉报告》")


def test_closing_flushes_and_the_next_window_restores(window, qtbot, tmp_path, db_path):
    store = window.session.store
    second = store.add_report(Report(title="另一份报告", year=2023, nodes=[Node(NodeKind.SECTION, "标题。")]))
    window.open_report(second)
    window.close()
    assert window.editor.flushes >= 1
    again = MainWindow(store, Settings(tmp_path / "settings.ini"), PlaceholderEditor())
    qtbot.addWidget(again)
    assert again.session.report.id == second


def test_checks_dock_leads_to_the_blank_field(window):
    pytest.importorskip("model.checks")
    window.act_check.trigger()
    assert window.checks_dock.isVisibleTo(window) and window.checks.count() >= 2
    row = next(i for i, p in enumerate(window.checks.problems) if p.fid == 2)
    window.checks.itemClicked.emit(window.checks.item(row))
    assert window.editor.node is window.session.report.nodes[1].children[0]
    assert window.editor.focused == [2]


def test_checks_dock_follows_saves(window, qtbot):
    window.show_checks()
    before = window.checks.count()
    item = window.session.report.nodes[1].children[0]
    window.select_node(item)
    with qtbot.waitSignal(window.session.saved):
        window.editor.field_edit_requested.emit(item, 2, {"value": 6})
    assert window.checks.count() == before - 1


def test_export_actions_need_a_report(qtbot, tmp_path):
    store = Store(tmp_path / "empty" / DB_NAME)
    win = MainWindow(store, Settings(tmp_path / "settings.ini"), PlaceholderEditor())
    qtbot.addWidget(win)
    assert not any(a.isEnabled() for a in (win.act_export, win.act_pdf, win.act_print))
    assert win.exports.export_word() is None and win.exports.print_report() is None
    store.close()


def _plain_store(folder):
    return Store(folder / DB_NAME)


def test_a_file_that_is_not_ours_is_named_and_left_as_it_is(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not a database" * 200)
    monkeypatch.setattr(app_module, "open_store", _plain_store)
    asked = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: asked.append((a[1], a[2])) or QMessageBox.Ok)
    assert app_module.open_store_or_ask(folder) is None
    assert asked[0][0] == "数据文件不是 ReportDesk 的数据" and "损坏" not in asked[0][1]
    assert (folder / DB_NAME).read_bytes() == b"this is not a database" * 200  # nothing seeded over it
    assert [p.name for p in folder.iterdir()] == [DB_NAME]


def test_a_damaged_database_declined_exits_cleanly(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"garbage" * 500)
    monkeypatch.setattr(app_module, "open_store", _plain_store)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: QMessageBox.No)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    assert app_module.run(folder, quit_after_show=True) == 1
    assert (folder / DB_NAME).read_bytes().startswith(b"garbage")


@pytest.fixture
def loops_work_afterwards(qapp):
    """run() quits the application; in this test process every later event loop (qtbot.wait, waitUntil)
    would then return at once until the next exec(), so one empty exec() puts things right."""
    yield
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)
    qapp.exec()


def test_quit_after_show_returns_zero(tmp_path, monkeypatch, loops_work_afterwards):
    try:
        import ui.node_editor  # noqa: F401
    except ImportError:
        fake = types.ModuleType("ui.node_editor")
        fake.NodeEditor = PlaceholderEditor
        monkeypatch.setitem(sys.modules, "ui.node_editor", fake)
    folder = tmp_path / "data"
    store = _plain_store(folder)
    store.add_report(make_report())
    store.close()
    monkeypatch.setattr(app_module, "open_store", _plain_store)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    assert app_module.run(folder, quit_after_show=True) == 0


def test_an_unexpected_error_becomes_a_message_and_a_log(tmp_path, monkeypatch, qapp):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: said.append(a[2]) or QMessageBox.Ok)
    app_module.install_error_hook(tmp_path / "data")
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    logs = list((tmp_path / "data" / "logs").iterdir())
    assert "程序遇到意外错误" in said[0] and str(logs[0]) in said[0] and "boom" not in said[0]  # English stays in the log
    assert len(logs) == 1 and "RuntimeError: boom" in logs[0].read_text(encoding="utf-8")


def test_qt_speaks_chinese(qapp):
    assert app_module.install_chinese(qapp)
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_screenshot(window, tmp_path):
    window.resize(1280, 800)
    window.show()
    window.select_node(window.session.report.nodes[1].children[0])
    path = tmp_path / "window.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_an_unexpected_error_in_the_window_is_a_message_and_a_log(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_error_hook(tmp_path)
    try:
        raise KeyError("缺少")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [log] = (tmp_path / "logs").glob("error-*.txt")
    assert "KeyError" in log.read_text(encoding="utf-8")
    assert len(shown) == 1 and str(log) in shown[0]


def test_a_node_selected_while_a_shortcut_is_held_is_the_only_selection(window, qtbot):
    """Ctrl+Shift+Return adds a child and selects it while Ctrl and Shift are still held; Ctrl+Z selects
    the node it undoes while Ctrl is held. The held keys must not extend or toggle the tree's selection,
    or the next Delete would remove more than the clerk sees as current."""
    from PySide6.QtCore import Qt

    report = window.session.report
    s1 = report.nodes[1]
    window.select_node(s1)
    qtbot.keyPress(window.tree, Qt.Key.Key_Control)  # the keys of a shortcut, still down
    qtbot.keyPress(window.tree, Qt.Key.Key_Shift, Qt.KeyboardModifier.ControlModifier)
    window.act_add_child.trigger()
    new = s1.children[-1]
    assert window.current_node() is new
    assert window.selected_nodes() == [new]
    window.act_undo.trigger()
    assert new not in s1.children
    assert window.selected_nodes() == [window.current_node()]
    qtbot.keyRelease(window.tree, Qt.Key.Key_Shift, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(window.tree, Qt.Key.Key_Control)
