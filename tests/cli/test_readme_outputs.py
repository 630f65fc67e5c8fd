"""The command outputs the README shows are what the commands print."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from ..helpers import ROOT, kgraph_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHOWN = re.findall(r"^\$ kgraph (.+)\n((?:(?!\$ |```).*\n)+)", README, re.M)


def test_the_readme_shows_command_outputs():
    assert len(SHOWN) >= 2


@pytest.mark.parametrize(("command", "output"), SHOWN, ids=[c for c, _ in SHOWN])
def test_a_command_prints_what_the_readme_shows(command, output):
    result = kgraph_cli(*shlex.split(command))
    assert (result.returncode, result.stdout) == (0, output)


def test_validate_reports_the_three_mistakes_the_readme_shows(tmp_path):
    shown = re.search(r"a key written twice \(`\w+`\):\n\n```\n(.*?)```", README, re.S)
    assert shown is not None
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    blockade, registry = tmp_path / "seeds/2023-07-blockade/annotations.yaml", tmp_path / "seeds/registry.yaml"
    _edit(blockade, 201, "actor: icrc,", "actor: icrcc,")
    _edit(blockade, 355, "type: march", "type: marhc")
    _edit(registry, 55, "kind: city", "kind: city\n    kind: city")
    result = kgraph_cli("validate", "seeds", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, shown.group(1))


def _edit(path: Path, number: int, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` on line ``number`` of ``path``, where it must be."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], (path, number, lines[number - 1])
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
