"""Reports built in code for the export tests, the golden files and bench/export.py.

The sentences are the team's own, written in the genre's shape (一、 sections,
1. items with a lead sentence, 一是/二是 run-ins, fields with units).
"""

from __future__ import annotations

from model.report import Field, FieldKind, Node, NodeKind, NumberStyle, Report, token

_TOPICS = [
    ("政务服务", "窗口", "办件"), ("安全生产", "企业", "隐患"), ("市场监管", "商户", "检查"),
    ("环境整治", "街巷", "点位"), ("便民服务", "社区", "事项"), ("基层治理", "网格", "问题"),
]


def _f(fid: int, value, unit: str, label: str, precision: int = 0, qualifier: str = "",
       kind: FieldKind = FieldKind.NUMBER) -> Field:
    return Field(fid, kind, value, unit, label, precision=precision, qualifier=qualifier)


def sample_report() -> Report:
    """A small report touching every kind of node, style and field (the golden file's source)."""
    study = Node(NodeKind.ITEM, "理论学习走深走实。",
                 f"全年召开党组理论学习中心组会议{token(1)}，开展专题研讨{token(2)}，"
                 f"班子成员撰写心得体会{token(3)}。",
                 fields=[_f(1, 12, "次", "中心组学习"), _f(2, None, "次", "专题研讨"),
                         _f(3, 9, "篇", "心得体会")])
    branch = Node(NodeKind.ITEM, "支部建设规范有序。", "按照年初计划推进支部标准化建设。", children=[
        Node(NodeKind.INLINE, "抓好组织生活。", f"主题党日参加率达到{token(4)}。",
             fields=[_f(4, 98.5, "%", "主题党日参加率", precision=1)]),
        Node(NodeKind.INLINE, "抓好结对共建。", f"与{token(5)}签订共建协议，开展志愿服务{token(6)}。",
             fields=[_f(5, None, "", "共建社区", kind=FieldKind.TEXT),
                     _f(6, 300, "人次", "志愿服务", qualifier="余")]),
    ])
    section1 = Node(NodeKind.SECTION, "坚持政治引领，筑牢思想根基", children=[study, branch])
    section2 = Node(NodeKind.SECTION, "坚持服务为民，办好民生实事。",
                    "围绕群众关切的身边事，逐项明确责任人和完成时限。\n年底前各项民生实事全部办结，群众满意度明显提升。",
                    children=[
                        Node(NodeKind.ITEM, "优化办事流程", "精简材料，压缩时限。",
                             number_style=NumberStyle.CN_PAREN),
                        Node(NodeKind.ITEM, "延伸服务触角。", f"新设便民服务点{token(7)}。",
                             number_style=NumberStyle.CN_PAREN,
                             fields=[_f(7, 6, "个", "便民服务点")],
                             children=[Node(NodeKind.SUBITEM, "", "在两个街道试行错时服务。")]),
                    ])
    section3 = Node(NodeKind.SECTION, "坚持从严管理，锻造过硬队伍。", "全年开展廉政谈话，做到提醒在前。")
    return Report(
        title="某区市场服务中心领导班子2023年度述德述职述责述廉述法报告",
        year=2023, organisation="某区市场服务中心",
        nodes=[
            Node(NodeKind.PREAMBLE, "", "2023年，中心领导班子在区委、区政府的领导下，围绕年度目标扎实工作，"
                 "各项任务较好完成。现将一年来的情况报告如下："),
            section1, section2, section3,
            Node(NodeKind.CLOSING, "", "新的一年，我们将对标先进，补齐短板，推动各项工作再上新台阶。"),
        ],
    )


def _item(n: int, topic: tuple[str, str, str], fid: int) -> Node:
    area, place, thing = topic
    body = (f"围绕{area}工作目标，班子成员分片包干，深入{place}一线调研{token(fid)}，"
            f"现场解决{thing}难题{token(fid + 1)}，建立问题、责任、整改三张清单，"
            f"做到件件有回音、事事有着落，相关做法在全区交流推广，群众满意度达到{token(fid + 2)}。")
    return Node(NodeKind.ITEM, f"{area}第{n}项工作稳步推进。", body, fields=[
        _f(fid, 10 + n, "次", f"{area}调研"),
        _f(fid + 1, None if n % 4 == 0 else 20 + n, "个", f"{area}难题"),
        _f(fid + 2, 95 + n % 5 * 0.5, "%", f"{area}满意度", precision=1),
    ])


def long_report(sections: int = 4, items: int = 4) -> Report:
    """A report of several pages: ``sections`` × ``items`` items of about three lines each."""
    report = sample_report()
    fid = 100
    nodes = report.nodes[:1]
    for s in range(sections):
        topic = _TOPICS[s % len(_TOPICS)]
        children = []
        for i in range(items):
            children.append(_item(i + 1, _TOPICS[(s + i) % len(_TOPICS)], fid))
            fid += 3
        if s % 2 == 1:
            children[-1].children = [
                Node(NodeKind.INLINE, f"做实{topic[0]}台账。", "逐月更新，动态销号。"),
                Node(NodeKind.INLINE, f"做优{topic[0]}服务。", "推行清单管理，限时办结。"),
            ]
        nodes.append(Node(NodeKind.SECTION, f"聚焦{topic[0]}，推动工作提质增效", children=children))
    nodes.append(report.nodes[-1])
    report.nodes = nodes
    return report
