""".docx → paragraphs as a reader sees them (Word 文稿读取).

The parts come from ``model.draft.docx_package`` (or from a python-docx Document);
the paragraph walk reads their XML because python-docx's ``paragraph.text``
misses what matters in real drafts: text inside tracked insertions and
fields, deleted text that must go, the numbers Word generates
(``model.draft.docx_numbering``), and bold that comes from a style
(``model.draft.docx_styles``).  Every paragraph in body order, table cells included,
becomes zero or more ``Para`` (a manual line break starts a new one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from model.draft.docx_numbering import ListNumbering
from model.draft.docx_package import open_parts, qn
from model.draft.docx_styles import StyleInfo, Styles, east_asia_font, on_off, outline_level_of
from model.draft.paragraphs import Para
from model.draft.patterns import X_CHARS

_P, _R, _TBL, _TR, _TC = qn("w:p"), qn("w:r"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_SYM, _NB_HYPHEN = qn("w:sym"), qn("w:noBreakHyphen")
_PPR, _RPR = qn("w:pPr"), qn("w:rPr")
_SDT, _SDT_CONTENT, _CUSTOM = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
# Inline wrappers whose runs are part of the text (insertions, links, fields, content controls).
_INLINE_CONTAINERS = frozenset(qn(t) for t in (
    "w:ins", "w:moveTo", "w:hyperlink", "w:fldSimple", "w:smartTag", "w:sdt", "w:sdtContent",
    "w:customXml", "w:dir", "w:bdo",
))
_BLOCK_WRAPPERS = frozenset((_SDT, _SDT_CONTENT, _CUSTOM))
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_DROP_INVISIBLE = {ord(ch): None for ch in _INVISIBLE}
# Characters that may sit unbolded inside or before a bold lead ("——" then the bold sentence).
_NEUTRAL = frozenset(" \t\u3000\u2003\u2002\u00a0—–-─")
_LEAD_STOPS = frozenset("。．；;：:！!？?")
# A blank the export (or a clerk) marked: a highlighted "X", or underlined spaces left to write in.
BLANK_PLACEHOLDER = "＿＿"
_MASK_CHARS = frozenset(X_CHARS)
_HEADING_FACES = ("楷体", "黑体", "楷书", "kai", "hei")  # and KaiTi, SimHei: read in lower case

Chars = list[tuple[str, bool, str]]  # (text, bold, east-asian font) per run


class TooLarge(ValueError):
    """The document holds more paragraphs or characters than any report: refused before they are read."""

    def __init__(self, what: str, count: int, limit: int) -> None:
        super().__init__(f"{count} {what} > {limit}")
        self.what, self.count, self.limit = what, count, limit


def read_docx(path: Path | str, max_paragraphs: int | None = None, max_chars: int | None = None) -> list[Para]:
    """The paragraphs of a .docx in body order; zip and XML errors pass through to the caller."""
    parts = open_parts(path)
    if max_paragraphs is not None:
        count = sum(1 for _ in parts.document.iter(_P))
        if count > max_paragraphs:
            raise TooLarge("paragraphs", count, max_paragraphs)
    if max_chars is not None:
        count = sum(len(t.text or "") for t in parts.document.iter(_T))
        if count > max_chars:
            raise TooLarge("characters", count, max_chars)
    return read_parts(parts.document, parts.styles, parts.numbering)


def read_document(document) -> list[Para]:
    """The same for a document python-docx has already opened (its parts are lxml elements, with the same API)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    def related(reltype: str):
        try:
            return document.part.part_related_by(reltype).element
        except KeyError:
            return None

    return read_parts(document.element, related(RT.STYLES), related(RT.NUMBERING))


def read_parts(document_el, styles_el=None, numbering_el=None) -> list[Para]:
    """Paragraphs from the document, styles and numbering elements."""
    styles = Styles(styles_el)
    numbering = ListNumbering(numbering_el, styles.numbering_styles())
    body = document_el.find(qn("w:body"))
    return [] if body is None else read_body(body, styles, numbering)


def read_body(body, styles: Styles, numbering: ListNumbering) -> list[Para]:
    """Every paragraph under ``body`` (a w:body or w:tc element) as Paras."""
    out: list[Para] = []
    carried: Chars = []
    for p, in_table in iter_paragraphs(body):
        chars = carried + paragraph_runs(p, styles)
        if mark_deleted(p):
            carried = chars  # a deleted paragraph mark joins this text to the next paragraph
            continue
        carried = []
        out.extend(make_paras(p, chars, styles, numbering, in_table))
    return out


