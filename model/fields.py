"""Fields in text: formatting values and putting them back into text (指标).

Finding fields in a draft's text also belongs here (``find_fields``); the units
it reads after a number are data in ``model.units``.
"""

from __future__ import annotations

import re

from model.report import TOKEN_CLOSE, TOKEN_OPEN, TOKEN_RE, Field, FieldKind, Node, Value, token
from model.units import MAGNITUDES, unit_after, unit_suffix_len

BLANK = "X"


def format_value(value: Value, precision: int = 0) -> str:
    """A number as the report prints it: 12 → "12", (12.5, 1) → "12.5"; text as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if precision <= 0:
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    return f"{value:.{precision}f}"


def render_field(f: Field, blank: str = BLANK) -> str:
    """The field as it reads in the report: value, qualifier and unit ("300余人次")."""
    shown = blank if f.is_blank else format_value(f.value, f.precision)
    if f.kind is FieldKind.TEXT:
        return shown
    return f"{shown}{f.qualifier}{f.unit}"


def render_text(text: str, node: Node, blank: str = BLANK) -> str:
    """``text`` with every field token replaced by the field as it reads."""

    def replace(match) -> str:
        f = node.field_by_id(int(match.group(1)))
        return render_field(f, blank) if f else ""

    return TOKEN_RE.sub(replace, text)


def source_text(text: str, node: Node) -> str:
    """``text`` with each token replaced by the field's original characters."""

    def replace(match) -> str:
        f = node.field_by_id(int(match.group(1)))
        return (f.source or render_field(f)) if f else ""

    return TOKEN_RE.sub(replace, text)


def change(f: Field) -> float | None:
    """Year-over-year change of a number field in percent, None when it cannot be told."""
    if f.kind is not FieldKind.NUMBER:
        return None
    try:
        now, before = float(f.value), float(f.last_value)
    except (TypeError, ValueError):
        return None
    if before == 0:
        return None
    return (now - before) / abs(before) * 100.0


# ---------------------------------------------------------------------------
# Finding fields in a draft's text (识别指标与填空)
# ---------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_NUM = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
_BLANK_CHARS = "XxＸｘ×"
_BLANK = rf"(?:[{_BLANK_CHARS}]{{1,4}}(?:,[{_BLANK_CHARS}]{{3}})*|[＿_]{{2,}})(?:[.．][{_BLANK_CHARS}]{{1,3}})?"
_CANDIDATE_RE = re.compile(rf"(?P<num>{_NUM})|(?P<blank>{_BLANK})")
_RANGE_MARKS = "—–~～至－-"
_RANGE_MARK_END_RE = re.compile(rf"[{_RANGE_MARKS}]{{1,2}}\s*$")
_RANGE_NEXT_RE = re.compile(rf"\s*[{_RANGE_MARKS}]{{1,2}}\s*(?:{_NUM}|{_BLANK})")
_DIGITS_AND_BLANKS = "0123456789０１２３４５６７８９" + _BLANK_CHARS
_ORDINAL_MARKS = "第前"
_RANK_UNITS = ("名", "位", "个月")  # "前3名", "前10位", "前10个月"; not "提前3天"
# a missing name of two X or more ("XX同志"); a single X there is a masked character
_NAME_SUFFIXES = {"同志": "姓名", "局": "单位名称", "中心": "单位名称"}
_PLACE_SUFFIXES = ("社区", "街道", "镇", "乡", "村", "县", "区", "市", "省", "公司", "集团", "学校", "小区", "园区",
                   "大队", "医院", "中学", "小学", "幼儿园", "大学", "景区", "公园", "项目", "工程", "品牌")
_CLAUSE_STOPS = "，,。；;：:！!？?、（()）“”\"‘’《》\n"
_LIGHT_VERBS = ("组织开展", "开展", "组织", "进行", "完成", "实现", "其中", "全年", "累计", "共计", "现有", "一年来")
_TRAILING_WORDS = ("和", "及", "的", "保持在", "稳定在", "控制在", "达到", "超过", "共计", "累计", "合计", "总计", "达", "为", "至", "约", "近", "超", "共", "计", "了", "有")
_BARE_VERBS = {"新增", "新建", "建成", "建设", "完成", "实施", "推进", "推出", "打通", "优化", "实现", "新设", "培育",
               "举办", "开展", "改造", "增加", "发放", "签约", "引进", "认定", "创建", "打造", "累计", "达到", "达",
               "已有", "现有", "共有"}
