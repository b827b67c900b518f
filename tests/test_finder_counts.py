"""Counts the finder once dropped: 万/亿 before the noun they count, and the measure words 列, 款, 大
(sentences of our own; each case fails when its unit or rule is taken out)."""

from __future__ import annotations

import pytest

from model.draft.finder import find_fields, skipped_numbers


def _fields(text: str) -> list[tuple[object, str, str]]:
    return [(f.value, f.unit, f.source) for f in find_fields(text, 1)[1]]


@pytest.mark.parametrize(("text", "fields"), [
    ("今年带动16万农户增收。", [(16, "万", "16万")]),
    ("惠及23.5万山区群众。", [(23.5, "万", "23.5万")]),
    ("吸纳1.2亿城乡居民参保。", [(1.2, "亿", "1.2亿")]),
    ("全年开行货运班列820列，", [(820, "列", "820列")]),
    ("推出文创产品36款。", [(36, "款", "36款")]),
    ("培育6大产业集群。", [(6, "大", "6大")]),
    ("实际使用外资42亿美元。", [(42, "亿美元", "42亿美元")]),
    ("港口吞吐量达到360万标准箱。", [(360, "万标准箱", "360万标准箱")]),
])
def test_a_count_in_wan_or_with_these_measure_words_is_a_field(text, fields):
    assert _fields(text) == fields


@pytest.mark.parametrize(("text", "skipped"), [
    ("人口超过5万以上的镇", [("5", "no_unit")]),  # a bound, no count
    ("项目资金3万由财政承担", [("3", "no_unit")]),  # 万 counts no noun
    ("聚焦“3大工程”建设", [("3大", "slogan")]),  # a slogan's name
    ("新能源、新材料、生物医药3大产业", [("3大", "list")]),  # the size of the list before it
    ("跻身全省前5大企业", [("5大", "rank")]),
    ("依照第2款规定", [("2款", "ordinal")]),
    ("召开3大会", [("3", "no_unit")]),  # 大会 is a word, not 大 the measure word
    ("列车3列入运行图", [("3", "no_unit")]),  # 列入 likewise
])
def test_bounds_names_lists_and_words_stay_out(text, skipped):
    assert _fields(text) == []
    assert [(s.source, s.reason) for s in skipped_numbers(text)] == skipped


def test_the_noun_counted_names_the_field():
    _, [f] = find_fields("新增9万农户用上自来水。", 1)
    assert "农户" in f.label
