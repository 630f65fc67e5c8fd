"""Queries on the seed corpus, among them the acceptance questions of the query API."""

from __future__ import annotations

import json

import pytest

import kgraph
from kgraph.errors import NotFoundError, UsageError
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.query.results import Results


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def test_the_human_rights_defender_is_connected_to_the_icrc_through_his_appeal(kg):
    defender = kg.corpus.lookup("Human Rights Defender of Artsakh")
    holder = next(c for c in kg.connections(defender.id) if c.link.type == "holds_office")
    assert holder.entity == "gegham-stepanyan"
    via_appeal = [c for c in kg.connections(holder.entity) if c.entity == "icrc"]
    assert [(c.link.via, c.link.id, c.link.a_roles, c.link.b_roles) for c in via_appeal] == [
        ("event", "stepanyan-appeal-to-icrc", ("speaker",), ("addressee",))
    ]
    two_steps = [c for c in kg.connections(defender.id, depth=2) if c.entity == "icrc"]
    assert [(c.depth, c.link.a, c.link.id) for c in two_steps] == [(2, "gegham-stepanyan", "stepanyan-appeal-to-icrc")]


def test_why_returns_the_quote_and_marks_it_as_his_claim(kg):
    [link] = kg.why("Gegham Stepanyan", "ICRC")
    assert link.id == "stepanyan-appeal-to-icrc"
    quotes = [(e.quote, e.stance, e.claimed_by) for e in link.evidence]
    assert quotes == [
        ("In a social media post Stepanyan urged the International Committee of the Red Cross to", "supports", ()),
        ("sound the alarm of danger and genocide.", "supports", ("gegham-stepanyan",)),
    ]
    assert link.supported


def test_why_reports_relations_in_either_direction_and_places_inside_places(kg):
    assert [link.type for link in kg.why("Artsakh Republic", "Stepanakert")] == ["capital_of"]
    assert [(link.via, link.a_roles) for link in kg.why("Renaissance Square", "Stepanakert")] == [
        ("part_of", ("part",))
    ]
    assert kg.why("Armenpress", "Iran") == []


def test_a_path_joins_harutyunyan_and_the_organizer_of_the_2023_rally(kg):
    organizers = [p.actor for p in kg.corpus.events["stepanakert-rally"].participants if p.role == "organizer"]
    for organizer in organizers:
        path = kg.path("Arayik Harutyunyan", organizer)
        assert path is not None
        assert (path.steps[0].id, path.steps[-1].id) == ("arayik-harutyunyan", organizer)
        assert len(path.hops) == len(path.steps) - 1
        for hop, (a, b) in zip(path.hops, zip(path.steps, path.steps[1:], strict=False), strict=True):
            assert {hop.source, hop.target} == {a.id, b.id}
            assert kg.graph.has_edge(hop.source, hop.target)


def test_all_paths_are_simple_and_shortest_first(kg):
    assert len(kg.paths("Arayik Harutyunyan", "Arthur Osipyan", cutoff=6)) == 14
    paths = kg.paths("Arayik Harutyunyan", "Arthur Osipyan", cutoff=8, limit=10)
    assert len(paths) == 10
    lengths = [len(p.hops) for p in paths]
    assert lengths == sorted(lengths)
    assert lengths[0] == len(kg.path("Arayik Harutyunyan", "Arthur Osipyan").hops)
    for path in paths:
        ids = [s.id for s in path.steps]
        assert len(ids) == len(set(ids))


def test_path_restricted_to_relations(kg):
    path = kg.path("Shushi", "Stepanakert", via="relations")
    assert all(
        kg.graph.edges[h.source, h.target, next(iter(kg.graph[h.source][h.target]))]["kind"] in ("relation", "part_of")
        for h in path.hops
    )
    assert kg.path("Armenpress", "Iran", via="relations") is None


def test_khankendi_finds_stepanakert(kg):
    assert kg.resolve("Khankendi") == "stepanakert"
    assert [e.id for e in kg.events(at="Khankendi")] == [e.id for e in kg.events(at="Stepanakert")]


def test_events_at_stepanakert_include_the_rally_in_renaissance_square(kg):
    found = [e.id for e in kg.events(at="Stepanakert")]
    assert "stepanakert-rally" in found
    assert kg.corpus.events["stepanakert-rally"].place == "renaissance-square"


def test_events_filters_combine(kg):
    assert [e.id for e in kg.events(involving="Azerbaijan", type="blockade")] == [
        "blockade-of-artsakh",
        "ban-on-food-and-goods",
        "icrc-transport-blocked",
    ]
    assert [e.id for e in kg.events(involving=["Stepanyan", "ICRC"])] == ["stepanyan-appeal-to-icrc"]
    assert [e.id for e in kg.events(status="predicted")] == ["capture-of-shusha"]
    assert [e.id for e in kg.events(status=["threatened", "predicted"])] == [
        "capture-of-shusha",
        "threat-to-close-airport",
    ]


