"""A cache of validated annotation files, by content, so that reading a corpus again redoes only the files that changed.

What is cached is each file's own work: reading its YAML or JSON Lines and validating its items, with the
problems found (file and line) and the digest of what checks of other files read of them (an entry's first line;
then one line for each item, which a validation that needs only problems rebuilds only when a check asks for it:
:mod:`kgraph.corpus.cached_record`); and, in one entry for
the corpus, the problems the checks across files found in each file (:mod:`kgraph.corpus.check_cache`: after an
edit only the files they may differ for are checked again). The source texts are read and the additions merged
every time. An entry is found by a key that hashes the file's bytes, the name it is shown by,
the corpus's terms, the code of kgraph's readers and models, and the versions of kgraph, Python, pydantic and edtf;
and it carries a hash of its key and payload. An entry that does not match (stale, damaged, truncated, half
written by another process, edited, from another version) is ignored and written again, never trusted. Entries
are JSON (:mod:`kgraph.corpus.cache_codec`), never pickles: reading one cannot run code.

The cache lives in the user's cache folder, ``$KGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/kgraph``, else
``~/.cache/kgraph``: one folder for each corpus folder, named by a hash of its real path. Nothing is written into
the corpus (kgraph never writes into its inputs), so git, read-only corpora and discovery never meet it. A
cache folder that cannot be made or written is skipped, never an error. ``KGRAPH_CACHE=off`` turns it off.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as home:
...     cache = FileCache.open(Path("seeds"), "context", Path(home))
...     cache.put("a.yaml", b"persons: []", [], [Problem("a.yaml", 1, "a problem")])
...     found = cache.get("a.yaml", Path("a.yaml"), b"persons: []")
...     cache.get("a.yaml", Path("a.yaml"), b"persons: [] ") is None, found[1]
(True, [Problem(path='a.yaml', line=1, message='a problem')])
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kgraph.annotations.models import Event, Relation
from kgraph.corpus.cache_codec import Uncacheable, dumps
from kgraph.corpus.cache_entry import entry, entry_records
from kgraph.corpus.record import Invalid, Record
from kgraph.errors import Problem

__all__ = ["FORMAT", "FileCache", "cache_home", "enabled", "interface_digest"]

#: The layout of entries; a change makes every earlier entry stale.
FORMAT = 6
_HEADER = b"kgraph-cache"
_MAX_ENTRY_BYTES = 400_000_000
#: What encoding a value the cache cannot hold raises.
_UNENCODABLE = (Uncacheable, ValueError, TypeError, RecursionError)
#: How many records a reading puts in the cache before its entries are written by a process of their own.
BESIDE_FROM = 5_000


def enabled() -> bool:
    """Whether the cache is wanted: yes, unless ``KGRAPH_CACHE`` is ``off``, ``0``, ``no`` or ``false``.

    >>> enabled() == (os.environ.get("KGRAPH_CACHE", "").lower() not in ("off", "0", "no", "false"))
    True
    """
    return os.environ.get("KGRAPH_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def cache_home() -> Path:
    """The folder kgraph caches into: ``$KGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/kgraph``, else ``~/.cache/kgraph``.

    >>> cache_home().is_absolute() or not cache_home().parts
    True
    """
    if os.environ.get("KGRAPH_CACHE_DIR"):
        return Path(os.environ["KGRAPH_CACHE_DIR"]).absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "kgraph"


def context_key(terms_repr: str) -> str:
    """What every entry's key shares: the versions, the code that reads and validates, and the corpus's terms.

    >>> context_key("a") == context_key("a") != context_key("b")
    True
    """
    # kgraph's as kgraph.__version__ gives it (imported from here, kgraph would import itself); edtf parses rare dates
    versions = [_version_of(package) for package in ("kgraph", "pydantic", "edtf")]
    digest = hashlib.sha256()
    for part in (str(FORMAT), sys.version, *versions, terms_repr):
        digest.update(part.encode() + b"\0")
    digest.update(_code_hash())
    return digest.hexdigest()


def _version_of(package: str) -> str:
    """The installed version of ``package``, from its metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "0+unknown"


