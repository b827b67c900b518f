"""Next year's report from this year's (换年).

Number fields start blank with this year's value as last year's; text fields
(names) keep their value, since names change less often than numbers, and
remember it as last year's too.  Computed phrases stay bound to their field.
Each node keeps this year's text as ``last_heading``/``last_body``.

The report's own year words move on (2022年 → 2023年, and its plans for the
next year: 2023年工作安排 → 2024年工作安排), a year written in Chinese numerals
as well, in its own characters (二〇二二年 → 二〇二三年, 二零二二年 → 二零二三年),
but history stays, whichever way it is written:
"2022年以来", "2019年至2022年", years in quotation marks or 《》 titles, and
dates ("2022年3月") that now lie before the report's year.  ``rollover_plan``
lists every replacement so that the clerk can accept them one by one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass

from model.fields import source_text
from model.numbering import YEAR_DIGITS, YEAR_ZEROS, chinese_year
from model.phrases import phrase_amount
from model.report import TOKEN_CLOSE, TOKEN_OPEN, FieldKind, Node, Report

_CONTEXT_CHARS = 12
_RANGE_MARKS = "至到—–-－～~"
_CN_DIGITS, _ZEROS = YEAR_DIGITS, YEAR_ZEROS
_ANY_YEAR = rf"(?:[0-9]{{4}}|[{_ZEROS}{_CN_DIGITS}]{{4}})"
_HISTORY_AFTER = re.compile(rf"\s*(?:以来|以前|之前|至今|起|[0-9０-９]{{1,2}}月|[一二三四五六七八九十]{{1,2}}月"
                            rf"|[{_RANGE_MARKS}]{{1,2}}\s*{_ANY_YEAR})")
_RANGE_BEFORE = re.compile(rf"{_ANY_YEAR}年?\s*[{_RANGE_MARKS}]{{1,2}}\s*$")
_QUOTES = (("“", "”"), ("‘", "’"), ("《", "》"), ("「", "」"), ("『", "』"))


@dataclass(frozen=True)
class Replacement:
    """One year word the rollover would change: where it stands, what it becomes, and its context."""

    index: int
    node_id: int | None
    where: str   # "title" | "heading" | "body"
    offset: int
    before: str
    after: str
    context: str


def _year_words(year: int) -> str:
    """A pattern of ``year`` as a text writes it: 2022, or 二〇二二 with any of its zeros (二零二二, 二○二二)."""
    chinese = "".join(f"[{_ZEROS}]" if d == "0" else _CN_DIGITS[int(d)] for d in str(year))
    return f"{year}|{chinese}"


def _year_re(year: int) -> re.Pattern:
    """The report's year and the next one ("2022年工作总结和2023年工作安排"), as year words."""
    return re.compile(rf"(?<![0-9０-９{_ZEROS}{_CN_DIGITS}])(?:{_year_words(year)}|{_year_words(year + 1)})(?= ?年)")


