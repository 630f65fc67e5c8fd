"""Checks of what hangs on an item: its participants, evidence (claimants, relayers, quotes), figures and additions.

:class:`EvidenceChecks` is part of the corpus checker (:mod:`kgraph.corpus.checks`), which supplies the lookups.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.files import Addition
from kgraph.annotations.models import Entity, Event, Participant
from kgraph.annotations.terms import active
from kgraph.corpus.closest import Passages
from kgraph.corpus.corpus import fold_accents, name_key
from kgraph.corpus.warnings import Record
from kgraph.text import PUNCTUATION_FOLD

#: What an addition may add, by the kind of thing it adds to.
ADDABLE: dict[str, tuple[str, ...]] = {
    "aliases": ("person", "organization", "group", "place"),
    "participants": ("event",),
    "figures": ("person", "organization", "group", "place", "event"),
    "evidence": ("event", "relation"),
    "status": ("event",),
    "date": ("event",),
    "end": ("event",),
}


class EvidenceChecks:
    """Checks of participants, evidence, figures and additions; mixed into the corpus checker."""

    texts: dict[str, str]
    folded: dict[str, str]
    passages: dict[str, Passages]
    added_names: dict[str, set[str]]
    added_participants: dict[str, set[tuple[str, str]]]
    by_id: Mapping[str, Record]

    def problem(self, record: Record, sub: tuple[str | int, ...], message: str, severity: str = "error") -> None:
        raise NotImplementedError

    def ref(self, record: Record, sub: tuple[str | int, ...], target: str, allowed: Iterable[str], noun: str) -> bool:
        raise NotImplementedError

    def kind_of(self, id: str) -> str | None:
        raise NotImplementedError

    def suggest(self, target: str, allowed: tuple[str, ...]) -> str:
        raise NotImplementedError

    def check_names(
        self, record: Record, entity_id: str, names: list[str], sub: Sequence[str | int] | None = None
    ) -> None:
        raise NotImplementedError

    def check_participants(
        self,
        record: Record,
        sub: tuple[str | int, ...],
        participants: Sequence[Participant | None],
        event_id: str,
        seen: set[tuple[str, str]],
    ) -> None:
        """Each participant's actor fits its role and is not listed twice in a role; ``seen`` holds those already listed.
        (None stands for a participant of an invalid item that is not valid itself: reported already.)"""
        roles, by_id = active().roles, self.by_id
        for index, participant in enumerate(participants):
            if participant is None:
                continue
            actor, role = participant.actor, participant.role
            allowed = roles[role].allowed
            found = by_id.get(actor)
            if found is None or found.kind not in allowed:  # else fine, as ref would say, without its cost
                self.ref(record, (*sub, index, "actor"), actor, allowed, _noun(allowed))
            if (actor, role) in seen:
                self.problem(record, (*sub, index), f"{actor!r} is listed twice as {role!r} in event {event_id!r}")
            seen.add((actor, role))
            if participant.evidence:
                self.check_evidence(record, (*sub, index, "evidence"), participant.evidence)

    def check_evidence(self, record: Record, sub: tuple[str | int, ...], evidence: Sequence[Evidence | None]) -> None:
        """Claimants and relayers are actors, named once; the source exists and holds the quote (None: as above)."""
        for index, item in enumerate(evidence):
            if item is None:
                continue
            at = (*sub, index)
            for name, noun in (("claimed_by", "claimant"), ("via", "relayer")) if item.claimed_by or item.via else ():
                refs: tuple[str, ...] = getattr(item, name)
                for position, actor in enumerate(refs):
                    where = (*at, name, position) if len(refs) > 1 else (*at, name)
                    self.ref(record, where, actor, vocab.ACTOR_TYPES, noun)
                    if actor in refs[:position]:
                        self.problem(record, where, f"{noun} {actor!r} is named twice in '{name}'")
            for actor in set(item.claimed_by) & set(item.via) if item.via else ():
                self.problem(record, (*at, "via"), f"{actor!r} is both the claimant and a relayer of the claim")
            source = item.source
            if source is None:
                self.problem(
                    record, at, "evidence has no source: this file has no 'source' section, so name one with 'source:'"
                )
            elif (
                self.is_source(source) or self.ref(record, (*at, "source"), source, ("source",), "source")
            ) and source in self.texts:
                self.check_quote(record, at, item)

    def is_source(self, id: str) -> bool:
        """Whether ``id`` is a source's: what :meth:`ref` finds at once when it is."""
        found = self.by_id.get(id)
        return found is not None and found.kind == "source"

    def check_figures(self, record: Record, sub: tuple[str | int, ...], figures: Sequence[Figure | None]) -> None:
        """What each figure counts is an actor; its evidence checks out (None: as above)."""
        for index, figure in enumerate(figures):
            if figure is None:
                continue
            at = (*sub, index)
            if figure.counts:
                self.ref(record, (*at, "counts"), figure.counts, vocab.ACTOR_TYPES, "counted actor")
            self.check_evidence(record, (*at, "evidence"), figure.evidence)

    def check_addition(self, record: Record, addition: Addition) -> None:
        """The addition names something defined, adds only what that kind of thing has, and its parts check out."""
        if addition.source is None:
            self.problem(
                record,
                ("source",),
                f"the addition to {addition.to!r} has no source: this file has no 'source' section, so name the "
                "source that says it with 'source:'",
            )
        else:
            self.ref(record, ("source",), addition.source, ("source",), "source")
        kinds = ("person", "organization", "group", "place", "event", "relation")
        if self.kind_of(addition.to) is None:
            close = self.suggest(addition.to, kinds)
            self.problem(
                record, ("to",), f"addition to unknown id {addition.to!r}: no entity, event or relation has it{close}"
            )
            return
        if not self.ref(record, ("to",), addition.to, kinds, "item to add to"):
            return
        target = self.by_id[addition.to]
        kind = target.kind
        for name, allowed in ADDABLE.items():
            if getattr(addition, name) and kind not in allowed:
                self.problem(
                    record, (name,), f"cannot add '{name}' to {kind} {addition.to!r}: only {_plural(allowed)} take it"
                )
        if isinstance(target.item, Entity) and addition.aliases:
            names = self.added_names.setdefault(addition.to, {fold_accents(name_key(n)) for n in target.item.names})
            for index, alias in enumerate(addition.aliases):
                if fold_accents(name_key(alias.name)) in names:
                    message = f"name {alias.name!r} is already a name of {addition.to!r}"
                    self.problem(record, ("aliases", index), message)
                names.add(fold_accents(name_key(alias.name)))
            self.check_names(record, addition.to, [alias.name for alias in addition.aliases], ("aliases",))
        if isinstance(target.item, Event):  # participants are listed once, across the event and every addition
            seen = self.added_participants.setdefault(
                addition.to, {(p.actor, p.role) for p in target.item.participants}
            )
            self.check_participants(record, ("participants",), addition.participants, addition.to, seen)
        self.check_figures(record, ("figures",), addition.figures)
        self.check_evidence(record, ("evidence",), addition.evidence)

    def check_quote(self, record: Record, at: tuple[str | int, ...], item: Evidence) -> None:
        """The quote occurs in its source; when not, the message names the closest passage and where they part.
        ``at`` is the evidence item's path."""
        assert item.source is not None
        quote = squash(item.quote)
        if quote in self.texts[item.source]:
            return
        at = (*at, "quote")
        shown = quote if len(quote) <= 70 else quote[:67] + "..."
        folded = quote.translate(PUNCTUATION_FOLD).lower()
        position = self.folded[item.source].find(folded)
        hint = ""
        inner = folded.strip("\"' ")  # quotation marks folded to their ASCII forms first
        if position >= 0 and len(folded) == len(quote):
            actual = self.texts[item.source][position : position + len(quote)]
            hint = f"; the source has it with other quotation marks, dashes or case: {actual!r}"
        elif inner != folded and inner and inner in self.folded[item.source]:
            hint = "; leave out the quotation marks around it: the source has the words inside them"
        else:
            if item.source not in self.passages:
                self.passages[item.source] = Passages(self.texts[item.source])
            closest = self.passages[item.source].closest(quote)
            if closest is not None:
                passage, word = closest
                passage = passage if len(passage) <= 90 else passage[:87] + "..."
                hint = f"; closest passage: {passage!r} (they part at {word!r})"
        self.problem(record, at, f"quote not found in source {item.source!r}: {shown!r}{hint}")


@lru_cache(maxsize=256)
def _noun(allowed: tuple[str, ...]) -> str:
    """What a participant is called in messages: an 'actor' when its role takes only actors."""
    return "actor" if set(allowed) <= set(vocab.ACTOR_TYPES) else "participant"


def _plural(kinds: tuple[str, ...]) -> str:
    if len(kinds) == 1:
        return f"{kinds[0]}s"
    if set(kinds) >= {"person", "organization", "group", "place"}:
        return "entities" + (" and events" if "event" in kinds else "")
    return " and ".join(f"{k}s" for k in kinds)


def squash(text: str) -> str:
    """Text with every run of white space made one space, and none at either end.

    >>> squash("  two\\n  words ")
    'two words'
    """
    return " ".join(text.split())  # what re.sub(r"\s+", " ", text).strip() gives: both split on str.isspace


__all__ = ["ADDABLE", "EvidenceChecks", "squash"]
