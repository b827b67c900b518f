"""A draft as a run of paragraphs, the common ground of every reader (段落).

Readers (.docx, .txt, pasted text, legacy files via LibreOffice) turn a file
into ``Para`` objects; ``model.draft.outline`` turns those into a Report.  A reader
prepends the number Word would show (automatic numbering) to ``text`` so the
outline builder sees typed and generated numbers alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Para:
    text: str                          # indentation stripped, auto-numbering text prepended
    bold_prefix: int = 0               # length of the bold run at the start (lead sentence); len(text) if all bold
    outline_level: int | None = None   # from a heading style or w:outlineLvl, 0 = top; None when absent
    centered: bool = False
    font_hint: str = ""                # East Asian font of the first run when set (黑体, 楷体_GB2312 …)
    in_table: bool = False