_LABEL_BREAKS = "的在和及与对为将把"
_LIST_MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
LABEL_CHARS = 16
# How far back a rule or a label looks: a clause is rarely longer, and a text without stops
# (a flattened table, a hostile file) must not make every number scan back to the start.
_CLAUSE_WINDOW = 200
_LABEL_WINDOW = 400
_SPAN_UNITS = ("小时", "分钟", "天")
_SPAN_RESULT_RE = re.compile(r"(?:提前|缩短|压缩|缩减|节约|节省)[至到了为]?$")  # a span saved is a result
_TIME_WORDS = ("每月", "每周", "每年", "每季度", "每季", "每天", "每日", "每半年", "每旬")
_PARTNER_WORDS = set("与同和向赴")
_PARTNER_VERBS = ("签订", "签署", "共建", "结对", "合作", "联合", "对接", "共同")
_OPEN_QUOTES = "“\"‘「《"
_CLOSE_QUOTES = "”\"’」》"


def find_fields(text: str, next_fid: int) -> tuple[str, list[Field]]:
    """``text`` with each field replaced by its token, and the fields (fids from ``next_fid``).

    A number becomes a field only with its unit; blanks ("X次", "XX社区") become
    empty fields.  Years, dates, ordinals, ranges, formulas, list counts and
    masked characters stay plain text: a false field is worse than a missed one.
    """
    out: list[str] = []
    fields: list[Field] = []
    pos = 0
    tail = ""
    for m in _CANDIDATE_RE.finditer(text):
        if m.start() < pos:
            continue
        found = _field_at(text, m, next_fid + len(fields))
        if found is None:
            continue
        f, start, end = found
        if f.kind is FieldKind.TEXT:
            f.label = _text_label(text, start, end)
        if not f.label:
            f.label = _label_for(tail + text[pos:start], text, end, fields[-1].label if fields else "")
            if f.kind is FieldKind.TEXT:
                f.label = f.label or "名称"
        out.append(text[pos:start])
        out.append(token(f.fid))
        tail = (tail + text[pos:start] + out[-1])[-_LABEL_WINDOW:]  # the tokenized text before, bounded
        fields.append(f)
        pos = end
    out.append(text[pos:])
    return "".join(out), fields


def _text_label(text: str, start: int, end: int) -> str:
    """The label of a missing name from the word after it ("XX社区" → 社区名称), "" when none tells."""
    name = next((x for x in _NAME_SUFFIXES if text.startswith(x, end)), "")
    if name and end - start >= 2:
        return _NAME_SUFFIXES[name]
    suffix = next((x for x in _PLACE_SUFFIXES if text.startswith(x, end)), "")
    if suffix:
        return suffix + "名称"
    if start and text[start - 1] in _ORDINAL_MARKS:
        return text[start - 1] + "X" + text[end:end + 1]  # "第X届", "前X名"
    return ""


def _field_at(text: str, m: re.Match, fid: int) -> tuple[Field, int, int] | None:
    """The field the candidate ``m`` starts, with its start and end in ``text``; None when it is none."""
    start, end = m.span()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before.isascii() and before.isalnum() or after.isascii() and after.isalnum():
        return None  # part of a Latin word, a code or a longer number
    is_blank = m.group("blank") is not None
    minus = not is_blank and _is_minus(text, start)
    if (not minus and before and before in "+＋-－−*×/÷") or (after and after in "+＋×*/"):
        return None  # a formula: "1+6+N", "7×24小时"
    unit_m = unit_after(text, end)
    if unit_m is None:
        if is_blank and _is_text_blank(text, start, end):
            return Field(fid=fid, kind=FieldKind.TEXT, source=m.group()), start, end
        return None
    qualifier, unit, unit_end = unit_m
    if before and before in _ORDINAL_MARKS and (before == "第" or unit in _RANK_UNITS):
        if is_blank:  # "第XX届", "前X名": an ordinal still to write
            return Field(fid=fid, kind=FieldKind.TEXT, source=m.group()), start, end
        return None  # an ordinal, a rank or a period: "第3次", "前3名", "前10个月"
    if _is_elided(text, unit, unit_end) or _in_range(text, start, unit, unit_end):
        return None  # "10至15人", "5%—6%": a range is a norm or a target, neither end a value alone
    if not is_blank and _is_plain_number(text, start, unit_end):
        return None
    start -= minus
    raw = text[start:end]
    f = Field(fid=fid, kind=FieldKind.NUMBER, unit=_normal_unit(unit), qualifier=qualifier,
              source=text[start:unit_end], precision=_decimals(raw))
    if not is_blank:
        f.value = _number_value(raw, f.precision)
    return f, start, unit_end


