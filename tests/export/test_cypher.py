"""The Cypher script (kgraph.export.cypher), loaded into a real FalkorDB server: the README's questions give the
same answers there as on kg.cypher, a 10,000-event corpus loads whole, and hostile text comes back unchanged."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import networkx as nx
import pytest

import kgraph
from kgraph.annotations.vocabulary import STANCES
from kgraph.export import cypher
from kgraph.export.cypher import BATCH, literal, statements, to_cypher, write_cypher
from kgraph.export.graph_names import EVIDENCE_TYPES
from kgraph.export.property_graph import GRAPH_EDGE_KINDS, ModelError, property_graph
from kgraph.graph.attributes import ids, stance_of
from kgraph.synth.corpus import write as write_synthetic

from ..helpers import ROOT, hostile_graph
from .colliding import colliding_corpus
from .falkordb import falkordb_server, load, rows  # noqa: F401  (the session's server)

#: A cypher block of the README's section: its first line names the question, where it runs, and on which corpus.
_BLOCK = re.compile(
    r"```cypher\n// (?P<name>[^(\n]+) \((?P<target>database|kg\.cypher), (?P<corpus>[\w/]+)\)\n(?P<query>.*?)```", re.S
)

HOSTILE = [
    "O'Brien's \"quote\"",
    "back\\slash \\' \\n \\u0041 \\\\",
    "line one\nline two\r\nthird\ttabbed",
    "*/ MATCH (n) DETACH DELETE n; // -- /* comment */",
    "'; MATCH (n) DETACH DELETE n; CREATE (x {a: '",
    "Ağa Şuşalı — «Ա» \u202ertl\u202c 😀 \u2028 \u2029 end",
    "`backtick` ${x} {braces} [brackets] $param",
]


def section() -> str:
    """The README's "Graph databases" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("### Graph databases")
    end = text.index("\n## ", start)
    return text[start:end]


def questions() -> dict[tuple[str, str], dict[str, str]]:
    """The section's cypher blocks: by question and corpus, the query for each target."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for match in _BLOCK.finditer(section()):
        found.setdefault((match["name"], match["corpus"]), {})[match["target"]] = match["query"].strip()
    return found


@cache
def knowledge(corpus: str) -> kgraph.KnowledgeGraph:
    return kgraph.KnowledgeGraph.load(ROOT / corpus)


def loaded(client: Any, corpus: str) -> Any:
    return load(client, "q-" + corpus.replace("/", "-"), to_cypher(knowledge(corpus).graph))


def plain(value: Any) -> Any:
    """A value as both sides can give it: dates as ISO text, lists as tuples."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return tuple(plain(v) for v in value)
    return value


def expanded(row: Iterable[Any]) -> list[tuple[Any, ...]]:
    """A kg.cypher row, with an evidence list in it made one row a quote and claimant: (quote, stance, source,
    claimant), as the database gives them, its Quote nodes' text and stance, their source and each claimant."""
    out: list[tuple[Any, ...]] = [()]
    for value in row:
        if isinstance(value, list) and value and all(isinstance(v, dict) and "quote" in v for v in value):
            items = [
                (e["quote"], stance_of(e), e.get("source"), claimant)
                for e in value
                for claimant in (ids(e.get("claimed_by")) or [None])
            ]
            out = [r + item for r in out for item in items]
        else:
            out = [(*r, plain(value)) for r in out]
    return out


def test_the_readme_has_each_question_for_both_targets():
    found = questions()
    assert {name for name, _ in found} >= {"connections", "relations", "events at a place", "why", "who denies what"}
    for (name, _), targets in found.items():
        assert "database" in targets, name


@pytest.mark.parametrize("key", sorted(k for k, v in questions().items() if "kg.cypher" in v), ids=lambda k: k[0])
def test_each_readme_question_answers_the_same_on_falkordb_and_kg_cypher(falkordb_server, key):  # noqa: F811
    name, corpus = key
    graph = loaded(falkordb_server, corpus)
    database = sorted(tuple(plain(v) for v in row) for row in rows(graph, questions()[key]["database"]))
    in_memory = sorted(
        r for row in knowledge(corpus).cypher(questions()[key]["kg.cypher"]) for r in expanded(row.values())
    )
    assert database, f"{name}: the question finds nothing on {corpus}, so it shows nothing"
    assert database == in_memory


