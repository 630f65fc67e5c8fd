"""Checks across the whole corpus, once every item is valid on its own.

Ids unique across files; references that resolve to the right kind of thing;
relation types connecting the kinds they allow; evidence quotes found in their
source texts; names and aliases claimed by one entity only; no ``part_of``
cycles; nothing related to itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from kgraph.annotations.files import ENTITY_KINDS, Addition
from kgraph.annotations.models import Entity, Event, Place, Relation, is_territory
from kgraph.annotations.terms import active
from kgraph.corpus import warnings
from kgraph.corpus.closest import Passages
from kgraph.corpus.corpus import fold_accents, name_key
from kgraph.corpus.evidence_checks import EvidenceChecks, squash
from kgraph.corpus.record import Invalid, Partial, Record
from kgraph.corpus.references import ReferenceWords
from kgraph.errors import Problem
from kgraph.text import PUNCTUATION_FOLD, Suggester, a_or_list, code_point, invisible, look_alikes

#: The kinds of record that are neither an entity nor an addition.
_NEITHER = frozenset({"source", "event", "relation"})


def check(
    records: list[Record], texts: dict[str, str], skip: frozenset[str] = frozenset(), unread: Sequence[str] = ()
) -> list[Problem]:
    """Every cross-reference problem among ``records``; ``texts`` are the source texts by source id. The problems of
    the files in ``skip`` are left out, and only what the other files' checks need is done of theirs (their names and
    additions are still taken into account): :mod:`kgraph.corpus.check_cache` has them from an earlier run. An
    unknown id's message names the files in ``unread``, of which nothing could be read, as where it may be defined."""
    return _Checker(records, texts, skip, unread).run()


class _Made(dict[str, str]):
    """Texts by source id, each made from its ``source`` text by ``make`` when first asked for; ``in`` says which
    sources have one.

    >>> made = _Made({"a": " x  y "}, squash)
    >>> "a" in made, "b" in made, len(made), made["a"], len(made)
    (True, False, 0, 'x y', 1)
    """

    def __init__(self, source: dict[str, str], make: Callable[[str], str]) -> None:
        super().__init__()
        self.source, self.make = source, make

    def __missing__(self, key: str) -> str:
        made = self[key] = self.make(self.source[key])
        return made

    def __contains__(self, key: object) -> bool:
        return key in self.source


