"""What stands around the body of a draft: title, front matter, closing, signature, glossary (前后文).

Front matter (来源, date and venue, speaker, salutation, a "——在…会议上的讲话"
subtitle) is kept apart from the body; the closing ("下一步…", "以上报告，请审议。"),
a signature block (单位 and date) and a trailing 名词解释/附件 are never the tail
of the last item.
"""

from __future__ import annotations

import re

from model.draft.levels import numbering_of
from model.draft.paragraphs import Para
from model.draft.patterns import CLOSING_OPENERS, CN_DIGITS
from model.report import NumberStyle

SENTENCE_END = "。！？；!?;"
_OFFICIAL = "书记|局长|主任|市长|县长|区长|省长|镇长|乡长|部长|主席"
_SUBTITLE = re.compile(r"^(——|－－|--)\s*在.{2,60}上的\w{2,6}$")  # ——在全市…会议上的讲话
# 来源：, 作者: … as string tests (no pattern to compile), as is the salutation (_salutation)
_SOURCE_LINES = tuple(word + colon for word in ("来源", "作者", "发布时间", "发布日期", "日期", "时间", "出处")
                      for colon in ":：")
_FRONT_MATTER = [
    re.compile(r"^[（(]?[—\-－]*\s*(19|20)\d\d年\d{1,2}月\d{1,2}日.{0,100}(会议|大会|会上)"),
    _SUBTITLE,
    re.compile(r"^[（(].{0,80}[）)]$"),
    re.compile(r"^(19|20)\d\d年\d{1,2}月\d{1,2}日$|^二〇.{2,10}日$"),
    re.compile(rf"^[^。；，！？]{{2,30}}({_OFFICIAL})[、，\s]*\S{{0,12}}$"),
    re.compile(rf"^({_OFFICIAL})[\s\u3000]+\S{{2,4}}$"),  # 县长  王某某
]
_CLOSING = re.compile(
    rf"^({CLOSING_OPENERS}|各位代表|同志们"
    r"|以上(报告|总结|汇报|述职|发言|情况)|特此(报告|汇报)|妥否)"
)
# compiled at the first paragraph that starts as it must (most drafts have none)
_BACK_MATTER = r"^(附[:：]?\s*)?(名词解释|附件\s*[0-9０-９一二三四五六七八九]*|附录)[:：]?\s*$|^附[:：]\s*$"
_BACK_MATTER_START = ("附", "名词解释")
_DATE_LINE = re.compile(r"^(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^二〇.{2,10}日$")
_SALUTATION_ENDS = tuple("：:！!，,")
_NOT_IN_SALUTATION = frozenset("，,。；：:！!")
_TITLE_WORDS = ("报告", "总结", "汇报", "述职")
# 第一， as patterns.SPEECH_ORDINAL, its number read as word characters and checked (as numbering_of)
_SPEECH_PART = re.compile(r"第(\w{1,3})[，,、：:]")


def _back_matter(text: str) -> bool:
    return text.startswith(_BACK_MATTER_START) and re.match(_BACK_MATTER, text) is not None


def _speech_part(text: str) -> bool:
    m = _SPEECH_PART.match(text)
    return m is not None and not m.group(1).strip(CN_DIGITS)


def is_front(text: str) -> bool:
    return len(text) <= 160 and (text.startswith(_SOURCE_LINES) or _salutation(text)
                                 or any(p.search(text) for p in _FRONT_MATTER))


def _salutation(text: str) -> bool:
    """"各位代表：", "尊敬的各位领导", "同志们！": a line of its own (at most 20 characters after 各位)."""
    return _greeting(text) or (text.endswith("\n") and _greeting(text[:-1]))  # as a pattern's $ reads


def _greeting(body: str) -> bool:
    if body.endswith(_SALUTATION_ENDS):
        body = body[:-1]
    if body == "同志们":
        return True
    lead = next((w for w in ("各位", "尊敬的") if body.startswith(w)), "")
    rest = body[len(lead):]
    return bool(lead) and 1 <= len(rest) <= 20 and not any(ch in _NOT_IN_SALUTATION for ch in rest)


def front_matter(paras: list[Para], start: int, title: str = "") -> tuple[list[str], int]:
    """Lines before the body: 来源, date and venue, speaker, salutation, the title printed again."""
    out: list[str] = []
    while start < len(paras) and _front_line(paras[start].text, title):
        out.append(paras[start].text)
        start += 1
    return out, start


def _front_line(text: str, title: str) -> bool:
    numbered = numbering_of(text)
    if numbered is not None and numbered[0] is not NumberStyle.DASH:
        return False
    return is_front(text) or (numbered is None and bool(title) and despace(text) in title)


def despace(text: str) -> str:
    """"政 府 工 作 报 告" → "政府工作报告"; ordinary text unchanged."""
    if re.fullmatch(r"(\S[ \u3000]+)+\S", text) and all(len(w) <= 2 for w in text.split()):
        return re.sub(r"[ \u3000]+", "", text)
    return text


def _title_like(p: Para) -> bool:
    text = despace(p.text)
    return (len(text) <= 60 and text[-1] not in SENTENCE_END + "：:，,"
            and numbering_of(text) is None and not is_front(text) and not p.in_table)


def title(paras: list[Para], start: int) -> tuple[str, int]:
    """The title (also over two or three lines) and where the text after it starts.

    A line joins the title when it is set apart (centred, bold), names the
    genre (报告, 总结 …), or stands right above a "——在…会议上的讲话" subtitle.
    """
    if start >= len(paras) or not _title_like(paras[start]):
        return "", start
    text = despace(paras[start].text)
    i = start + 1
    while i < len(paras) and i - start < 3 and not any(w in text for w in _TITLE_WORDS):
        nxt = paras[i]
        styled = nxt.centered or nxt.bold_prefix >= len(nxt.text)
        above_subtitle = i + 1 < len(paras) and _SUBTITLE.match(paras[i + 1].text) is not None
        if not (_title_like(nxt) and (styled or above_subtitle or any(w in nxt.text for w in _TITLE_WORDS))):
            break
        text += despace(nxt.text)
        i += 1
    return text, i


class Ending:  # a plain class: a dataclass costs ~0.7 ms to define, in every process that parses
    """Where the closing, the signature block and a trailing glossary start in the body."""

    __slots__ = ("closing", "signature", "back")

    def __init__(self, closing: int, signature: int, back: int) -> None:
        self.closing = closing
        self.signature = signature
        self.back = back


def ending(body: list[Para]) -> Ending:
    """The closing paragraphs, a signature (单位 + date) and a 名词解释/附件 block, found from the end."""
    back = next((i for i, p in enumerate(body) if i > 0 and _back_matter(p.text)), len(body))
    signature = _signature(body, back)
    last_numbered = max((i for i in range(signature)
                         if numbering_of(body[i].text) or _speech_part(body[i].text)), default=-1)
    if last_numbered < 0:
        return Ending(signature, signature, back)
    closing = next((i for i in range(last_numbered + 1, signature) if _CLOSING.match(body[i].text)),
                   signature)
    return Ending(closing, signature, back)


def _signature(body: list[Para], end: int) -> int:
    """Start of the 单位 and date lines that end the text before ``end``; ``end`` when there are none."""
    if end < 2 or not _DATE_LINE.match(body[end - 1].text):
        return end
    start = end - 1
    while (start > 0 and end - start < 3 and len(body[start - 1].text) <= 30
           and body[start - 1].text[-1] not in SENTENCE_END + "：:，,"
           and numbering_of(body[start - 1].text) is None):
        start -= 1
    return start
