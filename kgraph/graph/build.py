"""Build the knowledge graph of a corpus: entities and events as nodes, participation and relations as typed edges.

:func:`build_graph` makes the :class:`networkx.MultiDiGraph` that :class:`~kgraph.KnowledgeGraph` wraps
(``kg.graph``). Its shape:

* a node per entity (``kind``: person, organization, group, place) and per
  event (``kind``: event), keyed by its id;
* ``participation`` edges from each participant to its event, keyed by role;
* ``location`` edges from an event to its place (key ``place``);
* ``part_of`` edges from an event to the larger event, and from a place to
  the place it lies in (key ``part_of``);
* ``relation`` edges from subject to object, keyed by the relation's id.

Event nodes list their ``participants`` (actor and role, in order); the graph's own attributes hold the ``sources``
(their metadata, by id) and ``lastmodified``, the latest publication date.

Every node and edge has ``kind``, ``type`` and ``label``; events and the edges that stand for them have their date
(``date`` as EDTF, ``earliest``, ``latest``, ``earliest_possible``, ``latest_possible`` as ISO days, left out when
open, and ``precision``); relations have those of their ``valid`` interval when they have one. Events,
participation and relation edges carry their ``evidence``: a list of ``{quote, source, stance, claimed_by, via,
note}`` (``stance`` only when it is not ``supports``; ``claimed_by`` and ``via`` are lists of actor ids). A
participant's edge has its own evidence first, then its event's; when it has none of its own, its ``evidence`` is
its event's list itself, one object (as the evidence items always were): changed in place, it changes for the event
and each such edge; to change one alone, give it a new list (a graph read back from graph.json shares none).
Events and entities with numbers have ``figures``:
``{measure, value, min, max, qualifier, unit, counts, evidence, note}``. Event nodes carry the nearest ACLED terms of
their type (``acled_event_type``, ``acled_sub_event_type``) and its CAMEO root code (``cameo``) where the vocabulary
gives them; a Battles event that changes who holds territory (a ``capture``) takes its sub-event type by who takes
the place, as ``acled.csv`` does (:func:`kgraph.graph.acled.acled_sub_event_type`). An event whose status or date a
later source changed has its ``history``: ``{source, status, date}`` for each state, oldest first. Participants
another document added name their ``source``. Entity nodes list the ``sources`` that mention them (as a participant,
place, claimant or relayer). Values that are None are left out. A corpus with terms of its own (its
``vocabulary.yaml``) has them in ``vocabulary``, shaped like that file, so a graph read back knows them. Building
reads nothing from disk and changes nothing it is given. The names of these attributes, and how each list or dict
reads as text, are in :mod:`kgraph.graph.attributes`.

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> kg.graph.nodes["shusha"]["label"], kg.graph.nodes["shusha"]["type"]
('Shusha', 'town')
>>> kg.graph.edges["gegham-stepanyan", "stepanyan-appeal-to-icrc", "speaker"]["kind"]
'participation'
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.models import AnyEntity, Event, Place, Relation, entity_type
from kgraph.annotations.terms import Terms
from kgraph.corpus.corpus import Corpus, StateChange
from kgraph.graph.acled import acled_sub_event_type
from kgraph.graph.attributes import DATE_BOUNDS, vocabulary_attribute


def date_attributes(span: TimeSpan | None, days: dict[date, str] | None = None) -> dict[str, str]:
    """The date attributes of a node or edge: EDTF text, ISO bounds (open ones left out), precision.

    >>> date_attributes(TimeSpan.parse("2023-07"), days={})["latest"]  # days: the ISO text of each day, made once
    '2023-07-31'
    """
    if span is None:
        return {}
    attributes = {"date": span.edtf, "precision": span.precision}
    days = {} if days is None else days
    for name in DATE_BOUNDS:
        value = getattr(span, name)
        if value is not None:
            attributes[name] = days.get(value) or days.setdefault(value, value.isoformat())
    return attributes


def evidence_attribute(evidence: list[Evidence]) -> list[dict[str, Any]]:
    """Evidence as plain dicts, leaving out empty fields and the default stance ('supports').

    >>> evidence_attribute([Evidence(quote="q", source="doc", claimed_by="x")])
    [{'quote': 'q', 'source': 'doc', 'claimed_by': ['x']}]
    """
    found = []
    for e in evidence:
        item: dict[str, Any] = {"quote": e.quote}
        if e.source is not None:
            item["source"] = e.source
        if e.stance != "supports":
            item["stance"] = e.stance
        if e.claimed_by:
            item["claimed_by"] = list(e.claimed_by)
        if e.via:
            item["via"] = list(e.via)
        if e.note is not None:
            item["note"] = e.note
        found.append(item)
    return found


def figures_attribute(figures: list[Figure]) -> list[dict[str, Any]]:
    """Figures as plain dicts, leaving out empty fields; each with its evidence as :func:`evidence_attribute` gives it.

    >>> figures_attribute([Figure(measure="killed", value=2, evidence=[{"quote": "q", "stance": "denies"}])])
    [{'measure': 'killed', 'value': 2, 'evidence': [{'quote': 'q', 'stance': 'denies'}]}]
    """
    found = []
    for figure in figures:
        item: dict[str, Any] = {"measure": figure.measure}
        for name in ("value", "min", "max", "qualifier", "unit", "counts"):
            value = getattr(figure, name)
            if value is not None:
                item[name] = value
        item["evidence"] = evidence_attribute(figure.evidence)
        if figure.note is not None:
            item["note"] = figure.note
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
    if entity.figures:
        node["figures"] = figures_attribute(entity.figures)
    if isinstance(entity, Place):
        if entity.part_of:
            node["part_of"] = entity.part_of
        if entity.coordinates:
            node["lat"], node["lon"] = entity.coordinates.lat, entity.coordinates.lon
    return node


def _event_node(event: Event, history: tuple[StateChange, ...], terms: Terms, dates: dict[str, str]) -> dict[str, Any]:
    node: dict[str, Any] = {"kind": "event", "type": event.type, "label": event.title, "status": event.status}
    codes = terms.event_types.get(event.type)  # None for a type from elsewhere (a graph built by hand)
    if codes is not None and codes.acled:
        node["acled_event_type"], node["acled_sub_event_type"] = codes.acled
    if codes is not None and codes.cameo:
        node["cameo"] = codes.cameo
    node.update(dates)
    node["date_basis"] = event.date_basis
    for name in ("date_note", "place", "part_of", "description"):
        if getattr(event, name):
            node[name] = getattr(event, name)
    if event.participants:
        node["participants"] = participants = []
        for p in event.participants:
            participant = {"actor": p.actor, "role": p.role}
            if p.source:
                participant["source"] = p.source
            participants.append(participant)
    if event.figures:
        node["figures"] = figures_attribute(event.figures)
    if history:
        node["history"] = [
            {**({"source": h.source} if h.source else {}), "status": h.status, "date": h.date.edtf} for h in history
        ]
    node["evidence"] = evidence_attribute(event.evidence)
    return node


def build_graph(corpus: Corpus) -> nx.MultiDiGraph:
    """The MultiDiGraph of a corpus, as described in this module's documentation."""
    graph = nx.MultiDiGraph()
    dates = _Dates()
    fill = _Filler(graph)
    # every node first, so that node order is corpus order; then the edges
    for entity in corpus.entities.values():
        fill.node(entity.id, _entity_node(entity))
    history, terms = corpus.history, corpus.terms
    for event in corpus.events.values():
        fill.node(event.id, _event_node(event, history.get(event.id, ()), terms, dates.of(event.date)))
    labels: dict[str, str] = {}
    for event in corpus.events.values():
        span = dates.of(event.date)
        shared = fill.nodes[event.id]["evidence"]  # the event's own evidence: one list for it and its participants
        for participant in event.participants:
            role = participant.role
            label = labels.get(role) or labels.setdefault(role, role.replace("_", " "))
            edge: dict[str, Any] = {"kind": "participation", "type": role, "role": role, "label": label, **span}
            if participant.note:
                edge["note"] = participant.note
            edge["evidence"] = [*evidence_attribute(participant.evidence), *shared] if participant.evidence else shared
            fill.edge(participant.actor, event.id, role, edge)
        if fill.nodes[event.id].get("acled_event_type") == "Battles":  # a capture's: by who takes the place
            fill.node(event.id, {"acled_sub_event_type": acled_sub_event_type(graph, event.id, fill.nodes[event.id])})
        if event.place:
            fill.edge(event.id, event.place, "place", {"kind": "location", "type": "place", "label": "at", **span})
        if event.part_of:
            fill.edge(event.id, event.part_of, "part_of", {**_PART_OF, **span})
    for place in corpus.places:
        if place.part_of:
            fill.edge(place.id, place.part_of, "part_of", dict(_PART_OF))
    for r in corpus.relations.values():
        fill.edge(r.subject, r.object, r.key, _relation_edge(r, terms, dates))
    for entity_id, sources in corpus.mentions().items():  # last, as they always were: after the other attributes
        node = fill.nodes.get(entity_id)
        if node is not None and node["kind"] != "event":
            node["sources"] = sorted(sources)
    dated = [d for s in corpus.sources.values() if (d := s.published.latest or s.published.earliest) is not None]
    graph.graph.update(
        name="kgraph", description=f"Knowledge graph of {len(corpus.sources)} annotated source documents"
    )
    if dated:
        graph.graph["lastmodified"] = max(dated).isoformat()
    graph.graph["sources"] = {sid: s.model_dump(mode="json", exclude_none=True) for sid, s in corpus.sources.items()}
    graph.graph["relations"] = list(corpus.relations)
    vocabulary = vocabulary_attribute(corpus.terms)
    if vocabulary:  # only then, so that the graph of a corpus without terms of its own stays as it was
        graph.graph["vocabulary"] = vocabulary
    return graph