class _Checker(ReferenceWords, EvidenceChecks):
    def __init__(
        self,
        records: list[Record],
        texts: dict[str, str],
        skip: frozenset[str] = frozenset(),
        unread: Sequence[str] = (),
    ):
        self.records = records
        self.skip = skip
        self.unread = unread
        self.raw_texts = texts
        self.texts = _Made(texts, squash)  # each made when a quote of it is first checked: few, after an edit
        self.folded = _Made(self.texts, lambda text: text.translate(PUNCTUATION_FOLD).lower())
        self.problems: list[Problem] = []
        self.by_id: dict[str, Record] = {}
        self.names: dict[str, str] = {}
        self.folded_names: dict[str, tuple[str, str]] = {}  # accent-folded name key: (entity id, name)
        self.suggesters: dict[tuple[str, ...], Suggester] = {}
        self.passages: dict[str, Passages] = {}  # indexed on the first quote not found in a source
        self.added_names: dict[str, set[str]] = {}  # by entity: its names, and those additions give it
        self.added_participants: dict[str, set[tuple[str, str]]] = {}  # by event: (actor, role), additions too

    def problem(
        self, record: warnings.Record, sub: tuple[str | int, ...], message: str, severity: str = "error"
    ) -> None:
        self.problems.append(Problem(record.file, record.line(*sub), message, severity))

    def run(self) -> list[Problem]:
        for record in self.records:
            self.register(record)
        for record in self.records:
            if record.file in self.skip:  # what other files' checks depend on: names taken, additions made
                if record.kind in _NEITHER:  # its item not even rebuilt, when it comes from the cache
                    continue
                if record.kind != "addition":  # an entity's names, as the cache keeps them beside its item
                    self.check_names(record, record.key, record.names())
                elif isinstance(record.item, Addition):
                    self.check_addition(record, record.item)
                continue
            item = record.item
            if isinstance(item, Entity):
                self.check_names(record, item.id, item.names)
                self.check_figures(record, ("figures",), item.figures)
            if isinstance(item, Place) and item.part_of:
                self.ref(record, ("part_of",), item.part_of, ("place",), "part_of")
            if isinstance(item, Addition):
                self.check_addition(record, item)
            if isinstance(item, Event):
                self.check_event(record, item)
            if isinstance(item, Relation):
                self.check_relation(record, item)
            if isinstance(item, Invalid) and item.partial is not None:
                self.check_partial(record, item.partial)
        self.check_cycles("place")
        self.check_cycles("event")
        if not self.skip:
            return self.problems + warnings.check(self.records, self.by_id, self.raw_texts)
        checked = [r for r in self.records if r.file not in self.skip]
        found = self.problems + warnings.check(checked, self.by_id, self.raw_texts)
        return [p for p in found if p.path not in self.skip]

    def register(self, record: Record) -> None:
        if record.kind == "addition":
            return
        key = record.key
        first = self.by_id.get(key)
        if first is None:
            self.by_id[key] = record
        elif record.kind == "relation" and first.kind == "relation":
            self.problem(record, (), f"duplicate relation {key!r} (first at {first.where()}); give one of them an 'id'")
        else:
            self.problem(record, ("id",), f"duplicate id {key!r}: already used by the {first.kind} at {first.where()}")

    def kind_of(self, id: str) -> str | None:
        record = self.by_id.get(id)
        return record.kind if record else None

    def fits(self, id: str, allowed: tuple[str, ...]) -> bool:
        """Whether ``id`` is one of the ``allowed`` kinds; a state counts as a place, for it stands for its territory."""
        record = self.by_id.get(id)
        if record is None:
            return False
        if record.kind in allowed:
            return True
        return "place" in allowed and record.kind == "organization" and is_territory(record.item)

    def ref(
        self, record: warnings.Record, sub: tuple[str | int, ...], target: str, allowed: Iterable[str], noun: str
    ) -> bool:
        allowed = tuple(allowed)
        found = self.by_id.get(target)
        if found is not None and found.kind in allowed:
            return True  # the common case, at once
        kind = self.kind_of(target)
        if kind is None:
            self.problem(record, sub, f"unknown {noun} {target!r}{self.suggest(target, allowed)}")
            return False
        if not self.fits(target, allowed):
            hint = self.hint(allowed) if kind == "organization" else ""
            self.problem(record, sub, f"{noun} {target!r} is {self.what(target)}, not {a_or_list(allowed)}{hint}")
            return False
        return True

    def check_names(
        self, record: warnings.Record, entity_id: str, names: list[str], sub: Sequence[str | int] | None = None
    ) -> None:
        """Names are visible, in one script, and no other entity's; at ``sub`` when an addition gives them as aliases."""
        own: set[str] = set()
        for index, name in enumerate(names):
            at: tuple[str | int, ...] = (
                (*sub, index) if sub is not None else ("name",) if index == 0 else ("aliases", index - 1)
            )
            if invisible(name):
                shown = " ".join(code_point(c) for c in name[:8]) + (" ..." if len(name) > 8 else "")
                self.problem(record, at, f"name of {entity_id!r} shows nothing: it is only {shown}, none of it visible")
                continue
            mixed = look_alikes(name)
            if mixed:
                message = f"name {name!r} of {entity_id!r} has {mixed}: a look-alike letter typed by mistake?"
                self.problem(record, at, message, "warning")
            key = name_key(name)
            folded = fold_accents(key)
            if folded in own:
                continue
            own.add(folded)
            clash = self.by_id.get(key)  # another entity's id: a lookup of this name finds that entity
            if clash is not None and clash.key != entity_id and clash.kind in ENTITY_KINDS:
                self.problem(record, at, f"name {name!r} of {entity_id!r} is the id of {clash.key!r} ({clash.where()})")
                continue
            owner = self.names.setdefault(key, entity_id)
            first_owner, first_name = self.folded_names.setdefault(folded, (entity_id, name))
            if owner != entity_id:
                other = self.by_id[owner]
                self.problem(
                    record, at, f"name {name!r} of {entity_id!r} is already a name of {owner!r} ({other.where()})"
                )
            elif first_owner != entity_id:
                other = self.by_id[first_owner]
                self.problem(
                    record,
                    at,
                    f"name {name!r} of {entity_id!r} differs only in accents from {first_name!r}, a name of "
                    f"{first_owner!r} ({other.where()}); lookups set accents aside",
                )

    def check_event(self, record: Record, event: Event) -> None:
        if event.place:
            self.ref(record, ("place",), event.place, ("place",), "place")
        if event.part_of:
            self.ref(record, ("part_of",), event.part_of, ("event",), "part_of")
        self.check_participants(record, ("participants",), event.participants, event.id, set())
        self.check_figures(record, ("figures",), event.figures)
        self.check_evidence(record, ("evidence",), event.evidence)

    def check_partial(self, record: Record, partial: Partial) -> None:
        """The valid parts of an item that failed validation, checked as the item's would be."""
        if partial.place:
            self.ref(record, ("place",), partial.place, ("place",), "place")
        if partial.part_of:
            kind = "event" if record.kind == "event" else "place"
            self.ref(record, ("part_of",), partial.part_of, (kind,), "part_of")
        self.check_participants(record, ("participants",), partial.participants, record.key, set())
        self.check_figures(record, ("figures",), partial.figures)
        self.check_evidence(record, ("evidence",), partial.evidence)

    def check_relation(self, record: Record, relation: Relation) -> None:
        rtype = active().relation_types[relation.type]
        for end, allowed in (("subject", rtype.subject), ("object", rtype.object)):
            target = getattr(relation, end)
            kind = self.kind_of(target)
            if kind is None:
                self.problem(record, (end,), f"unknown {end} {target!r}{self.suggest(target, allowed)}")
            elif not self.fits(target, allowed):
                hint = self.hint(allowed) if kind == "organization" else ""
                self.problem(
                    record,
                    (end,),
                    f"a {relation.type!r} relation cannot have {self.what(target)} as its {end} ({target!r}); "
                    f"it allows {a_or_list(allowed)}{hint}",
                )
        if relation.subject == relation.object:
            self.problem(record, ("object",), f"relation {relation.key!r} relates {relation.subject!r} to itself")
        self.check_evidence(record, ("evidence",), relation.evidence)

    def check_cycles(self, kind: str) -> None:
        parent = {
            key: part_of
            for key, r in self.by_id.items()
            if r.kind == kind and (part_of := r.part_of()) and self.kind_of(part_of) == kind
        }
        reported: set[str] = set()
        for start in sorted(parent):
            chain = [start]
            while chain[-1] in parent and parent[chain[-1]] not in chain:
                chain.append(parent[chain[-1]])
            if chain[-1] not in parent:
                continue
            loop = chain[chain.index(parent[chain[-1]]) :]
            if reported.isdisjoint(loop):
                reported.update(loop)
                first = min(loop)
                ordered = loop[loop.index(first) :] + loop[: loop.index(first)] + [first]
                self.problem(self.by_id[first], ("part_of",), f"part_of cycle: {' -> '.join(ordered)}")


__all__ = ["Invalid", "Record", "check"]
