"""What the clerk types is what prints (read_input), and the change against last year (year_change)."""

from __future__ import annotations

import pytest

from model.fields import Change, FieldInputError, read_input, render_field, year_change
from model.report import Field, FieldKind


def number(**kw) -> Field:
    return Field(1, **{"unit": "人次", **kw})


@pytest.mark.parametrize(("text", "expected"), [
    ("70", (70, "", 0)),
    ("95", (95, "", 0)),
    ("95.0", (95.0, "", 1)),
    ("1,350", (1350, "", 0)),
    ("１，３５０．５", (1350.5, "", 1)),
    ("1350余", (1350, "余", 0)),
    ("1350多人次", (1350, "多", 0)),
    ("12人次", (12, "", 0)),
    ("12人", (12, "", 0)),  # the start of the unit is read too
    (" -3.25 ", (-3.25, "", 2)),
    ("", (None, "", 0)),
])
def test_read_input(text, expected):
    got = read_input(text, number())
    assert got == expected and type(got[0]) is type(expected[0])


def test_what_is_typed_is_what_prints():
    f = number(value=1350, qualifier="余", last_value=1200)
    f.value, f.qualifier, f.precision = read_input("70", f)
    assert render_field(f) == "70人次"  # not 70余人次
    rate = Field(2, unit="%", precision=1, last_value=90.8)
    rate.value, rate.qualifier, rate.precision = read_input("95", rate)
    assert render_field(rate) == "95%"  # not 95.0%
    rate.value, rate.qualifier, rate.precision = read_input("95.0", rate)
    assert render_field(rate) == "95.0%"


@pytest.mark.parametrize("text", ["abc", "12次半", "1e5", "--3", "余"])
def test_read_input_refuses_what_is_no_number(text):
    with pytest.raises(FieldInputError, match="不是数字"):
        read_input(text, number())


def test_read_input_of_a_text_field_takes_the_text():
    f = Field(1, FieldKind.TEXT)
    assert read_input(" 城西社区 ", f) == ("城西社区", "", 0)
    assert read_input("", f) == (None, "", 0)


@pytest.mark.parametrize(("unit", "now", "before", "expected"), [
    ("件", 450, 400, Change("percent", 12.5, "增长12.5%")),
    ("件", 300, 400, Change("percent", -25.0, "下降25%")),
    ("亿元", 182.7, 164.3, Change("percent", 11.199026, "增长11.2%")),
    ("%", 98.5, 97.3, Change("points", 1.2, "提高1.2个百分点")),
    ("%", 95, 96, Change("points", -1.0, "降低1个百分点")),
    ("‰", 3.2, 5.2, Change("points", -0.2, "降低0.2个百分点")),
    ("个百分点", 0.5, 0.2, Change("points", 0.3, "提高0.3个百分点")),  # not 增长150%
    ("件", 400, 400, Change("same", 0.0, "持平")),
    ("%", 90.8, 90.8, Change("same", 0.0, "持平")),
    ("件", 12, 0, Change("new", None, "新增")),
    ("件", 12, None, Change("new", None, "新增")),
])
def test_year_change(unit, now, before, expected):
    assert year_change(Field(1, value=now, unit=unit, last_value=before)) == expected


def test_no_change_for_blank_or_text_fields():
    assert year_change(Field(1, value=None, unit="件", last_value=3)) is None
    assert year_change(Field(1, FieldKind.TEXT, value="城东", last_value="城西")) is None


def test_a_tiny_change_is_not_called_flat():
    assert year_change(Field(1, value=10004, unit="人", last_value=10000)).text == "增长0.04%"


def test_a_unit_with_its_magnitude_may_be_typed_short():
    assert read_input("1.2万", Field(1, unit="万人次")) == (1.2, "", 1)
    assert read_input("1,865.4万人次", Field(1, unit="万人次")) == (1865.4, "", 1)
    assert read_input("300余万人次", Field(1, unit="万人次")) == (300, "余", 0)
