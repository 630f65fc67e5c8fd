"""ACLED's columns and types, and how each maps to kgraph's terms: shared by the import and the ACLED export (the
actor codes and columns, which the graph shares too, are in :mod:`kgraph.annotations.acled`).

ACLED (the Armed Conflict Location & Event Data project) publishes events as CSV, one row an event; its codebook
defines the columns below. Event types map through the ``acled`` pair each kgraph event type gives
(:mod:`kgraph.annotations.vocabulary`), reversed; a sub-event type no kgraph type maps to becomes a term of the
imported corpus's own (its ``vocabulary.yaml``), with the same ACLED pair, so no row loses its type; so does
ACLED's catch-all ``Strategic developments: Other``, which kgraph's blockade is only one kind of.

>>> kgraph_type("Battles", "Armed clash"), kgraph_type("Protests", "Peaceful protest")
('attack', 'protest')
>>> kgraph_type("Explosions/Remote violence", "Air/drone strike")
'air_drone_strike'
>>> kgraph_type("Battles", "Peaceful protest") is None
True
"""

from __future__ import annotations

import re

from kgraph.annotations import vocabulary as vocab
from kgraph.corpus.vocabulary_file import ACLED

#: The columns kgraph reads and writes, in ACLED's order (ACLED's files may have more: year, region, ...).
# fmt: off
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# fmt: on

#: The roles of a row's two sides (``actor1`` with ``assoc_actor_1``, ``actor2`` with ``assoc_actor_2``), by ACLED
#: event type, then by (event type, sub-event type). ACLED's codebook says the order of actor1 and actor2 does not
#: imply direction, so a side is ``agent`` or ``target`` only where the type is one-sided; else the sides are
#: ``party`` (battles, agreements) or the one whose event it is (rioters, the actor of a strategic development) is
#: ``agent`` and the other a ``participant``. Protests go by the side coded protesters (6): see :func:`roles`.
SIDES: dict[str, tuple[str, str]] = {
    "Battles": ("party", "party"),
    "Explosions/Remote violence": ("agent", "target"),
    "Violence against civilians": ("agent", "target"),
    "Protests": ("agent", "participant"),
    "Riots": ("agent", "participant"),
    "Strategic developments": ("agent", "participant"),
}
_SUB_SIDES: dict[tuple[str, str], tuple[str, str]] = {
    ("Strategic developments", "Agreement"): ("party", "party"),
    ("Strategic developments", "Arrests"): ("agent", "target"),
}
_EXCESSIVE_FORCE = ("Protests", "Excessive force against protesters")


def roles(event_type: str, sub_event_type: str, inter1: int, inter2: int | None) -> dict[str, str]:
    """The role of each actor column of a row of an ACLED type (see :data:`SIDES`). In a Protests row the side
    coded protesters (6) is the ``agent`` of the protest, the other (an intervening force) a ``participant``; in
    ``Excessive force against protesters`` it is the ``target``, the other side the ``agent``; when neither or both
    sides are coded 6, actor1 is the agent of a protest and both sides are participants of excessive force.

    >>> roles("Battles", "Armed clash", 1, 2)["actor2"], roles("Violence against civilians", "Attack", 3, 7)["assoc_actor_2"]
    ('party', 'target')
    >>> force = roles("Protests", "Excessive force against protesters", 1, 6)
    >>> force["actor1"], force["actor2"], roles("Protests", "Protest with intervention", 6, 1)["actor2"]
    ('agent', 'target', 'participant')
    """
    first, second = _SUB_SIDES.get((event_type, sub_event_type)) or SIDES.get(event_type, ("agent", "participant"))
    if event_type == "Protests":
        protesters = (inter1 == 6, inter2 == 6)
        force = (event_type, sub_event_type) == _EXCESSIVE_FORCE
        if protesters == (False, True):
            first, second = ("agent", "target") if force else ("participant", "agent")
        elif protesters == (True, False):
            first, second = ("target", "agent") if force else ("agent", "participant")
        elif force:
            first, second = ("participant", "participant")
    return {"actor1": first, "assoc_actor_1": first, "actor2": second, "assoc_actor_2": second}


#: Where two kgraph types share an ACLED pair, the one an ACLED row becomes (else the first in the vocabulary); and
#: ACLED's catch-all "Other", which no kgraph type means (kgraph's blockade is one kind of it): a term of its own.
_PREFERRED = {
    ("Battles", "Armed clash"): "attack",
    ("Strategic developments", "Agreement"): "agreement",
    ("Strategic developments", "Other"): "other_strategic_development",
}

#: The first line of the note of an imported event's evidence; the lines after it are ``column: value`` for the
#: columns kgraph has no field for.
NOTES_HEADER = "The row's columns that kgraph has no field for, as ACLED gives them:"
#: Those columns (``event_date`` only when ``time_precision`` is 3, where the EDTF date does not give the day).
KEPT = ("event_id_cnty", "geo_precision", "source_scale", "tags", "civilian_targeting", "timestamp", "event_date")
OUTLET = "ACLED"


def own_term(sub_event_type: str) -> str:
    """The corpus's own event type for an ACLED sub-event type no kgraph type maps to.

    >>> own_term("Remote explosive/landmine/IED"), own_term("Headquarters or base established")
    ('remote_explosive_landmine_ied', 'headquarters_or_base_established')
    """
    return re.sub(r"[^a-z0-9]+", "_", sub_event_type.lower()).strip("_")


def _reverse() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for name, kind in vocab.EVENT_TYPES.items():
        if kind.acled is not None:
            found.setdefault(kind.acled, name)
    found.update(_PREFERRED)
    for event_type, subs in ACLED.items():
        for sub in subs:
            found.setdefault((event_type, sub), own_term(sub))
    return found


#: Every ACLED (event type, sub-event type) pair and the kgraph event type it becomes.
TYPES: dict[tuple[str, str], str] = _reverse()


def kgraph_type(event_type: str, sub_event_type: str) -> str | None:
    """The kgraph event type of an ACLED pair, or None when the pair is not ACLED's.

    >>> kgraph_type("Strategic developments", "Agreement"), kgraph_type("Riots", "Mob violence")
    ('agreement', 'mob_violence')
    """
    return TYPES.get((event_type, sub_event_type))


def own_terms(used: set[str]) -> dict[str, tuple[str, str]]:
    """The corpus's own event types among ``used``, each with its ACLED pair, in ACLED's order.

    >>> own_terms({"grenade", "attack"})
    {'grenade': ('Explosions/Remote violence', 'Grenade')}
    """
    return {name: pair for pair, name in TYPES.items() if name in used and name not in vocab.EVENT_TYPES}


def vocabulary_yaml(terms: dict[str, tuple[str, str]]) -> str:
    """The ``vocabulary.yaml`` that adds ``terms`` (from :func:`own_terms`) as event types, with their ACLED pair.

    >>> print(vocabulary_yaml({"grenade": ("Explosions/Remote violence", "Grenade")}), end="")
    # The ACLED sub-event types no kgraph event type maps to, written by kgraph import acled.
    event_types:
      grenade:
        description: "ACLED's Explosions/Remote violence: Grenade."
        acled: ["Explosions/Remote violence", "Grenade"]
    """
    lines = [
        "# The ACLED sub-event types no kgraph event type maps to, written by kgraph import acled.",
        "event_types:",
    ]
    for name, (event_type, sub) in terms.items():
        lines += [
            f"  {name}:",
            f'    description: "ACLED\'s {event_type}: {sub}."',
            f'    acled: ["{event_type}", "{sub}"]',
        ]
    return "\n".join(lines) + "\n"