def iter_paragraphs(container, in_table: bool = False) -> Iterator[tuple[object, bool]]:
    """(w:p, in_table) in reading order: body paragraphs, then each table cell's, row by row."""
    for child in container:
        tag = child.tag
        if tag == _P:
            yield child, in_table
        elif tag == _TBL:
            for row in _wrapped(child, _TR):
                if _row_deleted(row):
                    continue
                for cell in _wrapped(row, _TC):
                    yield from iter_paragraphs(cell, True)
        elif tag in _BLOCK_WRAPPERS:
            yield from iter_paragraphs(child, in_table)


def _wrapped(parent, tag: str) -> Iterator:
    """Children of ``parent`` with ``tag``, also those wrapped in content controls."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _wrapped(child, tag)


def _row_deleted(row) -> bool:
    trpr = row.find(qn("w:trPr"))
    return trpr is not None and trpr.find(qn("w:del")) is not None


def mark_deleted(p) -> bool:
    """True when the paragraph mark itself is a tracked deletion (the paragraph merges with the next)."""
    ppr = p.find(_PPR)
    rpr = ppr.find(_RPR) if ppr is not None else None
    return rpr is not None and rpr.find(qn("w:del")) is not None


def iter_runs(el) -> Iterator:
    """The w:r of a paragraph a reader sees: inside insertions, links and fields; never deletions."""
    for child in el:
        if child.tag == _R:
            yield child
        elif child.tag in _INLINE_CONTAINERS:
            yield from iter_runs(child)


def run_text(r) -> str:
    """A run's visible text: w:t, tabs as "\\t", breaks as "\\n"; w:delText and field codes dropped."""
    parts = []
    for child in r:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        elif tag == _SYM:
            parts.append(_sym_char(child))
    return "".join(parts)


