"""The graph layer names its attributes and how each list or dict reads as text; the exports follow it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
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


def test_evidence_reads_with_its_stance_claimants_and_relayers():
    denial = {
        "quote": "It has denied it",
        "source": "doc",
        "stance": "denies",
        "claimed_by": ["a", "b"],
        "via": ["c", "d"],
    }
    assert READABLE["evidence"]([denial]) == "“It has denied it” (doc; claimed by a, b via c, d; denies)"
    assert READABLE["evidence"]([{"quote": "q", "stance": "disputes"}]) == "“q” (disputes)"
    assert READABLE["evidence"]([{"quote": "q", "stance": "supports", "via": "c"}]) == "“q” (via c)"
    assert READABLE["evidence"]([{"quote": "q", "claimed_by": "a"}]) == "“q” (claimed by a)"  # one id, as before


def test_figures_read_as_measure_amount_and_who_claims_them():
    figures = [
        {"measure": "killed", "value": 2, "counts": "soldiers", "evidence": [{"quote": "q", "claimed_by": ["x"]}]},
        {
            "measure": "killed",
            "min": 2,
            "max": 5,
            "evidence": [{"quote": "r", "stance": "disputes", "claimed_by": "y"}],
        },
        {"measure": "population", "value": 20000, "qualifier": "about", "evidence": [{"quote": "s", "source": "d"}]},
        {"measure": "distance", "max": 5, "qualifier": "at_most", "evidence": []},
        {"measure": "distance", "min": 2, "max": 5, "unit": "m", "evidence": []},
        {"measure": "wounded", "min": 200, "qualifier": "more_than", "evidence": []},
        {"measure": "crowd", "min": 1000, "max": 2000, "qualifier": "about", "evidence": []},
        {"measure": "quantity", "value": 2.5, "unit": "tonnes", "evidence": []},
    ]
    assert READABLE["figures"](figures) == (
        "killed: 2 soldiers (claimed by x); killed: between 2 and 5 (claimed by y; disputes);"
        " population: about 20,000; distance: at most 5 km; distance: between 2 and 5 m; wounded: more than 200;"
        " crowd: about 1,000 to 2,000; quantity: 2.5 tonnes"
    )


def test_history_reads_as_states_with_their_sources():
    history = [
        {"source": "doc-a", "status": "predicted", "date": "[2020-10-29..]"},
        {"source": "doc-b", "status": "occurred", "date": "2020-11-08"},
    ]
    assert READABLE["history"](history) == "predicted [2020-10-29..] (doc-a) → occurred 2020-11-08 (doc-b)"
    assert READABLE["history"]([{"status": "ongoing", "date": "2020"}]) == "ongoing 2020"


def test_what_a_later_document_added_names_its_source():
    assert READABLE["participants"]([{"actor": "a", "role": "affected", "source": "doc-b"}]) == "a (affected; doc-b)"
    assert READABLE["aliases"]([{"name": "Shushi", "source": "doc-b"}]) == "Shushi (doc-b)"


def test_the_claims_corpus_reads_in_the_data_table(claims):
    flat = {n: flatten(d) for n, d in claims.graph.nodes(data=True)}
    assert flat["soldiers-killed"]["figures_text"] == (
        "killed: 2 (claimed by ministry); killed: between 2 and 5 (claimed by rebels; disputes)"
    )
    assert flat["fall-of-town"]["history_text"] == "predicted [2020-10-29..] (doc-a) → occurred 2020-11-08 (doc-b)"
    edge = flatten(claims.graph.edges["army", "region", "army--located-in--region"])
    assert edge["evidence_text"] == (
        "“The republic has denied the presence of its forces in the region”"
        " (doc-b; claimed by republic via foreign-ministry, defence-ministry; denies)"
    )


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


#: Dicts shaped like figures, evidence and states, with any value under each key kgraph's formatters read.
odd_items = st.lists(
    st.dictionaries(
        st.sampled_from(
            [
                "measure",
                "value",
                "min",
                "max",
                "qualifier",
                "unit",
                "counts",
                "evidence",
                "note",
                "quote",
                "source",
                "stance",
                "claimed_by",
                "via",
                "status",
                "date",
                "actor",
                "role",
                "name",
                "lang",
            ]
        ),
        json_values | st.integers(-(10**5000), 10**5000) | st.floats(),
        max_size=8,
    ),
    max_size=3,
)


@pytest.mark.hostile
@given(st.sampled_from(sorted(READABLE)), odd_items)
def test_every_formatter_takes_items_with_odd_values_under_its_own_keys(name, value):
    """Figures with text for numbers, infinite or 5,000-digit values, evidence that is not a list, ...: text, never an error."""
    assert isinstance(READABLE[name](value), str)
    assert isinstance(READABLE[name]([{**item, "evidence": value} for item in value]), str)


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


_TEXT = st.one_of(st.none(), st.text(max_size=6), st.sampled_from(["", "supports", "denies", "disputes"]))
_IDS = st.one_of(st.none(), st.text(max_size=4), st.lists(st.one_of(st.text(max_size=4), st.none()), max_size=3))


@example(quote="q", source="s", stance="denies", claimed_by=None, via=["r"])
@example(quote="q", source="", stance="", claimed_by=["a", "b"], via=["r"])
@example(quote="q", source="s", stance=None, claimed_by=["a", ""], via=[None, "r"])
@given(
    quote=st.one_of(st.text(max_size=8), st.integers()),
    source=_TEXT,
    stance=_TEXT,
    claimed_by=_IDS,
    via=_IDS,
)
def test_evidence_reads_the_same_on_the_fast_path_and_the_general_one(quote, source, stance, claimed_by, via):
    from kgraph.graph.attributes import evidence_text

    item = {"quote": quote, "source": source, "stance": stance, "claimed_by": claimed_by, "via": via}
    item = {k: v for k, v in item.items() if v is not None or k == "source"}
    same = "{}".format  # a namer that is not str itself takes the general path
    general = evidence_text(item, name=same, source=same)
    assert evidence_text(item) == general
