"""Field finding on the hand-marked corpus: recall, precision and blanks, page by page and in total.

    .venv/bin/python bench/fields_corpus.py [CORPUS_DIR]

CORPUS_DIR (default ../shared/corpus) holds pages/*.txt (two "#" header lines,
then the text) and expect.json, every number marked by a careful reader.  A
field counts as found when its value and unit (余/多 and spaces aside) match
a marked one, in any order within the page; precision is over the fields with
a value; blanks are counted up to the marked number.  The parse runs in this
process through ``model.draft.parse_text``, the command line's own path.
The targets of issue 9 are printed beside the totals; tests/test_fields_corpus.py
fails when a total falls below them.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"recall": 0.98, "precision": 0.99, "number_blanks": 1.0, "text_blanks": 0.90}


@dataclass
class Score:
    """Counts for one page or the whole corpus."""

    wanted: int = 0
    found: int = 0
    got: int = 0
    number_blanks: int = 0
    number_blanks_found: int = 0
    text_blanks: int = 0
    text_blanks_found: int = 0
    missing: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("wanted", "found", "got", "number_blanks", "number_blanks_found", "text_blanks",
                     "text_blanks_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def rates(self) -> dict[str, float]:
        return {
            "recall": self.found / self.wanted if self.wanted else 1.0,
            "precision": self.found / self.got if self.got else 1.0,
            "number_blanks": self.number_blanks_found / self.number_blanks if self.number_blanks else 1.0,
            "text_blanks": self.text_blanks_found / self.text_blanks if self.text_blanks else 1.0,
        }


def _unit(unit: str) -> str:
    return (unit or "").replace(" ", "").replace("％", "%").lstrip("余多")


def page_text(path: Path) -> str:
    lines = path.read_text("utf-8").split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines)


def score_page(text: str, spec: dict) -> Score:
    from model.draft import parse_text

    fields = [f for _, f in parse_text(text).all_fields()]
    got = [(f.value, _unit(f.unit), f.source) for f in fields if isinstance(f.value, (int, float))]
    pool = list(got)
    score = Score(wanted=len(spec.get("fields") or []), got=len(got))
    for value, unit in spec.get("fields") or []:
        k = next((i for i, (v, u, _) in enumerate(pool) if abs(v - value) < 1e-6 and u == _unit(unit)), None)
        if k is None:
            score.missing.append(f"{value:g}{unit}")
        else:
            pool.pop(k)
    score.found = score.wanted - len(score.missing)
    score.false = [source for _, _, source in pool]
    blanks = spec.get("blanks") or {}
    score.number_blanks, score.text_blanks = blanks.get("number", 0), blanks.get("text", 0)
    # a 同比 phrase left blank ("增长X%") is a number blank too (report_json gives it kind "number")
    number = sum(1 for f in fields if f.kind.value in ("number", "change") and f.value in (None, ""))
    text_ = sum(1 for f in fields if f.kind.value == "text" and f.is_blank)
    score.number_blanks_found = min(number, score.number_blanks)
    score.text_blanks_found = min(text_, score.text_blanks)
    return score


def score_corpus(corpus: Path) -> tuple[dict[str, Score], Score]:
    """(score per page, total) for the corpus at ``corpus``."""
    expected = json.loads((corpus / "expect.json").read_text("utf-8"))["pages"]
    pages = {name: score_page(page_text(corpus / "pages" / name), spec) for name, spec in sorted(expected.items())}
    total = Score()
    for s in pages.values():
        total.add(s)
    return pages, total


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpus"
    if not (corpus / "expect.json").is_file():
        print(f"no corpus at {corpus}: nothing to measure")
        return 0
    pages, total = score_corpus(corpus)
    for name, s in pages.items():
        extra = f"  missing {s.missing}" if s.missing else ""
        extra += f"  false {s.false}" if s.false else ""
        print(f"{name:48} {s.found:3}/{s.wanted:<3} got {s.got:3}  blanks {s.number_blanks_found}/{s.number_blanks}"
              f"  names {s.text_blanks_found}/{s.text_blanks}{extra}")
    rates = total.rates()
    print(f"total: recall {total.found}/{total.wanted} = {rates['recall']:.1%}; precision {total.found}/{total.got}"
          f" = {rates['precision']:.1%}; number blanks {total.number_blanks_found}/{total.number_blanks};"
          f" name blanks {total.text_blanks_found}/{total.text_blanks} = {rates['text_blanks']:.1%}")
    print("targets: " + ", ".join(f"{k} ≥ {v:.0%}" for k, v in TARGETS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
