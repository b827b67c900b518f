"""The clerk's two decisions in the import review: a number becomes a field, a field plain text (审阅).

Both change an unstored node in place and keep its text and fields in step:
the token stands where the field stands, the field's characters come back
exactly when it is made plain.
"""

from __future__ import annotations

import re

from model.draft.finder import _number_value
from model.draft.patterns import FULLWIDTH_DIGITS
from model.draft.rules import whole_digits
from model.draft.units import unit_after
from model.fields import MAX_FIGURE_DIGITS, label_before
from model.report import TOKEN_RE, Field, FieldKind, Node, token

_LEADING_NUMBER = r"-?[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"  # compiled at its first use (a window's)


def field_from_source(source: str, fid: int) -> Field | None:
    """A number field for characters the finder skipped ("2023年", "3名"); None when no number leads them,
    or one longer than any field holds (model.fields.MAX_FIGURE_DIGITS)."""
    m = re.match(_LEADING_NUMBER, source)
    if m is None:
        return None
    raw = m.group().translate(FULLWIDTH_DIGITS)
    if whole_digits(raw.lstrip("-")) > MAX_FIGURE_DIGITS:
        return None
    precision = len(raw.split(".", 1)[1]) if "." in raw else 0
    unit = unit_after(source, m.end())
    qualifier, unit_text = (unit[0], unit[1]) if unit and unit[2] == len(source) else ("", source[m.end():].strip())
    return Field(fid=fid, kind=FieldKind.NUMBER, value=_number_value(raw, precision), unit=unit_text,
                 qualifier=qualifier, source=source, precision=precision)


def make_field(node: Node, attr: str, start: int, end: int, fid: int) -> Field | None:
    """The characters ``start:end`` of the node's ``attr`` ("heading" or "body") become field ``fid``."""
    text = getattr(node, attr)
    f = field_from_source(text[start:end], fid)
    if f is None:
        return None
    f.label = label_before(text[:start]) or "指标"
    setattr(node, attr, text[:start] + token(fid) + text[end:])
    node.fields.append(f)
    _in_text_order(node)
    return f


def make_plain(node: Node, fid: int) -> bool:
    """Field ``fid`` becomes plain text again: its characters where its token stood, the field gone."""
    f = node.field_by_id(fid)
    if f is None:
        return False
    mark = token(fid)
    for attr in ("heading", "body"):
        setattr(node, attr, getattr(node, attr).replace(mark, f.source or ""))
    node.fields = [g for g in node.fields if g.fid != fid]
    return True


def _in_text_order(node: Node) -> None:
    order = {int(m.group(1)): i for i, m in enumerate(TOKEN_RE.finditer(node.heading + "\n" + node.body))}
    node.fields.sort(key=lambda f: order.get(f.fid, len(order)))
