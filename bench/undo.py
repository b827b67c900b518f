"""One undo history at scale (撤销): a keystroke and a 200-node undo on a 1,000-node, 5,000-field report.

    .venv/bin/python bench/undo.py [--keys 300] [--rounds 15]

A report of 1,000 nodes and 5,000 fields (one section of 200 nodes, sixteen
of 50) in a temporary Store file, opened in a real ReportSession and NodeEditor,
offscreen.  Measured in one run:

- a keystroke: an input-method commit of one Chinese character into a body,
  until its command is on the session's undo stack (merged into the burst);
  and the same keystroke followed by the session's flush, i.e. until SQLite
  has COMMITted it (what the 300 ms timer does once per burst);
- the undo of deleting the 200-node section (the tree, the outline model and
  one SQLite transaction), and its redo.

Peers, in the same run: a bare ``QUndoStack.push`` of a command that does
nothing, and the undo of a bare macro of 200 such commands.  Prints medians
and 95th percentiles; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QInputMethodEvent, QTextCursor, QUndoCommand, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from model.report import Field, FieldKind, Node, NodeKind, Report, token  # noqa: E402
from model.store import Store  # noqa: E402
from ui import commands as cmd  # noqa: E402
from ui.node_editor import NodeEditor  # noqa: E402
from ui.session import ReportSession  # noqa: E402

TYPED = "推进工作落实全面从严治党"
FIELDS_PER_NODE = 5


def big_report() -> Report:
    """1,000 nodes, 5,000 fields: a section of 1 + 199 items, then 16 sections of 1 + 49."""
    fid = iter(range(1, 10_000))

    def node(kind: NodeKind, n: int) -> Node:
        fields = [Field(next(fid), FieldKind.NUMBER, value=None if i % 3 else n * 7 + i, unit="次",
                        label=f"指标{i}") for i in range(FIELDS_PER_NODE)]
        body = "，".join(f"开展第{i + 1}项工作{token(f.fid)}" for i, f in enumerate(fields)) + "。"
        return Node(kind, heading=f"第{n}项工作扎实推进。", body=body, fields=fields)

    def section(n: int, items: int) -> Node:
        head = node(NodeKind.SECTION, n)
        head.children = [node(NodeKind.ITEM, n * 1000 + i) for i in range(items)]
        return head

    return Report(title="2024年度工作总结", year=2024,
                  nodes=[section(0, 199)] + [section(s, 49) for s in range(1, 17)])


class Null(QUndoCommand):
    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def line(name: str, values: list[float]) -> str:
    return f"{name:44}{statistics.median(values) * 1000:>10.2f} ms{p95(values) * 1000:>10.2f} ms"


def keystrokes(app: QApplication, session: ReportSession, editor: NodeEditor, keys: int, flush: bool) -> list[float]:
    node = session.report.nodes[3].children[10]
    editor.set_node(node, session.next_fid)
    editor.body.setFocus()
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    app.processEvents()
    times = []
    for i in range(keys):
        event = QInputMethodEvent()
        event.setCommitString(TYPED[i % len(TYPED)])
        began = time.perf_counter()
        QApplication.sendEvent(editor.body, event)
        if flush:
            assert session.flush()
        times.append(time.perf_counter() - began)
        app.processEvents()
    session.flush()
    return times


def bare_pushes(count: int) -> list[float]:
    stack = QUndoStack()
    times = []
    for _ in range(count):
        began = time.perf_counter()
        stack.push(Null())
        times.append(time.perf_counter() - began)
    return times


def deletion_undo(app: QApplication, session: ReportSession, rounds: int) -> tuple[list[float], list[float]]:
    section = session.report.nodes[0]
    assert sum(1 for _ in section.walk()) == 200
    session.undo_stack.push(cmd.delete_command(session, [section]))
    undos, redos = [], []
    for _ in range(rounds):
        began = time.perf_counter()
        session.undo_stack.undo()
        undos.append(time.perf_counter() - began)
        app.processEvents()
        began = time.perf_counter()
        session.undo_stack.redo()
        redos.append(time.perf_counter() - began)
        app.processEvents()
    session.undo_stack.undo()
    assert session.report.nodes[0] is section
    return undos, redos


def bare_macro_undo(rounds: int) -> list[float]:
    stack = QUndoStack()
    macro = QUndoCommand("删除")
    children = [Null(macro) for _ in range(200)]  # their Python halves must outlive the stack's use
    stack.push(macro)
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        stack.undo()
        times.append(time.perf_counter() - began)
        stack.redo()
    stack.clear()
    del children
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=300, help="keystrokes for each keystroke figure")
    parser.add_argument("--rounds", type=int, default=15, help="undo/redo rounds of the deletion")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "reportdesk.db")
        session = ReportSession(store)
        session.open_report(store.add_report(big_report()))
        nodes = sum(1 for _ in session.report.walk())
        fields = sum(1 for _ in session.report.all_fields())
        editor = NodeEditor(session)
        editor.resize(1000, 700)
        editor.show()
        to_stack = keystrokes(app, session, editor, args.keys, flush=False)
        to_sqlite = keystrokes(app, session, editor, args.keys, flush=True)
        peer_push = bare_pushes(args.keys)
        undos, redos = deletion_undo(app, session, args.rounds)
        peer_macro = bare_macro_undo(args.rounds)
        editor.close()
        store.close()
    print(f"report: {nodes} nodes, {fields} fields; {args.keys} keystrokes per figure, {args.rounds} rounds")
    print(f"{'':44}{'median':>13}{'p95':>13}")
    print(line("keystroke -> undo stack (merged)", to_stack))
    print(line("keystroke -> undo stack + SQLite COMMIT", to_sqlite))
    print(line("bare QUndoStack.push of a no-op (peer)", peer_push))
    print(line("undo of deleting 200 nodes (+ COMMIT)", undos))
    print(line("redo of it (+ COMMIT)", redos))
    print(line("undo of a bare macro of 200 no-ops (peer)", peer_macro))


if __name__ == "__main__":
    main()