def test_why_through_events_answers_as_kg_why(falkordb_server):  # noqa: F811
    corpus = "seeds"
    graph = loaded(falkordb_server, corpus)
    query = questions()[("why through events", corpus)]["database"]
    a, b = re.findall(r"\{id: '([^']+)'\}", query)[:2]
    database = sorted(tuple(row) for row in rows(graph, query))
    expected = sorted(
        {
            (link.id, e.quote, e.stance, e.source, claimant)
            for link in knowledge(corpus).why(a, b)
            if link.via == "event"
            for e in link.evidence
            for claimant in (e.claimed_by or (None,))
        }
    )
    assert len({event for event, *_ in expected}) >= 1
    own = {p.evidence[0].quote for p in knowledge(corpus).corpus.events[expected[0][0]].participants if p.evidence}
    assert own & {quote for _, quote, *_ in expected}  # a participant's own quote is among them
    assert database == expected


def test_who_denies_and_who_relays_answer_as_kg_claims(falkordb_server):  # noqa: F811
    corpus = "tests/fixtures/readme"
    graph, claims = loaded(falkordb_server, corpus), knowledge(corpus).claims()
    denials = {tuple(row) for row in rows(graph, questions()[("who denies what", corpus)]["database"])}
    assert denials == {(c.actor, c.quote, c.item) for c in claims if c.part == "claims" and c.stance == "denies"}
    relays = {tuple(row) for row in rows(graph, questions()[("who relays what", corpus)]["database"])}
    expected = {
        (c.actor, by, c.stance, c.item)
        for c in claims
        if c.part == "relays" and c.kind == "event"
        for by in c.claimed_by
    }
    assert relays
    assert relays == expected


def counts(graph: Any) -> tuple[int, int]:
    return rows(graph, "MATCH (n) RETURN count(n)")[0][0], rows(graph, "MATCH ()-[r]->() RETURN count(r)")[0][0]


def test_a_10000_event_corpus_loads_with_the_models_counts(falkordb_server, tmp_path):  # noqa: F811
    write_synthetic(tmp_path / "corpus", 10_000, seed=1)
    kg = kgraph.KnowledgeGraph.load(tmp_path / "corpus")
    model = property_graph(kg.graph)
    graph = load(falkordb_server, "synthetic", to_cypher(kg.graph))
    assert counts(graph) == (len(model.nodes), len(model.relationships))
    entities_and_events = rows(
        graph, "MATCH (n) WHERE n:Person OR n:Organization OR n:Group OR n:Place OR n:Event RETURN count(n)"
    )
    assert entities_and_events[0][0] == kg.graph.number_of_nodes()
    edge_kinds = "['" + "', '".join(GRAPH_EDGE_KINDS) + "']"
    assert (
        rows(graph, f"MATCH ()-[r]->() WHERE r.kind IN {edge_kinds} RETURN count(r)")[0][0]
        == kg.graph.number_of_edges()
    )
    quotes = sum(len(d.get("evidence") or ()) for _, d in kg.graph.nodes(data=True) if d["kind"] == "event")
    stances = "|".join(stance.upper() for stance in STANCES)
    assert rows(graph, f"MATCH (q:Quote)-[:{stances}]->(:Event) RETURN count(q)")[0][0] == quotes


def hostile() -> nx.MultiDiGraph:
    """The shared hostile graph, with hostile text in names, aliases, quotes, claimants' ids and sources."""
    graph = hostile_graph()
    graph.nodes["a"]["aliases"] = [{"name": text} for text in HOSTILE]
    graph.nodes["c"].update(type="rally", description=HOSTILE[3], evidence=[{"quote": t, "source": t} for t in HOSTILE])
    for index, text in enumerate(HOSTILE):
        graph.add_node(f"p{index}", kind="person", type="person", label=text, description=text)
    return graph


def test_hostile_text_comes_back_from_falkordb_unchanged(falkordb_server):  # noqa: F811
    graph = load(falkordb_server, "hostile", to_cypher(hostile()))
    for index, text in enumerate(HOSTILE):
        assert rows(graph, f"MATCH (n:Person {{id: 'p{index}'}}) RETURN n.label, n.description") == [[text, text]]
        assert rows(graph, f"MATCH (q:Quote)-[:FROM]->(s:Source) WHERE q.text = {literal(text)} RETURN s.id") == [
            [text]
        ]
    assert rows(graph, "MATCH (n:Person {id: 'a'}) RETURN n.aliases") == [[HOSTILE]]
    assert counts(graph) == (len(property_graph(hostile()).nodes), len(property_graph(hostile()).relationships))


def test_each_statement_is_one_line_and_batches_stay_small():
    script = to_cypher(knowledge("seeds").graph)
    lines = script.split("\n")
    assert lines[-1] == ""
    assert all(line.startswith("//") or line.endswith(";") for line in lines[:-1])
    model = property_graph(knowledge("seeds").graph)
    small = list(statements(model, size=7))
    assert len(small) >= (len(model.nodes) + len(model.relationships)) / 7
    assert max(line.count("{id: '") for line in small if "CREATE (n:" in line) <= 7
    assert BATCH <= 1000


