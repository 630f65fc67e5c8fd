"""The corpus and its summary from validated records: a summary rebuilds only the items it looks up."""

from __future__ import annotations

from pathlib import Path

from kgraph.corpus.assembly import summary
from kgraph.corpus.cached_record import CachedRecord
from kgraph.corpus.loader import survey
from kgraph.corpus.yamlfile import LineMap

from ..helpers import SEEDS


def cached(kind: str, key: str, **facts: object) -> CachedRecord:
    """A record from the cache whose item cannot be rebuilt: any look at it fails."""
    return CachedRecord(b"not an item", kind, "a.yaml", (kind, 0), LineMap({}), Path("."), key, None, **facts)  # type: ignore[arg-type]


def test_a_summary_counts_without_rebuilding_what_no_addition_looks_up():
    records = [
        cached("source", "a", text_file="a.txt"),
        cached("person", "ann", names=["Ann"]),
        cached("place", "town", names=["Town"]),
        cached("place", "city", names=["City"]),
        cached("event", "meeting"),
        cached("relation", "ann-lives-in-town"),
    ]
    expected = "1 source, 1 person, 0 organizations, 0 groups, 2 places, 1 event, 1 relation"
    assert summary(records) == (expected, [])


def test_a_summary_says_what_the_corpus_says():
    assert survey(SEEDS)[0] == "2 sources, 3 persons, 10 organizations, 4 groups, 13 places, 26 events, 20 relations"
