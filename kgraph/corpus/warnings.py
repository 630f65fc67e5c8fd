"""Warnings that catch annotations which are valid but most likely wrong.

Each is a :class:`~kgraph.errors.Problem` of severity ``"warning"``: the corpus still loads, and
``kgraph validate --strict`` counts them as errors. Dates are compared with their widest bounds, so an
approximate or uncertain date warns only when it cannot be right:

* an ``occurred`` event that starts after its source was published;
* a ``planned``, ``threatened`` or ``predicted`` event that ends before its source was published;
* a relation valid only from after its source was published;
* a claimant (``claimed_by``) or relayer (``via``) whose name and aliases never occur in the text of the source
  quoted;
* evidence whose quote reads as a denial (it says "denied", "rejected the claim", ...: the cues are
  :data:`~kgraph.annotations.vocabulary.DENIAL_CUES`) attached without ``stance: denies`` or ``disputes``, so that
  it would count as support for the very fact it denies. (The evidence of an event of saying something, such as
  a statement, may quote the denial it reports, and so may the evidence of a ``contradicts`` link, which a denial
  is what makes. A refusal is not a denial: "was denied access" does not warn. Evidence that does support its fact
  though it reads as a denial says so with ``stance: supports``.)

The source of an event or relation is the source of its first evidence item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, evidence_lists
from kgraph.annotations.files import Addition
from kgraph.annotations.models import Entity, Event, Relation, Source
from kgraph.annotations.vocabulary import DENIAL_CUES, NOT_YET, SPEECH_EVENT_TYPES
from kgraph.corpus.corpus import fold_accents, name_key
from kgraph.errors import Problem
from kgraph.text import occurs_as_words


class Record(Protocol):
    """What a warning or a check needs of a :class:`kgraph.corpus.record.Record`: the item, its kind, its file and
    its lines."""

    @property
    def item(self) -> Any:
        """The validated item."""

    @property
    def kind(self) -> str:
        """What the item is: 'person', 'event', 'relation', 'addition', ..."""

    @property
    def file(self) -> str:
        """The annotation file, as shown."""

    def line(self, *sub: str | int) -> int:
        """The line of the item, or of a value inside it."""


def check(records: Sequence[Record], by_id: Mapping[str, Record], texts: Mapping[str, str]) -> list[Problem]:
    """Every warning about ``records``; ``by_id`` resolves ids to records, ``texts`` are source texts by source id."""
    return _Warner(by_id, texts).run(records)


class _Warner:
    def __init__(self, by_id: Mapping[str, Record], texts: Mapping[str, str]):
        self.by_id = by_id
        self.texts = texts
        self.folded: dict[str, str] = {}  # source id: its text, folded as names are
        self.problems: list[Problem] = []

    def warn(self, record: Record, sub: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(record.file, record.line(*sub), message, "warning"))

    def run(self, records: Sequence[Record]) -> list[Problem]:
        for record in records:
            item = record.item
            if isinstance(item, Event):
                self.check_event_date(record, item.id, item.status, item.date, self.source(item.evidence))
            elif isinstance(item, Addition):
                self.check_addition_state(record, item)
            elif isinstance(item, Relation):
                self.check_relation_valid(record, item)
            for sub, evidence in evidence_lists(item):
                for index, found in enumerate(evidence):  # most evidence warns of nothing: told here, at once
                    fields = found.__dict__
                    if fields["claimed_by"] or fields["via"]:
                        self.check_claimants(record, sub, index, found)
                    if fields["stance"] == "supports" and _may_deny(fields["quote"]):
                        self.check_denial(record, sub, index, found)
        return self.problems

    def source(self, evidence: list[Evidence]) -> Source | None:
        record = self.by_id.get(evidence[0].source or "") if evidence else None
        return record.item if record is not None and isinstance(record.item, Source) else None

    def check_addition_state(self, record: Record, addition: Addition) -> None:
        """A state an addition gives is checked against the addition's own source; an end should close the event."""
        target = self.by_id.get(addition.to)
        if target is None or not isinstance(target.item, Event):
            return  # reported elsewhere
        event = target.item
        found = self.by_id.get(addition.source or "")
        source = found.item if found is not None and isinstance(found.item, Source) else None
        if addition.date is not None or addition.status is not None:
            self.check_event_date(
                record, event.id, addition.status or event.status, addition.date or event.date, source, addition
            )
        if addition.end is not None and addition.status is None and event.status == "ongoing":
            self.warn(
                record,
                ("end",),
                f"the addition ends event {event.id!r} on {addition.end.edtf} but leaves its status 'ongoing': "
                "add 'status: occurred' if it is over",
            )

    def check_event_date(
        self,
        record: Record,
        event_id: str,
        status: str,
        date: TimeSpan,
        source: Source | None,
        addition: Addition | None = None,
    ) -> None:
        """An event's status fits its date, given when its source was published."""
        if source is None:
            return
        published = source.published
        sub: tuple[str, ...] = ("date",) if addition is None or addition.date is not None else ("status",)
        event = f"event {event_id!r}" if addition is None else f"event {event_id!r}, as this addition has it,"
        if status == "occurred":
            start = date.earliest_possible or date.earliest
            if start and published.latest_possible and start > published.latest_possible:
                self.warn(
                    record,
                    sub,
                    f"{event} is 'occurred' but starts {start.isoformat()}, after its source {source.id!r} "
                    f"was published ({published.edtf})",
                )
        elif status in NOT_YET:  # planned, ordered, demanded, threatened, predicted
            end = date.latest_possible or date.latest
            if end and published.earliest_possible and end < published.earliest_possible:
                self.warn(
                    record,
                    sub,
                    f"{event} is {status!r} but ends {end.isoformat()}, before its source {source.id!r} "
                    f"was published ({published.edtf})",
                )

    def check_relation_valid(self, record: Record, relation: Relation) -> None:
        source = self.source(relation.evidence)
        if relation.valid is None or source is None:
            return
        start = relation.valid.earliest_possible or relation.valid.earliest
        published = source.published.latest_possible
        if start and published and start > published:
            self.warn(
                record,
                ("valid",),
                f"relation {relation.key!r} is valid only from {start.isoformat()}, after its source {source.id!r} "
                f"was published ({source.published.edtf})",
            )

    def check_claimants(self, record: Record, sub: tuple[str | int, ...], index: int, item: Evidence) -> None:
        """The claimants and relayers of evidence ``item`` (``index`` in the list at ``sub``) are named in its source."""
        if item.source not in self.texts:
            return  # an unknown source, an error reported elsewhere
        for name, noun in (("claimed_by", "claimant"), ("via", "relayer")):
            refs: tuple[str, ...] = getattr(item, name)
            for position, actor in enumerate(refs):
                found = self.by_id.get(actor)
                if found is None or not isinstance(found.item, Entity):
                    continue  # an unknown actor is an error reported elsewhere
                entity = found.item
                if any(occurs_as_words(_fold_name(n), self.folded_text(str(item.source))) for n in entity.names):
                    continue
                absent = "neither its name nor any alias occurs" if entity.aliases else "its name occurs nowhere"
                where = (*sub, index, name, position) if len(refs) > 1 else (*sub, index, name)
                self.warn(
                    record,
                    where,
                    f"{noun} {entity.id!r} ({entity.name!r}) is never named in source {item.source!r}: "
                    f"{absent} in its text",
                )

    def quotes_denials(self, item: Any) -> bool:
        """Whether ``item`` is (or adds to) something whose evidence may quote a denial in its support: an event of
        saying something (the denial is what was said) or a ``contradicts`` link (the denial is the contradiction)."""
        if isinstance(item, Addition):
            target = self.by_id.get(item.to)
            item = target.item if target is not None else None
        if isinstance(item, Relation):
            return item.type in DENIAL_RELATION_TYPES
        return isinstance(item, Event) and item.type in SPEECH_EVENT_TYPES

    def check_denial(self, record: Record, sub: tuple[str | int, ...], index: int, item: Evidence) -> None:
        """Evidence ``item`` (``index`` in the list at ``sub``) supporting by default does not read as a denial."""
        if "stance" in item.model_fields_set:  # 'stance: supports' says it is
            return
        cue = denial_cue(item.quote)
        if cue and not (sub == ("evidence",) and self.quotes_denials(record.item)):
            shown = item.quote if len(item.quote) <= 60 else item.quote[:57] + "..."
            self.warn(
                record,
                (*sub, index, "quote"),
                f"the quote {shown!r} reads as a denial ({cue!r}) but counts as support for "
                f"{_what(record.item, sub)}: say 'stance: denies' (or 'disputes') if it denies it, or "
                "'stance: supports' if it does support it",
            )

    def folded_text(self, source_id: str) -> str:
        if source_id not in self.folded:
            self.folded[source_id] = _fold(self.texts[source_id])
        return self.folded[source_id]


