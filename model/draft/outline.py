"""Paragraphs into the outline of a report: title, front matter, sections, items, fields (提纲).

Every reader (.docx, .txt, pasted text) produces ``Para`` objects; this module
alone decides what is a title, a section, an item, an inline 一是 part or the
closing, so all drafts are read by the same rules.  Levels come from the
numbering styles the draft actually uses, in the order they appear.
"""

from __future__ import annotations

import re

from model.draft.finder import find_fields
from model.draft.levels import Levels, Open, family, numbering_of
from model.draft.matter import SENTENCE_END, ending, front_matter, is_front, title
from model.draft.paragraphs import Para
from model.draft.patterns import CN_DIGITS, INDENT, is_cjk
from model.numbering import parse_chinese_numeral, year_in
from model.report import Node, NodeKind, NumberStyle, Report

__all__ = ["build_report", "numbering_of"]

_INDENT = INDENT
_KINDS = [NodeKind.SECTION, NodeKind.ITEM]
_UNCOUNTED = (NodeKind.PREAMBLE, NodeKind.CLOSING, NodeKind.INLINE)
# Chinese numbers matched as word characters and checked after (as levels.numbering_of does): the
# next character (，,、：: or 是) ends the run of word characters, so the match is the one a class gave.
_SPEECH_PART = re.compile(r"^第(\w{1,3})[，,、：:]")
_INLINE_MARK = re.compile(r"(?:^|(?<=[。；！？;!?\n]))([^\W\d_是]{1,2})是(?=[^否非])")


def build_report(paras: list[Para], year: int | None = None) -> Report:
    """The report a draft's paragraphs describe: title, front matter and the tree with its fields."""
    paras = [p for p in (_clean(p) for p in paras) if p.text]
    report = Report()
    front, start = front_matter(paras, 0)
    report.title, start = title(paras, start)
    more, start = front_matter(paras, start, report.title)
    report.front_matter = front + more
    body = paras[start:]
    builder = _Builder(report, headings=_lone_headings(body))
    end = ending(body)
    for i, para in enumerate(body):
        if i >= end.back:
            builder.back_matter(body[i:])
            break
        if i == end.signature:
            builder.signature(body[i:end.back])
        elif i >= end.closing and i < end.signature:
            builder.closing(para.text)
        elif i < end.closing:
            builder.add(para, i)
    builder.finish()
    report.year = year if year is not None else year_in(report.title)
    _find_all_fields(report, builder.no_fields)
    return report


def _clean(p: Para) -> Para:
    text = p.text.strip(_INDENT)
    if text == p.text:
        return p
    lead = len(p.text) - len(p.text.lstrip(_INDENT))
    return Para(text=text, bold_prefix=max(0, min(len(text), p.bold_prefix - lead)),
                outline_level=p.outline_level, centered=p.centered, font_hint=p.font_hint,
                in_table=p.in_table)


def _is_heading(p: Para) -> bool:
    """An unnumbered top-level heading ("2024年工作回顾"): short, no sentence end, words not figures."""
    text = p.text
    if p.in_table or len(text) > 30 or text[-1] in SENTENCE_END + "：:，,、" or is_front(text):
        return False
    return sum(map(is_cjk, text)) >= 2 and numbering_of(text) is None


def _lone_headings(body: list[Para]) -> set[int]:
    """Indices of unnumbered headings that stand alone.

    Two plain heading-like lines in a row are no headings but a flattened
    table or list ("指标", "单位", "完成值"): a heading is followed by its
    text.  A line set apart by its look (outline level, centred, all bold)
    stays a heading.
    """
    like = [_is_heading(p) for p in body] + [False]
    return {i for i, p in enumerate(body)
            if like[i] and (_styled(p) or not like[i + 1] and not (i and like[i - 1]))}


def _styled(p: Para) -> bool:
    return p.outline_level is not None or p.centered or p.bold_prefix >= len(p.text)


