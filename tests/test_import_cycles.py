"""No import circles inside ui/, export/ nor model/: each module's imports, type-only and lazy ones included.

A circle hidden behind ``if TYPE_CHECKING`` or an import inside a function
still ties two modules together: one cannot be understood, tested or replaced
without the other.  A subpackage counts (``model.draft``): its ``__init__`` is
the module ``model.draft``, each of its files a module of its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT


def _imports(path: Path, package: str) -> set[str]:
    """The first-party modules of ``package`` that ``path`` imports, at any depth of its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == package or node.module.startswith(package + "."):
                # "from model.draft import reader" may name a module: count it (a name that is none is harmless)
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
            if node.module.startswith(package + "."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith(package + ".")}
    return found


def _module_name(path: Path, folder: Path, package: str) -> str:
    parts = path.relative_to(folder).with_suffix("").parts
    return ".".join((package, *parts[:-1], *([] if parts[-1] == "__init__" else parts[-1:])))


def import_graph(folder: Path, package: str) -> dict[str, set[str]]:
    """Module → the first-party modules it imports, for every file of ``folder`` and its subpackages."""
    graph = {}
    for path in sorted(folder.rglob("*.py")):
        name = _module_name(path, folder, package)
        graph[name] = _imports(path, package) - {name}  # a package naming its own attribute is no circle
    graph.pop(package, None)  # the top package's __init__: every module passes through it
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of imports as [a, b, …, a], or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for dep in sorted(graph.get(module, ())):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        path.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return []


def test_the_finder_sees_a_circle(tmp_path):
    (tmp_path / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ui.b import B\n")
    (tmp_path / "b.py").write_text("from ui import a\n")
    assert find_cycle(import_graph(tmp_path, "ui")) == ["ui.a", "ui.b", "ui.a"]


def test_the_finder_sees_a_lazy_circle_through_a_subpackage(tmp_path):
    (tmp_path / "fields.py").write_text("def render():\n    from model.phrases import text\n")
    (tmp_path / "phrases.py").write_text("from model.sub import helper\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "__init__.py").write_text("from model.sub.inner import helper\n")
    (tmp_path / "sub" / "inner.py").write_text("from model.fields import render\n")
    assert find_cycle(import_graph(tmp_path, "model")) == [
        "model.fields", "model.phrases", "model.sub", "model.sub.inner", "model.fields"]


@pytest.mark.parametrize("package", ["ui", "export", "model"])
def test_no_import_cycle(package):
    graph = import_graph(ROOT / package, package)
    assert graph, package
    assert find_cycle(graph) == []