#: Relation types whose evidence may quote a denial in support: a denial is what makes a contradiction.
DENIAL_RELATION_TYPES: tuple[str, ...] = ("contradicts",)
_DENIAL = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in DENIAL_CUES) + r")(?!\w)")
#: A word of each cue, one of which an ASCII quote must hold to read as a denial (see :func:`_may_deny`).
_CUE_PARTS = tuple(sorted({max(cue.split(), key=len) for cue in DENIAL_CUES}))
_ANY_CUE_PART = re.compile("|".join(re.escape(part) for part in _CUE_PARTS))
#: "was denied", "have been denied": a refusal suffered, not a denial made.
_PASSIVE = re.compile(r"(?<!\w)(?:am|is|are|was|were|be|been|being|get|gets|got|getting)\s+$")
#: "denied them access", "denied entry": a refusal, not a denial.
_REFUSAL = re.compile(r"^(?:\s+\S+){0,3}?\s+(?:access|entry|permission|passage|visas?|requests?)(?!\w)")


def denial_cue(quote: str) -> str | None:
    """The word or phrase that makes ``quote`` read as a denial, or None; a refusal ("was denied access") is none.

    >>> denial_cue("Armenia has denied the presence of its forces"), denial_cue("The convoy was denied entry")
    ('denied', None)
    >>> denial_cue("Azerbaijan denied the ICRC access to the road"), denial_cue("He called the report baseless")
    (None, 'baseless')
    """
    if not _may_deny(quote):
        return None
    text = _fold(quote)
    for cue in _DENIAL.finditer(text):
        if not (_PASSIVE.search(text[: cue.start()]) or _REFUSAL.match(text[cue.end() :])):
            return cue.group(0)
    return None


