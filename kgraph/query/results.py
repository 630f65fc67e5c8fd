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
    """One direct link between two entities: a relation, an event both take part in, or a place inside another."""

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


@dataclass(frozen=True, kw_only=True)
class Connection:
    """An entity connected to the one asked about, and the link that reaches it."""

    entity: str
    name: str
    kind: str
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


@dataclass(frozen=True, kw_only=True)
class Path:
    """A chain of entities and events, and the edges between them."""

    steps: tuple[Step, ...]
    hops: tuple[Hop, ...]

    def __str__(self) -> str:
        text = self.steps[0].label
        for hop, step in zip(self.hops, self.steps[1:], strict=True):
            arrow = f" -[{hop.label}]-> " if hop.target == step.id else f" <-[{hop.label}]- "
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
