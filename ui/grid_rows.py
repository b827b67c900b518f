"""The rows of 所有指标 and which of them a filter keeps: plain Python, no widgets.

A row is one field where it stands (its node, the node's ancestors, its
inherited department); the states (未填, 已填, 与上年相同, 变化较大) are
judged by the same rules as everywhere else (``year_change``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from model.fields import year_change
from model.report import Field, Node, Report, departments

ALL, BLANK, FILLED, SAME, BIG = "all", "blank", "filled", "same", "big"
STATES = (ALL, BLANK, FILLED, SAME, BIG)
STATE_NAMES = ("全部", "未填", "已填", "与上年相同", "变化较大")
BIG_CHANGE = 50.0  # percent


@dataclass(eq=False)
class GridRow:
    """One field where it stands: its node, the node's section and its (inherited) department."""

    order: int
    node: Node
    field: Field
    path: tuple[Node, ...]  # the node's ancestors, from its section down
    department: str

    @property
    def section(self) -> Node:
        return self.path[0] if self.path else self.node


@dataclass(frozen=True)
class GridFilter:
    """What the grid shows: a state (未填…), one section, one department, words in 名称 or 原文."""

    state: str = ALL
    section: Node | None = None
    department: str | None = None
    search: str = ""


def report_rows(report: Report | None) -> list[GridRow]:
    """Every field of ``report`` in reading order, each with its section and inherited department."""
    rows: list[GridRow] = []
    if report is None:
        return rows
    inherited = departments(report)

    def visit(nodes: list[Node], path: tuple[Node, ...]) -> None:
        for node in nodes:
            base, own = len(rows), inherited.get(id(node), "")
            rows.extend(GridRow(base + i, node, f, path, own) for i, f in enumerate(node.fields))
            visit(node.children, (*path, node))

    visit(report.nodes, ())
    return rows


def is_blank(f: Field) -> bool:
    """Still to fill: a computed phrase never is (its basis field is)."""
    return f.is_blank  # Field.is_blank already says no for a computed phrase


def _is_same(f: Field) -> bool:
    found = year_change(f)
    return found is not None and found.kind == "same"


def note_of(f: Field) -> str:
    return f.note or ""


def change_value(f: Field) -> float | None:
    found = year_change(f)
    return None if found is None else found.value


def is_big_change(f: Field) -> bool:
    """变化较大: beyond ±50 % (or ±50 个百分点) of last year, as the readiness check warns."""
    value = change_value(f)
    return value is not None and abs(value) > BIG_CHANGE


STATE_TESTS: dict[str, Callable[[Field], bool]] = {
    BLANK: attrgetter("is_blank"),  # is_blank() without a Python call per row (5,000 in a big report)
    FILLED: lambda f: not is_blank(f),
    SAME: _is_same,
    BIG: is_big_change,
}
