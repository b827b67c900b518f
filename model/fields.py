"""Fields in text: formatting values and putting them back into text (指标).

Finding fields in a draft's text also belongs here (``find_fields``).
"""

from __future__ import annotations

import re
from functools import cache

from model.report import TOKEN_CLOSE, TOKEN_OPEN, TOKEN_RE, Field, FieldKind, Node, Value, token

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

# Measure words and units, data rather than code: a clerk's report counts almost
# anything.  Magnitudes (万, 亿 …) combine with every base unit ("万人次", "亿元").
_BASE_UNITS = """
人次 户次 家次 批次 场次 车次 架次 班次 期次 件次 轮次 个百分点 百分点 个工作日 工作日 个月 个小时
个 件 起 户 家 批 项 条 名 封 亩 斤 元 篇 支 处 份 人 所 场 期 次 套 辆 台 吨 只 头 株 棵 本 册 张
部次 宗 笔 单 箱 袋 瓶 盒 副 幅 块 座 栋 间 层 公里 千米 米 平方公里 平方米 立方米 公顷 千克 公斤
克 升 标箱 千瓦时 千瓦 兆瓦 度 天 小时 分钟 周 倍 位 分 类 大类 种 例 组 队 轮 遍 次数 余次 票 课时
学时 个学时 剂次 剂 册次 人天 家庭户 微克/立方米 % ％ ‰
"""
_MAGNITUDES = ("十万", "百万", "千万", "万", "亿")
# unit + next character that makes an ordinary word, not a measure: "人民", "项目", "部门"
_NOT_UNIT_WORDS = set("""
人民 人员 人才 人大 人口 人士 人社 人防 人工 人身 人力 元旦 元素 名单 名称 名录 名义 条件 条例 条款 项目 家庭
家长 户籍 户外 所有 所属 所在 所得 处理 处置 处罚 处室 处长 场所 场景 场地 期间 期限 期望 台账 台风 套餐 支持 支部
支队 支撑 支出 支付 份额 天然 天气 位置 次要 件事 起来 起草 起步 个体 个人 个性 个别 单位 单元 分局 分析 分别 分类
分管 分解 分之 分级 分钟 度过 类别 种类 种植 例如 组织 组建 组成 队伍 周边 周年 周期 倍增 批准 批发 批示 层级 层面
块状 本级 本地 张贴 票据 班子 米面 克服 只有 头部 块头
""".split())
_UNITS = sorted(
    {u for u in _BASE_UNITS.split()}
    | {m + u for m in _MAGNITUDES for u in _BASE_UNITS.split() if not u.startswith(("%", "％", "‰"))},
    key=len, reverse=True,
)


@cache
def _unit_re() -> re.Pattern:
    """Compiled on first use: the window starts without paying for hundreds of units."""
    return re.compile("|".join(re.escape(u) for u in _UNITS))



_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_NUM = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
_BLANK = r"(?:[XxＸｘ×]{1,4}|[＿_]{2,})(?:[.．][XxＸｘ×]{1,3})?"
_CANDIDATE_RE = re.compile(rf"(?P<num>{_NUM})|(?P<blank>{_BLANK})")
_QUALIFIER_RE = re.compile(r"[余多]")
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
_SPAN_UNITS = ("小时", "分钟", "天")
_TIME_WORDS = ("每月", "每周", "每年", "每季度", "每季", "每天", "每日", "每半年", "每旬")
_PARTNER_WORDS = set("与同和向赴")
_PARTNER_VERBS = ("签订", "签署", "共建", "结对", "合作", "联合", "对接", "共同")
_OPEN_QUOTES = "“\"‘「《"
_CLOSE_QUOTES = "”\"’」》"


def find_fields(text: str, next_fid: int) -> tuple[str, list[Field]]:
    """``text`` with each field replaced by its token, and the fields (fids from ``next_fid``).

    A number becomes a field only with its unit; blanks ("X次", "XX社区") become
    empty fields.  Years, dates, ordinals, formulas, list counts and masked
    characters stay plain text: a false field is worse than a missed one.
    """
    out: list[str] = []
    fields: list[Field] = []
    pos = 0
    for m in _CANDIDATE_RE.finditer(text):
        if m.start() < pos:
            continue
        found = _field_at(text, m, next_fid + len(fields))
        if found is None:
            continue
        f, end = found
        suffix = next((x for x in _PLACE_SUFFIXES if text.startswith(x, end)), "")
        if f.kind is FieldKind.TEXT and suffix:
            f.label = suffix + "名称"
        elif f.kind is FieldKind.TEXT and text[m.start() - 1:m.start()] == "第":
            f.label = "第X" + text[end:end + 1]
        else:
            f.label = _label_for("".join(out) + text[pos:m.start()], text, end, fields[-1].label if fields else "")
            if f.kind is FieldKind.TEXT:
                f.label = f.label or "名称"
        out.append(text[pos:m.start()])
        out.append(token(f.fid))
        fields.append(f)
        pos = end
    out.append(text[pos:])
    return "".join(out), fields


