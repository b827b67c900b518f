"""Computed phrases (同比): "同比增长12.5%" printed from the field it speaks of, so it is always true.

A phrase is a field of kind CHANGE whose ``basis`` is the fid of a number field
of the same node; its token stands for the verb and the figure ("增长12.5%"),
while the words before it ("同比", "比上年（底）", "较上年") stay in the text.
Its printed words are computed from the basis's two values, rounded to the
phrase's precision, the verb following the sign.  Until both values are known
(a draft just imported) it prints the figure it was imported with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from model.change import BLANK, change_words, format_value, is_rate, round_half_up
from model.report import TOKEN_CLOSE, TOKEN_OPEN, TOKEN_RE, Field, FieldKind, Node, Report

# rising verb → (rising, falling); a falling verb finds its pair here too
_VERB_PAIRS = {
    "增长": ("增长", "下降"), "提高": ("提高", "降低"), "增加": ("增加", "减少"), "上升": ("上升", "下降"),
}
_FALLING = {"下降": "增长", "降低": "提高", "减少": "增加"}
_VERBS = (*_VERB_PAIRS, *_FALLING)
_PHRASE_UNITS = ("%", "％", "个百分点", "百分点")
_LEADS = r"同比|比上年(?:（底）|\(底\)|底|同期)?|较上年(?:同期)?|比去年(?:同期)?|较去年(?:同期)?|与上年相比"
# the basis token, a comma at most, a lead word or none, the verb, the figure's token
PHRASE_RE = re.compile(
    rf"{TOKEN_OPEN}(?P<basis>\d+){TOKEN_CLOSE}(?P<gap>[，,]?)(?P<lead>{_LEADS})?"
    rf"(?P<verb>{'|'.join(_VERBS)})了?{TOKEN_OPEN}(?P<fid>\d+){TOKEN_CLOSE}"
)
_SENTENCE_STOPS = "。；;！!？?\n"


class PhraseError(ValueError):
    """A phrase that cannot be bound; the message says why and what to do."""


def verbs_of(f: Field) -> tuple[str, str]:
    """(rising, falling) verbs of a phrase, from the verb it was written with."""
    verb = f.source[:2]
    rising = _FALLING.get(verb, verb)
    if rising in _VERB_PAIRS:
        return _VERB_PAIRS[rising]
    return ("提高", "降低") if "百分点" in f.unit else ("增长", "下降")


Context = Node | Report | Mapping[int, Field] | None  # where a phrase finds its basis field


def _unset(f: Field) -> bool:
    """A phrase with no figure of its own (rolled over, or imported as "增长X%")."""
    return f.value is None or f.value == ""


def _basis_field(context: Context, f: Field) -> Field | None:
    if context is None or f.basis is None:
        return None
    if isinstance(context, Node):
        return context.field_by_id(f.basis)
    if isinstance(context, Mapping):
        return context.get(f.basis)
    return next((g for _, g in context.all_fields() if g.fid == f.basis), None)


def computed_amount(basis: Field, unit: str) -> float | None:
    """The signed change of ``basis`` in ``unit`` (% relative, or 个百分点), None when unknown."""
    try:
        now, before = float(basis.value), float(basis.last_value)
    except (TypeError, ValueError):
        return None
    if "百分点" in unit:
        return (now - before) / (10 if basis.unit == "‰" else 1)
    if before == 0:
        return None
    return (now - before) / abs(before) * 100.0


def _stored_words(f: Field, blank: str) -> str:
    """The phrase as imported (or as last known), when it cannot be computed."""
    rising, falling = verbs_of(f)
    falls = f.source[:2] in _FALLING
    if _unset(f):
        return f"{falls and falling or rising}{blank}{f.unit}"
    value = float(f.value)
    if value == 0:
        return "持平"
    verb = falling if (value < 0) != falls else rising
    return f"{verb}{format_value(abs(value), f.precision)}{f.unit}"


def phrase_text(context: Context, f: Field, blank: str = BLANK) -> str:
    """The words a phrase prints ("增长12.5%", "降低0.8个百分点", "持平").

    ``context`` holds the basis field: the node, the report, or a mapping
    fid → Field (the editor's chips).  ``blank`` stands for the figure while
    the basis field is blank.
    """
    basis = _basis_field(context, f)
    if basis is None:
        return _stored_words(f, blank)
    if basis.is_blank:
        return f"{verbs_of(f)[0]}{blank}{f.unit}"
    amount = computed_amount(basis, f.unit)
    if amount is None:
        return _stored_words(f, blank)
    return change_words(amount, f.unit, verbs_of(f), f.precision)


def phrase_amount(context: Context, f: Field) -> float | None:
    """The signed figure a phrase prints (computed, else as imported, a falling verb negative), rounded."""
    basis = _basis_field(context, f)
    amount = computed_amount(basis, f.unit) if basis is not None and not basis.is_blank else None
    if amount is None:
        if _unset(f):
            return None
        amount = -abs(float(f.value)) if f.source[:2] in _FALLING else float(f.value)
    return float(round_half_up(amount, f.precision))


def phrase_problem(context: Context, f: Field) -> str | None:
    """Why a phrase cannot print a true figure (必须处理), None when it can."""
    basis = _basis_field(context, f)
    if basis is None:
        return "所依据的指标已不存在" if f.basis is not None else None
    if basis.is_blank:
        return f"所依据的指标“{basis.label or basis.source}”尚未填写"
    if computed_amount(basis, f.unit) is None and _unset(f):
        return f"所依据的指标“{basis.label or basis.source}”没有上年数值，无法计算"
    return None


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and text[start - 1] not in _SENTENCE_STOPS:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in _SENTENCE_STOPS:
        end += 1
    return start, end


def _can_be_phrase(f: Field | None) -> bool:
    return f is not None and f.kind is FieldKind.NUMBER and f.unit in _PHRASE_UNITS


def _speaks_of(f: Field, basis: Field | None) -> bool:
    """A relative % speaks of a count or an amount, 个百分点 of a rate: "完成任务的117.46%，同比增长28.7%"
    is the growth of the amount before the rate, so it is left unbound rather than bound wrong."""
    if basis is None or basis.kind is not FieldKind.NUMBER:
        return False
    return is_rate(basis) == ("百分点" in f.unit)


def _make_phrase(f: Field, basis: Field, verb: str) -> None:
    f.kind = FieldKind.CHANGE
    f.basis = basis.fid
    f.unit = f.unit.replace("％", "%")
    f.source = verb + f.source
    f.qualifier = ""
    f.label = f"{basis.label}同比" if basis.label else (f.label or "同比")


def bind_phrases(report: Report) -> Report:
    """Bind every phrase that follows a number field in the same sentence; the report, for chaining.

    The gap between the two may be a comma and a lead word ("，同比"), nothing
    more: "客流1.2万人次，收入同比增长8%" speaks of the 收入, not the 客流.
    """
    for node in report.walk():
        for attr in ("heading", "body"):
            text = getattr(node, attr)
            pieces, pos = [], 0
            for m in PHRASE_RE.finditer(text):
                f, basis = node.field_by_id(int(m.group("fid"))), node.field_by_id(int(m.group("basis")))
                if not _can_be_phrase(f) or not _speaks_of(f, basis):
                    continue
                _make_phrase(f, basis, m.group("verb"))
                verb_at = m.start("verb")
                pieces.append(text[pos:verb_at])
                pos = m.start("fid") - len(TOKEN_OPEN)
            pieces.append(text[pos:])
            setattr(node, attr, "".join(pieces))
    return report


def bind_phrase(node: Node, fid: int, basis: int | None = None) -> Field:
    """Make field ``fid`` of ``node`` a phrase computed from ``basis`` (default: the number before it).

    The verb just before the figure ("增长", "降低") moves into the phrase; the
    clerk's command calls this on the node and stores it.  PhraseError when it cannot be.
    """
    f = node.field_by_id(fid)
    if f is None or f.kind is FieldKind.CHANGE:
        raise PhraseError("该指标不存在或已是同比计算。请选择一个百分比指标。 / Not a field that can be computed.")
    if f.kind is not FieldKind.NUMBER or f.unit not in _PHRASE_UNITS:
        raise PhraseError("只有单位为 % 或“个百分点”的指标才能按同比计算。请选择增幅指标。 / Only a % figure can be computed.")
    attr = "heading" if token_in(node.heading, fid) else "body"
    text = getattr(node, attr)
    at = text.find(f"{TOKEN_OPEN}{fid}{TOKEN_CLOSE}")
    target = node.field_by_id(basis) if basis is not None else _number_before(node, text, at, f)
    if target is None or target.kind is not FieldKind.NUMBER or target is f:
        raise PhraseError("找不到它所说的数值指标。请先选定同一句中的数值指标。 / No number field to compute from.")
    verb = next((v for v in _VERBS if text.endswith(v, 0, at)), "")
    if not verb:
        verb = "提高" if "百分点" in f.unit else "增长"
    else:
        text = text[:at - len(verb)] + text[at:]
    setattr(node, attr, text)
    _make_phrase(f, target, verb)
    return f


def unbind_phrase(node: Node, fid: int) -> Field | None:
    """Make phrase ``fid`` a plain number again, its verb back in the text: the sentence reads the same.

    A phrase that reads "持平" becomes plain text and its field goes (None returned).
    """
    f = node.field_by_id(fid)
    if f is None or f.kind is not FieldKind.CHANGE:
        raise PhraseError("该指标不是同比计算，无需解除。 / Not a computed phrase.")
    words = phrase_text(node, f)
    attr = "heading" if token_in(node.heading, fid) else "body"
    tok = f"{TOKEN_OPEN}{fid}{TOKEN_CLOSE}"
    verb = next((v for v in _VERBS if words.startswith(v)), "")
    if not verb:
        setattr(node, attr, getattr(node, attr).replace(tok, words, 1))
        node.fields.remove(f)
        return None
    setattr(node, attr, getattr(node, attr).replace(tok, verb + tok, 1))
    figure = words[len(verb):len(words) - len(f.unit)]
    f.kind, f.basis = FieldKind.NUMBER, None
    f.source = f.source[2:] if f.source[:2] in _VERBS else f.source
    f.value = None if figure == BLANK else (float(figure) if "." in figure else int(figure))
    return f


def token_in(text: str, fid: int) -> bool:
    return f"{TOKEN_OPEN}{fid}{TOKEN_CLOSE}" in text


def _number_before(node: Node, text: str, at: int, f: Field) -> Field | None:
    """The nearest number field before ``at`` in the same sentence that phrase ``f`` can speak of."""
    start, _ = _sentence_span(text, at)
    found = None
    for m in TOKEN_RE.finditer(text, start, at):
        g = node.field_by_id(int(m.group(1)))
        if _speaks_of(f, g):
            found = g
    return found
