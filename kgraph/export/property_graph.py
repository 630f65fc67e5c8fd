"""The property graph a graph database holds: the one model the Neo4j files and the Cypher script both write.

Nodes have a main label, their *group* (:data:`GROUPS`), and typed properties (:data:`TYPES`, one type per name):

* ``Person``, ``Organization``, ``Group``, ``Place``: the entities; an event is ``Event`` plus its type in
  PascalCase (``Event:Shelling``). Their properties are those of ``kg.graph`` under the same names (``id``,
  ``kind``, ``type``, ``label``, ``earliest`` ...), so a query ports between ``kg.cypher`` and a database;
  ``aliases`` and ``external_ids`` are lists of text, ``history`` the event's states as text.
* ``Source``: a source document (``label`` is its title, ``published`` its EDTF date).
* ``Quote``: one evidence item: ``text``, ``stance``, ``note``, and ``about``, the id of what it bears on.
* ``Figure``: a number a source gives (``measure``, ``value``, ``min``, ``max`` ...; ``text`` reads as reported).

Relationships have an UPPER_SNAKE_CASE type and an ``id`` property, unique across the database. Each edge of
``kg.graph`` is one, typed by its ``type`` (a role, a relation type, ``PLACE`` or ``PART_OF``) and with its
``kind`` (participation, relation, location, part_of). Evidence is made of nodes and relationships:
``(quote)-[:SUPPORTS|DENIES|DISPUTES]->(event or figure)``, ``(quote)-[:FROM]->(source)``,
``(quote)-[:CLAIMED_BY {order}]->(actor)``, ``(quote)-[:VIA {order}]->(actor)`` (who relays it, nearest the
source first), ``(owner)-[:HAS_FIGURE]->(figure)``, ``(figure)-[:COUNTS]->(actor)``, and
``(entity)-[:MENTIONED_IN]->(source)``. A corpus's own term that would take one of these names, or a group's,
is written with a prefix (``RELATION_SUPPORTS``, ``Event:EventPerson``: :mod:`kgraph.export.graph_names`), and
every value is checked as its type says (:mod:`kgraph.export.property_values`).

A quote on a relation or a participation cannot point at a relationship, so it names the relationship's ``id``
in ``about`` (``MATCH (a)-[r]-(b), (q:Quote {about: r.id})``), rather than the relation becoming a node: relations
stay one hop, as in ``kg.graph``, for paths and connections, and the join is by an indexed property. A quote on an
event or figure has both. A participant's edge carries only its own quotes; its event's are on the event.

>>> import kgraph
>>> model = property_graph(kgraph.KnowledgeGraph.load("seeds").graph)
>>> [(n.group, n.labels) for n in model.nodes if n.id == "stepanyan-appeal-to-icrc"]
[('Event', ('Event', 'Appeal'))]
>>> sorted({r.type for r in model.relationships if r.start.startswith("quote:stepanyan-appeal")})
['CLAIMED_BY', 'FROM', 'SUPPORTS']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kgraph.annotations.vocabulary import STANCES
from kgraph.errors import shown
from kgraph.export.graph_names import GROUPS, KIND_GROUPS, ModelError, Names, pascal
from kgraph.export.property_values import TYPES, Value, number, properties
from kgraph.graph.attributes import amount_text, ids, own_part, plain_text, stance_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GROUPS", "TYPES", "ModelError", "Node", "PropertyGraph", "Relationship", "Value", "pascal"]

#: The source fields that become properties (``title`` is the ``label``).
_SOURCE_FIELDS = ("published", "published_basis", "published_note", "language", "url", "author", "outlet")
#: The kinds of relationship that are the edges of ``kg.graph``.
GRAPH_EDGE_KINDS = ("participation", "relation", "location", "part_of")


@dataclass(frozen=True)
class Node:
    """A node: its id, its labels (its group first) and its properties (``id`` among them)."""

    id: str
    group: str
    labels: tuple[str, ...]
    properties: dict[str, Value]


@dataclass(frozen=True)
class Relationship:
    """A relationship from node ``start`` to node ``end`` (with their groups), its type and properties."""

    type: str
    start: str
    end: str
    start_group: str
    end_group: str
    properties: dict[str, Value]


@dataclass(frozen=True)
class PropertyGraph:
    """The nodes and relationships, each in a fixed order: by group (type), then as ``kg.graph`` lists them."""

    nodes: list[Node]
    relationships: list[Relationship]


class _Builder:
    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.groups: dict[str, str] = {}
        self.nodes: dict[str, list[Node]] = {group: [] for group in GROUPS}
        self.rels: list[Relationship] = []
        self.sources: dict[str, dict[str, Any]] = dict(graph.graph.get("sources") or {})

    def node(self, node_id: str, group: str, labels: tuple[str, ...], props: dict[str, Value]) -> None:
        if node_id in self.groups:
            raise ModelError(f"{shown(node_id)}: the id is used twice ({self.groups[node_id]} and {group})")
        self.groups[node_id] = group
        self.nodes[group].append(Node(node_id, group, labels, {"id": node_id, **props}))

    def rel(self, kind: str, start: str, end: str, rel_id: str, props: dict[str, Value]) -> None:
        for end_id in (start, end):
            if end_id not in self.groups:
                raise ModelError(f"{shown(rel_id)}: {shown(end_id)} is not a node of the graph")
        props = {"id": rel_id, **props}
        self.rels.append(Relationship(kind, start, end, self.groups[start], self.groups[end], props))

    def evidence(self, items: object, about: str, target: str | None) -> None:
        """Quote nodes for ``items``, about ``about``; a stance relationship to node ``target`` when there is one."""
        for position, item in enumerate(items if isinstance(items, list | tuple) else (), 1):
            if not isinstance(item, Mapping) or "quote" not in item:
                continue
            quote = f"quote:{about}:{position}"
            stance = stance_of(item)
            if stance not in STANCES:
                raise ModelError(f"{shown(about)}: unknown stance {stance!r} (stances: {', '.join(STANCES)})")
            props: dict[str, Value] = {"kind": "quote", "text": plain_text(item["quote"]), "stance": stance}
            if item.get("note"):
                props["note"] = plain_text(item["note"])
            self.node(quote, "Quote", ("Quote",), {**props, "about": about})
            if target is not None:
                self.rel(stance.upper(), quote, target, f"{quote}:{stance}", {})
            if item.get("source"):
                self.rel("FROM", quote, self.source(plain_text(item["source"])), f"{quote}:from", {})
            for part, name in (("claimed_by", "CLAIMED_BY"), ("via", "VIA")):
                for order, actor in enumerate(ids(item.get(part)), 1):
                    self.rel(name, quote, actor, f"{quote}:{part}:{order}", {"order": order})

    def source(self, source_id: str) -> str:
        if source_id not in self.groups:  # a source the graph names without its metadata: a node all the same
            data = self.sources.get(source_id) or {}
            props: dict[str, Value] = {"kind": "source", "label": plain_text(data.get("title") or source_id)}
            props.update((k, plain_text(data[k])) for k in _SOURCE_FIELDS if data.get(k) is not None)
            self.node(source_id, "Source", ("Source",), props)
        return source_id

    def figures(self, items: object, owner: str) -> None:
        for position, item in enumerate(items if isinstance(items, list | tuple) else (), 1):
            if not isinstance(item, Mapping) or "measure" not in item:
                continue
            figure = f"figure:{owner}:{position}"
            props: dict[str, Value] = {"kind": "figure", "measure": plain_text(item["measure"])}
            for name in ("value", "min", "max"):
                number_value = number(item.get(name), name, figure)
                if number_value is not None:
                    props[name] = number_value
            props.update((k, plain_text(item[k])) for k in ("qualifier", "unit", "note") if item.get(k) is not None)
            props["text"] = amount_text(item)
            self.node(figure, "Figure", ("Figure",), props)
            self.rel("HAS_FIGURE", owner, figure, f"{figure}:of", {})
            for order, actor in enumerate(ids(item.get("counts")), 1):
                self.rel("COUNTS", figure, actor, f"{figure}:counts:{order}", {})
            self.evidence(item.get("evidence"), figure, figure)


def edge_id(u: str, v: str, key: object, data: Mapping[str, Any]) -> str:
    """The ``id`` of the relationship an edge of ``kg.graph`` becomes: a relation's own id, else its kind and ends.

    >>> edge_id("a", "e", "speaker", {"kind": "participation"}), edge_id("a", "b", "a--leads--b", {"kind": "relation"})
    ('participation:a:speaker:e', 'a--leads--b')
    """
    kind = plain_text(data.get("kind", "edge"))
    return str(key) if kind == "relation" else f"{kind}:{u}:{key}:{v}"


def property_graph(graph: nx.MultiDiGraph) -> PropertyGraph:
    """The property graph of ``kg.graph``, as this module describes it (:class:`ModelError` when it cannot be).

    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("a", kind="person", type="person", label="A")
    >>> graph.add_node("e", kind="event", type="sit_in", label="E", evidence=[{"quote": "q", "claimed_by": ["a"]}])
    >>> _ = graph.add_edge("a", "e", key="agent", kind="participation", type="agent", label="agent")
    >>> model = property_graph(graph)
    >>> [n.labels for n in model.nodes], [(r.type, r.start, r.end) for r in model.relationships]
    ([('Person',), ('Event', 'SitIn'), ('Quote',)], [('AGENT', 'a', 'e'), ('CLAIMED_BY', 'quote:e:1', 'a'), ('SUPPORTS', 'quote:e:1', 'e')])
    """
    build, names = _Builder(graph), Names()
    for node_id, data in graph.nodes(data=True):
        kind = data.get("kind")
        group = KIND_GROUPS.get(kind) if isinstance(kind, str) else None
        if group is None:
            raise ModelError(f"{shown(node_id)}: a node of kind {kind!r} (kinds: {', '.join(KIND_GROUPS)})")
        event_type = str(data["type"]) if group == "Event" and data.get("type") else None
        labels = (group, names.label(event_type, node_id)) if event_type else (group,)
        build.node(str(node_id), group, labels, properties(data, node_id))
    for source_id in build.sources:
        build.source(source_id)
    for node_id, data in graph.nodes(data=True):
        for source_id in data.get("sources") or ():
            build.rel("MENTIONED_IN", node_id, build.source(source_id), f"mentioned:{node_id}:{source_id}", {})
        build.figures(data.get("figures"), node_id)
        if data.get("kind") == "event":
            build.evidence(data.get("evidence"), node_id, node_id)
    for u, v, key, data in graph.edges(keys=True, data=True):
        rel_id = edge_id(u, v, key, data)
        rel_type = names.relationship(plain_text(data.get("kind")), str(data.get("type")), rel_id)
        build.rel(rel_type, u, v, rel_id, properties(data, rel_id))
        build.evidence(_own_evidence(graph, v, data), rel_id, None)
    nodes = [node for group in GROUPS for node in build.nodes[group]]
    order = {name: index for index, name in enumerate(sorted({r.type for r in build.rels}))}
    rels = sorted(build.rels, key=lambda r: order[r.type])  # stable: within a type, as listed
    seen: set[str] = set()
    for rel in rels:
        rel_id = str(rel.properties["id"])
        if rel_id in seen:
            raise ModelError(f"{shown(rel_id)}: two relationships have this id")
        seen.add(rel_id)
    return PropertyGraph(nodes, rels)


def _own_evidence(graph: nx.MultiDiGraph, event: str, data: Mapping[str, Any]) -> list[Any]:
    """An edge's evidence but what it shares with its event (a participant's edge lists its event's quotes after its own)."""
    evidence = data.get("evidence")
    if not isinstance(evidence, list) or not evidence:
        return []
    if data.get("kind") != "participation":
        return evidence
    own = own_part(evidence, graph.nodes[event].get("evidence"))
    return evidence if own is None else own
