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
``(entity)-[:MENTIONED_IN]->(source)``.

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

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kgraph.annotations.vocabulary import ENTITY_TYPES, STANCES
from kgraph.errors import KgraphError, shown
from kgraph.graph.attributes import READABLE, amount_text, ids, plain_text, stance_of, state_text

if TYPE_CHECKING:
    import networkx as nx

#: A property's value: text, a number, a truth value, or a list of texts (a ``date`` is its ISO text).
Value = str | int | float | bool | tuple[str, ...]

#: The kinds of node in ``kg.graph`` (the vocabulary's entity types, and events) and their group: the kind capitalized.
_KIND_GROUPS = {kind: kind.capitalize() for kind in (*ENTITY_TYPES, "event")}
#: Node groups, in the order files and statements list them: each node's first label.
GROUPS = (*_KIND_GROUPS.values(), "Source", "Figure", "Quote")

#: Every property's type, as Neo4j's import header names it; the order is the order of columns.
TYPES: dict[str, str] = {
    "id": "string", "kind": "string", "type": "string", "label": "string", "role": "string",
    "status": "string", "date": "string", "precision": "string",
    "earliest": "date", "latest": "date", "earliest_possible": "date", "latest_possible": "date",
    "date_basis": "string", "date_note": "string", "description": "string", "notes": "string",
    "aliases": "string[]", "aliases_text": "string", "external_ids": "string[]", "lat": "double", "lon": "double",
    "acled_event_type": "string", "acled_sub_event_type": "string", "cameo": "string", "history": "string[]",
    "symmetric": "boolean", "note": "string", "order": "long",
    "text": "string", "stance": "string", "about": "string",
    "measure": "string", "value": "double", "min": "double", "max": "double", "qualifier": "string", "unit": "string",
    "published": "string", "published_basis": "string", "published_note": "string", "language": "string",
    "url": "string", "author": "string", "outlet": "string",
}  # fmt: skip
#: The attributes of ``kg.graph``'s nodes and edges that become properties as they are.
_COPIED = tuple(n for n in TYPES if n not in ("aliases", "external_ids", "history", "text", "about", "order"))
#: The source fields that become properties (``title`` is the ``label``).
_SOURCE_FIELDS = ("published", "published_basis", "published_note", "language", "url", "author", "outlet")
#: The kinds of relationship that are the edges of ``kg.graph``.
GRAPH_EDGE_KINDS = ("participation", "relation", "location", "part_of")

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


class ModelError(KgraphError):
    """A graph that cannot be written as a property graph (a name no label can hold, an end that is missing)."""


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


def pascal(term: str) -> str:
    """A vocabulary term as a label: ``armed_clash`` -> ``ArmedClash``.

    >>> pascal("armed_clash"), pascal("protest")
    ('ArmedClash', 'Protest')
    """
    return "".join(part[:1].upper() + part[1:] for part in term.split("_"))


def _checked(name: str, what: str, owner: str) -> str:
    if not _NAME.match(name):
        raise ModelError(f"{shown(owner)}: {what} {name!r} cannot be a label or type in a graph database")
    return name


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
        for number, item in enumerate(items if isinstance(items, list | tuple) else (), 1):
            if not isinstance(item, Mapping) or "quote" not in item:
                continue
            quote = f"quote:{about}:{number}"
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
        for number, item in enumerate(items if isinstance(items, list | tuple) else (), 1):
            if not isinstance(item, Mapping) or "measure" not in item:
                continue
            figure = f"figure:{owner}:{number}"
            props: dict[str, Value] = {"kind": "figure", "measure": plain_text(item["measure"])}
            for name in ("value", "min", "max"):
                number_value = item.get(name)
                if isinstance(number_value, int | float) and not isinstance(number_value, bool):
                    props[name] = float(number_value)
            props.update((k, plain_text(item[k])) for k in ("qualifier", "unit", "note") if item.get(k) is not None)
            props["text"] = amount_text(item)
            self.node(figure, "Figure", ("Figure",), props)
            self.rel("HAS_FIGURE", owner, figure, f"{figure}:of", {})
            for order, actor in enumerate(ids(item.get("counts")), 1):
                self.rel("COUNTS", figure, actor, f"{figure}:counts:{order}", {})
            self.evidence(item.get("evidence"), figure, figure)


def _properties(data: Mapping[str, Any]) -> dict[str, Value]:
    """The properties of one node or edge of ``kg.graph``: the attributes :data:`TYPES` names, as they are typed."""
    props: dict[str, Value] = {}
    for name in _COPIED:
        value = data.get(name)
        if value is None or value == "":
            continue
        kind = TYPES[name]
        if kind == "double" and isinstance(value, int | float) and not isinstance(value, bool):
            props[name] = float(value)
        elif kind == "boolean" and isinstance(value, bool):
            props[name] = value
        else:
            props[name] = plain_text(value)
    aliases = data.get("aliases")
    if isinstance(aliases, list) and aliases:
        props["aliases"] = tuple(
            plain_text(a.get("name")) if isinstance(a, Mapping) else plain_text(a) for a in aliases
        )
        props["aliases_text"] = READABLE["aliases"](aliases)
    external = data.get("external_ids")
    if isinstance(external, Mapping) and external:
        props["external_ids"] = tuple(f"{k}:{plain_text(v)}" for k, v in external.items())
    history = data.get("history")
    if isinstance(history, list) and history:
        props["history"] = tuple(
            state_text(h) or plain_text(h) if isinstance(h, Mapping) else plain_text(h) for h in history
        )
    return props


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
    build = _Builder(graph)
    for node_id, data in graph.nodes(data=True):
        kind = data.get("kind")
        group = _KIND_GROUPS.get(kind) if isinstance(kind, str) else None
        if group is None:
            raise ModelError(f"{shown(node_id)}: a node of kind {kind!r} (kinds: {', '.join(_KIND_GROUPS)})")
        event_type = pascal(str(data["type"])) if group == "Event" and data.get("type") else None
        labels = (group, _checked(event_type, "event type", node_id)) if event_type else (group,)
        build.node(str(node_id), group, labels, _properties(data))
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
        build.rel(str.upper(_checked(str(data.get("type")), "edge type", rel_id)), u, v, rel_id, _properties(data))
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
    shared = graph.nodes[event].get("evidence") or []
    if evidence is shared:
        return []
    if shared and evidence[-len(shared) :] == shared:
        return evidence[: -len(shared)]
    return evidence
