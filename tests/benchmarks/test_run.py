"""The benchmark prints what it promises: medians with their spread, time per event, fixed costs apart, and the
ratio to the floor net of fixed costs and as measured."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from ..helpers import ROOT

BENCHMARK = ROOT / "benchmarks" / "run.py"


def benchmark_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_run", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_figure_is_the_median_with_its_range_and_a_ratio_is_taken_run_by_run():
    run = benchmark_module()
    assert run.spread([3.0, 1.0, 2.0], " s") == "2.00 s (1.00-3.00)"
    assert run.spread([0.5], " ms", 1000, 1) == "500.0 ms"
    # the median of the run-by-run ratios (2, 1.5, 1.5), not the ratio of the medians (3 / 2)
    assert run.ratio([2.0, 3.0, 4.5], [1.0, 2.0, 3.0]) == "x1.50 (x1.50-x2.00)"
    assert run.ratio([2.0, 3.0], [1.0, 0.0]) == "x? (the floor's figure is 0)"


def test_a_small_run_prints_every_figure_of_the_build(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--sizes", "40", "--runs", "2", "--stages", "build", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    out = done.stdout
    assert "fixed costs" in out
    assert re.search(r"interpreter start and exit +[0-9.]+ s \([0-9.]+-[0-9.]+\)", out)
    assert re.search(r"40 events: [0-9,]+ edges; median of 2 runs", out)
    for name in ("floor \\(json \\+ networkx\\)", "floor \\+ kgraph's models", "load, validate and build"):
        line = re.search(rf"{name} .*", out)
        assert line is not None
        assert re.search(r"[0-9.]+ s \([0-9.]+-[0-9.]+\) +[0-9.,]+ µs/event", line.group(0))
        assert re.search(r"imports [0-9.]+ s \([0-9.]+-[0-9.]+\), [0-9]+ MB after them", line.group(0))
    summary = re.search(r"kgraph against the floor: .*", out)
    assert summary is not None
    for figure in ("net of fixed costs", "processor time x", "as measured", "net of the imports"):
        assert figure in summary.group(0)
    least = re.search(r"the floor with kgraph's models made, nothing checked, against the floor: time x[0-9.]+ .*", out)
    assert least is not None
    assert re.search(
        r"the models alone [0-9.]+ s \([0-9.]+-[0-9.]+\), [0-9.,]+ µs/event \([0-9.,-]+\), x[0-9.]+ \(x[0-9.]+-x[0-9.]+\) the floor's time",
        least.group(0),
    )
    assert (tmp_path / "events-40" / "registry.jsonl").is_file()


def test_the_commands_stage_times_a_whole_build_of_every_format(tmp_path: Path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARK),
            "--sizes",
            "40",
            "--runs",
            "1",
            "--stages",
            "commands",
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    line = re.search(
        r"kgraph build, every format, 40 events: ([0-9.]+) s for the whole process, ([0-9,]+) MB at most"
        r" \(its peak and its writer's own memory, ([0-9,]+) MB\)",
        done.stdout,
    )
    assert line is not None, done.stdout
    assert float(line.group(1)) > 0
    total, writer = (int(line.group(n).replace(",", "")) for n in (2, 3))
    assert total > writer > 0  # GraphML and GEXF written by a process of their own, whose memory is counted
    first = re.search(
        r"  the same with the cache on and empty \(a first build, which fills it\): ([0-9.]+) s, x[0-9.]+ the build"
        r" without the cache; ([0-9,]+) MB at most; ([0-9.,]+) MB of cache written",
        done.stdout,
    )
    assert first is not None, done.stdout
    assert float(first.group(1)) > 0
    assert int(first.group(2).replace(",", "")) > writer
    assert float(first.group(3)) > 0  # it did fill the cache (the build without it writes none: 0 bytes)
