"""Fields in a draft's text, and the reason for every number that is none (识别指标与填空).

A number becomes a field only with its unit; blanks ("X次", "XX社区") become
empty fields.  Everything else is decided by the ordered rules of
``model.draft.rules``: each number that stays plain text has a named reason,
which ``parse --json`` reports as ``skipped`` and the import review shows.
"""

from __future__ import annotations

import copy
import re
from collections import namedtuple
from collections.abc import Iterable
from functools import lru_cache

from model.draft.patterns import CLOSE_QUOTES, FULLWIDTH_DIGITS, OPEN_QUOTES, is_cjk
from model.draft.rules import (
    CANDIDATE_RE,
    NAME_SUFFIXES,
    PLACE_SUFFIXES,
    REASONS,
    Candidate,
    fold,
    is_minus,
    table_value,
    why_not,
)
from model.draft.units import normal_unit, unit_after
from model.fields import label_before
from model.report import TOKEN_CLOSE, TOKEN_OPEN, TOKEN_RE, Field, FieldKind, token

_STOP_RE = re.compile("[，,。；;：:！!？?\n]")
_ORDINAL_MARKS = "第前"
_RANK_UNITS = ("名", "位", "个月")
_LABEL_WINDOW = 400
_BARE_VERBS = {"新增", "新建", "建成", "建设", "完成", "实施", "推进", "推出", "打通", "优化", "实现", "新设", "培育",
               "举办", "开展", "改造", "增加", "发放", "签约", "引进", "认定", "创建", "打造", "累计", "达到", "达",
               "已有", "现有", "共有"}
_CLAUSE_STOPS = "，,。；;：:！!？?、（()）“”\"‘’《》\n"


class Skipped(namedtuple("Skipped", "source reason")):  # immutable, cheap to define (no typing loaded)
    """A number of the text that is no field (``source``), and why (``reason``): ("2023年", "year")."""

    __slots__ = ()

    @property
    def reason_zh(self) -> str:
        return REASONS.get(self.reason, self.reason)


class Found(namedtuple("Found", "start end field skipped", defaults=(None, None))):  # as Skipped
    """One decision of the finder: a ``field`` at ``start:end``, or a ``skipped`` number (the other None)."""

    __slots__ = ()


def scan(text: str, next_fid: int = 1) -> list[Found]:
    """Every number and blank of ``text`` in order, each a field or a skipped number with its reason."""
    out: list[Found] = []
    fid = next_fid
    for found in _decisions(text):
        if found.field is not None:
            f = copy.copy(found.field)  # the cached decision stays untouched
            f.fid = fid
            found = Found(found.start, found.end, f)
            fid += 1
        out.append(found)
    return out


@lru_cache(maxsize=512)
def _decisions(text: str) -> tuple[Found, ...]:
    """The decisions for ``text``, kept for a while: ``parse --json`` reads each text twice
    (fields on import, skipped numbers for the output)."""
    stops = [m.start() for m in _STOP_RE.finditer(text)]
    folded = fold(text)
    out: list[Found] = []
    pos = 0
    for m in CANDIDATE_RE.finditer(folded):
        if m.start() < pos:
            continue
        found = _decide(Candidate(text, m.start(), m.end(), m.group("blank") is not None, stops, folded), 0)
        out.append(found)
        pos = found.end
    return tuple(out)


def _decide(c: Candidate, fid: int) -> Found:
    if c.is_blank and _ordinal_blank(c):
        return Found(c.start, c.end, Field(fid=fid, kind=FieldKind.TEXT, source=c.source))  # "第X名"
    verdict = why_not(c)
    if verdict is not None:
        reason, end = verdict
        return Found(c.start, end, skipped=Skipped(c.text[c.start:end].strip(), reason))
    if c.unit is None:
        if c.is_blank and not table_value(c):  # a name still to write: is_text_blank said so
            return Found(c.start, c.end, Field(fid=fid, kind=FieldKind.TEXT, source=c.source))
        return Found(c.start, c.end, _number(c, fid, "", "", c.end))  # cut off by the end of an excerpt
    qualifier, unit, unit_end = c.unit
    return Found(c.start - _minus(c), unit_end, _number(c, fid, qualifier, unit, unit_end))


def _ordinal_blank(c: Candidate) -> bool:
    return c.before == "第" or (c.before == "前" and c.unit is not None and c.unit[1] in _RANK_UNITS)


def _minus(c: Candidate) -> int:
    return int(not c.is_blank and is_minus(c.text, c.start))


def _number(c: Candidate, fid: int, qualifier: str, unit: str, unit_end: int) -> Field:
    start = c.start - _minus(c)
    raw = c.text[start:c.end]
    f = Field(fid=fid, kind=FieldKind.NUMBER, unit=normal_unit(unit), qualifier=qualifier,
              source=c.text[start:unit_end], precision=_decimals(raw))
    if not c.is_blank:
        f.value = _number_value(raw, f.precision)
    return f