def _is_minus(text: str, start: int) -> bool:
    """A minus sign right after words ("增速为-3.2%"), not a hyphen between numbers ("1-11月")."""
    return start >= 2 and text[start - 1] in "-－−" and (_is_cjk(text[start - 2]) or text[start - 2] in "：:（(，,")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _in_range(text: str, start: int, unit: str, unit_end: int) -> bool:
    """Whether the number is one end of a range: "10至15人", "2—3家", "5%—6%", "10万至15万人".

    The other end has the same unit, a bare magnitude or none; "提高2个百分点至35%"
    is a change and a result, not a range.
    """
    mark = _RANGE_MARK_END_RE.search(text, max(0, start - 3), start)
    if mark is not None:
        head = text[max(0, mark.start() - 12):mark.start()].rstrip()
        k = unit_suffix_len(head)
        if head[:len(head) - k][-1:] in _DIGITS_AND_BLANKS and _same_unit(head[len(head) - k:], unit):
            return True
    nxt = _RANGE_NEXT_RE.match(text, unit_end)
    if nxt is None:
        return False
    other = unit_after(text, nxt.end())
    return _same_unit(other[1] if other else "", unit)


def _same_unit(other: str, unit: str) -> bool:
    return other in ("", *MAGNITUDES) or _normal_unit(other) == _normal_unit(unit)


def _is_elided(text: str, unit: str, unit_end: int) -> bool:
    """"高于2.2个和3.7个百分点": the unit is elided, the value cannot print alone."""
    return unit.endswith("个") and re.match(r"[和、至到][0-9.]+个百分点", text[unit_end:unit_end + 12]) is not None


def _is_text_blank(text: str, start: int, end: int) -> bool:
    """A blank that stands for a missing name ("XX社区", "第XX届", "“XX”"), not a masked character."""
    before = text[start - 1] if start else ""
    after = text[end:end + 1]
    if text[start] in "＿_" or before == "第":
        return True  # underscores are never a masked character
    if end - start == 1 and before in _PARTNER_WORDS and text.startswith(_PARTNER_VERBS, end):
        return True  # "与X签订": a partner still to name
    if before and before in _OPEN_QUOTES and after and after in _CLOSE_QUOTES:
        return True
    if text.startswith(_PLACE_SUFFIXES, end) or end - start >= 2 and text.startswith(tuple(_NAME_SUFFIXES), end):
        return True
    return end - start >= 2 and (after in ("、", "等") or before == "、")


def _is_plain_number(text: str, start: int, unit_end: int) -> bool:
    """A typed number that is no statistic: a frequency, a list count, a policy's name."""
    clause = text[_clause_start(text, start, "，,。；;：:！!？?\n", _CLAUSE_WINDOW):start]
    if any(w in clause for w in _TIME_WORDS):
        return True  # "每月走访1次": a rule, not a result
    if clause.endswith("等"):
        return True  # "…等8大类": counts the list before it
    if "、" in clause and not re.search(r"[0-9０-９XxＸ×⟦]|分别", clause) and text[unit_end - 1] not in "%％‰":
        return True  # "生产、流通、餐饮4个环节" (but "A、B分别增长5%、6%" are two results)
    nxt = text[unit_end:unit_end + 1]
    if nxt and nxt in _CLOSE_QUOTES and _quote_opens_near(text, start):
        return True  # a policy's name: "“20条”", "“两个70%”"
    if (text[start:unit_end].endswith(_SPAN_UNITS) and _is_cjk(nxt) and nxt not in "内以左之"
            and not _SPAN_RESULT_RE.search(text, max(0, start - 4), start)):
        return True  # a span that names a service or a policy: "15分钟生活圈", "24小时开放" (not "提前3天完成")
    counted = _CANDIDATE_RE.match(text, unit_end) if nxt.isdigit() else None
    if counted is not None and unit_after(text, counted.end()) is None:
        return True  # a slogan's name: "“3个100”工程" (but "8大类52项" counts twice)
    return bool(nxt) and nxt in _OPEN_QUOTES  # "120项“证照分离”改革事项"


