"""Names in messages cannot forge a line of output or drive the terminal: control characters are escaped."""

from __future__ import annotations

import shutil

import pytest

from ..helpers import FIXTURES, kgraph_cli


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (
            "registry.yaml\nfake.yaml:1: all good, 0 problems\n.yaml",
            "registry.yaml\\nfake.yaml:1: all good, 0 problems\\n.yaml",
        ),
        ("red\x1b[31mtext.yaml", "red\\x1b[31mtext.yaml"),
        ("right\u202eto-left.yaml", "right\\u202eto-left.yaml"),
    ],
)
def test_a_file_name_with_control_characters_is_escaped_in_every_message(tmp_path, name, shown):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid", corpus)
    (corpus / name).write_text("persons:\n  - id: Bad Id\n    name: Someone\n", encoding="utf-8")
    result = kgraph_cli("validate", str(corpus), limited=True)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        lines[0]
        == f"{corpus}/{shown}:2: persons[0].id: invalid id 'Bad Id': ids are lowercase words joined by hyphens, such as 'bad-id'"
    )
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert lines[-1] == "1 problem in 1 file"
