"""Every number of a text is a field or is skipped for a named reason; each rule on sentences of our own."""

from __future__ import annotations

import pytest

from model.draft.finder import find_fields, plain_numbers, skipped_numbers
from model.draft.rules import REASONS, RULES
from model.report import FieldKind

# text → (source, reason) of the numbers that are no field, in order
SKIPPED = [
    ("2024年，全区工作稳中有进", [("2024年", "year")]),
    ("编制2026—2030年发展规划", [("2026—2030年", "year")]),
    ("二、2024主要成效", [("2024", "year")]),
    ("xxxx年度工作总结", [("xxxx年", "year")]),
    ("20xx年工作要点", [("20xx年", "year")]),
    ("发布时间：2024-03-18 09:12:45", [("2024-03-18 09:12:45", "date")]),
    ("开展3·15宣传", [("3·15", "date")]),
    ("1—6月，收入增长", [("1—6月", "date")]),
    ("3月12日召开动员会", [("3月", "date"), ("12日", "date")]),
    ("建成5G基站", [("5", "code")]),
    ("执行GB/T 9704标准", [("9704", "code")]),
    ("构建“1+N”体系", [("1+N", "formula")]),
    ("提供7×24小时服务", [("7×24小时", "formula")]),
    ("考核位列全省第2名", [("2名", "ordinal")]),
    ("进入前5名", [("5名", "rank")]),
    ("入选全国百强县前10个月", [("10个月", "rank")]),
    ("跻身全国50强", [("50强", "rank")]),
    ("召开第6次会议", [("6次", "ordinal")]),
    ("举办建校60周年庆典", [("60周年", "anniversary")]),
    ("为70岁以上老人体检", [("70岁", "age")]),
    ("印发〔2024〕8号文件", [("2024〕", "document"), ("8号", "document")]),
    ("索引号：00112233", [("00112233", "document")]),
    ("咨询电话0571-87654321", [("0571-87654321", "phone")]),
    ("开通12345热线", [("12345", "phone")]),
    ("推广“4321”工作法", [("4321", "slogan")]),
    ("出台“15条”硬措施", [("15条", "slogan")]),
    ("落实“22条惠企举措”", [("22条", "slogan")]),
    ("实施“2个100”行动", [("2个100", "slogan")]),
    ("执行85项“放管服”改革事项", [("85项", "name")]),
    ("建设10分钟就医圈", [("10分钟", "name")]),
    ("实施年产800吨扩建项目", [("800吨", "name")]),
    ("建成G15沿线绿道", [("15", "code")]),
    ("配强第一书记每村2至3名", [("2至3名", "range")]),
    ("每季度开展督查1次", [("1次", "rule")]),
    ("食品、药品、化妆品3个领域", [("3个", "list")]),
    ("纸张等6大类物资", [("6大类", "list")]),
    ("对不满5名党员的支部", [("5名", "threshold")]),
    ("[全文共2800字]", [("2800", "no_unit")]),
    ("2.\n抓好安全", [("2.", "item")]),
    ("X组织建设", [("X", "mask")]),
    ("建成2号线东段", [("2号线", "name")]),
    ("投用3000吨级泊位", [("3000吨级", "name")]),
    ("推行1对1帮扶", [("1", "no_unit"), ("1", "no_unit")]),
]

