"""The package's import graph has no cycle, counting every import: at module level, inside functions, and those
made only for type checking. Data flows one way through the stages, so no module needs one that needs it back."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from .helpers import ROOT

PACKAGE = ROOT / "kgraph"


def module_name(path: Path, package_root: Path = PACKAGE) -> str:
    """``kgraph/query/paths.py`` -> ``kgraph.query.paths``; a package's ``__init__.py`` is the package."""
    parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The modules of the package that ``tree`` imports, anywhere in it (functions and TYPE_CHECKING blocks too)."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # "from kgraph.query import paths" imports the module kgraph.query.paths
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for name in names:
            target = name
            while target and target not in known:  # "kgraph.errors.Problem" -> "kgraph.errors"
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def import_graph(package_root: Path = PACKAGE) -> nx.DiGraph:
    """Modules of the package as nodes, an edge from each module to every module of the package it imports."""
    files = sorted(package_root.rglob("*.py"))
    known = {module_name(f, package_root) for f in files}
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for file in files:
        module = module_name(file, package_root)
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for target in imported(tree, module, file.name == "__init__.py", known):
            graph.add_edge(module, target)
    return graph


def cycles(graph: nx.DiGraph) -> list[list[str]]:
    """Every cycle among modules, each listed once, or an empty list."""
    return [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]


def test_the_package_has_no_import_cycle():
    found = cycles(import_graph())
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_a_cycle_put_back_is_found(tmp_path):
    package = tmp_path / "kgraph"
    (package / "graph").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "graph" / "__init__.py").write_text("")
    (package / "graph" / "knowledge.py").write_text("from kgraph.graph import index\n")
    (package / "graph" / "index.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kgraph.graph.knowledge import KnowledgeGraph\n"
    )
    assert cycles(import_graph(package)) == [["kgraph.graph.index", "kgraph.graph.knowledge"]]


def test_imports_inside_functions_and_relative_imports_count(tmp_path):
    package = tmp_path / "kgraph"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from . import b\n")
    (package / "b.py").write_text("def g():\n    import kgraph.a\n")
    assert cycles(import_graph(package)) == [["kgraph.a", "kgraph.b"]]
