"""What queries return: small frozen records, built by keyword, in lists that turn into tables.

Every query returns a :class:`Results` list of one kind of record (Cypher rows, dicts from each returned
name to its value); ``truncated`` says when a limit or a time budget cut it short. ``to_records()`` gives plain
dicts (what ``--json`` prints); ``to_pandas()`` gives a DataFrame when pandas
is installed (``pip install "kgraph[pandas]"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from kgraph.annotations.evidence import Evidence
from kgraph.errors import KgraphError
from kgraph.values import json_ready

if TYPE_CHECKING:
    import pandas

T = TypeVar("T")

#: A value as the json module writes it: what ``to_records()`` gives.
JSONValue: TypeAlias = "str | int | float | bool | list[JSONValue] | dict[str, JSONValue] | None"
#: One row of a Cypher result: each returned name and its value.
Row: TypeAlias = dict[str, object]


class Results(list[T], Generic[T]):
    """A list of query results that can become records or a DataFrame.

    ``truncated`` is None for a whole result, or why it was cut short (``'stopped after 20 paths'``).
    """

    truncated: str | None = None

    def __init__(self, items: Iterable[T] = (), truncated: str | None = None):
        super().__init__(items)
        self.truncated = truncated

    def to_records(self) -> list[dict[str, JSONValue]]:
        """Each result as a dict of plain values (dates as ISO text, evidence as dicts)."""
        return [json_ready(item) for item in self]

    def to_pandas(self) -> pandas.DataFrame:
        """The results as a pandas DataFrame, one row each."""
        try:
            import pandas
        except ImportError:
            raise KgraphError('to_pandas() needs pandas: pip install "kgraph[pandas]"') from None
        return pandas.DataFrame.from_records(self.to_records())


@dataclass(frozen=True, kw_only=True)
class Link:
    """One direct link: a relation (between entities, or between events), an event both take part in, or a place
    or event inside another.

    ``evidence`` keeps every quote, whatever its stance; ``supported`` says whether any of it supports the link
    (a denial never does): a link that only denials or disputes bear on is not supported.
    """

    a: str
    b: str
    via: str
    """'relation', 'event' or 'part_of'."""
    id: str
    """The relation's id, the event's id, or 'part_of'."""
    type: str
    """The relation type, the event type, or 'part_of'."""
    label: str
    """The relation in words, or the event's title."""
    a_roles: tuple[str, ...]
    """How ``a`` takes part: its roles in the event, or 'subject'/'object' of the relation."""
    b_roles: tuple[str, ...]
    date: str | None
    """The event's date or the relation's validity, as EDTF."""
    evidence: tuple[Evidence, ...]
    supported: bool
    """Whether some evidence supports the link (for an event: the event, and each end's part in it)."""

    @property
    def support(self) -> tuple[Evidence, ...]:
        """The evidence that supports the link."""
        return tuple(e for e in self.evidence if not e.denies)

    @property
    def against(self) -> tuple[Evidence, ...]:
        """The evidence that denies or disputes it."""
        return tuple(e for e in self.evidence if e.denies)


@dataclass(frozen=True, kw_only=True)
class Connection:
    """An entity or event connected to the one asked about, and the link that reaches it."""

    entity: str
    """The id of the entity or event reached."""
    name: str
    """Its name, or the event's title."""
    kind: str
    """person, organization, group, place, or event."""
    depth: int
    """1 for a direct connection, 2 for a connection of a connection, ..."""
    link: Link
    """The link from an entity one step closer (``link.a``) to this one (``link.b``)."""


@dataclass(frozen=True, kw_only=True)
class Step:
    """One node on a path: an entity or an event."""

    id: str
    label: str
    kind: str


@dataclass(frozen=True, kw_only=True)
class Hop:
    """One edge on a path, in the direction the graph stores it."""

    source: str
    target: str
    type: str
    label: str
    evidence: tuple[Evidence, ...]
    supported: bool
    """False when the edge's evidence only denies or disputes it."""


@dataclass(frozen=True, kw_only=True)
class Path:
    """A chain of entities and events, and the edges between them."""

    steps: tuple[Step, ...]
    hops: tuple[Hop, ...]

    def __str__(self) -> str:
        text = self.steps[0].label
        for hop, step in zip(self.hops, self.steps[1:], strict=True):
            label = hop.label if hop.supported else f"{hop.label}, unsupported"
            arrow = f" -[{label}]-> " if hop.target == step.id else f" <-[{label}]- "
            text += arrow + step.label
        return text


@dataclass(frozen=True, kw_only=True)
class TimelineEntry:
    """An event on a timeline, with its date, bounds and precision."""

    date: str
    earliest: str | None
    latest: str | None
    precision: str
    event: str
    title: str
    type: str
    status: str
    place: str | None
    participants: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Ranked:
    """An entity and its score in a ranking."""

    entity: str
    name: str
    kind: str
    score: float


@dataclass(frozen=True, kw_only=True)
class Community:
    """A group of actors more linked with each other than with the rest of the actor network."""

    rank: int
    """1 for the largest community, 2 for the next, ..."""
    size: int
    members: tuple[str, ...]
    """The actors' ids, sorted."""
    names: tuple[str, ...]
    """The actors' names, in the order of ``members``."""


@dataclass(frozen=True, kw_only=True)
class Side:
    """One side of a dispute: the quotes that take one stance on a fact, and who takes it."""

    stance: str
    """'supports', 'denies' or 'disputes'."""
    claimants: tuple[str, ...]
    """Who takes this side: each quote's claimants, or its source's id when the source itself states it."""
    quotes: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Dispute:
    """An event, relation, participant or figure whose evidence takes more than one stance, side by side."""

    kind: str
    """'event', 'relation', 'participant' or 'figure'."""
    item: str
    """The event's or relation's id; for a participant or a figure, the event (or entity) it belongs to."""
    label: str
    """What is disputed, in words."""
    sides: tuple[Side, ...]


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One evidence item an actor claims or relays: where it stands, on what, in which words, from which source."""

    actor: str
    part: str
    """'claims' (a claimant) or 'relays' (a relayer)."""
    stance: str
    kind: str
    """What the quote bears on: 'event', 'relation', 'participant' or 'figure'."""
    item: str
    """The event's or relation's id; for a participant or a figure, the event (or entity) it belongs to."""
    label: str
    quote: str
    source: str | None
    claimed_by: tuple[str, ...]
    via: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Counted:
    """One figure a total stands for: the item it is about and the number as its side gives it."""

    item: str
    """The event or entity the figure is about."""
    label: str
    counts: str | None
    text: str
    """The number in words: 'at least 4', 'about 20,000'."""
    quotes: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Total:
    """What one side says a measure comes to: a sum of its figures, or one figure of a measure that is not summed."""

    measure: str
    unit: str | None
    side: tuple[str, ...]
    """The claimants the figures rest on, or the source's id when the source itself gives them."""
    low: int | float | None
    """The lowest the true number may be (None: no lower bound given)."""
    high: int | float | None
    """The highest it may be (None: open, as in 'at least 2')."""
    text: str
    """The total in words: 'at least 6', 'about 20,000', 'between 2 and 5 km'."""
    figures: tuple[Counted, ...]
