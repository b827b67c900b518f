"""Start-up: ReportDesk's window against a bare PySide6 window, spawn to first paint.

Runs main.py's ``__main__`` block as the installed program does (``python -c
"import gc; gc.disable(); import main; main.run_program()" --quit-after-show``:
main.py from its cached bytecode with no runpy, as bench/import.py explains;
``python main.py`` would compile its 500 lines at every start, which no
installed user pays, and ``python -m main`` would load runpy first, which the
bundle's bootloader does not) and, alternating with it, a bare QMainWindow (tree + text editor) that quits after
its first paint; nine runs each.  Both print the monotonic clock when their first paint is done (the
event loop's next turn after the main window's first paintEvent, so every
child has painted too); spawn to that moment is start-up, the figure the
target is about (issue 10: within 2x the bare window).  Spawn to the
process's exit (which adds tearing the window down, and whatever the window
does right after its first paint) is printed beside it.

    .venv/bin/python bench/startup.py [--runs 9]
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
PAINTED = "first paint at "  # then the monotonic clock (time.monotonic), as main.py --quit-after-show prints it

BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextEdit, QTreeView

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, done)

def done():
    print(f"first paint at {time.monotonic():.6f}", flush=True)
    app.quit()

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


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the first paint (as the child reports it) and to its exit."""
    start = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"{cmd} failed ({done.returncode}):\n{done.stderr}")
    said = [line for line in done.stdout.splitlines() if line.startswith(PAINTED)]
    if not said:
        raise SystemExit(f"{cmd} did not say when it first painted:\n{done.stdout}{done.stderr}")
    return float(said[-1][len(PAINTED):]) - start, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
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
        program = "import gc; gc.disable(); import main; main.run_program()"  # main.py's __main__ block
        ours = [sys.executable, "-c", program, "--data-dir", data, "--quit-after-show"]
        bare = [sys.executable, "-c", BARE]
        _time(ours, env)  # first start seeds the sample report and compiles: not what we measure
        _time(ours, env)
        _time(bare, env)
        times: dict[str, list[tuple[float, float]]] = {"reportdesk": [], "bare": []}
        for _ in range(args.runs):
            times["reportdesk"].append(_time(ours, env))
            times["bare"].append(_time(bare, env))
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, alternating; load {os.getloadavg()[0]:.2f}")
    for column, what in ((0, "spawn to first paint"), (1, "spawn to exit")):
        med = {name: statistics.median(t[column] for t in values) for name, values in times.items()}
        print(f"{what}:")
        for name, values in times.items():
            runs = ", ".join(f"{t[column] * 1000:.0f}" for t in values)
            print(f"  {name:>11}: median {med[name] * 1000:6.0f} ms   (runs: {runs})")
        target = " (target: <= 2.00x)" if column == 0 else ""
        print(f"        ratio: {med['reportdesk'] / med['bare']:.2f}x the bare PySide6 window{target}")


if __name__ == "__main__":
    main()
