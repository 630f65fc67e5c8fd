"""A build's set of files, swapped in whole: where it cannot be, what the folder keeps, and errors as messages."""

from __future__ import annotations

import os
import shutil

import pytest

from kgraph.export import FILES, build, render_all
from kgraph.export import folder as outfolder
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.output import OutputError

from ..helpers import SEEDS, kgraph_cli


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def test_a_build_over_an_earlier_one_is_an_atomic_exchange_here(kg, tmp_path, monkeypatch):
    """The kill tests show whole sets only because the folders are exchanged in one step: check that they are."""
    out = tmp_path / "out"
    build(kg.graph, out)
    exchanged = []
    real_exchange = outfolder._exchange
    monkeypatch.setattr(outfolder, "_exchange", lambda a, b: exchanged.append(real_exchange(a, b)) or exchanged[-1])
    build(kg.graph, out)
    assert exchanged == [True]


def test_files_added_to_the_folder_during_a_build_are_kept(kg, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(kg.graph, out)
    real_fill = outfolder._fill

    def fill_then_a_user_adds_a_file(*args, **kwargs):
        kept = real_fill(*args, **kwargs)
        (out / "notes.txt").write_text("written while kgraph was building\n")
        return kept

    monkeypatch.setattr(outfolder, "_fill", fill_then_a_user_adds_a_file)
    build(kg.graph, out)
    assert (out / "notes.txt").read_text() == "written while kgraph was building\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can build into a folder another user owns")
def test_a_build_as_root_keeps_the_folder_owner(kg, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.chown(out, 65534, 65534)
    build(kg.graph, out)
    info = out.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES.values())


@pytest.mark.hostile
def test_an_output_folder_that_cannot_be_listed_is_a_message(kg, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path) == os.fspath(out):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(OutputError, match="Permission denied"):
        build(kg.graph, out)


@pytest.mark.hostile
@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None, reason="running as root, and setpriv is missing"
)
def test_a_folder_whose_parent_cannot_be_written_is_built_file_by_file(kg, tmp_path):
    """/var/www/exports under a /var/www the user cannot write: the temporary folder goes inside the folder."""
    parent = tmp_path / "www"
    out = parent / "exports"
    out.mkdir(parents=True)
    (out / "graph.json").write_bytes(b"old")
    parent.chmod(0o555)
    try:
        result = kgraph_cli("build", str(SEEDS), "--out", str(out), "-q", obeying_permissions=True, limited=True)
    finally:
        parent.chmod(0o755)
    assert result.returncode == 0, result.stderr
    files = render_all(kg.graph)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == files
    assert sorted(p.name for p in parent.iterdir()) == ["exports"]
