"""A report as the JSON object of design.md, for ``parse --json`` and ``show --json`` (报告 JSON)."""

from __future__ import annotations

from model.draft import plain_numbers
from model.fields import render_field, year_change
from model.numbering import outline_numbers
from model.report import TOKEN_RE, Field, FieldKind, Node, Report

TYPE_CHECKING = False  # as typing.TYPE_CHECKING: a parse does not load typing for an annotation
if TYPE_CHECKING:
    from typing import Any


def report_to_json(report: Report, with_last_value: bool = False) -> dict[str, Any]:
    """``title``, ``year`` and ``nodes``; each node with its number as printed, its fields and the
    numbers that are none (``skipped``: source and reason)."""
    numbers = outline_numbers(report)

    def node_json(node: Node) -> dict[str, Any]:
        by_id = {f.fid: f for f in node.fields}
        return {
            "number": numbers.get(id(node), ""),
            "heading": _source_text(node.heading, by_id),
            "text": _source_text(node.body, by_id),
            "fields": [_field_json(f, with_last_value) for f in node.fields],
            "skipped": [{"source": source, "reason": reason}
                        for text in (node.heading, node.body) for source, reason in plain_numbers(text, node.fields)],
            "children": [node_json(c) for c in node.children],
        }

    return {"title": report.title, "year": report.year, "nodes": [node_json(n) for n in report.nodes]}


def _field_json(f: Field, with_last_value: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        # design.md's contract has two kinds: a computed 同比 phrase is a number, marked by its basis
        "kind": FieldKind.NUMBER.value if f.kind is FieldKind.CHANGE else f.kind.value,
        "label": f.label,
        "value": None if f.is_blank else f.value,
        "unit": f.unit,
        "source": f.source,
    }
    if f.kind is FieldKind.CHANGE:
        out["computed"] = True  # printed from its basis field's two values
        out["basis"] = f.basis
    if with_last_value:
        out["last_value"] = f.last_value
        found = year_change(f)
        out["change"] = None if found is None else {"kind": found.kind, "value": found.value, "text": found.text}
    return out


def _source_text(text: str, by_id: dict[int, Field]) -> str:
    """``text`` with each token as the field's original characters (one look-up per token, not a scan)."""

    def replace(match) -> str:
        f = by_id.get(int(match.group(1)))
        return (f.source or render_field(f)) if f else ""

    return TOKEN_RE.sub(replace, text)
