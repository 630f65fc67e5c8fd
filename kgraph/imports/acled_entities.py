"""The entities of an ACLED file: actors merged by name, states, places from the admin hierarchy, source outlets.

Every name ACLED gives is one entity, whichever column gives it, so an actor in two rows (or an actor that is also
a source) is one entity. Its kind comes from the strongest evidence: a country is a state; an actor's kind comes
from the lowest ``inter`` code it has in the file (state forces abroad are coded 8 where they fight, 1 at home);
a name given only as a source is a media outlet; one given only as an associated actor is a community. Places are
keyed by their path (country, admin1, admin2, admin3, and for a location its coordinates too), so two villages of
one name are two places.

kgraph wants names unique across a corpus (case, accents and quotation marks aside), and ACLED's are not: a town
is often named like its province. A name already taken gets what tells it apart, in brackets (the places it lies
in, a location's coordinates, an actor's kind), and keeps ACLED's own under ``external_ids: {acled: ...}``; ids
are slugs of the names, numbered when two slugs meet. The first name to come, in file order, keeps its own, so the
same file gives the same names and ids.

>>> names = Names()
>>> names.take("Aleppo", ["Aleppo, Syria"]), names.take("aleppo", ["Aleppo, Syria"]), names.take("Aleppo", [])
('Aleppo', 'aleppo (Aleppo, Syria)', 'Aleppo (2)')
>>> ids = Ids()
>>> ids.take("Al-Shabaab"), ids.take("Al Shabaab"), ids.take("القاعدة")
('al-shabaab', 'al-shabaab-2', 'x-90671e4d26')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from kgraph.annotations.acled import INTER
from kgraph.corpus.corpus import fold_accents, name_key
from kgraph.imports.acled_rows import Row
from kgraph.text import slug

#: External id keys: ACLED's own name of an entity that had to be renamed, and a state's numeric ISO code.
ACLED_NAME, ISO = "acled", "iso-3166-numeric"
_ADMINS = (("admin1", "region"), ("admin2", "district"), ("admin3", "district"))  # ACLED's column, the place kind


class Names:
    """Names handed out so that no two collide as kgraph compares them."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.folded: set[str] = set()

    def take(self, raw: str, qualifiers: list[str]) -> str:
        """``raw`` if it is free, else ``raw (qualifier)`` for the first qualifier that frees it, else numbered."""
        for candidate in (raw, *(f"{raw} ({q})" for q in qualifiers)):
            if self._free(candidate):
                return candidate
        number = 2
        while not self._free(f"{raw} ({number})"):
            number += 1
        return f"{raw} ({number})"

    def _free(self, name: str) -> bool:
        key = name_key(name)
        folded = fold_accents(key)
        if key in self.keys or folded in self.folded:
            return False
        self.keys.add(key)
        self.folded.add(folded)
        return True


