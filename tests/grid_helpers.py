"""A report in the genre's shape for the 所有指标 tests: two sections, blanks, last year's values."""

from __future__ import annotations

from model.report import Field, FieldKind, Node, NodeKind, Report, token


def grid_report() -> Report:
    """Eight fields: 1–3 in 一、1., 4 in 一、2., 5–6 in 二、1., 7 in 二、2., 8 a name to fill."""
    def num(fid: int, value=None, unit: str = "次", label: str = "", last=None, precision: int = 0) -> Field:
        return Field(fid, FieldKind.NUMBER, value, unit, label=label, source=f"X{unit}", precision=precision,
                     last_value=last)

    study = Node(NodeKind.ITEM, "理论学习常抓不懈。",
                 f"全年集中学习{token(1)}，专题研讨{token(2)}，撰写心得体会{token(3)}。",
                 fields=[num(1, 12, label="集中学习", last=10), num(2, label="专题研讨", last=4),
                         num(3, 30, "篇", "心得体会", last=30)])
    training = Node(NodeKind.ITEM, "干部培训扎实有效。", f"培训干部{token(4)}。",
                    fields=[num(4, label="培训干部", unit="人次", last=80)])
    duty = Node(NodeKind.ITEM, "压实主体责任。", f"签订责任书{token(5)}，约谈提醒{token(6)}。",
                fields=[num(5, 36, "份", "责任书", last=20), num(6, unit="人", label="约谈提醒", last=9)])
    rate = Node(NodeKind.ITEM, "提升办理质量。", f"建议提案办复率{token(7)}，推进{token(8)}建设。",
                fields=[num(7, unit="%", label="办复率", last=97.5, precision=1),
                        Field(8, FieldKind.TEXT, None, label="示范社区名称", source="XX社区")])
    return Report(
        title="2024年领导班子述职述廉报告", year=2024, organisation="示例局",
        nodes=[
            Node(NodeKind.PREAMBLE, "", "一年来，班子团结协作，较好完成了各项任务。"),
            Node(NodeKind.SECTION, "坚持党建引领，筑牢思想根基。", "", children=[study, training]),
            Node(NodeKind.SECTION, "坚持从严治党，锤炼过硬作风。", "", children=[duty, rate]),
        ],
    )


def long_report(items: int, per_item: int = 5) -> Report:
    """A report of ``items`` items under ten sections, each with ``per_item`` blank number fields."""
    fid = 0
    sections = []
    for s in range(10):
        children = []
        for i in range(items // 10):
            fields, parts = [], []
            for k in range(per_item):
                fid += 1
                fields.append(Field(fid, FieldKind.NUMBER, None, "次", label=f"指标{fid}", source="X次",
                                    last_value=fid * 2))
                parts.append(f"开展第{k + 1}类活动{token(fid)}")
            children.append(Node(NodeKind.ITEM, f"第{s + 1}部分第{i + 1}项工作。", "，".join(parts) + "。",
                                 fields=fields))
        sections.append(Node(NodeKind.SECTION, f"第{s + 1}部分。", "", children=children))
    return Report(title="测试报告", year=2024, nodes=sections)
