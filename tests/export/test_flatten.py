"""Flattening values for file formats: the rules every export follows."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kgraph.export.flatten import GEPHI_EDGE_NAMES, GEPHI_NODE_NAMES, Table, flatten, name_token, unify
from kgraph.graph.attributes import readable

from ..helpers import hostile_graph


def test_scalars_stay_and_none_is_left_out():
    assert flatten({"a": 1, "b": 2.5, "c": True, "d": "x", "e": None}) == {"a": 1, "b": 2.5, "c": True, "d": "x"}


def test_dates_become_iso_text():
    assert flatten({"when": date(2023, 7, 12)}) == {"when": "2023-07-12"}


def test_lists_and_dicts_become_json_with_a_readable_companion():
    flat = flatten({"aliases": [{"name": "Shushi", "lang": "hy-Latn"}], "ids": {"wikidata": "Q227"}})
    assert flat == {
        "aliases": '[{"name":"Shushi","lang":"hy-Latn"}]',
        "aliases_text": "Shushi (hy-Latn)",
        "ids": '{"wikidata":"Q227"}',
        "ids_text": "wikidata: Q227",
    }


def test_a_companion_never_overwrites_an_attribute():
    assert flatten({"tags": ["a"], "tags_text": "mine"}) == {"tags": '["a"]', "tags_text": "mine"}


def test_evidence_reads_as_quotes_with_claimants():
    text = readable("evidence", [{"quote": "q1", "source": "s"}, {"quote": "q2", "source": "s", "claimed_by": "p"}])
    assert text == "“q1” (s); “q2” (s; claimed by p)"


def test_names_become_name_tokens():
    assert name_token("date of birth") == "date_of_birth"
    assert name_token("a/b:c") == "a_b_c"
    assert flatten({"two words": 1}) == {"two_words": 1}


def test_gephi_special_names_are_renamed():
    assert flatten({"x": "not a coordinate", "label": "kept"}, GEPHI_NODE_NAMES - {"label"}) == {
        "attr_x": "not a coordinate",
        "label": "kept",
    }
    assert flatten({"id": "e1", "weight": 3}, GEPHI_EDGE_NAMES) == {"attr_id": "e1", "attr_weight": 3}


def test_one_type_per_name_across_nodes_and_edges():
    table = Table([("a", {"n": 1, "m": "x"}), ("b", {"n": 2.5, "m": 3})], [("e", {"n": 4, "flag": True})])
    assert table.types == {"n": "double", "m": "string", "flag": "boolean"}
    assert table.rows == [("a", {"n": 1.0, "m": "x"}), ("b", {"n": 2.5, "m": "3"})]
    assert table.edge_rows == [("e", {"n": 4.0, "flag": True})]


def test_the_hostile_graph_flattens_to_scalars():
    graph = hostile_graph()
    table = Table(
        [(n, flatten(d)) for n, d in graph.nodes(data=True)],
        [(k, flatten(d)) for *_, k, d in graph.edges(keys=True, data=True)],
    )
    for _, row in [*table.rows, *table.edge_rows]:
        for name, value in row.items():
            assert isinstance(value, str | int | float | bool)
            assert {"boolean": bool, "long": int, "double": float, "string": str}[table.types[name]] is type(value)


#: The types of the file formats, narrowest first, and the types whose values each can hold.
NARROWEST_FIRST = ["boolean", "long", "double", "string"]
HOLDS = {
    "boolean": {"boolean"},
    "long": {"long"},
    "double": {"long", "double"},
    "string": {"boolean", "long", "double", "string"},
}


@given(st.lists(st.sampled_from(NARROWEST_FIRST), min_size=1))
def test_unify_is_order_independent(types):
    """The same type whatever the order, and the narrowest one that holds every value (not merely a safe constant)."""
    result = unify(types)
    assert result == unify(reversed(types)) == unify(sorted(types))
    assert result == next(t for t in NARROWEST_FIRST if set(types) <= HOLDS[t])