def _may_deny(quote: str) -> bool:
    """Whether ``quote`` may read as a denial: not an ASCII quote without a word of any cue (folding ASCII text
    changes only its case, its spaces and the backtick), the common case, told at once.

    >>> _may_deny("They denied it"), _may_deny("They left"), _may_deny("Они ушли")
    (True, False, True)
    """
    return not quote.isascii() or _ANY_CUE_PART.search(quote.lower()) is not None


def _what(item: Any, sub: tuple[str | int, ...]) -> str:
    """What a list of evidence at ``sub`` in ``item`` bears on, in words: "event 'x'", "figure 'killed' of event 'x'"."""
    if isinstance(item, Addition):
        owner = f"{item.to!r} (added by this file)"
    elif isinstance(item, Relation):
        owner = f"relation {item.key!r}"
    else:
        owner = f"{'event' if isinstance(item, Event) else 'entity'} {item.id!r}"
    if sub[:1] == ("participants",):
        return f"participant {item.participants[sub[1]].actor!r} of {owner}"
    if sub[:1] == ("figures",):
        return f"figure {item.figures[sub[1]].measure!r} of {owner}"
    return owner


def _fold(text: str) -> str:
    """Text as names are compared: normalized, case- and accent-folded, single-spaced.

    >>> _fold("  Şuşa  SAID")
    'susa said'
    """
    return fold_accents(name_key(text))


#: :func:`_fold` for names, which come back again and again: each folded once.
_fold_name = lru_cache(maxsize=65536)(_fold)


__all__ = ["DENIAL_RELATION_TYPES", "check", "denial_cue"]
