"""The bundled sample shows last year's values and the change at once: a new user sees the point."""

from __future__ import annotations

from model.checks import readiness
from model.fields import year_change
from model.phrases import phrase_text
from model.report import FieldKind
from model.workspace import open_workspace


def test_the_sample_has_last_years_values_and_text(tmp_path):
    store = open_workspace(tmp_path)
    [summary] = store.list_reports()
    report = store.load_report(summary.id)
    store.close()
    pairs = [(node, f) for node, f in report.all_fields()]
    filled = [f for _, f in pairs if not f.is_blank or f.kind is FieldKind.CHANGE]
    assert len(filled) > 45 and all(f.last_value is not None for f in filled)
    assert all(node.last_body is not None for node in report.walk())
    assert "2024年" in report.nodes[0].last_body and "2025年" in report.nodes[0].body
    changes = [year_change(f) for _, f in pairs if f.kind is FieldKind.NUMBER and not f.is_blank]
    assert {c.kind for c in changes} == {"percent", "points", "same"}
    phrases = [(node, f) for node, f in pairs if f.kind is FieldKind.CHANGE]
    # last year's figures make the sample's own 同比 phrases come out as printed
    assert [phrase_text(node, f) for node, f in phrases] == [f.source for _, f in phrases] == ["增长9.6%", "增长11.2%"]
    assert any(p.kind == "same" for p in readiness(report))
