"""The facade's own writers: kg.write and kg.to_html write one export whole and never over an input."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from kgraph.errors import UsageError
from kgraph.export import FOLDERS, FORMATS, render
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.output import OutputError

from ..helpers import SEEDS, folder_files


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


@pytest.mark.parametrize("fmt", [name for name in FORMATS if name not in FOLDERS])
def test_write_writes_what_the_export_renders(kg, tmp_path, fmt):
    path = tmp_path / FORMATS[fmt].file
    kg.write(fmt, path)
    assert path.read_bytes() == render(kg.graph, fmt)


@pytest.mark.parametrize("fmt", FOLDERS)
def test_write_of_a_folder_format_writes_its_files(kg, tmp_path, fmt):
    path = tmp_path / FORMATS[fmt].file
    kg.write(fmt, path)
    assert {p.name: p.read_bytes() for p in path.iterdir()} == folder_files(kg.graph, fmt)
    with pytest.raises(UsageError, match="writes a folder of files"):
        render(kg.graph, fmt)


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


def test_as_of_is_a_knowledge_graph_of_the_corpus_as_known_that_day_made_once(kg):
    earlier = kg.as_of("2020-10-30")
    assert isinstance(earlier, KnowledgeGraph)
    assert earlier is kg.as_of(date(2020, 10, 30))
    assert sorted(earlier.corpus.sources) == ["2020-10-shusha-appeal"]
    assert set(earlier.graph.nodes) < set(kg.graph.nodes)
    assert earlier.graph.nodes == KnowledgeGraph(kg.corpus.as_of("2020-10-30")).graph.nodes


def test_as_of_refuses_what_is_not_a_day(kg):
    with pytest.raises(UsageError, match=r"as of '2020-10-30/\.\.': it has no end; give a day such as '2020-11-10'"):
        kg.as_of("2020-10-30/..")


def test_the_facade_answers_every_query_as_of_a_day(kg):
    """Its query methods (inherited from kgraph.query.facade) each take as_of."""
    import inspect

    queries = [
        name
        for name, f in inspect.getmembers(KnowledgeGraph, inspect.isfunction)
        if "as_of" in str(inspect.signature(f))
    ]
    assert set(queries) >= {
        "connections",
        "why",
        "path",
        "paths",
        "events",
        "timeline",
        "actor_network",
        "snapshot",
        "centrality",
        "communities",
        "disputes",
        "claims",
        "figures",
        "cypher",
    }
    assert kg.events(as_of="2020-10-30") == kg.as_of("2020-10-30").events()
