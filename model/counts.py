"""Counting the way Chinese writers count (字数): 汉字, all characters with punctuation, and pages.

A clerk is asked for "不超过 3000 字" or "控制在 5 页以内": the first counts
Chinese characters (汉字) or every character but spaces (含标点), the second
lines on the official grid.  The page estimate lays the text out as the
export does in outline: the title block as on page 1, every paragraph
starting two characters in, a paragraph's last line counted whole.  The grid
(lines a page, characters a line) is the caller's: export.layout owns it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from model.fields import render_text
from model.numbering import outline_numbers
from model.report import Node, NodeKind, Report

# Chinese characters: CJK unified ideographs with extension A, B and beyond, compatibility ideographs.
HANZI = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"


@functools.cache
def _hanzi_re() -> re.Pattern:
    return re.compile(HANZI)  # ~5 ms to compile: not at start-up

Render = Callable[[Node], tuple[str, str]]  # a node's heading and body as they read


def is_hanzi(ch: str) -> bool:
    return _hanzi_re().fullmatch(ch) is not None


@dataclass(frozen=True)
class Count:
    """汉字 and every character but white space (含标点: punctuation, digits, Latin letters)."""

    hanzi: int = 0
    chars: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.hanzi + other.hanzi, self.chars + other.chars)


def count_text(text: str) -> Count:
    return Count(len(_hanzi_re().findall(text)), len("".join(text.split())))


def rendered(node: Node) -> tuple[str, str]:
    """The node's heading and body as they read, fields shown with their values (a blank as X)."""
    return render_text(node.heading, node), render_text(node.body, node)


def count_node(node: Node, render: Render = rendered) -> Count:
    """This node alone (not its children): what the clerk has selected."""
    return count_text("\n".join(render(node)))


def count_report(report: Report, render: Render = rendered) -> Count:
    """The whole report: title, front matter and every node (``render`` may answer from a cache)."""
    total = count_text(report.title) + count_text("\n".join(report.front_matter))
    for node in report.walk():
        total += count_node(node, render)
    return total


def paragraphs(report: Report, render: Render = rendered) -> list[str]:
    """The body paragraphs as printed, in outline: a section heading stands alone, other headings
    run into their first body paragraph, an inline item (一是) runs into the paragraph before it."""
    numbers = outline_numbers(report)
    out: list[str] = list(report.front_matter)
    open_paragraph = False

    def visit(node: Node) -> None:
        nonlocal open_paragraph
        heading, body = render(node)
        head = numbers.get(id(node), "") + heading.strip()
        parts = [p.strip() for p in body.split("\n") if p.strip()]
        if node.kind is NodeKind.INLINE and open_paragraph and out:
            out[-1] += head + (parts.pop(0) if parts else "")
        elif node.kind is NodeKind.SECTION and head:
            out.append(head)
        elif head:
            out.append(head + (parts.pop(0) if parts else ""))
        out.extend(parts)
        open_paragraph = bool(out)
        for child in node.children:
            visit(child)

    for node in report.nodes:
        visit(node)
    return [p for p in out if p]


def lines_of(paragraph: str, chars_per_line: int, indent: int = 2) -> int:
    """Grid lines a paragraph takes: its indent, then its characters, the last line counted whole."""
    return max(1, math.ceil((indent + len(paragraph)) / chars_per_line))


def estimate_pages(report: Report, lines_per_page: int, chars_per_line: int, title_chars: int,
                   render: Render = rendered) -> float:
    """Pages on the grid: the title's lines and the empty line under it, then every paragraph."""
    title = [part for part in report.title.split("\n") if part.strip()]
    lines = sum(lines_of(t, title_chars, indent=0) for t in title) + (1 if title else 0)
    lines += sum(lines_of(p, chars_per_line) for p in paragraphs(report, render))
    return lines / lines_per_page


def blank_count(node: Node) -> int:
    """The node's own fields still unfilled (its row's "2 未填")."""
    return sum(1 for f in node.fields if f.is_blank)
