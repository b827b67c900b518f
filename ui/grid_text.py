"""The texts a row of 所有指标 shows about where its field stands (位置, 原文). Pure text, no widgets."""

from __future__ import annotations

from collections.abc import Callable

from model.fields import render_field, render_text
from model.report import TOKEN_CLOSE, TOKEN_OPEN, TOKEN_RE, Node, token

MARK_OPEN, MARK_CLOSE = "【", "】"
SENTENCE_STOPS = "。；;！!？?\n"
CLAUSE_STOPS = "，,、：:"
BEFORE_CHARS = 24
AFTER_CHARS = 16
HEADING_CHARS = 12


def where_text(node: Node, path: tuple[Node, ...], number_of: Callable[[Node], str]) -> str:
    """"二、1.理论学习常抓不懈": the numbers from the section down, then the start of the heading."""
    numbers = "".join(number_of(n) for n in (*path, node))
    start = render_text(node.heading, node).strip() or render_text(node.body, node).strip()
    if len(start) > HEADING_CHARS:
        start = start[:HEADING_CHARS] + "…"
    return f"{numbers}{start}"


def clause_text(node: Node, fid: int) -> str:
    """The words around field ``fid`` in its sentence, the field itself in 【】 as it reads."""
    mark = token(fid)
    text = next((t for t in (node.heading, node.body) if mark in t), "")
    at = text.find(mark)
    if at < 0:
        return ""
    before = _sentence_before(text[:at])
    after = _sentence_after(text[at + len(mark):])
    f = node.field_by_id(fid)
    shown = render_field(f) if f else ""
    return f"{render_text(before, node)}{MARK_OPEN}{shown}{MARK_CLOSE}{render_text(after, node)}"


def _sentence_before(text: str) -> str:
    start = max(text.rfind(stop) for stop in SENTENCE_STOPS) + 1
    part = text[start:]
    if _plain_len(part) <= BEFORE_CHARS:
        return part.lstrip()
    cut = part[-BEFORE_CHARS:]
    breaks = [cut.find(stop) for stop in CLAUSE_STOPS if cut.find(stop) >= 0]
    cut = cut[min(breaks) + 1:] if breaks else cut
    return "…" + _whole_tokens(cut)


def _sentence_after(text: str) -> str:
    ends = [text.find(stop) for stop in SENTENCE_STOPS if text.find(stop) >= 0]
    part = text[:min(ends) + 1] if ends else text
    if _plain_len(part) <= AFTER_CHARS:
        return part.rstrip("\n")
    cut = part[:AFTER_CHARS]
    breaks = [cut.rfind(stop) for stop in CLAUSE_STOPS if cut.rfind(stop) > 0]
    cut = cut[:max(breaks)] if breaks else cut
    return _whole_tokens(cut, tail=True) + "…"


def _plain_len(text: str) -> int:
    return len(TOKEN_RE.sub("X", text))


def _whole_tokens(text: str, tail: bool = False) -> str:
    """Drop a token cut in half at the edge of a slice."""
    if tail:
        opened = text.rfind(TOKEN_OPEN)
        return text[:opened] if opened > text.rfind(TOKEN_CLOSE) else text
    closed, opened = text.find(TOKEN_CLOSE), text.find(TOKEN_OPEN)
    return text[closed + 1:] if closed >= 0 and (opened < 0 or closed < opened) else text
