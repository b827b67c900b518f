"""Report / Node / Field: the vocabulary every other module speaks (报告 / 节点 / 指标).

A field's value lives once, in the Field; the text of a node holds a token
(``⟦fid⟧``) where the field stands.  Numbers of sections and items are not
stored in text: they are computed from the tree (see ``model.numbering``), so
moving a node renumbers everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum

from model.record import Record

TOKEN_OPEN = "\u27e6"   # ⟦
TOKEN_CLOSE = "\u27e7"  # ⟧
TOKEN_RE = re.compile(TOKEN_OPEN + r"(\d+)" + TOKEN_CLOSE)


def token(fid: int) -> str:
    """The placeholder that stands for field ``fid`` inside a node's text."""
    return f"{TOKEN_OPEN}{fid}{TOKEN_CLOSE}"


class NodeKind(StrEnum):
    """What a block of the outline is (节点类型)."""

    PREAMBLE = "preamble"  # 开头
    SECTION = "section"    # 一、
    ITEM = "item"          # 1. or （一）
    SUBITEM = "subitem"    # （1）, and anything deeper
    INLINE = "inline"      # 一是 …, exported run-in inside its parent's paragraph
    CLOSING = "closing"    # 结尾


class NumberStyle(StrEnum):
    """How a numbered node is numbered (编号样式); the export font follows it."""

    CN_COMMA = "cn-comma"          # 一、
    CN_PAREN = "cn-paren"          # （一）
    ARABIC_DOT = "arabic-dot"      # 1.
    ARABIC_COMMA = "arabic-comma"  # 1、
    ARABIC_PAREN = "arabic-paren"  # （1）
    CN_SHI = "cn-shi"              # 一是
    DASH = "dash"                  # —— lead item
    NONE = "none"                  # unnumbered heading


class FieldKind(StrEnum):
    NUMBER = "number"  # 指标: a value with a unit
    TEXT = "text"      # 填空: a name still to write ("XX社区")
    CHANGE = "change"  # 同比: a computed phrase ("增长12.5%") that speaks of its ``basis`` field


Value = float | int | str | None


class Field(Record):
    """A value inside a node's text (指标 / 填空).

    ``value`` is None while the field is blank (unfilled); ``last_value`` is
    last year's value beside it.  For numbers ``precision`` is the count of
    decimals shown; ``qualifier`` keeps "余"/"多" as in "300余人次".  A
    computed phrase (kind CHANGE) names in ``basis`` the fid of the number
    field it speaks of; its printed words are computed (``model.phrases``).
    ``note`` is the clerk's or the department's remark (备注), never printed.
    """

    __match_args__ = ("fid", "kind", "value", "unit", "label", "source", "precision", "qualifier", "last_value",
                      "basis", "note")

    def __init__(self, fid: int, kind: FieldKind = FieldKind.NUMBER, value: Value = None, unit: str = "",
                 label: str = "", source: str = "", precision: int = 0, qualifier: str = "",
                 last_value: Value = None, basis: int | None = None, note: str = "") -> None:
        self.fid = fid
        self.kind = kind
        self.value = value
        self.unit = unit
        self.label = label
        self.source = source
        self.precision = precision
        self.qualifier = qualifier
        self.last_value = last_value
        self.basis = basis
        self.note = note

    @property
    def is_blank(self) -> bool:
        """No value yet (未填).  A computed phrase is never blank itself: its basis field is what to fill."""
        return self.kind is not FieldKind.CHANGE and (self.value is None or self.value == "")


class Node(Record):
    """One block of the outline: a heading (lead sentence) and a body.

    ``number_style`` overrides the report's style for this node's level
    (None: follow the report).  ``id`` is the store's id, None until stored.
    ``department`` (部门) is who reports this node's numbers; children inherit
    it (``department_of``).  ``last_heading``/``last_body`` keep last year's
    text after a rollover (None otherwise), tokens and all.
    """

    __match_args__ = ("kind", "heading", "body", "children", "fields", "number_style", "id", "department",
                      "last_heading", "last_body")

    def __init__(self, kind: NodeKind, heading: str = "", body: str = "", children: list[Node] | None = None,
                 fields: list[Field] | None = None, number_style: NumberStyle | None = None, id: int | None = None,
                 department: str = "", last_heading: str | None = None, last_body: str | None = None) -> None:
        self.kind = kind
        self.heading = heading
        self.body = body
        self.children = [] if children is None else children
        self.fields = [] if fields is None else fields
        self.number_style = number_style
        self.id = id
        self.department = department
        self.last_heading = last_heading
        self.last_body = last_body

    def walk(self) -> Iterator[Node]:
        """This node and all below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def field_by_id(self, fid: int) -> Field | None:
        return next((f for f in self.fields if f.fid == fid), None)


DEFAULT_LEVEL_STYLES = [
    NumberStyle.CN_COMMA,
    NumberStyle.ARABIC_DOT,
    NumberStyle.ARABIC_PAREN,
]


class Report(Record):
    """A whole report (报告): title, year, organisation, numbering and the tree.

    ``level_styles[d]`` numbers the nodes at depth ``d`` (0: sections); inline
    items are always numbered 一是/二是.  ``front_matter`` keeps lines that
    stand before the body in a draft (来源, date and venue, salutation).
    """

    __match_args__ = ("title", "year", "organisation", "level_styles", "nodes", "front_matter", "id")

    def __init__(self, title: str = "", year: int | None = None, organisation: str = "",
                 level_styles: list[NumberStyle] | None = None, nodes: list[Node] | None = None,
                 front_matter: list[str] | None = None, id: int | None = None) -> None:
        self.title = title
        self.year = year
        self.organisation = organisation
        self.level_styles = list(DEFAULT_LEVEL_STYLES) if level_styles is None else level_styles
        self.nodes = [] if nodes is None else nodes
        self.front_matter = [] if front_matter is None else front_matter
        self.id = id

    def walk(self) -> Iterator[Node]:
        for node in self.nodes:
            yield from node.walk()

    def all_fields(self) -> Iterator[tuple[Node, Field]]:
        for node in self.walk():
            for f in node.fields:
                yield node, f

    def next_fid(self) -> int:
        """A field id not used yet in this report."""
        return max((f.fid for _, f in self.all_fields()), default=0) + 1

    def style_for(self, node: Node, depth: int) -> NumberStyle:
        """The numbering style of ``node`` standing at ``depth`` (0: top level)."""
        if node.number_style is not None:
            return node.number_style
        if node.kind is NodeKind.INLINE:
            return NumberStyle.CN_SHI
        if node.kind in (NodeKind.PREAMBLE, NodeKind.CLOSING):
            return NumberStyle.NONE
        styles = self.level_styles or DEFAULT_LEVEL_STYLES
        return styles[min(depth, len(styles) - 1)]


def departments(report: Report) -> dict[int, str]:
    """Each node's department, inherited from its ancestors, keyed by ``id(node)``."""
    out: dict[int, str] = {}

    def visit(nodes: list[Node], inherited: str) -> None:
        for node in nodes:
            own = node.department.strip() or inherited
            out[id(node)] = own
            visit(node.children, own)

    visit(report.nodes, "")
    return out


def department_of(report: Report, node: Node) -> str:
    """The department that reports ``node``'s numbers: its own, else the nearest ancestor's ("" none)."""
    return departments(report).get(id(node), node.department.strip())
