"""Paragraphs into the right tree: exact trees for the project's own drafts and the seed."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, ROOT
from model.draft.outline import build_report
from model.draft.paragraphs import Para
from model.draft.textdraft import text_paragraphs
from model.numbering import outline_numbers
from model.report import FieldKind, NodeKind, NumberStyle, Report


def _read(path) -> Report:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return build_report(text_paragraphs(text))


def _tree(report: Report) -> list:
    """(number, kind, heading, children) for every node; headings without field tokens."""
    numbers = outline_numbers(report)

    def visit(nodes):
        return [(numbers[id(n)], n.kind.value, re.sub("⟦\\d+⟧", "#", n.heading), visit(n.children))
                for n in nodes]

    return visit(report.nodes)


TYPED_TREE = [
    ("", "preamble", "", []),
    ("一、", "section", "坚持党建统领，筑牢干事创业的思想根基，推动全面从严治党向纵深发展。", [
        ("1.", "item", "理论学习走深走实。", []),
        ("2.", "item", "基层组织持续夯实。", []),
    ]),
    ("二、", "section", "坚持稳产保供，守住粮食安全底线", [
        ("1.", "item", "粮食生产再获丰收。", []),
        ("2.", "item", "农业产业提质增效。", [
            ("一是", "inline", "壮大特色产业。", []),
            ("二是", "inline", "推进品牌建设。", []),
            ("三是", "inline", "拓宽销售渠道。", []),
        ]),
        ("3.", "item", "农村改革稳步推进。", []),
    ]),
    ("", "closing", "", []),
    ("", "closing", "", []),
]


@pytest.mark.parametrize("name", ["draft-typed.txt", "draft-typed-gb18030.txt", "draft-pdf-copy.txt",
                                  "draft-oneline.txt"])
def test_typed_shapes_give_one_tree(name):
    report = _read(FIXTURES / name)
    assert report.title == "2023年度县农业农村局领导班子述职报告"
    assert report.year == 2023
    assert _tree(report) == TYPED_TREE
    assert report.level_styles[:2] == [NumberStyle.CN_COMMA, NumberStyle.ARABIC_DOT]
    fields = [f for _, f in report.all_fields()]
    assert len(fields) == 16 and sum(f.is_blank for f in fields) == 15
    assert [f.kind for f in fields].count(FieldKind.TEXT) == 1  # XX村
    grain = report.nodes[2].children[0]
    assert [(f.unit, f.value, f.precision) for f in grain.fields] == [
        ("万亩", None, 0), ("万吨", None, 1), ("%", None, 0), ("万亩", None, 0), ("%", 100, 0)]
    assert report.nodes[2].children[1].body == ""  # the text before 一是 was empty
    assert report.nodes[3].body.startswith("回顾一年工作")


def test_deep_draft_levels_front_matter_and_glossary():
    report = _read(FIXTURES / "draft-deep.txt")
    assert report.title == "市卫生健康委员会2024年度领导班子工作总结"
    assert report.front_matter == ["来源：市卫生健康委员会办公室", "（2024年12月26日在全委干部职工大会上）",
                                   "市卫生健康委员会党组书记、主任  刘某某", "同志们："]
    assert report.level_styles == [NumberStyle.CN_COMMA, NumberStyle.CN_PAREN, NumberStyle.ARABIC_DOT,
                                   NumberStyle.ARABIC_PAREN]
    assert _tree(report) == [
        ("", "preamble", "", []),
        ("一、", "section", "2024年主要工作", [
            ("（一）", "item", "深化医药卫生体制改革。", [
                ("1.", "subitem", "推进分级诊疗。", [
                    ("（1）", "subitem", "加强基层能力建设。", []),
                    ("（2）", "subitem", "完善家庭医生签约服务。", []),
                ]),
                ("2.", "subitem", "改革公立医院运行机制。", []),
            ]),
            ("（二）", "item", "提升公共卫生服务能力。", [
                ("1.", "subitem", "疾病预防控制。", []),
                ("2.", "subitem", "卫生应急处置。", []),
            ]),
        ]),
        ("二、", "section", "2025年工作安排", [
            ("（一）", "item", "着力推动优质医疗资源扩容下沉。", [
                ("1.", "subitem", "建设区域医疗中心。", []),
                ("2.", "subitem", "深化县域医共体建设。", []),
            ]),
        ]),
        ("", "closing", "", []),
        ("", "closing", "名词解释", []),
    ]
    item = report.nodes[1].children[0]
    assert item.body == "围绕“三医”协同发展和治理，持续推进各项改革任务落地见效。"  # its own paragraph
    glossary = report.nodes[-1]
    assert glossary.fields == [] and glossary.body.startswith("1.“三医”协同")
    fields = {f.source: f for _, f in report.all_fields()}
    assert fields["X万剂次"].unit == "万剂次"
    assert fields["1,280人次"].value == 1280
    assert fields["85.6%"].value == 85.6 and fields["85.6%"].precision == 1
    assert "2次" not in fields  # 每季度…2次: a rule, not a result
    texts = [f.label for _, f in report.all_fields() if f.kind is FieldKind.TEXT]
    assert sorted(texts) == ["医院名称", "街道名称"]


def test_sample_report_parses_to_its_tree():
    report = _read(ROOT / "resources" / "sample-report.txt")
    assert report.year == 2025 and "述职" in report.title
    tree = _tree(report)
    assert [t[1] for t in tree] == ["preamble", "section", "section", "section", "closing", "closing"]
    assert [len(t[3]) for t in tree[1:4]] == [3, 3, 4]
    inline = {(s[0], i[0]): len(i[3]) for s in tree[1:4] for i in s[3] if i[3]}
    assert inline == {("一、", "2."): 3, ("二、", "2."): 3, ("三、", "3."): 3}
    fields = [f for _, f in report.all_fields()]
    assert len(fields) == 54
    assert sum(f.is_blank for f in fields) == 7
    assert sum(f.kind is FieldKind.TEXT for f in fields) == 2
    assert 5000 * 0.95 < len((ROOT / "resources" / "sample-report.txt").read_text("utf-8")) < 7000


def test_seed_report(shared_dir):
    report = _read(shared_dir / "seed" / "report-2022-seed.txt")
    assert report.title == "2022年领导班子述德述职述责述廉述法报告" and report.year == 2022
    kinds = [n.kind for n in report.nodes]
    assert kinds == [NodeKind.PREAMBLE, NodeKind.SECTION, NodeKind.SECTION, NodeKind.SECTION,
                     NodeKind.CLOSING, NodeKind.CLOSING]
    sections = report.nodes[1:4]
    assert [len(s.children) for s in sections] == [3, 3, 6]
    assert all(i.kind is NodeKind.ITEM for s in sections for i in s.children)
    items = sections[2].children
    assert [len(i.children) for i in items] == [0, 0, 4, 0, 4, 3]
    assert [c.heading for c in items[2].children] == [
        "加强食品安全监管。", "加强药品安全监管。", "加强特种设备安全监管。", "加强重点工业产品监管。"]
    assert all(c.kind is NodeKind.INLINE for i in items for c in i.children)
    assert report.nodes[4].body.startswith("回顾一年工作") and report.nodes[5].body.startswith("新的一年")
    assert "回顾一年" not in items[5].children[-1].body  # the closing is not stuck to the last item
    fields = [f for _, f in report.all_fields()]
    # every "X"/"XX" run of the seed (118, counted by hand) is a blank field
    assert sum(f.is_blank for f in fields) == 118
    assert sum(f.kind is FieldKind.TEXT for f in fields) == 6  # XX、XX / “XX” / XX街道 / XX社区 / XX镇
    filled = sorted(f.source for f in fields if not f.is_blank)
    assert filled == ["0.5个工作日", "100%"]  # decided: both are results the clerk updates
    # decided NOT fields: 2050 (a slogan), 120项 (a national list's name), 8大类 (counts the list before),
    # 10部门 (部门 is no unit), 4个环节 (counts the list), 1次 (每月…: a rule), 5万 (a threshold)
    text = "".join(n.body + n.heading for n in report.walk())
    for plain in ("“2050”", "120项“证照分离”", "8大类", "10部门", "4个环节", "走访1次", "5万以上", "12.4宪法"):
        assert plain in text
    assert len({f.fid for f in fields}) == len(fields)


def test_heading_rules():
    paras = [Para("一、总体情况"), Para("1.工作开展顺利。全年完成任务。"),
             Para("2.这是一段很长的没有句号的开头，说明本项工作的基本情况以及今后一个时期的工作打算和主要措施，后面才有句号。正文。"),
             Para("3.单独成行的小标题"), Para("接着的正文第一段。"), Para("接着的正文第二段。")]
    items = build_report(paras).nodes[0].children
    assert (items[0].heading, items[0].body) == ("工作开展顺利。", "全年完成任务。")
    assert items[1].heading == "" and items[1].body.startswith("这是一段很长")
    assert (items[2].heading, items[2].body) == ("单独成行的小标题", "接着的正文第一段。\n接着的正文第二段。")


def test_bold_prefix_is_the_heading():
    para = Para("1.政治学习常抓不懈，成效明显 全年组织学习。", bold_prefix=len("1.政治学习常抓不懈，成效明显"))
    item = build_report([Para("一、党建"), para]).nodes[0].children[0]
    assert (item.heading, item.body) == ("政治学习常抓不懈，成效明显", "全年组织学习。")


def test_spaced_title_salutation_dash_items_and_tables():
    paras = [Para("政 府 工 作 报 告", centered=True), Para("各位代表："), Para("现在，我代表市政府报告工作。"),
             Para("一、2024年工作回顾"), Para("——经济运行稳中向好。地区生产总值增长5.2%。"),
             Para("——民生保障有力有效。新增就业3.1万人。"), Para("指标\t数值", in_table=True),
             Para("二、2025年主要任务"), Para("（一）扩大有效需求。全年安排项目X个。"),
             Para("各位代表！让我们团结奋斗，再创佳绩！")]
    report = build_report(paras)
    assert report.title == "政府工作报告" and report.front_matter == ["各位代表："]
    assert _tree(report) == [
        ("", "preamble", "", []),
        ("一、", "section", "2024年工作回顾", [
            ("——", "item", "经济运行稳中向好。", []), ("——", "item", "民生保障有力有效。", [])]),
        ("二、", "section", "2025年主要任务", [("（一）", "item", "扩大有效需求。", [])]),
        ("", "closing", "", []),
    ]
    dash = report.nodes[1].children[1]
    assert dash.number_style is NumberStyle.DASH and dash.body.endswith("\n指标\t数值")  # table text kept


def test_unnumbered_top_level_headings_are_sections():
    paras = [Para("2024年工作总结"), Para("2024年工作回顾", bold_prefix=8), Para("一、抓党建。全年学习X次。"),
             Para("二、抓业务。全年检查X次。"), Para("2025年工作打算", bold_prefix=8), Para("一、强基础。继续努力。")]
    report = build_report(paras)
    assert report.level_styles[:2] == [NumberStyle.NONE, NumberStyle.CN_COMMA]
    tree = _tree(report)
    assert [(t[0], t[1], t[2], len(t[3])) for t in tree] == [
        ("", "section", "2024年工作回顾", 2), ("", "section", "2025年工作打算", 1)]
    assert [c[0] for c in tree[0][3]] == ["一、", "二、"]


def test_paragraph_level_yishi_and_year_argument():
    paras = [Para("一、主要做法"), Para("一是加强学习。全年学习X次。"), Para("二是改进作风。"), Para("补充说明。")]
    report = build_report(paras, year=2030)
    assert report.year == 2030
    section = report.nodes[0]
    assert [(c.kind, c.heading) for c in section.children] == [
        (NodeKind.INLINE, "加强学习。"), (NodeKind.INLINE, "改进作风。")]
    assert section.children[1].body == "补充说明。"
    assert section.children[0].fields[0].unit == "次"


def test_title_printed_again_below_the_source_line_is_front_matter():
    paras = [Para("2025年某市政府工作报告", centered=True), Para("来源：某市日报"), Para("政府工作报告"),
             Para("各位代表："), Para("现在，我代表市政府报告工作。"), Para("一、2024年工作回顾")]
    report = build_report(paras)
    assert report.front_matter == ["来源：某市日报", "政府工作报告", "各位代表："]
    assert [n.kind for n in report.nodes] == [NodeKind.PREAMBLE, NodeKind.SECTION]


def test_paragraph_starting_with_yishi_splits_at_ershi():
    paras = [Para("一、主要做法"), Para("一是加强学习。全年学习X次。二是改进作风。精简会议。"), Para("三是严格考核。")]
    section = build_report(paras).nodes[0]
    assert [(c.heading, c.body) for c in section.children] == [
        ("加强学习。", "全年学习⟦1⟧。"), ("改进作风。", "精简会议。"), ("严格考核。", "")]


def test_dashed_date_line_is_front_matter_not_a_dash_item():
    paras = [Para("2025年某市政府工作报告"), Para("----2025年1月15日市长在市人民代表大会第三次会议的政府工作报告"),
             Para("来源：某日报"), Para("各位代表："), Para("一、工作回顾")]
    report = build_report(paras)
    assert len(report.front_matter) == 3 and report.front_matter[1] == "来源：某日报"


def test_items_numbered_on_continue_the_open_item_at_its_level():
    """一、 with 1. items, then 一、 with （一）（二）: （二） is the sibling of （一）, not its child."""
    paras = [Para("一、抓党建"), Para("1.学习常态开展。全年学习X次。"), Para("二、抓服务"),
             Para("（一）优化流程"), Para("精简材料。"), Para("（二）延伸触角。新设服务点6个。"),
             Para("（1）在两个街道试行。")]
    report = build_report(paras)
    assert _tree(report)[1] == ("二、", "section", "抓服务", [
        ("（一）", "item", "优化流程", []), ("（二）", "item", "延伸触角。", [("（1）", "subitem", "在两个街道试行。", [])])])


def test_a_restarted_number_keeps_the_level_the_draft_taught():
    """一、→（一）→1. learnt first: a "1." right after an open "1." restarts one level down."""
    paras = [Para("一、情况"), Para("（一）惠民"), Para("1.送戏下乡。"), Para("二、不足"), Para("1.设施短板"),
             Para("1.送戏下乡常态开展。全年送戏X场。")]
    assert _tree(build_report(paras))[1] == (
        "二、", "section", "不足", [("1.", "item", "设施短板", [("1.", "subitem", "送戏下乡常态开展。", [])])])


def test_heading_like_lines_in_a_row_are_a_flattened_table_not_sections():
    paras = [Para("主要指标完成情况如下："), Para("指标"), Para("单位"), Para("完成值"), Para("接待游客"),
             Para("万人次"), Para("X"), Para("12.6"), Para("以上数据由各科室提供。"),
             Para("2024年工作回顾"), Para("一、抓党建"), Para("第一部分", centered=True), Para("第二部分", bold_prefix=4),
             Para("说明。")]
    report = build_report(paras)
    assert [(n.kind, n.heading) for n in report.nodes] == [
        (NodeKind.PREAMBLE, ""), (NodeKind.SECTION, "2024年工作回顾"), (NodeKind.SECTION, "第一部分"),
        (NodeKind.SECTION, "第二部分")]
    assert report.nodes[0].body.split("\n")[1:4] == ["指标", "单位", "完成值"]
    assert report.nodes[0].body.endswith("以上数据由各科室提供。")


# --- draft shapes the builder had never seen (tests/fixtures/shape-*.txt); trees written by hand ---
def _items(numbers: str, kind: str, headings: list[str], children: dict | None = None) -> list:
    children = children or {}
    return [(n, kind, h, children.get(i, [])) for i, (n, h) in enumerate(zip(numbers.split(), headings, strict=True))]


SHAPES = {
    "shape-four-levels.txt": ("市城市管理局领导班子2023年度述职报告", [
        ("", "preamble", "", []),
        ("一、", "section", "履职尽责情况", [
            ("（一）", "item", "市容环境整治。", [
                ("1.", "subitem", "主次干道提档升级。", _items("（1） （2）", "subitem", ["推行“以克论净”。", "开展夜间冲洗。"])),
                ("2.", "subitem", "背街小巷集中整治。", [])]),
            ("（二）", "item", "城市管理执法。",
             _items("1. 2.", "subitem", ["规范执法行为。", "推进柔性执法。"]))]),
        ("二、", "section", "存在的问题", _items("（一） （二）", "item", ["精细化管理水平不高。", "执法队伍能力有待提升。"])),
        ("三、", "section", "下一步打算", [
            ("（一）", "item", "持续推进城市更新。", _items("1. 2.", "subitem", ["抓好市政设施养护。", "推进智慧城管建设。"]))]),
        ("", "closing", "", []), ("", "closing", "", [])]),
    "shape-street.txt": ("XX街道办事处2023年工作总结", [
        ("", "preamble", "", []),
        ("一、", "section", "聚焦基层党建，夯实战斗堡垒", _items("1. 2. 3.", "item", [
            "组织体系更加健全。", "党员教育扎实开展。", "阵地建设持续加强。"], {
            1: _items("一是 二是 三是", "inline", ["集中学习，每月组织一次主题党日。", "专题研讨，围绕中心工作开展研讨#。",
                                               "实践锻炼，组织党员到社区报到#。"]),
            2: _items("（1） （2）", "subitem", ["改造党群服务中心#。", "打造“红色驿站”#。"])})),
        ("二、", "section", "聚焦民生实事，提升群众满意度", _items("1. 2.", "item", [
            "就业帮扶精准有力。", "养老服务不断完善。"], {
            0: _items("一是 二是", "inline", ["开展“春风行动”。", "强化技能培训。"]),
            1: _items("（1） （2）", "subitem", ["推广助餐服务。", "开展上门巡访。"])})),
        ("三、", "section", "聚焦平安建设，守牢安全底线", _items("1、 2、", "item", ["矛盾纠纷化解有力。", "安全生产形势平稳。"])),
        ("", "closing", "", [])]),
    "shape-unnumbered.txt": ("县市场监督管理局2023年度领导班子述职报告", [
        ("", "preamble", "", []),
        ("", "section", "一年来的主要工作", _items("1. 2. 3.", "item", ["优化营商环境。", "守牢安全底线。", "提升质量水平。"])),
        ("", "section", "存在的主要问题", _items("一是 二是", "inline", ["监管力量相对薄弱。", "智慧监管手段不多。"])),
        ("", "section", "下一步工作打算", _items("1. 2.", "item", ["持续深化改革。", "全力保障安全。"])),
        ("", "closing", "", [])]),
    "shape-parts.txt": ("政府工作报告", [
        ("", "preamble", "", []),
        ("", "section", "第一部分\u30002023年工作回顾", [
            ("一、", "item", "经济运行稳中有进", []),
            ("二、", "item", "产业转型步伐加快", _items("（一） （二）", "subitem", ["工业经济提质增效。", "现代农业加快发展。"])),
            ("三、", "item", "民生福祉持续增进", [])]),
        ("", "section", "第二部分\u30002024年主要任务", [
            ("一、", "item", "全力扩大有效投资", _items("（一） （二）", "subitem", ["抓项目建设。", "抓招商引资。"])),
            ("二、", "item", "着力保障改善民生", [])]),
        ("", "closing", "", [])]),
    "shape-dash.txt": ("某市2024年政府工作报告（摘要）", [
        ("一、", "section", "2023年工作回顾", _items("—— —— ——", "item", [
            "经济实力稳步提升。", "创新动能加速集聚。", "人民生活持续改善。"]) + _items("（一） （二） （三）", "item", [
                "坚定不移稳增长。", "坚定不移促改革。", "坚定不移惠民生。"], {
                1: _items("1. 2.", "subitem", ["深化国资国企改革。", "优化营商环境。"])})),
        ("二、", "section", "2024年主要任务", _items("（一） （二）", "item", ["着力扩大内需。", "着力建设现代化产业体系。"])),
        ("", "closing", "", []), ("", "closing", "附：名词解释", [])]),
    "shape-paren-top.txt": ("区教育局党组2023年度工作总结", [("", "preamble", "", [])] + _items(
        "（一） （二） （三） （四）", "section", ["学前教育普惠发展。", "义务教育优质均衡。", "高中教育多样发展。", "教师队伍建设。"], {
            1: _items("1. 2.", "item", ["推进集团化办学。", "落实“双减”政策。"]),
            3: _items("1. 2.", "item", ["开展师德师风专题教育。", "实施“青蓝工程”。"])})
        + [("", "closing", "", []), ("", "closing", "", [])]),
    "shape-mixed.txt": ("县水利局2023年工作总结和2024年工作打算", [
        ("", "preamble", "", []),
        ("一、", "section", "2023年工作开展情况", _items("1. 2. 3.", "item", [
            "防汛抗旱有力有序。", "水利项目加快建设。", "河湖长制落地见效。"])),
        ("二、", "section", "存在的问题", _items("1. 2.", "item", ["工程短板依然存在。", "管护机制有待完善。"])),
        ("三、", "section", "2024年工作打算", _items("（一） （二） （三）", "item", [
            "全力保障防汛安全。", "加快重点工程建设。", "持续改善河湖生态。"], {
            0: _items("1. 2.", "subitem", ["加强监测预警。", "强化队伍建设。"]),
            1: _items("1. 2.", "subitem", ["推进水库除险加固。", "实施农村供水保障工程。"])})),
        ("", "closing", "", []), ("", "closing", "", [])]),
    "shape-ascii.txt": ("镇人民政府领导班子述职述廉报告", [
        ("", "preamble", "", []),
        ("一、", "section", "履职情况", [
            ("（一）", "item", "抓经济发展。", _items("1、 2、", "subitem", ["招商引资成效明显。", "村集体经济不断壮大。"], {
                1: _items("（1） （2）", "subitem", ["发展乡村旅游。", "盘活闲置资产。"])})),
            ("（二）", "item", "抓乡村振兴。", _items("1. 2.", "subitem", ["改善人居环境。", "推进移风易俗。"]))]),
        ("二、", "section", "廉洁自律情况", _items("（一） （二）", "item", ["严格落实中央八项规定精神。", "坚决履行“一岗双责”。"])),
        ("", "closing", "", [])]),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_unseen_draft_shapes_give_the_hand_written_tree(name):
    title, tree = SHAPES[name]
    report = _read(FIXTURES / name)
    assert report.title == title
    assert _tree(report) == tree


def test_shapes_front_matter_closing_signature_and_glossary():
    four = _read(FIXTURES / "shape-four-levels.txt")
    assert four.front_matter == ["——在全市城市管理工作会议上的述职", "各位领导、同志们："]
    assert [n.body for n in four.nodes[-2:]] == ["以上报告，请审议。", "市城市管理局领导班子\n2024年1月10日"]
    assert four.nodes[-1].fields == []  # a date is never a field
    parts = _read(FIXTURES / "shape-parts.txt")
    assert parts.front_matter == ["——2024年1月8日在某县第十八届人民代表大会第三次会议上", "县长  王某某", "各位代表："]
    assert parts.level_styles[:3] == [NumberStyle.NONE, NumberStyle.CN_COMMA, NumberStyle.CN_PAREN]
    dash = _read(FIXTURES / "shape-dash.txt")
    assert dash.nodes[0].body.startswith("过去一年")  # the section's own text, before its —— items
    # decided: the lead-in to the （一） items stays with the last —— item (the only place in reading order)
    assert dash.nodes[0].children[2].body.endswith("一年来，我们主要做了以下工作：")
    assert dash.nodes[-1].body.startswith("1.“稳企十条”") and dash.nodes[-1].fields == []
    paren = _read(FIXTURES / "shape-paren-top.txt")
    assert paren.level_styles[:2] == [NumberStyle.CN_PAREN, NumberStyle.ARABIC_DOT]
    assert paren.nodes[-1].body == "区教育局党组\n二〇二四年一月十日"


def test_first_second_last_paragraphs_are_body_text_not_items():
    """Decided: 首先/其次/最后 are sentences of the item's body, not numbered parts."""
    item = _read(FIXTURES / "shape-unnumbered.txt").nodes[1].children[1]
    assert item.children == []
    assert [line[:2] for line in item.body.split("\n")] == ["首先", "其次", "最后"]


