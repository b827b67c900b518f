"""Find and replace over the whole report in memory (查找替换): headings, bodies and field labels.

A plain ``str.find`` over each text as it reads (a field's token shown as its
value, a blank as X), so one- and two-character Chinese searches work and no
index is needed.  A hit that touches a field's value can be found and shown
but never replaced: a replace changes only the words around the fields, so
no field is broken, merged or duplicated.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from model.fields import render_field
from model.report import TOKEN_CLOSE, TOKEN_OPEN, TOKEN_RE, Field, Node, Report

HEADING, BODY, LABEL = "heading", "body", "label"
CONTEXT_CHARS = 14


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs four times as much, one per hit
class Hit:
    """One occurrence: where (node, part, for a label the field), its raw span and what stands around it."""

    node: Node
    part: str
    start: int           # in the raw text (tokens as stored); for a label, in the label
    end: int
    replaceable: bool    # False when the hit touches a field's value
    fid: int | None = None
    doc_start: int = 0   # in the editor's document, where a chip is one character
    doc_end: int = 0
    reading: str = field(default="", repr=False, compare=False)  # the text as it reads, for ``context``
    read_start: int = field(default=0, repr=False, compare=False)
    read_end: int = field(default=0, repr=False, compare=False)

    @property
    def context(self) -> str:
        """The text as it reads around the hit, the hit in 【】 (made when asked: a list shows a few)."""
        return _context(self.reading, self.read_start, self.read_end)


class _View:
    """A text as it reads (``text``: each field token shown as its value) and, made at its first hit,
    its segments: plain runs of the raw text and field values (a chip each).

    A segment is (reading start, raw start, raw end, document start, is a field); a chip is one
    character in the editor's document, however long the value it shows.  A search that finds
    nothing in a text needs only its reading, so the segments wait.
    """

    __slots__ = ("_parts", "_segments", "_starts", "_values", "text")

    def __init__(self, raw: str, by_fid: dict[int, Field]) -> None:
        self._parts = TOKEN_RE.split(raw)  # plain, fid, plain, fid, …, plain
        self._values = [render_field(f) if (f := by_fid.get(int(fid))) else "" for fid in self._parts[1::2]]
        self._values.append("")
        self.text = "".join(part + value for part, value in zip(self._parts[0::2], self._values, strict=True))
        self._segments: list[tuple[int, int, int, int, bool]] | None = None
        self._starts: list[int] = []

    def _segmented(self) -> list[tuple[int, int, int, int, bool]]:
        if self._segments is None:
            segments = self._segments = []
            read = doc = raw = 0
            fids = self._parts[1::2]
            for k, plain in enumerate(self._parts[0::2]):
                if plain:
                    segments.append((read, raw, raw + len(plain), doc, False))
                    read, doc, raw = read + len(plain), doc + len(plain), raw + len(plain)
                if k < len(fids):
                    width = len(fids[k]) + len(TOKEN_OPEN) + len(TOKEN_CLOSE)
                    value = self._values[k]
                    if value:
                        segments.append((read, raw, raw + width, doc, True))
                        read += len(value)
                    doc, raw = doc + 1, raw + width
            self._starts = [seg[0] for seg in segments]
        return self._segments

    def where(self, at: int) -> tuple[int, int, int, bool]:
        """For reading position ``at``: its segment's index, raw and document positions, in a field."""
        segments = self._segmented()
        k = bisect_right(self._starts, at) - 1
        read, raw_start, _raw_end, doc_start, in_field = segments[k]
        if in_field:
            return k, raw_start, doc_start, True
        return k, raw_start + at - read, doc_start + at - read, False

    def hit(self, node: Node, part: str, at: int, end: int) -> Hit:
        k0, raw_start, doc_start, _ = self.where(at)
        k1, raw_last, doc_last, in_field = self.where(end - 1)
        segments = self._segments
        touches = any(segments[k][4] for k in range(k0, k1 + 1))
        raw_end = segments[k1][2] if in_field else raw_last + 1
        return Hit(node, part, raw_start, raw_end, not touches, None, doc_start, doc_last + 1, self.text, at, end)


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS):start].replace("\n", " ")
    after = text[end:end + CONTEXT_CHARS].replace("\n", " ")
    lead = "…" if start > CONTEXT_CHARS else ""
    tail = "…" if end + CONTEXT_CHARS < len(text) else ""
    return f"{lead}{before}【{text[start:end]}】{after}{tail}"


def _text_hits(node: Node, part: str, raw: str, view: _View | None, needle: str) -> list[Hit]:
    hits: list[Hit] = []
    if view is None:  # no field in this text: it reads as it is stored
        at = raw.find(needle)
        while at >= 0:
            end = at + len(needle)
            hits.append(Hit(node, part, at, end, True, None, at, end, raw, at, end))
            at = raw.find(needle, end)
        return hits
    at = view.text.find(needle)
    while at >= 0:
        end = at + len(needle)
        hits.append(view.hit(node, part, at, end))
        at = view.text.find(needle, end)
    return hits


Views = dict[int, tuple[Node, str, str, "_View | None", "_View | None"]]


def _views(node: Node, cache: Views | None) -> tuple[_View | None, _View | None]:
    """The node's heading and body views (None: a text without fields), from ``cache`` when it has them.

    The caller keeps the cache and forgets a node when its text or fields change (the window does
    so on the session's signals), so typing a search runs over 1,000 nodes without rendering them.
    """
    kept = cache.get(id(node)) if cache is not None else None
    if kept is not None and kept[0] is node and kept[1] is node.heading and kept[2] is node.body:
        return kept[3], kept[4]
    in_heading, in_body = TOKEN_OPEN in node.heading, TOKEN_OPEN in node.body
    by_fid = {f.fid: f for f in node.fields} if in_heading or in_body else {}
    heading = _View(node.heading, by_fid) if in_heading else None
    body = _View(node.body, by_fid) if in_body else None
    if cache is not None:
        cache[id(node)] = (node, node.heading, node.body, heading, body)
    return heading, body


def read_all(report: Report, cache: Views) -> None:
    """Every node's texts as they read, into ``cache`` now (the find dock does it when it opens, so its
    first search is as quick as the next ones); the nodes already there cost a look each."""
    for node in report.walk():
        _views(node, cache)


def find(report: Report, needle: str, labels: bool = True, cache: Views | None = None) -> list[Hit]:
    """Every occurrence of ``needle`` in outline order: heading, body, then the node's field labels."""
    if not needle:
        return []
    hits: list[Hit] = []
    for node in report.walk():
        heading, body = _views(node, cache)
        if node.heading:
            hits.extend(_text_hits(node, HEADING, node.heading, heading, needle))
        if node.body:
            hits.extend(_text_hits(node, BODY, node.body, body, needle))
        if labels:
            for f in node.fields:
                at = f.label.find(needle) if f.label else -1
                while at >= 0:
                    end = at + len(needle)
                    hits.append(Hit(node, LABEL, at, end, True, f.fid, 0, 0, f.label, at, end))
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
