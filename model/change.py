"""How a figure prints and how it changes against last year (同比), below both fields and phrases.

``model.fields`` renders a computed phrase through ``model.phrases``, and the
phrase computes its words with the same arithmetic the fields table's 变化
column uses: that arithmetic lives here, so both import it at the top and
neither imports the other lazily.
"""

from __future__ import annotations

from collections import namedtuple

from model.report import Field, FieldKind, Value

TYPE_CHECKING = False  # as typing.TYPE_CHECKING: Decimal is only named in an annotation here
if TYPE_CHECKING:
    from decimal import Decimal

BLANK = "X"
RATE_UNITS = ("%", "‰")


def format_value(value: Value, precision: int = 0) -> str:
    """A number as the report prints it: 12 → "12", (12.5, 1) → "12.5"; text as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if precision <= 0:
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    return f"{value:.{precision}f}"


class Change(namedtuple("Change", "kind value text")):  # immutable, without loading dataclasses
    """A field's change against last year: ``kind`` percent | points | same | new, its ``value``
    (the percent or the points; None for new) and its words (``text``)."""

    __slots__ = ()


def is_rate(f: Field) -> bool:
    """A rate (比率) changes by 个百分点, not by a relative percent; so does a figure already in 个百分点
    ("高于全国0.2个百分点" one year, 0.5 the next, is 提高0.3个百分点, not 增长150%)."""
    unit = f.unit.replace("％", "%")
    return unit in RATE_UNITS or unit.endswith("百分点")


def year_change(f: Field) -> Change | None:
    """The change against last year, the same words everywhere; None when it cannot be told.

    Rates change by their difference in 个百分点 (a ‰ difference counts a tenth);
    counts and amounts by the relative %; 持平 when equal; 新增 when last year
    was 0 or blank.
    """
    if f.kind is not FieldKind.NUMBER or f.is_blank:
        return None
    try:
        now = float(f.value)
    except (TypeError, ValueError):
        return None
    try:
        before = float(f.last_value)
    except (TypeError, ValueError):
        before = 0.0
    if now == before:
        return Change("same", 0.0, "持平")
    if before == 0:
        return Change("new", None, "新增")
    if is_rate(f):
        points = (now - before) / (10 if f.unit == "‰" else 1)
        return Change("points", round(points, 6), change_words(points, "个百分点", ("提高", "降低")))
    percent = (now - before) / abs(before) * 100.0
    return Change("percent", round(percent, 6), change_words(percent, "%", ("增长", "下降")))


def round_half_up(x: float, precision: int) -> Decimal:
    """四舍五入 as a statistics office rounds, not float's round-half-even."""
    from decimal import ROUND_HALF_UP, Decimal  # loaded by the first change computed: a parse never needs it

    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def change_words(amount: float, unit: str, verbs: tuple[str, str], precision: int | None = None) -> str:
    """"增长12.5%" / "下降3%" / "持平": the verb follows the sign of ``amount`` once rounded.

    With no ``precision`` one decimal is shown, a trailing ".0" dropped, and two
    decimals for a change that would round to nothing.
    """
    if precision is None:
        shown = round_half_up(abs(amount), 1)
        if shown == 0:
            shown = round_half_up(abs(amount), 2)
        text = f"{shown:f}".removesuffix(".0")
    else:
        shown = round_half_up(abs(amount), precision)
        text = f"{shown:f}"
    if shown == 0:
        return "持平"
    return f"{verbs[0] if amount > 0 else verbs[1]}{text}{unit}"
