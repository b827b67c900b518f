"""Versions at scale (版本): keeping and reading one of a 1,000-node, 5,000-field report.

    .venv/bin/python bench/versions.py [--rounds 21]

A report of 1,000 nodes and 5,000 fields (one section of 200 nodes, sixteen
of 50, five fields a node) in a temporary Store file (WAL, synchronous=FULL,
as the clerk's).  Measured in one run, the rounds interleaved:

- ``save_version`` of the report as the window holds it (snapshot, hash,
  compression, one INSERT and its COMMIT), the way 保存版本 and a multi-node
  delete keep one;
- an automatic version (reason "export") when nothing changed since the
  newest: the snapshot and its hash, no row written;
- ``load_version`` of it back into Report/Node/Field objects.

Peers, in the same run: a bare ``json.dumps`` of the same rows as SQLite
gives them (the report's nodes and fields, one dict a row), and a bare
``json.loads`` of that text.  Prints medians and 95th percentiles; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.report import Field, FieldKind, Node, NodeKind, Report, token  # noqa: E402
from model.store import Store  # noqa: E402
from model.versions import load_version, save_version  # noqa: E402

FIELDS_PER_NODE = 5


def big_report() -> Report:
    """1,000 nodes, 5,000 fields, half of them filled, every text in Chinese."""
    fid = iter(range(1, 10_000))

    def node(kind: NodeKind, n: int) -> Node:
        fields = [Field(next(fid), FieldKind.NUMBER, value=None if i % 2 else n * 7 + i, unit="人次",
                        label=f"培训指标{i}", source="X人次", last_value=n + i) for i in range(FIELDS_PER_NODE)]
        body = "，".join(f"组织开展第{i + 1}类专题培训{token(f.fid)}" for i, f in enumerate(fields)) + "。"
        return Node(kind, heading=f"第{n}项重点工作稳步推进。", body=body, fields=fields)

    def section(n: int, items: int) -> Node:
        head = node(NodeKind.SECTION, n)
        head.children = [node(NodeKind.ITEM, n * 1000 + i) for i in range(items)]
        return head

    return Report(title="2025年度领导班子述职报告", year=2025, organisation="某县某局",
                  nodes=[section(0, 199)] + [section(s, 49) for s in range(1, 17)])


def rows(store: Store, report_id: int) -> dict:
    """The report's rows as SQLite gives them: what a bare dump of the store would write."""
    read = store.conn.execute
    return {
        "report": dict(read("SELECT * FROM reports WHERE id = ?", [report_id]).fetchone()),
        "nodes": [dict(r) for r in read("SELECT * FROM nodes WHERE report_id = ?", [report_id])],
        "fields": [dict(r) for r in read("SELECT * FROM fields WHERE report_id = ?", [report_id])],
    }


def timed(fn) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def line(name: str, values: list[float]) -> str:
    return f"{name:48}{statistics.median(values) * 1000:>10.2f} ms{p95(values) * 1000:>10.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="rounds of each figure (interleaved)")
    args = parser.parse_args()
    figures: dict[str, list[float]] = {k: [] for k in ("save", "same", "load", "dumps", "loads")}
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "reportdesk.db")
        report = store.load_report(store.add_report(big_report()))
        nodes = sum(1 for _ in report.walk())
        fields = sum(1 for _ in report.all_fields())
        plain = rows(store, report.id)
        text = json.dumps(plain, ensure_ascii=False)
        version = save_version(store, report, reason="export")
        for _ in range(args.rounds):
            figures["save"].append(timed(lambda: save_version(store, report, "bench")))
            figures["same"].append(timed(lambda: save_version(store, report, reason="export")))
            figures["load"].append(timed(lambda: load_version(store, version)))
            figures["dumps"].append(timed(lambda: json.dumps(plain, ensure_ascii=False)))
            figures["loads"].append(timed(lambda: json.loads(text)))
        stored = store.conn.execute("SELECT length(snapshot) AS n FROM versions WHERE id = ?",
                                    [version]).fetchone()["n"]
        store.close()
    print(f"report: {nodes} nodes, {fields} fields; {args.rounds} rounds; one version stores {stored:,} bytes,"
          f" the bare rows' JSON is {len(text.encode()):,}")
    print(f"{'':48}{'median':>13}{'p95':>13}")
    print(line("save_version (+ COMMIT)", figures["save"]))
    print(line("automatic version, nothing changed (no write)", figures["same"]))
    print(line("bare json.dumps of the same rows (peer)", figures["dumps"]))
    print(line("load_version", figures["load"]))
    print(line("bare json.loads of the rows' JSON (peer)", figures["loads"]))


if __name__ == "__main__":
    main()
