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


def test_figures_give_bounds_columns_beside_their_readable_companion():
    figures = [
        {"measure": "killed", "value": 2, "evidence": [{"quote": "q", "claimed_by": ["x"]}]},
        {"measure": "killed", "min": 2, "max": 5, "evidence": [{"quote": "r", "claimed_by": ["y"]}]},
        {"measure": "killed", "value": 900, "evidence": [{"quote": "s", "stance": "disputes"}]},
        {"measure": "population", "value": 20000, "qualifier": "about", "evidence": []},
        {"measure": "distance", "max": 5, "qualifier": "at_most", "evidence": []},
    ]
    flat = flatten({"figures": figures})
    assert list(flat) == [
        "figures",
        "figures_text",
        "killed_min",
        "killed_max",
        "population_min",
        "population_max",
        "distance_max",
    ]
    assert (flat["killed_min"], flat["killed_max"]) == (
        2,
        5,
    )  # the lowest and highest any claim allows; 900 is disputed
    assert (flat["population_min"], flat["population_max"]) == (20000, 20000)  # "about" keeps its value as both
    assert "distance_min" not in flat  # "at most 5": the lower bound is open
    assert flat["figures_text"].startswith("killed: 2 (claimed by x); killed: between 2 and 5 (claimed by y)")


def test_an_open_bound_in_any_claim_leaves_the_column_out():
    flat = flatten({"figures": [{"measure": "killed", "value": 2}, {"measure": "killed", "min": 200}]})
    assert (flat["killed_min"], "killed_max" in flat) == (2, False)


def test_a_figure_every_quote_of_which_denies_it_gives_no_bounds():
    denied = {"measure": "killed", "value": 300, "evidence": [{"quote": "q", "stance": "denies"}]}
    assert "killed_max" not in flatten({"figures": [denied]})
    disputed = {"measure": "killed", "value": 300, "evidence": [{"quote": "q", "stance": "disputes"}]}
    assert "killed_max" not in flatten({"figures": [disputed]})
    flat = flatten({"figures": [denied, {"measure": "killed", "value": 3, "evidence": [{"quote": "r"}]}]})
    assert (flat["killed_min"], flat["killed_max"]) == (3, 3)
    assert "killed: 300 (denies)" in flat["figures_text"]


def test_another_unit_gets_a_column_of_its_own():
    flat = flatten(
        {"figures": [{"measure": "distance", "value": 5}, {"measure": "distance", "value": 300, "unit": "m"}]}
    )
    assert (flat["distance_max"], flat["distance_m_max"]) == (5, 300)


def test_bounds_columns_never_overwrite_an_attribute_and_skip_what_is_not_a_number():
    flat = flatten({"figures": [{"measure": "killed", "value": 2}], "killed_min": "mine"})
    assert flat["killed_min"] == "mine"
    odd = [{"measure": "killed", "value": "two"}, {"measure": "x", "min": float("nan")}, {"value": 1}, "text", None]
    assert [k for k in flatten({"figures": odd}) if k.endswith(("_min", "_max"))] == []
    assert flatten({"figures": [{"measure": "huge", "value": 10**30}]})["huge_max"] == 1e30  # too big for a long


def test_figures_columns_take_one_type_across_a_table():
    table = Table.of_nodes(
        [
            ("a", {"figures": [{"measure": "killed", "value": 2}]}),
            ("b", {"figures": [{"measure": "killed", "value": 2.5}]}),
        ]
    )
    assert table.types["killed_min"] == "double"
    assert [row["killed_min"] for _, row in table.rows] == [2.0, 2.5]
