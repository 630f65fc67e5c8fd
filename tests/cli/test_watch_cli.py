"""``--watch`` runs again when a file changes and ends on Ctrl-C with exit 130; ``--no-cache`` bypasses the cache."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from kgraph.cli.main import main
from kgraph.corpus.watch import snapshot, watch

from ..helpers import FIXTURES, ROOT


def _wait_for(path: Path, text: str, count: int = 1, limit: float = 60) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = path.read_text(encoding="utf-8", errors="replace")
        if found.count(text) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not seen {count} times in: {path.read_text(encoding='utf-8')}")


def test_build_watch_rebuilds_on_a_change_and_ctrl_c_exits_130(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(FIXTURES / "claims", corpus)
    env = {**os.environ, "KGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    log_out, log_err = tmp_path / "stdout", tmp_path / "stderr"
    with log_out.open("w") as stdout, log_err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "kgraph", "build", str(corpus), "--out", str(out), "--watch", "-q"],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        try:
            _wait_for(log_err, "-- watching")
            assert "wrote" in log_out.read_text(encoding="utf-8")
            target = sorted(corpus.rglob("annotations.yaml"))[0]
            text = target.read_text(encoding="utf-8")
            target.write_text(text.replace("events:", "events:\n  - id: Broken-Id\n", 1), encoding="utf-8")
            err = _wait_for(log_err, "-- watching", 2)
            assert "Broken-Id" in err  # the problem...
            assert f"{target}:" in err  # ...at its file and line
            count = sum(line.startswith(f"{target}:") for line in err.splitlines())
            assert f"kgraph: the corpus has {count} problem{'s' * (count != 1)}; waiting for a change" in err
            target.write_text(text, encoding="utf-8")
            _wait_for(log_err, "-- watching", 3)
            assert log_out.read_text(encoding="utf-8").count("wrote") >= 2 * len(list(out.iterdir()))
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=30) == 130
        finally:
            if process.poll() is None:
                process.kill()
    assert log_err.read_text(encoding="utf-8").rstrip().endswith("kgraph: interrupted")


def test_watch_runs_once_per_settled_change(tmp_path):
    (tmp_path / "a.yaml").write_text("persons: []\n")
    runs: list[int] = []
    steps = iter(range(100))

    def sleep(_: float) -> None:  # each pause of the watcher is a moment when files change (or not)
        step = next(steps)
        if step == 1:
            (tmp_path / "a.yaml").write_text("persons: [] # saved\n")
        if step == 2:
            (tmp_path / "b.yaml").write_text("persons: []\n")  # a second write, before it settled
        if step == 4:
            (tmp_path / ".hidden.yaml").write_text("not watched\n")

    watch(tmp_path, lambda: runs.append(len(snapshot(tmp_path))), interval=0, rounds=2, sleep=sleep)
    assert runs == [1, 2]  # one run at the start, one for both writes, and the hidden file seen by neither
    assert ".hidden.yaml" not in {Path(p).name for p in snapshot(tmp_path)}


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path, monkeypatch, capsys):
    home = tmp_path / "cache"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(home))
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "claims", corpus)
    assert main(["validate", str(corpus), "--no-cache"]) == 0
    uncached = capsys.readouterr()
    assert not home.exists()
    assert main(["validate", str(corpus)]) == 0
    first = capsys.readouterr()
    assert first == uncached
    assert list(home.glob("corpora/*/*.json"))
    assert main(["validate", str(corpus)]) == 0
    assert capsys.readouterr() == first  # the same output from the cache
    assert not any(p.name.startswith(".kgraph") for p in corpus.rglob("*"))  # nothing written into the corpus
