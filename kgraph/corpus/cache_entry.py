"""The layout of a file's entry in the cache (:mod:`kgraph.corpus.cache`): a first line of JSON with the file's
problems, line maps, records (kind, path, line map, id, ``part_of``, an entity's names and a source's text file) and
interface digest, then one line for each
record's item (:mod:`kgraph.corpus.cache_codec`).

>>> entry_records(entry([], [], "a.yaml", "d"), "a.yaml", Path("a.yaml"), lazy=False)
([], [], 'd')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kgraph.annotations.files import ENTITY_KINDS
from kgraph.corpus.cache_codec import Uncacheable, decode, dumps
from kgraph.corpus.cached_record import CachedLines, CachedRecord
from kgraph.corpus.record import Record
from kgraph.errors import Problem

__all__ = ["entry", "entry_records"]


def entry(records: list[Record], problems: list[Problem], display: str, digest: str) -> bytes:
    """A file's entry: a first line ``[problems, line maps, records, digest]`` in JSON, a record as its kind, path,
    line map, id, ``part_of``, names and text file; then each record's item on a line of its own."""
    if any(p.path != display for p in problems):
        raise Uncacheable("a problem about another file")
    maps: dict[int, int] = {}
    lines: list[Any] = []
    rows = []
    for record in records:
        if id(record.lines) not in maps:
            maps[id(record.lines)] = len(lines)
            lines.append([[list(path), line] for path, line in record.lines.lines.items()])
        key = None if record.kind == "addition" else record.key  # an addition has no id of its own
        row = [record.kind, list(record.path), maps[id(record.lines)], key, record.part_of(), record.names()]
        rows.append([*row, record.text_file()])
    found = [[p.line, p.message, p.severity] for p in problems]
    head = json.dumps([found, lines, rows, digest], separators=(",", ":")).encode()
    return b"".join([head, *(b"\n" + dumps(record.item) for record in records)])


def entry_records(payload: bytes, display: str, file: Path, lazy: bool) -> tuple[list[Record], list[Problem], str]:
    """The records, problems and interface digest of the entry ``payload`` of the file shown as ``display``; an
    error when it is not one. ``lazy``: see :meth:`kgraph.corpus.cache.FileCache.get`."""
    head, *items = payload.split(b"\n")
    found, line_maps, rows, digest = json.loads(head)
    if not isinstance(digest, str):  # and as many items as records: zip(strict=True) below
        raise TypeError("not a digest")
    problems = [Problem(display, int(line), str(message), str(severity)) for line, message, severity in found]
    maps = [CachedLines(pairs) for pairs in line_maps]  # made mappings when a line is asked for
    folder = file.parent
    optional = (str, type(None))
    for kind, _, _, key, part_of, names, text_file in rows:
        if not (
            type(kind) is str and type(key) in optional and type(part_of) in optional and type(text_file) in optional
        ):
            raise TypeError("not a record")
        if (
            type(names) is not list
            or not all(type(name) is str for name in names)
            or (names and kind not in ENTITY_KINDS)
        ):
            raise TypeError("not names")
        if text_file is not None and kind != "source":
            raise TypeError("a text file of what is not a source")
    if lazy:
        records: list[Record] = [
            CachedRecord(text, kind, display, tuple(path), maps[lines], folder, key, part_of, names, text_file)
            for text, (kind, path, lines, key, part_of, names, text_file) in zip(items, rows, strict=True)
        ]
        return records, problems, digest
    records = []
    for item, (kind, path, lines, *_) in zip(decode(b"[" + b",".join(items) + b"]"), rows, strict=True):
        if isinstance(item, (str, int, float, list)) or item is None:
            raise TypeError("not a record")
        records.append(Record(item, kind, display, tuple(path), maps[lines], folder))
    return records, problems, digest
