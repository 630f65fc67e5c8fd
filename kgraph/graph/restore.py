"""The corpus back from a graph kgraph built: the inverse of :func:`kgraph.graph.build.build_graph`.

>>> import kgraph
>>> from kgraph.graph.build import build_graph
>>> corpus = kgraph.load("seeds")
>>> corpus_from_graph(build_graph(corpus)).events == corpus.events
True
"""

from __future__ import annotations

import networkx as nx

from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.models import AnyEntity, Event, Place, Relation
from kgraph.annotations.terms import Terms
from kgraph.corpus.corpus import Corpus, StateChange


def corpus_from_graph(graph: nx.MultiDiGraph) -> Corpus:
    """The corpus a kgraph graph was built from (without source texts): the inverse of :func:`build_graph`.

    A graph whose corpus has terms of its own (``graph.graph["vocabulary"]``) is read back with them.
    Raises :class:`~kgraph.errors.KgraphError` when the graph was not built by kgraph.
    """
    from pydantic import ValidationError

    from kgraph.errors import KgraphError

    try:
        return _corpus_from_graph(graph)
    except ValidationError as exc:  # the first mistake, in words: what field, and the value it holds
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in error["loc"] if not str(p).startswith(("function", "literal")))
        value = repr(error["input"])
        value = value if len(value) <= 60 else value[:57] + "..."
        raise KgraphError(f"not a kgraph graph: {exc.title.lower()} {where}: {error['msg']} ({value})") from None
    except (KeyError, TypeError, AttributeError) as exc:
        first = str(exc).splitlines()[0]
        raise KgraphError(f"not a kgraph graph: {first}") from None


def _corpus_from_graph(graph: nx.MultiDiGraph) -> Corpus:
    from kgraph.annotations.terms import DEFAULT, using
    from kgraph.errors import KgraphError

    terms = DEFAULT
    if "vocabulary" in graph.graph:
        from kgraph.corpus.vocabulary_file import vocabulary_terms

        terms, problems = vocabulary_terms(graph.graph["vocabulary"], display="vocabulary")
        if problems:
            raise KgraphError(f"not a kgraph graph: its vocabulary: {problems[0].message}")
    with using(terms):  # the models are checked against the corpus's own terms
        return _models_from_graph(graph, terms)


def _models_from_graph(graph: nx.MultiDiGraph, terms: Terms) -> Corpus:
    from pathlib import Path

    from kgraph.annotations.models import Group, Organization, Participant, Person, Source

    models: dict[str, type[Person | Organization | Group | Place]] = {
        "person": Person,
        "organization": Organization,
        "group": Group,
        "place": Place,
    }
    sources = {sid: Source.model_validate(data) for sid, data in graph.graph.get("sources", {}).items()}
    entities: dict[str, AnyEntity] = {}
    history: dict[str, tuple[StateChange, ...]] = {}
    events: dict[str, Event] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] == "event":
            participants = []
            for p in data.get("participants", []):
                edge = graph.edges[p["actor"], node, p["role"]]
                own = edge["evidence"][: len(edge["evidence"]) - len(data["evidence"])]
                participants.append(
                    Participant.model_validate(
                        {
                            "actor": p["actor"],
                            "role": p["role"],
                            "evidence": own,
                            "note": edge.get("note"),
                            "source": p.get("source"),
                        }
                    )
                )
            fields = {
                k: data.get(k)
                for k in ("type", "date", "date_basis", "date_note", "status", "place", "part_of", "description")
            }
            if "figures" in data:
                fields["figures"] = data["figures"]
            if "history" in data:
                history[node] = tuple(
                    StateChange(h.get("source"), h["status"], TimeSpan.parse(h["date"])) for h in data["history"]
                )
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
            fields = {
                k: data[k]
                for k in ("aliases", "description", "external_ids", "figures", "notes", "part_of")
                if k in data
            }
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
    return Corpus(Path(), sources, entities, events, relations, {}, {}, history=history, terms=terms)
