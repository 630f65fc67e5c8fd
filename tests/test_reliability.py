"""Reliability: hostile input gives messages within bounded time and memory; builds are whole or not at all.

The committed broken corpora are in tests/fixtures/invalid (see test_loader); the ones here are made at
run time: too large to commit, or links that git cannot carry portably.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.cli.main import main

from .helpers import FIXTURES, ROOT, SEEDS, limit_memory
from .helpers import kgraph_cli as run_cli

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def corpus_from_valid(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid", folder)
    return folder


@pytest.mark.hostile
@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_every_broken_corpus_exits_1_with_its_messages(case, capsys, monkeypatch):
    monkeypatch.chdir(case)
    assert main(["validate", "."]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert "problem" in err[-1]


@pytest.mark.hostile
def test_a_50_mb_string(tmp_path):
    corpus = corpus_from_valid(tmp_path)
    (corpus / "registry.yaml").write_text("groups:\n  - id: big\n    name: " + "B" * 50_000_000 + "\n    kind: crowd\n")
    started = time.perf_counter()
    result = kgraph_cli("validate", str(corpus))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0]
        == f"{corpus}/registry.yaml:3: groups[0].name: longer than 1,000 characters (50,000,000)"
    )
    assert time.perf_counter() - started < 30


@pytest.mark.hostile
def test_nesting_10000_deep(tmp_path):
    corpus = corpus_from_valid(tmp_path)
    (corpus / "registry.yaml").write_text(
        "groups:\n  - id: deep\n    name: Deep\n    kind: crowd\n    notes: " + "[" * 10_000 + "]" * 10_000 + "\n"
    )
    result = kgraph_cli("validate", str(corpus))
    assert (result.returncode, result.stderr.splitlines()[:-1]) == (
        1,
        [f"{corpus}/registry.yaml:5: nesting deeper than 64 levels"],
    )


@pytest.mark.hostile
def test_a_symlinked_source_text_outside_the_corpus(tmp_path):
    corpus = corpus_from_valid(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    shutil.move(corpus / "article.txt", outside)
    (corpus / "article.txt").symlink_to(outside)
    result = kgraph_cli("validate", str(corpus))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{corpus}/annotations.yaml:8: source text file 'article.txt' lies outside the corpus folder"
    ]


@pytest.mark.hostile
def test_a_symlinked_annotation_file_outside_the_corpus(tmp_path):
    corpus = corpus_from_valid(tmp_path)
    (tmp_path / "secret.yaml").write_text("persons: []\n")
    (corpus / "registry.yaml").symlink_to(tmp_path / "secret.yaml")
    result = kgraph_cli("validate", str(corpus))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{corpus}/registry.yaml: links to a file outside the corpus folder; not read"
    ]


@pytest.mark.hostile
def test_a_symlink_loop_is_reported_not_followed(tmp_path):
    corpus = corpus_from_valid(tmp_path)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "self").symlink_to(corpus / "self")
    result = kgraph_cli("validate", str(corpus))
    assert (result.returncode, result.stderr.splitlines()[:-1]) == (
        1,
        [
            f"{corpus}/loop: is a link that loops back to a folder above it; not followed",
            f"{corpus}/self: is a link that loops; not read",
        ],
    )


def test_a_corpus_path_that_does_not_exist(tmp_path):
    result = kgraph_cli("validate", str(tmp_path / "nowhere"))
    assert (result.returncode, result.stderr) == (2, f"kgraph: error: {tmp_path / 'nowhere'}: no such file or folder\n")


@pytest.mark.hostile
def test_kgraph_never_writes_to_its_inputs(tmp_path, capsys):
    """Every command, and -o or --out aimed at every input (YAML and JSON Lines annotations, source texts), by any
    path to it: each refused, and not a byte, inode or time of the corpus changes."""
    import os

    from kgraph.synth.corpus import write

    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    write(corpus / "bulk", events=20, seed=1)  # a JSON Lines document and registry, inside the same corpus
    (tmp_path / "link.yaml").symlink_to(corpus / "registry.yaml")
    os.link(corpus / "bulk" / "doc-00000" / "article.txt", tmp_path / "hard-link.txt")
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert {p.suffix for p in files} == {".yaml", ".jsonl", ".txt"}
    before = {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in corpus.rglob("*") if p.is_file()}
    for args in (
        ["validate", str(corpus)],
        ["build", str(corpus), "--out", str(tmp_path / "out")],
        ["export", str(corpus), "--format", "json"],
        ["query", "timeline", str(corpus)],
    ):
        assert kgraph_cli(*args).returncode == 0
    targets = [*files, tmp_path / "link.yaml", tmp_path / "hard-link.txt", corpus / "bulk" / ".." / "registry.yaml"]
    for target in targets:
        assert main(["export", str(corpus), "--format", "json", "-o", str(target)]) == 2, target
        assert "is a file of the corpus being read" in capsys.readouterr().err
    for folder in sorted({p.parent for p in files}):
        assert main(["build", str(corpus), "--out", str(folder)]) == 2, folder
        assert "holds files of the corpus being read" in capsys.readouterr().err
    after = {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in corpus.rglob("*") if p.is_file()}
    assert after == before


def _signal_while_writing(command: list[str], out: Path, signum: int, delay: float) -> None:
    """Run ``command``; ``delay`` seconds after it starts writing (a new file in or beside ``out``), send ``signum``."""
    import contextlib
    import os

    watched = (out, out.parent)
    seen = {(folder, name) for folder in watched for name in os.listdir(folder)}
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if {(folder, name) for folder in watched for name in os.listdir(folder)} - seen:
                break
        time.sleep(0.002)
    time.sleep(delay)
    process.send_signal(signum)
    process.wait(timeout=60)


@pytest.mark.hostile
def test_a_build_killed_midway_leaves_the_old_set_or_the_new_set(tmp_path):
    """SIGKILL, SIGTERM and SIGINT at moments of a build's writing, over earlier exports: the folder holds the
    whole earlier set or the whole new set, never a mix; the next build removes what the killed ones left."""
    from kgraph.synth.corpus import write

    corpus = tmp_path / "corpus"
    write(corpus, events=1000, seed=4)
    out, fresh = tmp_path / "exports", tmp_path / "fresh"
    shutil.copytree(ROOT / "exports", out)  # the earlier exports: those of the seeds
    (out / "notes.txt").write_text("not an export: kept")
    earlier = {p.name: p.read_bytes() for p in out.iterdir()}
    assert kgraph_cli("build", str(corpus), "--out", str(fresh)).returncode == 0
    new = {p.name: p.read_bytes() for p in fresh.iterdir()} | {"notes.txt": earlier["notes.txt"]}
    command = [sys.executable, "-m", "kgraph", "build", str(corpus), "--out", str(out), "-q"]
    outcomes = []
    for signum, delay in ((signal.SIGKILL, 0), (signal.SIGTERM, 0.03), (signal.SIGINT, 0.1), (signal.SIGKILL, 0.3)):
        _signal_while_writing(command, out, signum, delay)
        current = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        assert current in (earlier, new), f"neither the earlier set nor the new set after {signum!r} at {delay} s"
        outcomes.append("new" if current == new else "earlier")
        shutil.rmtree(out)
        out.mkdir()
        for name, data in earlier.items():
            (out / name).write_bytes(data)
    assert "earlier" in outcomes  # killed before the swap: the earlier exports intact, byte for byte
    assert kgraph_cli("build", str(corpus), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "exports", "fresh"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == new


def test_a_killed_build_leaves_no_temporary_files_behind_after_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".graph.json.abc123.tmp").write_text("half")
    assert kgraph_cli("build", str(SEEDS), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in (ROOT / "exports").iterdir())


def test_the_memory_limit_is_real():
    """The limit the tests above run under does stop a process that needs more."""
    code = "x = bytearray(3 * 1024 ** 3)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, preexec_fn=limit_memory
    )
    assert result.returncode != 0
    assert "MemoryError" in result.stderr


def test_an_output_folder_that_cannot_be_written(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    result = kgraph_cli("build", str(SEEDS), "--out", str(blocked))
    assert result.returncode == 2
    assert "kgraph: error:" in result.stderr


def kgraph_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """kgraph in a process limited to 2 GB of memory and a minute."""
    return run_cli(*args, limited=True)