def test_mixed_variants_in_one_list_print_as_one_list():
    """"2、" and "３．" among "1." items are one list: numbered 1. 2. 3., not 1. 1、 2."""
    section = _read(FIXTURES / "shape-street.txt").nodes[1]
    assert all(item.number_style is None for item in section.children)


def test_a_speech_gives_its_parts_and_closing():
    from model.draft import parse_text

    report = parse_text("在全区民政工作会议上的讲话\n同志们：\n下面，我讲三点意见。\n第一，要兜牢底线。救助860人次。\n"
                        "第二，要补齐短板。新建站点12个。\n第三，要提升服务。\n同志们，民生工作责任重大。")
    headings = [n.heading for n in report.nodes]
    assert headings[1:4] == ["第一，要兜牢底线。", "第二，要补齐短板。", "第三，要提升服务。"]
    assert [n.kind.value for n in report.nodes] == ["preamble", "section", "section", "section", "closing"]
    assert report.nodes[1].number_style is NumberStyle.NONE  # printed as spoken, no 一、 added
    assert [f.source for f in report.nodes[1].fields] == ["860人次"]


def test_a_speech_part_out_of_order_is_body_text():
    from model.draft import parse_text

    report = parse_text("讲话\n下面讲两点。\n第二，要落实。\n第一，要学习。")
    assert "第二，要落实。" in report.nodes[0].body and report.nodes[0].kind is NodeKind.PREAMBLE
    assert report.nodes[1].heading == "第一，要学习。"  # the count starts at 第一


def test_lines_broken_inside_numbers_units_and_item_numbers_join():
    from model.draft import parse_text

    report = parse_text("2024年工作总结\n一、主要成效\n完成投资XX\n亿元，增长12.5\n%。\n1.\n特色农业发展。面积\n"
                        "2.3万亩。\n2.\n乡村旅游升温。游客\n15万人次。")
    section = report.nodes[0]
    assert [c.heading for c in section.children] == ["特色农业发展。", "乡村旅游升温。"]
    assert [f.source for _, f in report.all_fields()] == ["XX亿元", "增长12.5%", "2.3万亩", "15万人次"]  # 增长…% is a 同比 phrase
