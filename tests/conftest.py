"""Fixtures that isolate every test: data, settings and Qt in tmp_path, offscreen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"
# ../shared beside the project; REPORTDESK_SHARED points elsewhere (a worktree one level deeper)
SHARED = Path(os.environ.get("REPORTDESK_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path, monkeypatch):
    """Every test gets its own data folder and its own Qt settings folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("REPORTDESK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return data


@pytest.fixture
def store():
    from model.store import Store

    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the project; the test is skipped on a fresh clone without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture
def editor(qtbot):
    """A shown NodeEditor (ui tests only: Qt is imported when a test asks for it)."""
    from ui_helpers import shown_editor

    return shown_editor(qtbot)


@pytest.fixture
def node_in(editor):
    """The editor showing the usual item: three filled numbers and two blanks."""
    from ui_helpers import make_node, open_node

    return open_node(editor, make_node())