# sentences whose numbers are fields, with (value, unit) each
FIELDS = [
    ("组建了商会、协会等行业组织11家", [(11, "家")]),      # 等 before a count no longer drops it
    ("联合公安、交通等5个部门开展整治", [(5, "个")]),
    ("受到省委、省政府通报表扬4次", [(4, "次")]),          # the verb stands between the list and the count
    ("审议地方性法规14部", [(14, "部")]),
    ("修复山塘3口", [(3, "口")]),
    ("民生支出2.36万亿，增长5%", [(2.36, "万亿"), (5, "%")]),  # 万亿 without 元
    ("開展活動32場，服務群眾900餘人次，建立8個羣", [(32, "場"), (900, "餘人次"), (8, "個")]),
    ("新增就业不少于12万人", [(12, "万人")]),              # a target, not a threshold
    ("建成6个“满意窗口”和2个驿站", [(6, "个"), (2, "个")]),
    ("年度投资总额为38", [(38, "")]),                      # cut off by the end of an excerpt
    ("全市算力达到1.2万P、存储容量60PB", [(1.2, "万P"), (60, "PB")]),  # Latin units
    ("服务群众超260万。", [(260, "万")]),                    # bare 万 ending its clause
    ("惠及30余万困难群众", [(30, "万")]),
    ("运动会上获得3金2银", [(3, "金"), (2, "银")]),
    ("新结对友好学校6对，", [(6, "对")]),
    ("建成12个“红色驿站”示范点", [(12, "个")]),              # a count of a quoted kind, not a policy
    ("培训电工、焊工120人", [(120, "人")]),                  # not the size of the two-item list
    ("每周一调度推进15个重点项目", [(15, "个")]),            # the rule is 一调度, the count a result
    ("居民消费价格指数为102.1", [(102.1, "")]),             # an index has no unit
]

BLANKS = [
    ("走访企业*家，办结**.*件", [(FieldKind.NUMBER, "*家"), (FieldKind.NUMBER, "**.*件")]),
    ("完成xxxxxx件", [(FieldKind.NUMBER, "xxxxxx件")]),
    ("**中学、***村完小合并", [(FieldKind.TEXT, "**"), (FieldKind.TEXT, "***")]),
    ("是xx在困难中奋进的一年", [(FieldKind.TEXT, "xx")]),
    ("打造“xx模式”", [(FieldKind.TEXT, "xx")]),
    ("**分校投入使用", [(FieldKind.TEXT, "**")]),
    ("**时代科技公司落户", [(FieldKind.TEXT, "**")]),
]


# a bound that defines the things another number of the clause counts: the bound is skipped, the count a field
BOUNDS = [
    ("新开工5亿元以上工业项目36个", "5亿元以上", [(36, "个")]),
    ("主城区300米内公交站点覆盖率95%", "300米内", [(95, "%")]),
    ("培育12个营收过5000万元的龙头企业", "5000万元", [(12, "个")]),
]


@pytest.mark.parametrize(("text", "bound", "expected"), BOUNDS)
def test_a_bound_of_the_things_counted_is_skipped_and_the_count_kept(text, bound, expected):
    assert [(s.source, s.reason) for s in skipped_numbers(text)] == [(bound, "threshold")]
    assert [(f.value, f.unit) for f in find_fields(text, 1)[1]] == expected


def test_a_bound_with_no_count_beside_it_is_a_result():
    assert [(f.value, f.unit) for f in find_fields("经济总量迈上3万亿元以上的新台阶", 1)[1]] == [(3, "万亿元")]


@pytest.mark.parametrize(("text", "expected"), SKIPPED)
def test_each_skipped_number_has_its_reason(text, expected):
    assert [(s.source, s.reason) for s in skipped_numbers(text)] == expected
    _, fields = find_fields(text, 1)
    assert not [f for f in fields if f.kind is FieldKind.NUMBER and not f.is_blank]


@pytest.mark.parametrize(("text", "expected"), FIELDS)
def test_counts_the_old_rules_dropped_are_fields(text, expected):
    _, fields = find_fields(text, 1)
    assert [(f.value, f.unit) for f in fields] == expected
    assert skipped_numbers(text) == []


@pytest.mark.parametrize(("text", "expected"), BLANKS)
def test_blanks_of_stars_and_long_x_runs(text, expected):
    _, fields = find_fields(text, 1)
    assert [(f.kind, f.source) for f in fields] == expected


def test_nine_stars_over_a_name_are_a_site_mask_not_a_blank():
    _, fields = find_fields("*********到基层调研", 1)
    assert fields == []


def test_every_reason_has_a_chinese_name_and_every_rule_a_docstring():
    reasons = {r for _, e in SKIPPED for _, r in e}
    assert reasons <= set(REASONS)
    assert all(REASONS[r] and not REASONS[r].isascii() for r in REASONS)
    assert all(rule.__doc__ for _, rule, _ in RULES)
    assert {needs for _, _, needs in RULES} == {"any", "unit", "none"}
    assert len({name for name, _, _ in RULES}) == len(RULES)


