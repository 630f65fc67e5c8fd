"""A validated corpus: every source, entity, event and relation, with lookups by id and by name.

A :class:`Corpus` comes from :func:`kgraph.load`; it holds frozen models and never touches the filesystem.

>>> import kgraph
>>> corpus = kgraph.load("seeds")
>>> corpus.lookup("Shushi").id
'shusha'
>>> corpus.lookup("khankendi").name
'Stepanakert'
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.models import (
    AnyEntity,
    Event,
    Group,
    Organization,
    Person,
    Place,
    Relation,
    Source,
    entity_type,
)
from kgraph.annotations.terms import DEFAULT, Terms
from kgraph.errors import NotFoundError, Problem
from kgraph.text import PUNCTUATION_FOLD, Suggester

_E = TypeVar("_E", Person, Organization, Group, Place)


def name_key(name: str) -> str:
    """The form names are compared in: Unicode-normalized, quotation marks and dashes folded, case-folded, single-spaced.

    >>> name_key("  Nagorno–Karabakh ") == name_key("nagorno-karabakh")
    True
    """
    text = unicodedata.normalize("NFKC", name).translate(PUNCTUATION_FOLD).casefold()
    return " ".join(text.split())


def fold_accents(key: str) -> str:
    """A name key with diacritics removed, so 'Susa' finds 'Şuşa'.

    >>> fold_accents(name_key("Şuşa"))
    'susa'
    """
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)  # slots: a large corpus has hundreds of thousands
class Origin:
    """Where something was defined: an annotation file and line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class StateChange:
    """An event's status and date as one source reports them: one state in the event's history."""

    source: str | None
    status: str
    date: TimeSpan


def summary_of(sources: int, entity_types: Iterable[str], events: int, relations: int) -> str:
    """What :meth:`Corpus.summary` says of a corpus with these many sources, events and relations, and entities of
    these types.

    >>> summary_of(1, ["place", "person", "place"], 2, 0)
    '1 source, 1 person, 0 organizations, 0 groups, 2 places, 2 events, 0 relations'
    """
    counts = {"person": 0, "organization": 0, "group": 0, "place": 0}
    for kind in entity_types:
        counts[kind] += 1
    parts = [(sources, "source")] + [(n, t) for t, n in counts.items()]
    parts += [(events, "event"), (relations, "relation")]
    return ", ".join(f"{n} {noun}s" if n != 1 else f"1 {noun}" for n, noun in parts)


