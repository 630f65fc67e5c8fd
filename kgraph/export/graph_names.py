"""The names a graph database gives kgraph's terms: labels for event types, relationship types for roles and
relation types, kept apart from the names the property graph (:mod:`kgraph.export.property_graph`) gives its own
nodes and relationships.

An event's labels are ``Event`` and its type in PascalCase (``armed_clash``: ``ArmedClash``); an edge's
relationship type is its type in upper case (``holds_office``: ``HOLDS_OFFICE``). A corpus's own terms (its
``vocabulary.yaml``) could take a name the model uses for something else: an event type ``person`` would be
labelled ``Person``, found by ``MATCH (:Person)``, and a relation type ``supports`` would share ``SUPPORTS`` with
the quotes. Such a term is written with a prefix: an event type's label gets ``Event`` before it
(``EventPerson``), a role's or relation type's relationship type its edge's kind (``RELATION_SUPPORTS``,
``PARTICIPATION_VIA``); the ``type`` property keeps the term as it is. Two terms that would still share a name
are refused, naming both.

>>> names = Names()
>>> names.label("person", "e1"), names.label("armed_clash", "e2"), names.relationship("relation", "supports", "r1")
('EventPerson', 'ArmedClash', 'RELATION_SUPPORTS')
"""

from __future__ import annotations

import re

from kgraph.annotations.vocabulary import ENTITY_TYPES, STANCES
from kgraph.errors import KgraphError, shown

#: The kinds of node in ``kg.graph`` (the vocabulary's entity types, and events) and their group: the kind capitalized.
KIND_GROUPS = {kind: kind.capitalize() for kind in (*ENTITY_TYPES, "event")}
#: Node groups, in the order files and statements list them: each node's first label.
GROUPS = (*KIND_GROUPS.values(), "Source", "Figure", "Quote")
#: The relationship types of evidence: a quote's stance on what it bears on, then its other links.
EVIDENCE_TYPES = (
    *(stance.upper() for stance in STANCES),
    "FROM",
    "CLAIMED_BY",
    "VIA",
    "HAS_FIGURE",
    "COUNTS",
    "MENTIONED_IN",
)

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


class ModelError(KgraphError):
    """A graph that cannot be written as a property graph (a name no label can hold, an end that is missing)."""


def pascal(term: str) -> str:
    """A vocabulary term as a label: ``armed_clash`` -> ``ArmedClash``.

    >>> pascal("armed_clash"), pascal("protest")
    ('ArmedClash', 'Protest')
    """
    return "".join(part[:1].upper() + part[1:] for part in term.split("_"))


def checked(name: str, what: str, owner: str) -> str:
    """``name``, or :class:`ModelError` naming ``owner`` when no label or relationship type can be ``name``.

    >>> checked("a b", "edge type", "x")
    Traceback (most recent call last):
    ...
    kgraph.export.graph_names.ModelError: x: edge type 'a b' cannot be a label or type in a graph database
    """
    if not _NAME.match(name):
        raise ModelError(f"{shown(owner)}: {what} {name!r} cannot be a label or type in a graph database")
    return name


class Names:
    """The labels and relationship types given so far, each with the term it stands for: no two terms share one."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self.types: dict[str, str] = {}

    @staticmethod
    def _given(given: dict[str, str], name: str, term: str, owner: str) -> str:
        other = given.setdefault(name, term)
        if other != term:
            raise ModelError(f"{shown(owner)}: the terms {other!r} and {term!r} would both be named {name}")
        return name

    def label(self, event_type: str, owner: str) -> str:
        """The label of event type ``event_type`` (of node ``owner``): ``Event`` before it when a group has its name.

        >>> Names().label("event", "e")
        'EventEvent'
        """
        name = checked(pascal(event_type), "event type", owner)
        return self._given(self.labels, f"Event{name}" if name in GROUPS else name, f"event type {event_type!r}", owner)

    def relationship(self, kind: str, edge_type: str, owner: str) -> str:
        """The relationship type of an edge of ``kind`` and type ``edge_type`` (relationship ``owner``): its kind
        before it when evidence has its name.

        >>> Names().relationship("participation", "via", "p"), Names().relationship("relation", "leads", "r")
        ('PARTICIPATION_VIA', 'LEADS')
        """
        name = checked(edge_type, "edge type", owner).upper()
        if name in EVIDENCE_TYPES:
            name = checked(f"{kind}_{edge_type}", "edge type", owner).upper()
        return self._given(self.types, name, f"edge type {edge_type!r}", owner)
