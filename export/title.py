"""The report's title as it prints: balanced lines broken only between words (标题回行).

GB/T 9704 asks a long title to break "词意完整，排列对称": never inside 述德 or
领导班子, never inside the organisation's name (XX市XX局), never after a
digit.  The places a title of this genre may break are rules with a cost
(``_break_costs``); the lines are then chosen to be as even as possible
(``title_lines``).  A line break the clerk typed into the title ("\\n", set in
报告信息) is always kept; on screen the title reads on one line (``single_line``).
"""

from __future__ import annotations

import math
import re

from export import layout

# Words of the genre that never break inside (longest first where one holds another).
WORDS = ("全面从严治党", "党风廉政建设", "述德述职述责述廉述法", "意识形态", "主体责任", "领导班子", "工作总结",
         "工作报告", "工作情况", "安全生产", "人民政府", "街道办事处", "委员会", "办公室", "述德", "述职", "述责",
         "述廉", "述法", "报告", "总结", "工作", "年度", "情况", "通知", "关于", "中共", "党组", "党委")
# How an organisation's name ends (XX市XX局, 中共XX县委员会): the title may break after it, never inside it.
ORGANISATION_ENDS = ("街道办事处", "委员会", "办公室", "党工委", "人民政府", "政府", "党组", "党委", "中心", "公司",
                     "社区", "街道", "医院", "学校", "局", "厅", "委", "院", "所", "站", "队", "处", "部", "办")
# What follows an organisation's name in a title: where the name has surely ended.
_AFTER_ORGANISATION = re.compile(r"领导班子|班子|关于|述|\d|工作|年度|党风|[，、：]")

# The cost of a break, by rule: 0 where the genre breaks naturally, more where it is only allowed.
NATURAL, GOOD, FAIR, FORCED = 0, 4, 10, 60
_BREAK_AFTER = re.compile(r"(?<=\d年度)|(?<=\d年)(?!度)|(?<=领导班子)|(?<=[，、：；）》”])")
_BREAK_BEFORE_NATURAL = re.compile(r"(?=述德|述职|述责|述廉|述法|工作总结|工作报告|关于)")
_BREAK_BEFORE_GOOD = re.compile(r"(?=报告$|总结$|的[^的]{1,6}$)")
_BREAK_FAIR = re.compile(r"(?=和|及|与|的)|(?<=的)")
_NO_LINE_START = "，、。：；！？）》”"
_PLACE_ENDS = "省市区县镇乡"


def single_line(title: str) -> str:
    """The title for the window's title bar and lists: the clerk's line breaks removed."""
    return "".join(part.strip() for part in title.split("\n"))


def title_lines(title: str, width: int = layout.TITLE_CHARS_PER_LINE) -> list[str]:
    """The title's printed lines: the clerk's breaks kept, each longer part broken evenly between words."""
    lines: list[str] = []
    for part in title.split("\n"):
        part = part.strip()
        if part:
            lines += _balanced(part, width)
    return lines


def _balanced(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    for strict in (True, False):  # a name longer than a line must break somewhere: then inside it, last
        costs = _break_costs(text, strict)
        for count in range(math.ceil(len(text) / width), math.ceil(len(text) / width) + 2):
            cuts = _best_cuts(text, costs, count, width)
            if cuts is not None:
                return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return [text[i:i + width] for i in range(0, len(text), width)]  # a title of digits only


def _break_costs(text: str, strict: bool = True) -> dict[int, float]:
    """Each position a line may start at (1…len-1) and its cost; inside a word: absent (``strict``) or dearest."""
    protected = _protected(text)
    costs: dict[int, float] = {}
    for i in range(1, len(text)):
        if text[i] in _NO_LINE_START or (text[i - 1].isdigit() and text[i].isdigit()):
            continue
        if i in protected and strict:
            continue
        inside_name = i in protected and text[i - 1] not in _PLACE_ENDS  # 某某市 / 某某区: the least bad cut
        costs[i] = 4 * FORCED if inside_name else FORCED
    rules = ((_BREAK_AFTER, NATURAL), (_BREAK_BEFORE_NATURAL, NATURAL), (_BREAK_BEFORE_GOOD, GOOD),
             (_BREAK_FAIR, FAIR))
    for pattern, cost in rules:
        for match in pattern.finditer(text):
            i = match.start()
            if i in costs:
                costs[i] = min(costs[i], cost)
    end = _organisation_end(text)
    if end in costs:
        costs[end] = NATURAL
    return costs


def _protected(text: str) -> set[int]:
    """Positions that fall inside a word of the genre, a number or the organisation's name."""
    inside: set[int] = set()
    for word in WORDS:
        for match in re.finditer(re.escape(word), text):
            inside.update(range(match.start() + 1, match.end()))
    for match in re.finditer(r"\d+", text):
        inside.update(range(match.start() + 1, match.end() + 1))  # nor between a number and its 年
    inside.update(range(1, _organisation_end(text)))
    return inside


def _organisation_end(text: str) -> int:
    """Where the organisation's name that opens the title ends (0: the title opens with none)."""
    head = text[:m.start()] if (m := _AFTER_ORGANISATION.search(text)) else text
    start = 2 if head.startswith("关于") else 0
    ends = [m.end() for suffix in ORGANISATION_ENDS for m in re.finditer(re.escape(suffix), head)]
    end = max(ends, default=0)
    return end if end > start else 0


def _best_cuts(text: str, costs: dict[int, float], count: int, width: int) -> list[int] | None:
    """``count - 1`` cuts, each line at most ``width``, least (unevenness + break costs); None if none fit."""
    n = len(text)
    ideal = n / count
    points = [0, *sorted(costs), n]
    # best[k][p]: (cost, cuts) of the first k lines ending at point p
    best: list[dict[int, tuple[float, list[int]]]] = [{0: (0.0, [])}]
    for k in range(1, count + 1):
        row: dict[int, tuple[float, list[int]]] = {}
        for end in points[1:]:
            if (k == count) != (end == n):
                continue
            options = [(cost + (end - start - ideal) ** 2 + (costs.get(end, 0.0) if end < n else 0.0), cuts)
                       for start, (cost, cuts) in best[k - 1].items() if 0 < end - start <= width]
            if options:
                cost, cuts = min(options, key=lambda o: (o[0], o[1]))
                row[end] = (cost, cuts + [end] if end < n else cuts)
        best.append(row)
    return best[count][n][1] if n in best[count] else None
