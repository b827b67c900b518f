"""Find and replace over the whole report in memory (查找替换): headings, bodies and field labels.

A plain ``str.find`` over each text as it reads (a field's token shown as its
value, a blank as X), so one- and two-character Chinese searches work and no
index is needed.  A hit that touches a field's value can be found and shown
but never replaced: a replace changes only the words around the fields, so
no field is broken, merged or duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.fields import render_field
from model.report import TOKEN_CLOSE, TOKEN_OPEN, TOKEN_RE, Node, Report

HEADING, BODY, LABEL = "heading", "body", "label"
CONTEXT_CHARS = 14


@dataclass(frozen=True)
class Hit:
    """One occurrence: where (node, part, for a label the field), its raw span and what stands around it."""

    node: Node
    part: str
    start: int           # in the raw text (tokens as stored); for a label, in the label
    end: int
    context: str         # the text as it reads around the hit, the hit in 【】
    replaceable: bool    # False when the hit touches a field's value
    fid: int | None = None
    doc_start: int = 0   # in the editor's document, where a chip is one character
    doc_end: int = 0


class _View:
    """A text as it reads, with each reading position's raw offset and whether it lies in a field."""

    __slots__ = ("doc", "in_field", "raw", "text")

    def __init__(self, raw: str, node: Node) -> None:
        pieces: list[str] = []
        raw_at: list[int] = []
        doc_at: list[int] = []
        in_field: list[bool] = []
        last, doc_shift = 0, 0
        for m in TOKEN_RE.finditer(raw):
            plain = raw[last:m.start()]
            pieces.append(plain)
            raw_at.extend(range(last, m.start()))
            doc_at.extend(range(last - doc_shift, m.start() - doc_shift))
            in_field.extend([False] * len(plain))
            f = node.field_by_id(int(m.group(1)))
            value = render_field(f) if f else ""
            pieces.append(value)
            raw_at.extend([m.start()] * len(value))
            doc_at.extend([m.start() - doc_shift] * len(value))
            in_field.extend([True] * len(value))
            doc_shift += len(m.group(0)) - 1
            last = m.end()
        tail = raw[last:]
        pieces.append(tail)
        in_field.extend([False] * len(tail))
        raw_at.extend(range(last, len(raw) + 1))
        doc_at.extend(range(last - doc_shift, len(raw) - doc_shift + 1))
        self.text = "".join(pieces)
        self.raw, self.doc, self.in_field = raw_at, doc_at, in_field


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS):start].replace("\n", " ")
    after = text[end:end + CONTEXT_CHARS].replace("\n", " ")
    lead = "…" if start > CONTEXT_CHARS else ""
    tail = "…" if end + CONTEXT_CHARS < len(text) else ""
    return f"{lead}{before}【{text[start:end]}】{after}{tail}"


def _text_hits(node: Node, part: str, raw: str, needle: str) -> list[Hit]:
    if not raw:
        return []
    if TOKEN_OPEN not in raw:  # the common case: reading text = raw text
        text, hits, at = raw, [], raw.find(needle)
        while at >= 0:
            end = at + len(needle)
            hits.append(Hit(node, part, at, end, _context(text, at, end), True, None, at, end))
            at = raw.find(needle, end)
        return hits
    view = _View(raw, node)
    hits, at = [], view.text.find(needle)
    while at >= 0:
        end = at + len(needle)
        touches = any(view.in_field[at:end])
        last = view.raw[end - 1]
        raw_end = raw.index(TOKEN_CLOSE, last) + 1 if view.in_field[end - 1] else last + 1
        hits.append(Hit(node, part, view.raw[at], raw_end, _context(view.text, at, end), not touches,
                        None, view.doc[at], view.doc[end - 1] + 1))
        at = view.text.find(needle, end)
    return hits


def find(report: Report, needle: str, labels: bool = True) -> list[Hit]:
    """Every occurrence of ``needle`` in outline order: heading, body, then the node's field labels."""
    if not needle:
        return []
    hits: list[Hit] = []
    for node in report.walk():
        hits.extend(_text_hits(node, HEADING, node.heading, needle))
        hits.extend(_text_hits(node, BODY, node.body, needle))
        if labels:
            for f in node.fields:
                at = f.label.find(needle) if f.label else -1
                while at >= 0:
                    end = at + len(needle)
                    hits.append(Hit(node, LABEL, at, end, _context(f.label, at, end), True, f.fid))
                    at = f.label.find(needle, end)
    return hits


def clean_replacement(text: str) -> str:
    """What may be written in place of a hit: never a field's token marks."""
    return text.replace(TOKEN_OPEN, "").replace(TOKEN_CLOSE, "")


def replaced(raw: str, hits: list[Hit], replacement: str) -> str:
    """``raw`` with each replaceable hit (all in this one text) replaced, from the end backwards."""
    replacement = clean_replacement(replacement)
    for hit in sorted((h for h in hits if h.replaceable), key=lambda h: h.start, reverse=True):
        raw = raw[:hit.start] + replacement + raw[hit.end:]
    return raw


def is_current(hit: Hit, needle: str) -> bool:
    """Whether the hit still stands where it was found (the text may have changed since)."""
    if hit.part == LABEL:
        f = hit.node.field_by_id(hit.fid)
        return f is not None and f.label[hit.start:hit.end] == needle
    raw = hit.node.heading if hit.part == HEADING else hit.node.body
    return raw[hit.start:hit.end] == needle
