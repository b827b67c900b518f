"""A draft as a run of paragraphs, the common ground of every reader (段落).

Readers (.docx, .txt, pasted text, legacy files via LibreOffice) turn a file
into ``Para`` objects; ``model.draft.outline`` turns those into a Report.  A reader
prepends the number Word would show (automatic numbering) to ``text`` so the
outline builder sees typed and generated numbers alike.
"""

from __future__ import annotations

from model.record import Record


class Para(Record):
    """One paragraph as a reader gives it.

    ``text``: indentation stripped, auto-numbering text prepended; ``bold_prefix``: the length of
    the bold run at its start (the lead sentence), ``len(text)`` if all bold; ``outline_level``:
    from a heading style or w:outlineLvl, 0 = top, None when absent; ``font_hint``: the East Asian
    font of the first run when set (黑体, 楷体_GB2312 …).
    """

    __slots__ = __match_args__ = ("text", "bold_prefix", "outline_level", "centered", "font_hint", "in_table")

    def __init__(self, text: str, bold_prefix: int = 0, outline_level: int | None = None, centered: bool = False,
                 font_hint: str = "", in_table: bool = False) -> None:
        self.text = text
        self.bold_prefix = bold_prefix
        self.outline_level = outline_level
        self.centered = centered
        self.font_hint = font_hint
        self.in_table = in_table
