"""Where evidence stands: what counts as support, who stands behind a quote, and a claim's chain in words.

A denial never counts as support: a fact with only denials or disputes behind it is not supported.

>>> from kgraph.annotations.evidence import Evidence
>>> denial = Evidence(quote="q", source="s", stance="denies", claimed_by=("armenia",), via=("armenpress",))
>>> supported([denial]), side(denial), chain(denial)
(False, ('armenia',), 'claimed by armenia via armenpress')
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable

from kgraph.annotations.evidence import Evidence
from kgraph.annotations.models import Event

#: What the chain of a quote the source states itself reads as.
THE_SOURCE = "(the source)"


def supported(evidence: Iterable[Evidence]) -> bool:
    """Whether any of the evidence supports the fact: a denial or a dispute never does.

    >>> supported([Evidence(quote="q")]), supported([])
    (True, False)
    """
    return any(not e.denies for e in evidence)


def side(evidence: Evidence) -> tuple[str, ...]:
    """Who stands behind a quote: its claimants, or its source's id when the source itself states it.

    >>> side(Evidence(quote="q", source="2023-07-blockade"))
    ('2023-07-blockade',)
    """
    if evidence.claimed_by:
        return evidence.claimed_by
    return (evidence.source,) if evidence.source else ()


def chain(evidence: Evidence, name: Callable[[str], str] = str) -> str:
    """Who a quote comes from, in words: 'claimed by X via Y', or '(the source)' when the source states it; actors
    as ``name`` shows their ids.

    >>> chain(Evidence(quote="q", claimed_by=("a", "b"))), chain(Evidence(quote="q"))
    ('claimed by a, b', '(the source)')
    >>> chain(Evidence(quote="q", claimed_by=("a",), via=("b",)), str.upper)
    'claimed by A via B'
    """
    if not evidence.claimed_by and not evidence.via:
        return THE_SOURCE
    text = f"claimed by {', '.join(map(name, evidence.claimed_by))}" if evidence.claimed_by else "stated by the source"
    return f"{text} via {', '.join(map(name, evidence.via))}" if evidence.via else text


def side_shown(ids: Iterable[str], sources: Container[str], name: Callable[[str], str] = str) -> list[str]:
    """Who takes a side, as a table shows it: actors as ``name`` shows their ids, a source that states a fact itself
    as 'the source ID'.

    >>> side_shown(["armenia", "2023-07-blockade"], {"2023-07-blockade"})
    ['armenia', 'the source 2023-07-blockade']
    >>> side_shown(["armenia"], set(), str.title)
    ['Armenia']
    """
    return [f"the source {i}" if i in sources else name(i) for i in ids]


def stance_shown(stance: str) -> str:
    """A stance as a table shows it: 'supports', or a denial or dispute in capitals, so that it stands out.

    >>> stance_shown("supports"), stance_shown("denies")
    ('supports', 'DENIES')
    """
    return stance if stance == "supports" else stance.upper()


def takes_part(event: Event, actor: str) -> bool:
    """Whether the evidence supports ``actor``'s part in ``event``: some part of it that rests on the event's own
    evidence (it has none of its own) or that its own evidence supports.

    >>> event = Event.model_validate({"id": "e", "type": "attack", "title": "t", "date": "2020", "date_basis": "stated",
    ...     "participants": [{"actor": "x", "role": "agent", "evidence": [{"quote": "no", "stance": "denies"}]}],
    ...     "evidence": [{"quote": "q"}]})
    >>> takes_part(event, "x")
    False
    """
    return any(not p.evidence or supported(p.evidence) for p in event.participants if p.actor == actor)


__all__ = ["THE_SOURCE", "chain", "side", "side_shown", "stance_shown", "supported", "takes_part"]
