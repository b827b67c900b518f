"""Plain text (pasted, typed, copied out of a PDF) into paragraphs (纯文本草稿).

Text arrives in three shapes: one paragraph a line (typed), hard line breaks
every few dozen characters (a PDF copy), or the whole report on one line (some
e-mail clients).  All three become the same run of ``Para`` objects.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from model.draft.paragraphs import Para
from model.draft.patterns import (
    BLANK_CHARS,
    CLOSING_OPENERS,
    CN_DIGITS,
    DIGITS,
    INDENT,
    NUMBERED_START,
    SPEECH_ORDINAL,
)
from model.draft.units import unit_after

_INDENT = INDENT
_SENTENCE_END = "。！？；：!?;:…"
_CLOSERS = "”’」』）)》】"
_CONTINUES = "，,、“‘「（(《—-"
_CN = CN_DIGITS
# the start of a numbered paragraph: 一、 （一） (一) 1. 1、 １． （1） —— and a salutation
_NUMBERED_START = re.compile(rf"^(?:{NUMBERED_START}|{SPEECH_ORDINAL}|——|来源[:：]|各位|同志们|附件|名词解释)")
_MARKER_ONLY = re.compile(rf"(?:{NUMBERED_START}|{SPEECH_ORDINAL})\s*")  # "1." on a line of its own
_CLOSING_START = re.compile(rf"^(?:{CLOSING_OPENERS})")
_MIN_WRAP = 16
_TITLE_END = re.compile(r"^(.{4,60}?(?:报告|总结))(?=[^\s，。、：:”）)])")


@cache
def _inline_break() -> re.Pattern:
    """Where a new numbered paragraph begins inside a one-line report (compiled only for such a text)."""
    return re.compile(
        rf"(?<=[。！？；：”’）)!?;:])\s*(?=[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[）)]|[（(][0-9０-９]{{1,2}}[）)]"
        r"|[0-9０-９]{1,2}[.．、](?![0-9０-９])|——|回顾(?:一年|过去|全年|20\d\d)|新的一年|总之，|名词解释)"
        # an item number glued to a heading without punctuation: "底线1.粮食"
        r"|(?<=[\u4e00-\u9fff])(?<![第图表件])(?=[0-9０-９]{1,2}[.．][\u4e00-\u9fff])"
    )


def text_paragraphs(text: str) -> list[Para]:
    """The paragraphs of a plain-text draft, however its lines were broken."""
    for sep in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(sep, "\n")
    lines = [(line.strip(_INDENT), line[:1] in _INDENT) for line in text.split("\n")]
    blocks = _blocks(lines)
    width = _wrap_width([line for block in blocks for line, _ in block])
    paras: list[str] = []
    for block in blocks:
        paras.extend(_join_block(block, width))
    if len(paras) <= 3:
        paras = [part for p in paras for part in _split_one_line(p)]
    return [Para(text=p) for p in paras if p]


def _blocks(lines: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    """Runs of non-empty lines (text, indented); a blank line always ends a paragraph."""
    blocks: list[list[tuple[str, bool]]] = [[]]
    for line, indented in lines:
        if line:
            blocks[-1].append((line, indented))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _wrap_width(lines: list[str]) -> int | None:
    """The width at which a PDF copy broke its lines, or None when lines are whole paragraphs."""
    if len(lines) < 6:
        return None
    counts = Counter(len(line) for line in lines)

    def near(width: int) -> int:
        return sum(counts.get(width + d, 0) for d in (-2, -1, 0, 1))

    width = max(counts, key=lambda w: (near(w), w))
    # a column narrower than _MIN_WRAP is a run of short headings, not a PDF page
    if width > 80 or width < _MIN_WRAP or near(width) < 0.35 * len(lines):
        return None
    return width


def _join_block(block: list[tuple[str, bool]], width: int | None) -> list[str]:
    """Lines of one block joined back into paragraphs."""
    paras = [block[0][0]]
    previous = block[0][0]
    for line, indented in block[1:]:
        if _joins(previous, line, indented, width):
            paras[-1] += line
        else:
            paras.append(line)
        previous = line
    return paras


def _joins(previous: str, line: str, indented: bool, width: int | None) -> bool:
    """Does ``line`` continue the paragraph whose last line is ``previous``?"""
    if _MARKER_ONLY.fullmatch(previous):
        return True  # "1.\n特色农业…": the number and its item were broken apart
    if previous[-1] in DIGITS + BLANK_CHARS and unit_after(line, 0) is not None:
        return True  # a number split from its unit: "XX\n亿元", "12.5\n%"
    if _NUMBERED_START.match(line) or _CLOSING_START.match(line):
        return False
    if previous[-1] in _CONTINUES:
        return True
    if width is None or indented:
        return False
    return len(previous) >= width - 2  # a full line of a PDF copy runs on


def _split_one_line(text: str) -> list[str]:
    """A whole report on one line, split back at its numbers, its title and its closing."""
    parts = _inline_break().split(text)
    if len(parts) < 3:
        return [text]
    title = _TITLE_END.match(parts[0])
    if title:
        parts[0:1] = [title.group(1), parts[0][title.end():]]
    return [p.strip(_INDENT) for p in parts if p.strip(_INDENT)]
