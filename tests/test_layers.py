"""The layers hold: model/ and export/ and the command line run without Qt."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys

from conftest import ROOT


def _modules(package: str) -> list[str]:
    return [f"{package}.{m.name}" for m in pkgutil.iter_modules([str(ROOT / package)])]


def _loads_qt(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('PySide6' in sys.modules)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def test_model_and_export_import_without_pyside6():
    draft = [f"model.draft.{m.name}" for m in pkgutil.iter_modules([str(ROOT / "model" / "draft")])]
    modules = _modules("model") + draft + _modules("export")
    assert "model.store" in modules and "export.word" in modules and "model.draft.finder" in modules
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    assert _loads_qt(code) == "False"


def test_command_line_runs_without_pyside6(tmp_path):
    code = (
        "import sys, main\n"
        f"rc = main.main(['--data-dir', {str(tmp_path)!r}, 'list'])\n"
        "assert rc == 0, rc\n"
    )
    assert _loads_qt(code) == "False"


def test_no_pyside6_import_statement_outside_ui():
    offenders = []
    for folder in ("model", "export"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"^\s*(from|import)\s+PySide6", text, re.MULTILINE):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


_INSIDE_DRAFT = re.compile(r"^\s*(?:from\s+model\.draft\.\w+|import\s+model\.draft\.\w+|from\s+model\.draft\s+import\s+"
                           r"(?:reader|docx_\w+|textdraft|outline|levels|matter|paragraphs|finder|rules|units|patterns)\b)",
                           re.MULTILINE)


def test_the_window_export_and_command_line_use_only_the_importers_public_entry():
    """ui/, export/, main.py and the domain import ``model.draft`` itself, never the modules inside it."""
    offenders = []
    paths = [ROOT / "main.py", *(ROOT / "ui").rglob("*.py"), *(ROOT / "export").rglob("*.py"),
             *(p for p in (ROOT / "model").glob("*.py"))]
    for path in paths:
        if _INSIDE_DRAFT.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
    assert _INSIDE_DRAFT.search("from model.draft.finder import scan")  # the check itself sees an offender