def find_fields(text: str, next_fid: int) -> tuple[str, list[Field]]:
    """``text`` with each field replaced by its token, and the fields (fids from ``next_fid``)."""
    out: list[str] = []
    fields: list[Field] = []
    pos = 0
    tail = ""  # the tokenized text before the field, bounded: a label never looks further back
    folded = fold(text)
    for found in scan(text, next_fid):
        f = found.field
        if f is None:
            continue
        start, end = found.start, found.end
        if f.kind is FieldKind.TEXT:
            f.label = _text_label(text, start, end)
        elif not f.unit:
            f.label = _table_label(text, start)
        if not f.label:
            f.label = _label_for(tail + text[pos:start], text, folded, end, fields[-1].label if fields else "")
            if f.kind is FieldKind.TEXT:
                f.label = f.label or "名称"
        out.append(text[pos:start])
        out.append(token(f.fid))
        tail = (tail + text[pos:start] + out[-1])[-_LABEL_WINDOW:]
        fields.append(f)
        pos = end
    out.append(text[pos:])
    return "".join(out), fields


def skipped_numbers(text: str) -> list[Skipped]:
    """The numbers of ``text`` that the finder does not take, each with its reason."""
    return [found.skipped for found in _decisions(text) if found.skipped is not None]


def plain_numbers(text: str, fields: Iterable[Field] = ()) -> list[tuple[str, str]]:
    """(source, reason) of every number of a node's text that is not a field.

    ``text`` may hold field tokens: given the node's ``fields``, each token is
    read as its source characters (so the rules see the text as the draft had
    it) and is never reported; without them a token is no number.  A number the
    finder would take but that is plain text (the clerk made it so) has the
    reason "manual": ``checks`` can remind the clerk of it after a rollover.
    """
    return [(source, reason) for _, _, source, reason in number_spans(text, fields)]


def number_spans(text: str, fields: Iterable[Field] = ()) -> list[tuple[int, int, str, str]]:
    """(start, end, source, reason) in ``text`` of each number that is not a field (see plain_numbers)."""
    by_id = {f.fid: f for f in fields}
    parts: list[str] = []
    taken: list[tuple[int, int, int]] = []  # (start, end, shift) of each token in the text as read
    pos = length = shift = 0
    for m in TOKEN_RE.finditer(text):
        f = by_id.get(int(m.group(1)))
        shown = (f.source or "X") if f else TOKEN_OPEN + "#" * (len(m.group()) - 2) + TOKEN_CLOSE
        parts += [text[pos:m.start()], shown]
        length += m.start() - pos
        shift += len(shown) - len(m.group())
        taken.append((length, length + len(shown), shift))
        length += len(shown)
        pos = m.end()
    parts.append(text[pos:])
    out = []
    k = 0  # both runs are in text order: one pass, not a search per number
    for found in _decisions("".join(parts)):  # read only: the cached decisions, no copies of their fields
        while k < len(taken) and taken[k][1] <= found.start:
            k += 1
        if k < len(taken) and taken[k][0] < found.end:
            continue
        back = taken[k - 1][2] if k else 0  # characters the tokens before added
        if found.skipped is not None:
            out.append((found.start - back, found.end - back, found.skipped.source, found.skipped.reason))
        elif found.field is not None and found.field.kind is FieldKind.NUMBER and not found.field.is_blank:
            out.append((found.start - back, found.end - back, found.field.source, "manual"))
    return out


def _decimals(raw: str) -> int:
    raw = raw.replace("．", ".")
    return len(raw.split(".", 1)[1]) if "." in raw else 0


def _number_value(raw: str, precision: int) -> int | float:
    plain = raw.translate(FULLWIDTH_DIGITS).replace(",", "")
    return float(plain) if precision else int(plain)


# -- labels -----------------------------------------------------------------------------------


def _text_label(text: str, start: int, end: int) -> str:
    """The label of a missing name from the word after it ("XX社区" → 社区名称), "" when none tells."""
    name = next((x for x in NAME_SUFFIXES if text.startswith(x, end)), "")
    if name and end - start >= 2:
        return NAME_SUFFIXES[name]
    suffix = next((x for x in PLACE_SUFFIXES if text.startswith(x, end)), "")
    if suffix:
        return suffix + "名称"
    if start and text[start - 1] in _ORDINAL_MARKS:
        return text[start - 1] + "X" + text[end:end + 1]  # "第X届", "前X名"
    return ""


