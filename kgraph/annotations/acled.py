"""ACLED's actor type codes and actor columns, with the kgraph entity type and kind each code stands for: the
terms the import (:mod:`kgraph.imports.acled_terms`), the graph (:mod:`kgraph.graph.acled`: who stands in an
event's actor columns, and so a capture's sub-event type) and the ACLED export share. Each event type's ACLED pair
is in :mod:`kgraph.annotations.vocabulary`.

>>> INTER[1], ACTOR_COLUMNS[0], CODE_COLUMNS["actor1"]
(('state forces', 'organization', 'armed_force'), 'actor1', 'inter1')
"""

from __future__ import annotations

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

#: The actor columns of a row, in the order an event lists its participants; each main actor with its code column.
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
CODE_COLUMNS = {"actor1": "inter1", "actor2": "inter2"}
