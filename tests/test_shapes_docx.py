"""The eight draft shapes as Word files give the trees their .txt gives (typed numbers and Word's own)."""

from __future__ import annotations

import sys

import docx
import pytest

from conftest import FIXTURES
from model.draft import read_draft
from model.draft.docx_reader import read_docx
from model.draft.levels import numbering_of
from model.fields import source_text
from model.numbering import outline_numbers
from model.report import Report

sys.path.insert(0, str(FIXTURES))
from build_shape_fixtures import SHAPES, build  # noqa: E402


def full_tree(report: Report) -> list:
    """(number, kind, heading, body, fields, children) per node; text with the fields as typed."""
    numbers = outline_numbers(report)

    def visit(nodes):
        return [(numbers[id(n)], n.kind.value, source_text(n.heading, n), source_text(n.body, n),
                 [(f.kind.value, f.value, f.unit, f.qualifier, f.precision, f.source) for f in n.fields],
                 visit(n.children)) for n in nodes]

    return visit(report.nodes)


def summary(report: Report) -> tuple:
    return report.title, report.year, report.front_matter, report.level_styles


@pytest.mark.parametrize("variant", ["typed", "auto"])
@pytest.mark.parametrize("name", SHAPES)
def test_docx_gives_the_tree_of_the_txt(name, variant):
    txt = read_draft(FIXTURES / f"{name}.txt")
    doc = read_draft(FIXTURES / f"{name}-{variant}.docx")
    assert summary(doc) == summary(txt)
    assert full_tree(doc) == full_tree(txt)


@pytest.mark.parametrize("name", SHAPES)
def test_one_multilevel_list_gives_the_same_tree(name, tmp_path):
    """Word's other way: one list, 一、 at ilvl 0 … （1） at ilvl 3, restarting below a higher level."""
    path = tmp_path / f"{name}-multi.docx"
    build(name, True, path, multilevel=True)
    txt = read_draft(FIXTURES / f"{name}.txt")
    doc = read_draft(path)
    assert summary(doc) == summary(txt)
    assert full_tree(doc) == full_tree(txt)


@pytest.mark.parametrize("name", SHAPES)
def test_auto_files_take_their_numbers_from_numbering_xml(name):
    """No typed number left in a numbered paragraph; each one counts in a list of one level."""
    document = docx.Document(str(FIXTURES / f"{name}-auto.docx"))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert numbered
    assert all(numbering_of(p.text) is None for p in numbered)
    assert {p._p.pPr.numPr.ilvl.val for p in numbered} == {0}
    lines = [line for line in (FIXTURES / f"{name}.txt").read_text("utf-8").splitlines() if line.strip()]
    assert len(read_docx(FIXTURES / f"{name}-auto.docx")) == len(lines)


@pytest.mark.parametrize("name", ["shape-four-levels", "shape-paren-top", "shape-parts"])
def test_numbered_paragraphs_bold_from_end_to_end_still_split_at_the_lead(name, tmp_path, monkeypatch):
    """A heading style (or a clerk) that bolds the whole "（一）…。正文…" marks no lead: first sentence."""
    import build_shape_fixtures as shapes

    monkeypatch.setattr(shapes, "numbered_runs", lambda line, rest: shapes.run(rest, bold=True))
    txt = read_draft(FIXTURES / f"{name}.txt")
    for auto in (False, True):
        path = tmp_path / f"{name}-{auto}.docx"
        shapes.build(name, auto, path)
        assert full_tree(read_draft(path)) == full_tree(txt)


def test_all_bold_lead_rules():
    from model.draft.outline import build_report
    from model.draft.paragraphs import Para

    def item(text: str):
        return build_report([Para("一、党建"), Para(text, bold_prefix=len(text))]).nodes[0].children[0]

    assert (item("1.学习常抓不懈。全年学习X次。").heading, item("1.学习常抓不懈。全年学习X次。").body) == (
        "学习常抓不懈。", "全年学习⟦1⟧。")
    assert item("1.落实“三会一课”。").heading == "落实“三会一课”。"
    assert item("1.政治学习常抓不懈，成效明显").heading == "政治学习常抓不懈，成效明显"
