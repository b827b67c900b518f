"""Node switches and the grid's filter and paste, for counting their instructions (load-independent).

    valgrind --tool=callgrind --toggle-collect=functools_reduce \\
        .venv/bin/python bench/paint_instructions.py switch|next|peer-switch|peer-next|filter|paste

Only the measured steps run inside ``functools.reduce``, so ``--toggle-collect`` counts them and
nothing of the set-up.  The set-up is that of bench/ui.py and bench/fields_grid.py (1,000 nodes,
5,000 fields): the real MainWindow at 1280×800 or the bare QTreeView + QTextEdit peer; the
所有指标 tab at 1200×700.
- switch / next: 50 node switches to random nodes / to the next node (as ↓), each + processEvents,
  after 10 not counted; peer-switch / peer-next: the same on the peer;
- filter: 10 × (未填 chosen, painted; 全部 chosen, painted);
- paste: 10 × (100 rows pasted into 本年, painted; undone, painted).
Without valgrind it just runs.  Prints nothing; read ``Collected`` in valgrind's summary.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after ROOT: bench/ui.py must not hide ui/
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402


def _bench(name: str):
    """bench/<name>.py as a module (bench/ui.py cannot be imported by its name beside the ui package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def switches(app: QApplication, what: str) -> None:
    from ui.app import make_app

    bench = _bench("ui")
    make_app()
    with tempfile.TemporaryDirectory() as folder:
        ours = bench.Ours(Path(folder), bench.big_report(1000, 5000))
        app.processEvents()
        side = ours
        if what.startswith("peer"):
            side = bench.Peer(ours.window.session.report)
            ours.window.hide()
        app.processEvents()
        count = len(ours.nodes)
        rng = random.Random(7)
        order = ([rng.randrange(count) for _ in range(60)] if what.endswith("switch")
                 else list(range(300, 360)))

        def step(_, i: int) -> None:
            side.switch(i)
            app.processEvents()

        for i in order[:10]:  # settling, not counted
            step(None, i)
        functools.reduce(step, order[10:], None)
        ours.close()


def grid(app: QApplication, what: str) -> None:
    from ui.app import collect_from_now_on

    bench = _bench("fields_grid")
    with tempfile.TemporaryDirectory() as folder:
        store = bench.Store(Path(folder) / "bench.db")
        session = bench.ReportSession(store)
        session.open_report(store.add_report(bench.big_report(1000, 5000)))
        collect_from_now_on()
        ours = bench.Ours(session)
        ours.open()
        app.processEvents()

        def step(_, k: int) -> None:
            if what == "filter":
                ours.filter(True)
                app.processEvents()
                ours.filter(False)
            else:
                ours.paste(k * 100)
                app.processEvents()
                ours.undo()
            app.processEvents()

        step(None, 0)
        functools.reduce(step, range(1, 11), None)
        ours.close()
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["switch", "next", "peer-switch", "peer-next", "filter", "paste"])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    if args.what in ("filter", "paste"):
        grid(app, args.what)
    else:
        switches(app, args.what)


if __name__ == "__main__":
    main()
