"""Measure words and units that follow a number in a report (计量单位), as data.

``model.fields`` asks ``unit_after`` whether a unit follows a number: a number
is a field only with its unit, so this list decides much of what is marked.
"""

from __future__ import annotations

# A clerk's report counts almost anything.  Magnitudes (万, 亿 …) combine with
# every base unit ("万人次", "亿元", "万亿元").
_BASE_UNITS = """
人次 户次 家次 批次 场次 车次 架次 班次 期次 件次 轮次 个百分点 百分点 个工作日 工作日 个月 个小时
个 件 起 户 家 批 项 条 名 封 亩 斤 元 篇 支 处 份 人 所 场 期 次 套 辆 台 吨 只 头 株 棵 本 册 张
部次 宗 笔 单 箱 袋 瓶 盒 副 幅 块 座 栋 间 层 公里 千米 米 平方公里 平方米 立方米 公顷 千克 公斤
克 升 标箱 千瓦时 千瓦 兆瓦 度 天 小时 分钟 周 倍 位 分 类 大类 种 例 组 队 轮 遍 次数 余次 票 课时
学时 个学时 剂次 剂 册次 人天 家庭户 微克/立方米 口 部 列 款 大 美元 港元 欧元 日元 英镑 标准箱 成 岁 % ％ ‰
"""
# longest first: "万亿元" is read before "万" alone
MAGNITUDES = ("万亿", "十万", "百万", "千万", "万", "亿")
# unit + next character that makes an ordinary word, not a measure: "人民", "项目", "部门", "周岁"
_NOT_UNIT_WORDS = set("""
人民 人员 人才 人大 人口 人士 人社 人防 人工 人身 人力 元旦 元素 名单 名称 名录 名义 条件 条例 条款 项目 家庭
家长 户籍 户外 所有 所属 所在 所得 处理 处置 处罚 处室 处长 场所 场景 场地 期间 期限 期望 台账 台风 套餐 支持 支部
支队 支撑 支出 支付 份额 天然 天气 位置 次要 件事 起来 起草 起步 个体 个人 个性 个别 单位 单元 分局 分析 分别 分类
分管 分解 分之 分级 分钟 度过 类别 种类 种植 例如 组织 组建 组成 队伍 周边 周年 周期 周岁 倍增 批准 批发 批示 层级
层面 块状 本级 本地 张贴 票据 班子 米面 克服 只有 头部 块头
分校 分院 分会 分队 部门 部署 部分 部长 部队 部位 部委 部件 部属 部际 口岸 口径 口号 口罩 口碑 口头 口腔
列入 列为 列车 列出 列席 列表 列举 列支 款项 款式 款额 大会 大力 大幅 大型 大学 大厅 大道 大队 大楼 大赛 大桥
大街 大棚 大众 大局 大家 大户 大量 大多 大约 大概 大关 大于 大小 大中 大病 大额 大宗
成立 成为 成效 成果 成本 成员 成绩 成功 成交 成熟 成长 成都 成品 成型 成片 成套 成就 成因 成年 成熟 成像
""".split())
_PERCENT = ("%", "％", "‰")
UNITS = sorted(
    set(_BASE_UNITS.split())
    | {m + u for m in MAGNITUDES for u in _BASE_UNITS.split() if not u.startswith(_PERCENT)},
    key=len, reverse=True,
)
_QUALIFIERS = ("余", "多")
# Traditional characters of units and magnitudes (個, 場, 萬, 億), looked up as their simplified
# forms; the unit keeps the characters as written.  餘 stays inside the unit ("600餘人次" → 餘人次).
_TRADITIONAL_CHARS = frozenset("個場戶項條處萬億臺輛噸畝間層張筆餘業員門")
_TRADITIONAL = str.maketrans("個場戶項條處萬億臺輛噸畝間層張筆餘業員門", "个场户项条处万亿台辆吨亩间层张笔余业员门")
_SPACES = (" ", "\u3000", "\u00a0")
_PER_MARKS = ("/", "／")
_PER_UNITS = frozenset("月年日天人户次亩吨")  # "/月", "/人·年": a rate
# Latin units written after a number ("7000PF", "20GW", "3.2TB"), longest first; a bare P (petaflops)
# only after 万 or 亿 ("1.6万P").  Never when a Latin letter or a digit goes on: "5G", "PM2.5" stay codes.
_LATIN_UNITS = ("EFLOPS", "PFLOPS", "kWh", "GWh", "TEU", "PF", "EF", "TB", "PB", "GW", "MW", "kW", "km")
# medals ("4金1银1铜"): a unit only before another count, a stop or the word 牌
_MEDALS = frozenset("金银铜")
_MEDAL_NEXT = frozenset("0123456789银铜牌，,。；;、）) ")
# what may follow a count of pairs ("结对友好城市4对，"): 对 before a word is the preposition
_PAIR_NEXT = frozenset("，,。；;、）)")


_UNIT_SET = frozenset(UNITS)
_LONGEST = max(map(len, UNITS))


def unit_at(text: str, i: int) -> int | None:
    """End of the longest unit that starts at ``i``, or None.

    A set lookup per length: no pattern of hundreds of alternatives to compile,
    which cost a whole parse more time than reading the file.
    """
    window = text[i:i + _LONGEST]
    simple = window.translate(_TRADITIONAL) if not _TRADITIONAL_CHARS.isdisjoint(window) else window
    for k in range(len(window), 0, -1):
        if window[:k] in _UNIT_SET or simple[:k] in _UNIT_SET:
            return i + k
    return None