class Ids:
    """Slug ids handed out once each."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def take(self, text: str) -> str:
        """A slug of ``text`` (ASCII letters and digits; a digest of it when it has none), numbered when taken."""
        base = slug(text)[:80].strip("-")
        if not base:
            base = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        found, number = base, 2
        while found in self.taken:
            found, number = f"{base}-{number}", number + 1
        self.taken.add(found)
        return found


@dataclass
class Entity:
    """An entity while rows come in: its ACLED name, its type and kind, and for a place where it lies."""

    raw: str
    type: str
    kind: str
    rank: tuple[int, int]
    parent: tuple[str, ...] | None = None
    ancestry: list[str] = field(default_factory=list)
    coordinates: tuple[float, float] | None = None
    iso: str | None = None
    level: str = ""
    description: str | None = None
    name: str = ""
    id: str = ""


class Entities:
    """The entities of the rows added, in the order they first come.

    >>> entities = Entities()
    >>> key = entities.actor("Reuters", "organization", "media_outlet", (2, 0), "A source.")
    >>> entities.actor("Reuters", "organization", "armed_force", (1, 1), "An actor.") == key
    True
    >>> entities.settle(Ids())
    >>> entities.records()
    [{'record': 'organization', 'id': 'reuters', 'name': 'Reuters', 'kind': 'armed_force', 'description': 'An actor.'}]
    """

    def __init__(self) -> None:
        self.items: dict[tuple[Any, ...], Entity] = {}

    def actor(self, raw: str, type: str, kind: str, rank: tuple[int, int], description: str) -> tuple[Any, ...]:
        """Add or strengthen the actor (or state, or outlet) named ``raw``; its key."""
        key = ("actor", raw)
        found = self.items.get(key)
        if found is None:
            self.items[key] = Entity(raw, type, kind, rank, description=description)
        elif rank < found.rank:
            found.type, found.kind, found.rank, found.description = type, kind, rank, description
        return key

    def add(self, row: Row) -> dict[str, Any]:
        """Add the entities of ``row``; the keys of its location and of the actors of each column."""
        v = {c: row.values[c].strip() for c in ("country", "iso", "location", "admin1", "admin2", "admin3")}
        country = self.actor(v["country"], "organization", "state", (0, 0), "A state, as ACLED names it.")
        self.items[country].iso = self.items[country].iso or v["iso"]
        parent, path, ancestry = country, [v["country"]], [v["country"]]
        for column, _ in _ADMINS:
            if v[column]:
                path.append(v[column])
                parent = self._place(("place", *path), v[column], column, parent, ancestry)
                ancestry = [v[column], *ancestry]
        location = self._place(("place", *path, "", v["location"]), v["location"], "location", parent, ancestry)
        place = self.items[location]
        if place.coordinates is not None and place.coordinates != (row.lat, row.lon):
            at = ("place", *path, "", v["location"], row.lat, row.lon)
            location = self._place(at, v["location"], "location", parent, ancestry)
        self.items[location].coordinates = (row.lat, row.lon)
        actors: dict[str, list[tuple[Any, ...]]] = {}
        for column, inter in (("actor1", row.inter1), ("actor2", row.inter2)):
            if inter is not None and (raw := row.values[column].strip()):
                label, type, kind = INTER[inter]
                actors[column] = [self.actor(raw, type, kind, (1, inter), f"Coded by ACLED as {label}.")]
        for column in ("assoc_actor_1", "assoc_actor_2"):
            actors[column] = [
                self.actor(raw, "group", "community", (3, 0), "Named by ACLED as associated with an actor.")
                for raw in row.names(column)
            ]
        actors["source"] = [
            self.actor(raw, "organization", "media_outlet", (2, 0), "A source ACLED codes events from.")
            for raw in row.names("source")
        ]
        return {"place": location, **actors}

    def _place(
        self, key: tuple[Any, ...], raw: str, level: str, parent: tuple[Any, ...], ancestry: list[str]
    ) -> tuple[Any, ...]:
        kind = dict(_ADMINS).get(level, "town")
        if key not in self.items:
            self.items[key] = Entity(raw, "place", kind, (0, 0), parent=parent, ancestry=list(ancestry), level=level)
        return key

    def settle(self, ids: Ids) -> None:
        """Give every entity its name and id, in the order they came (see the module)."""
        names = Names()
        for entity in self.items.values():
            within = [f"{entity.level} in {', '.join(entity.ancestry[: n + 1])}" for n in range(len(entity.ancestry))]
            qualifiers = within[1:] if len(within) > 1 and entity.level != "admin1" else within
            if entity.coordinates is not None:
                lat, lon = entity.coordinates
                qualifiers.append(f"{entity.level} in {', '.join(entity.ancestry)}; {lat:g}, {lon:g}")
            if entity.type != "place":
                qualifiers = [entity.kind.replace("_", " ")]
            entity.name = names.take(entity.raw, qualifiers)
            entity.id = ids.take(entity.name)

    def records(self) -> list[dict[str, Any]]:
        """The registry's records, one an entity, in the order they came."""
        found = []
        for entity in self.items.values():
            record: dict[str, Any] = {"record": entity.type, "id": entity.id, "name": entity.name, "kind": entity.kind}
            if entity.description:
                record["description"] = entity.description
            external = {ACLED_NAME: entity.raw} if entity.name != entity.raw else {}
            if entity.iso:
                external[ISO] = entity.iso
            if external:
                record["external_ids"] = external
            if entity.parent is not None:
                record["part_of"] = self.items[entity.parent].id
            if entity.coordinates is not None:
                record["coordinates"] = {"lat": entity.coordinates[0], "lon": entity.coordinates[1]}
            found.append(record)
        return found
