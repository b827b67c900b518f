"""Screenshots of the window's main states, to look at one by one (not a benchmark: a look).

    .venv/bin/python bench/screenshots.py OUT_DIR [--sizes 1024x700 1600x1000] [--scale 1.5]

Opens the bundled sample in a fresh data folder (nothing of the clerk's is
touched) and saves, for each size, PNGs of: the sample with its banner, an
item with its fields, find and replace with hits, a heading edited in place
(F2), the status bar after a delete, the 所有指标 grid, 上年对照 beside the\ntext (F8), and the guide (F1).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _settle(app, seconds: float = 0.6) -> None:
    """Run the event loop a while: the counts and the saved layout follow their timers."""
    import time

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(out: Path, width: int, height: int) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from model.workspace import open_workspace
    from ui.help import GuideDialog
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = QApplication.instance()
    folder = Path(tempfile.mkdtemp(prefix="reportdesk-shots-"))
    store = open_workspace(folder / "data")
    window = MainWindow(store, Settings(folder / "settings.ini"))
    window.resize(width, height)
    window.show()
    _settle(app)
    saved: list[Path] = []

    def save(name: str, widget=None) -> None:
        _settle(app)
        path = out / f"{width}x{height}-{name}.png"
        (widget or window).grab().save(str(path))
        saved.append(path)

    report = window.session.report
    save("sample")
    item = max(report.walk(), key=lambda n: len(n.fields))
    window.select_node(item)
    save("item")
    dock = window.find_dock()
    dock.open_find(replace=True)
    dock.find_edit.setText("学习")
    dock.search()
    dock.set_current_row(min(2, dock.hit_rows.rowCount() - 1))
    save("find")
    dock.hide()
    window.select_node(item)
    window.tree.setFocus()
    window.tree.edit(window.tree.currentIndex())
    save("rename")
    window.tree.closePersistentEditor(window.tree.currentIndex())
    window.tree.setCurrentIndex(window.tree.currentIndex())
    window.select_node(report.nodes[1])
    window.delete_nodes()
    save("deleted")
    window.session.undo_stack.undo()
    window.select_node(item)
    window.tabs.setCurrentWidget(window.grid)  # 所有指标
    save("grid")
    window.tabs.setCurrentWidget(window.editor)
    edited = next((n for n in report.walk() if n.last_body and n.fields), item)
    window.select_node(edited)
    window.last_year.act_show.trigger()  # 上年对照 (F8): the sample has last year beside it
    save("last-year")
    window.last_year.act_show.trigger()
    guide = GuideDialog(window)
    guide.show()
    save("guide", guide)
    guide.close()
    window.state.save()
    window.close()
    store.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", nargs="+", default=["1024x700", "1600x1000"])
    parser.add_argument("--scale", type=float, default=None, help="QT_SCALE_FACTOR, e.g. 1.5 for 150 %%")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    os.environ.setdefault("REPORTDESK_DATA_DIR", tempfile.mkdtemp(prefix="reportdesk-shots-data-"))
    args.out.mkdir(parents=True, exist_ok=True)
    from ui.app import make_app

    make_app([sys.argv[0]])
    for size in args.sizes:
        width, height = (int(v) for v in size.lower().split("x"))
        for path in shoot(args.out, width, height):
            print(path)


if __name__ == "__main__":
    main()
