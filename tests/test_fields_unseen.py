"""Our own excerpts of agencies and years the corpus lacks (police, education, health, finance, tax, court,
town, state firm, university, a template), every number marked by hand as ../shared/corpus/INDEX.md marks
them (tests/fixtures/unseen/expect.json): scored like the corpus, and every one must be right."""

from __future__ import annotations

import importlib.util
import json
import re
import sys

import pytest

from conftest import FIXTURES, ROOT
from model.draft import parse_text
from model.report import TOKEN_RE

# bench/fields_corpus.py by its path: bench/ on sys.path would shadow the ui package with bench/ui.py
_BENCH = sys.modules.get("fields_corpus")
if _BENCH is None:
    _SPEC = importlib.util.spec_from_file_location("fields_corpus", ROOT / "bench" / "fields_corpus.py")
    _BENCH = sys.modules["fields_corpus"] = importlib.util.module_from_spec(_SPEC)
    _SPEC.loader.exec_module(_BENCH)
page_text, score_page = _BENCH.page_text, _BENCH.score_page

UNSEEN = FIXTURES / "unseen"
PAGES = json.loads((UNSEEN / "expect.json").read_text("utf-8"))["pages"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_marked_field_and_blank_is_found_and_nothing_else(name):
    spec = PAGES[name]
    score = score_page(page_text(UNSEEN / name), spec)
    assert (score.missing, score.false) == ([], [])
    assert score.got == score.wanted == len(spec["fields"])
    fields = [f for _, f in parse_text(page_text(UNSEEN / name)).all_fields()]
    number = sum(1 for f in fields if f.kind.value in ("number", "change") and f.value in (None, ""))
    text = sum(1 for f in fields if f.kind.value == "text" and f.is_blank)
    assert (number, text) == (spec["blanks"]["number"], spec["blanks"]["text"])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_other_digit_lies_in_a_marked_not_field(name):
    """The corpus's invariant: a digit no field consumed lies inside an occurrence of a not_field string."""
    report = parse_text(page_text(UNSEEN / name))
    texts = [report.title, *report.front_matter] + [t for n in report.walk() for t in (n.heading, n.body)]
    for text in texts:
        text = TOKEN_RE.sub("⟦⟧", text)
        covered = set()
        for source in PAGES[name]["not_fields"]:
            for m in re.finditer(re.escape(source), text):
                covered.update(range(m.start(), m.end()))
        loose = [text[max(0, i - 6):i + 6] for i, ch in enumerate(text) if ch.isdigit() and i not in covered]
        assert loose == [], (name, loose)
