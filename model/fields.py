"""Fields in text: formatting values and putting them back into text (指标).

Finding fields in a draft's text also belongs here (``find_fields``).
"""

from __future__ import annotations

from model.report import TOKEN_RE, Field, FieldKind, Node, Value

BLANK = "X"


def format_value(value: Value, precision: int = 0) -> str:
    """A number as the report prints it: 12 → "12", (12.5, 1) → "12.5"; text as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if precision <= 0:
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    return f"{value:.{precision}f}"


def render_field(f: Field, blank: str = BLANK) -> str:
    """The field as it reads in the report: value, qualifier and unit ("300余人次")."""
    shown = blank if f.is_blank else format_value(f.value, f.precision)
    if f.kind is FieldKind.TEXT:
        return shown
    return f"{shown}{f.qualifier}{f.unit}"


def render_text(text: str, node: Node, blank: str = BLANK) -> str:
    """``text`` with every field token replaced by the field as it reads."""

    def replace(match) -> str:
        f = node.field_by_id(int(match.group(1)))
        return render_field(f, blank) if f else ""

    return TOKEN_RE.sub(replace, text)


def source_text(text: str, node: Node) -> str:
    """``text`` with each token replaced by the field's original characters."""

    def replace(match) -> str:
        f = node.field_by_id(int(match.group(1)))
        return (f.source or render_field(f)) if f else ""

    return TOKEN_RE.sub(replace, text)


def change(f: Field) -> float | None:
    """Year-over-year change of a number field in percent, None when it cannot be told."""
    if f.kind is not FieldKind.NUMBER:
        return None
    try:
        now, before = float(f.value), float(f.last_value)
    except (TypeError, ValueError):
        return None
    if before == 0:
        return None
    return (now - before) / abs(before) * 100.0
