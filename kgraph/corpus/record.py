"""A record: a validated item (or the stand-in of one that failed validation) and where it was written, as the
checks across files, the cache and the corpus's assembly read it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.models import Entity, Participant, Relation, Source
from kgraph.corpus.yamlfile import LineMap

__all__ = ["Invalid", "Partial", "Record"]


@dataclass(frozen=True)
class Partial:
    """The parts of an item that failed validation which are valid on their own (:mod:`kgraph.corpus.salvage`):
    its place and ``part_of``, and each participant, figure and piece of evidence, at its position (None for one
    that is not valid)."""

    place: str | None = None
    part_of: str | None = None
    participants: tuple[Participant | None, ...] = ()
    figures: tuple[Figure | None, ...] = ()
    evidence: tuple[Evidence | None, ...] = ()


@dataclass(frozen=True)
class Invalid:
    """Stands for an item that failed validation, so that its id still resolves in references; ``partial`` holds
    its valid parts, whose references the checks across files still follow."""

    id: str
    partial: Partial | None = None


@dataclass(frozen=True)
class Record:
    """A validated item and where it was written: file, path of keys, line map, folder."""

    item: Any
    kind: str
    file: str
    path: tuple[str | int, ...]
    lines: LineMap
    folder: Path

    @cached_property
    def key(self) -> str:
        """The item's id (a relation's given or derived id)."""
        return self.item.key if isinstance(self.item, Relation) else str(self.item.id)

    def line(self, *sub: str | int) -> int:
        """The line of this item, or of a value inside it."""
        return self.lines.line((*self.path, *sub))

    def part_of(self) -> str | None:
        """What the item is part of: a place's or an event's ``part_of``; None for an item that failed validation.

        >>> from kgraph.annotations.models import Place
        >>> lines = LineMap({})
        >>> Record(Place(id="a", name="A", kind="town", part_of="b"), "place", "f", (), lines, Path(".")).part_of()
        'b'
        >>> Record(Invalid("a"), "place", "f", (), lines, Path(".")).part_of() is None
        True
        """
        return None if isinstance(self.item, Invalid) else getattr(self.item, "part_of", None)

    def names(self) -> list[str]:
        """The names of the entity held, its name first, then its aliases; none for anything else or an invalid item."""
        return self.item.names if isinstance(self.item, Entity) else []

    def text_file(self) -> str | None:
        """The text file of the source held, as its annotation names it; None for anything else or an invalid item."""
        return self.item.text if isinstance(self.item, Source) else None

    def where(self) -> str:
        """``file:line`` of this item, for messages that point elsewhere."""
        return f"{self.file}:{self.line()}"
