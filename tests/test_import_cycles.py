"""No import circles inside ui/ nor export/: each module's imports, type-only ones included.

A circle hidden behind ``if TYPE_CHECKING`` still ties two modules together:
one cannot be understood, tested or replaced without the other.
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
            if node.module == package:
                found |= {f"{package}.{alias.name}" for alias in node.names}
            elif node.module.startswith(package + "."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith(package + ".")}
    return found


def import_graph(folder: Path, package: str) -> dict[str, set[str]]:
    return {f"{package}.{p.stem}": _imports(p, package) for p in folder.glob("*.py") if p.stem != "__init__"}


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


@pytest.mark.parametrize("package", ["ui", "export"])
def test_no_import_cycle(package):
    graph = import_graph(ROOT / package, package)
    assert graph, package
    assert find_cycle(graph) == []
