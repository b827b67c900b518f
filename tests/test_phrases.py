"""Computed phrases (同比): bound to the field they speak of, printed from its two values, always true."""

from __future__ import annotations

import pytest

from model.draft import parse_text
from model.fields import render_field, render_text
from model.phrases import PhraseError, bind_phrase, bind_phrases, phrase_text, unbind_phrase
from model.report import Field, FieldKind, Node, NodeKind, Report, token

DRAFT = """2025年区市场监管局工作总结
一、优化营商环境
1.登记注册更加便利。新登记市场主体2,345户，同比增长12.5%。网上办理率98.5%，较上年提高1.2个百分点。
2.监管执法更加有力。办理案件120件，比上年下降4%。抽检合格率97.2%，同比降低0.3个百分点。
3.其他。服务企业1.2万家，收入同比增长8%。
"""


def _items():
    report = parse_text(DRAFT)
    return report, report.nodes[0].children


def test_phrases_after_a_number_in_the_same_sentence_are_bound_on_import():
    _, (first, second, other) = _items()
    kinds = [(f.kind, f.basis) for f in first.fields]
    assert kinds == [(FieldKind.NUMBER, None), (FieldKind.CHANGE, first.fields[0].fid),
                     (FieldKind.NUMBER, None), (FieldKind.CHANGE, first.fields[2].fid)]
    assert [f.source for f in second.fields if f.kind is FieldKind.CHANGE] == ["下降4%", "降低0.3个百分点"]
    assert "同比⟦" in first.body and "增长⟦" not in first.body  # the verb belongs to the phrase
    assert render_text(first.body, first).startswith("新登记市场主体2345户，同比增长12.5%。")
    # "收入同比增长8%" speaks of the 收入, not of the 企业 before it
    assert [f.kind for f in other.fields] == [FieldKind.NUMBER, FieldKind.NUMBER]


@pytest.mark.parametrize(("now", "before", "text"), [
    (2700, 2400, "增长12.5%"),
    (2280, 2400, "下降5.0%"),
    (2400, 2400, "持平"),
    (2401, 2400, "持平"),  # +0.04% rounds to 0.0 at the phrase's precision
])
def test_a_phrase_is_computed_from_its_basis(now, before, text):
    _, (first, _, _) = _items()
    number, phrase = first.fields[:2]
    number.value, number.last_value = now, before
    assert phrase_text(first, phrase) == text
    assert render_text(first.body, first).startswith(f"新登记市场主体{now}户，同比{text}。")


def test_rates_change_by_points_and_the_verb_follows_the_sign():
    report, (first, second, _) = _items()
    rate, phrase = first.fields[2:]
    rate.value, rate.last_value = 96.5, 97.3
    assert phrase_text(first, phrase) == "降低0.8个百分点"
    case, fall = second.fields[:2]
    case.value, case.last_value = 130, 100
    assert phrase_text(report, fall) == "增长30%"  # written "下降", but the numbers rose


def test_an_imported_phrase_prints_as_written_until_last_year_is_known():
    _, (first, _, _) = _items()
    assert phrase_text(first, first.fields[1]) == "增长12.5%"


def test_a_blank_basis_leaves_the_figure_blank():
    _, (first, _, _) = _items()
    first.fields[0].value = None
    assert phrase_text(first, first.fields[1]) == "增长X%"


def test_the_clerk_binds_and_unbinds():
    node = Node(NodeKind.ITEM, "", f"培训干部{token(1)}，人数增长{token(2)}。",
                fields=[Field(1, value=550, unit="人次", last_value=500), Field(2, value=8, unit="%")])
    report = Report(nodes=[node])
    bind_phrases(report)
    assert node.fields[1].kind is FieldKind.NUMBER  # "人数" stands between: not bound on import
    phrase = bind_phrase(node, 2)
    assert (phrase.kind, phrase.basis) == (FieldKind.CHANGE, 1)
    assert render_text(node.body, node) == "培训干部550人次，人数增长10%。"
    f = unbind_phrase(node, 2)
    assert (f.kind, f.value, f.basis) == (FieldKind.NUMBER, 10, None)
    assert render_text(node.body, node) == "培训干部550人次，人数增长10%。"
    with pytest.raises(PhraseError):
        bind_phrase(node, 1)  # 人次 is no change figure
    with pytest.raises(PhraseError):
        unbind_phrase(node, 2)


def test_a_phrase_finds_its_basis_in_a_mapping_too():
    """The editor's chips hold their fields by id: the phrase computes there as in the export."""
    _, (first, _, _) = _items()
    number, phrase = first.fields[:2]
    number.value, number.last_value = 2700, 2400
    assert render_field(phrase, context={f.fid: f for f in first.fields}) == "增长12.5%"
    assert render_field(phrase) == "增长12.5%"  # no context: as imported
    number.value = 2160
    assert render_field(phrase, context={f.fid: f for f in first.fields}) == "下降10.0%"


def test_a_phrase_is_not_bound_to_a_number_of_the_wrong_kind():
    """A relative % after a rate, or 个百分点 after a count, speaks of something else: left unbound."""
    report = parse_text("2025年工作总结\n一、抓经济\n1.收入增长。财政收入2496万元，完成任务的117.5%，同比增长28.7%。"
                        "培训干部860人次，提高2个百分点。\n")
    assert [f.kind for _, f in report.all_fields()] == [FieldKind.NUMBER] * 5


def test_the_clerk_binds_to_the_number_of_the_right_kind_before_it():
    node = Node(NodeKind.ITEM, "", f"收入{token(1)}，完成任务的{token(2)}，收入增长{token(3)}。",
                fields=[Field(1, value=2496, unit="万元", last_value=1940), Field(2, value=117.5, unit="%"),
                        Field(3, value=28.7, unit="%", precision=1)])
    assert bind_phrase(node, 3).basis == 1  # the amount, not the rate between
    assert render_text(node.body, node) == "收入2496万元，完成任务的117.5%，收入增长28.7%。"


def test_a_phrase_is_never_a_blank_of_its_own():
    """Nothing to type into a phrase: the 未填 counts and filters count its basis field instead."""
    _, (first, _, _) = _items()
    phrase = first.fields[1]
    phrase.value = None
    assert not phrase.is_blank
    first.fields[0].value = None
    assert [f.fid for f in first.fields if f.is_blank] == [first.fields[0].fid]
