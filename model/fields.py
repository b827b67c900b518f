"""Fields in text: formatting values and putting them back into text (指标).

What the clerk types (``read_input``) is read here, the same for the fields
table, the grid and the workbook; the change against last year
(``year_change``) is ``model.change``'s, importable from here too.  Finding
fields in a draft's text is the importer's (``model.draft.finder``); the label
rule ``label_before`` stays here because the editor labels a field the same way.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping

# Change, is_rate and year_change are imported from here by the window, the workbook and show --json
from model.change import BLANK, Change, format_value, is_rate, year_change  # noqa: F401
from model.phrases import phrase_text
from model.report import TOKEN_CLOSE, TOKEN_RE, Field, FieldKind, Node, Report, Value

# A field's value has at most 15 whole digits (a float holds them exactly, SQLite's INTEGER more): a
# typed value beyond is refused, and the importer leaves a longer run of digits as text.
MAX_FIGURE_DIGITS = 15


class FieldInputError(ValueError):
    """Text typed for a field that cannot be its value; the message says what to type instead."""


QUALIFIERS = ("余", "多")  # "300余人次": printed between the number and the unit
_TYPED_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def render_field(f: Field, blank: str = BLANK, context: Node | Report | Mapping[int, Field] | None = None) -> str:
    """The field as it reads in the report: value, qualifier and unit ("300余人次").

    A computed phrase (``FieldKind.CHANGE``) reads from its basis field, found in
    ``context`` (the node or the report that holds both, or a mapping fid → Field).
    """
    if f.kind is FieldKind.CHANGE:
        return phrase_text(context, f, blank)
    shown = blank if f.is_blank else format_value(f.value, f.precision)
    if f.kind is FieldKind.TEXT:
        return shown
    return f"{shown}{f.qualifier}{f.unit}"


def render_text(text: str, node: Node, blank: str = BLANK) -> str:
    """``text`` with every field token replaced by the field as it reads."""

    def replace(match) -> str:
        f = node.field_by_id(int(match.group(1)))
        return render_field(f, blank, node) if f else ""

    return TOKEN_RE.sub(replace, text)


def source_text(text: str, node: Node) -> str:
    """``text`` with each token replaced by the field's original characters."""

    def replace(match) -> str:
        f = node.field_by_id(int(match.group(1)))
        return (f.source or render_field(f, context=node)) if f else ""

    return TOKEN_RE.sub(replace, text)


# ---------------------------------------------------------------------------
# What the clerk types (录入规则)
# ---------------------------------------------------------------------------


def read_input(text: str, f: Field) -> tuple[Value, str, int]:
    """(value, qualifier, precision) of what the clerk typed for ``f``: what is typed is what prints.

    "70" is 70 with no 余 whatever the field held before; "95" prints 95 and
    "95.0" prints 95.0 whatever last year's precision; "1,350", full-width
    digits and a trailing unit are read; "" is blank.  Text fields take the text.
    """
    if f.kind is FieldKind.TEXT:
        return (text.strip() or None), "", 0
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    cleaned = cleaned.replace("\u2212", "-")
    cleaned = _strip_unit(cleaned, unicodedata.normalize("NFKC", f.unit).strip())
    qualifier = ""
    if len(cleaned) > 1 and cleaned.endswith(QUALIFIERS):
        cleaned, qualifier = cleaned[:-1], cleaned[-1]
    if cleaned == "":
        return None, "", f.precision
    if not _TYPED_NUMBER_RE.fullmatch(cleaned):
        raise FieldInputError(f"“{text.strip()}”不是数字，请输入如 1234 或 12.5 的数值。 / Not a number.")
    number = float(cleaned)
    if not math.isfinite(number) or abs(number) >= 10 ** MAX_FIGURE_DIGITS:
        raise FieldInputError("数值太大，请检查后重新输入。 / Number out of range.")
    if "." not in cleaned:
        return int(number), qualifier, 0
    return number, qualifier, len(cleaned.split(".", 1)[1])


def _strip_unit(cleaned: str, unit: str) -> str:
    """Typed text without the unit at its end: the whole unit, or its start ("1.2万" for 万人次, "30人" for 人次)."""
    for k in range(len(unit), 0, -1):
        head = unit[:k]
        if cleaned.endswith(head) and cleaned != head:
            rest = cleaned[:-k].rstrip()
            if k == len(unit) or _TYPED_NUMBER_RE.fullmatch(rest.rstrip("".join(QUALIFIERS))):
                return rest
    return cleaned


# ---------------------------------------------------------------------------
# Labels from the words before a number (the importer's rule, also the editor's)
# ---------------------------------------------------------------------------

_CLAUSE_STOPS = "，,。；;：:！!？?、（()）“”\"‘’《》\n"
_LIGHT_VERBS = ("组织开展", "开展", "组织", "进行", "完成", "实现", "其中", "全年", "累计", "共计", "现有", "一年来")
_TRAILING_WORDS = ("和", "及", "的", "保持在", "稳定在", "控制在", "达到", "超过", "共计", "累计", "合计", "总计", "达", "为", "至", "约", "近", "超", "共", "计", "了", "有")
_LABEL_BREAKS = "的在和及与对为将把"
_LIST_MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
LABEL_CHARS = 16


def _clause_start(text: str, pos: int, stops: str) -> int:
    i = pos
    while i > 0 and text[i - 1] not in stops:
        i -= 1
    return i


def label_before(prefix: str) -> str:
    """A short label from the words just before the number, within its clause ("合格率")."""
    label = prefix[_clause_start(prefix, len(prefix), _CLAUSE_STOPS + TOKEN_CLOSE):].strip()
    changed = True
    while changed and label.endswith(_TRAILING_WORDS):  # one test for the usual label no word ends
        changed = False
        for word in _TRAILING_WORDS:
            if label.endswith(word) and len(label) - len(word) >= 2:
                label, changed = label[: -len(word)], True
    for verb in _LIGHT_VERBS:
        at = label.rfind(verb)
        if at >= 0 and len(label) - at - len(verb) >= 2:
            label = label[at + len(verb):]
    return _trim_label(label.lstrip(_LIST_MARKS))


def _trim_label(label: str) -> str:
    """At most LABEL_CHARS characters, cut after a word boundary rather than inside a word."""
    if len(label) <= LABEL_CHARS:
        return label
    cuts = [i for i in range(1, len(label) - 3) if len(label) - i <= LABEL_CHARS
            and (label[i - 1] in _LABEL_BREAKS or label[i] in "占")]
    return label[cuts[0]:] if cuts else label[-LABEL_CHARS:]
