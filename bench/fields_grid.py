"""所有指标 on a big report: open, filter 未填, paste 100 rows; against a plain QTableWidget, offscreen.

    .venv/bin/python bench/fields_grid.py [--nodes 1000] [--fields 5000] [--runs 15]

The report: ``--nodes`` items under 20 sections, ``--fields`` number fields
spread over them (a third blank, last year's value beside each), stored in a
temporary SQLite file and opened by a real ReportSession.  Ours: the
FieldsGrid tab (model, view, filter bar), shown; each figure includes the
processEvents that lays out and paints it.
- open: a new FieldsGrid shown on the report until painted (rows read, first screen drawn);
- filter: 未填 chosen in the state box, then back to 全部 (each timed alone; the 未填 figure is printed);
- paste: a 100-row column of numbers pasted into 本年 by Ctrl+V from the clipboard: read, one
  undo macro of 100 commands, 100 fields stored in one transaction, rows redrawn; undone between runs.
Peer, the same run, the same rows as text: a QTableWidget filled with 9 columns (open), rows hidden
with setRowHidden (filter), 100 items set with setText (paste).  Prints medians and p95 in ms, the
ratio to the peer, and the targets (open ≤ 150 ms, filter ≤ 30 ms, paste ≤ 50 ms).  Then the workbook
round trip as the window makes it (导出填报表, then 导入填报表 of a book whose blanks a department filled,
applied as one undo step) against bare openpyxl writing and reading the same cells (target ≤ 2×).
Each side is shown alone: its window is closed before the other's round (else the grid, made
inactive by the peer's window, repainted inside the peer's filter figure).  Asserts nothing.
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
sys.path.append(str(ROOT / "bench"))  # bench/workbook.py's bare openpyxl peer (after ROOT: bench/ui.py must not hide ui/)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem  # noqa: E402

from model.report import Field, FieldKind, Node, NodeKind, Report, token  # noqa: E402
from model.store import Store  # noqa: E402
from ui.fields_grid import COLUMNS  # noqa: E402
from ui.grid_panel import FieldsGrid  # noqa: E402
from ui.session import ReportSession  # noqa: E402

TARGETS = {"open": 150.0, "filter 未填": 30.0, "paste 100 rows": 50.0}
WHAT = ["专题学习", "业务培训", "走访调研", "整改任务", "督导检查", "宣传活动", "警示教育"]
UNITS = ["次", "人次", "项", "万元", "%", "个"]


def big_report(nodes: int, fields: int) -> Report:
    """``nodes`` items under 20 sections, ``fields`` number fields spread evenly over them."""
    per_section = max(1, nodes // 20)
    sections, fid = [], 0
    for s in range(20):
        items = []
        for i in range(per_section):
            count = fields // nodes + (1 if (s * per_section + i) < fields % nodes else 0)
            made, parts = [], []
            for _ in range(count):
                fid += 1
                what = WHAT[fid % len(WHAT)]
                made.append(Field(fid, FieldKind.NUMBER, None if fid % 3 == 0 else fid, UNITS[fid % len(UNITS)],
                                  label=what, last_value=fid + 5))
                parts.append(f"组织开展{what}{token(fid)}")
            items.append(Node(NodeKind.ITEM, f"第{s + 1}部分第{i + 1}项工作扎实推进。", "，".join(parts) + "。",
                              fields=made))
        sections.append(Node(NodeKind.SECTION, f"第{s + 1}方面工作。", children=items))
    return Report(title="基准报告", year=2024, nodes=sections)


def timed(action: Callable[[], None]) -> tuple[float, float]:
    """(work, work + the processEvents that lays out and paints it), in ms."""
    start = time.perf_counter()
    action()
    worked = time.perf_counter()
    QApplication.processEvents()
    return (worked - start) * 1000.0, (time.perf_counter() - start) * 1000.0


def discard(widget) -> None:
    """Gone for good before the next run: hidden, deleted now (deleteLater waits for an event loop)."""
    widget.hide()
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Ours:
    def __init__(self, session: ReportSession) -> None:
        self.session = session
        self.grid: FieldsGrid | None = None

    def open(self) -> None:
        if self.grid is not None:
            discard(self.grid)
        self.grid = FieldsGrid(self.session)
        self.grid.resize(1200, 700)
        self.grid.show()

    def filter(self, blank: bool) -> None:
        self.grid.state_box.setCurrentIndex(1 if blank else 0)

    def paste(self, start: int) -> None:
        view = self.grid.view
        view.setCurrentIndex(self.grid.model.index(start, COLUMNS.index("value")))
        QGuiApplication.clipboard().setText("".join(f"{900000 + n}\r\n" for n in range(100)))
        QApplication.sendEvent(view, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_V,
                                               Qt.KeyboardModifier.ControlModifier))

    def undo(self) -> None:
        self.session.undo_stack.undo()

    def close(self) -> None:
        if self.grid is not None:
            discard(self.grid)
            self.grid = None


class Peer:
    def __init__(self, rows: list[list[str]]) -> None:
        self.rows = rows
        self.table: QTableWidget | None = None

    def open(self) -> None:
        if self.table is not None:
            discard(self.table)
        table = self.table = QTableWidget(len(self.rows), len(COLUMNS))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resize(1200, 700)
        table.show()

    def filter(self, blank: bool) -> None:
        value = COLUMNS.index("value")
        for r in range(len(self.rows)):
            self.table.setRowHidden(r, blank and self.rows[r][value] != "")

    def paste(self, start: int) -> None:
        value = COLUMNS.index("value")
        for n in range(100):
            self.table.item(start + n, value).setText(str(900000 + n))

    def undo(self) -> None:
        pass

    def close(self) -> None:
        if self.table is not None:
            discard(self.table)
            self.table = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--fields", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--workbook-runs", type=int, default=3, help="workbook round trips (0: skip)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        report_id = store.add_report(big_report(args.nodes, args.fields))
        session = ReportSession(store)
        session.open_report(report_id)
        from ui.app import collect_from_now_on

        collect_from_now_on()  # the loaded report frozen out of later collections, as the program's window does
        ours = Ours(session)
        ours.open()
        QApplication.processEvents()
        rows = [[ours.grid.model.edit_text(r, name) for name in COLUMNS] for r in ours.grid.model.all_rows()]
        ours.close()
        peer = Peer(rows)
        results: dict[str, dict[str, list[tuple[float, float]]]] = {name: {"ours": [], "peer": []}
                                                                    for name in TARGETS}
        for run in range(args.runs):
            for who, impl in (("ours", ours), ("peer", peer)):
                results["open"][who].append(timed(impl.open))
                results["filter 未填"][who].append(timed(lambda impl=impl: impl.filter(True)))
                timed(lambda impl=impl: impl.filter(False))
                start = (run * 100) % max(1, len(rows) - 100)
                results["paste 100 rows"][who].append(timed(lambda impl=impl, start=start: impl.paste(start)))
                impl.undo()
                QApplication.processEvents()
                impl.close()  # shown alone: the other's window no longer repaints inside these figures
        blanks = sum(1 for r in rows if r[COLUMNS.index("value")] == "")
        print(f"fields grid: {args.nodes} nodes, {len(rows)} fields ({blanks} blank), {args.runs} runs, offscreen")
        for part, label in ((1, "with the paint"), (0, "work alone, before the paint")):
            print(f"-- {label}")
            print(f"{'':16}{'ours median':>12}{'p95':>8}{'peer median':>13}{'p95':>8}{'ratio':>8}{'target':>9}")
            for name, target in TARGETS.items():
                o_med, o_p95 = summary([t[part] for t in results[name]["ours"]])
                p_med, p_p95 = summary([t[part] for t in results[name]["peer"]])
                verdict = "ok" if o_med <= target else "OVER"
                print(f"{name:16}{o_med:10.1f}ms{o_p95:6.1f}ms{p_med:11.1f}ms{p_p95:6.1f}ms"
                      f"{o_med / p_med if p_med else float('nan'):7.2f}x{target:6.0f}ms {verdict}")
        if args.workbook_runs:
            workbook_round_trip(session, Path(folder), args.workbook_runs)
        store.close()
    del app


def workbook_round_trip(session: ReportSession, folder: Path, runs: int) -> None:
    """导出填报表 + 导入填报表 in the window (export, read a filled book, one undo step for every row)
    against bare openpyxl writing and reading the same cells (bench/workbook.py's peer)."""
    import openpyxl
    from workbook import bare

    from model.workbook import (
        CHANGE_HEADER,
        HEADERS,
        _rows,
        change_formula,
        clause_of,
        export_workbook,
        read_workbook,
    )
    from ui.field_commands import workbook_command

    report = session.report
    rows = [(*HEADERS, CHANGE_HEADER)] + [
        (f.fid, place, f.label, clause_of(node, f), f.unit, f.last_value, f.value, f.note, change_formula(f, r))
        for r, (_, node, f, place) in enumerate(_rows(report, False), start=2)]
    filled = folder / "filled.xlsx"
    export_workbook(report, filled)
    book = openpyxl.load_workbook(filled)
    for ws in book.worksheets:
        for row in ws.iter_rows(min_row=2):
            if isinstance(row[0].value, int) and row[6].value is None:
                row[6].value = row[0].value * 10  # a department fills every blank
    book.save(filled)
    ours_ms, bare_ms, applied = [], [], 0
    for i in range(runs):
        start = time.perf_counter()
        export_workbook(report, folder / f"out{i}.xlsx")
        result = read_workbook(report, filled)
        session.undo_stack.push(workbook_command(session, result.applied))
        ours_ms.append((time.perf_counter() - start) * 1000.0)
        applied = len(result.applied)
        session.undo_stack.undo()
        start = time.perf_counter()
        bare(rows, folder / f"bare{i}.xlsx")
        bare_ms.append((time.perf_counter() - start) * 1000.0)
    o_med, o_p95 = summary(ours_ms)
    p_med, p_p95 = summary(bare_ms)
    print(f"-- workbook round trip ({len(rows) - 1} fields, {applied} filled rows applied as one undo step, {runs} runs)")
    print(f"{'round trip':16}{o_med:10.1f}ms{o_p95:6.1f}ms{p_med:11.1f}ms{p_p95:6.1f}ms{o_med / p_med:7.2f}x"
          f"  target ≤ 2x {'ok' if o_med <= 2 * p_med else 'OVER'}")


if __name__ == "__main__":
    main()