def _per_end(text: str, at: int) -> int | None:
    """End of "/月" or "/人·年" at ``at``, or None (a few string tests: no pattern to compile)."""
    if not text.startswith(_PER_MARKS, at):
        return None
    if text.startswith("人·", at + 1) and text[at + 3:at + 4] in _PER_UNITS:
        return at + 4
    return at + 2 if text[at + 1:at + 2] in _PER_UNITS else None


def normal_unit(unit: str) -> str:
    """The unit as compared: full-width percent as "%"."""
    return unit.replace("％", "%")


def unit_after(text: str, end: int) -> tuple[str, str, int] | None:
    """(qualifier, unit, end of unit) right after a number, or None when no unit follows."""
    i = end + 1 if text[end:end + 1] in _SPACES else end
    qualifier = ""
    unit_end = unit_at(text, i)
    if unit_end is not None:
        unit = text[i:unit_end]
    elif text.startswith(_QUALIFIERS, i) and (unit_end := unit_at(text, i + 1)) is not None:
        qualifier, unit = text[i], text[i + 1:unit_end]
    elif text.startswith("餘", i) and (unit_end := unit_at(text, i + 1)) is not None:
        unit = text[i:unit_end]  # Traditional 餘 kept as written, inside the unit
    elif (bare := _bare_magnitude(text, i)) is not None:
        return "", text[i:bare], bare  # "1.21万亿，", "超630万。": a sum or a count, its noun left out
    elif text.startswith(_QUALIFIERS, i) and (end_of := _magnitude_before_noun(text, i + 1)
                                              or _bare_magnitude(text, i + 1)) is not None:
        return text[i], text[i + 1:end_of], end_of  # "惠及80余万老年人", "超300多万。"
    elif (latin := _latin_end(text, i, False)) is not None:
        return "", text[i:latin], latin  # "总算力7000PF"
    elif text[i:i + 1] in _MEDALS and (i + 1 == len(text) or text[i + 1] in _MEDAL_NEXT):
        end_of = i + 2 if text.startswith("牌", i + 1) else i + 1
        return "", text[i:end_of], end_of  # "获得4金1银1铜"
    elif text.startswith("对", i) and (i + 1 == len(text) or text[i + 1] in _PAIR_NEXT):
        return "", "对", i + 1  # "新结对友好城市4对，"
    else:
        mag = next((g for g in MAGNITUDES if text.startswith(g, i)), "")
        latin = _latin_end(text, i + len(mag), True) if mag else None
        if latin is not None:
            return "", text[i:latin], latin  # "智能算力1.6万P"
        q = bool(mag) and text.startswith(_QUALIFIERS, i + len(mag))
        unit_end = unit_at(text, i + len(mag) + 1) if q else None
        if unit_end is None:
            end_of = _magnitude_before_noun(text, i)
            return None if end_of is None else ("", text[i:end_of], end_of)
        unit = text[i:unit_end]  # "3万余人": the qualifier stays inside, in reading order
    if (unit[-1] + text[unit_end:unit_end + 1]).translate(_TRADITIONAL) in _NOT_UNIT_WORDS:
        return None
    if text.startswith(("（次）", "(次)"), unit_end):
        unit, unit_end = unit + text[unit_end:unit_end + 3], unit_end + 3
    per = _per_end(text, unit_end)
    if per is not None and not unit.endswith(_PERCENT):
        unit, unit_end = unit + text[unit_end:per].replace("／", "/"), per  # "485元/月"
    return qualifier, unit, unit_end


def _latin_end(text: str, i: int, after_magnitude: bool) -> int | None:
    """End of a Latin unit at ``i`` ("PF", "GW"; a bare "P" after a magnitude), or None."""
    if not ("A" <= text[i:i + 1] <= "z"):
        return None
    unit = next((u for u in _LATIN_UNITS if text.startswith(u, i)), "P" if after_magnitude else "")
    end = i + len(unit)
    if not unit or not text.startswith(unit, i) or (text[end:end + 1].isascii() and text[end:end + 1].isalnum()):
        return None
    return end


def _bare_magnitude(text: str, i: int) -> int | None:
    """End of a bare 万, 亿 or 万亿 that ends its clause ("1.21万亿，", "参与人次超630万。")."""
    mag = next((g for g in ("万亿", "亿", "萬億", "億", "万", "萬") if text.startswith(g, i)), "")
    end = i + len(mag)
    if mag and (end == len(text) or text[end] in "，,。；;、）)"):
        return end
    return None


# what may follow 万 or 亿 in a count of people or things ("12万农户"), not words of a bound or a range
_NOT_COUNTED = frozenset("以左的之至到和与及或并是在为每元由被从将已就")


def _magnitude_before_noun(text: str, i: int) -> int | None:
    """End of a 万 or 亿 that counts the noun after it ("带动12万农户", "405万山区群众"), else None.

    No measure word stands between: the noun is the thing counted, and the magnitude is the unit.
    Not before 以上/左右/的 and the like ("5万以上" is a bound, no count).
    """
    if text[i:i + 1] not in ("万", "亿", "萬", "億"):
        return None
    after = text[i + 1:i + 2]
    return i + 1 if "\u4e00" <= after <= "\u9fff" and after not in _NOT_COUNTED else None


def unit_suffix_len(text: str) -> int:
    """Length of the unit or bare magnitude that ends ``text`` ("10万" → 1, "5个百分点" → 4), else 0."""
    for k in range(min(len(text), _LONGEST), 0, -1):
        if text[len(text) - k:] in _UNIT_SET:
            return k
    return len(next((g for g in MAGNITUDES if text.endswith(g)), ""))
