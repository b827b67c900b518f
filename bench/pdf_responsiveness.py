"""How long the window stops answering while a PDF is made (导出 PDF), against doing it on the window's thread.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/pdf_responsiveness.py [SECTIONS]

A 5 ms timer runs in the window's event loop while LibreOffice converts a long
report; the largest gap between two ticks is how long the window could not
repaint or take a keystroke.  The peer is the same work on the window's own
thread (what 导出 PDF did before: a wait cursor and a frozen window).  Three
runs of each, alternating; prints each run and the medians; asserts nothing.
Needs soffice.
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

RUNS = 3


def _gaps(app, start, done) -> tuple[float, float]:
    """(max gap between ticks in ms, total seconds) while ``start()`` runs until ``done()``."""
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(5)
    begin = time.perf_counter()
    ticks.append(begin)
    start()
    while not done():
        app.processEvents()
        time.sleep(0.001)
    end = time.perf_counter()
    ticks.append(end)
    timer.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000, end - begin


def _in_background(app, window, report, pdf: Path) -> tuple[float, float]:
    from export.options import ExportOptions
    from ui.background import BackgroundJob
    from ui.export_flow import make_pdf

    job: list[BackgroundJob] = []

    def start() -> None:
        snapshot = copy.deepcopy(report)  # as the flow does, on the window's thread
        job.append(BackgroundJob(lambda j: make_pdf(snapshot, pdf, ExportOptions()), "…", window).start())

    return _gaps(app, start, lambda: bool(job) and not job[0].running)


def _on_window_thread(app, report, pdf: Path) -> tuple[float, float]:
    from export.options import ExportOptions
    from ui.export_flow import make_pdf

    done: list[bool] = []
    return _gaps(app, lambda: done.append(bool(make_pdf(copy.deepcopy(report), pdf, ExportOptions()))),
                 lambda: bool(done))


def main() -> int:
    from export_fixture import long_report
    from PySide6.QtWidgets import QApplication, QWidget

    from model.converter import find_soffice

    if find_soffice() is None:
        print("soffice not found: nothing to measure")
        return 0
    app = QApplication.instance() or QApplication([])
    window = QWidget()
    window.show()
    sections = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    report = long_report(sections=sections, items=4)
    results: dict[str, list[tuple[float, float]]] = {"background": [], "window thread": []}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for run in range(RUNS):
            results["background"].append(_in_background(app, window, report, out / f"bg{run}.pdf"))
            results["window thread"].append(_on_window_thread(app, report, out / f"fg{run}.pdf"))
        pages = _pages(out / "bg0.pdf")
    print(f"report: {sections} sections × 4 items, {pages} pages; timer 5 ms; {RUNS} runs each")
    for name, runs in results.items():
        shown = ", ".join(f"{gap:.0f} ms/{total:.1f} s" for gap, total in runs)
        print(f"{name:>14}: max gap {statistics.median(g for g, _ in runs):7.0f} ms (median)   runs: {shown}")
    ratio = statistics.median(g for g, _ in results["window thread"]) / statistics.median(
        g for g, _ in results["background"])
    print(f"the window answers {ratio:.0f}x sooner with the work in the background")
    return 0


def _pages(pdf: Path) -> str:
    import re
    import shutil
    import subprocess

    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    return found.group(1) if found else "?"


if __name__ == "__main__":
    sys.exit(main())
