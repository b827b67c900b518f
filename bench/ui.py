"""The editing window on a big report: node switch, keystroke, find; against bare Qt widgets, offscreen.

    .venv/bin/python bench/ui.py [--nodes 1000] [--fields 5000] [--runs 200]

The report: 20 sections and ``--nodes`` nodes in all, ``--fields`` number
fields spread over the items (a third blank), stored in a temporary SQLite
file and opened in the real MainWindow (tree with its badges, node editor,
counts, saving), 1280×800.  Peer, in the same run: a bare QMainWindow with a
QTreeView over a QStandardItemModel of the same headings and a QTextEdit.
- node switch: ours select_node(node); peer setCurrentIndex, whose slot puts the node's text (fields
  written out) into the QTextEdit; each followed by processEvents (layout and paint); to random
  nodes (the tree scrolls and repaints every row) and to the next node, as ↓ does;
- keystroke: one Chinese character committed by an input method into the body, then processEvents;
  ours pushes the text command, refreshes the row and the counts as the window does;
- find: ours model.search.find over the whole report (headings, bodies, labels; fields read as values)
  for 学, 学习, 专题学习 and a word that is not there, each from cold (every text rendered); then 学习
  with the texts kept from the last find (as the dock keeps them between keystrokes); then the
  dock: Ctrl+F (shown, every text read once), its first search and the next ones, the list of
  every hit shown;
  peer QTextDocument.find over one document holding the whole report's text, every hit.
Prints medians and p95 in ms, the ratio to the peer, and the targets (switch, keystroke ≤ 16 ms
p95; find ≤ 50 ms).  Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QInputMethodEvent, QStandardItem, QStandardItemModel, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextEdit, QTreeView  # noqa: E402

from model.fields import render_text  # noqa: E402
from model.report import Field, FieldKind, Node, NodeKind, Report, token  # noqa: E402
from model.search import find  # noqa: E402
from model.store import Store  # noqa: E402

WHAT = ["专题学习", "业务培训", "走访调研", "整改任务", "督导检查", "宣传活动", "警示教育"]
UNITS = ["次", "人次", "项", "万元", "%", "个"]
FILLER = "坚持问题导向，细化工作措施，压实各方责任，推动各项任务落地见效。"
TYPED = "推进工作落实全面从严治党"
NEEDLES = ["学", "学习", "专题学习", "不存在的词"]


def big_report(nodes: int, fields: int) -> Report:
    """20 sections, ``nodes`` nodes in all; ``fields`` number fields spread over the items."""
    items_total = nodes - 20
    per_section = items_total // 20
    fid = 0
    sections = []
    for s in range(20):
        children = []
        for i in range(per_section + (1 if s < items_total % 20 else 0)):
            n = s * per_section + i
            count = fields // items_total + (1 if n < fields % items_total else 0)
            made, text = [], ""
            for k in range(count):
                fid += 1
                what = WHAT[fid % len(WHAT)]
                made.append(Field(fid, FieldKind.NUMBER, None if fid % 3 == 0 else fid % 97 + 1,
                                  UNITS[fid % len(UNITS)], label=what, last_value=fid % 89 + 1))
                text += f"全年{what}{token(fid)}，" + FILLER[: (k * 5) % 20]
            children.append(Node(NodeKind.ITEM, f"第{n + 1}项工作扎实推进。", text.rstrip("，") + "。",
                                 fields=made))
        sections.append(Node(NodeKind.SECTION, f"第{s + 1}部分工作。", "", children=children))
    return Report(title="2024年度领导班子述职述廉报告", year=2024, nodes=sections)


def commit(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class Ours:
    def __init__(self, folder: Path, report: Report) -> None:
        from ui.main_window import MainWindow
        from ui.settings import Settings

        self.store = Store(folder / "reportdesk.db")
        self.store.add_report(report)
        from ui.app import collect_from_now_on

        self.window = MainWindow(self.store, Settings(folder / "settings.ini"))
        self.window.first_painted.connect(collect_from_now_on)  # as the program's window does (ui.app)
        self.window.resize(1280, 800)
        self.window.show()
        self.nodes = list(self.window.session.report.walk())

    def switch(self, i: int) -> None:
        self.window.select_node(self.nodes[i])

    def start_typing(self, i: int) -> None:
        self.window.select_node(self.nodes[i])
        body = self.window.editor.body
        body.setFocus()
        body.moveCursor(body.textCursor().MoveOperation.End)

    def key(self, ch: str) -> None:
        commit(self.window.editor.body, ch)

    def close(self) -> None:
        self.window.editor.flush()
        self.window.session.flush()
        self.window.close()
        self.store.close()


class Peer:
    def __init__(self, report: Report) -> None:
        self.window = QMainWindow()
        self.model = QStandardItemModel()
        self.texts: list[str] = []
        self.items: list[QStandardItem] = []
        self._fill(self.model.invisibleRootItem(), report.nodes)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.expandAll()
        self.edit = QTextEdit()
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.edit)
        self.window.setCentralWidget(split)
        self.tree.selectionModel().currentChanged.connect(
            lambda current, _previous: self.edit.setPlainText(self.texts[current.data(257)]))
        self.window.resize(1280, 800)
        self.window.show()
        self.whole = QTextDocument("\n".join(self.texts))

    def _fill(self, parent: QStandardItem, nodes: list[Node]) -> None:
        for node in nodes:
            item = QStandardItem(render_text(node.heading, node))
            item.setData(len(self.texts), 257)
            self.texts.append(render_text(node.heading, node) + "\n" + render_text(node.body, node))
            self.items.append(item)
            parent.appendRow(item)
            self._fill(item, node.children)

    def switch(self, i: int) -> None:
        self.tree.setCurrentIndex(self.items[i].index())

    def start_typing(self, i: int) -> None:
        self.switch(i)
        self.edit.setFocus()
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)

    def key(self, ch: str) -> None:
        commit(self.edit, ch)

    def find(self, needle: str) -> int:
        hits, cursor = 0, self.whole.find(needle)
        while not cursor.isNull():
            hits += 1
            cursor = self.whole.find(needle, cursor)
        return hits


def timed(app: QApplication, step) -> float:
    start = time.perf_counter()
    step()
    app.processEvents()
    return time.perf_counter() - start


def settle(app: QApplication, seconds: float) -> None:
    """Run the event loop for ``seconds``: timers the last step started (a save, a recount) fire here."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def line(name: str, values: list[float], target: float | None = None, peer: list[float] | None = None) -> None:
    text = f"{name:34}{statistics.median(values) * 1000:9.2f}{p95(values) * 1000:9.2f}"
    if peer:
        text += f"{p95(values) / p95(peer):8.2f}x"
    elif target is not None:
        text += " " * 9
    if target is not None:
        text += f"   target p95 <= {target:.0f} ms"
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--fields", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from ui.app import make_app

    make_app()
    report = big_report(args.nodes, args.fields)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        ours = Ours(Path(folder), report)
        app.processEvents()
        opened = time.perf_counter() - start
        peer = Peer(ours.window.session.report)
        app.processEvents()
        count = len(ours.nodes)
        print(f"report: {count} nodes, {sum(len(n.fields) for n in ours.nodes)} fields; "
              f"window opened and painted in {opened * 1000:.0f} ms; {args.runs} runs each, alternating")
        order = [rng.randrange(count) for _ in range(args.runs)]
        times: dict[str, list[float]] = {k: [] for k in ("switch", "peer switch", "next", "peer next",
                                                         "key", "peer key")}
        for i in order:
            times["switch"].append(timed(app, lambda i=i: ours.switch(i)))
            times["peer switch"].append(timed(app, lambda i=i: peer.switch(i)))
        start_at = rng.randrange(count - args.runs)
        for i in range(start_at, start_at + args.runs):
            times["next"].append(timed(app, lambda i=i: ours.switch(i)))
            times["peer next"].append(timed(app, lambda i=i: peer.switch(i)))
        for block in range(max(1, args.runs // 20)):
            node = rng.randrange(20, count)  # an item
            for side, name in ((ours, "key"), (peer, "peer key")):
                side.start_typing(node)
                app.processEvents()
                for k in range(20):
                    times[name].append(timed(app, lambda s=side, ch=TYPED[(block + k) % len(TYPED)]: s.key(ch)))
        settle(app, 1.5)  # the typing's delayed save and recount happen now, not inside the first finds
        finds: dict[str, list[float]] = {}
        hits: dict[str, tuple[int, int]] = {}
        the_report = ours.window.session.report
        for needle in NEEDLES:
            finds[needle] = [timed(app, lambda n=needle: find(the_report, n)) for _ in range(10)]
            finds["peer " + needle] = [timed(app, lambda n=needle: peer.find(n)) for _ in range(10)]
            hits[needle] = (len(find(the_report, needle)), peer.find(needle))
        warm: dict = {}
        find(the_report, "学习", cache=warm)
        finds["warm"] = [timed(app, lambda: find(the_report, "学习", cache=warm)) for _ in range(10)]
        dock = ours.window.find_dock()  # built here (its first use), not timed
        finds["dock open"] = [timed(app, dock.open_find)]  # Ctrl+F: shown, every text read once
        dock.find_edit.setText("学习")
        finds["dock first"] = [timed(app, dock.search)]
        finds["dock"] = [timed(app, dock.search) for _ in range(10)]
        recount = [timed(app, ours.window.counts.label.recount) for _ in range(10)]
        ours.close()
    print(f"{'':34}{'median':>9}{'p95':>9}{'/peer':>9}   (ms)")
    line("node switch, random (MainWindow)", times["switch"], 16, times["peer switch"])
    line("  bare tree + QTextEdit", times["peer switch"])
    line("node switch, the next (MainWindow)", times["next"], 16, times["peer next"])
    line("  bare tree + QTextEdit", times["peer next"])
    line("keystroke (MainWindow)", times["key"], 16, times["peer key"])
    line("keystroke (bare QTextEdit)", times["peer key"])
    for needle in NEEDLES:
        ours_hits, peer_hits = hits[needle]
        line(f"find {needle} ({ours_hits} hits)", finds[needle], 50, finds["peer " + needle])
        line(f"  QTextDocument.find ({peer_hits} hits)", finds["peer " + needle])
    line("find 学习, texts kept from the last find", finds["warm"], 50, finds["peer 学习"])
    line("Ctrl+F: the dock shown, texts read", finds["dock open"])
    line("find 学习 in the dock, its first", finds["dock first"], 50)
    line("find 学习 in the dock, list shown", finds["dock"], 50)
    line("recount the whole report (after a pause)", recount)


if __name__ == "__main__":
    main()
