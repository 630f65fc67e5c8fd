"""A record read from the cache whose item is rebuilt only when something asks for it.

Validating a corpus again after an edit needs, of each file that did not change, little more than what the cache
keeps at hand: its problems, and for the checks of the edited files each item's kind, id, place in its file and
``part_of``, an entity's names and a source's text file. Rebuilding every model of every file (the JSON read and
the objects made) was most of the time such a validation took; a :class:`CachedRecord` keeps its item's JSON and
rebuilds it on first use (a check that reads a source's date, an addition's target or an event's participants), and
otherwise reads as a :class:`~kgraph.corpus.record.Record` made from the rebuilt item does.

>>> from pathlib import Path
>>> from kgraph.annotations.models import Person
>>> from kgraph.corpus.cache_codec import dumps
>>> from kgraph.corpus.yamlfile import LineMap
>>> lines = LineMap({("persons",): 2, ("persons", 0): 3})
>>> record = CachedRecord(dumps(Person(id="ann", name="Ann")), "person", "a.yaml", ("persons", 0), lines, Path("."),
...                       "ann", None)
>>> record.key, record.line(), "_item" in record.__dict__
('ann', 3, False)
>>> record.item == Person(id="ann", name="Ann"), "_text" in record.__dict__
(True, False)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kgraph.corpus.cache_codec import decode
from kgraph.corpus.record import Record
from kgraph.corpus.yamlfile import LineMap

__all__ = ["CachedLines", "CachedRecord"]


class CachedLines(LineMap):
    """A file's :class:`~kgraph.corpus.yamlfile.LineMap` as the cache keeps it (pairs of a path and its line),
    made a mapping when a line is first asked for.

    >>> CachedLines([[["persons"], 2], [["persons", 0], 3]]).line(("persons", 0, "name"))
    3
    """

    def __init__(self, pairs: list[Any]) -> None:
        self.__dict__["_pairs"] = pairs

    @property
    def lines(self) -> dict[tuple[str | int, ...], int]:  # type: ignore[override]
        """The line of each value, by its path of keys and indexes."""
        fields = self.__dict__
        if "_lines" not in fields:
            fields["_lines"] = {tuple(path): int(line) for path, line in fields.pop("_pairs")}
        found: dict[tuple[str | int, ...], int] = fields["_lines"]
        return found


class CachedRecord(Record):
    """A :class:`~kgraph.corpus.record.Record` whose item is the JSON ``text`` the cache wrote, rebuilt when first
    asked for; its id (``key``, None for an addition), ``part_of``, an entity's ``names`` and a source's
    ``text_file`` are given, as the cache keeps them beside the item."""

    def __init__(
        self,
        text: bytes,
        kind: str,
        file: str,
        path: tuple[str | int, ...],
        lines: LineMap,
        folder: Path,
        key: str | None,
        part_of: str | None,
        names: list[str] | None = None,
        text_file: str | None = None,
    ) -> None:
        fields = self.__dict__  # the record is frozen: its fields are set here, once
        fields.update(kind=kind, file=file, path=path, lines=lines, folder=folder)
        if key is not None:  # an addition's is its item's: none
            fields["key"] = key
        fields["_text"], fields["_part_of"] = text, part_of
        fields["_names"], fields["_text_file"] = names or [], text_file

    @property
    def item(self) -> Any:
        """The validated item, rebuilt from the cache's JSON the first time."""
        fields = self.__dict__
        if "_item" not in fields:
            fields["_item"] = decode(fields.pop("_text"))
        return fields["_item"]

    def part_of(self) -> str | None:
        """What the item is part of, as the cache kept it (the item is not rebuilt)."""
        part_of: str | None = self.__dict__["_part_of"]
        return part_of

    def names(self) -> list[str]:
        """The entity's names, as the cache kept them (the item is not rebuilt)."""
        names: list[str] = self.__dict__["_names"]
        return names

    def text_file(self) -> str | None:
        """The source's text file, as the cache kept it (the item is not rebuilt)."""
        text_file: str | None = self.__dict__["_text_file"]
        return text_file