def _sym_char(sym) -> str:
    try:
        code = int(sym.get(qn("w:char"), ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # symbol-font private range: no meaning as text
        return ""
    return chr(code)


def paragraph_runs(p, styles: Styles) -> Chars:
    """(text, bold, font) of each visible run of ``p``, bold and font resolved through styles."""
    pinfo = styles.info(paragraph_style_id(p, styles))
    out: Chars = []
    for r in iter_runs(p):
        text = run_text(r)
        if not text:
            continue
        rpr = r.find(_RPR)
        text = blank_placeholder(rpr, text)
        rinfo = styles.info(_style_ref(rpr, "w:rStyle") or styles.default_id("character"))
        bold = on_off(rpr.find(qn("w:b"))) if rpr is not None else None
        if bold is None:
            bold = rinfo.bold if rinfo.bold is not None else bool(pinfo.bold)
        font = east_asia_font(rpr) or rinfo.font or pinfo.font
        out.append((text, bold, font))
    return out


def blank_placeholder(rpr, text: str) -> str:
    """"＿＿" for a run that marks a blank, else ``text``.

    The export prints a blank field as a highlighted "X" or as underlined
    spaces; "＿＿" is what the field finder always takes for a blank, and
    survives the stripping of indentation and trailing spaces.
    """
    if rpr is None:
        return text
    mark = text.strip()
    if mark and len(mark) <= 4 and set(mark) <= _MASK_CHARS and _highlighted(rpr):
        return text.replace(mark, BLANK_PLACEHOLDER)
    if not mark and _underlined(rpr):
        return BLANK_PLACEHOLDER
    return text


def _highlighted(rpr) -> bool:
    el = rpr.find(qn("w:highlight"))
    return el is not None and el.get(qn("w:val"), "none") != "none"


def _underlined(rpr) -> bool:
    el = rpr.find(qn("w:u"))
    return el is not None and el.get(qn("w:val"), "single") != "none"


def paragraph_style_id(p, styles: Styles) -> str:
    return _style_ref(p.find(_PPR), "w:pStyle") or styles.default_id("paragraph")


def _style_ref(props, tag: str) -> str:
    el = props.find(qn(tag)) if props is not None else None
    return (el.get(qn("w:val")) or "") if el is not None else ""


def number_label(p, pinfo: StyleInfo, style_id: str, numbering: ListNumbering) -> str:
    """The automatic number Word shows before ``p`` ("一、", "（2）"), from pPr or the style."""
    ppr = p.find(_PPR)
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    num_id, ilvl = pinfo.num_id, pinfo.ilvl
    if num_pr is not None:
        direct_id, direct_lvl = _style_ref(num_pr, "w:numId"), _style_ref(num_pr, "w:ilvl")
        if direct_id:
            num_id, ilvl = direct_id, None
        if direct_lvl.isdigit():
            ilvl = int(direct_lvl)
    if not num_id or num_id == "0":
        return ""
    if ilvl is None:
        ilvl = numbering.level_for_style(num_id, style_id) or 0
    return numbering.next_label(num_id, ilvl)


def make_paras(p, chars: Chars, styles: Styles, numbering: ListNumbering, in_table: bool) -> list[Para]:
    """Split a paragraph's runs at line breaks into Paras carrying the paragraph's properties."""
    style_id = paragraph_style_id(p, styles)
    pinfo = styles.info(style_id)
    label = number_label(p, pinfo, style_id, numbering)
    ppr = p.find(_PPR)
    centered, level = _centered(ppr, pinfo), _outline_level(ppr, pinfo)
    out = []
    for text, mask, font in _lines(_face_leads(chars)):
        if not text:
            continue
        if label and not out:
            # the number reads as part of the lead when the text after it is bold
            text, mask = label + text, [mask[0]] * len(label) + mask
        out.append(Para(text=text, bold_prefix=bold_prefix(text, mask), outline_level=level,
                        centered=centered, font_hint=font, in_table=in_table))
    return out


def _face_leads(chars: Chars) -> Chars:
    """Runs in a heading face (楷体, 黑体) before text in the body face count as a bold lead.

    Official drafts print "（一）…。" in 楷体 and the rest in 仿宋 without bold;
    a paragraph all in one face is left alone.
    """
    faces = [_heading_face(font) for text, _, font in chars if text.strip()]
    if not (any(faces) and not all(faces)):
        return chars
    return [(text, bold or _heading_face(font), font) for text, bold, font in chars]


def _heading_face(font: str) -> bool:
    low = font.lower()
    return any(face in low for face in _HEADING_FACES)


def _centered(ppr, pinfo: StyleInfo) -> bool:
    jc = ppr.find(qn("w:jc")) if ppr is not None else None
    if jc is not None:
        return jc.get(qn("w:val")) == "center"
    return bool(pinfo.centered)


def _outline_level(ppr, pinfo: StyleInfo) -> int | None:
    if ppr is not None and ppr.find(qn("w:outlineLvl")) is not None:
        return outline_level_of(ppr)  # a direct level (9 = body text) overrides the style's
    return pinfo.outline_level


def _lines(chars: Chars) -> Iterator[tuple[str, list[bool], str]]:
    """(text, bold mask, font of the first visible run) per line, indentation and invisibles gone.

    Runs are handled as whole strings (split at breaks, indentation stripped
    once per line), not character by character: this walk is most of a read.
    """
    line: list[tuple[str, bool]] = []
    font = ""
    for run, bold, run_font in chars + [("\n", False, "")]:
        if any(ch in run for ch in _INVISIBLE):  # a search per character: translating is slow, and rarely needed
            run = run.translate(_DROP_INVISIBLE)
        for k, piece in enumerate(run.split("\n")):
            if k:
                yield _finish(line, font)
                line, font = [], ""
            if not line:
                piece = piece.lstrip()  # indentation typed as spaces or tabs
                if not piece:
                    continue
                font = run_font
            line.append((piece.replace("\t", " "), bold))


def _finish(line: list[tuple[str, bool]], font: str) -> tuple[str, list[bool], str]:
    joined = "".join(piece for piece, _ in line).rstrip()
    mask = [bold for piece, bold in line for _ in range(len(piece))]
    return joined, mask[: len(joined)], font


def bold_prefix(text: str, mask: list[bool]) -> int:
    """Length of the bold lead: bold characters from the start, spaces and dashes between them
    allowed, and the one stop that closes the lead even when it was left plain ("重点" + "。")."""
    end = 0
    for i, ch in enumerate(text):
        if mask[i]:
            end = i + 1
        elif ch not in _NEUTRAL:
            break
    if 0 < end < len(text) and text[end] in _LEAD_STOPS:
        end += 1
    return end
