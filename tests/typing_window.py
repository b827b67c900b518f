"""The real window typing by itself, for tests that need a second process (run as a script, not collected).

    python tests/typing_window.py DATA_DIR TEXT [--interval MS] [--quit]

It starts the window as ``main.py`` does (``ui.app.run``: the lock, the store,
the window).  After the first paint it selects the report's first node with a
body, puts the cursor at the end of that body and commits TEXT one character
at a time through ``QInputMethodEvent``, one every MS milliseconds.  It prints,
flushed, one line per event: ``platform NAME`` (xcb, offscreen),
``pragmas JOURNAL SYNCHRONOUS`` of its own store
connection, ``typed N`` after each keystroke, ``saved HH:MM:SS`` after each
COMMIT.  With ``--quit`` it closes the window after the last character;
otherwise it waits to be killed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui import app, main_window  # noqa: E402


def say(*parts: object) -> None:
    print(*parts, flush=True)


def typing_window(text: str, interval: int, quit_at_end: bool) -> type:
    base = main_window.MainWindow

    class TypingWindow(base):
        """The main window, plus a timer that types ``text`` into the first body."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            conn = self.session.store.conn
            say("platform", QApplication.platformName())
            say("pragmas", conn.execute("PRAGMA journal_mode").fetchone()[0],
                conn.execute("PRAGMA synchronous").fetchone()[0])
            self.session.saved.connect(lambda t: say("saved", t))
            self._typed = 0
            self._timer = QTimer(self)
            self._timer.setInterval(interval)
            self._timer.timeout.connect(self._key)
            self.first_painted.connect(self._start)

        def _start(self) -> None:
            node = next(n for n in self.session.report.walk() if n.body)
            self.select_node(node)
            self.editor.body.setFocus()
            self.editor.body.moveCursor(QTextCursor.MoveOperation.End)
            say("node", node.id)
            self._timer.start()

        def _key(self) -> None:
            if self._typed == len(text):
                self._timer.stop()
                if quit_at_end:
                    self.close()
                return
            event = QInputMethodEvent()
            event.setCommitString(text[self._typed])
            QApplication.sendEvent(self.editor.body, event)
            self._typed += 1
            say("typed", self._typed)

    return TypingWindow


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("text")
    parser.add_argument("--interval", type=int, default=30)
    parser.add_argument("--quit", action="store_true")
    args = parser.parse_args()
    main_window.MainWindow = typing_window(args.text, args.interval, args.quit)
    return app.run(Path(args.data_dir))


if __name__ == "__main__":
    sys.exit(main())
