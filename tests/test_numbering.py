from model.numbering import chinese_numeral, format_number, outline_numbers, parse_chinese_numeral
from model.report import Node, NodeKind, NumberStyle, Report


def test_chinese_numerals_up_to_hundreds():
    expected = {1: "一", 9: "九", 10: "十", 11: "十一", 19: "十九", 20: "二十", 21: "二十一",
                99: "九十九", 100: "一百", 105: "一百零五", 110: "一百一十", 121: "一百二十一"}
    for n, text in expected.items():
        assert chinese_numeral(n) == text
        assert parse_chinese_numeral(text) == n


def test_parse_rejects_non_numerals():
    assert parse_chinese_numeral("") is None
    assert parse_chinese_numeral("是") is None
    assert parse_chinese_numeral("两") == 2


def test_every_style_prints_as_the_genre_writes_it():
    assert format_number(NumberStyle.CN_COMMA, 21) == "二十一、"
    assert format_number(NumberStyle.CN_PAREN, 3) == "（三）"
    assert format_number(NumberStyle.ARABIC_DOT, 12) == "12."
    assert format_number(NumberStyle.ARABIC_COMMA, 2) == "2、"
    assert format_number(NumberStyle.ARABIC_PAREN, 4) == "（4）"
    assert format_number(NumberStyle.CN_SHI, 10) == "十是"
    assert format_number(NumberStyle.NONE, 1) == ""


def test_numbers_follow_the_tree_and_skip_unnumbered_nodes():
    inline = [Node(NodeKind.INLINE, f"第{i}点。") for i in range(11)]
    item = Node(NodeKind.ITEM, "条目。", children=inline)
    sections = [Node(NodeKind.SECTION, f"第{i}部分") for i in range(11)]
    sections[0].children = [Node(NodeKind.ITEM, "甲。"), item]
    report = Report(level_styles=[NumberStyle.CN_COMMA, NumberStyle.CN_PAREN],
                    nodes=[Node(NodeKind.PREAMBLE, body="开头。"), *sections,
                           Node(NodeKind.CLOSING, body="结尾。")])
    numbers = outline_numbers(report)
    assert numbers[id(report.nodes[0])] == ""
    assert [numbers[id(s)] for s in sections][-2:] == ["十、", "十一、"]
    assert numbers[id(item)] == "（二）"
    assert numbers[id(inline[9])] == "十是"
    assert numbers[id(inline[10])] == "十一是"
    assert numbers[id(report.nodes[-1])] == ""


def test_moving_a_node_renumbers():
    a, b = Node(NodeKind.SECTION, "甲"), Node(NodeKind.SECTION, "乙")
    report = Report(nodes=[a, b])
    assert outline_numbers(report)[id(b)] == "二、"
    report.nodes = [b, a]
    assert outline_numbers(report)[id(b)] == "一、"


def test_a_title_names_its_year_in_arabic_or_in_chinese_numerals():
    from model.numbering import year_in

    assert year_in("2023年工作总结") == 2023
    assert year_in("二〇二四年度局领导班子述职报告") == 2024
    assert year_in("关于二零二五年工作的报告") == 2025
    assert year_in("二○一九年以来的工作") == 2019
    assert year_in("一九九八年防汛工作回顾") == 1998
    assert year_in("十二年规划纲要") is None  # 十二 is not four year digits
    assert year_in("三四五六年") is None        # four digits, but no year of 1900–2099
    assert year_in("工作总结") is None


def test_a_draft_titled_with_a_chinese_year_is_imported_as_that_year_and_rolls_over():
    from model.draft import parse_text
    from model.rollover import roll_over

    report = parse_text("二〇二四年度工作总结\n一、抓学习\n全年开展集中学习12次，二〇二四年完成培训3期。\n")
    assert report.year == 2024
    new = roll_over(report, 2025)
    assert new.title.startswith("二〇二五年")
    assert any("二〇二五年完成培训" in n.body for n in new.walk())
