"""Where things are: the user's data folder and the bundled resources (路径).

One resolver for resources, frozen (PyInstaller) or not; nothing else in the
project looks at ``sys._MEIPASS``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ReportDesk"
DB_NAME = "reportdesk.db"
DATA_DIR_ENV = "REPORTDESK_DATA_DIR"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, in the source tree or inside the bundle."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The folder that holds the database: --data-dir, then the environment, then the OS default."""
    if override:
        return Path(override)
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def write_error_log(folder: str | os.PathLike | None, text: str, kind: str = "error") -> Path | None:
    """Save an unexpected error's details under the data folder's logs/; the file, or None if it cannot be written.

    The window and the command line both show the clerk a short message and
    point to this file, never a traceback.  Names carry microseconds and are
    created exclusively (a counter on a clash), so logs never overwrite each other.
    """
    logs = data_dir(folder) / "logs"
    stamp = _log_stamp()
    try:
        logs.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for n in range(1, 1000):
        log = logs / (f"{kind}-{stamp}.txt" if n == 1 else f"{kind}-{stamp}-{n}.txt")
        try:
            with open(log, "x", encoding="utf-8") as f:
                f.write(text)
        except FileExistsError:
            continue
        except OSError:
            return None
        return log
    return None


def _log_stamp() -> str:
    from datetime import datetime

    return f"{datetime.now():%Y%m%d-%H%M%S-%f}"