def _code_hash() -> bytes:
    """A hash of the code whose output is cached: kgraph's models, readers and text helpers."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("annotations/*.py"), *package.glob("corpus/*.py"), *package.glob("*.py")]):
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


class FileCache:
    """The cached files of one corpus folder, in one folder of the cache."""

    def __init__(self, folder: Path, context: str):
        self.folder = folder
        self.context = context
        self.used: set[str] = set()
        self.keys: dict[str, str] = {}  # by file as shown: the key of its content
        self.digests: dict[str, str] = {}  # by file as shown: the digest of its interface (see check_cache)
        self.pending: list[tuple[str, str, list[Record], list[Problem], str]] = []  # put, to be written

    @classmethod
    def open(cls, corpus: Path, context: str, home: Path | None = None) -> FileCache | None:
        """The cache of the corpus folder ``corpus``, or None when there is no usable cache folder."""
        name = hashlib.sha256(os.fsencode(corpus.resolve())).hexdigest()[:24]
        folder = (home or cache_home()) / "corpora" / name
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if folder.is_symlink() or not os.access(folder, os.W_OK | os.X_OK):
                return None
            tag = folder.parent.parent / "CACHEDIR.TAG"  # backup tools skip a folder tagged so
            if not tag.exists():
                _write(tag, b"Signature: 8a477f597d28d172789f06886806bc55\n# kgraph's cache: safe to delete.\n")
        except OSError:
            return None
        return cls(folder, context)

    def key(self, display: str, raw: bytes) -> str:
        """The key of the file shown as ``display`` with the bytes ``raw``."""
        digest = hashlib.sha256(self.context.encode() + b"\0" + display.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def get(
        self, display: str, file: Path, raw: bytes, lazy: bool = False
    ) -> tuple[list[Record], list[Problem]] | None:
        """The records and problems cached for this file and content, or None (never an error). ``lazy``: each
        record's item is rebuilt when it is first asked for (see :class:`~kgraph.corpus.cached_record.CachedRecord`)."""
        key = self.key(display, raw)
        self.keys[display] = key
        try:
            records, problems, digest = entry_records(self._load(key), display, file, lazy)
        except Exception:
            return None
        self.digests[display] = digest
        return records, problems

    def put(
        self, display: str, raw: bytes, records: list[Record], problems: list[Problem], later: bool = False
    ) -> None:
        """Cache what reading this file gave; nothing happens when it cannot be written or encoded.

        ``later``: its key and interface are known at once, and the entry is written by :meth:`writing`."""
        key = self.keys[display] = self.key(display, raw)
        self.digests[display] = digest = interface_digest(records)
        self.used.add(key)
        self.pending.append((key, display, records, problems, digest))
        if not later:
            self.write_pending()

    def write_pending(self) -> None:
        """Write the entries :meth:`put` left for later (encoding them is most of a cold reading's extra cost)."""
        for key, display, records, problems, digest in self.pending:
            try:
                self._store(key, entry(records, problems, display, digest))
            except _UNENCODABLE:
                continue
        self.pending.clear()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Write the pending entries while the body of the ``with`` runs; then :meth:`prune`.

        With :data:`BESIDE_FROM` records or more, a process of its own writes them (:func:`kgraph.beside.beside`:
        the second core encodes them while the first checks across files; if that process fails, the reading goes
        on without them); with fewer, or where that process cannot be started, they are written first, here. When
        the body fails, that process is stopped (an entry is written whole or not at all).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with FileCache(Path(folder), "context").writing():
        ...         "the checks across files"
        'the checks across files'
        """
        from kgraph.beside import beside

        if sum(len(pending[2]) for pending in self.pending) >= BESIDE_FROM:
            with beside(self.write_pending, needed=False):
                yield
        else:
            self.write_pending()
            yield
        self.pending.clear()  # written by the other process: the records are no longer held for it
        self.prune()

    def get_value(self, key: str) -> Any:
        """The JSON value cached under ``key``, or None when there is none that matches its key and check."""
        try:
            return json.loads(self._load(key))
        except Exception:
            return None

    def put_value(self, key: str, value: Any) -> None:
        """Cache the JSON value ``value`` under ``key``; nothing happens when it cannot be written."""
        self._store(key, json.dumps(value, separators=(",", ":")).encode())

    def _load(self, key: str) -> bytes:
        """The payload of the entry ``key``; an error when there is none or it does not match its key and check."""
        self.used.add(key)
        with open(self.folder / f"{key}.json", "rb") as handle:
            data = handle.read(_MAX_ENTRY_BYTES + 1)
        header, _, payload = data.partition(b"\n")
        magic, stored_key, check = header.split(b" ")
        if magic != _HEADER or stored_key.decode() != key or check.decode() != _check(key, payload):
            raise ValueError("not a valid entry")
        return payload

    def _store(self, key: str, payload: bytes) -> None:
        """Write the entry ``key``; nothing happens when it cannot be written."""
        self.used.add(key)
        with contextlib.suppress(OSError):
            _write(
                self.folder / f"{key}.json",
                b" ".join([_HEADER, key.encode(), _check(key, payload).encode()]) + b"\n" + payload,
            )

    def prune(self) -> None:
        """Remove the entries this reading did not use (files since edited or gone), and leftovers of killed writes."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                stem = entry.name.removesuffix(".json")
                if stem not in self.used:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _check(key: str, payload: bytes) -> str:
    return hashlib.sha256(key.encode() + b"\0" + payload).hexdigest()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a reader never sees half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def interface_digest(records: Sequence[Record]) -> str:
    """A hash of what checks of other files may read of ``records`` (one file's, in order).

    A record the cache cannot write gives a digest never seen again, so that every file is checked again.

    >>> interface_digest([]) == interface_digest([]), len(interface_digest([]))
    (True, 64)
    """
    try:
        return hashlib.sha256(repr(list(map(_interface, records))).encode("utf-8", "surrogatepass")).hexdigest()
    except _UNENCODABLE:
        return uuid.uuid4().hex


def _interface(record: Record) -> tuple[Any, ...]:
    """What checks of other files may read of ``record``, as text, numbers and bytes, whose ``repr`` is hashed.

    Of an event and a relation, their few fields (a date as its EDTF text, which is all a date is made from);
    anything else whole, as the cache writes it."""
    item = record.item
    key = None if record.kind == "addition" else record.key
    if isinstance(item, Event):
        participants = [(p.actor, p.role) for p in item.participants]
        return (record.kind, key, record.line(), item.part_of, item.type, item.status, item.date.edtf, participants)
    if isinstance(item, Relation):
        return (record.kind, key, record.line(), item.type)
    if isinstance(item, Invalid):  # its valid parts are checked with its own file only
        return (record.kind, key, record.line())
    return (record.kind, key, record.line(), dumps(item))  # a source, an entity, an addition
