from model.fields import render_text
from model.report import Field, FieldKind, Node, NodeKind, Report, token
from model.rollover import roll_over, rollover_plan


def test_rollover_moves_values_to_last_year_and_the_year_on():
    node = Node(NodeKind.ITEM, "2025年学习不断深入。", f"开展学习{token(1)}，覆盖{token(2)}，对标2035年目标。",
                fields=[Field(1, value=24, unit="次"), Field(2, FieldKind.TEXT, value="东风社区")], id=7)
    report = Report(title="2025年述职报告", year=2025, nodes=[node], id=3)
    new = roll_over(report, 2026)
    assert (new.title, new.year, new.id) == ("2026年述职报告", 2026, None)
    item = new.nodes[0]
    assert item.id is None
    assert item.heading == "2026年学习不断深入。"
    assert "2035年目标" in item.body
    number, name = item.fields
    assert (number.value, number.last_value) == (None, 24)
    assert (name.value, name.last_value) == ("东风社区", "东风社区")
    assert report.nodes[0].fields[0].value == 24  # the old report is untouched


def _history_report() -> Report:
    body = ("2022年，全局完成目标。2021年以来累计建成书房30个，2019年至2022年连续获评先进。"
            "“2022年度最美窗口”称号，《2022年工作要点》印发，2022年3月召开大会，"
            f"2022年底登记{token(1)}，2022年度考核优秀，2022年至2025年规划。")
    node = Node(NodeKind.ITEM, "2022年学习不断深入。", body, fields=[Field(1, value=1236, unit="家")], id=5)
    return Report(title="2022年工作总结", year=2022, nodes=[node], id=9)


def test_the_reports_own_year_moves_but_history_stays():
    new = roll_over(_history_report(), 2023)
    assert new.title == "2023年工作总结" and new.nodes[0].heading == "2023年学习不断深入。"
    assert new.nodes[0].body == (
        "2023年，全局完成目标。2021年以来累计建成书房30个，2019年至2022年连续获评先进。"
        "“2022年度最美窗口”称号，《2022年工作要点》印发，2022年3月召开大会，"
        f"2023年底登记{token(1)}，2023年度考核优秀，2022年至2025年规划。")


def test_the_plan_lists_every_replacement_and_only_accepted_ones_apply():
    report = _history_report()
    plan = rollover_plan(report, 2023)
    assert [(r.index, r.where, r.node_id, r.before, r.after) for r in plan] == [
        (0, "title", 9, "2022", "2023"), (1, "heading", 5, "2022", "2023"),
        (2, "body", 5, "2022", "2023"), (3, "body", 5, "2022", "2023"), (4, "body", 5, "2022", "2023")]
    third = plan[3]
    assert report.nodes[0].body[third.offset:third.offset + 5] == "2022年" and "1236家" in third.context
    new = roll_over(report, 2023, accepted={0, 3})
    assert new.nodes[0].heading == "2022年学习不断深入。"
    assert new.nodes[0].body.startswith("2022年，") and "2023年底登记" in new.nodes[0].body
    assert "2022年度考核优秀" in new.nodes[0].body
    assert report.title == "2022年工作总结"  # planning and rolling over leave the old report alone


def test_rollover_keeps_last_years_text_and_the_phrase_bound():
    node = Node(NodeKind.ITEM, "2022年登记更便利。", f"登记{token(1)}，同比{token(2)}。",
                fields=[Field(1, value=450, unit="户", last_value=400, note="已核"),
                        Field(2, FieldKind.CHANGE, value=12.5, unit="%", source="增长12.5%", precision=1, basis=1)])
    new = roll_over(Report(title="2022年总结", year=2022, nodes=[node]), 2023)
    item = new.nodes[0]
    assert (item.last_heading, item.last_body) == ("2022年登记更便利。", node.body)
    number, phrase = item.fields
    assert (phrase.kind, phrase.basis, number.note) == (FieldKind.CHANGE, 1, "")
    assert (phrase.value, phrase.last_value) == (None, 12.5)  # last year's phrase as it printed (450 / 400)
    number.value = 360
    assert render_text(item.body, item) == "登记360户，同比下降20.0%。"
    assert node.last_heading is None  # the old report gains nothing


def test_next_years_plans_move_with_the_report():
    report = Report(title="2022年工作总结和2023年工作安排", year=2022,
                    nodes=[Node(NodeKind.CLOSING, "", "2023年，我们将继续努力，2022年至2023年的规划不变。")])
    new = roll_over(report, 2023)
    assert new.title == "2023年工作总结和2024年工作安排"
    assert new.nodes[0].body == "2024年，我们将继续努力，2022年至2023年的规划不变。"


def test_last_years_phrase_is_remembered_as_it_printed():
    node = Node(NodeKind.ITEM, "", f"案件{token(1)}，比上年{token(2)}。",
                fields=[Field(1, value=300, unit="件", last_value=400),
                        Field(2, FieldKind.CHANGE, value=4, unit="%", source="下降4%", basis=1)])
    [phrase] = roll_over(Report(year=2022, nodes=[node]), 2023).nodes[0].fields[1:]
    assert phrase.last_value == -25.0  # computed from 300 and 400, not the 4 % typed two years ago


