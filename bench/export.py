"""Word export, whole process, against its peers: pandoc and a bare python-docx script (the floor).

    .venv/bin/python bench/export.py

Each writer runs as its own process (interpreter start, imports, writing the
file) five times, alternating, on the bundled sample report and on a report
five times its size.  Prints medians and ratios; asserts nothing.  The target
is within 1.5x the bare python-docx floor, with all the official formatting.
"""

from __future__ import annotations

import copy
import json
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

RUNS = 5
OURS = ("import pickle, sys\nfrom export.word import export_docx\n"
        "export_docx(pickle.load(open(sys.argv[1], 'rb')), sys.argv[2])\n")
BARE = ("import json, sys\nfrom docx import Document\nd = Document()\n"
        "for t in json.load(open(sys.argv[1], encoding='utf-8')): d.add_paragraph(t)\nd.save(sys.argv[2])\n")


def _sample():
    """The bundled sample report through the draft reader, else the test fixture."""
    sample = ROOT / "resources" / "sample-report.txt"
    try:
        from model.draft import read_draft

        return read_draft(sample), sample.name
    except (ImportError, OSError, Exception):  # noqa: BLE001 - any failure: fall back to the fixture
        from export_fixture import long_report

        return long_report(), "tests/export_fixture.long_report()"


def _five_times(report):
    big = copy.deepcopy(report)
    body = [n for n in big.nodes]
    big.nodes = [copy.deepcopy(n) for _ in range(5) for n in body]
    return big


def _paragraph_texts(docx: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(docx)).paragraphs]


def _prepare(report, folder: Path, name: str) -> dict[str, list[str]]:
    """Inputs for each writer (pickle, paragraph list, Markdown) and the command that runs it."""
    from export.word import export_docx

    pkl, js, md = folder / f"{name}.pkl", folder / f"{name}.json", folder / f"{name}.md"
    pkl.write_bytes(pickle.dumps(report))
    texts = _paragraph_texts(export_docx(report, folder / f"{name}-probe.docx"))
    js.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    md.write_text("# " + texts[0] + "\n\n" + "\n\n".join(t for t in texts[1:] if t) + "\n", encoding="utf-8")
    py = sys.executable
    commands = {
        "ours": [py, "-c", OURS, str(pkl), str(folder / f"{name}-ours.docx")],
        "bare python-docx": [py, "-c", BARE, str(js), str(folder / f"{name}-bare.docx")],
    }
    if shutil.which("pandoc"):
        commands["pandoc"] = ["pandoc", str(md), "-o", str(folder / f"{name}-pandoc.docx")]
    print(f"  {name}: {len(texts)} paragraphs, {sum(map(len, texts))} characters")
    return commands


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def _bench(commands: dict[str, list[str]]) -> dict[str, float]:
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(RUNS):
        for key, cmd in commands.items():  # alternating: noise hits every writer alike
            times[key].append(_time(cmd))
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> int:
    report, source = _sample()
    print(f"Word export, whole process, median of {RUNS} alternating runs (source: {source})")
    with tempfile.TemporaryDirectory(prefix="reportdesk-bench-") as tmp:
        folder = Path(tmp)
        for name, rep in (("sample", report), ("sample x5", _five_times(report))):
            medians = _bench(_prepare(rep, folder, name.replace(" ", "")))
            floor = medians["bare python-docx"]
            for key, ms in medians.items():
                print(f"    {key:18s} {ms:7.0f} ms   {ms / floor:4.2f}x the bare floor")
            if "pandoc" in medians:
                print(f"    ours / pandoc      {medians['ours'] / medians['pandoc']:4.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
