"""The JSON of ``parse --json`` / ``show --json``: exactly the shape of design.md."""

from __future__ import annotations

import json

from model.draft.outline import build_report
from model.draft.paragraphs import Para
from model.draft.textdraft import text_paragraphs
from model.report_json import report_to_json

TEXT = """2024年度述职报告
2024年，班子认真履职。
一、抓好党建。
1.学习教育。全年学习X次，参训300余人次，合格率98.5%。一是领学。带头学习。二是督学。在XX社区督导。
新的一年，继续努力。
"""


def test_shape_numbers_text_and_fields():
    data = report_to_json(build_report(text_paragraphs(TEXT)))
    assert set(data) == {"title", "year", "nodes"}
    assert (data["title"], data["year"]) == ("2024年度述职报告", 2024)
    pre, section, closing = data["nodes"]
    assert set(pre) == {"number", "heading", "text", "fields", "skipped", "children"}
    assert (pre["number"], pre["text"]) == ("", "2024年，班子认真履职。")
    assert (section["number"], section["heading"]) == ("一、", "抓好党建。")
    item = section["children"][0]
    assert (item["number"], item["heading"]) == ("1.", "学习教育。")
    assert item["text"] == "全年学习X次，参训300余人次，合格率98.5%。"  # fields shown as in the source
    assert item["fields"] == [
        {"kind": "number", "label": "学习", "value": None, "unit": "次", "source": "X次"},
        {"kind": "number", "label": "参训", "value": 300, "unit": "人次", "source": "300余人次"},
        {"kind": "number", "label": "合格率", "value": 98.5, "unit": "%", "source": "98.5%"},
    ]
    inline = item["children"]
    assert [(c["number"], c["heading"], c["text"]) for c in inline] == [
        ("一是", "领学。", "带头学习。"), ("二是", "督学。", "在XX社区督导。")]
    assert inline[1]["fields"] == [{"kind": "text", "label": "社区名称", "value": None, "unit": "", "source": "XX"}]
    assert (closing["number"], closing["text"], closing["children"]) == ("", "新的一年，继续努力。", [])
    json.dumps(data, ensure_ascii=False)  # plain JSON, nothing else inside


def test_last_value_only_when_asked():
    report = build_report([Para("一、工作。查处案件12起。")])
    report.nodes[0].fields[0].last_value = 9
    assert "last_value" not in report_to_json(report)["nodes"][0]["fields"][0]
    assert report_to_json(report, with_last_value=True)["nodes"][0]["fields"][0]["last_value"] == 9


def test_year_unknown_is_null():
    assert report_to_json(build_report([Para("工作总结"), Para("一、工作。")]))["year"] is None