def _table_label(text: str, start: int) -> str:
    """"旅游收入 | 亿元 | 12.6" (cells as lines or tab-separated): the row's name and unit ("旅游收入（亿元）")."""
    if text[start - 1:start] not in ("\n", "\t"):
        return ""
    cells = re.split("[\n\t]", text[max(0, start - 80):start - 1])
    if len(cells) < 2:
        return ""
    name, unit = cells[-2].strip(), cells[-1].strip().strip("（）()")
    if not name or not unit or unit_after("0" + unit, 1) is None or any(ch.isdigit() for ch in name):
        return ""
    return f"{name}（{unit}）"


def _label_for(prefix: str, text: str, folded: str, end: int, previous: str) -> str:
    """The label a clerk would give the field: the words before it, else the words after it.

    "96.7%和97%": the second value shares the first one's label; "新增35个公园":
    a bare verb takes the thing counted ("新增公园"); "10大类52项民生实事":
    both count the 民生实事.
    """
    if prefix.endswith(("(", "（")):
        prefix = prefix[:-1]  # "重点任务(3727项)": the words before the bracket
    prefix = _unwrapped(prefix)
    before = _clean(label_before(prefix))
    words = _leading_cjk(_label_after(text, folded, end).strip())
    after = words if len(words) >= 2 else ""  # "户 1923 人": another count, no words
    counts = _counts_things(text, end)
    if prefix.endswith(TOKEN_CLOSE):
        return after or previous
    if len(before) < 2:
        joined = prefix.rstrip("和及与、 :：∶︰").endswith(TOKEN_CLOSE)  # "1:1.3" too
        if previous and joined and not (counts and len(after) >= 2):
            return previous  # "分别达96.7%和97%" (but "、285个水功能区" counts something else)
        return _quoted_before(prefix) or after or before
    if before.startswith("/") and previous:
        return previous  # "由728元/人/月提高为735元": the same standard, its new value
    if before.startswith("的") and len(after) >= 2:
        return after  # "74.6%的工业增加值和40%左右的税收": the words before belong to the first value
    if before.startswith(_RELATIVE) and len(before) <= 6 and _follows_field(prefix, before):
        subject = _subject(previous)
        if subject:
            return _trim(subject + before)  # "浓度30.5微克/立方米、下降6.2%": 浓度下降
    if counts and len(after) >= 2 and "、" in _raw_clause(prefix):
        head = _raw_clause(prefix).split("、", 1)[0]
        verb = next((v for v in _BARE_VERBS if head.startswith(v)), "")
        return _trim(verb + after)  # "新增甲机场、乙机场2个国际机场": the list's kind, not its last item
    if (before in _BARE_VERBS or (counts and len(before) <= 4)) and len(after) >= 2:
        return _trim(before + after)  # "打造5个…社区", "围绕10个主题": the verb and the thing counted
    return before


# words that say how a value compares with the one just before it ("、增长5%", "、总数达23家")
_RELATIVE = ("增长", "下降", "提高", "降低", "增加", "减少", "上升", "比上年", "较上年", "比去年", "同比", "高于", "低于",
             "总数", "总投资", "总金额", "总量", "总额", "总规模", "累计", "占全")
_SENTENCE_ENDS = "。；;！!？?：:"


def _unwrapped(prefix: str) -> str:
    """The prefix with its last line breaks inside a sentence taken out ("改造危房\n35户": a wrapped line)."""
    head, tail = prefix[:-60], prefix[-60:]
    if "\n" not in tail:
        return prefix
    parts = tail.split("\n")
    kept = [parts[0]]
    for k in range(1, len(parts)):
        wrapped = parts[k - 1][-1:] and parts[k - 1][-1] not in _SENTENCE_ENDS
        kept.append(("" if wrapped else "\n") + parts[k])
    return head + "".join(kept)


def _raw_clause(prefix: str) -> str:
    """The words since the last stop or field before the number, "、" kept."""
    k = max(prefix.rfind(ch) for ch in "，,。；;：:！!？?\n" + TOKEN_CLOSE)
    return prefix[k + 1:]


def _follows_field(prefix: str, words: str) -> bool:
    """``words`` open the number's clause right after another field of its sentence ("…万元、增长"; not
    "…，全年增长": 全年 is the subject)."""
    k = prefix.rfind(TOKEN_CLOSE)
    between = prefix[k + 1:] if k >= 0 else ""
    return (k >= 0 and len(between) <= 10 and not any(ch in between for ch in "。；;！!？?")
            and between.lstrip("、，,和及并 ").startswith(words))


