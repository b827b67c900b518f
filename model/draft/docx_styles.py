"""What a paragraph or character style in styles.xml says, through its basedOn chain (样式).

Real drafts set bold, centring and 黑体 either on the run, or in a style, or in
the style a style is based on; the reader asks this module for the style's
part and looks at the run itself first.
"""

from __future__ import annotations

from collections import namedtuple
from functools import lru_cache

from model.draft.docx_package import qn

_HEADING_WORDS = ("heading", "标题")
_MAX_CHAIN = 12


def on_off(el) -> bool | None:
    """A toggle property such as w:b: True, False, or None when the element is absent."""
    if el is None:
        return None
    return el.get(qn("w:val"), "true").lower() not in ("0", "false", "off", "none")


def east_asia_font(rpr) -> str:
    """The w:eastAsia font named in a w:rPr, or "" (theme fonts are not names)."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return (fonts.get(qn("w:eastAsia")) or "") if fonts is not None else ""


def outline_level_of(ppr) -> int | None:
    """w:outlineLvl of a w:pPr: 0 = top; 9 (body text) and absence give None."""
    el = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if el is None:
        return None
    try:
        level = int(el.get(qn("w:val"), "9"))
    except ValueError:
        return None
    return level if 0 <= level < 9 else None


def heading_level_from_name(name: str) -> int | None:
    """"Heading 2" / "heading 2" / "标题 2" → 1 (0 = top); other names → None."""
    low = name.strip().lower()
    word = next((w for w in _HEADING_WORDS if low.startswith(w)), None)
    digit = low[len(word):].lstrip() if word else ""
    return int(digit) - 1 if len(digit) == 1 and digit in "123456789" else None


class StyleInfo(namedtuple("StyleInfo", "bold centered outline_level font num_id ilvl",
                           defaults=(None, None, None, "", None, None))):  # immutable, cheap to define
    """The resolved properties of one style (its own, else inherited): bold, centered and
    outline_level (None: not set), the East Asian font ("" none), num_id and ilvl of its list."""

    __slots__ = ()


class Styles:
    """Look-ups in a document's styles.xml, cached per style id."""

    def __init__(self, styles_el=None) -> None:
        self._by_id: dict[str, object] = {}
        self._default: dict[str, str] = {}
        if styles_el is not None:
            for st in styles_el.iterfind(qn("w:style")):
                sid = st.get(qn("w:styleId"))
                if sid:
                    self._by_id[sid] = st
                if st.get(qn("w:default")) in ("1", "true", "on"):
                    self._default[st.get(qn("w:type")) or ""] = sid
        self.info = lru_cache(maxsize=None)(self._info)

    def default_id(self, kind: str) -> str:
        """The default style of ``kind`` ("paragraph", "character"), or ""."""
        return self._default.get(kind, "")

    def chain(self, style_id: str) -> list:
        """The style and those it is based on, nearest first (cycles cut)."""
        out, seen = [], set()
        sid = style_id
        while sid and sid not in seen and sid in self._by_id and len(out) < _MAX_CHAIN:
            seen.add(sid)
            st = self._by_id[sid]
            out.append(st)
            based = st.find(qn("w:basedOn"))
            sid = based.get(qn("w:val")) if based is not None else ""
        return out

    def numbering_styles(self) -> dict[str, str]:
        """Numbering style id → the numId in its pPr (for w:numStyleLink)."""
        out = {}
        for sid, st in self._by_id.items():
            ppr = st.find(qn("w:pPr"))
            num = ppr.find(qn("w:numPr")) if ppr is not None else None
            num_id = num.find(qn("w:numId")) if num is not None else None
            if num_id is not None:
                out[sid] = num_id.get(qn("w:val"))
        return out

    def _info(self, style_id: str) -> StyleInfo:
        bold = centered = level = num_id = ilvl = None
        font = ""
        for st in self.chain(style_id):
            ppr, rpr = st.find(qn("w:pPr")), st.find(qn("w:rPr"))
            if bold is None and rpr is not None:
                bold = on_off(rpr.find(qn("w:b")))
            if not font:
                font = east_asia_font(rpr)
            if ppr is not None:
                jc = ppr.find(qn("w:jc"))
                if centered is None and jc is not None:
                    centered = jc.get(qn("w:val")) == "center"
                if level is None:
                    level = outline_level_of(ppr)
                num = ppr.find(qn("w:numPr"))
                if num is not None and num_id is None:
                    num_id = _child_val(num, "w:numId")
                    raw = _child_val(num, "w:ilvl")
                    ilvl = int(raw) if raw and raw.isdigit() else None
            if level is None:
                name = st.find(qn("w:name"))
                if name is not None:
                    level = heading_level_from_name(name.get(qn("w:val"), ""))
        return StyleInfo(bold, centered, level, font, num_id, ilvl)


def _child_val(el, tag: str) -> str | None:
    child = el.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))
