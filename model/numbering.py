"""Chinese numerals and outline numbers computed from the tree (编号).

Numbers are never stored in a node's text: ``outline_numbers`` derives them
from the tree, so moving a node renumbers everything.
"""

from __future__ import annotations

from model.report import Node, NodeKind, NumberStyle, Report

_DIGITS = "零一二三四五六七八九"


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
