"""What is not ready to print: blank fields, stray placeholders, empty nodes (打印前检查).

The clerk sees the list before export and jumps to each problem; export stays
possible anyway, so nothing here raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.numbering import outline_numbers
from model.report import TOKEN_RE, Node, Report

BLANK = "blank"              # a field with no value yet
PLACEHOLDER = "placeholder"  # "X", "××", "某某", "此处…" typed into the text itself
EMPTY = "empty"              # a node with no heading, no body and no children

# A blank typed as text: X / XX … (half or full width) not inside a Latin word,
# two or more ×, 某某, 此处 followed by an instruction (此处填写…, 此处…).
PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])[XＸ]+(?![A-Za-z])"
    r"|×{2,}"
    r"|某某"
    r"|此处(?:填写|补充|添加|插入|待定|[…\.。]{1,3})"
)

_SHOWN_CHARS = 16


@dataclass
class Problem:
    """One thing to fix before printing; ``fid`` names the field when it is one."""

    node: Node
    kind: str
    message: str
    fid: int | None = None


def _where(node: Node, number: str) -> str:
    """The node as the clerk knows it: its number and the start of its heading (or body)."""
    text = node.heading.strip() or TOKEN_RE.sub("", node.body).strip()
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "…"
    return (number + text) or "（无标题）"


def _blank_fields(node: Node, where: str) -> list[Problem]:
    problems = []
    for position, f in enumerate(node.fields, start=1):
        if not f.is_blank:
            continue
        if f.label:
            name = f"指标“{f.label}”"
        else:
            name = f"第{position}个指标" + (f"（{f.source}）" if f.source else "")
        message = f"{name}尚未填写：{where}"
        problems.append(Problem(node, BLANK, message, f.fid))
    return problems


def _placeholders(node: Node, where: str) -> list[Problem]:
    problems = []
    for text in (node.heading, TOKEN_RE.sub("", node.body)):
        for match in PLACEHOLDER_RE.finditer(text):
            message = f"正文中留有占位符“{match.group(0)}”：{where}"
            problems.append(Problem(node, PLACEHOLDER, message))
    return problems


def readiness(report: Report) -> list[Problem]:
    """Every problem of ``report`` in reading order (blank fields, placeholders, empty nodes)."""
    numbers = outline_numbers(report)
    problems: list[Problem] = []
    for node in report.walk():
        where = _where(node, numbers.get(id(node), ""))
        problems += _blank_fields(node, where)
        problems += _placeholders(node, where)
        if not node.heading.strip() and not node.body.strip() and not node.children:
            problems.append(Problem(node, EMPTY, f"空白段落（没有标题和正文）：{where}"))
    return problems