def test_the_timeline_puts_2020_before_2023(kg):
    order = [t.event for t in kg.timeline()]
    sources = {e.id: {x.source for x in e.evidence} for e in kg.corpus.events.values()}
    last_2020 = max(i for i, e in enumerate(order) if sources[e] == {"2020-10-shusha-appeal"})
    first_2023 = min(i for i, e in enumerate(order) if sources[e] == {"2023-07-blockade"})
    assert last_2020 < first_2023
    dates = [t.earliest or "0000" for t in kg.timeline()]
    assert dates == sorted(dates)


def test_timeline_entries_carry_precision(kg):
    entries = {t.event: t for t in kg.timeline()}
    assert entries["war-over-karabakh-1990s"].precision == "decade"
    assert entries["stepanakert-rally"].precision == "day"
    assert entries["planned-gathering"].precision == "set"
    assert (entries["blockade-of-artsakh"].earliest, entries["blockade-of-artsakh"].latest) == ("2022-12-01", None)


def test_certainly_inside_and_possibly_overlapping_differ_on_uncertain_dates(kg):
    """In July 2023, the blockade (from around December 2022, still going on) possibly falls, but not certainly."""
    possibly = {e.id for e in kg.events(during=kgraph.overlapping("2023-07"))}
    certainly = {e.id for e in kg.events(during=kgraph.within("2023-07"))}
    assert certainly < possibly
    assert {"blockade-of-artsakh", "ban-on-food-and-goods", "icrc-transport-blocked"} <= possibly - certainly
    assert "stepanakert-rally" in certainly
    # Around September 2020 (2020-~09) may reach into August: possibly in August 2020, never certainly.
    assert "azerbaijani-gains-in-southern-karabakh" in {e.id for e in kg.events(during="2020-08")}
    assert "azerbaijani-gains-in-southern-karabakh" not in {e.id for e in kg.events(during=kgraph.within("2020-08"))}
    assert "azerbaijani-gains-in-southern-karabakh" in {
        e.id for e in kg.events(during=kgraph.within("2020-08/2020-10"))
    }


def test_an_approximate_month_reaches_the_month_before_not_the_year_before(kg):
    """The blockade began around December 2022 (2022-12~/..): possibly in November 2022, not in 2021; the war of
    2020 resumed around September (2020-09~/..): possibly in August 2020, not in 2019."""
    assert "blockade-of-artsakh" in {e.id for e in kg.events(during="2022-11")}
    assert "blockade-of-artsakh" not in {e.id for e in kg.events(during="2022-10")}
    assert "war-over-karabakh-2020" in {e.id for e in kg.events(during="2020-08")}
    assert "war-over-karabakh-2020" not in {e.id for e in kg.events(during="2019")}


def test_a_plain_during_means_overlapping(kg):
    assert kg.events(during="2023-07") == kg.events(during=kgraph.overlapping("2023-07"))
    assert kg.events(during=("2023-07-01", "2023-07-31")) == kg.events(during="2023-07")


def test_connections_in_a_time_window(kg):
    in_2020 = {c.entity for c in kg.connections("Azerbaijan", during=kgraph.within("2020"))}
    in_2023 = {c.entity for c in kg.connections("Azerbaijan", during="2023")}
    assert "azerbaijani-army" in in_2020
    assert "icrc" in in_2023
    assert "icrc" not in in_2020
    # The ICRC's transport has been blocked since 11 July 2023 with no end: never certainly inside 2023.
    assert "icrc" not in {c.entity for c in kg.connections("Azerbaijan", during=kgraph.within("2023"))}


def test_connections_by_role(kg):
    addressed = kg.connections("Gegham Stepanyan", via="events", roles=["speaker", "addressee"])
    assert [c.entity for c in addressed] == ["icrc"]


def test_actor_network_is_weighted_by_shared_events(kg):
    network = kg.actor_network()
    assert network.edges["azerbaijan", "population-of-artsakh"]["weight"] == 2
    assert network.edges["azerbaijan", "population-of-artsakh"]["events"] == [
        "blockade-of-artsakh",
        "ban-on-food-and-goods",
    ]
    assert all(network.nodes[n]["kind"] in ("person", "organization", "group") for n in network)


def test_snapshot_holds_what_holds_in_the_window(kg):
    snap = kg.snapshot(kgraph.within("2020"))
    events = {n for n, kind in snap.nodes(data="kind") if kind == "event"}
    assert events == {e.id for e in kg.events(during=kgraph.within("2020"))}
    assert "stepanakert-rally" not in snap
    assert snap.has_edge("azerbaijan", "southern-karabakh")
    assert not snap.has_edge("gegham-stepanyan", "human-rights-defender-of-artsakh")  # valid only in 2023
    assert snap.has_edge("shusha", "nagorno-karabakh")  # places keep their containers
    # networkx adds an edge's missing endpoints itself, bare: every node and edge must be the graph's, attributes and all
    for node, data in snap.nodes(data=True):
        assert data == kg.graph.nodes.get(node), node
    for u, v, key, data in snap.edges(keys=True, data=True):
        assert data == kg.graph.get_edge_data(u, v, key), (u, v, key)


