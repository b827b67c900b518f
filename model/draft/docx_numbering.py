"""Word's automatic numbering, resolved into the characters a reader sees (自动编号).

Word and WPS keep list numbers out of the text: a paragraph carries only
``w:numPr`` (numId, ilvl) and ``numbering.xml`` says how to count and print.
The outline builder must see "一、" or "1." exactly as typed numbers, so this
module replays Word's counters in document order.

Counters belong to the abstract definition (two ``w:num`` sharing one
``w:abstractNum`` continue each other, as in Word); a ``w:num`` with a
``startOverride`` restarts its levels the first time it is used.
"""

from __future__ import annotations

import re

from model.draft.docx_package import qn
from model.draft.docx_styles import on_off
from model.numbering import chinese_numeral

MAX_LEVELS = 9
# Word refuses a list start above 32767; a damaged or hostile file may say 10^12 ("a" * 4·10^10).
MAX_COUNTER = 32767
_PLACEHOLDER = re.compile(r"%([1-9])")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


class Level:  # a plain class: a dataclass costs ~0.7 ms to define, in every process that parses
    """One level of a list definition (w:lvl)."""

    __slots__ = ("fmt", "text", "start", "restart", "legal", "style_id")

    def __init__(self, fmt: str = "decimal", text: str = "", start: int = 1, restart: int | None = None,
                 legal: bool = False, style_id: str = "") -> None:
        self.fmt = fmt
        self.text = text
        self.start = start
        self.restart = restart    # w:lvlRestart: None = after any higher level, 0 = never
        self.legal = legal        # w:isLgl: every placeholder printed as decimal
        self.style_id = style_id  # w:pStyle: the paragraph style bound to this level


class _Num:  # a plain class, as Level
    __slots__ = ("abstract_id", "starts", "levels")

    def __init__(self, abstract_id: str) -> None:
        self.abstract_id = abstract_id
        self.starts: dict[int, int] = {}      # lvlOverride/startOverride
        self.levels: dict[int, Level] = {}    # lvlOverride/lvl


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return None if child is None else child.get(qn("w:val"))


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _counter(text: str | None, default: int) -> int:
    """A list start as Word takes it: within 0..MAX_COUNTER (a negative start is no damage)."""
    return max(0, min(_int(text, default), MAX_COUNTER))


def parse_level(lvl) -> Level:
    """A w:lvl element as a Level."""
    restart = _val(lvl, "w:lvlRestart")
    return Level(
        fmt=_val(lvl, "w:numFmt") or "decimal",
        text=_val(lvl, "w:lvlText") or "",
        start=_counter(_val(lvl, "w:start"), 1),
        restart=None if restart is None else _int(restart, 0),
        legal=on_off(lvl.find(qn("w:isLgl"))) or False,
        style_id=_val(lvl, "w:pStyle") or "",
    )


def format_counter(fmt: str, n: int) -> str:
    """Counter ``n`` printed in Word's number format ``fmt`` (chineseCounting 3 → 三).

    ``n`` is held within 0..MAX_COUNTER: letters repeat (n // 26 times) and
    Roman numerals grow with n, so a huge counter would build a huge string.
    """
    n = max(0, min(n, MAX_COUNTER))
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return chinese_numeral(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return "".join(_LEGAL[int(d)] for d in str(n)) if n >= 10 else _LEGAL[n]
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


class ListNumbering:
    """The numbering part of one document, counting as its paragraphs go by.

    ``styles_num`` maps a numbering style id to the numId its pPr names, for
    abstract definitions that only link to a style (w:numStyleLink).
    """

    def __init__(self, numbering_el=None, styles_num: dict[str, str] | None = None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._seen: set[str] = set()
        self._styles_num = styles_num or {}
        if numbering_el is not None:
            self._load(numbering_el)

    def _load(self, root) -> None:
        for absn in root.iterfind(qn("w:abstractNum")):
            aid = absn.get(qn("w:abstractNumId"))
            levels = {_int(lvl.get(qn("w:ilvl")), 0): parse_level(lvl) for lvl in absn.iterfind(qn("w:lvl"))}
            self._abstract[aid] = levels
            link = _val(absn, "w:numStyleLink")
            if link:
                self._style_link[aid] = link
        for num in root.iterfind(qn("w:num")):
            entry = _Num(abstract_id=_val(num, "w:abstractNumId") or "")
            for ov in num.iterfind(qn("w:lvlOverride")):
                ilvl = _int(ov.get(qn("w:ilvl")), 0)
                start = _val(ov, "w:startOverride")
                if start is not None:
                    entry.starts[ilvl] = _counter(start, 1)
                lvl = ov.find(qn("w:lvl"))
                if lvl is not None:
                    entry.levels[ilvl] = parse_level(lvl)
            self._nums[num.get(qn("w:numId"))] = entry

    def _abstract_of(self, num_id: str, depth: int = 0) -> str | None:
        """The abstract definition behind ``num_id``, following numStyleLink once or twice."""
        num = self._nums.get(num_id)
        if num is None or depth > 3:
            return None
        aid = num.abstract_id
        link = self._style_link.get(aid)
        if link and link in self._styles_num and self._styles_num[link] != num_id:
            return self._abstract_of(self._styles_num[link], depth + 1) or aid
        return aid

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The definition of level ``ilvl`` for ``num_id`` (an override wins)."""
        num = self._nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.levels:
            return num.levels[ilvl]
        aid = self._abstract_of(num_id)
        return self._abstract.get(aid or "", {}).get(ilvl)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose w:pStyle names ``style_id`` (a style bound to a list level)."""
        aid = self._abstract_of(num_id)
        for ilvl, lvl in self._abstract.get(aid or "", {}).items():
            if lvl.style_id == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``num_id`` at ``ilvl``; the label as printed ("" for none)."""
        if num_id in (None, "", "0") or num_id not in self._nums:
            return ""
        ilvl = max(0, min(ilvl, MAX_LEVELS - 1))
        aid = self._abstract_of(num_id) or ""
        counters = self._counters.setdefault(aid, [None] * MAX_LEVELS)
        if num_id not in self._seen:
            self._seen.add(num_id)
            for lv in self._nums[num_id].starts:
                if 0 <= lv < MAX_LEVELS:
                    counters[lv] = None
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return ""
        counters[ilvl] = self._start(num_id, ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        self._reset_below(num_id, ilvl, counters)
        return self._render(num_id, lvl, counters)

    def _start(self, num_id: str, ilvl: int) -> int:
        num = self._nums[num_id]
        if ilvl in num.starts:
            return num.starts[ilvl]
        lvl = self.level(num_id, ilvl)
        return lvl.start if lvl else 1

    def _reset_below(self, num_id: str, ilvl: int, counters: list[int | None]) -> None:
        for deeper in range(ilvl + 1, MAX_LEVELS):
            lvl = self.level(num_id, deeper)
            restart = None if lvl is None else lvl.restart
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None

    def _render(self, num_id: str, lvl: Level, counters: list[int | None]) -> str:
        if lvl.fmt == "bullet":
            return ""

        def one(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            other = self.level(num_id, k)
            value = counters[k] if counters[k] is not None else self._start(num_id, k)
            fmt = "decimal" if lvl.legal else (other.fmt if other else "decimal")
            return format_counter(fmt, value)

        return _PLACEHOLDER.sub(one, lvl.text)