class Corpus:
    """The validated annotations of a set of documents."""

    def __init__(
        self,
        root: Path,
        sources: dict[str, Source],
        entities: dict[str, AnyEntity],
        events: dict[str, Event],
        relations: dict[str, Relation],
        texts: dict[str, str],
        origins: dict[str, Origin],
        inputs: frozenset[Path] = frozenset(),
        history: dict[str, tuple[StateChange, ...]] | None = None,
        terms: Terms = DEFAULT,
    ):
        self.root = root
        self.sources = sources
        self.entities = entities
        self.events = events
        self.relations = relations
        self.texts = texts
        self.origins = origins
        #: Warnings found while loading: worth a look, but the corpus is valid.
        self.warnings: tuple[Problem, ...] = ()
        #: Every file the corpus was read from (annotation files and source texts), as resolved paths:
        #: exporters refuse to write over any of them.
        self.inputs = inputs
        #: For each event whose status or date a later source changed, its states in order of publication:
        #: the first as its own file gives it, the last the one ``events`` holds.
        self.history: dict[str, tuple[StateChange, ...]] = history or {}
        #: The vocabularies in use: kgraph's, and the terms the corpus adds in its ``vocabulary.yaml``.
        self.terms = terms
        self._names: dict[str, list[str]] = {}
        self._folded: dict[str, list[str]] = {}
        self._suggester: Suggester | None = None
        self._sorted_names: list[str] = []
        for entity in entities.values():
            for name in {name_key(n) for n in (entity.id, *entity.names)}:
                self._names.setdefault(name, []).append(entity.id)
                self._folded.setdefault(fold_accents(name), []).append(entity.id)

    def __repr__(self) -> str:
        return f"<Corpus {self.root}: {self.summary()}>"

    def summary(self) -> str:
        """Counts of what the corpus holds, in words.

        >>> import kgraph
        >>> kgraph.load("seeds").summary()
        '2 sources, 3 persons, 10 organizations, 4 groups, 13 places, 26 events, 20 relations'
        """
        return summary_of(
            len(self.sources), map(entity_type, self.entities.values()), len(self.events), len(self.relations)
        )

    def __getitem__(self, id: str) -> Source | AnyEntity | Event | Relation:
        for table in (self.entities, self.events, self.sources, self.relations):
            if id in table:
                return table[id]
        raise NotFoundError(id, self.suggest(id))

    def __contains__(self, id: object) -> bool:
        return any(id in t for t in (self.entities, self.events, self.sources, self.relations))

    def find(self, name: str) -> list[AnyEntity]:
        """Every entity whose id, name or alias is ``name``, ignoring case (and accents, when nothing matches exactly).

        >>> import kgraph
        >>> [e.id for e in kgraph.load("seeds").find("ARTSAKH")]
        ['nagorno-karabakh']
        """
        key = name_key(name)
        ids = self._names.get(key) or self._folded.get(fold_accents(key), [])
        return [self.entities[i] for i in ids]

    def lookup(self, name: str) -> AnyEntity:
        """The one entity named ``name``; raises :class:`NotFoundError` with close names otherwise.

        >>> import kgraph
        >>> kgraph.load("seeds").lookup("Stepanakrt")
        Traceback (most recent call last):
        ...
        kgraph.errors.NotFoundError: nothing is named 'Stepanakrt'; did you mean 'Stepanakert' or 'Stepanyan'?
        """
        found = self.find(name)
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(name, [e.id for e in found])
        raise NotFoundError(name, self.suggest(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` names close to ``name``, best first, then up to ``n`` that start with it as a word; one each.
        >>> import kgraph
        >>> kgraph.load("seeds").suggest("Russian")  # none is close: 'Russian peacekeepers' starts with it
        ['Russian peacekeepers']
        """
        if self._suggester is None:
            self._suggester, self._sorted_names = Suggester(self._names), sorted(self._names)
        key, shown = name_key(name), dict[str, str]()
        starting = (w for sep in " -" for w in _after(self._sorted_names, key + sep))  # 'Nagorno', 'Nagorno-Karabakh'
        for keys in (self._suggester.close(key, n=3 * n, cutoff=0.7), starting):
            most = len(shown) + n
            for found in keys:
                entity = self.entities[self._names[found][0]]
                shown.setdefault(entity.id, next((n for n in entity.names if name_key(n) == found), entity.name))
                if len(shown) == most:
                    break
        return list(shown.values())

    def mentions(self) -> dict[str, set[str]]:
        """The sources that mention each entity: as a participant, place or relation end (with the evidence for
        them), as a claimant or relayer, or as the actor a figure counts (where they are quoted).

        >>> import kgraph
        >>> sorted(kgraph.load("seeds").mentions()["shusha"])
        ['2020-10-shusha-appeal']
        """
        mentioned: defaultdict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            _figure_sources(entity.figures, mentioned)
        for event in self.events.values():
            sources = _claims(event.evidence, mentioned)
            for participant in event.participants:
                found = mentioned[participant.actor]
                found |= sources
                found |= _claims(participant.evidence, mentioned)
            if event.place:
                mentioned[event.place] |= sources
            _figure_sources(event.figures, mentioned)
        for relation in self.relations.values():
            sources = _claims(relation.evidence, mentioned)
            mentioned[relation.subject] |= sources
            mentioned[relation.object] |= sources
        return dict(mentioned)

    def as_of(self, day: date | str) -> Corpus:
        """The corpus as known from the sources published by ``day`` (see :mod:`kgraph.corpus.asof`).

        >>> import kgraph
        >>> kgraph.load("seeds").as_of("2020-10-30").summary()
        '1 source, 1 person, 4 organizations, 1 group, 8 places, 8 events, 12 relations'
        """
        from kgraph.corpus.asof import as_of

        known = as_of(self, day)
        found = Corpus(
            self.root, known.sources, known.entities, known.events, known.relations, self.texts, self.origins,
            self.inputs, known.history, self.terms,
        )  # fmt: skip
        found.warnings = self.warnings
        return found

    def _of_type(self, cls: type[_E]) -> list[_E]:
        return [e for e in self.entities.values() if isinstance(e, cls)]

    @property
    def persons(self) -> list[Person]:
        """Every person, in file order."""
        return self._of_type(Person)

    @property
    def organizations(self) -> list[Organization]:
        """Every organization, in file order."""
        return self._of_type(Organization)

    @property
    def groups(self) -> list[Group]:
        """Every group, in file order."""
        return self._of_type(Group)

    @property
    def places(self) -> list[Place]:
        """Every place, in file order."""
        return self._of_type(Place)


def _claims(evidence: list[Evidence], mentioned: defaultdict[str, set[str]]) -> set[str]:
    """The sources of ``evidence``; each is noted as mentioning the claimants and relayers it quotes."""
    sources = set()
    for e in evidence:
        if e.source:
            sources.add(e.source)
            for actor in (*e.claimed_by, *e.via) if e.claimed_by or e.via else ():
                mentioned[actor].add(e.source)
    return sources


def _figure_sources(figures: list[Figure], mentioned: defaultdict[str, set[str]]) -> None:
    for figure in figures:
        sources = _claims(figure.evidence, mentioned)
        if figure.counts and sources:
            mentioned[figure.counts] |= sources


def _after(words: list[str], start: str) -> Iterator[str]:
    """The sorted ``words`` that start with ``start``, read in place."""
    later = map(words.__getitem__, range(bisect.bisect_left(words, start), len(words)))
    return itertools.takewhile(lambda word: word.startswith(start), later)