def _moved(word: str, years: int) -> str:
    """A year word ``years`` on, in its own characters: 2022 → 2023, 二〇二二 → 二〇二三, 二零二九 → 二零三零."""
    if word.isascii():
        return str(int(word) + years)
    zero = next((c for c in word if c in _ZEROS), _ZEROS[0])
    value = chinese_year(word) + years
    return "".join(zero if d == "0" else _CN_DIGITS[int(d)] for d in str(value))


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside quotation marks or a 《title》 of its paragraph."""
    start = text.rfind("\n", 0, pos) + 1
    before = text[start:pos]
    if before.count('"') % 2:
        return True
    return any(before.rfind(o) > before.rfind(c) for o, c in _QUOTES)


def is_history(text: str, start: int, end: int) -> bool:
    """A year word that stays: a period since then, one end of a range, a quotation, a dated event."""
    after = text[end:].lstrip(" ")[1:]  # past the 年
    if after.startswith("度"):
        after = after[1:]
    return bool(_HISTORY_AFTER.match(after) or _RANGE_BEFORE.search(text, 0, start) or _quoted(text, start))


def _snippet(text: str, node: Node | None, start: int, end: int) -> str:
    """The words around a replacement, fields shown as in the source, no token cut in half."""
    a, b = max(0, start - _CONTEXT_CHARS), min(len(text), end + _CONTEXT_CHARS)
    opened = text.rfind(TOKEN_OPEN, 0, a)
    if opened >= 0 and text.rfind(TOKEN_CLOSE, 0, a) < opened:
        a = opened
    closing = text.find(TOKEN_CLOSE, b - 1)
    if closing >= 0 and text.rfind(TOKEN_OPEN, 0, b) > text.rfind(TOKEN_CLOSE, 0, b):
        b = closing + 1
    piece = text[a:b].replace("\n", " ")
    return source_text(piece, node) if node is not None else piece


def _texts(report: Report) -> Iterator[tuple[Node | None, str, str]]:
    yield None, "title", report.title
    for node in report.walk():
        yield node, "heading", node.heading
        yield node, "body", node.body


def _planned(report: Report, year: int) -> list[tuple[int, Replacement]]:
    """The replacements, each with the position of its text in ``_texts`` order."""
    old = report.year or year - 1  # a draft whose year was not found is taken as last year's
    if old == year:
        return []
    pattern = _year_re(old)
    plan: list[tuple[int, Replacement]] = []
    for i, (node, where, text) in enumerate(_texts(report)):
        for m in pattern.finditer(text):
            if is_history(text, m.start(), m.end()):
                continue
            after = _moved(m.group(), year - old)
            plan.append((i, Replacement(len(plan), node.id if node else report.id, where, m.start(),
                                        m.group(), after, _snippet(text, node, m.start(), m.end()))))
    return plan


def rollover_plan(report: Report, year: int) -> list[Replacement]:
    """Every year word of ``report`` that ``roll_over(report, year)`` would move, in reading order."""
    return [r for _, r in _planned(report, year)]


def roll_over(report: Report, year: int, accepted: set[int] | None = None) -> Report:
    """A new, unstored report for ``year`` built from ``report``; only the ``accepted`` replacements (None: all)."""
    edits: dict[int, list[Replacement]] = {}
    for i, r in _planned(report, year):
        if accepted is None or r.index in accepted:
            edits.setdefault(i, []).append(r)
    new = copy.deepcopy(report)
    new.id, new.year = None, year
    for node in new.walk():
        node.id = None
        node.last_heading, node.last_body = node.heading, node.body
    for i, (node, where, text) in enumerate(_texts(new)):
        for r in sorted(edits.get(i, []), key=lambda r: -r.offset):
            text = text[:r.offset] + r.after + text[r.offset + len(r.before):]
        setattr(node if node is not None else new, where, text)
    printed = {f.fid: phrase_amount(node, f) for node, f in new.all_fields() if f.kind is FieldKind.CHANGE}
    for _, f in new.all_fields():
        f.last_value = printed[f.fid] if f.kind is FieldKind.CHANGE else f.value  # a phrase as it printed
        f.note = ""
        if f.kind in (FieldKind.NUMBER, FieldKind.CHANGE):
            f.value = None
    if not report.year and not re.search(_year_words(year), new.title):
        new.title = f"{year}年{new.title}"
    return new


def carry_last_year(report: Report, last: Report) -> Report:
    """``report`` with last year's values and text taken from ``last``, a draft of the same shape.

    Nodes pair in reading order; within a node a field takes the value of last
    year's field of the same kind, unit and label (the words around it; one
    label may hold the other, "镇建成…" and "青石镇建成…"), else, when both
    nodes have as many fields, of the next one of the same kind and unit: the
    bundled sample shows last year's figures at once.
    """
    for node, before in zip(report.walk(), last.walk(), strict=False):
        node.last_heading, node.last_body = before.heading, before.body
        olds = list(before.fields)
        for f in node.fields:
            same = [o for o in olds if o.kind is f.kind and o.unit == f.unit]
            old = next((o for o in same if o.label == f.label), None) or next(
                (o for o in same if f.label and o.label and (f.label in o.label or o.label in f.label)), None)
            if old is None and same and len(before.fields) == len(node.fields):
                old = same[0]
            if old is not None:
                f.last_value = old.value
                olds.remove(old)
    return report
