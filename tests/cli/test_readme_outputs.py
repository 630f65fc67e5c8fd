"""The command outputs the README shows are what the commands print."""

from __future__ import annotations

import re
import shlex

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