class _Builder:  # a plain class: a dataclass costs ~0.7 ms to define, in every process that parses
    """Grows the tree paragraph by paragraph; ``path`` holds the open numbered nodes."""

    def __init__(self, report: Report, headings: set[int]) -> None:
        self.report = report
        self.path: list[Open] = []
        self.current: Node | None = None
        self.levels = Levels()
        self.no_fields: set[int] = set()
        self.headings = headings
        self.speech_next = 1  # the 第N， a speech's next part must carry

    def add(self, para: Para, at: int) -> None:
        if self._speech_part(para):
            return
        numbered = None if para.in_table else numbering_of(para.text)
        if numbered is None:
            heading = at in self.headings
            if self.current is not None and not heading:
                _append(self.current, para.text)
            elif self.current is None and not heading:
                self.current = Node(NodeKind.PREAMBLE, body=para.text)
                self.report.nodes.append(self.current)
            else:
                self._numbered(para, NumberStyle.NONE, 0, 0)
            return
        style, number, length = numbered
        if style is NumberStyle.CN_SHI and not self.path:
            return self._text_only(para.text)
        if style is NumberStyle.DASH and not self.path:
            return self._text_only(para.text)
        self._numbered(para, style, number, length)

    def _speech_part(self, para: Para) -> bool:
        """"第一，要提高认识。…" in a speech: a top-level part, its words kept as spoken (no printed number)."""
        m = _SPEECH_PART.match(para.text)
        if (m is None or para.in_table or m.group(1).strip(CN_DIGITS)
                or parse_chinese_numeral(m.group(1)) != self.speech_next):
            return False
        if self.path and not (self.speech_next > 1 and self.path[0].node.number_style is NumberStyle.NONE):
            return False  # inside numbered sections "第一，" is the body's own wording
        heading, body = _split_lead(para.text, para.bold_prefix)
        node = Node(NodeKind.SECTION, heading=heading or para.text, body=body if heading else "",
                    number_style=NumberStyle.NONE)
        self.report.nodes.append(node)
        self.path[:] = [Open(node, 0, NumberStyle.NONE, self.speech_next)]
        self.current = node
        self.speech_next += 1
        return True

    def _text_only(self, text: str) -> None:
        if self.current is None:
            self.current = Node(NodeKind.PREAMBLE)
            self.report.nodes.append(self.current)
        _append(self.current, text)

    def _numbered(self, para: Para, style: NumberStyle, number: int, length: int) -> None:
        heading, body = _split_lead(para.text[length:].strip(_INDENT), para.bold_prefix - length)
        if style is NumberStyle.NONE:
            heading, body = para.text, ""
        if style is NumberStyle.CN_SHI:
            _, nodes = _inline_parts(para.text, number, para.bold_prefix)
            self.path[-1].node.children.extend(nodes)
            self.current = nodes[-1]
            return
        depth = len(self.path) if style is NumberStyle.DASH else self.levels.depth(style, number, self.path)
        kind = _KINDS[depth] if depth < len(_KINDS) else NodeKind.SUBITEM
        node = Node(kind, heading=heading, body=body)
        del self.path[depth:]
        siblings = self.path[-1].node.children if self.path else self.report.nodes
        style = self._variant(siblings, style, depth)
        styles = self.levels.styles
        if style is NumberStyle.DASH or depth >= len(styles) or styles[depth] != style:
            node.number_style = style
        siblings.append(node)
        if style is not NumberStyle.DASH:
            self.path.append(Open(node, depth, family(style), number))
        self.current = node

    def _variant(self, siblings: list[Node], style: NumberStyle, depth: int) -> NumberStyle:
        """A stray "2、" among "1." siblings prints as they do: one list, one counter."""
        taught = self.levels.styles[depth] if depth < len(self.levels.styles) else None
        for node in reversed(siblings):
            used = node.number_style or (taught if node.kind not in _UNCOUNTED else None)
            if used is not None and used is not NumberStyle.DASH and family(used) == family(style):
                return used
        return style

    def closing(self, text: str) -> None:
        node = Node(NodeKind.CLOSING, body=text)
        self.report.nodes.append(node)
        self.current = node

    def signature(self, paras: list[Para]) -> None:
        """单位 and date lines at the end: closing text kept as typed, no fields, never an item."""
        node = Node(NodeKind.CLOSING, body="\n".join(p.text for p in paras))
        self.report.nodes.append(node)
        self.no_fields.add(id(node))

    def back_matter(self, paras: list[Para]) -> None:
        """A glossary or appendix: kept whole as closing text, never a run of items."""
        node = Node(NodeKind.CLOSING, heading=paras[0].text, body="\n".join(p.text for p in paras[1:]))
        self.report.nodes.append(node)
        self.no_fields.add(id(node))

    def finish(self) -> None:
        for node in list(self.report.walk()):
            if node.kind in (NodeKind.SECTION, NodeKind.ITEM, NodeKind.SUBITEM):
                _split_inline(node)
        self.report.level_styles = self.levels.padded()


def _append(node: Node, text: str) -> None:
    node.body = f"{node.body}\n{text}" if node.body else text


def _split_lead(rest: str, bold: int) -> tuple[str, str]:
    """(heading, body) of a numbered paragraph: its lead sentence, when it has one, and the rest.

    A paragraph bold from end to end (a heading style, or a clerk who bolded
    the whole line) marks no lead: its first sentence is the heading when
    more text follows it, as in an unbolded paragraph.
    """
    if 0 < bold < len(rest):
        return rest[:bold].strip(), rest[bold:].strip(_INDENT)
    end = next((i for i, ch in enumerate(rest) if ch in SENTENCE_END), None)
    if bold >= len(rest) > 0 and (end is None or end >= 40 or not rest[end + 1:].strip("”’）)" + _INDENT)):
        return rest, ""
    if end is not None and end < 40:
        while end + 1 < len(rest) and rest[end + 1] in "”’）)":
            end += 1
        return rest[: end + 1], rest[end + 1:].strip(_INDENT)
    if end is None and len(rest) <= 60:
        return rest, ""
    return "", rest


def _inline_parts(text: str, first: int = 1, bold: int = 0) -> tuple[str, list[Node]]:
    """(text before the first mark, inline nodes) for "一是…。二是…。" counted from ``first``."""
    marks: list[re.Match] = []
    for m in _INLINE_MARK.finditer(text):
        if not m.group(1).strip(CN_DIGITS) and parse_chinese_numeral(m.group(1)) == first + len(marks):
            marks.append(m)
    if not marks:
        return text, []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    nodes: list[Node] = []
    for m, end in zip(marks, ends, strict=True):
        part = text[m.end():end]
        lead = len(part) - len(part.lstrip(_INDENT))
        heading, body = _split_lead(part.strip(_INDENT), bold - m.end() - lead if bold and not nodes else 0)
        nodes.append(Node(NodeKind.INLINE, heading=heading, body=body))
    return text[: marks[0].start()].strip(), nodes


def _split_inline(node: Node) -> None:
    """"一是…。二是…。" inside a body → inline children; the text before 一是 stays the body."""
    before, children = _inline_parts(node.body)
    if len(children) < 2:
        return
    node.body = before
    node.children[0:0] = children


def _find_all_fields(report: Report, skip: set[int]) -> None:
    """Fields in every heading and body, ids unique across the report."""
    fid = 1
    for node in report.walk():
        if id(node) in skip:
            continue
        for attr in ("heading", "body"):
            text, found = find_fields(getattr(node, attr), fid)
            setattr(node, attr, text)
            node.fields.extend(found)
            fid += len(found)
