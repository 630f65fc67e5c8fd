"""The cache of validated files: the same problems and the same corpus with it, without it, and with it damaged."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from kgraph.corpus.loader import read, survey

from ..helpers import FIXTURES, SEEDS, cache_entries, corpus_copy, reading


@pytest.mark.parametrize("source", [SEEDS, FIXTURES / "claims", *sorted((FIXTURES / "invalid").iterdir())[:12]])
def test_the_same_with_and_without_the_cache(source, home, tmp_path):
    if not source.is_dir():
        pytest.skip("not a corpus")
    corpus = corpus_copy(tmp_path, source)
    plain = reading(read(corpus))
    surveyed = survey(corpus)
    assert surveyed == (plain[0] and read(corpus)[0].summary(), plain[1])
    assert reading(read(corpus, cache=True)) == plain  # filling it
    assert cache_entries(home)
    assert reading(read(corpus, cache=True)) == plain  # from it
    assert survey(corpus, cache=True) == surveyed  # from it, items rebuilt only when read


def test_the_knowledge_graph_loads_the_same_from_the_cache(home, tmp_path, monkeypatch):
    import networkx as nx

    from kgraph.corpus import loader
    from kgraph.graph.knowledge import KnowledgeGraph

    corpus = corpus_copy(tmp_path)
    plain = KnowledgeGraph.load(corpus)
    assert not cache_entries(home)
    KnowledgeGraph.load(corpus, cache=True)
    assert cache_entries(home)
    monkeypatch.setattr(loader, "_parse_and_validate", lambda *_: pytest.fail("validated again"))
    cached = KnowledgeGraph.load(corpus, cache=True)
    assert nx.utils.graphs_equal(cached.graph, plain.graph)
    assert list(cached.graph.edges(keys=True, data=True)) == list(plain.graph.edges(keys=True, data=True))


def test_a_warm_reading_comes_from_the_cache(home, tmp_path, monkeypatch):
    corpus = corpus_copy(tmp_path)
    read(corpus, cache=True)
    from kgraph.corpus import loader

    def refuse(*args):
        raise AssertionError("validated again")

    monkeypatch.setattr(loader, "_parse_and_validate", refuse)
    assert read(corpus, cache=True)[0] is not None


def test_an_edited_file_is_read_again_and_its_problems_have_their_lines(home, tmp_path):
    corpus = corpus_copy(tmp_path)
    read(corpus, cache=True)
    target = sorted(corpus.rglob("annotations.yaml"))[0]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("events:", "events:\n  - id: Not-A-Slug\n", 1), encoding="utf-8")
    cached = read(corpus, cache=True)
    assert reading(cached) == reading(read(corpus))
    assert any("Not-A-Slug" in p.message and p.line > 1 for p in cached[1])
    target.write_text(text, encoding="utf-8")
    assert reading(read(corpus, cache=True)) == reading(read(corpus))
    # an entry a file (its items), one of the problems found across files; those of the edited version are pruned
    assert len(cache_entries(home)) == len(list(corpus.rglob("*.yaml"))) + 1


def _garbage(path: Path, _: list[Path]) -> None:
    path.write_bytes(os.urandom(200))


def _truncated(path: Path, _: list[Path]) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _header_only(path: Path, _: list[Path]) -> None:
    path.write_bytes(path.read_bytes().split(b"\n")[0])


def _wrong_version(path: Path, _: list[Path]) -> None:
    header, _, payload = path.read_bytes().partition(b"\n")
    path.write_bytes(header.replace(b"kgraph-cache", b"kgraph-cache-0") + b"\n" + payload)


def _swapped(path: Path, every: list[Path]) -> None:
    other = next(p for p in every if p != path)
    mine = path.read_bytes()
    path.write_bytes(other.read_bytes())
    other.write_bytes(mine)


def _payload_edited(path: Path, _: list[Path]) -> None:
    """The key and check kept, the payload changed (a line number, a stance; of an entry of problems found across
    files, a problem added): the check no longer matches."""
    header, _, payload = path.read_bytes().partition(b"\n")
    edited = payload.replace(b",1]", b",2]", 1).replace(b'"supports"', b'"denies"')
    if edited == payload:
        edited = b'[[1,"invented","error"]' + (b"," if payload != b"[]" else b"") + payload[1:]
    assert edited != payload
    path.write_bytes(header + b"\n" + edited)


def _unreadable(path: Path, _: list[Path]) -> None:
    path.chmod(0)


def _a_folder(path: Path, _: list[Path]) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    "damage",
    [_garbage, _truncated, _header_only, _wrong_version, _swapped, _payload_edited, _unreadable, _a_folder],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(damage, home, tmp_path):
    corpus = corpus_copy(tmp_path)
    plain = reading(read(corpus))
    read(corpus, cache=True)
    every = cache_entries(home)
    assert len(every) >= 2
    for path in every:
        damage(path, every)
        if damage is _swapped:
            break
    assert reading(read(corpus, cache=True)) == plain
    assert reading(read(corpus, cache=True)) == plain  # and after it was written again
    assert survey(corpus, cache=True)[1] == plain[1]


@pytest.mark.parametrize("damage", [_garbage, _truncated, _payload_edited, _swapped])
def test_a_damaged_cache_is_ignored_by_a_survey(damage, home, tmp_path):
    corpus = corpus_copy(tmp_path)
    plain = survey(corpus)
    survey(corpus, cache=True)
    every = cache_entries(home)
    for path in every:
        damage(path, every)
        if damage is _swapped:
            break
    assert survey(corpus, cache=True) == plain
    assert survey(corpus, cache=True) == plain


def _resealed(path: Path, payload: bytes) -> None:
    """Write ``payload`` into the entry at ``path`` with a check that matches it, as only kgraph itself would."""
    from kgraph.corpus.cache import _check

    magic, key, _ = path.read_bytes().split(b"\n", 1)[0].split(b" ")
    path.write_bytes(b" ".join([magic, key, _check(key.decode(), payload).encode()]) + b"\n" + payload)


@pytest.mark.parametrize(
    "forged",
    [
        "an item line missing",
        "an id that is a number",
        "part_of a list",
        "a name a number",
        "names a text",
        "text 7",
        "names of a source",
        "a text file of a person",
    ],
)
def test_a_well_sealed_entry_of_another_shape_is_not_used(forged, home, tmp_path):
    corpus = corpus_copy(tmp_path)
    plain, surveyed = reading(read(corpus)), survey(corpus)
    read(corpus, cache=True)
    forged_entries: dict[Path, bytes] = {}
    for path in cache_entries(home):
        head, *items = path.read_bytes().split(b"\n", 1)[1].split(b"\n")
        if not items:
            continue  # the entry of problems found across files
        rows = json.loads(head)
        if forged == "an item line missing":
            items = items[:-1]
        elif forged == "an id that is a number":
            rows[2][0][3] = 7
        elif forged == "part_of a list":
            rows[2][0][4] = ["a"]
        elif forged == "a name a number":
            rows[2][0][5] = [7]
        elif forged == "names a text":
            rows[2][0][5] = "Ann"
        elif forged == "text 7":
            rows[2][0][6] = 7
        elif forged == "names of a source":
            if rows[2][0][0] != "source":
                continue  # a document's entry only: its first record is its source
            rows[2][0][5] = ["Ann"]
        else:
            if rows[2][0][0] == "source":
                continue  # the registry's entry only: its first record is an entity
            rows[2][0][6] = "article.txt"
        _resealed(path, b"\n".join([json.dumps(rows).encode(), *items]))
        forged_entries[path] = path.read_bytes()
    assert survey(corpus, cache=True) == surveyed
    assert [path for path, forged in forged_entries.items() if path.read_bytes() == forged] == []  # all written anew
    assert reading(read(corpus, cache=True)) == plain


@pytest.mark.parametrize("package", ["kgraph", "pydantic", "edtf"])
def test_another_kgraph_pydantic_or_edtf_version_does_not_use_the_entries(package, home, tmp_path, monkeypatch):
    corpus = corpus_copy(tmp_path)
    read(corpus, cache=True)
    before = {p.name for p in cache_entries(home)}
    import importlib.metadata

    version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0.0-other" if name == package else version(name))
    read(corpus, cache=True)
    assert {p.name for p in cache_entries(home)}.isdisjoint(before)


def test_another_python_version_does_not_use_the_entries(home, tmp_path, monkeypatch):
    corpus = corpus_copy(tmp_path)
    plain = reading(read(corpus, cache=True))
    before = {p.name for p in cache_entries(home)}
    monkeypatch.setattr(sys, "version", "3.99.0 (another build) [another compiler]")
    assert reading(read(corpus, cache=True)) == plain
    assert {p.name for p in cache_entries(home)}.isdisjoint(before)


def _entries_land_in(folder: Path, tmp_path: Path) -> None:
    """A reading with the cache fills ``folder`` (its corpora) and nothing else in ``tmp_path`` but the corpus."""
    corpus = corpus_copy(tmp_path)
    read(corpus, cache=True)
    assert cache_entries(folder)
    assert {p.parent.parent for p in tmp_path.rglob("corpora/*/*.json")} == {folder / "corpora"}


def test_without_kgraph_cache_dir_the_cache_is_in_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("KGRAPH_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _entries_land_in(tmp_path / "home" / ".cache" / "kgraph", tmp_path)


def test_without_kgraph_cache_dir_an_absolute_xdg_cache_home_is_honoured(tmp_path, monkeypatch):
    monkeypatch.delenv("KGRAPH_CACHE_DIR", raising=False)
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _entries_land_in(tmp_path / "xdg" / "kgraph", tmp_path)


def test_a_relative_xdg_cache_home_is_ignored_as_the_specification_says(tmp_path, monkeypatch):
    monkeypatch.delenv("KGRAPH_CACHE_DIR", raising=False)
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "xdg")
    monkeypatch.chdir(tmp_path)
    _entries_land_in(tmp_path / "home" / ".cache" / "kgraph", tmp_path)


def test_kgraph_cache_dir_comes_before_xdg_cache_home_and_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "own"))
    _entries_land_in(tmp_path / "own", tmp_path)


def test_other_terms_do_not_use_the_entries(home, tmp_path):
    corpus = corpus_copy(tmp_path, FIXTURES / "vocabulary" / "valid")
    plain = reading(read(corpus))
    read(corpus, cache=True)
    vocabulary = corpus / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("sit_in", "sit_down"), encoding="utf-8")
    changed = read(corpus)
    assert reading(changed) != plain
    assert reading(read(corpus, cache=True)) == reading(changed)


def test_a_cache_folder_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(blocked / "kgraph"))
    corpus = corpus_copy(tmp_path)
    assert reading(read(corpus, cache=True)) == reading(read(corpus))


def test_a_read_only_corpus_is_cached_and_never_written(home, tmp_path):
    corpus = corpus_copy(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in corpus.rglob("*")}
    for path in [*corpus.rglob("*"), corpus]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        plain = reading(read(corpus))
        assert reading(read(corpus, cache=True)) == plain
        assert reading(read(corpus, cache=True)) == plain
    finally:
        for path in [corpus, *corpus.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert {p: p.stat().st_mtime_ns for p in corpus.rglob("*")} == before
    assert cache_entries(home)


def test_kgraph_cache_off_turns_it_off(home, tmp_path, monkeypatch):
    monkeypatch.setenv("KGRAPH_CACHE", "off")
    read(corpus_copy(tmp_path), cache=True)
    assert not home.exists()


def _noting_writers(monkeypatch, tmp_path: Path) -> Path:
    """Have every entry the cache writes note the process that wrote it, in the file this returns."""
    from kgraph.corpus.cache import FileCache

    writers, store = tmp_path / "writers", FileCache._store

    def noting(self, key, payload):
        with writers.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        store(self, key, payload)

    monkeypatch.setattr(FileCache, "_store", noting)
    return writers


def test_a_large_first_reading_writes_its_entries_in_a_process_beside_it(forking, home, tmp_path, monkeypatch):
    monkeypatch.setattr("kgraph.corpus.cache.BESIDE_FROM", 1)  # as a corpus of many records
    writers = _noting_writers(monkeypatch, tmp_path)
    corpus = corpus_copy(tmp_path)
    plain = reading(read(corpus))
    assert reading(read(corpus, cache=True)) == plain
    files = len(list(corpus.rglob("*.yaml")))
    others = [int(pid) for pid in writers.read_text().split()]
    assert len([pid for pid in others if pid != os.getpid()]) == files  # each file's entry, beside
    assert len(cache_entries(home)) == files + 1  # and the checks' own, here
    from kgraph.corpus import loader

    monkeypatch.setattr(loader, "_parse_and_validate", lambda *args: pytest.fail("validated again"))
    assert reading(read(corpus, cache=True)) == plain  # all of it from the entries written beside


def test_a_first_reading_of_fewer_than_5000_records_writes_its_entries_itself(home, tmp_path, monkeypatch):
    from kgraph.corpus.cache import BESIDE_FROM

    assert BESIDE_FROM == 5_000  # as the README says
    writers = _noting_writers(monkeypatch, tmp_path)
    read(corpus_copy(tmp_path), cache=True)  # a few dozen records
    assert {int(pid) for pid in writers.read_text().split()} == {os.getpid()}  # no process started for a few


def test_when_the_process_writing_the_entries_dies_the_reading_goes_on(forking, home, tmp_path, monkeypatch):
    from kgraph.corpus.cache import FileCache

    here = os.getpid()

    def die(self):
        assert os.getpid() != here, "written here, not beside"
        os.kill(os.getpid(), 9)

    corpus = corpus_copy(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr("kgraph.corpus.cache.BESIDE_FROM", 1)
        patched.setattr(FileCache, "write_pending", die)
        assert reading(read(corpus, cache=True)) == reading(read(corpus))
        assert len(cache_entries(home)) == 1  # only the checks' own, written here
    assert reading(read(corpus, cache=True)) == reading(read(corpus))  # and the next reading fills it
    assert len(cache_entries(home)) == len(list(corpus.rglob("*.yaml"))) + 1


def test_with_parallel_off_a_large_first_reading_writes_its_entries_itself(home, tmp_path, monkeypatch):
    monkeypatch.setattr("kgraph.corpus.cache.BESIDE_FROM", 1)
    monkeypatch.setenv("KGRAPH_PARALLEL", "off")
    writers = _noting_writers(monkeypatch, tmp_path)
    corpus = corpus_copy(tmp_path)
    assert reading(read(corpus, cache=True)) == reading(read(corpus))
    assert {int(pid) for pid in writers.read_text().split()} == {os.getpid()}
    assert len(cache_entries(home)) == len(list(corpus.rglob("*.yaml"))) + 1
