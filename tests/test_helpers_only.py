"""Test files share code through ``tests/helpers.py`` only: no test file imports from another test file."""

from __future__ import annotations

import ast
from pathlib import Path

from .helpers import ROOT

TESTS = ROOT / "tests"


def imported_test_modules(path: Path) -> list[str]:
    """The ``test_*`` modules that a Python file imports (``from .test_x import y``, ``from . import test_x``, ...)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            modules = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [m for m in modules if any(part.startswith("test_") for part in m.split("."))]
    return found


def test_no_test_file_imports_another() -> None:
    files = [p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts]
    offenders = {str(p.relative_to(ROOT)): imported_test_modules(p) for p in files}
    assert {name: modules for name, modules in offenders.items() if modules} == {}


def test_the_check_sees_every_form_of_import(tmp_path: Path) -> None:
    source = tmp_path / "test_a.py"
    source.write_text(
        "from .test_b import x\nfrom . import test_c\nimport tests.export.test_d\nfrom ..helpers import y\n"
    )
    assert imported_test_modules(source) == [".test_b", ".test_b.x", "..test_c", "tests.export.test_d"]
