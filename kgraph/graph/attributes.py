"""The attributes the graph layer puts on nodes and edges: their names, and how each list or dict reads as text.

:mod:`kgraph.graph.build` writes these attributes (see its notes for what each holds); the exports that need
a name (the explorer's panel, the readable companions of the XML files) take it from here rather than keeping
a copy. :data:`READABLE` names, for each attribute whose value is a list or a dict, the function that turns
it into text for people; an attribute kgraph does not define (in a graph from elsewhere) reads as
:func:`plain_text`, items joined with ``"; "``. Every formatter takes any value and never raises. The graph's own
``vocabulary``, the terms its corpus adds, is made by :func:`vocabulary_attribute`.

>>> READABLE["evidence"]([{"quote": "It is not so", "source": "doc", "stance": "denies", "claimed_by": ["a", "b"], "via": ["c"]}])
'“It is not so” (doc; claimed by a, b via c; denies)'
>>> READABLE["figures"]([{"measure": "killed", "value": 2, "evidence": [{"quote": "q", "claimed_by": ["x"]}]},
...                      {"measure": "population", "value": 20000, "qualifier": "about", "evidence": []}])
'killed: 2 (claimed by x); population: about 20,000'
>>> READABLE["history"]([{"source": "s1", "status": "predicted", "date": "2020-10-29"}, {"source": "s2", "status": "occurred", "date": "2020-11-08"}])
'predicted 2020-10-29 (s1) → occurred 2020-11-08 (s2)'
>>> READABLE["aliases"]([{"name": "Shushi", "lang": "hy-Latn"}]), READABLE["external_ids"]({"wikidata": "Q227"})
('Shushi (hy-Latn)', 'wikidata: Q227')
>>> plain_text(["a", 1, {"quote": "q"}])
'a; 1; quote: q'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from kgraph.graph.texts import (
    QUALIFIER_WORDS,
    Namer,
    amount_text,
    attribution,
    default_unit,
    evidence_text,
    figure_text,
    ids,
    number_text,
    plain_text,
    scalar_text,
    stance_of,
    state_text,
)

if TYPE_CHECKING:
    from kgraph.annotations.terms import Terms

__all__ = [
    "DATE_ATTRIBUTES",
    "DATE_BOUNDS",
    "EDGE_ATTRIBUTES",
    "IDENTITY_ATTRIBUTES",
    "NODE_ATTRIBUTES",
    "QUALIFIER_WORDS",
    "READABLE",
    "Formatter",
    "Namer",
    "amount_text",
    "attribution",
    "default_unit",
    "evidence_text",
    "figure_text",
    "ids",
    "number_text",
    "own_part",
    "plain_text",
    "readable",
    "scalar_text",
    "stance_of",
    "state_text",
    "vocabulary_attribute",
]

#: What every node and edge has: its kind (person, event, participation, relation, ...), type and label.
IDENTITY_ATTRIBUTES = ("kind", "type", "label")
#: The ISO bounds of a date, face value first, then the widened ones; an open bound is left out.
DATE_BOUNDS = ("earliest", "latest", "earliest_possible", "latest_possible")
#: A date's attributes: its EDTF text, its precision and its bounds.
DATE_ATTRIBUTES = ("date", "precision", *DATE_BOUNDS)
#: Every attribute a node may have (entities and events together).
NODE_ATTRIBUTES = (
    *IDENTITY_ATTRIBUTES,
    "aliases",
    "description",
    "notes",
    "external_ids",
    "part_of",
    "lat",
    "lon",
    "sources",
    "status",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo",
    *DATE_ATTRIBUTES,
    "date_basis",
    "date_note",
    "place",
    "participants",
    "figures",
    "history",
    "evidence",
)
#: Every attribute an edge may have (participation, location, part_of and relation edges together).
EDGE_ATTRIBUTES = (*IDENTITY_ATTRIBUTES, "role", *DATE_ATTRIBUTES, "note", "symmetric", "description", "evidence")

#: A function that turns an attribute's value into text for people.
Formatter = Callable[[object], str]


def _items(describe: Callable[[Mapping[object, object]], str | None], joiner: str = "; ") -> Formatter:
    """A formatter for a list of dicts: each dict as ``describe`` writes it (or plainly, when it gives None)."""

    def item_text(item: object) -> str:
        described = describe(item) if isinstance(item, Mapping) else None
        return plain_text(item) if described is None else described

    def formatter(value: object) -> str:
        if isinstance(value, list | tuple):
            return joiner.join(item_text(item) for item in value)
        return item_text(value)

    formatter.__doc__ = describe.__doc__
    return formatter


def _alias(item: Mapping[object, object]) -> str | None:
    """Aliases as ``name (lang; source)``."""
    if "name" not in item:
        return None
    where = "; ".join(plain_text(item[k]) for k in ("lang", "source") if item.get(k))
    return plain_text(item["name"]) + (f" ({where})" if where else "")


def _participant(item: Mapping[object, object]) -> str | None:
    """Participants as ``actor (role)``, or ``actor (role; source)`` when a later document added them."""
    if "actor" not in item or "role" not in item:
        return None
    where = "; ".join(plain_text(item[k]) for k in ("role", "source") if item.get(k))
    return f"{plain_text(item['actor'])} ({where})"


def own_part(evidence: object, shared: object) -> list[Any] | None:
    """A participant's edge lists its own quotes, then its event's (``shared``, the event's list itself): the
    edge's own part when ``evidence`` ends with ``shared``, else None (nothing shared to take off).

    >>> event = [{"quote": "e"}]
    >>> own_part(event, event), own_part([{"quote": "p"}, *event], event), own_part([{"quote": "p"}], event)
    ([], [{'quote': 'p'}], None)
    """
    if not isinstance(evidence, list) or not isinstance(shared, list) or not shared:
        return None
    if evidence is shared:
        return []
    cut = len(evidence) - len(shared)
    return evidence[:cut] if cut >= 0 and evidence[cut:] == shared else None


#: For each list- or dict-valued attribute of nodes and edges, the function that writes it as text for people.
READABLE: dict[str, Formatter] = {
    "aliases": _items(_alias),
    "external_ids": plain_text,
    "sources": plain_text,
    "participants": _items(_participant),
    "figures": _items(figure_text),
    "history": _items(state_text, " → "),
    "evidence": _items(evidence_text),
}


def readable(name: object, value: object) -> str:
    """The value of attribute ``name`` as text for people: by its formatter in :data:`READABLE`, else plainly."""
    formatter = READABLE.get(name) if isinstance(name, str) else None
    return (formatter or plain_text)(value)


def vocabulary_attribute(terms: Terms) -> dict[str, dict[str, dict[str, Any]]]:
    """The terms a corpus adds, JSON-ready and shaped like its ``vocabulary.yaml``; empty when it adds none.

    >>> from kgraph.corpus.vocabulary_file import vocabulary_terms
    >>> vocabulary_attribute(vocabulary_terms({"measures": {"tents": {"description": "Tents.", "units": "any"}}})[0])
    {'measures': {'tents': {'description': 'Tents.', 'units': 'any'}}}
    """
    data: dict[str, dict[str, dict[str, Any]]] = {}
    if not terms.added:  # most corpora: nothing to import
        return data
    from kgraph.corpus.vocabulary_file import SECTIONS

    for section, name in SECTIONS.items():
        for term, description in terms.added.get(name, {}).items():
            item: dict[str, Any] = {"description": description}
            if section == "event_types":
                kind = terms.event_types[term]
                item.update(acled=list(kind.acled) if kind.acled else None, cameo=kind.cameo)
            elif section == "roles":
                item["allowed"] = list(terms.roles[term].allowed)
            elif section == "relation_types":
                rel = terms.relation_types[term]
                item.update(subject=list(rel.subject), object=list(rel.object), symmetric=rel.symmetric or None)
            elif section == "measures":
                measure = terms.measures[term]
                units = "any" if measure.units is None else list(measure.units) or None
                item.update(units=units, summable=None if measure.summable else False)
            data.setdefault(section, {})[term] = {k: v for k, v in item.items() if v is not None}
    return data
