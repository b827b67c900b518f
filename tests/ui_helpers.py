"""What the node-editor tests share: a node in the genre's shape, the editor on a session, Chinese typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from model.report import Field, FieldKind, Node, NodeKind, Report, token
from model.store import Store
from ui.node_editor import NodeEditor
from ui.session import ReportSession
from ui.text_block import FieldTextEdit


def make_node() -> Node:
    """An item in the genre's shape: three filled numbers, two blanks (one of them a name)."""
    fields = [
        Field(1, value=24, unit="次", label="理论学习", last_value=20),
        Field(2, value=None, unit="次", label="集中研学", last_value=8),
        Field(3, value=36, unit="篇", label="学习体会", last_value=30),
        Field(4, kind=FieldKind.TEXT, value=None, label="示范社区"),
        Field(5, value=98.5, unit="%", precision=1, label="办复率", last_value=97),
    ]
    body = (f"班子全年开展理论学习{token(1)}，其中集中研学{token(2)}，成员撰写学习体会{token(3)}。"
            "班子成员带头深入基层调研，推动学习成果转化为解决实际问题的具体举措。"
            f"\n推进{token(4)}等清廉文化载体建设，建议提案办复率{token(5)}，群众满意度持续提升。")
    return Node(NodeKind.ITEM, heading="政治学习常抓不懈。", body=body, fields=fields, id=11)


def shown_editor(qtbot) -> NodeEditor:
    """A node editor on screen over a session on an in-memory store, closed with the test."""
    widget = NodeEditor(ReportSession(Store(":memory:")))
    qtbot.addWidget(widget)
    widget.resize(1000, 420)
    widget.show()
    return widget


def open_node(editor: NodeEditor, node: Node) -> Node:
    """``node`` stored as a one-node report, opened in the session and the editor; the node as loaded.

    New fields get ids 100, 101, …
    """
    session = editor.session
    session.open_report(session.store.add_report(Report(title="测试报告", year=2024, nodes=[node])))
    loaded = session.report.nodes[0]
    ids = iter(range(100, 200))
    editor.set_node(loaded, lambda: next(ids))
    return loaded


def stored_node(editor: NodeEditor) -> Node:
    """The editor's report's first node as SQLite holds it (pending writes flushed first)."""
    session = editor.session
    session.flush()
    return session.store.load_report(session.report.id).nodes[0]


def type_chinese(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key (with modifiers) pressed and released; the modifiers are released too, which QTest forgets."""
    QTest.keyClick(widget, key, modifiers)
    for flag, modifier_key in ((Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
                               (Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
                               (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt)):
        if modifiers & flag:
            QTest.keyRelease(widget, modifier_key)


def move_to(text_edit: FieldTextEdit, position: int) -> None:
    cursor = text_edit.textCursor()
    cursor.setPosition(position)
    text_edit.setTextCursor(cursor)


def cursor_at(text_edit: FieldTextEdit, pos: int) -> QTextCursor:
    cursor = QTextCursor(text_edit.document())
    cursor.setPosition(pos)
    return cursor


def shown_window(qtbot, store: Store, settings_path, size: tuple[int, int] | None = None, active: bool = True):
    """The main window on ``store``, shown for a test; ``active`` waits until it has the focus (keys, shortcuts)."""
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow(store, Settings(settings_path))
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    if active:
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
    else:
        window.show()
        qtbot.waitExposed(window)
    return window
