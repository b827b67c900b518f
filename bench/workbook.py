"""The departments' workbook round trip against bare openpyxl writing and reading the same cells (the floor).

    .venv/bin/python bench/workbook.py

A report of 1,000 nodes and 5,000 fields: ours is ``export_workbook`` then
``read_workbook`` (layout, protection, validation, the hidden record, every
row checked); the peer writes the same nine columns (the 变化 formulas too)
with openpyxl and reads them back, nothing else.  Both run in this process, alternating, RUNS times.
Prints median and p95 of each and the ratio; asserts nothing.  Target: ≤ 2×.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 9
NODES, FIELDS_PER_NODE = 1_000, 5


def big_report():
    from model.report import Field, FieldKind, Node, NodeKind, Report, token

    nodes = []
    fid = 0
    for i in range(NODES):
        fields, parts = [], []
        for k in range(FIELDS_PER_NODE):
            fid += 1
            kind = FieldKind.TEXT if k == 4 else FieldKind.NUMBER
            fields.append(Field(fid, kind, value=None if k % 2 else fid * 3, unit="" if k == 4 else "次",
                                label=f"指标{fid}", source=f"{fid}次", last_value=fid * 2))
            parts.append(f"开展第{k + 1}类工作{token(fid)}")
        nodes.append(Node(NodeKind.ITEM, f"第{i + 1}项工作扎实推进。", "，".join(parts) + "。", fields=fields,
                          department=f"部门{i % 12}"))
    return Report(title="2025年工作总结", year=2025, id=1, nodes=[Node(NodeKind.SECTION, "主要工作", children=nodes)])


def ours(report, path: Path) -> None:
    from model.workbook import export_workbook, read_workbook

    export_workbook(report, path)
    result = read_workbook(report, path)
    assert not result.refused


def bare(rows: list[tuple], path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    book.save(path)
    back = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in back.active.iter_rows(values_only=True))
    back.close()
    assert n == len(rows)


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> None:
    from model.workbook import CHANGE_HEADER, HEADERS, _rows, change_formula, clause_of

    report = big_report()
    rows = [(*HEADERS, CHANGE_HEADER)] + [
        (f.fid, place, f.label, clause_of(node, f), f.unit, f.last_value, f.value, f.note, change_formula(f, r))
        for r, (_, node, f, place) in enumerate(_rows(report, False), start=2)]
    print(f"{NODES} nodes, {len(rows) - 1} fields, {RUNS} runs each, alternating")
    times: dict[str, list[float]] = {"ours (export + read)": [], "bare openpyxl write + read": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            for name, run in (("ours (export + read)", lambda p: ours(report, p)),
                              ("bare openpyxl write + read", lambda p: bare(rows, p))):
                path = Path(tmp) / f"{i}-{len(name)}.xlsx"
                start = time.perf_counter()
                run(path)
                times[name].append((time.perf_counter() - start) * 1000)
    for name, xs in times.items():
        print(f"  {name:28s} median {statistics.median(xs):7.0f} ms   p95 {_p95(xs):7.0f} ms")
    ratio = statistics.median(times["ours (export + read)"]) / statistics.median(times["bare openpyxl write + read"])
    print(f"  ratio of medians: {ratio:.2f}x (target ≤ 2x)")


if __name__ == "__main__":
    main()