def _quote_opens_near(text: str, start: int) -> bool:
    """Whether a quotation opened at most a few characters before ``start`` and is still open."""
    near = text[max(0, start - 4):start]
    opened = max(near.rfind(q) for q in _OPEN_QUOTES)
    return opened >= 0 and not any(q in near[opened + 1:] for q in _CLOSE_QUOTES)


def _clause_start(text: str, pos: int, stops: str, window: int | None = None) -> int:
    """Where the clause ending at ``pos`` starts; at most ``window`` characters back when given."""
    i = pos
    floor = 0 if window is None else max(0, pos - window)
    while i > floor and text[i - 1] not in stops:
        i -= 1
    return i


def _decimals(raw: str) -> int:
    raw = raw.replace("．", ".")
    return len(raw.split(".", 1)[1]) if "." in raw else 0


def _number_value(raw: str, precision: int) -> int | float:
    plain = raw.translate(_FULLWIDTH).replace(",", "")
    return float(plain) if precision else int(plain)


def _normal_unit(unit: str) -> str:
    return unit.replace("％", "%")


def _label_for(prefix: str, text: str, end: int, previous: str) -> str:
    """The label a clerk would give the field: the words before it, else the words after it.

    "96.7%和97%": the second value shares the first one's label; "新增35个公园":
    a bare verb takes the thing counted ("新增公园"); "10大类52项民生实事":
    both count the 民生实事.
    """
    before = label_before(prefix)
    after = _label_after(text, end)
    if prefix.endswith(TOKEN_CLOSE):
        return after or previous  # "10大类52项民生实事": both count what follows
    if len(before) < 2:
        if previous and prefix.rstrip("和及与、").endswith(TOKEN_CLOSE):
            return previous  # "分别达96.7%和97%", "分别下降7%、14.4%"
        quoted = re.search(r"[“\"‘「]([^“”\"‘’「」]{2,12})[”\"’」]$", prefix)
        return quoted.group(1) if quoted else (after or before)  # "“美丽庭院”10万户"
    if before in _BARE_VERBS and len(after) >= 2:
        return _trim_label(before + after)
    return before


def label_before(prefix: str) -> str:
    """A short label from the words just before the number, within its clause ("合格率")."""
    label = prefix[_clause_start(prefix, len(prefix), _CLAUSE_STOPS + TOKEN_CLOSE):].strip()
    changed = True
    while changed and label:
        changed = False
        for word in _TRAILING_WORDS:
            if label.endswith(word) and len(label) - len(word) >= 2:
                label, changed = label[: -len(word)], True
    for verb in _LIGHT_VERBS:
        at = label.rfind(verb)
        if at >= 0 and len(label) - at - len(verb) >= 2:
            label = label[at + len(verb):]
    return _trim_label(label.lstrip(_LIST_MARKS))


def _trim_label(label: str) -> str:
    """At most LABEL_CHARS characters, cut after a word boundary rather than inside a word."""
    if len(label) <= LABEL_CHARS:
        return label
    cuts = [i for i in range(1, len(label) - 3) if len(label) - i <= LABEL_CHARS
            and (label[i - 1] in _LABEL_BREAKS or label[i] in "占")]
    return label[cuts[0]:] if cuts else label[-LABEL_CHARS:]


def _label_after(text: str, end: int) -> str:
    """For a number that opens its clause: the words that follow it ("党员干部"), past a count ("52项")."""
    counted = _CANDIDATE_RE.match(text, end)
    if counted is not None and (unit := unit_after(text, counted.end())) is not None:
        end = unit[2]  # "10大类52项民生实事": the thing counted comes after the second count
    for word in ("以上", "以下", "以内", "左右", "的"):
        end += len(word) if text.startswith(word, end) else 0
    stop = end
    while (stop < len(text) and stop - end < 6 and text[stop] not in _CLAUSE_STOPS + "的在和及与等"
           and text[stop] != TOKEN_OPEN):
        stop += 1
    return text[end:stop]
