"""The screenshot script behind the README's pictures still runs against the window as it is."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from conftest import ROOT


def test_the_screenshot_script_saves_every_state_at_one_size(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "screenshots.py"), str(tmp_path / "shots"),
                           "--sizes", "1024x700"], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    names = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert names == sorted(f"1024x700-{state}.png" for state in
                           ("sample", "item", "find", "rename", "deleted", "grid", "last-year", "guide"))
    for name in names:
        image = QImage(str(tmp_path / "shots" / name))
        size = (image.width(), image.height())
        assert size == ((620, 520) if "guide" in name else (1024, 700)), name  # the guide is its own window
