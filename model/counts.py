"""Counting the way Chinese writers count (字数): 汉字, all characters with punctuation, and pages.

A clerk is asked for "不超过 3000 字" or "控制在 5 页以内": the first counts
Chinese characters (汉字) or every character but spaces (含标点), the second
lines on the official grid.  The page estimate lays the text out as the
export does in outline: the title block as on page 1, every paragraph
starting two characters in, a paragraph's last line counted whole.  The grid
(lines a page, characters a line) is the caller's: export.layout owns it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from model.fields import render_text
from model.numbering import outline_numbers
from model.report import Node, NodeKind, Report


def is_hanzi(ch: str) -> bool:
    """A Chinese character: CJK unified ideographs with extension A, B and beyond, compatibility ideographs."""
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3134F)


@dataclass(frozen=True)
class Count:
    """汉字 and every character but white space (含标点: punctuation, digits, Latin letters)."""

    hanzi: int = 0
    chars: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.hanzi + other.hanzi, self.chars + other.chars)


def count_text(text: str) -> Count:
    return Count(sum(1 for ch in text if is_hanzi(ch)), sum(1 for ch in text if not ch.isspace()))


def node_text(node: Node) -> str:
    """The node's heading and body as they read, fields shown with their values (a blank as X)."""
    return render_text(node.heading, node) + "\n" + render_text(node.body, node)


def count_node(node: Node) -> Count:
    """This node alone (not its children): what the clerk has selected."""
    return count_text(node_text(node))


def count_report(report: Report) -> Count:
    """The whole report: title, front matter and every node."""
    total = count_text(report.title) + count_text("\n".join(report.front_matter))
    for node in report.walk():
        total += count_node(node)
    return total


def paragraphs(report: Report) -> list[str]:
    """The body paragraphs as printed, in outline: a section heading stands alone, other headings
    run into their first body paragraph, an inline item (一是) runs into the paragraph before it."""
    numbers = outline_numbers(report)
    out: list[str] = list(report.front_matter)
    open_paragraph = False

    def visit(node: Node) -> None:
        nonlocal open_paragraph
        head = numbers.get(id(node), "") + render_text(node.heading, node).strip()
        parts = [p.strip() for p in render_text(node.body, node).split("\n") if p.strip()]
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


def estimate_pages(report: Report, lines_per_page: int, chars_per_line: int, title_chars: int) -> float:
    """Pages on the grid: the title's lines and the empty line under it, then every paragraph."""
    title = [part for part in report.title.split("\n") if part.strip()]
    lines = sum(lines_of(t, title_chars, indent=0) for t in title) + (1 if title else 0)
    lines += sum(lines_of(p, chars_per_line) for p in paragraphs(report))
    return lines / lines_per_page


def blank_count(node: Node) -> int:
    """The node's own fields still unfilled (its row's "2 未填")."""
    return sum(1 for f in node.fields if f.is_blank)
