"""The graph layer names its attributes and how each list or dict reads as text; the exports follow it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.export.flatten import flatten
from kgraph.export.html import PANEL_FIELDS
from kgraph.graph.attributes import (
    DATE_ATTRIBUTES,
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    READABLE,
    plain_text,
    readable,
)
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import hostile_graph

PACKAGE = Path(__file__).resolve().parents[2] / "kgraph"


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def _items(kg: KnowledgeGraph) -> list[tuple[str, dict[str, object]]]:
    return [("node", d) for _, d in kg.graph.nodes(data=True)] + [
        ("edge", d) for *_, d in kg.graph.edges(keys=True, data=True)
    ]


def test_every_list_or_dict_attribute_of_the_seed_graph_has_a_formatter(kg):
    structured = {name for _, data in _items(kg) for name, value in data.items() if isinstance(value, list | dict)}
    assert structured, "the seed graph has list and dict attributes"
    assert structured <= set(READABLE), structured - set(READABLE)


def test_every_attribute_of_the_seed_graph_is_named_by_the_graph_layer(kg):
    named = {"node": set(NODE_ATTRIBUTES), "edge": set(EDGE_ATTRIBUTES)}
    for where, data in _items(kg):
        assert set(data) <= named[where], (where, set(data) - named[where])
    assert set(READABLE) <= named["node"] | named["edge"]


def test_the_seed_companions_are_written_by_the_table(kg):
    for _, data in _items(kg):
        flat = flatten(data)
        for name, value in data.items():
            if isinstance(value, list | dict):
                assert flat[f"{name}_text"] == READABLE[name](value)


def test_each_kgraph_attribute_reads_in_its_own_way():
    evidence = [
        {"quote": "q1", "source": "s"},
        {"quote": "q2", "source": "s", "claimed_by": "p", "note": "n"},
        {"quote": "q3", "claimed_by": "p"},
        {"quote": "q4"},
    ]
    assert READABLE["evidence"](evidence) == "“q1” (s); “q2” (s; claimed by p); “q3” (claimed by p); “q4”"
    assert READABLE["aliases"]([{"name": "Shushi", "lang": "hy-Latn"}, {"name": "Shusha", "note": "n"}]) == (
        "Shushi (hy-Latn); Shusha"
    )
    assert READABLE["participants"]([{"actor": "a", "role": "speaker"}, {"actor": "b", "role": "target"}]) == (
        "a (speaker); b (target)"
    )
    assert READABLE["external_ids"]({"wikidata": "Q227", "geonames": "1"}) == "wikidata: Q227, geonames: 1"
    assert READABLE["sources"](["doc-1", "doc-2"]) == "doc-1; doc-2"


def test_a_foreign_attribute_gets_the_generic_join_whatever_its_keys():
    """Attributes kgraph does not define are never recognised by their dicts' keys."""
    flat = flatten(
        {
            "quotes": [{"quote": "q", "source": "s"}],
            "names": [{"name": "N", "lang": "en"}],
            "pairs": [{"actor": "a", "role": "r"}],
            "tags": {"b", "a"},
        }
    )
    assert flat["quotes_text"] == "quote: q, source: s"
    assert flat["names_text"] == "name: N, lang: en"
    assert flat["pairs_text"] == "actor: a, role: r"
    assert flat["tags_text"] == "a; b"
    assert readable("unknown", [{"quote": "q"}]) == plain_text([{"quote": "q"}]) == "quote: q"


@pytest.mark.hostile
def test_the_hostile_graph_keeps_its_companions():
    graph = hostile_graph()
    node = flatten(graph.nodes["a"])
    assert (node["tags_text"], node["meta_text"]) == ("x; y", "k: 1; 2, when: 2023")
    edge = flatten(graph.edges["a", "b", "opposes"])
    assert edge["evidence_text"] == "“opposes & <evidence>” (s; claimed by a)"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@pytest.mark.hostile
@given(st.sampled_from(sorted(READABLE)), json_values)
def test_every_formatter_takes_any_value(name, value):
    assert isinstance(READABLE[name](value), str)


def test_the_explorer_panel_shows_the_dates_the_graph_layer_names():
    for fields in PANEL_FIELDS.values():
        start = fields.index(DATE_ATTRIBUTES[0])
        assert fields[start : start + len(DATE_ATTRIBUTES)] == DATE_ATTRIBUTES


def test_why_an_edge_kind_becomes_category_is_said_once():
    """graphology's reason for ``category`` stands in the module that renames ``kind``, and nowhere else."""
    saying = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file() and path.suffix in (".py", ".js", ".html") and "graphology" in path.read_text("utf-8")
    ]
    assert saying == ["export/prepare.py"]
