"""The README's "Project layout" table matches the package's tree, and no module grows past about 300 lines."""

from __future__ import annotations

import re

from .helpers import ROOT

PACKAGE = ROOT / "kgraph"
MAX_LINES = 300


def layout_rows() -> dict[str, str]:
    """The README's layout table: each path in the first column, with the text of the second."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Project layout", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"^\| `([^`]+)` \| (.*) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_every_subpackage_lists_exactly_its_modules():
    rows = layout_rows()
    subpackages = sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert subpackages, "the package has no subpackages"
    for folder in subpackages:
        key = f"kgraph/{folder.name}/"
        assert key in rows, f"the README's layout table has no row for {key}"
        modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
        named = set(re.findall(r"`([a-z_][a-z0-9_]*)`", rows[key]))
        assert modules <= named, f"{key}: the README does not name {sorted(modules - named)}"
        # and names no module that is not there (only the command's own name may stand beside them)
        assert named - modules <= {"kgraph"}, f"{key}: the README names {sorted(named - modules - {'kgraph'})}"


def test_every_top_level_module_and_path_in_the_table_exists():
    rows = layout_rows()
    for path in rows:
        assert (ROOT / path).exists(), f"the README's layout table names {path}, which does not exist"
    for module in PACKAGE.glob("*.py"):
        if module.stem not in ("__init__", "__main__"):
            assert f"kgraph/{module.name}" in rows, f"the README's layout table has no row for kgraph/{module.name}"
    for subfolder in sorted(p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"):
        assert f"kgraph/{subfolder.name}/" in rows


def test_no_module_is_over_300_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_stage_is_an_attribute_of_the_package_after_import_kgraph_alone():
    import subprocess
    import sys

    import kgraph

    stages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert sorted(kgraph._SUBPACKAGES) == stages
    shown = subprocess.run(
        [sys.executable, "-c", "import kgraph; print(sorted(kgraph.export.FORMATS)[0], kgraph.synth.__name__)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert shown.stdout == "acled kgraph.synth\n"
