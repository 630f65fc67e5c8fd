"""The facade's own writers: kg.write and kg.to_html write one export whole and never over an input."""

from __future__ import annotations

import shutil

import pytest

from kgraph.errors import UsageError
from kgraph.export import FORMATS, render
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.output import OutputError

from ..helpers import SEEDS


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_write_writes_what_the_export_renders(kg, tmp_path, fmt):
    path = tmp_path / FORMATS[fmt].file
    kg.write(fmt, path)
    assert path.read_bytes() == render(kg.graph, fmt)


def test_write_refuses_an_unknown_format(kg, tmp_path):
    with pytest.raises(UsageError, match="unknown format 'gephi'"):
        kg.write("gephi", tmp_path / "x")
    assert not (tmp_path / "x").exists()


@pytest.mark.hostile
@pytest.mark.parametrize("writer", ["write", "to_html"])
def test_the_facade_never_writes_over_an_input(tmp_path, writer):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    kg = KnowledgeGraph.load(corpus)
    target = corpus / "registry.yaml"
    before = target.read_bytes()
    with pytest.raises(OutputError):
        kg.write("json", target) if writer == "write" else kg.to_html(target)
    assert target.read_bytes() == before
