"""Start-up: ReportDesk's window against a bare PySide6 window, spawn to first paint.

Runs ``python main.py --quit-after-show`` and, alternating with it, a bare
QMainWindow (tree + text editor) that quits after its first paint; five runs
each; prints both medians and their ratio.  Target: within 2x the bare window.

    .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextEdit, QTreeView

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, app.quit)

app = QApplication([])
w = Window()
split = QSplitter()
split.addWidget(QTreeView())
split.addWidget(QTextEdit())
w.setCentralWidget(split)
w.resize(1200, 800)
w.show()
app.exec()
"""


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{cmd} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Both sides start from compiled bytecode, as an installed program does (PySide6's is
    # installed compiled; ours would otherwise be recompiled on every run where
    # PYTHONDONTWRITEBYTECODE is set).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = tempfile.mkdtemp(prefix="reportdesk-pyc-")
    env["PYTHONPYCACHEPREFIX"] = cache
    with tempfile.TemporaryDirectory() as data:
        ours = [sys.executable, "main.py", "--data-dir", data, "--quit-after-show"]
        bare = [sys.executable, "-c", BARE]
        _time(ours, env)  # first start seeds the sample report and compiles: not what we measure
        _time(ours, env)
        _time(bare, env)
        times: dict[str, list[float]] = {"reportdesk": [], "bare": []}
        for _ in range(args.runs):
            times["reportdesk"].append(_time(ours, env))
            times["bare"].append(_time(bare, env))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, alternating")
    for name, values in times.items():
        runs = ", ".join(f"{v * 1000:.0f}" for v in values)
        print(f"{name:>11}: median {med[name] * 1000:6.0f} ms   (runs: {runs})")
    ratio = med["reportdesk"] / med["bare"]
    print(f"      ratio: {ratio:.2f}x the bare PySide6 window (target: <= 2.00x)")


if __name__ == "__main__":
    main()
