"""Golden files: a fixed report exported, unzipped and pretty-printed, compared part by part.

When a change to the layout is intended, regenerate the references and review the diff::

    REPORTDESK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_golden.py

rsids are dropped before comparing; document properties (creation and
modification times) are not compared at all.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from docx_xml import footer_parts, pretty, read_part
from export_fixture import sample_report

from export.word import ExportOptions, export_docx

GOLDEN = Path(__file__).parent / "golden"
PARTS = ("document", "styles", "settings")


def _exported_parts(tmp_path) -> dict[str, str]:
    path = export_docx(sample_report(), tmp_path / "golden.docx",
                       ExportOptions(end_block=True, date=datetime.date(2024, 1, 10)))
    parts = {name: pretty(read_part(path, f"word/{name}.xml")) for name in PARTS}
    for kind, root in footer_parts(path).items():
        parts[f"footer-{kind}"] = pretty(root)
    return parts


@pytest.mark.parametrize("name", [*PARTS, "footer-default", "footer-even"])
def test_export_matches_golden(tmp_path, name):
    got = _exported_parts(tmp_path)[name]
    reference = GOLDEN / f"{name}.xml"
    if os.environ.get("REPORTDESK_UPDATE_GOLDEN") == "1":
        reference.write_text(got, encoding="utf-8")
    assert reference.exists(), f"no golden file {reference.name}: run with REPORTDESK_UPDATE_GOLDEN=1"
    assert got == reference.read_text(encoding="utf-8"), (
        f"{name}.xml changed; if intended, regenerate with REPORTDESK_UPDATE_GOLDEN=1 and review the diff")
