"""Numbers that may be right but look wrong (请核实): the clerk verifies them, nothing stops the print.

Each rule is a small named function over the report that yields its doubts;
``doubtful`` runs them all.  ``model.checks`` makes them problems of severity
VERIFY, after what must be fixed; this module knows nothing of checks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from typing import NamedTuple

from model.change import Change, format_value, is_rate, year_change
from model.report import TOKEN_CLOSE, TOKEN_OPEN, Field, FieldKind, Node, Report

SAME = "same"                    # the same value as last year
RATE_OVER = "rate-over-100"      # a rate over 100 %
NEGATIVE = "negative"            # a negative count or amount
BIG_CHANGE = "big-change"        # a change beyond ±50 %
PART_OVER_TOTAL = "part-over-total"  # "共X次，其中Y次" with Y > X
MISMATCH = "mismatch"            # the same label and unit quoted twice with different values
STALE_NUMBER = "stale_number"    # a plain number (no field) still as last year's text had it

# Reasons of plain numbers that may be this year's figures: one the finder would take ("manual")
# and the size of a list ("等8大类"); a year, date, ordinal, name … stays right as it is.
FIGURE_REASONS = frozenset({"manual", "list"})

BIG_CHANGE_PERCENT = 50.0
_CHANGE_LABELS = ("增长", "提高", "增加", "上升", "增幅", "增速", "同比", "下降", "降低", "减少")
_TOK = rf"{TOKEN_OPEN}(\d+){TOKEN_CLOSE}"
_PART_RE = re.compile(rf"共(?:计|有)?[^，,。；;{TOKEN_OPEN}]{{0,8}}{_TOK}(?P<rest>[^。；;]*)")
_OF_WHICH_RE = re.compile(r"其中[^。；;]*")
_SENTENCE_STOPS = "。；;！!？?\n"
_SENTENCE_END = re.compile(f"[{_SENTENCE_STOPS}]")

Numbers = list[tuple[Node, Field, Change | None]]  # the filled number fields and their change, once
Rule = Callable[[Report, Numbers], Iterator[tuple[Node, Field, str, str]]]


def _shown(f: Field) -> str:
    return f"{format_value(f.value, f.precision)}{f.qualifier}{f.unit}"


def _name(f: Field) -> str:
    return f"指标“{f.label or f.source}”"


def _numbers(report: Report) -> Numbers:
    return [(node, f, year_change(f)) for node, f in report.all_fields() if _is_number(f)]


def same_as_last_year(report: Report, numbers: Numbers):
    for node, f, found in numbers:
        if found is not None and found.kind == "same" and f.last_value is not None:
            yield node, f, SAME, f"{_name(f)}与上年相同（{_shown(f)}），请确认已更新"


def rate_over_100(report: Report, numbers: Numbers):
    for node, f, _ in numbers:
        if f.unit.replace("％", "%") == "%" and f.value > 100 and not f.label.endswith(_CHANGE_LABELS):
            yield node, f, RATE_OVER, f"{_name(f)}为{_shown(f)}，超过100%"


def negative_count(report: Report, numbers: Numbers):
    for node, f, _ in numbers:
        if f.value < 0 and not is_rate(f):
            yield node, f, NEGATIVE, f"{_name(f)}为负数（{_shown(f)}）"


def big_change(report: Report, numbers: Numbers):
    for node, f, found in numbers:
        if found is not None and found.kind == "percent" and abs(found.value) > BIG_CHANGE_PERCENT:
            yield node, f, BIG_CHANGE, f"{_name(f)}比上年{found.text}（上年{format_value(f.last_value, f.precision)}），变化较大"


def part_over_total(report: Report, numbers: Numbers):
    for node in report.walk():
        for text in (node.heading, node.body):
            for m in _PART_RE.finditer(text):
                total = node.field_by_id(int(m.group(1)))
                part_text = _OF_WHICH_RE.search(m.group("rest"))
                if total is None or part_text is None or not _is_number(total):
                    continue
                for fid in re.findall(_TOK, part_text.group()):
                    part = node.field_by_id(int(fid))
                    if _is_number(part) and part.unit == total.unit and part.value > total.value:
                        yield (node, part, PART_OVER_TOTAL,
                               f"其中{_shown(part)}大于总数{_shown(total)}（{_name(part)}）")


def _is_number(f: Field | None) -> bool:
    return f is not None and f.kind is FieldKind.NUMBER and type(f.value) in (int, float)


def quoted_twice(report: Report, numbers: Numbers):
    first: dict[tuple[str, str], Field] = {}
    for node, f, _ in numbers:
        if not f.label:
            continue
        seen = first.setdefault((f.label, f.unit), f)
        if seen is not f and float(seen.value) != float(f.value):
            yield (node, f, MISMATCH,
                   f"{_name(f)}前文为{_shown(seen)}，此处为{_shown(f)}，两处数值不一致")


RULES: tuple[Rule, ...] = (same_as_last_year, rate_over_100, negative_count, big_change, part_over_total,
                           quoted_twice)


def stale_numbers(node: Node) -> list[str]:
    """The plain numbers of a rolled-over ``node`` that its text still has as last year's had them.

    Each number counts once per time last year's text had it: "96次" twice this
    year but once last year is reported once.
    """
    return [source for source, _ in _stale(node)]


def _stale(node: Node) -> list[tuple[str, str]]:
    """(source, the sentence it stands in) of each stale plain number of ``node``."""
    if node.last_heading is None and node.last_body is None:
        return []
    from model.draft import number_spans

    def figures(*texts: str) -> list[tuple[str, str]]:
        return [(source, _sentence(text, start, end)) for text in texts
                for start, end, source, reason in number_spans(text, node.fields) if reason in FIGURE_REASONS]

    last = Counter(source for source, _ in figures(node.last_heading or "", node.last_body or ""))
    out = []
    for source, sentence in figures(node.heading, node.body):
        if last[source] > 0:
            last[source] -= 1
            out.append((source, sentence))
    return out


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, field tokens as they are."""
    first = max(text.rfind(stop, 0, start) for stop in _SENTENCE_STOPS) + 1
    stop = _SENTENCE_END.search(text, end)
    return text[first:stop.start() if stop else len(text)]


def _judged(node: Node, f: Field) -> str:
    """What a doubt about ``f`` judged: the words around it and its values (a change brings the doubt back)."""
    token = f"{TOKEN_OPEN}{f.fid}{TOKEN_CLOSE}"
    text = node.heading if token in node.heading else node.body
    at = max(text.find(token), 0)
    sentence = _sentence(text, at, at + len(token))
    values = [repr(float(v)) if isinstance(v, int | float) else str(v) for v in (f.value, f.last_value)]
    return "\x1f".join((sentence, *values, f.unit, f.qualifier, str(f.precision)))


class Doubt(NamedTuple):
    """One 请核实 finding: ``message`` without the place; ``judged()`` what it looked at (see ``_judged``),
    asked only when the finding must be named for the clerk's confirmation."""

    node: Node
    kind: str
    message: str
    fid: int | None
    judged: Callable[[], str]


def doubtful(report: Report) -> Iterator[Doubt]:
    """Every 请核实 doubt, rule by rule, then the stale plain numbers; ``model.checks`` says where each is."""
    numbers_found = _numbers(report)
    for rule in RULES:
        for node, f, kind, message in rule(report, numbers_found):
            yield Doubt(node, kind, message, f.fid, partial(_judged, node, f))
    for node in report.walk():
        for source, sentence in _stale(node):
            yield Doubt(node, STALE_NUMBER, f"正文中的“{source}”不是指标；若是今年的数字，请设为指标", None,
                        partial(str, sentence))
