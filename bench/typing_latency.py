"""Typing latency (打字延迟): the node editor with its saving against a plain QTextEdit, offscreen.

    .venv/bin/python bench/typing_latency.py [--keys 2000] [--block 100] [--save-every 10]

One keystroke is an input-method commit of one Chinese character, sent with
QApplication.sendEvent, then processEvents (layout and paint).  Ours: a
NodeEditor showing a long node (~1,500 characters, 60 fields, two of them in
the heading), wired to a real ReportSession on a temporary Store file: each
keystroke is a command pushed on the session's undo stack (merged into the
burst); every ``--save-every`` keystrokes the session is flushed as its 300 ms
timer would (one SQLite transaction), and that time counts in the keystroke.  Peer: a plain QTextEdit with the same text, fields written
out as plain characters, the same font, no saving.  Both type into the middle
of the second paragraph; each block of keystrokes starts from the original
text; blocks alternate.  Prints medians and 95th percentiles per keystroke,
their ratio, and the median of one save.  Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from model.fields import render_text  # noqa: E402
from model.report import Field, FieldKind, Node, NodeKind, Report, token  # noqa: E402
from model.store import Store  # noqa: E402
from ui.fonts import editor_font  # noqa: E402
from ui.node_editor import NodeEditor  # noqa: E402
from ui.session import ReportSession  # noqa: E402

WHO = ["局党组", "各科室", "党员干部", "基层站所", "班子成员", "机关支部"]
DID = ["开展", "组织", "完成", "推动", "落实", "召开"]
WHAT = ["专题学习", "业务培训", "走访调研", "整改任务", "督导检查", "宣传活动", "警示教育"]
UNITS = ["次", "人次", "项", "万元", "%", "个"]
FILLER = "坚持问题导向，细化工作措施，压实各方责任，推动各项任务落地见效。"
TYPED = "推进工作落实全面从严治党"


def plain(text: str, fields: list[Field]) -> str:
    """The text as it reads, each field written out (what the peer editor holds)."""
    return render_text(text, Node(NodeKind.ITEM, fields=fields))


def long_node(chars: int = 1500, fields: int = 60, paragraphs: int = 3) -> Node:
    """An item with a heading holding two fields and a body of ``paragraphs`` long paragraphs."""
    made: list[Field] = []

    def field_here(label: str) -> str:
        fid = len(made) + 1
        unit = UNITS[fid % len(UNITS)]
        made.append(Field(fid, FieldKind.NUMBER, value=None if fid % 3 == 0 else fid * 7, unit=unit,
                          label=label, last_value=fid * 6))
        return token(fid)

    heading = f"推进高标准农田建设，新建高标准农田{field_here('新建农田')}，完成投资{field_here('投资')}。"
    per_paragraph = (chars - len(plain(heading, made))) // paragraphs
    body_fields = fields - len(made)
    lines = []
    for p in range(paragraphs):
        text, quota = "", body_fields // paragraphs + (1 if p < body_fields % paragraphs else 0)
        for i in range(quota):
            what = WHAT[(p + i) % len(WHAT)]
            text += f"{WHO[i % len(WHO)]}{DID[(i + p) % len(DID)]}{what}{field_here(what)}，"
            text += FILLER[: (i * 3) % 10]
        while (short := per_paragraph - len(plain(text, made)) - 1) > 0:
            text += FILLER[:short]
        lines.append(text.rstrip("，") + "。")
    return Node(NodeKind.ITEM, heading=heading, body="\n".join(lines), fields=made)


def commit(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def middle_of_second_paragraph(edit: QTextEdit) -> None:
    block = edit.document().findBlockByNumber(1)
    cursor = edit.textCursor()
    cursor.setPosition(block.position() + block.length() // 2)
    edit.setTextCursor(cursor)
    edit.setFocus()


class Ours:
    """The NodeEditor on a stored report, saved through a real session."""

    def __init__(self, folder: Path, save_every: int) -> None:
        self.store = Store(folder / "reportdesk.db")
        node = long_node()
        self.original = (node.heading, node.body, list(node.fields))
        report = Report(title="2024年度工作总结", year=2024, nodes=[Node(NodeKind.SECTION, heading="主要工作",
                                                                         children=[node])])
        self.session = ReportSession(self.store)
        self.session.open_report(self.store.add_report(report))
        self.node = self.session.report.nodes[0].children[0]
        self.saves: list[float] = []  # only the saves of typing, not those of the resets
        self.typing = False
        flush = self.session.flush

        def timed_flush() -> bool:  # the SQLite transaction: session flush to commit
            start = time.perf_counter()
            done = flush()
            if self.typing:
                self.saves.append(time.perf_counter() - start)
            return done

        self.session.flush = timed_flush
        self.editor = NodeEditor(self.session)
        self.editor.resize(1000, 700)
        self.editor.show()
        self.save_every = save_every
        self.count = 0
        self.chars = len(plain(node.heading + node.body, node.fields))

    def reset(self) -> None:
        self.editor.flush()
        node = self.node
        self.session.set_text(node, *self.original)
        self.session.flush()
        self.session.undo_stack.clear()
        self.editor.set_node(None)
        self.editor.set_node(node, self.session.next_fid)
        middle_of_second_paragraph(self.editor.body)
        self.count = 0

    def key(self, app: QApplication, text: str) -> None:
        commit(self.editor.body, text)
        app.processEvents()
        self.count += 1
        if self.count % self.save_every == 0:
            self.typing = True
            self.session.flush()
            self.typing = False
            app.processEvents()

    def close(self) -> None:
        self.editor.flush()
        self.editor.close()
        self.store.close()


class Peer:
    """A plain QTextEdit holding the same text as plain characters; nothing saved."""

    def __init__(self, node: Node) -> None:
        self.text = plain(node.body, node.fields)
        self.edit = QTextEdit()
        self.edit.setAcceptRichText(False)
        self.edit.setFont(editor_font())
        self.edit.show()

    def reset(self) -> None:
        self.edit.setPlainText(self.text)
        middle_of_second_paragraph(self.edit)

    def key(self, app: QApplication, text: str) -> None:
        commit(self.edit, text)
        app.processEvents()


def type_block(app: QApplication, key: Callable[[QApplication, str], None], start: int, count: int,
               into: list[float]) -> None:
    for i in range(start, start + count):
        began = time.perf_counter()
        key(app, TYPED[i % len(TYPED)])
        into.append(time.perf_counter() - began)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def report(ours: list[float], peer: list[float], saves: list[float], save_every: int) -> None:
    saving = ours[save_every - 1::save_every]
    plain = [t for i, t in enumerate(ours) if (i + 1) % save_every]
    print(f"{'':28}{'median':>12}{'p95':>12}{'max':>12}")
    for name, values in (("NodeEditor + saving", ours), ("  keystrokes without a save", plain),
                         ("  keystrokes with a save", saving), ("plain QTextEdit (peer)", peer)):
        print(f"{name:28}{ms(statistics.median(values)):>12}{ms(p95(values)):>12}{ms(max(values)):>12}")
    print(f"ratio ours/peer: median {statistics.median(ours) / statistics.median(peer):.2f}x, "
          f"p95 {p95(ours) / p95(peer):.2f}x")
    print(f"one save (session flush -> SQLite commit): median {ms(statistics.median(saves))} "
          f"over {len(saves)} saves")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=2000, help="keystrokes for each side")
    parser.add_argument("--block", type=int, default=100, help="keystrokes per alternating block")
    parser.add_argument("--save-every", type=int, default=10, help="keystrokes between debounced saves")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        ours = Ours(Path(folder), args.save_every)
        peer = Peer(ours.node)
        ours.reset()
        app.processEvents()  # lays the editor out
        peer.edit.resize(ours.editor.body.size())  # the same area to lay out and paint
        print(f"node: {ours.chars} characters, {len(ours.node.fields)} fields; text area "
              f"{peer.edit.width()}x{peer.edit.height()}; "
              f"{args.keys} keystrokes each, blocks of {args.block}, a save every {args.save_every}")
        times: dict[str, list[float]] = {"ours": [], "peer": []}
        for n, start in enumerate(range(0, args.keys, args.block)):
            count = min(args.block, args.keys - start)
            sides = [("ours", ours), ("peer", peer)]
            for name, side in sides if n % 2 == 0 else sides[::-1]:
                side.reset()
                app.processEvents()
                type_block(app, side.key, start, count, times[name])
        ours.close()
    report(times["ours"], times["peer"], ours.saves or [float("nan")], args.save_every)


if __name__ == "__main__":
    main()
