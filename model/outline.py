"""Paragraphs into the outline of a report: title, front matter, sections, items, fields (提纲).

Every reader (.docx, .txt, pasted text) produces ``Para`` objects; this module
alone decides what is a title, a section, an item, an inline 一是 part or the
closing, so all drafts are read by the same rules.  Levels come from the
numbering styles the draft actually uses, in the order they appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.fields import find_fields
from model.numbering import parse_chinese_numeral
from model.paragraphs import Para
from model.report import Node, NodeKind, NumberStyle, Report

_INDENT = " \t\u3000\u2003\u2002\u00a0\ufeff"
_SENTENCE_END = "。！？；!?;"
_CN = "一二三四五六七八九十"
_DIGIT = "0-9０-９"
_NUMBERING = [
    (NumberStyle.CN_COMMA, re.compile(rf"^([{_CN}]{{1,3}})[、．]\s*")),
    (NumberStyle.CN_PAREN, re.compile(rf"^[（(]([{_CN}]{{1,3}})[）)]\s*")),
    (NumberStyle.ARABIC_PAREN, re.compile(rf"^[（(]([{_DIGIT}]{{1,2}})[）)]\s*")),
    (NumberStyle.ARABIC_DOT, re.compile(rf"^([{_DIGIT}]{{1,2}})[.．](?![{_DIGIT}])\s*")),
    (NumberStyle.ARABIC_COMMA, re.compile(rf"^([{_DIGIT}]{{1,2}})、\s*")),
    (NumberStyle.CN_SHI, re.compile(rf"^([{_CN}]{{1,2}})是(?=[^否非])")),
    (NumberStyle.DASH, re.compile(r"^(——|－－|--)(?![—－\-])\s*")),
]
_FAMILY = {NumberStyle.ARABIC_COMMA: NumberStyle.ARABIC_DOT}
_CANONICAL = [NumberStyle.CN_COMMA, NumberStyle.CN_PAREN, NumberStyle.ARABIC_DOT, NumberStyle.ARABIC_PAREN]
_KINDS = [NodeKind.SECTION, NodeKind.ITEM]

_FRONT_MATTER = [
    re.compile(r"^(来源|作者|发布时间|发布日期|日期|时间|出处)[:：]"),
    re.compile(r"^(各位代表|各位委员|同志们|各位领导|各位同志|尊敬的.{0,20})[：:！!，,]?$"),
    re.compile(r"^[（(]?[—\-－]*\s*(19|20)\d\d年\d{1,2}月\d{1,2}日.{0,100}(会议|大会|会上)"),
    re.compile(r"^[（(].{0,80}[）)]$"),
    re.compile(r"^(19|20)\d\d年\d{1,2}月\d{1,2}日$|^二〇.{2,10}日$"),
    re.compile(r"^[^。；，！？]{2,30}(书记|局长|主任|市长|县长|区长|省长|部长|主席)[、，\s]*\S{0,12}$"),
]
_CLOSING = re.compile(
    r"^(回顾(一年|过去|全年|这一年|20\d\d)|新的一年|下一步|下一阶段|今后|总之|一年来|展望|各位代表|同志们)"
)
_BACK_MATTER = re.compile(r"^(名词解释|附件\s*[0-9０-９一二三四五六七八九]*|附录|附[:：])[:：]?\s*$")
_INLINE_MARK = re.compile(rf"(?:^|(?<=[。；！？;!?\n]))([{_CN}]{{1,2}})是(?=[^否非])")


def build_report(paras: list[Para], year: int | None = None) -> Report:
    """The report a draft's paragraphs describe: title, front matter and the tree with its fields."""
    paras = [p for p in (_clean(p) for p in paras) if p.text]
    report = Report()
    front, start = _front_matter(paras, 0)
    report.title, start = _title(paras, start)
    more, start = _front_matter(paras, start, report.title)
    report.front_matter = front + more
    body = paras[start:]
    builder = _Builder(report, headings=_lone_headings(body))
    closing_at, back_at = _ending(body)
    for i, para in enumerate(body):
        if i >= back_at:
            builder.back_matter(body[i:])
            break
        if i >= closing_at:
            builder.closing(para.text)
        else:
            builder.add(para, i)
    builder.finish()
    year_match = re.search(r"(19|20)\d\d", report.title)
    report.year = year if year is not None else (int(year_match.group()) if year_match else None)
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


def numbering_of(text: str) -> tuple[NumberStyle, int, int] | None:
    """(style, number, length of the printed number) when ``text`` starts with an outline number."""
    for style, pattern in _NUMBERING:
        m = pattern.match(text)
        if m is None:
            continue
        if style is NumberStyle.DASH:
            return style, 0, m.end()
        digits = m.group(1)
        if digits[0] in _CN:
            n = parse_chinese_numeral(digits)
        else:
            n = int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        if n:
            return style, n, m.end()
    return None


def _is_front(text: str) -> bool:
    return len(text) <= 160 and any(p.search(text) for p in _FRONT_MATTER)


def _front_matter(paras: list[Para], start: int, title: str = "") -> tuple[list[str], int]:
    """Lines before the body: 来源, date and venue, speaker, salutation, the title printed again."""
    out: list[str] = []
    while start < len(paras) and not numbering_of(paras[start].text) and (
            _is_front(paras[start].text) or (title and _despace(paras[start].text) in title)):
        out.append(paras[start].text)
        start += 1
    return out, start


