"""Fields found in text: exactly what a careful clerk marks, and nothing else."""

from __future__ import annotations

import pytest

from model.fields import find_fields, render_text, source_text
from model.report import FieldKind, Node, token

N, T = FieldKind.NUMBER, FieldKind.TEXT

# text → [(kind, value, qualifier, unit, source)]
CASES = [
    ("开展理论学习X次", [(N, None, "", "次", "X次")]),
    ("累计服务300余人次", [(N, 300, "余", "人次", "300余人次")]),
    ("涉案金额X多万元", [(N, None, "多", "万元", "X多万元")]),
    ("带动消费2,345.6万元", [(N, 2345.6, "", "万元", "2,345.6万元")]),
    ("合格率达９８．５％", [(N, 98.5, "", "%", "９８．５％")]),
    ("同比增长X%", [(N, None, "", "%", "X%")]),
    ("协议引资X.X亿元", [(N, None, "", "亿元", "X.X亿元")]),
    ("检查30 次", [(N, 30, "", "次", "30 次")]),
    ("提高到不低于600元/月", [(N, 600, "", "元/月", "600元/月")]),
    ("走访慰问XX户（次）", [(N, None, "", "户（次）", "XX户（次）")]),
    ("接待游客X万人次", [(N, None, "", "万人次", "X万人次")]),
    ("提高X个百分点", [(N, None, "", "个百分点", "X个百分点")]),
    ("完成xxx件", [(N, None, "", "件", "xxx件")]),
    ("发放××份", [(N, None, "", "份", "××份")]),
    ("整改＿＿处", [(N, None, "", "处", "＿＿处")]),
    ("吸纳3万余人", [(N, 3, "", "万余人", "3万余人")]),
    ("浓度30.5微克/立方米", [(N, 30.5, "", "微克/立方米", "30.5微克/立方米")]),
    ("办复率100%", [(N, 100, "", "%", "100%")]),
    # decided: a time limit the clerk updates each year is a field
    ("在0.5个工作日内办结", [(N, 0.5, "", "个工作日", "0.5个工作日")]),
    ("下沉XX街道XX社区", [(T, None, "", "", "XX"), (T, None, "", "", "XX")]),
    ("在XX镇结对帮扶", [(T, None, "", "", "XX")]),
    ("第XX届运动会", [(T, None, "", "", "XX")]),
    ("指导“XX”注册商标", [(T, None, "", "", "XX")]),
    ("推进XX、XX等五个所建设", [(T, None, "", "", "XX"), (T, None, "", "", "XX")]),
    ("加快推进XX医院建设", [(T, None, "", "", "XX")]),
    ("与X签订共建协议", [(T, None, "", "", "X")]),  # a partner still to name
    ("同X结对共建", [(T, None, "", "", "X")]),
    ("与＿＿签订协议", [(T, None, "", "", "＿＿")]),  # underscores are always a blank
    ("由＿＿牵头", [(T, None, "", "", "＿＿")]),
    # NOT fields
    ("2022年", []),
    ("2023 年", []),
    ("2021年3月5日", []),
    ("1—9月", []),
    ("组织开展12.4宪法宣传日活动", []),
    ("十九届六中全会", []),
    ("“1+6+N”工作体系", []),
    ("“N+1”模式", []),
    ("瞄准企业开办“2050”标准", []),
    ("开展“八五”普法和八五普法", []),
    ("坚决拥护“两个确立”，增强“四个意识”", []),
    ("强化“三品一特”安全监管", []),
    ("X组织", []),  # a masked character, not a blank
    ("全X上下", []),
    ("与X组织合作", []),  # X before an ordinary word: a masked character
    ("习近平总书记第6次亲临", []),  # an ordinal
    ("增速全国第3", []),
    ("7×24小时服务", []),  # a formula
    ("实施“5个100”重点工程", []),  # a slogan's name
    ("建设15分钟社区生活圈", []),  # a span that names a service
    ("出台稳就业“12条”措施", []),  # a policy's name
    ("推动公园24小时开放", []),
    ("课间时长调整到15分钟，办结时间缩短至2小时内", [(N, 15, "", "分钟", "15分钟"), (N, 2, "", "小时", "2小时")]),
    ("实施8大类52项民生实事", [(N, 8, "", "大类", "8大类"), (N, 52, "", "项", "52项")]),
    ("实现一件事一次办", []),
    ("联合10部门开展专项行动", []),  # 部门 is no measure word
    ("在食品生产、流通、餐饮4个环节宣讲", []),  # counts the list before it
    ("分别高于全省1.2个和2.5个百分点", [(N, 2.5, "", "个百分点", "2.5个百分点")]),
    ("普惠贷款、绿色贷款分别增长12.5%、9%", [(N, 12.5, "", "%", "12.5%"), (N, 9, "", "%", "9%")]),
    ("危险化学品等8大类产品", []),  # likewise, after 等
    ("每月入村走访1次", []),  # a rule, not a result
    # decided: the size of a national policy list is the policy's name, not the office's result
    ("严格执行120项“证照分离”改革事项清单", []),
    ("罚没款5万以上的案件", []),  # a threshold, bare 万 is no unit
    ("6100万人民", []),
    ("注册3A级景区", []),
    ("检查X个体工商户", []),  # 个体 is a word, not 个 + 体
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_fields(text, expected):
    out, fields = find_fields(text, 1)
    got = [(f.kind, f.value, f.qualifier, f.unit, f.source) for f in fields]
    assert got == expected
    node = Node(kind=None, fields=fields)  # type: ignore[arg-type]
    assert source_text(out, node) == text  # the source comes back exactly


def test_fids_count_up_and_tokens_replace_the_source():
    out, fields = find_fields("查处案件X起，罚没X万元", 7)
    assert [f.fid for f in fields] == [7, 8]
    assert out == f"查处案件{token(7)}，罚没{token(8)}"


def test_precision_and_integer_values():
    _, fields = find_fields("增长12.50%，达到1,236家", 1)
    assert fields[0].value == 12.5 and fields[0].precision == 2
    assert fields[1].value == 1236 and isinstance(fields[1].value, int) and fields[1].precision == 0
    _, blank = find_fields("协议引资X.X亿元", 1)
    assert blank[0].precision == 1


@pytest.mark.parametrize(("text", "label"), [
    ("局党组中心组全年开展理论学习X次", "理论学习"),
    ("抽检产品X批次，合格率X%", "合格率"),
    ("其中集中研学X次", "集中研学"),
    ("全市现有市场主体X万户", "市场主体"),
    ("有效商标注册量为XX件", "有效商标注册量"),
    ("特种设备核查完成率达X%", "特种设备核查完成率"),
    ("组织专班进驻X个禁毒整治村和X个反诈包保村", "禁毒整治村"),  # words before, after the first field
    ("下沉XX街道", "街道名称"),
    # a bare verb takes the thing counted
    ("全年新增X个口袋公园", "新增口袋公园"),
    ("完成X处老旧厂房改造", "完成老旧厂房改造"),
    # a list count shares the label of what it counts
    ("继续实施8大类X项民生实事", "民生实事"),
    ("8大类X项民生实事全部完成", "民生实事全部"),
    # the second of a pair shares the first one's label
    ("办结率、满意率分别达X%和X%", "满意率分别"),
    ("案件数分别下降X%、X%", "案件数分别下降"),
    ("建成“美丽庭院”X户", "美丽庭院"),
    ("③培训乡村医生X名", "培训乡村医生"),
    ("标准分别提高到X元/月和X元/月", "标准分别提高到"),
    # a number that opens its clause: the words after it, past 以上/的
    ("X%以上的村卫生室接入医保", "村卫生室接入"),
    # a long label is cut at a word boundary, not inside a word
    ("新增国家3A级以上旅游景区X家", "新增国家3A级以上旅游景区"),
    ("战略性新兴产业产值占规模以上工业比重X%", "占规模以上工业比重"),
    ("新增公园X座、累计达到X座", "累计"),
])
def test_labels(text, label):
    _, fields = find_fields(text, 1)
    assert fields[-1].label == label


def test_rendered_text_reads_as_the_report():
    out, fields = find_fields("累计服务300余人次，罚没X多万元", 1)
    node = Node(kind=None, fields=fields)  # type: ignore[arg-type]
    assert render_text(out, node) == "累计服务300余人次，罚没X多万元"
    fields[1].value = 12
    assert render_text(out, node) == "累计服务300余人次，罚没12多万元"
