"""Chinese numerals and outline numbers computed from the tree (编号).

Numbers are never stored in a node's text: ``outline_numbers`` derives them
from the tree, so moving a node renumbers everything.
"""

from __future__ import annotations

import re

from model.report import Node, NodeKind, NumberStyle, Report

_DIGITS = "零一二三四五六七八九"
YEAR_DIGITS = "〇一二三四五六七八九"  # a year in Chinese numerals is written digit by digit: 二〇二二
YEAR_ZEROS = "〇○零"                  # its zero, as offices type it
_ARABIC_YEAR = re.compile(r"(19|20)\d\d")


def chinese_year(word: str) -> int | None:
    """二〇二二 (or 二零二二, 二○二二) → 2022; None unless ``word`` is four such digits of a year 1900–2099."""
    if len(word) != 4 or any(c not in YEAR_DIGITS and c not in YEAR_ZEROS for c in word):
        return None
    value = int("".join("0" if c in YEAR_ZEROS else str(YEAR_DIGITS.index(c)) for c in word))
    return value if 1900 <= value <= 2099 else None


def year_in(text: str) -> int | None:
    """The first year a title names: 2024, or 二〇二四 before 年; None when it names none."""
    found = _ARABIC_YEAR.search(text)
    if found:
        return int(found.group())
    at = text.find("年")
    while at != -1:
        value = chinese_year(text[max(0, at - 4):at])
        if value is not None:
            return value
        at = text.find("年", at + 1)
    return None


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一, 105 → 一百零五."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + _DIGITS[rest]
        elif rest < 20:
            tail = "一" + chinese_numeral(rest)
        else:
            tail = chinese_numeral(rest)
        return _DIGITS[hundreds] + "百" + tail
    return str(n)


def parse_chinese_numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None if ``text`` is not a numeral below 1000."""
    if not text or any(c not in _DIGITS + "十百两" for c in text):
        return None
    text = text.replace("两", "二")
    total, current = 0, 0
    for ch in text:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _DIGITS.index(ch)
    return total + current


_FORMATS = {
    NumberStyle.CN_COMMA: lambda n: f"{chinese_numeral(n)}、",
    NumberStyle.CN_PAREN: lambda n: f"（{chinese_numeral(n)}）",
    NumberStyle.ARABIC_DOT: lambda n: f"{n}.",
    NumberStyle.ARABIC_COMMA: lambda n: f"{n}、",
    NumberStyle.ARABIC_PAREN: lambda n: f"（{n}）",
    NumberStyle.CN_SHI: lambda n: f"{chinese_numeral(n)}是",
    NumberStyle.DASH: lambda n: "——",
    NumberStyle.NONE: lambda n: "",
}


def format_number(style: NumberStyle, n: int) -> str:
    """The number as printed: (CN_PAREN, 3) → "（三）"."""
    return _FORMATS[style](n)


def is_counted(style: NumberStyle) -> bool:
    return style not in (NumberStyle.NONE, NumberStyle.DASH)


def outline_numbers(report: Report) -> dict[int, str]:
    """``id(node)`` → its number as printed, for every node of the report.

    Siblings are counted per style, so an unnumbered heading or a preamble
    between sections does not break the count.
    """
    numbers: dict[int, str] = {}

    def visit(siblings: list[Node], depth: int) -> None:
        counters: dict[NumberStyle, int] = {}
        for node in siblings:
            style = report.style_for(node, depth)
            if is_counted(style):
                counters[style] = counters.get(style, 0) + 1
            numbers[id(node)] = format_number(style, counters.get(style, 0))
            child_depth = depth if node.kind is NodeKind.INLINE else depth + 1
            visit(node.children, child_depth)

    visit(report.nodes, 0)
    return numbers
