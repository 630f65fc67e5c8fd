"""Claims and disputes: who claims, relays or denies what, and the facts on which the sources take sides.

Every evidence item bears on one fact: an event, a relation, a participant's part in an event, or a figure.
:func:`disputes` lists the facts whose evidence takes more than one stance, each side with who takes it;
:func:`claims` lists every quote an actor claims or relays, with where it stands.

>>> from pathlib import Path
>>> import kgraph
>>> from kgraph.annotations.models import Organization, Place, Relation
>>> from kgraph.corpus.corpus import Corpus
>>> def quote(text, by, stance="supports"):
...     return {"quote": text, "source": "s", "claimed_by": by, "stance": stance}
>>> x, y = Organization(id="x", name="X", kind="state"), Organization(id="y", name="Y", kind="state")
>>> town = Place(id="town", name="Town", kind="town")
>>> relation = Relation.model_validate({"type": "located_in", "subject": "y", "object": "town",
...     "evidence": [quote("Y's army is in the town", "x"), quote("Y denied it", "y", "denies")]})
>>> kg = kgraph.KnowledgeGraph(Corpus(Path("."), {}, {"x": x, "y": y, "town": town}, {}, {relation.key: relation}, {}, {}))
>>> [(s.stance, s.claimants) for d in disputes(kg.index) for s in d.sides]
[('supports', ('x',)), ('denies', ('y',))]
>>> [(c.part, c.stance, c.quote) for c in claims(kg.index, by="Y")]
[('claims', 'denies', 'Y denied it')]
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.annotations.evidence import Evidence
from kgraph.errors import UsageError, shown
from kgraph.graph.index import Index
from kgraph.query.figures import figure_text
from kgraph.query.results import Claim, Dispute, Results, Side
from kgraph.query.stance import side

#: The order sides are listed in.
_STANCES = ("supports", "denies", "disputes")


def facts(ix: Index) -> Iterator[tuple[str, str, str, list[Evidence]]]:
    """Every fact evidence bears on, as (kind, item, label, evidence): events in time order with their participants
    and figures, then relations, then entities' figures.

    >>> import kgraph
    >>> sorted({kind for kind, *_ in facts(kgraph.KnowledgeGraph.load("seeds").index)} & {"event", "relation"})
    ['event', 'relation']
    """
    corpus = ix.corpus
    for event_id in sorted(ix.order, key=ix.order.__getitem__):
        event = corpus.events[event_id]
        yield "event", event.id, event.title, event.evidence
        for p in event.participants:
            if p.evidence:  # a part its own quotes only deny still rests on what the event's quotes say
                own = p.evidence if any(not e.denies for e in p.evidence) else [*_support(event.evidence), *p.evidence]
                yield "participant", event.id, f"{ix.name_of(p.actor)} as {p.role} in: {event.title}", own
        for figure in event.figures:
            yield "figure", event.id, f"{figure.measure} {figure_text(figure)} in: {event.title}", figure.evidence
    for relation in corpus.relations.values():
        words = relation.type.replace("_", " ")
        label = f"{ix.name_of(relation.subject)} {words} {ix.name_of(relation.object)}"
        yield "relation", relation.key, label, relation.evidence
    for entity in corpus.entities.values():
        for figure in entity.figures:
            yield "figure", entity.id, f"{figure.measure} of {entity.name}: {figure_text(figure)}", figure.evidence


def _support(evidence: list[Evidence]) -> list[Evidence]:
    return [e for e in evidence if not e.denies]


def disputes(ix: Index) -> Results[Dispute]:
    """Every event, relation, participant and figure whose evidence takes more than one stance, with each side.

    >>> import kgraph
    >>> all(len(d.sides) > 1 for d in disputes(kgraph.KnowledgeGraph.load("seeds").index))
    True
    """
    found = Results[Dispute]()
    for kind, item, label, evidence in facts(ix):
        stances = {e.stance for e in evidence}
        if len(stances) < 2:
            continue
        sides = []
        for stance in sorted(stances, key=lambda s: (_STANCES.index(s) if s in _STANCES else len(_STANCES), s)):
            taking = [e for e in evidence if e.stance == stance]
            sides.append(
                Side(
                    stance=stance,
                    claimants=tuple(dict.fromkeys(c for e in taking for c in side(e))),
                    quotes=tuple(e.quote for e in taking),
                    sources=tuple(dict.fromkeys(e.source for e in taking if e.source)),
                )
            )
        found.append(Dispute(kind=kind, item=item, label=label, sides=tuple(sides)))
    return found


def claims(ix: Index, by: str | None = None) -> Results[Claim]:
    """Every quote an actor claims or relays (``by``: that actor's only), with its stance, the fact, and the source.

    >>> import kgraph
    >>> {(c.actor, c.part) for c in claims(kgraph.KnowledgeGraph.load("seeds").index, by="Stepanyan")}
    {('gegham-stepanyan', 'claims')}
    """
    actor = None
    if by is not None:
        actor = ix.resolve(by)
        if actor not in ix.corpus.entities:
            raise UsageError(f"by must be an entity, not the event '{shown(actor)}'")
    found = Results[Claim]()
    for kind, item, label, evidence in facts(ix):
        for e in evidence:
            for name, part in [*((c, "claims") for c in e.claimed_by), *((v, "relays") for v in e.via)]:
                if actor is None or name == actor:
                    found.append(
                        Claim(
                            actor=name,
                            part=part,
                            stance=e.stance,
                            kind=kind,
                            item=item,
                            label=label,
                            quote=e.quote,
                            source=e.source,
                            claimed_by=e.claimed_by,
                            via=e.via,
                        )
                    )
    return found


__all__ = ["claims", "disputes", "facts"]