def _despace(text: str) -> str:
    """"政 府 工 作 报 告" → "政府工作报告"; ordinary text unchanged."""
    if re.fullmatch(r"(\S[ \u3000]+)+\S", text) and all(len(w) <= 2 for w in text.split()):
        return re.sub(r"[ \u3000]+", "", text)
    return text


def _title_like(p: Para) -> bool:
    text = _despace(p.text)
    return (len(text) <= 60 and text[-1] not in _SENTENCE_END + "：:，,"
            and numbering_of(text) is None and not _is_front(text) and not p.in_table)


def _title(paras: list[Para], start: int) -> tuple[str, int]:
    """The title (also over two or three lines) and where the text after it starts."""
    if start >= len(paras) or not _title_like(paras[start]):
        return "", start
    title = _despace(paras[start].text)
    i = start + 1
    while i < len(paras) and i - start < 3 and not re.search("报告|总结|汇报|述职", title):
        nxt = paras[i]
        styled = nxt.centered or nxt.bold_prefix >= len(nxt.text)
        if not (_title_like(nxt) and (styled or re.search("报告|总结|汇报|述职", nxt.text))):
            break
        title += _despace(nxt.text)
        i += 1
    return title, i


def _ending(body: list[Para]) -> tuple[int, int]:
    """Where the closing paragraphs start and where a trailing 名词解释/附件 block starts."""
    back = next((i for i, p in enumerate(body) if i > 0 and _BACK_MATTER.match(p.text)), len(body))
    last_numbered = max((i for i in range(back) if numbering_of(body[i].text)), default=-1)
    if last_numbered < 0:
        return back, back
    closing = next((i for i in range(last_numbered + 1, back) if _CLOSING.match(body[i].text)), back)
    return closing, back


def _is_heading(p: Para) -> bool:
    """An unnumbered top-level heading ("2024年工作回顾"): short, no sentence end, words not figures."""
    text = p.text
    if p.in_table or len(text) > 30 or text[-1] in _SENTENCE_END + "：:，,、" or _is_front(text):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 2 and numbering_of(text) is None


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


@dataclass
class _Open:
    node: Node
    depth: int
    style: NumberStyle
    number: int


@dataclass
class _Builder:
    """Grows the tree paragraph by paragraph; ``path`` holds the open numbered nodes."""

    report: Report
    path: list[_Open] = field(default_factory=list)
    current: Node | None = None
    styles: list[NumberStyle] = field(default_factory=list)
    no_fields: set[int] = field(default_factory=set)
    headings: set[int] = field(default_factory=set)

    def add(self, para: Para, at: int) -> None:
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
        depth = len(self.path) if style is NumberStyle.DASH else self._depth(style, number)
        kind = _KINDS[depth] if depth < len(_KINDS) else NodeKind.SUBITEM
        node = Node(kind, heading=heading, body=body)
        if style is NumberStyle.DASH or depth >= len(self.styles) or self.styles[depth] != style:
            node.number_style = style
        del self.path[depth:]
        (self.path[-1].node.children if self.path else self.report.nodes).append(node)
        if style is not NumberStyle.DASH:
            self.path.append(_Open(node, depth, _FAMILY.get(style, style), number))
        self.current = node

    def _depth(self, style: NumberStyle, number: int) -> int:
        """The depth of a node numbered in ``style``, learning new styles as they appear."""
        key = _FAMILY.get(style, style)
        if style is NumberStyle.NONE:
            if key not in self.styles and not self.styles:
                self.styles.append(key)
            return 0
        open_at = [o.depth for o in self.path if o.style == key and o.number + 1 == number]
        if open_at:
            return open_at[-1]  # （二） right after an open （一）: its sibling, whatever level 1. took
        if key in self.styles:
            return min(self.styles.index(key), len(self.path))
        depth = len(self.path)
        if depth == len(self.styles):
            self.styles.append(key)
        return depth

    def closing(self, text: str) -> None:
        node = Node(NodeKind.CLOSING, body=text)
        self.report.nodes.append(node)
        self.current = node

    def back_matter(self, paras: list[Para]) -> None:
        """A glossary or appendix: kept whole as closing text, never a run of items."""
        node = Node(NodeKind.CLOSING, heading=paras[0].text, body="\n".join(p.text for p in paras[1:]))
        self.report.nodes.append(node)
        self.no_fields.add(id(node))

    def finish(self) -> None:
        for node in list(self.report.walk()):
            if node.kind in (NodeKind.SECTION, NodeKind.ITEM, NodeKind.SUBITEM):
                _split_inline(node)
        styles = list(self.styles)  # padded so that a level the clerk adds later has a style
        while len(styles) < 3:
            last = max((_CANONICAL.index(s) for s in styles if s in _CANONICAL), default=-1)
            nxt = next((s for s in _CANONICAL[last + 1:] if s not in styles), None)
            if nxt is None:
                break
            styles.append(nxt)
        self.report.level_styles = styles


def _append(node: Node, text: str) -> None:
    node.body = f"{node.body}\n{text}" if node.body else text


def _split_lead(rest: str, bold: int) -> tuple[str, str]:
    """(heading, body) of a numbered paragraph: its lead sentence, when it has one, and the rest."""
    if 0 < bold < len(rest):
        return rest[:bold].strip(), rest[bold:].strip(_INDENT)
    if bold >= len(rest) > 0:
        return rest, ""
    end = next((i for i, ch in enumerate(rest) if ch in _SENTENCE_END), None)
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
        if parse_chinese_numeral(m.group(1)) == first + len(marks):
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