def test_small_batches_load_every_node_and_relationship(falkordb_server):  # noqa: F811
    model = property_graph(knowledge("seeds").graph)
    script = "\n".join(statements(model, size=7))
    assert counts(load(falkordb_server, "batches", script)) == (len(model.nodes), len(model.relationships))


def test_the_same_input_gives_the_same_bytes():
    program = "import hashlib, kgraph; from kgraph.export.cypher import to_cypher; "
    program += f"print(hashlib.sha256(to_cypher(kgraph.KnowledgeGraph.load({str(ROOT / 'seeds')!r}).graph).encode()).hexdigest())"
    runs = {
        subprocess.run(
            [sys.executable, "-c", program], capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    first = to_cypher(kgraph.KnowledgeGraph.load(ROOT / "seeds").graph)
    assert first == to_cypher(kgraph.KnowledgeGraph.load(ROOT / "seeds").graph) == to_cypher(knowledge("seeds").graph)
    assert to_cypher(hostile()) == to_cypher(hostile())


def test_write_cypher_writes_the_script_a_chunk_at_a_time(monkeypatch):
    graph = knowledge("seeds").graph
    script = to_cypher(graph).encode("utf-8")
    monkeypatch.setattr(cypher, "CHUNK", 3000)
    sizes: list[int] = []

    class Recorder(io.BytesIO):
        def write(self, data: Any) -> int:
            sizes.append(len(data))
            return super().write(data)

    handle = Recorder()
    write_cypher(graph, handle)
    assert handle.getvalue() == script
    assert script.endswith(b";\n")
    lines = script.decode("utf-8").split("\n")[:-1]
    assert [line for line in lines if not line.startswith("//")] == list(statements(property_graph(graph)))
    longest = max(len(line) for line in script.splitlines(keepends=True))
    bound = 4 * 3000 + 2 * longest  # a chunk, then the line that took it past CHUNK (UTF-8: 4 bytes a character)
    assert len(script) > bound
    assert max(sizes) <= bound


def test_a_corpus_term_spelt_as_a_label_evidence_or_a_keyword_loads_apart(falkordb_server, tmp_path):  # noqa: F811
    kg = kgraph.KnowledgeGraph.load(colliding_corpus(tmp_path / "corpus"))
    script = to_cypher(kg.graph)
    # FalkorDB takes a keyword as a name even bare; Neo4j and Memgraph may not, so every name is in backticks
    statements_ = [line for line in script.splitlines() if not line.startswith("//")]
    names = [name for line in statements_ for name in re.findall(r"\((?:n|a|b)(:[^ )]*)|\[r(:[^\]]*)\]", line)]
    assert names
    assert all(re.fullmatch(r"(:`[A-Za-z_][A-Za-z0-9_]*`)+", part) for pair in names for part in pair if part)
    assert "[r:`MATCH`]" in script
    graph = load(falkordb_server, "colliding", script)
    model = property_graph(kg.graph)
    assert counts(graph) == (len(model.nodes), len(model.relationships))
    persons = sorted(n for n, d in kg.graph.nodes(data=True) if d["kind"] == "person")
    assert [r[0] for r in rows(graph, "MATCH (n:Person) RETURN n.id ORDER BY n.id")] == persons
    assert rows(graph, "MATCH (n:Source) RETURN n.id") == [["kora-report"]]
    assert rows(graph, "MATCH (e:Event:EventPerson) RETURN e.id, e.type") == [["kora-sit-in", "person"]]
    for type_ in EVIDENCE_TYPES:  # only evidence has evidence's relationship types
        found = rows(graph, f"MATCH ()-[r:`{type_}`]->() WHERE r.kind IS NOT NULL RETURN r.id")
        assert found == [], type_
    assert rows(graph, "MATCH (a)-[r:`MATCH`]->(b) RETURN a.id, r.type, b.id") == [
        ["mira-tal", "match", "kora-council"]
    ]
    assert rows(graph, "MATCH (a)-[r:RELATION_SUPPORTS]->(b) RETURN a.id, b.id") == [["aid-fund", "kora-council"]]
    assert rows(graph, "MATCH (a)-[r:PARTICIPATION_VIA]->(e) RETURN a.id, e.id") == [["sam-rivo", "kora-sit-in"]]


def test_control_characters_are_refused_naming_the_node():
    graph = hostile()
    graph.nodes["p0"]["label"] = "bell\x07"
    with pytest.raises(ModelError, match=r"p0.*U\+0007"):
        to_cypher(graph)
