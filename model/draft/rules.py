"""Why a number of a draft is not a field: an ordered table of small named rules (不作指标的理由).

Every Arabic number and every blank of a text is a ``Candidate``.  The rules
are asked in order; the first that answers gives the reason the number stays
plain text, and how far its source reaches ("2023年", "2023-12-21 16:32").
A candidate no rule stops is a field.  Each rule is a function of the
candidate alone, so a test can assert *why* a number is skipped and the
review can tell the clerk.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from model.draft.patterns import (
    BLANK_CHARS,
    CLOSE_QUOTES,
    DIGITS,
    OPEN_QUOTES,
    STAR_CHARS,
    X_CHARS,
    is_cjk,
)
from model.draft.units import MAGNITUDES, normal_unit, unit_after, unit_at, unit_suffix_len
from model.fields import MAX_FIGURE_DIGITS

# Reasons, in English for code and JSON, in Chinese for the clerk.
REASONS = {
    "code": "代码或型号", "formula": "算式", "date": "日期或时间", "year": "年份", "period": "时段",
    "ordinal": "序数或名次", "rank": "名次", "session": "届次或会议", "age": "年龄", "anniversary": "周年",
    "phone": "电话或编码", "document": "文号或条款", "item": "条目编号", "slogan": "口号或提法",
    "name": "名称的一部分", "threshold": "门槛或标准", "range": "区间", "rule": "工作制度",
    "list": "列举的计数", "mask": "遮盖的字", "no_unit": "无计量单位",
    "manual": "未设为指标",
}

_CLAUSE_STOPS = "，,。；;：:！!？?\n"
_RANGE_MARKS = "—–~～至－-"
_RANGE_SET = frozenset(_RANGE_MARKS)
_ELIDE_SET = frozenset("和、到")
_ELIDE_JOINS = frozenset("和、至到")
_NUM = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
_ORDINAL_MARKS = "第前"
_RANK_UNITS = ("名", "位", "个月", "大", "%")  # "前3名", "前10位", "前10个月", "前10大", "前1%"; not "提前3天"
_TIME_WORDS = ("每月", "每周", "每年", "每季度", "每季", "每天", "每日", "每半年", "每旬")
_SPAN_UNITS = ("小时", "分钟", "天")
_TIMES_UNITS = ("次", "场", "期", "轮", "遍", "课时", "学时")  # how often: the units of a rule of work
# The patterns of shapes most drafts never show are strings that re compiles at their first use (its
# cache keeps them): a compile costs ~0.5 ms, which a process that meets no such shape saves.
_SPAN_RESULTS = ("提前", "缩短", "压缩", "缩减", "节约", "节省")  # "提前3天", "缩短至3天"
_SPAN_COUNTED = ("连续", "累计", "历时", "用时")
_SPAN_JOINS = ("至", "到", "了", "为")
_DATE_AT = (r"(?:19|20)\d\d[-/.](?:1[0-2]|0?[1-9])[-/.](?:[12]\d|3[01]|0?[1-9])(?!\d)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
            r"|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}·\d{1,2}")
_YEAR_AT = re.compile(r"(?:19|20)(?:\d\d|[xX×]{2})(?:\s*年度?|\s*(?:[-—–~～至]|到)\s*(?:19|20)?\d\d\s*年?)?(?![0-9])")
_DATE_WORDS = ("月", "日", "号", "时", "点", "月份", "年", "季度", "周")
_SESSION_WORDS = ("届", "中全会", "周年")
_FORMULA_RUN = r"[0-9０-９.NnXx]+(?:\s*[+＋×*/÷]\s*[0-9０-９.NnXx]+)+"
_PHONE_RE = re.compile(r"\d{3,4}[-－]\d{7,8}|\d{7,}")
_DOC_OPEN = frozenset("〔[［【")
_DOC_CLOSE = frozenset("〕]］】")
_DOC_WORDS = ("索引号", "文号", "编号", "字第")
_DATE_SEPARATORS = frozenset("-/.:·：")
_DOC_MARKS = frozenset("〕]］】号第")
_ITEM_AT = r"\d{1,2}(?:[、.．](?![0-9]))"
_AGE_RESULTS = ("寿命", "平均年龄")
_THRESHOLD_BEFORE = ("不满", "不足", "少于")
_NOT_A_LIST = ("分别", "等", *"0123456789０１２３４５６７８９XxＸ×*⟦")  # a clause of A、B with one: no list size
_CATEGORY_UNITS = ("类", "大类", "种", "方面", "个方面", "大")
_NAME_WORDS = ("项目", "工程", "线", "号线", "党支部", "支部")
_ATTRIBUTE_UNITS = ("元", "美元", "米", "平方米", "公里", "亩", "吨", "千瓦", "人", "分")  # a size or a score, no count
# things a bound sorts ("对5000万元以上的投资项目"): with one of them after it, a bound needs no count beside it
_SORTED_THINGS = ("项目", "企业", "工程", "案件", "村", "合同", "单位", "考生", "学生", "农户")
_BOUND_WORDS = ("及以上", "以上", "以下", "以内", "内")
_BOUND_BEFORE = ("过", "超", "超过", "高于", "低于")
_POLICY_WORDS = ("改革", "政策", "措施", "举措")
_PHYSICAL = ("吨", "万吨", "千瓦", "兆瓦", "平方米", "立方米", "亩", "米", "公里", "千伏", "伏")


class Candidate:  # a plain class: a dataclass costs ~0.7 ms to define, in every process that parses
    """A number or blank at ``start:end`` of ``text``, with what follows it."""

    def __init__(self, text: str, start: int, end: int, is_blank: bool, stops: list[int], folded: str = "") -> None:
        self.text = text
        self.start = start
        self.end = end
        self.is_blank = is_blank
        self.stops = stops                  # positions of clause stops in ``text``, sorted
        self.folded = folded or fold(text)  # ``fold(text)``, for the patterns of blanks and ranges
        self.before = self.text[self.start - 1] if self.start else ""
        self.after = self.text[self.end:self.end + 1]
        # (qualifier, unit, end of unit) after the number, or None: every rule asks, so read it once
        self.unit: tuple[str, str, int] | None = unit_after(self.text, self.end)
        self._clause: str | None = None

    @property
    def source(self) -> str:
        return self.text[self.start:self.end]

    def clause(self) -> str:
        """The words of the clause before the number (from the last stop), at most 200 characters."""
        if self._clause is None:
            i = bisect_right(self.stops, self.start - 1)
            begin = self.stops[i - 1] + 1 if i else 0
            self._clause = self.text[max(begin, self.start - 200):self.start]
        return self._clause

    def unit_end(self) -> int:
        return self.unit[2] if self.unit else self.end


Verdict = tuple[str, int]  # (reason, end of the source the reason covers)
Rule = Callable[[Candidate], Verdict | None]


_NOT_WHOLE_DIGITS = {ord(","): None, ord("．"): "."}


def whole_digits(number: str) -> int:
    """How many digits ``number`` ("12,345.6") has before its point."""
    return len(number.translate(_NOT_WHOLE_DIGITS).split(".", 1)[0])


def _to(c: Candidate, reason: str, end: int | None = None) -> Verdict:
    return reason, c.end if end is None else end


# -- the rules, each small and named -------------------------------------------------


def code(c: Candidate) -> Verdict | None:
    """Part of a Latin word, a code or a longer number: "5G", "GB/T 9704", "3A级", "PM2.5" (not "7000PF");
    a number of more whole digits than any figure (an identity card's 18), which no field holds."""
    if c.end - c.start > MAX_FIGURE_DIGITS and whole_digits(c.text[c.start:c.end]) > MAX_FIGURE_DIGITS:
        return _to(c, "code")
    latin_unit = c.unit is not None and c.unit[1][-1:].isascii() and c.unit[1][-1:].isalpha()
    if (c.before.isascii() and c.before.isalnum()) or (c.after.isascii() and c.after.isalnum() and not latin_unit):
        return _to(c, "code")
    if c.before == " " and c.start >= 2 and c.text[c.start - 2].isascii() and c.text[c.start - 2].isalpha():
        return _to(c, "code")  # "GB/T 9704"
    return None


def formula(c: Candidate) -> Verdict | None:
    """"1+6+N", "7×24小时", "999+": a sum or product, not a count."""
    minus = not c.is_blank and is_minus(c.text, c.start)
    if (not minus and c.before and c.before in "+＋-－−*×/÷") or (c.after and c.after in "+＋×*/"):
        run = re.compile(_FORMULA_RUN).match(c.text, c.start)
        if run is None:
            return _to(c, "formula")
        unit = unit_after(c.text, run.end())
        return _to(c, "formula", unit[2] if unit else run.end())
    return None


def date(c: Candidate) -> Verdict | None:
    """"2023-12-21 16:32:03", "11:48", "3·15": a timestamp or a day."""
    if c.is_blank or c.after not in _DATE_SEPARATORS:
        return None  # every date shape goes on with one of these right after its first number
    m = re.compile(_DATE_AT).match(c.text, c.start)
    return _to(c, "date", m.end()) if m else None


def item(c: Candidate) -> Verdict | None:
    """"1、" or "2." opening a line or a sentence: an item marker left in the text."""
    if c.is_blank or (c.start and c.text[c.start - 1] not in "\n。；;：:！？!?" + "\u3000 "):
        return None
    m = re.compile(_ITEM_AT).match(c.text, c.start)
    return _to(c, "item", m.end()) if m and m.end() <= c.end + 1 else None


def year(c: Candidate) -> Verdict | None:
    """"2023年", "2021—2025年", "2022年度", and a bare 2022 in a heading."""
    if c.is_blank and not (c.before and c.before in DIGITS):
        if c.unit is None and c.text.startswith("年", _skip_space(c.text, c.end)):
            return _to(c, "year", _skip_space(c.text, c.end) + 1)  # "xxxx年", "20xx年"
        return None
    m = _YEAR_AT.match(c.text, c.start) if c.text.startswith(("19", "20"), c.start) else None
    if m and (m.end() > c.end or c.unit is None):
        return _to(c, "year", m.end())
    return None


def ordinal(c: Candidate) -> Verdict | None:
    """"第3次", "全省第3", "前3名", "前10个月": an ordinal, a rank or a period, never a count."""
    if c.before == "第" and not c.is_blank:
        return _to(c, "ordinal", c.unit_end())
    if c.before == "前" and c.unit and c.unit[1] in _RANK_UNITS and not c.is_blank:
        return _to(c, "rank", c.unit_end())
    if c.after and c.after in "强名位" and (c.after == "强" or c.text.startswith(("名次", "位次"), c.end)):
        return _to(c, "rank", c.end + 1)
    return None


def session(c: Candidate) -> Verdict | None:
    """"3届", "2次会议", "41周年": a session or an anniversary."""
    at = _skip_space(c.text, c.end)
    if c.text[at:at + 1] not in ("届", "中", "周"):
        return None
    word = next((w for w in _SESSION_WORDS if c.text.startswith(w, at)), "")
    if not word:
        return None
    return _to(c, "anniversary" if word == "周年" else "session", at + len(word))


def age(c: Candidate) -> Verdict | None:
    """"60岁以上", "年满80周岁": an age (not "预期寿命81.3岁", "平均年龄38.5岁")."""
    at = _skip_space(c.text, c.end)
    if c.text[at:at + 1] in ("岁", "周") and c.text.startswith(("岁", "周岁"), at):
        if any(w in c.clause()[-8:] for w in _AGE_RESULTS):
            return None  # "人均预期寿命达到81.3岁": a result measured in years of age
        return _to(c, "age", at + (1 if c.text[at] == "岁" else 2))
    return None


def document(c: Candidate) -> Verdict | None:
    """"〔2023〕5号", "索引号：113703…": a document or index number ("3号线" is a line's name)."""
    if c.is_blank:
        return None
    if c.before and c.before in "〔［【" and c.after and c.after in "〕］】":
        return _to(c, "document", c.end + 1)  # the year of a document number: "〔2024〕"
    if c.text.startswith("号线", c.end):
        return _to(c, "name", c.end + 2)  # "3号线": a metro line
    near = c.text[max(0, c.start - 8):c.start]
    if c.after == "号" or (not _DOC_MARKS.isdisjoint(near) and _doc_number_before(near)):
        return _to(c, "document", c.end + (1 if c.after == "号" else 0))
    return None


def quoted(c: Candidate) -> Verdict | None:
    """"“16136”工作法", "“311空巢老人帮扶”": a number inside a quotation, with no unit, names something."""
    if c.unit is None and not c.is_blank and _quote_opens_near(c.text, c.start):
        return _to(c, "slogan")
    return None


def phone(c: Candidate) -> Verdict | None:
    """"0731-84561234", "12345热线", a long digit run with no unit: a phone number or a code."""
    if c.is_blank or c.unit is not None:
        return None
    m = _PHONE_RE.match(c.text, c.start)
    if m or c.text.startswith(("热线", "电话", "平台"), c.end) or (c.end - c.start >= 5 and "." not in c.source):
        return _to(c, "phone", m.end() if m else c.end)
    return None


def date_words(c: Candidate) -> Verdict | None:
    """"3月", "1—9月", "5日", "2季度": a date or a period named by its number."""
    at = _skip_space(c.text, c.end)
    nxt = _RANGE_NEXT_RE.match(c.folded, at) if c.unit is None else None
    if nxt:
        at = _skip_space(c.text, nxt.end())  # "1—9月": the range of months
    word = next((w for w in _DATE_WORDS if c.text.startswith(w, at)), "")
    if word and c.unit is None and not c.text.startswith(("时代", "时间", "时期", "点位"), at):
        return _to(c, "period" if word in ("年", "季度", "周") else "date", at + len(word))
    return None


def blank_without_unit(c: Candidate) -> Verdict | None:
    """A blank with no unit that names nothing: a masked character ("X组织", "全X上下")."""
    if c.is_blank and c.unit is None and not is_text_blank(c.text, c.start, c.end) and not table_value(c):
        return _to(c, "mask")
    return None


def no_unit(c: Candidate) -> Verdict | None:
    """A number with nothing unit-like after it ("[此文共3230字]", "“16136”"): no field
    (but "交通指数从6.32下降至6.08", "结构比为11.8︰48.3︰39.9" and a table's value cell are values
    without a unit)."""
    if c.unit is not None or c.is_blank:
        return None
    if _quote_opens_near(c.text, c.start):
        return _to(c, "slogan")  # "“16136”", "“311空巢老人帮扶”"
    if _names_after(c.text, c.end):
        return _to(c, "name", c.end)
    if cut_at_end(c) or _measured(c) or table_value(c):
        return None  # cut off by the end of an excerpt, or an index or a ratio: a field without a unit
    return _to(c, "no_unit")


def in_range(c: Candidate) -> Verdict | None:
    """"10至15人", "2—3家", "5%—6%": a norm or a target, neither end a value alone."""
    if c.unit is None:
        nxt = _RANGE_NEXT_RE.match(c.folded, c.end)
        other = unit_after(c.text, nxt.end()) if nxt else None
        return _to(c, "range", other[2]) if other else None  # "2至3名": the unit after the far end
    _, unit, unit_end = c.unit
    near = c.text[max(0, c.start - 3):c.start] + c.text[unit_end:unit_end + 2]
    if _RANGE_SET.isdisjoint(near) and not _ELIDE_SET.intersection(near):
        return None  # no range mark before it and none after its unit
    if _is_elided(c.text, unit, unit_end) or _in_range(c.text, c.folded, c.start, unit, unit_end):
        return _to(c, "range", unit_end)
    return None


def frequency(c: Candidate) -> Verdict | None:
    """"每月走访1次": a rule of work, not a result ("每月一题专项治理13个难题" is one)."""
    if c.unit is None or c.is_blank:
        return None
    clause = c.clause()
    if "每" in clause and any(w in clause for w in _TIME_WORDS):
        near = any(w in clause[-len(w) - 4:] for w in _TIME_WORDS)  # "每季度开展督查1个"
        if near or normal_unit(c.unit[1]).endswith(_TIMES_UNITS):
            return _to(c, "rule", c.unit_end())
    return None


def list_count(c: Candidate) -> Verdict | None:
    """"危险化学品等8大类产品", "生产、流通、餐饮4个环节": the size of the list before it
    (not "首店、省市首店200个": a count that is not the list's own size is a field)."""
    if c.unit is None or c.is_blank:
        return None
    unit = c.unit[1]
    clause = c.clause()
    if clause.endswith("等") and unit in _CATEGORY_UNITS:
        return _to(c, "list", c.unit_end())
    if "、" in clause and not any(w in clause for w in _NOT_A_LIST):
        last = clause[clause.rfind("、") + 1:]
        items = clause.count("、") + 1  # the list's size is its items' count ("A及B、C、D4个": one more)
        if (len(last) <= 4 and unit.lstrip("个") in ("", "环节", "类", "大类", "大", "种", "方面", "项", "个")
                and c.source.isdecimal() and items <= int(c.source) <= items + 1):
            return _to(c, "list", c.unit_end())
    return None


def quoted_name(c: Candidate) -> Verdict | None:
    """"“20条”", "“两个70%”", "“30条举措”", "120项“证照分离”改革": a policy's or a slogan's name
    (but "86个“两重”项目", "新增100条“漫步北京”线路" count things of a named kind)."""
    if c.unit is None or c.is_blank:
        return None
    unit_end = c.unit[2]
    rest = c.text[unit_end:unit_end + 8]
    if _quote_opens_near(c.text, c.start) and _closes_after_words(rest, 4):
        return _to(c, "slogan", unit_end)
    if rest[:1] and rest[:1] in OPEN_QUOTES:
        quoted_end = next((k for k in (c.text.find(q, unit_end + 1, unit_end + 40) for q in CLOSE_QUOTES)
                           if k > 0), -1)
        if quoted_end > 0 and c.text.startswith(_POLICY_WORDS, quoted_end + 1):
            return _to(c, "name", unit_end)  # the measures of a named reform or policy ("120项“证照分离”改革")
    return None


def threshold(c: Candidate) -> Verdict | None:
    """"不满3名党员的支部", "不足5人的": a rule's bound, not a result ("不少于26万人" is a target, a field)."""
    if c.unit is None or c.is_blank:
        return None
    before = c.text[max(0, c.start - 3):c.start]
    if before.endswith(_THRESHOLD_BEFORE) and not before.endswith("不少于"):
        return _to(c, "threshold", c.unit[2])
    return None


def category(c: Candidate) -> Verdict | None:
    """"新开工10亿元以上项目248个", "82个产值过10亿元的增长点", "轨道50米内换乘比例88%": a bound that
    defines the things another number of the clause counts ("进入5万亿元以上的新阶段" is a result)."""
    if c.unit is None or c.is_blank or c.unit[0]:
        return None
    base = c.unit[1].lstrip("十百千万亿")
    if base not in _ATTRIBUTE_UNITS:
        return None
    at = c.unit[2]
    word = next((w for w in _BOUND_WORDS if c.text.startswith(w, at)), "")
    at += len(word)
    de = c.text.startswith("的", at)
    if not word and not (de and c.text[max(0, c.start - 2):c.start].endswith(_BOUND_BEFORE)):
        return None
    at += de
    if not is_cjk(c.text[at:at + 1]):
        return None  # "3500家以上、": the count itself, and the clause goes on
    stop = next((k for k in range(at, min(len(c.text), at + 40)) if c.text[k] in _CLAUSE_STOPS), len(c.text))
    counted = any(unit_after(c.text, m.end()) for m in _CANDIDATE_RE.finditer(c.folded, at, stop))
    things = any(c.text.startswith(_SORTED_THINGS, k) for k in range(at, min(stop, at + 8)))
    if counted or things or any(ch in DIGITS for ch in c.clause()):
        return _to(c, "threshold", c.unit[2] + len(word))
    return None


def _doc_number_before(near: str) -> bool:
    """``near`` ends with "〔2023〕" or "文号：" (a pattern's ``$``: also before a final newline)."""
    def year_in_brackets(s: str) -> bool:
        return len(s) >= 6 and s[-6] in _DOC_OPEN and s[-5:-1].isdecimal() and s[-1] in _DOC_CLOSE

    words = near.rstrip()
    words = words[:-1] if words.endswith((":", "：")) else words
    return (year_in_brackets(near) or (near.endswith("\n") and year_in_brackets(near[:-1]))
            or words.endswith(_DOC_WORDS))


def _span_result_before(near: str) -> bool:
    """``near`` ends with "提前" or "缩短至" (a pattern's ``$``: also before a final newline)."""
    for s in (near, near[:-1]) if near.endswith("\n") else (near,):
        if (s[:-1] if s.endswith(_SPAN_JOINS) else s).endswith(_SPAN_RESULTS):
            return True
    return False


def span_name(c: Candidate) -> Verdict | None:
    """"15分钟生活圈", "24小时开放": a span naming a service (not "提前3天完成", "连续1000天无事故")."""
    if c.unit is None or c.is_blank:
        return None
    unit_end = c.unit[2]
    nxt = c.text[unit_end:unit_end + 1]
    if (c.text[c.start:unit_end].endswith(_SPAN_UNITS) and is_cjk(nxt) and nxt not in "内以左之"
            and not _span_result_before(c.text[max(0, c.start - 4):c.start])
            and c.text[max(0, c.start - 2):c.start] not in _SPAN_COUNTED):
        return _to(c, "name", unit_end)
    return None


def capacity_name(c: Candidate) -> Verdict | None:
    """"年产1600吨扩建项目", "4000吨级起重机": a plant's capacity or a class in a name."""
    if c.unit is None or c.is_blank:
        return None
    if c.text.startswith("级", c.unit[2]) and not c.text.startswith("级别", c.unit[2]):
        return _to(c, "name", c.unit[2] + 1)  # "4000吨级起重机", "10万吨级泊位": a class
    if c.unit[1] not in _PHYSICAL:
        return None
    rest = c.text[c.unit[2]:c.unit[2] + 7]
    if any(rest.startswith(("项目", "工程"), k) and all(map(is_cjk, rest[:k])) for k in range(4)):
        return _to(c, "name", c.unit[2])
    return None


def counted_slogan(c: Candidate) -> Verdict | None:
    """"“3个100”工程": a count of a number is a slogan's name (but "8大类52项" counts twice)."""
    if c.unit is None or c.is_blank:
        return None
    unit_end = c.unit[2]
    nxt = c.text[unit_end:unit_end + 1]
    counted = _CANDIDATE_RE.match(c.folded, unit_end) if nxt.isdigit() else None
    code_after = counted is not None and c.text[counted.end():counted.end() + 1].isascii() \
        and c.text[counted.end():counted.end() + 1].isalpha()  # "新增2家5A级景区": 2家 counts
    if counted is not None and not code_after and unit_after(c.text, counted.end()) is None:
        return _to(c, "slogan", counted.end())
    return None


# The order matters: the first rule that answers gives the reason.  The third column says which
# candidates a rule can answer at all ("unit": only those with a unit, "none": only those
# without, "any"), so that each candidate asks only the rules that may concern it.
RULES: list[tuple[str, Rule, str]] = [
    ("date", date, "any"),
    ("document", document, "any"),
    ("year", year, "any"),
    ("code", code, "any"),
    ("formula", formula, "any"),
    ("item", item, "any"),
    ("ordinal", ordinal, "any"),
    ("session", session, "any"),
    ("age", age, "any"),
    ("quoted", quoted, "none"),
    ("phone", phone, "none"),
    ("date_words", date_words, "none"),
    ("range", in_range, "any"),
    ("blank_without_unit", blank_without_unit, "none"),
    ("no_unit", no_unit, "none"),
    ("frequency", frequency, "unit"),
    ("list_count", list_count, "unit"),
    ("quoted_name", quoted_name, "unit"),
    ("threshold", threshold, "unit"),
    ("category", category, "unit"),
    ("span_name", span_name, "unit"),
    ("capacity_name", capacity_name, "unit"),
    ("counted_slogan", counted_slogan, "unit"),
]
_WITH_UNIT = tuple(rule for _, rule, needs in RULES if needs != "none")
_WITHOUT_UNIT = tuple(rule for _, rule, needs in RULES if needs != "unit")


def why_not(c: Candidate) -> Verdict | None:
    """The first rule's verdict on ``c``; None when the candidate is a field."""
    for rule in (_WITH_UNIT if c.unit is not None else _WITHOUT_UNIT):
        verdict = rule(c)
        if verdict is not None:
            return verdict
    return None


# -- helpers the rules share ---------------------------------------------------------------


# The patterns of blanks and ranges read the text folded: every character of a blank as one ASCII
# character (X for "XxＸｘ×", * for "*＊", _ for "＿_") and every range mark as "-", each in its
# place.  A class of scattered wide characters costs Python's compiler half a millisecond in
# every process; the folded classes cost nothing, and match exactly what the wide ones did.
_FOLDS = tuple((wide, narrow) for chars, narrow in ((X_CHARS, "X"), (STAR_CHARS, "*"), ("＿", "_"), (_RANGE_MARKS, "-"))
               for wide in chars if wide != narrow)


def fold(text: str) -> str:
    """``text`` as the blank and range patterns read it (the same length, position for position).

    A search and replace per character, not ``str.translate``: most texts hold none of them, and
    translating Chinese text through a table costs a hundred times more than searching it.
    """
    for wide, narrow in _FOLDS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


_BLANK = r"(?<![X*])(?:X{1,8}(?:,X{3})*|\*{1,8}|_{2,})(?:[.．](?:X{1,6}|\*{1,6}))?(?![X*])"
# the look-ahead lets the scan pass over every other character at once
_CANDIDATE_RE = re.compile(rf"(?=[0-9０-９X*_])(?:(?P<num>{_NUM})|(?P<blank>{_BLANK}))")
CANDIDATE_RE = _CANDIDATE_RE
"""Every number and blank, matched in ``fold(text)``."""
_RANGE_NEXT_RE = re.compile(rf"\s*-{{1,2}}\s*(?:{_NUM}|{_BLANK})")
_RANGE_MARK_END_RE = re.compile(r"-{1,2}\s*$")
_DIGITS_AND_BLANKS = DIGITS + BLANK_CHARS
_PARTNER_WORDS = set("与同和向赴")
_PARTNER_VERBS = ("签订", "签署", "共建", "结对", "合作", "联合", "对接", "共同")
NAME_SUFFIXES = {"同志": "姓名", "局": "单位名称", "中心": "单位名称"}
PLACE_SUFFIXES = ("社区", "街道", "镇", "乡", "村", "县", "区", "市", "省", "公司", "集团", "学校", "小区", "园区",
                  "大队", "医院", "中学", "小学", "幼儿园", "大学", "景区", "公园", "项目", "工程", "品牌", "高中",
                  "分校", "中心校", "教育局")


def _closes_after_words(rest: str, most: int) -> bool:
    """A closing quote after at most ``most`` Chinese characters ("举措”")."""
    for k in range(min(most, len(rest)) + 1):
        if rest[k:k + 1] and rest[k] in CLOSE_QUOTES:
            return True
        if not is_cjk(rest[k:k + 1]):
            return False
    return False


def _names_after(text: str, end: int) -> bool:
    """"219304党支部", "260线": up to four Chinese characters, then a word that makes a name."""
    for k in range(5):
        if text.startswith(_NAME_WORDS, end + k):
            return True
        if not is_cjk(text[end + k:end + k + 1]):
            return False
    return False


_SPACES = frozenset(" \u3000\u00a0")


def _skip_space(text: str, i: int) -> int:
    return i + 1 if i < len(text) and text[i] in _SPACES else i


def is_minus(text: str, start: int) -> bool:
    """A minus sign right after words ("增速为-3.2%"), not a hyphen between numbers ("1-11月")."""
    return start >= 2 and text[start - 1] in "-－−" and (is_cjk(text[start - 2]) or text[start - 2] in "：:（(，,")


_RATIO_MARKS = frozenset(":：∶︰")
_NOT_RATIO = frozenset("上去重较同增")  # 比上年, 比重, 比较, 比增
_MEASURES = ("指数", "系数", "比例", "比值", "之比", "结构比", "收入比", "比为")


def _measured(c: Candidate) -> bool:
    """An index, a coefficient or a ratio just before the number ("恩格尔系数为28.5", "比例达到1∶3.4"),
    or one side of a ratio that a 比 names ("医护比提高到1:1.3"; "实行1:1配套" is no value)."""
    clause = c.clause()
    if any(w in clause[-len(w) - 10:] for w in _MEASURES):  # "指数从6.32下降至6.08"
        return True
    ratio = c.after in _RATIO_MARKS or (c.start >= 2 and c.before in _RATIO_MARKS and c.text[c.start - 2].isdigit())
    if not ratio:
        return False
    words = c.text[max(0, c.start - 30):c.start]  # the colon of "1:1.3" ends no clause
    words = words[max(words.rfind(ch) for ch in "，,。；;！!？?\n") + 1:]
    return any(words[k] == "比" and words[k + 1:k + 2] not in _NOT_RATIO for k in range(len(words)))


_CELL_BREAKS = "\n\t"


def table_value(c: Candidate) -> bool:
    """A number or blank alone in its table cell, the cell before it a unit ("旅游收入 | 亿元 | 12.6"):
    a table's value, its unit in the column beside.  Cells arrive as lines (Word) or tab-separated."""
    if c.text[c.start - 1:c.start] not in _CELL_BREAKS or c.text[c.end:c.end + 1] not in ("", *_CELL_BREAKS):
        return False
    low = max(0, c.start - 60)  # a cell is short: never a scan back through the whole text
    begin = max(c.text.rfind(b, low, c.start - 1) for b in _CELL_BREAKS) + 1
    if begin == 0 and low:
        return False
    cell = c.text[begin:c.start - 1].strip().strip("（）()")
    return bool(cell) and (unit_at(cell, 0) == len(cell) or cell in MAGNITUDES)


def cut_at_end(c: Candidate) -> bool:
    """A number the end of an excerpt cut off ("总投资16" and nothing after): still a field."""
    near = c.text[c.end:c.end + 64]  # most numbers have words soon after: no copy of the whole rest
    return not c.is_blank and not near.strip() and not c.text[c.end:].strip() and is_cjk(c.before)


_OPEN_SET = frozenset(OPEN_QUOTES)


def _quote_opens_near(text: str, start: int) -> bool:
    """Whether a quotation opened at most a few characters before ``start`` and is still open."""
    near = text[max(0, start - 4):start]
    if _OPEN_SET.isdisjoint(near):
        return False
    opened = max(near.rfind(q) for q in OPEN_QUOTES)
    return opened >= 0 and not any(q in near[opened + 1:] for q in CLOSE_QUOTES)


def _in_range(text: str, folded: str, start: int, unit: str, unit_end: int) -> bool:
    """Whether the number is one end of a range; "提高2个百分点至35%" is a change, not a range."""
    mark = _RANGE_MARK_END_RE.search(folded, max(0, start - 3), start)
    if mark is not None:
        head = text[max(0, mark.start() - 12):mark.start()].rstrip()
        k = unit_suffix_len(head)
        if head[:len(head) - k][-1:] in _DIGITS_AND_BLANKS and _same_unit(head[len(head) - k:], unit):
            return True
    nxt = _RANGE_NEXT_RE.match(folded, unit_end)
    if nxt is None:
        return False
    other = unit_after(text, nxt.end())
    return _same_unit(other[1] if other else "", unit)


def _same_unit(other: str, unit: str) -> bool:
    return other in ("", *MAGNITUDES) or normal_unit(other) == normal_unit(unit)


def _is_elided(text: str, unit: str, unit_end: int) -> bool:
    """"高于2.2个和3.7个百分点": the unit is elided, the value cannot print alone."""
    after = text[unit_end:unit_end + 12]
    return unit.endswith("个") and after[:1] in _ELIDE_JOINS and re.match(r"[0-9.]+个百分点", after[1:]) is not None


def is_text_blank(text: str, start: int, end: int) -> bool:
    """A blank that stands for a missing name ("XX社区", "第XX届", "“XX”", "**中学"), not a masked character."""
    before = text[start - 1] if start else ""
    after = text[end:end + 1]
    if text[start] in "＿_" or before == "第":
        return True  # underscores are never a masked character
    if end - start == 1 and before in _PARTNER_WORDS and text.startswith(_PARTNER_VERBS, end):
        return True  # "与X签订": a partner still to name
    if before and before in OPEN_QUOTES and after and after in CLOSE_QUOTES:
        return True
    if text.startswith(PLACE_SUFFIXES, end) or end - start >= 2 and text.startswith(tuple(NAME_SUFFIXES), end):
        return True
    if text[start] in STAR_CHARS:
        return True  # a starred run is a name a site masked, or one still to write ("省委巡视**")
    if end - start >= 2 and (is_cjk(after) or after in OPEN_QUOTES):
        return True  # "xx城管志愿者服务队", "六个XX建设目标"
    return end - start >= 2 and (after in ("、", "等") or before == "、")


def unit_of(c: Candidate) -> str:
    return normal_unit(c.unit[1]) if c.unit else ""
