"""Fields in text: formatting values and putting them back into text (指标).

Finding fields in a draft's text is the importer's (``model.draft.finder``); the
label rule ``label_before`` stays here because the editor labels a field the
same way.
"""

from __future__ import annotations

from model.report import TOKEN_CLOSE, TOKEN_RE, Field, FieldKind, Node, Value

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


# ---------------------------------------------------------------------------
# Labels from the words before a number (the importer's rule, also the editor's)
# ---------------------------------------------------------------------------

_CLAUSE_STOPS = "，,。；;：:！!？?、（()）“”\"‘’《》\n"
_LIGHT_VERBS = ("组织开展", "开展", "组织", "进行", "完成", "实现", "其中", "全年", "累计", "共计", "现有", "一年来")
_TRAILING_WORDS = ("和", "及", "的", "保持在", "稳定在", "控制在", "达到", "超过", "共计", "累计", "合计", "总计", "达", "为", "至", "约", "近", "超", "共", "计", "了", "有")
_LABEL_BREAKS = "的在和及与对为将把"
_LIST_MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
LABEL_CHARS = 16


def find_fields(text: str, next_fid: int) -> tuple[str, list[Field]]:
    """The importer's field finder (``model.draft.finder``), kept importable from here for older callers."""
    from model.draft import find_fields as find

    return find(text, next_fid)


def _clause_start(text: str, pos: int, stops: str) -> int:
    i = pos
    while i > 0 and text[i - 1] not in stops:
        i -= 1
    return i


def label_before(prefix: str) -> str:
    """A short label from the words just before the number, within its clause ("合格率")."""
    label = prefix[_clause_start(prefix, len(prefix), _CLAUSE_STOPS + TOKEN_CLOSE):].strip()
    changed = True
    while changed and label:
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
