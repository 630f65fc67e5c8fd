"""The knowledge graph: entities and events as nodes, participation and relations as typed edges.

:class:`KnowledgeGraph` wraps a :class:`networkx.MultiDiGraph` (``kg.graph``)
built from a validated corpus, and offers the queries. The graph's shape:

* a node per entity (``kind``: person, organization, group, place) and per
  event (``kind``: event), keyed by its id;
* ``participation`` edges from each participant to its event, keyed by role;
* ``location`` edges from an event to its place (key ``place``);
* ``part_of`` edges from an event to the larger event, and from a place to
  the place it lies in (key ``part_of``);
* ``relation`` edges from subject to object, keyed by the relation's id.

Event nodes list their ``participants`` (actor and role, in order); the
graph's own attributes hold the ``sources`` (their metadata, by id) and
``lastmodified``, the latest publication date.

Every node and edge has ``kind``, ``type`` and ``label``; events and the
edges that stand for them have their date (``date`` as EDTF, ``earliest``,
``latest``, ``earliest_possible``, ``latest_possible`` as ISO days, left out
when open, and ``precision``); relations have those of their ``valid``
interval when they have one. Events, participation and relation edges carry
their ``evidence``: a list of ``{source, quote, claimed_by, note}``. Entity
nodes list the ``sources`` that mention them. Values that are None are left
out. Building reads nothing from disk and changes nothing it is given.

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> kg.graph.nodes["shusha"]["label"], kg.graph.nodes["shusha"]["type"]
('Shusha', 'town')
>>> kg.graph.edges["gegham-stepanyan", "stepanyan-appeal-to-icrc", "speaker"]["kind"]
'participation'
"""

from __future__ import annotations

import os
import warnings
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph import vocabulary as vocab
from kgraph.corpus import Corpus
from kgraph.dates import TimeSpan
from kgraph.models import AnyEntity, Event, Evidence, Place, Relation, entity_type

if TYPE_CHECKING:
    from kgraph.results import Connection, CypherResult, Link, Path, Ranked, Results, TimelineEntry
    from kgraph.windows import WindowLike


def date_attributes(span: TimeSpan | None) -> dict[str, str]:
    """The date attributes of a node or edge: EDTF text, ISO bounds (open ones left out), precision."""
    if span is None:
        return {}
    attributes = {"date": span.edtf, "precision": span.precision}
    for name in ("earliest", "latest", "earliest_possible", "latest_possible"):
        value = getattr(span, name)
        if value is not None:
            attributes[name] = value.isoformat()
    return attributes


def evidence_attribute(evidence: list[Evidence]) -> list[dict[str, str]]:
    """Evidence as plain dicts, leaving out empty fields."""
    found = []
    for e in evidence:
        item = {"quote": e.quote}
        if e.source is not None:
            item["source"] = e.source
        if e.claimed_by is not None:
            item["claimed_by"] = e.claimed_by
        if e.note is not None:
            item["note"] = e.note
        found.append(item)
    return found


def _entity_node(entity: AnyEntity) -> dict[str, Any]:
    kind = entity_type(entity)
    node: dict[str, Any] = {"kind": kind, "type": getattr(entity, "kind", kind), "label": entity.name}
    if entity.aliases:
        node["aliases"] = [a.model_dump(exclude_none=True) for a in entity.aliases]
    for name in ("description", "notes"):
        if getattr(entity, name):
            node[name] = getattr(entity, name)
    if entity.external_ids:
        node["external_ids"] = dict(entity.external_ids)
    if isinstance(entity, Place):
        if entity.part_of:
            node["part_of"] = entity.part_of
        if entity.coordinates:
            node["lat"], node["lon"] = entity.coordinates.lat, entity.coordinates.lon
    return node


def _event_node(event: Event) -> dict[str, Any]:
    node: dict[str, Any] = {"kind": "event", "type": event.type, "label": event.title, "status": event.status}
    node.update(date_attributes(event.date))
    node["date_basis"] = event.date_basis
    for name in ("date_note", "place", "part_of", "description"):
        if getattr(event, name):
            node[name] = getattr(event, name)
    if event.participants:
        node["participants"] = [{"actor": p.actor, "role": p.role} for p in event.participants]
    node["evidence"] = evidence_attribute(event.evidence)
    return node


