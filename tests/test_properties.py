"""Property-based tests: random valid corpora survive every export; random damage never crashes the loader."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kgraph
from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.models import Alias, Event, Organization, Participant, Person, Place, Relation, Source
from kgraph.corpus.corpus import Corpus
from kgraph.export.gexf import to_gexf
from kgraph.export.graphml import to_graphml
from kgraph.export.html import explorer_data
from kgraph.export.nodelink import to_json
from kgraph.export.timelinejs import timeline_data
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.text import BIDI_CONTROLS

from .helpers import FIXTURES

# Text an annotator may write in a name: anything but control characters, line breaks, non-characters and the
# bidirectional embeddings, overrides and isolates (kgraph.annotations.fields refuses them in a line).
name_chars = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff" + "".join(sorted(BIDI_CONTROLS))
)
names = st.text(name_chars, min_size=1, max_size=25).filter(lambda t: t.strip() and "\u0085" not in t)
slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
days = st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31))
edtf = st.one_of(
    days.map(date.isoformat),
    days.map(lambda d: d.isoformat()[:7]),
    days.map(lambda d: str(d.year)),
    st.tuples(days, days).map(lambda p: f"{min(p).isoformat()}/{max(p).isoformat()}"),
    days.map(lambda d: f"{d.isoformat()}/.."),
    days.map(lambda d: f"../{d.isoformat()}"),
    days.map(lambda d: f"{d.isoformat()[:7]}~"),
    days.map(lambda d: f"{d.isoformat()[:8]}?{d.isoformat()[8:]}"),
)


@st.composite
def corpora(draw) -> Corpus:
    ids = draw(st.lists(slugs, min_size=3, max_size=9, unique=True))
    all_names = draw(
        st.lists(names, min_size=len(ids) * 2, max_size=len(ids) * 2, unique_by=kgraph.corpus.corpus.name_key)
    )
    entities = {}
    for n, entity_id in enumerate(ids):
        aliases = [Alias(name=all_names[len(ids) + n], lang=draw(st.sampled_from([None, "hy", "az-Latn"])))]
        if n % 3 == 0:
            entities[entity_id] = Person(id=entity_id, name=all_names[n], aliases=aliases)
        elif n % 3 == 1:
            entities[entity_id] = Organization(
                id=entity_id,
                name=all_names[n],
                aliases=aliases,
                kind=draw(st.sampled_from(list(vocab.ORGANIZATION_KINDS))),
            )
        else:
            entities[entity_id] = Place(
                id=entity_id, name=all_names[n], aliases=aliases, kind=draw(st.sampled_from(list(vocab.PLACE_KINDS)))
            )
    actors = [e for e in entities.values() if not isinstance(e, Place)]
    places = [e for e in entities.values() if isinstance(e, Place)]
    quotes: list[str] = []

    def evidence(claimant: bool) -> list[Evidence]:
        quote = draw(names) + f" #{len(quotes)}"
        quotes.append(quote)
        ids = [a.id for a in actors]
        claimed = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) if claimant else []
        via = (
            draw(st.lists(st.sampled_from([i for i in ids if i not in claimed] or ["x"]), max_size=1))
            if claimed
            else []
        )
        stance = draw(st.sampled_from(list(vocab.STANCES)))
        return [Evidence(quote=quote, source="src", claimed_by=claimed, via=via, stance=stance)]

    events = {}
    for n in range(draw(st.integers(1, 5))):
        chosen = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=3, unique_by=lambda e: e.id))
        participants = [
            Participant(
                actor=a.id,
                role=draw(st.sampled_from(["agent", "target", "speaker", "party"])),
                evidence=evidence(True) if draw(st.booleans()) else [],
            )
            for a in chosen
        ]
        events[f"event-{n}"] = Event(
            id=f"event-{n}",
            type=draw(st.sampled_from(list(vocab.EVENT_TYPES))),
            title=draw(names),
            date=draw(edtf),
            date_basis="stated",
            status=draw(st.sampled_from(list(vocab.EVENT_STATUSES))),
            place=draw(st.sampled_from(places)).id if places and draw(st.booleans()) else None,
            participants=participants,
            figures=[
                Figure(measure=measure, value=value, qualifier=qualifier, evidence=evidence(True))
                for measure, value, qualifier in draw(
                    st.lists(
                        st.tuples(
                            st.sampled_from(["killed", "population", "displaced"]),
                            st.integers(0, 10**6),  # counts of people: whole numbers
                            st.sampled_from(["exact", "about", "at_least", "at_most"]),
                        ),
                        max_size=2,
                    )
                )
            ],
            evidence=evidence(True),
        )
    relations = {}
    if len(actors) >= 2:
        a, b = actors[0], actors[1]
        relation = Relation(
            type="opposes", subject=a.id, object=b.id, valid=draw(st.none() | edtf), evidence=evidence(False)
        )
        relations[relation.key] = relation
    source = Source(
        id="src", title=draw(names), published="2024", published_basis="stated", language="en", text="a.txt"
    )
    return Corpus(Path(), {"src": source}, entities, events, relations, {"src": " ".join(quotes)}, {})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(corpora())
def test_random_corpora_survive_every_export(tmp_path_factory, corpus):
    kg = KnowledgeGraph(corpus)
    graph = kg.graph
    again = KnowledgeGraph.from_json(to_json(graph))  # JSON: everything, exactly
    assert (again.corpus.entities, again.corpus.events, again.corpus.relations) == (
        corpus.entities,
        corpus.events,
        corpus.relations,
    )
    folder = tmp_path_factory.mktemp("exports")
    (folder / "g.graphml").write_text(to_graphml(graph), encoding="utf-8")
    (folder / "g.gexf").write_text(to_gexf(graph), encoding="utf-8")
    for back in (nx.read_graphml(folder / "g.graphml"), nx.read_gexf(folder / "g.gexf")):
        assert set(back) == set(graph)
        assert back.number_of_edges() == graph.number_of_edges()
        for node, data in graph.nodes(data=True):
            read = back.nodes[node]
            assert (read["label"], read["kind"], read["type"]) == (data["label"], data["kind"], data["type"])
            assert json.loads(read.get("aliases", "[]")) == data.get("aliases", [])
            assert (read.get("earliest"), read.get("latest"), read.get("date")) == (
                data.get("earliest"),
                data.get("latest"),
                data.get("date"),
            )
            assert json.loads(read.get("evidence", "[]")) == data.get("evidence", [])
        written = sorted(
            json.dumps(json.loads(d.get("evidence", "[]")), sort_keys=True) for *_, d in back.edges(data=True)
        )
        assert written == sorted(json.dumps(d.get("evidence", []), sort_keys=True) for *_, d in graph.edges(data=True))
    assert [e["unique_id"] for e in timeline_data(kg.graph)["events"]] == [
        e.id for e in kg.events() if e.date.earliest or e.date.latest
    ]
    assert [n["id"] for n in explorer_data(graph)["nodes"]] == list(graph)


MUTATION_BYTES = st.sampled_from(
    [
        b":",
        b"-",
        b" ",
        b"\n",
        b"\t",
        b"[",
        b"]",
        b"{",
        b"}",
        b"&a",
        b"*a",
        b"!",
        b"|",
        b">",
        b"'",
        b'"',
        b"#",
        b"\x00",
        b"\xff",
        b"\xc3",
        b"2023-02-30",
        b"id: x",
        b"- ",
        b"\r\n",
        b"~",
    ]
)
mutations = st.lists(
    st.tuples(st.floats(0, 1), st.sampled_from(["insert", "delete", "replace"]), MUTATION_BYTES), min_size=1, max_size=6
)


def mutate(data: bytes, changes) -> bytes:
    for where, how, what in changes:
        at = int(where * len(data))
        if how == "insert":
            data = data[:at] + what + data[at:]
        elif how == "delete":
            data = data[:at] + data[at + len(what) :]
        else:
            data = data[:at] + what + data[at + len(what) :]
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations, st.sampled_from(["annotations.yaml", "article.txt"]))
def test_random_damage_never_crashes_the_loader(tmp_path, changes, target):
    folder = tmp_path / "corpus"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(FIXTURES / "valid", folder)
    (folder / target).write_bytes(mutate((folder / target).read_bytes(), changes))
    problems = kgraph.validate(folder)  # problems, or none: never an exception
    assert all(p.message for p in problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations)
def test_random_damage_to_json_lines_never_crashes_the_loader(tmp_path, changes):
    from kgraph.synth.corpus import synthesize

    folder = tmp_path / "jsonl"
    if folder.exists():
        shutil.rmtree(folder)
    for relative, text in synthesize(events=20, seed=1):
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    target = folder / "doc-00000" / "annotations.jsonl"
    target.write_bytes(mutate(target.read_bytes(), changes))
    problems = kgraph.validate(folder)
    assert all(p.message for p in problems)
