"""A report as the JSON object of design.md, for ``parse --json`` and ``show --json`` (报告 JSON)."""

from __future__ import annotations

from typing import Any

from model.fields import source_text, year_change
from model.numbering import outline_numbers
from model.report import Field, Node, Report


def report_to_json(report: Report, with_last_value: bool = False) -> dict[str, Any]:
    """``title``, ``year`` and ``nodes``; each node with its number as printed and its fields."""
    numbers = outline_numbers(report)

    def node_json(node: Node) -> dict[str, Any]:
        return {
            "number": numbers.get(id(node), ""),
            "heading": source_text(node.heading, node),
            "text": source_text(node.body, node),
            "fields": [_field_json(f, with_last_value) for f in node.fields],
            "children": [node_json(c) for c in node.children],
        }

    return {"title": report.title, "year": report.year, "nodes": [node_json(n) for n in report.nodes]}


def _field_json(f: Field, with_last_value: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": f.kind.value,
        "label": f.label,
        "value": None if f.is_blank else f.value,
        "unit": f.unit,
        "source": f.source,
    }
    if f.basis is not None:
        out["basis"] = f.basis
    if with_last_value:
        out["last_value"] = f.last_value
        found = year_change(f)
        out["change"] = None if found is None else {"kind": found.kind, "value": found.value, "text": found.text}
    return out
