"""Characters and patterns every part of the importer reads drafts with, defined once (共用字符与模式).

The text layer, the outline builder and the field finder all need the
indentation characters, the Chinese numerals, the start of a numbered
paragraph, the words that open a closing and the characters of a blank;
each is defined here and nowhere else.
"""

from __future__ import annotations

# indentation a clerk types or a PDF copy leaves: spaces, tabs, ideographic and em spaces, BOM
INDENT = " \t\u3000\u2003\u2002\u00a0\ufeff"
CN_DIGITS = "一二三四五六七八九十"
DIGITS = "0123456789０１２３４５６７８９"
# characters of a blank: X as typed (upper, lower, full-width, ×) and the stars sites mask with
X_CHARS = "XxＸｘ×"
STAR_CHARS = "*＊"
BLANK_CHARS = X_CHARS + STAR_CHARS
OPEN_QUOTES = "“\"‘「《"
CLOSE_QUOTES = "”\"’」》"
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

# the start of a numbered paragraph: 一、 （一） (一) 1. 1、 （1）
NUMBERED_START = (rf"[{CN_DIGITS}]{{1,3}}[、．]|[（(][{CN_DIGITS}]{{1,3}}[）)]|[（(][0-9０-９]{{1,2}}[）)]"
                  r"|[0-9０-９]{1,2}[.．、](?![0-9０-９])")
# the parts of a speech: "第一，要提高认识。" (下面，我讲四点意见)
SPEECH_ORDINAL = rf"第[{CN_DIGITS}]{{1,3}}[，,、：:]"
# words that open the closing of a report ("回顾一年", "新的一年", "下一步")
CLOSING_OPENERS = r"回顾(?:一年|过去|全年|这一年|20\d\d)|新的一年|下一步|下一阶段|今后|总之|一年来|展望"


def is_cjk(ch: str) -> bool:
    """A Chinese character (the basic block): words, not punctuation or digits."""
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"