def build_graph(corpus: Corpus) -> nx.MultiDiGraph:
    """The MultiDiGraph of a corpus, as described in this module's documentation."""
    graph = nx.MultiDiGraph()
    # every node first, so that node order is corpus order; then the edges, in one call
    graph.add_nodes_from((entity.id, _entity_node(entity)) for entity in corpus.entities.values())
    graph.add_nodes_from((event.id, _event_node(event)) for event in corpus.events.values())
    nodes = graph.nodes
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for event in corpus.events.values():
        dates = date_attributes(event.date)
        shared = nodes[event.id]["evidence"]  # the event's own evidence, already as dicts
        for participant in event.participants:
            edge: dict[str, Any] = {
                "kind": "participation",
                "type": participant.role,
                "role": participant.role,
                "label": participant.role.replace("_", " "),
                **dates,
            }
            if participant.note:
                edge["note"] = participant.note
            edge["evidence"] = (
                [*evidence_attribute(participant.evidence), *shared] if participant.evidence else list(shared)
            )
            edges.append((participant.actor, event.id, participant.role, edge))
        if event.place:
            edges.append(
                (event.id, event.place, "place", {"kind": "location", "type": "place", "label": "at", **dates})
            )
        if event.part_of:
            edges.append(
                (
                    event.id,
                    event.part_of,
                    "part_of",
                    {"kind": "part_of", "type": "part_of", "label": "part of", **dates},
                )
            )
    for place in corpus.places:
        if place.part_of:
            edges.append(
                (place.id, place.part_of, "part_of", {"kind": "part_of", "type": "part_of", "label": "part of"})
            )
    edges.extend((r.subject, r.object, r.key, _relation_edge(r)) for r in corpus.relations.values())
    graph.add_edges_from(edges)
    _add_sources(graph, corpus)
    published = [s.published.latest or s.published.earliest for s in corpus.sources.values()]
    dated = [d for d in published if d is not None]
    graph.graph["name"] = "kgraph"
    graph.graph["description"] = f"Knowledge graph of {len(corpus.sources)} annotated source documents"
    if dated:
        graph.graph["lastmodified"] = max(dated).isoformat()
    graph.graph["sources"] = {sid: s.model_dump(mode="json", exclude_none=True) for sid, s in corpus.sources.items()}
    graph.graph["relations"] = list(corpus.relations)
    return graph


def corpus_from_graph(graph: nx.MultiDiGraph) -> Corpus:
    """The corpus a kgraph graph was built from (without source texts): the inverse of :func:`build_graph`.

    Raises :class:`~kgraph.errors.KgraphError` when the graph was not built by kgraph.
    """
    from pydantic import ValidationError

    from kgraph.errors import KgraphError

    try:
        return _corpus_from_graph(graph)
    except (ValidationError, KeyError, TypeError, AttributeError) as exc:
        first = str(exc).splitlines()[0]
        raise KgraphError(f"not a kgraph graph: {first}") from None


def _corpus_from_graph(graph: nx.MultiDiGraph) -> Corpus:
    from pathlib import Path

    from kgraph.models import Group, Organization, Participant, Person, Source

    models: dict[str, type[Person | Organization | Group | Place]] = {
        "person": Person,
        "organization": Organization,
        "group": Group,
        "place": Place,
    }
    sources = {sid: Source.model_validate(data) for sid, data in graph.graph.get("sources", {}).items()}
    entities: dict[str, AnyEntity] = {}
    events: dict[str, Event] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] == "event":
            participants = []
            for p in data.get("participants", []):
                edge = graph.edges[p["actor"], node, p["role"]]
                own = edge["evidence"][: len(edge["evidence"]) - len(data["evidence"])]
                participants.append(Participant(actor=p["actor"], role=p["role"], evidence=own, note=edge.get("note")))
            fields = {
                k: data.get(k)
                for k in ("type", "date", "date_basis", "date_note", "status", "place", "part_of", "description")
            }
            events[node] = Event.model_validate(
                {
                    "id": node,
                    "title": data["label"],
                    **fields,
                    "participants": participants,
                    "evidence": data["evidence"],
                }
            )
        else:
            fields = {k: data[k] for k in ("aliases", "description", "external_ids", "notes", "part_of") if k in data}
            if data["kind"] != "person":
                fields["kind"] = data["type"]
            if "lat" in data:
                fields["coordinates"] = {"lat": data["lat"], "lon": data["lon"]}
            entities[node] = models[data["kind"]].model_validate({"id": node, "name": data["label"], **fields})
    found: dict[str, Relation] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data["kind"] == "relation":
            relation = Relation(
                type=data["type"],
                subject=u,
                object=v,
                valid=data.get("date"),
                description=data.get("description"),
                evidence=data["evidence"],
            )
            found[key] = relation if relation.key == key else relation.model_copy(update={"id": key})
    order = graph.graph.get("relations", list(found))
    relations = {key: found[key] for key in order}
    return Corpus(Path(), sources, entities, events, relations, {}, {})