def test_every_arabic_number_is_a_field_or_skipped():
    text = "2024年3月，全市新增企业1200家、增长8.5%，第2季度排名第3，“1+1”模式，每月巡查2次，12.5万元，5G"
    out, fields = find_fields(text, 1)
    sources = [f.source for f in fields] + [s.source for s in skipped_numbers(text)]
    digits = sum(ch.isdigit() for ch in text)
    assert sum(ch.isdigit() for s in sources for ch in s) == digits


def test_plain_numbers_reads_tokens_as_their_sources_and_reports_none_of_them():
    out, fields = find_fields("高于全省2.2个和3.7个百分点，2024年新增8家", 1)
    assert plain_numbers(out, fields) == [("2.2个", "range"), ("2024年", "year")]
    out, _ = find_fields("2024年新增8家", 1)
    assert plain_numbers(out) == [("2024年", "year")]  # without the fields a token is no number


def test_a_field_made_plain_text_is_reported_as_manual():
    out, fields = find_fields("全年走访96次，2024年", 1)
    plain = out.replace("⟦1⟧", "96次")  # the clerk made the field plain text
    assert plain_numbers(plain) == [("96次", "manual"), ("2024年", "year")]


def test_parse_json_gives_each_node_its_skipped_numbers():
    from model.draft import parse_text
    from model.report_json import report_to_json

    data = report_to_json(parse_text("2025年度工作总结\n一、基本情况\n2024年，全镇新增企业36家，排名全市第2。"))
    node = data["nodes"][0]
    assert [f["source"] for f in node["fields"]] == ["36家"]
    assert node["skipped"] == [{"source": "2024年", "reason": "year"}, {"source": "2", "reason": "ordinal"}]


@pytest.mark.parametrize(("text", "label"), [
    # a count after another field's list names its own thing, not the previous label
    ("空气优良天数比例92%、36个重点河段水质达标", "重点河段水质"),
    ("分别增长6%和8%", "分别增长"),  # a second value without words shares the first one's label
    ("打造4个“红色驿站”", "打造红色驿站"),
    ("围绕8个专题开展宣讲", "围绕专题开展宣讲"),
    ("重点任务（1200项）", "重点任务"),
    ("补助标准由500 元/人/月提高为520 元/人/月", "补助标准"),
    # the audit's common causes of bad labels (notes of the "audit" branch)
    ("细颗粒物浓度30微克/立方米、下降5%", "细颗粒物浓度下降"),  # compared with the value before
    ("新增投资10亿元以上项目12个、比上年增加3个", "项目比上年增加"),
    ("新增城东客运枢纽、城西客运枢纽2个综合服务站", "新增综合服务站"),  # the kind, not the last item
    ("贡献了全区70%的产值和30%左右的税收", "税收"),
    ("改造危房\n35户", "改造危房"),  # a wrapped line
    ("医护比提高到1:1.2", "医护比提高到"),  # the second side of a ratio
    ("研发经费占比升至3.1%", "研发经费占比"),  # no 升 left of 升至
    ("6000万群众倍感振奋", "群众"),  # the thing counted ends where its predicate begins
    ("旅游收入\t亿元\t12.6", "旅游收入（亿元）"),  # a table's row and unit
])
def test_labels_name_the_thing_counted(text, label):
    _, fields = find_fields(text, 1)
    assert fields[-1].label == label


@pytest.mark.parametrize("name", ["draft-typed.txt", "draft-deep.txt", "draft-oneline.txt", "draft-pdf-copy.txt",
                                  "typed_numbers.docx", "numbering_variety.docx", "shape-street-auto.docx"])
def test_right_after_import_every_skipped_number_has_a_rule_reason(name):
    """The reasons parse --json reports are the import's own: none reads "manual" before the clerk acts."""
    from conftest import FIXTURES
    from model.draft import read_draft
    from model.report_json import report_to_json

    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n["children"])

    reasons = [s["reason"] for n in walk(report_to_json(read_draft(FIXTURES / name))["nodes"]) for s in n["skipped"]]
    assert "manual" not in reasons and set(reasons) <= set(REASONS)