def _subject(label: str) -> str:
    """What a label speaks of, for a value compared with it: no leading verb, nothing up to a bound
    ("新开工10亿元以上制造业项目" → 制造业项目), "" when the label itself compares."""
    if not label or label.startswith(_RELATIVE):
        return ""
    for bound in ("以上", "以下", "以内"):
        if bound in label:
            label = label[label.rfind(bound) + 2:]
    verb = next((v for v in sorted(_BARE_VERBS, key=len, reverse=True) if label.startswith(v)), "")
    label = label[len(verb):]
    while label.endswith(_SUBJECT_ENDS):
        label = label[:-len(next(w for w in _SUBJECT_ENDS if label.endswith(w)))]  # "产量突破" → 产量
    return "" if len(label) < 2 or any(ch.isdigit() for ch in label) else label


_SUBJECT_ENDS = ("突破", "完成", "达到", "超过", "实现", "新增", "新认定", "分别", "从", "由")


_QUOTES = "“”\"‘’「」"


def _quoted_before(prefix: str) -> str:
    """The 2–12 characters quoted just before the number ("“美丽庭院”10万户"), else ""."""
    if not prefix or prefix[-1] not in CLOSE_QUOTES[:4]:
        return ""
    opened = max(prefix.rfind(q, max(0, len(prefix) - 14)) for q in OPEN_QUOTES[:4])
    inner = prefix[opened + 1:-1] if opened >= 0 else ""
    return inner if 2 <= len(inner) <= 12 and not any(q in inner for q in _QUOTES) else ""


def _quoted_after(text: str, end: int) -> str:
    """The 2–12 characters quoted right after the number ("5个“美丽乡村”"), else ""."""
    if text[end:end + 1] not in OPEN_QUOTES[:4] or end >= len(text):
        return ""
    close = min((k for k in (text.find(q, end + 1, end + 14) for q in CLOSE_QUOTES[:4]) if k > 0), default=-1)
    inner = text[end + 1:close] if close > 0 else ""
    return inner if 2 <= len(inner) <= 12 and not any(q in inner for q in _QUOTES) else ""


def _leading_cjk(text: str) -> str:
    """The Chinese characters that open ``text`` (a character test, not a pattern: a CJK class
    costs milliseconds to compile in every process)."""
    k = 0
    while k < len(text) and is_cjk(text[k]):
        k += 1
    return text[:k]


def _clean(label: str) -> str:
    """Spaces of a PDF copy out, a dangling 由 ("标准由") or 升 of 升至 ("占比升") off."""
    label = label.replace(" ", "").replace("\u3000", "")
    if label.endswith(("升", "增", "降")) and len(label) > 3 and label[-2:] not in _WORDS_ENDING:
        return label[:-1]  # "占比升至": the verb's first character left when 至 went
    return label[:-1] if label.endswith("由") and len(label) > 3 else label


_WORDS_ENDING = ("提升", "上升", "下降", "新增", "递增", "倍增", "骤降", "攀升", "回升", "猛增", "骤增")


def _counts_things(text: str, end: int) -> bool:
    """Whether the field just before ``end`` ends in a measure word of things (个, 家, 项), not % or money."""
    unit = text[max(0, end - 2):end]
    if unit[-1:] in "万亿" and is_cjk(text[end:end + 1]):
        return True  # "12万农户": the magnitude counts the noun after it
    return unit[-1:] in "个家项所座处条支名人户件场次批辆台列款大" and not unit.endswith(("元", "%"))


def _trim(label: str) -> str:
    from model.fields import _trim_label

    return _trim_label(label)


def _label_after(text: str, folded: str, end: int) -> str:
    """For a number that opens its clause: the words that follow it ("党员干部"), past a count ("52项")."""
    counted = CANDIDATE_RE.match(folded, end)
    if counted is not None and (unit := unit_after(text, counted.end())) is not None:
        end = unit[2]
    for word in ("以上", "以下", "以内", "左右", "的"):
        end += len(word) if text.startswith(word, end) else 0
    quoted = _quoted_after(text, end)
    if quoted:
        return quoted  # "打造5个“美丽乡村”": the quoted name is the thing counted
    stop = end
    while (stop < len(text) and stop - end < 6 and text[stop] not in _CLAUSE_STOPS + "的在和及与等"
           and text[stop] != TOKEN_OPEN and not (stop - end >= 2 and text.startswith(_PREDICATES, stop))):
        stop += 1
    return text[end:stop]


# where the thing counted ends and what is said of it begins ("7100万江淮儿女倍感温暖", "3家高新区进入全国")
_PREDICATES = ("倍感", "备受", "进入", "入选", "获评", "获批", "获得", "实现", "全部", "建成", "纳入", "通过", "成为",
               "喝上", "启动", "投入", "落地", "开工", "达到", "稳定", "参与", "受益", "享受")


__all__ = ["Found", "Skipped", "find_fields", "number_spans", "plain_numbers", "scan", "skipped_numbers"]
