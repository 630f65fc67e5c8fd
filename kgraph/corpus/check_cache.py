"""The checks across files, with each file's problems cached: after an edit, only the files whose problems may
differ are checked again.

What the checks (:mod:`kgraph.corpus.checks`, :mod:`kgraph.corpus.warnings`) find in a file depends on the
file's own items and, of the rest of the corpus, only on what they look up there: which ids there are, of which
kind, in which file and on which line (in this order, as the first of two items with one id is the one kept);
every source, entity and addition whole (names, kinds, what additions add); of an event its ``part_of``, type,
status, date and participants, and of a relation its type (what additions and warnings read of the items they
add to); and the source texts. That is a file's *interface* (:func:`kgraph.corpus.cache.interface_digest`, kept
in its cache entry).
The digest of every file's interface in order, with the source texts and the cache's context (kgraph's version
and code, the terms), is the corpus's: under it, one entry of the cache (:class:`~kgraph.corpus.cache.FileCache`)
holds every file's problems, each with the key of the content it had.

So an edit that leaves every interface as it was (a quote, a title, evidence, an event's location in the file
kept) has only the edited file checked again, the names and additions of the others still taken into account; an
edit that changes one (an id added or removed, a name, a line moved, a source text) has every file checked
again. Either way the problems are those of a reading without the cache.

>>> from pathlib import Path
>>> from kgraph.corpus.record import Invalid
>>> from kgraph.corpus.yamlfile import LineMap
>>> invalid = Record(Invalid("ann"), "person", "a.yaml", ("persons", 0), LineMap({("persons", 0): 2}), Path("."))
>>> interface_digest([]) == interface_digest([]) != interface_digest([invalid])
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from kgraph.corpus.cache import FileCache, interface_digest
from kgraph.corpus.checks import check
from kgraph.corpus.record import Record
from kgraph.errors import Problem

__all__ = ["checked"]


def checked(
    records: list[Record], texts: dict[str, str], store: FileCache, unread: Sequence[str] = ()
) -> list[Problem]:
    """What :func:`kgraph.corpus.checks.check` gives, the problems of files whose interfaces and own content are
    as when they were cached taken from ``store``, the others' found and cached.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from kgraph.corpus.cache import FileCache
    >>> with tempfile.TemporaryDirectory() as home:
    ...     store = FileCache.open(Path("seeds"), "context", Path(home))
    ...     checked([], {}, store)
    []
    """
    by_file: dict[str, list[Record]] = {}
    for record in records:
        by_file.setdefault(record.file, []).append(record)
    key = _key(store, by_file, texts, unread)
    cached = _entry(store.get_value(key))
    found: dict[str, list[Problem]] = {}
    for display in by_file:
        content = store.keys.get(display)
        if content is not None and display in cached and cached[display][0] == content:
            found[display] = [Problem(display, *problem) for problem in cached[display][1]]
    if len(found) == len(by_file):
        return [problem for problems in found.values() for problem in problems]
    fresh = check(records, texts, frozenset(found), unread)
    by_path: dict[str, list[Problem]] = {**found}
    for problem in fresh:
        by_path.setdefault(problem.path, []).append(problem)
    rows = [
        [display, store.keys[display], [[p.line, p.message, p.severity] for p in by_path.get(display, [])]]
        for display in by_file
        if display in store.keys
    ]
    store.put_value(key, rows)
    return fresh + [problem for problems in found.values() for problem in problems]


def _entry(value: Any) -> dict[str, tuple[str, list[tuple[int, str, str]]]]:
    """The problems cached by file, each with the key of the content it had; nothing from a value not so made."""
    entry: dict[str, tuple[str, list[tuple[int, str, str]]]] = {}
    try:
        for display, content, problems in value:
            rows = [(line, message, severity) for line, message, severity in problems]
            if not (type(display) is str and type(content) is str):
                return {}
            if not all(type(r[0]) is int and type(r[1]) is str and r[2] in ("error", "warning") for r in rows):
                return {}
            entry[display] = (content, rows)
    except (TypeError, ValueError):
        return {}
    return entry


def _key(store: FileCache, by_file: dict[str, list[Record]], texts: dict[str, str], unread: Sequence[str]) -> str:
    """The key of the problems cached for this corpus: the digest of the context, of every file's interface in order,
    of the files of which nothing could be read (messages name them) and of the source texts."""
    digest = hashlib.sha256(b"checks\0" + store.context.encode() + b"\0")
    for display in unread:
        digest.update(b"unread\0" + display.encode("utf-8", "surrogateescape") + b"\0")
    for display, own in by_file.items():
        interface = store.digests.get(display) or interface_digest(own)
        digest.update(display.encode("utf-8", "surrogateescape") + b"\0" + interface.encode() + b"\0")
    for source_id in sorted(texts):
        text = texts[source_id].encode("utf-8", "surrogatepass")
        digest.update(source_id.encode("utf-8", "surrogatepass") + b"\0" + hashlib.sha256(text).digest())
    return digest.hexdigest()