def _field_at(text: str, m: re.Match, fid: int) -> tuple[Field, int] | None:
    start, end = m.span()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before.isascii() and before.isalnum() or after.isascii() and after.isalnum():
        return None  # part of a Latin word, a code or a longer number
    if (before and before in "+＋-－*×/÷") or (after and after in "+＋×*/"):
        return None  # a formula: "1+6+N", "7×24小时"
    is_blank = m.group("blank") is not None
    unit_m = _unit_after(text, end)
    if unit_m is None:
        if is_blank and _is_text_blank(text, start, end):
            return Field(fid=fid, kind=FieldKind.TEXT, source=m.group()), end
        return None
    qualifier, unit, unit_end = unit_m
    if unit.endswith("个") and re.match(r"[和、至到][0-9.]+个百分点", text[unit_end:unit_end + 12]):
        return None  # "高于2.2个和3.7个百分点": the unit is elided, the value cannot print alone
    if before == "第":
        if is_blank:
            return Field(fid=fid, kind=FieldKind.TEXT, source=m.group()), end
        return None  # an ordinal: "第3次"
    if not is_blank and _is_plain_number(text, start, unit_end):
        return None
    raw = m.group()
    f = Field(fid=fid, kind=FieldKind.NUMBER, unit=_normal_unit(unit), qualifier=qualifier,
              source=text[start:unit_end], precision=_decimals(raw))
    if not is_blank:
        f.value = _number_value(raw, f.precision)
    return f, unit_end


def _unit_after(text: str, end: int) -> tuple[str, str, int] | None:
    """(qualifier, unit, end of unit) right after a number, or None when no unit follows."""
    i = end + 1 if text[end:end + 1] in (" ", "\u3000", "\u00a0") else end
    qualifier, unit = "", ""
    m = _unit_re().match(text, i)
    if m is not None:
        unit = m.group()
    elif _QUALIFIER_RE.match(text, i) and (m := _unit_re().match(text, i + 1)) is not None:
        qualifier, unit = text[i], m.group()
    else:
        mag = next((g for g in _MAGNITUDES if text.startswith(g, i)), "")
        q = _QUALIFIER_RE.match(text, i + len(mag)) if mag else None
        m = _unit_re().match(text, q.end()) if q else None
        if m is None:
            return None
        unit = mag + q.group() + m.group()  # "3万余人": the qualifier stays inside, in reading order
    unit_end = m.end()
    if unit[-1] + text[unit_end:unit_end + 1] in _NOT_UNIT_WORDS:
        return None
    if text.startswith(("（次）", "(次)"), unit_end):
        unit, unit_end = unit + text[unit_end:unit_end + 3], unit_end + 3
    per = re.match(r"[/／](?:人·)?[月年日天人户次亩吨]", text[unit_end:unit_end + 4])
    if per is not None and unit[-1] not in "%％‰":
        unit, unit_end = unit + per.group().replace("／", "/"), unit_end + per.end()  # "485元/月"
    return qualifier, unit, unit_end


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
    if text.startswith(_PLACE_SUFFIXES, end):
        return True
    return end - start >= 2 and (after in ("、", "等") or before == "、")


def _is_plain_number(text: str, start: int, unit_end: int) -> bool:
    """A typed number that is no statistic: a frequency, a list count, a policy's name."""
    clause = text[_clause_start(text, start, "，,。；;：:！!？?\n"):start]
    if any(w in clause for w in _TIME_WORDS):
        return True  # "每月走访1次": a rule, not a result
    if clause.endswith("等"):
        return True  # "…等8大类": counts the list before it
    if "、" in clause and not re.search(r"[0-9０-９XxＸ×⟦]|分别", clause) and text[unit_end - 1] not in "%％‰":
        return True  # "生产、流通、餐饮4个环节" (but "A、B分别增长5%、6%" are two results)
    nxt = text[unit_end:unit_end + 1]
    if start and text[start - 1] in _OPEN_QUOTES and nxt and nxt in _CLOSE_QUOTES:
        return True  # a policy's name: "“20条”"
    if text[start:unit_end].endswith(_SPAN_UNITS) and "\u4e00" <= nxt <= "\u9fff" and nxt not in "内以左之":
        return True  # a span that names a service or a policy: "15分钟生活圈", "24小时开放", "7天无理由退货"
    counted = _CANDIDATE_RE.match(text, unit_end) if nxt.isdigit() else None
    if counted is not None and _unit_after(text, counted.end()) is None:
        return True  # a slogan's name: "“3个100”工程" (but "8大类52项" counts twice)
    return bool(nxt) and nxt in _OPEN_QUOTES  # "120项“证照分离”改革事项"


def _clause_start(text: str, pos: int, stops: str) -> int:
    i = pos
    while i > 0 and text[i - 1] not in stops:
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
    before = _label_before(prefix)
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


def _label_before(prefix: str) -> str:
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
    if counted is not None and (unit := _unit_after(text, counted.end())) is not None:
        end = unit[2]  # "10大类52项民生实事": the thing counted comes after the second count
    for word in ("以上", "以下", "以内", "左右", "的"):
        end += len(word) if text.startswith(word, end) else 0
    stop = end
    while (stop < len(text) and stop - end < 6 and text[stop] not in _CLAUSE_STOPS + "的在和及与等"
           and text[stop] != TOKEN_OPEN):
        stop += 1
    return text[end:stop]
