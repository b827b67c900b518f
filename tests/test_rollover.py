from model.report import Field, FieldKind, Node, NodeKind, Report, token
from model.rollover import roll_over


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
