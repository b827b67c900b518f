"""Fields found in text: exactly what a careful clerk marks, and nothing else."""

from __future__ import annotations

import pytest

from model.draft import find_fields
from model.fields import render_text, source_text
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

# An adversarial review on sentences the project had never seen (city bureau 述职报告 /
# 工作总结 / 政府工作报告), each decided by hand the way a careful clerk marks a draft.
REVIEW = [
    # dates and periods are never fields; the statistic beside them is
    ("2023年1—9月，全区完成固定资产投资12.6亿元", [(N, 12.6, "", "亿元", "12.6亿元")]),
    ("1-11月，规上工业增加值同比增长6.5%", [(N, 6.5, "", "%", "6.5%")]),
    ("12月4日组织宪法宣传活动X场", [(N, None, "", "场", "X场")]),
    ("上半年接待游客X万人次", [(N, None, "", "万人次", "X万人次")]),
    ("第三季度新增市场主体XX户", [(N, None, "", "户", "XX户")]),
    ("编制2021—2025年文化发展规划", []),
    ("截至2023年12月底，累计发放创业担保贷款X亿元", [(N, None, "", "亿元", "X亿元")]),
    ("于X月X日召开动员大会", []),  # decided: a blank date is still a date, no field
    ("前10个月，全区完成招商引资X亿元", [(N, None, "", "亿元", "X亿元")]),  # 前10个月 is a period
    # percentage points: the direction stays in the words, the value is positive
    ("同比增长12.3个百分点", [(N, 12.3, "", "个百分点", "12.3个百分点")]),
    ("城镇调查失业率下降0.8个百分点", [(N, 0.8, "", "个百分点", "0.8个百分点")]),
    ("占比提高2个百分点至35%", [(N, 2, "", "个百分点", "2个百分点"), (N, 35, "", "%", "35%")]),
    ("营业收入增长8%至120亿元", [(N, 8, "", "%", "8%"), (N, 120, "", "亿元", "120亿元")]),
    # decided: a range is a norm or a target; neither end is a value alone
    ("每名新录用干部培养期为3—5年", []),
    ("每个网格配备专职网格员10至15人", []),
    ("力争新增2—3家上市企业", []),
    ("全年地区生产总值预期增长5%—6%", []),
    ("吸纳10万至15万人就业", []),
    ("一般事项5至10个工作日办结", []),
    ("由12人增至15人", [(N, 12, "", "人", "12人"), (N, 15, "", "人", "15人")]),  # a change, not a range
    # document numbers, law articles, standards, phones and postcodes
    ("依据《关于加强基层治理的意见》（市政发〔2022〕12号）", []),
    ("认真落实〔2023〕5号文件精神", []),
    ("依照《行政许可法》第3条和《条例》第十二条规定", []),
    ("公文格式执行GB/T 9704-2012标准", []),
    ("监督电话：0731-84561234，邮编410011", []),
    ("开通12345政务服务热线，受理诉求X万件", [(N, None, "", "万件", "X万件")]),
    # plans, slogans and names with numbers in them
    ("编制“十四五”规划和第十四个五年规划纲要，十四五期间", []),
    ("构建“1+N”政策体系", []),
    ("实施“1+3+X”帮扶机制", []),
    ("推出“X+1”服务模式", []),
    ("实施“三个一”工程", []),
    ("实现“两个100%”目标", []),  # a slogan's name, like “3个100”
    ("新增3A级景区2家", [(N, 2, "", "家", "2家")]),  # 3A级 is no field unit
    ("建成5G基站X个", [(N, None, "", "个", "X个")]),
    ("建设G60科创走廊", []),
    ("开展3·15消费者权益日宣传", []),
    ("PM2.5平均浓度为35微克/立方米", [(N, 35, "", "微克/立方米", "35微克/立方米")]),
    ("推行7×24小时不打烊服务", []),
    ("政务大厅提供24小时自助服务", []),
    ("开通企业开办“一窗通”，1个工作日内办结", [(N, 1, "", "个工作日", "1个工作日")]),
    ("提前3天完成任务", [(N, 3, "", "天", "3天")]),  # a span saved is a result, not a service's name
    # money
    ("争取上级资金1.2亿元", [(N, 1.2, "", "亿元", "1.2亿元")]),
    ("拨付专项资金3,456万元", [(N, 3456, "", "万元", "3,456万元")]),
    ("每户发放慰问金人民币500元", [(N, 500, "", "元", "500元")]),
    ("地区生产总值达到1.2万亿元", [(N, 1.2, "", "万亿元", "1.2万亿元")]),
    ("农村居民人均可支配收入达21,356元", [(N, 21356, "", "元", "21,356元")]),
    # decline and negative growth
    ("规上工业增加值下降3.2%", [(N, 3.2, "", "%", "3.2%")]),
    ("增速为-3.2%", [(N, -3.2, "", "%", "-3.2%")]),  # a minus sign after words, not a hyphen
    # fractions, ratios and Chinese numerals
    ("占全市总量的三分之一", []),
    ("超过1/3的行政村实现集体经济增收", []),
    ("按1:1比例落实配套资金", []),
    ("召开专题会议三次", []),  # decided: a count written in Chinese numerals is wording, no field
    ("引进企业十余家", []),
    # ages, ranks, ordinals
    ("为60岁以上老人发放补贴", []),
    ("为年满80周岁的老人发放高龄津贴", []),  # 周岁 is no 周 (week)
    ("年度考核位列全市第1名", []),
    ("营商环境排名全省第3", []),
    ("连续三年进入全省前3名", []),
    ("荣获全省第X名", [(T, None, "", "", "X")]),  # an ordinal still to write
    ("召开第X次全体会议", [(T, None, "", "", "X")]),
    # approximate counts: 余/多 after the number are kept, 近/超/约 before it stay in the text
    ("服务群众近300人", [(N, 300, "", "人", "300人")]),
    ("服务群众超1万人次", [(N, 1, "", "万人次", "1万人次")]),
    ("完成投资约2.5亿元", [(N, 2.5, "", "亿元", "2.5亿元")]),
    ("帮扶困难群众300多人", [(N, 300, "多", "人", "300多人")]),
    ("培训基层干部1000余名", [(N, 1000, "余", "名", "1000余名")]),
    # blanks in many shapes
    ("发放宣传资料X份", [(N, None, "", "份", "X份")]),
    ("救助流浪人员XXX人次", [(N, None, "", "人次", "XXX人次")]),
    ("培训×人次", [(N, None, "", "人次", "×人次")]),
    ("受理投诉××件", [(N, None, "", "件", "××件")]),
    ("整改问题＿＿个", [(N, None, "", "个", "＿＿个")]),
    ("税收收入X.X亿元", [(N, None, "", "亿元", "X.X亿元")]),
    ("完成投资X,XXX万元", [(N, None, "", "万元", "X,XXX万元")]),  # one blank, separator and all
    ("群众满意度达XX%", [(N, None, "", "%", "XX%")]),
    ("接待来访群众X批XX人次", [(N, None, "", "批", "X批"), (N, None, "", "人次", "XX人次")]),
    ("购置X光机2台", [(N, 2, "", "台", "2台")]),  # X光 is a word
    ("3名同志受到表彰", [(N, 3, "", "名", "3名")]),  # a count that opens the text is no rank
    ("X名同志受到表彰", [(N, None, "", "名", "X名")]),
    # masked characters and missing names
    ("加强X组织建设", []),
    ("全X上下齐心协力", []),
    ("在XX同志带领下", [(T, None, "", "", "XX")]),  # decided: two X or more before 同志 is a name to write
    ("在X同志带领下", []),  # one X: a masked character
    ("深入XX社区开展调研", [(T, None, "", "", "XX")]),
    ("到XX镇XX村蹲点", [(T, None, "", "", "XX"), (T, None, "", "", "XX")]),
    ("打造“XX”区域公用品牌", [(T, None, "", "", "XX")]),
    ("承办第XX届农民运动会", [(T, None, "", "", "XX")]),
    ("推进XX局与XX中心合作", [(T, None, "", "", "XX"), (T, None, "", "", "XX")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES + REVIEW)
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
    ("8大类X项民生实事全部完成", "民生实事"),  # the thing counted ends where its predicate begins
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
    ("新增公园X座、累计达到X座", "公园累计"),  # a value compared with the one before: its subject
    ("在XX同志带领下", "姓名"),
    ("推进XX局建设", "单位名称"),
    ("荣获全省第X名", "第X名"),
    ("进入全省前X名", "前X名"),
    ("经济总量跨上X万亿元台阶", "经济总量跨上"),
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
