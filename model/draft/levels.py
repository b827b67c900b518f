"""Outline numbers at the start of a paragraph and the level each one takes (层级).

A draft teaches its own levels: the first styles met, in order, are levels
0, 1, 2 …  A section may still use a style the draft taught elsewhere under a
higher number ("一、→1." in one section, "一、→（一）→1." in the next): an open
node whose style ranks above the new one by the usual order
一、 > （一） > 1. > （1） then keeps the new node below it.
"""

from __future__ import annotations

import re

from model.draft.patterns import CN_DIGITS
from model.numbering import parse_chinese_numeral
from model.report import Node, NumberStyle

_CN = CN_DIGITS
_DIGIT = "0-9０-９"
# The Chinese numbers are matched as word characters and checked against _CN afterwards: a class of
# the ten scattered numerals costs re ~0.3 ms to compile in every process, ``\w`` nothing.  Each is
# followed by a character no ``\w`` can take (、． ）) 是), so the match is the one the class gave.
_NUMBERING = [
    (NumberStyle.CN_COMMA, re.compile(r"^(\w{1,3})[、．]\s*")),
    (NumberStyle.CN_PAREN, re.compile(r"^[（(](\w{1,3})[）)]\s*")),
    (NumberStyle.ARABIC_PAREN, re.compile(rf"^[（(]([{_DIGIT}]{{1,2}})[）)]\s*")),
    (NumberStyle.ARABIC_DOT, re.compile(rf"^([{_DIGIT}]{{1,2}})[.．](?![{_DIGIT}])\s*")),
    (NumberStyle.ARABIC_COMMA, re.compile(rf"^([{_DIGIT}]{{1,2}})、\s*")),
    (NumberStyle.CN_SHI, re.compile(r"^([^\W\d_是]{1,2})是(?=[^否非])")),
]
_DASHES = ("——", "－－", "--")  # a "——" item: two dashes, no third
_DASH_CHARS = ("—", "－", "-")
_CN_STYLES = (NumberStyle.CN_COMMA, NumberStyle.CN_PAREN, NumberStyle.CN_SHI)
_FAMILY = {NumberStyle.ARABIC_COMMA: NumberStyle.ARABIC_DOT}
CANONICAL = [NumberStyle.CN_COMMA, NumberStyle.CN_PAREN, NumberStyle.ARABIC_DOT, NumberStyle.ARABIC_PAREN]


def numbering_of(text: str) -> tuple[NumberStyle, int, int] | None:
    """(style, number, length of the printed number) when ``text`` starts with an outline number."""
    for style, pattern in _NUMBERING:
        m = pattern.match(text)
        if m is None:
            continue
        digits = m.group(1)
        if style in _CN_STYLES:
            if digits.strip(_CN):
                continue  # word characters, not all numerals: no match of this style
            n = parse_chinese_numeral(digits)
        else:
            n = int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        if n:
            return style, n, m.end()
    if text.startswith(_DASHES) and text[2:3] not in _DASH_CHARS:
        return NumberStyle.DASH, 0, len(text) - len(text[2:].lstrip())
    return None


def family(style: NumberStyle) -> NumberStyle:
    """1、 counts with 1.: one level, one counter."""
    return _FAMILY.get(style, style)


def ranks_above(upper: NumberStyle, lower: NumberStyle) -> bool:
    """By the usual order 一、 > （一） > 1. > （1）; False for styles outside it."""
    if upper not in CANONICAL or lower not in CANONICAL:
        return False
    return CANONICAL.index(upper) < CANONICAL.index(lower)


class Open:  # a plain class: a dataclass costs ~0.7 ms to define, in every process that parses
    """A numbered node still open for children, at ``depth``, numbered ``number`` in ``style``."""

    __slots__ = ("node", "depth", "style", "number")

    def __init__(self, node: Node, depth: int, style: NumberStyle, number: int) -> None:
        self.node = node
        self.depth = depth
        self.style = style
        self.number = number


class Levels:  # a plain class, as Open
    """The styles the draft taught, level by level, and the depth of each new number."""

    __slots__ = ("styles",)

    def __init__(self, styles: list[NumberStyle] | None = None) -> None:
        self.styles = [] if styles is None else styles

    def depth(self, style: NumberStyle, number: int, path: list[Open]) -> int:
        """The depth of a node numbered ``number`` in ``style`` below the open ``path``."""
        key = family(style)
        if style is NumberStyle.NONE:
            if not self.styles:
                self.styles.append(key)
            return 0
        open_at = [o.depth for o in path if o.style == key and o.number + 1 == number]
        if open_at:
            return open_at[-1]  # （二） right after an open （一）: its sibling, whatever level 1. took
        if key in self.styles:
            depth = min(self.styles.index(key), len(path))
            # 1. taught at level 1, met under an open （一） the draft never taught there: below it
            while (depth < len(path) and depth < len(self.styles) and path[depth].style != self.styles[depth]
                   and ranks_above(path[depth].style, key)):
                depth += 1
            return depth
        depth = len(path)
        if depth == len(self.styles):
            self.styles.append(key)
        return depth

    def padded(self) -> list[NumberStyle]:
        """The taught styles, padded so that a level the clerk adds later has a style."""
        styles = list(self.styles)
        while len(styles) < 3:
            last = max((CANONICAL.index(s) for s in styles if s in CANONICAL), default=-1)
            nxt = next((s for s in CANONICAL[last + 1:] if s not in styles), None)
            if nxt is None:
                break
            styles.append(nxt)
        return styles