def test_a_draft_without_a_known_year_is_taken_as_last_years():
    report = Report(title="区民政局工作总结", nodes=[Node(NodeKind.PREAMBLE, "", "2024年，全局扎实工作。2021年以来成效明显。")])
    new = roll_over(report, 2025)
    assert new.title == "2025年区民政局工作总结"
    assert new.nodes[0].body == "2025年，全局扎实工作。2021年以来成效明显。"


# -- years written in Chinese numerals (二〇二三年) move and stay exactly as Arabic ones do ----------------

_CN = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))


def _in_chinese(text: str) -> str:
    """Every four-digit year of ``text`` written in Chinese numerals, as some offices write them."""
    import re

    return re.sub(r"(?<![0-9])[12][0-9]{3}(?![0-9])", lambda m: "".join(_CN[d] for d in m.group()), text)


def test_chinese_numeral_years_roll_over_as_arabic_ones_do():
    arabic = _history_report()
    chinese = _history_report()
    chinese.title = _in_chinese(chinese.title)
    node = chinese.nodes[0]
    node.heading, node.body = _in_chinese(node.heading), _in_chinese(node.body)
    assert "二〇二二年，全局完成目标" in node.body
    rolled, expected = roll_over(chinese, 2023), roll_over(arabic, 2023)
    assert rolled.title == _in_chinese(expected.title) == "二〇二三年工作总结"
    assert rolled.nodes[0].heading == _in_chinese(expected.nodes[0].heading)
    assert rolled.nodes[0].body == _in_chinese(expected.nodes[0].body)
    assert [(r.before, r.after) for r in rollover_plan(chinese, 2023)] == [("二〇二二", "二〇二三")] * 5


def test_a_chinese_year_keeps_its_own_zero_and_history_stays():
    body = ("二〇二三年，全镇推进乡村振兴。二零二三年底村村通客车，二○二三年度考评第一。二〇二〇年以来新修道路三条，"
            "二〇二一年至二〇二三年连续达标，“二〇二三年度乡村之星”评选，《二〇二三年农业要点》印发，"
            f"二〇二三年六月召开现场会，二〇二三年十二月通过验收，新建基地{token(1)}，二〇二三—二〇二六年规划，"
            "二〇二四年工作打算。")
    node = Node(NodeKind.ITEM, "", body, fields=[Field(1, value=4, unit="个")])
    new = roll_over(Report(title="二零二三年工作总结", year=2023, nodes=[node]), 2024)
    assert new.title == "二零二四年工作总结"
    assert new.nodes[0].body == (
        "二〇二四年，全镇推进乡村振兴。二零二四年底村村通客车，二○二四年度考评第一。二〇二〇年以来新修道路三条，"
        "二〇二一年至二〇二三年连续达标，“二〇二三年度乡村之星”评选，《二〇二三年农业要点》印发，"
        f"二〇二三年六月召开现场会，二〇二三年十二月通过验收，新建基地{token(1)}，二〇二三—二〇二六年规划，"
        "二〇二五年工作打算。")


def test_a_chinese_year_carries_into_the_next_decade_in_its_own_characters():
    node = Node(NodeKind.CLOSING, "", "二零二九年圆满收官，二○二九年度评优，二〇三〇年再出发。")
    new = roll_over(Report(title="二〇二九年总结", year=2029, nodes=[node]), 2030)
    assert new.title == "二〇三〇年总结"
    assert new.nodes[0].body == "二零三零年圆满收官，二○三○年度评优，二〇三一年再出发。"


def test_a_chinese_plan_can_be_accepted_line_by_line():
    report = Report(title="二〇二四年述职报告", year=2024,
                    nodes=[Node(NodeKind.ITEM, "二〇二四年学习深入。", "二〇二四年完成培训。", id=4)])
    plan = rollover_plan(report, 2025)
    assert [(r.where, r.before, r.after) for r in plan] == [
        ("title", "二〇二四", "二〇二五"), ("heading", "二〇二四", "二〇二五"), ("body", "二〇二四", "二〇二五")]
    assert report.nodes[0].body[plan[2].offset:plan[2].offset + 5] == "二〇二四年"
    new = roll_over(report, 2025, accepted={0, 2})
    assert (new.title, new.nodes[0].heading, new.nodes[0].body) == (
        "二〇二五年述职报告", "二〇二四年学习深入。", "二〇二五年完成培训。")


def test_a_draft_without_a_known_year_keeps_its_chinese_year_in_the_title():
    report = Report(title="二〇二四年区民政局工作总结", nodes=[Node(NodeKind.PREAMBLE, "", "二〇二四年，全局扎实工作。")])
    new = roll_over(report, 2025)
    assert new.title == "二〇二五年区民政局工作总结"  # not "2025年二〇二五年…"
    assert new.nodes[0].body == "二〇二五年，全局扎实工作。"