def test_rankings(kg):
    degree = kg.centrality("degree")
    assert [r.score for r in degree] == sorted((r.score for r in degree), reverse=True)
    assert degree[0].entity == "popular-movement-to-unblock-the-corridor"
    assert kg.centrality("betweenness", top=3)[0].entity == "popular-movement-to-unblock-the-corridor"
    communities = kg.communities()
    assert sorted(n for c in communities for n in c.members) == sorted(kg.actor_network())
    assert [c.rank for c in communities] == list(range(1, len(communities) + 1))
    assert [c.size for c in communities] == sorted((len(c.members) for c in communities), reverse=True)
    stepanyan = next(c for c in communities if "icrc" in c.members)
    assert stepanyan.members == ("gegham-stepanyan", "icrc", "international-community")
    assert stepanyan.names == (
        "Gegham Stepanyan",
        "International Committee of the Red Cross",
        "international community",
    )
    assert communities.to_records()[0]["members"] == list(communities[0].members)


def test_unknown_names_suggest_close_ones(kg):
    with pytest.raises(NotFoundError, match="did you mean 'Stepanakert'"):
        kg.connections("Stepanakrt")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda kg: kg.connections("ICRC", via="rumours"), "via must be one of"),
        (lambda kg: kg.connections("ICRC", depth=0), "depth must be 1 or more"),
        (lambda kg: kg.connections("ICRC", roles=["hero"]), "unknown role 'hero'"),
        (lambda kg: kg.events(type="party"), "unknown event type 'party'"),
        (lambda kg: kg.events(during="July 2023"), "time window"),
        (lambda kg: kg.events(during=("2023-07-31", "2023-07-01")), "ends .* before it starts"),
        (lambda kg: kg.centrality("fame"), "measure must be one of"),
    ],
)
def test_wrong_arguments_raise_usage_errors(kg, call, message):
    with pytest.raises(UsageError, match=message):
        call(kg)


def test_results_become_records(kg):
    records = kg.why("Stepanyan", "ICRC").to_records()
    assert records[0]["evidence"][1] == {
        "quote": "sound the alarm of danger and genocide.",
        "source": "2023-07-blockade",
        "stance": "supports",
        "claimed_by": ["gegham-stepanyan"],
        "via": [],
    }
    assert records[0]["supported"] is True
    assert kg.events(type="interview").to_records()[0]["date"] == "2023-07-12"


def test_to_pandas_when_pandas_is_installed(kg):
    pandas = pytest.importorskip("pandas")
    frame = kg.timeline().to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["event"]) == [t.event for t in kg.timeline()]


#: Every query that answers with a list of results, each asked a question with answers on the seeds (the seeds
#: have no dispute: the conflict corpus of ``conftest.py`` has).
LISTING_QUERIES = {
    "connections": lambda kg, conflict: kg.connections("Gegham Stepanyan"),
    "why": lambda kg, conflict: kg.why("Gegham Stepanyan", "ICRC"),
    "paths": lambda kg, conflict: kg.paths("Shusha", "Stepanakert"),
    "events": lambda kg, conflict: kg.events(),
    "timeline": lambda kg, conflict: kg.timeline(),
    "centrality": lambda kg, conflict: kg.centrality(top=3),
    "disputes": lambda kg, conflict: conflict.disputes(),
    "claims": lambda kg, conflict: kg.claims(),
    "figures": lambda kg, conflict: kg.figures(),
    "communities": lambda kg, conflict: kg.communities(),
    "cypher": lambda kg, conflict: kg.cypher("MATCH (n) RETURN n.label LIMIT 3"),
}


def test_the_listing_queries_are_every_query_but_path_and_the_graphs():
    from kgraph.query.facade import Queries

    queries = {name for name in vars(Queries) if not name.startswith("_")}
    assert queries == {*LISTING_QUERIES, "path", "actor_network", "snapshot"}


@pytest.mark.parametrize("query", LISTING_QUERIES)
def test_every_listing_query_gives_records_and_a_data_frame(kg, conflict, query):
    pandas = pytest.importorskip("pandas")
    found = LISTING_QUERIES[query](kg, conflict)
    assert isinstance(found, Results)
    assert found
    records = found.to_records()
    assert [type(r) for r in records] == [dict] * len(found)
    json.dumps(records)  # plain values only
    frame = found.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(found)
    assert set(frame.columns) == {key for record in records for key in record}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> KnowledgeGraph:
    from kgraph.synth.corpus import write

    folder = tmp_path_factory.mktemp("synthetic")
    write(folder, events=2000, seed=11)
    return KnowledgeGraph.load(folder)


@pytest.mark.parametrize("mode", ["overlapping", "within"])
@pytest.mark.parametrize(
    "when", ["2010-03", "2004", "2015-06-01/2016-02-10", "2020-02-29/..", "../2005-05", "2023-12-31"]
)
def test_the_time_index_finds_what_a_full_scan_finds(synthetic, mode, when):
    window = kgraph.within(when) if mode == "within" else kgraph.overlapping(when)
    scanned = [
        e.id
        for e in sorted(synthetic.corpus.events.values(), key=lambda e: synthetic.index.order[e.id])
        if window.admits(e.date)
    ]
    assert [e.id for e in synthetic.events(during=window)] == scanned