def _relation_edge(relation: Relation) -> dict[str, Any]:
    edge: dict[str, Any] = {"kind": "relation", "type": relation.type, "label": relation.type.replace("_", " ")}
    if vocab.RELATION_TYPES[relation.type].symmetric:
        edge["symmetric"] = True
    edge.update(date_attributes(relation.valid))
    if relation.description:
        edge["description"] = relation.description
    edge["evidence"] = evidence_attribute(relation.evidence)
    return edge


def _add_sources(graph: nx.MultiDiGraph, corpus: Corpus) -> None:
    mentioned: dict[str, set[str]] = {}
    for event in corpus.events.values():
        sources = {e.source for e in event.evidence if e.source}
        for participant in event.participants:
            own = {e.source for e in participant.evidence if e.source}
            mentioned.setdefault(participant.actor, set()).update(sources, own)
        if event.place:
            mentioned.setdefault(event.place, set()).update(sources)
    for relation in corpus.relations.values():
        sources = {e.source for e in relation.evidence if e.source}
        for end in (relation.subject, relation.object):
            mentioned.setdefault(end, set()).update(sources)
    for entity_id, sources in mentioned.items():
        graph.nodes[entity_id]["sources"] = sorted(sources)


class KnowledgeGraph:
    """A corpus as a graph, with queries for connections, paths, evidence, events, timelines and rankings."""

    def __init__(self, corpus: Corpus, graph: nx.MultiDiGraph | None = None):
        from kgraph.perf import collector_paused

        self.corpus = corpus
        with collector_paused():
            self.graph: nx.MultiDiGraph = build_graph(corpus) if graph is None else graph

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph) -> KnowledgeGraph:
        """A KnowledgeGraph around a graph kgraph built, such as one read back from ``graph.json``."""
        return cls(corpus_from_graph(graph), graph)

    @classmethod
    def load(cls, path: str | os.PathLike[str], progress: bool = False) -> KnowledgeGraph:
        """Load and validate the corpus at ``path``, and build its graph."""
        from kgraph.loader import load

        return cls(load(path, progress))

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges>"

    def resolve(self, name: str) -> str:
        """The id of the entity or event with this id, name or alias; raises NotFoundError with suggestions."""
        if name in self.corpus.events or name in self.corpus.entities:
            return name
        return self.corpus.lookup(name).id

    @cached_property
    def index(self) -> Any:
        """Lookup tables the queries share, built on first use."""
        from kgraph.queries import Index

        return Index(self)

    def connections(
        self,
        entity: str,
        depth: int = 1,
        via: str = "both",
        during: WindowLike | None = None,
        roles: list[str] | None = None,
    ) -> Results[Connection]:
        """Who is connected to ``entity``, up to ``depth`` links away, through relations, events or both.

        >>> kg = KnowledgeGraph.load("seeds")
        >>> [(c.name, c.link.label) for c in kg.connections("Gegham Stepanyan", via="events") if c.kind == "organization"]
        [('International Committee of the Red Cross', 'Stepanyan urges the ICRC to sound the alarm of genocide')]
        """
        from kgraph.queries import connections

        return connections(self, entity, depth, via, during, roles)

    def why(self, a: str, b: str) -> Results[Link]:
        """The direct links between ``a`` and ``b``, each with its evidence, quote by quote.

        >>> kg = KnowledgeGraph.load("seeds")
        >>> [(e.quote, e.claimed_by) for link in kg.why("Stepanyan", "ICRC") for e in link.evidence][1]
        ('sound the alarm of danger and genocide.', 'gegham-stepanyan')
        """
        from kgraph.queries import why

        return why(self, a, b)

    def path(self, a: str, b: str, via: str = "both") -> Path | None:
        """A shortest chain of entities and events from ``a`` to ``b``, or None when they are not connected.

        >>> print(KnowledgeGraph.load("seeds").path("Shushi", "Stepanakert"))
        Shusha <-[passes through]- Stepanakert–Armenia road -[connects]-> Stepanakert
        """
        from kgraph.queries import shortest_path

        return shortest_path(self, a, b, via)

    def paths(
        self,
        a: str,
        b: str,
        cutoff: int = 4,
        limit: int | None = 50,
        via: str = "both",
        timeout: float | None = 10.0,
    ) -> Results[Path]:
        """Every simple path from ``a`` to ``b`` of at most ``cutoff`` edges (shortest first, at most ``limit``).

        The search stops after ``limit`` paths or ``timeout`` seconds (None: no bound); ``truncated`` on the
        result then says why.

        >>> paths = KnowledgeGraph.load("seeds").paths("Harutyunyan", "Osipyan", cutoff=6, limit=2)
        >>> len(paths), paths.truncated
        (2, 'stopped after 2 paths')
        """
        from kgraph.queries import all_paths

        return all_paths(self, a, b, cutoff, limit, via, timeout)

    def events(
        self,
        involving: str | list[str] | None = None,
        at: str | None = None,
        type: str | list[str] | None = None,
        status: str | list[str] | None = None,
        during: WindowLike | None = None,
    ) -> Results[Event]:
        """Events matching every filter given, in chronological order; ``at`` (a place) includes places inside it.

        >>> [e.id for e in KnowledgeGraph.load("seeds").events(at="Stepanakert", type="protest")]
        ['stepanakert-rally', 'planned-gathering']
        """
        from kgraph.queries import events

        return events(self, involving, at, type, status, during)

    def timeline(self, entity: str | None = None, during: WindowLike | None = None) -> Results[TimelineEntry]:
        """Events in chronological order (see :mod:`kgraph.timeline` for the order rule), optionally of one entity."""
        from kgraph.timeline import timeline

        return timeline(self, entity, during)

    def actor_network(self, during: WindowLike | None = None, roles: list[str] | None = None) -> nx.Graph:
        """Actors linked by the events they share: edge ``weight`` is their number, ``events`` their ids."""
        from kgraph.queries import actor_network

        return actor_network(self, during, roles)

    def snapshot(self, during: WindowLike) -> nx.MultiDiGraph:
        """The subgraph of what holds in a time window: its events, their participants and places, and the relations valid then."""
        from kgraph.queries import snapshot

        return snapshot(self, during)

    def centrality(
        self, measure: str = "degree", during: WindowLike | None = None, top: int | None = None
    ) -> Results[Ranked]:
        """Actors ranked by ``degree`` or ``betweenness`` centrality in the actor network."""
        from kgraph.rankings import centrality

        return centrality(self, measure, during, top)

    def communities(self, during: WindowLike | None = None, top: int | None = None) -> list[list[str]]:
        """Groups of actors more linked with each other than with the rest (Louvain, fixed seed), largest first."""
        from kgraph.rankings import communities

        return communities(self, during, top)

    def to_html(self, path: str | os.PathLike[str], title: str = "kgraph explorer") -> None:
        """Write the interactive explorer of this graph to ``path``: one HTML file that works offline."""
        from pathlib import Path

        from kgraph.export.html import to_html
        from kgraph.output import write_text

        write_text(Path(path), to_html(self.graph, title))

    def show(self, height: int = 700, title: str = "kgraph explorer") -> Any:
        """Display the explorer inline in a Jupyter notebook (needs IPython)."""
        from html import escape

        from IPython.display import HTML

        from kgraph.export.html import to_html

        page = escape(to_html(self.graph, title), quote=True)
        # IPython suggests IFrame instead, which needs a URL; srcdoc keeps the whole page inside the notebook.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return HTML(  # type: ignore[no-untyped-call]
                f'<iframe srcdoc="{page}" style="width:100%;height:{int(height)}px;border:0" '
                f'sandbox="allow-scripts" title="{escape(title)}"></iframe>'
            )

    def cypher(self, query: str, limit: int | None = 1000, timeout: float | None = 10.0) -> CypherResult:
        """Run a Cypher query over the graph with grand-cypher; see :mod:`kgraph.cypher` for labels and examples.

        At most ``limit`` rows, within ``timeout`` seconds (None: no bound); ``truncated`` on the result says
        when rows were left out.
        """
        from kgraph.cypher import run

        return run(self, query, limit, timeout)
