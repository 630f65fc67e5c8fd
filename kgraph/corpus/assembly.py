"""The corpus from its validated records: each item in its table by id, and the additions merged into the items
they add to (:mod:`kgraph.corpus.additions`); or, for a validation that needs no corpus, only its summary.

>>> from kgraph.corpus.loader import survey, load
>>> survey("tests/fixtures/readme")[0] == load("tests/fixtures/readme").summary()
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kgraph.annotations.files import ENTITY_KINDS, Addition
from kgraph.annotations.terms import Terms
from kgraph.corpus.additions import merge_additions
from kgraph.corpus.corpus import Corpus, Origin, summary_of
from kgraph.corpus.record import Invalid, Record
from kgraph.errors import Problem

__all__ = ["corpus_of", "summary"]


def corpus_of(
    root: Path,
    records: list[Record],
    texts: dict[str, str],
    inputs: frozenset[Path],
    terms: Terms,
) -> tuple[Corpus, list[Problem]]:
    """The corpus ``records`` make, with the problems of merging its additions (made even when there are errors,
    so that every problem is found at once).

    >>> corpus, problems = corpus_of(Path("."), [], {}, frozenset(), Terms())
    >>> corpus.summary(), problems
    ('0 sources, 0 persons, 0 organizations, 0 groups, 0 places, 0 events, 0 relations', [])
    """
    tables, additions = _tables(records, None)
    origins = {
        r.key: Origin(r.file, r.line()) for r in records if r.kind != "addition" and not isinstance(r.item, Invalid)
    }
    history, problems = _merged(tables, additions)
    sources, entities, events, relations = (tables[t] for t in ("source", "entity", "event", "relation"))
    corpus = Corpus(root, sources, entities, events, relations, texts, origins, inputs, history, terms)
    return corpus, problems


def summary(records: list[Record]) -> tuple[str, list[Problem]]:
    """The summary of the corpus ``records`` make, and the problems of merging its additions: the items of entities,
    events and relations no addition is made to are not needed, nor sources none looks up (nor rebuilt, when they
    come from the cache).

    >>> summary([])
    ('0 sources, 0 persons, 0 organizations, 0 groups, 0 places, 0 events, 0 relations', [])
    """
    targets = {r.item.to for r in records if r.kind == "addition" and isinstance(r.item, Addition)}
    tables, additions = _tables(records, targets)
    problems = _merged(tables, additions)[1]
    types = {r.key: r.kind for r in records if r.kind in ENTITY_KINDS}  # the last of an id (an invalid one: an error)
    return summary_of(len(tables["source"]), types.values(), len(tables["event"]), len(tables["relation"])), problems


def _tables(records: list[Record], targets: set[str] | None) -> tuple[dict[str, Any], list[Record]]:
    """The items by table and id (the last of an id in a table kept), and the additions. With ``targets``, an
    entity, event or relation whose id is not one of them stands as None (only counted), and sources are rebuilt
    only when looked up."""
    tables: dict[str, Any] = {"source": {}, "entity": {}, "event": {}, "relation": {}}
    additions: list[Record] = []
    for record in records:
        if record.kind == "addition":
            if not isinstance(record.item, Invalid):  # one that failed validation is reported already
                additions.append(record)
            continue
        table = record.kind if record.kind in tables else "entity"
        if targets is not None and table == "source":
            tables[table].setdefault(record.key, []).append(record)  # rebuilt when looked up (see _Rebuilt)
            continue
        if targets is not None and record.key not in targets:
            tables[table][record.key] = None  # counted only (an invalid one too: it means an error anyway)
            continue
        if isinstance(record.item, Invalid):
            continue  # only a stand-in for an item that failed validation
        tables[table][record.key] = record.item
    if targets is not None:
        tables["source"] = _Rebuilt(tables["source"])
    return tables, additions


class _Rebuilt(Mapping[str, Any]):
    """Items by id from their records (each id's, in order), rebuilt only when looked up: an addition's source, the
    sources of an event it adds to. As a table keeps them: of an id, the last that passed validation (an id none of
    whose records did is not found, though it is counted and listed, as the summary counts it: an error anyway)."""

    def __init__(self, records: dict[str, list[Record]]) -> None:
        self.records = records

    def __getitem__(self, key: str) -> Any:
        for record in reversed(self.records[key]):
            if not isinstance(record.item, Invalid):
                return record.item
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


def _merged(tables: dict[str, Any], additions: list[Record]) -> tuple[dict[str, Any], list[Problem]]:
    """Merge ``additions`` into the items of ``tables`` (in place): the events' histories and the problems."""
    if not additions:
        return {}, []
    items = {**tables["entity"], **tables["event"], **tables["relation"]}
    where = {id(r.item): r for r in additions}

    def problem(addition: Addition, field: str, message: str) -> Problem:
        record = where[id(addition)]
        return Problem(record.file, record.line(field), message)

    history, problems = merge_additions(items, [r.item for r in additions], tables["source"], problem)
    for table in ("entity", "event", "relation"):  # an id two tables share (an error) keeps each its own item
        tables[table] = {k: new if type(new := items[k]) is type(old) else old for k, old in tables[table].items()}
    return history, problems