_PART_OF = {"kind": "part_of", "type": "part_of", "label": "part of"}


class _Dates:
    """The date attributes of each date, made once: events on the same day share them, and their text."""

    def __init__(self) -> None:
        self.spans: dict[str | None, dict[str, str]] = {}  # by EDTF text, which says all of a date
        self.days: dict[date, str] = {}

    def of(self, span: TimeSpan | None) -> dict[str, str]:
        text = None if span is None else span.edtf
        found = self.spans.get(text)
        return found if found is not None else self.spans.setdefault(text, date_attributes(span, self.days))


class _Filler:
    """Fills a new MultiDiGraph as ``add_nodes_from`` and ``add_edges_from`` do, without their two copies of each dict."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.nodes: dict[str, dict[str, Any]] = graph._node
        self.succ, self.pred = graph._succ, graph._pred  # each {node: {node: {key: attributes}}}

    def node(self, node: str, data: dict[str, Any]) -> None:
        if node in self.nodes:
            self.nodes[node].update(data)
        else:
            self.nodes[node], self.succ[node], self.pred[node] = data, {}, {}

    def edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
        out, into = self.succ.get(u), self.pred.get(v)  # None: an end that is no node, which becomes one
        if out is None:
            self.node(u, {})
            out = self.succ[u]
        if into is None:
            self.node(v, {})
            into = self.pred[v]
        keys = out.get(v)
        if keys is None:
            keys = out[v] = into[u] = {}
        if keys.setdefault(key, data) is not data:  # an edge given again: its attributes updated, as networkx does
            keys[key].update(data)


def _relation_edge(relation: Relation, terms: Terms, dates: _Dates) -> dict[str, Any]:
    edge: dict[str, Any] = {"kind": "relation", "type": relation.type, "label": relation.type.replace("_", " ")}
    if terms.relation_types[relation.type].symmetric:
        edge["symmetric"] = True
    edge.update(dates.of(relation.valid))
    if relation.description:
        edge["description"] = relation.description
    edge["evidence"] = evidence_attribute(relation.evidence)
    return edge
