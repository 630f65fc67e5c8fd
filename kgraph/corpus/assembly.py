"""The corpus from its validated records: each item in its table by id, and the additions merged into the items
they add to (:mod:`kgraph.corpus.additions`); or, for a validation that needs no corpus, only its summary.

>>> from kgraph.corpus.loader import survey, load
>>> survey("tests/fixtures/readme")[0] == load("tests/fixtures/readme").summary()
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kgraph.annotations.files import Addition
from kgraph.annotations.terms import Terms
from kgraph.corpus.additions import merge_additions
from kgraph.corpus.checks import Invalid, Record
from kgraph.corpus.corpus import Corpus, Origin, summary_of
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
    """The summary of the corpus ``records`` make, and the problems of merging its additions: the items of events
    and relations no addition is made to are not needed (nor rebuilt, when they come from the cache).

    >>> summary([])
    ('0 sources, 0 persons, 0 organizations, 0 groups, 0 places, 0 events, 0 relations', [])
    """
    targets = {r.item.to for r in records if r.kind == "addition" and isinstance(r.item, Addition)}
    tables, additions = _tables(records, targets)
    problems = _merged(tables, additions)[1]
    sources, entities, events, relations = (tables[t] for t in ("source", "entity", "event", "relation"))
    return summary_of(len(sources), entities.values(), len(events), len(relations)), problems


def _tables(records: list[Record], targets: set[str] | None) -> tuple[dict[str, dict[str, Any]], list[Record]]:
    """The items by table and id (the last of an id in a table kept), and the additions. With ``targets``, an
    event or relation whose id is not one of them stands as None (only counted)."""
    tables: dict[str, dict[str, Any]] = {"source": {}, "entity": {}, "event": {}, "relation": {}}
    additions: list[Record] = []
    for record in records:
        if record.kind == "addition":
            if not isinstance(record.item, Invalid):  # one that failed validation is reported already
                additions.append(record)
            continue
        if targets is not None and record.kind in ("event", "relation") and record.key not in targets:
            tables[record.kind][record.key] = None  # counted only (an invalid one too: it means an error anyway)
            continue
        if isinstance(record.item, Invalid):
            continue  # only a stand-in for an item that failed validation
        table = record.kind if record.kind in tables else "entity"
        tables[table][record.key] = record.item
    return tables, additions


def _merged(tables: dict[str, dict[str, Any]], additions: list[Record]) -> tuple[dict[str, Any], list[Problem]]:
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
