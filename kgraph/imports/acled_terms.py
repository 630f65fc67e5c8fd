"""ACLED's columns and codes, and how each maps to kgraph's terms: shared by the import and the ACLED export.

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

#: ACLED's actor type codes (``inter1``, ``inter2``): (name, kgraph entity type, kind).
INTER: dict[int, tuple[str, str, str]] = {
    1: ("state forces", "organization", "armed_force"),
    2: ("rebel group", "organization", "armed_group"),
    3: ("political militia", "organization", "armed_group"),
    4: ("identity militia", "organization", "armed_group"),
    5: ("rioters", "group", "crowd"),
    6: ("protesters", "group", "crowd"),
    7: ("civilians", "group", "population"),
    8: ("external or other forces", "organization", "armed_force"),
}

#: Roles of the actors of a row, in the order an event lists them.
ROLES = {"actor1": "agent", "assoc_actor_1": "participant", "actor2": "target", "assoc_actor_2": "affected"}

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
