"""Benchmark every stage of kgraph on synthetic corpora, against the floor, and print the figures.

    python benchmarks/run.py                          # 1,000, 10,000 and 100,000 events, 3 runs of each figure
    python benchmarks/run.py --sizes 1000,10000       # quicker
    python benchmarks/run.py --sizes 300000 --stages build   # the largest size, load and build only

The floor is what the same data costs the plain way: parsing its JSON Lines
with the json module, and adding the same nodes and edges (with the records as
attributes) to a networkx.MultiDiGraph from plain tuples, as a script would,
with Python's garbage collector running. (kgraph pauses the collector while it
builds, and fills the graph without the two copies of each attribute dict that
networkx's ``add_edges_from`` makes: a floor doing the same would be lower.)
Each stage runs in a fresh process (``benchmarks/stages.py``), so its peak
memory (resident set, baseline interpreter included, as for the floor) is its
own. Every figure is the median of ``--runs`` fresh processes (3 by default),
with the spread (lowest to highest) in brackets; the floor and kgraph run in
turn, so each ratio is also taken run by run, and its spread is that of those
ratios. A third run in turn is the floor with each record also made into
kgraph's pydantic model of it (the collector paused, as kgraph's load has it),
and nothing else: the least a load that makes the models can cost, whatever
its checks. Beside wall-clock time, the load-and-build ratio is given in processor
time, which other work on a shared machine disturbs less.

Fixed costs are counted apart: starting the interpreter, and importing what
each side needs (json and networkx for the floor; kgraph's loader and graph,
with pydantic, PyYAML and networkx, for kgraph). The load-and-build ratio is
printed net of them (work against work) and as measured (interpreter and
imports included, as a user running one load waits for them); memory likewise,
net of the resident set after the imports. Time per event shows how each grows
with the corpus. Query times are the mean of repeated calls on the loaded graph.
XML exports are compared with networkx's own writers on the same graph, already
flattened to scalars. At 300,000 events the load and build peak at 2.8 GB
(the floor at 2.2 GB); the export stages hold more (the HTML export 3.4 GB at
100,000 events, networkx's writers a whole document), so ``--stages build``
(or ``build,queries``) is the way to run that size on a shared 24 GB machine.
This script prints figures; it checks nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

HERE = Path(__file__).resolve()
STAGE_SCRIPT = HERE.parent / "stages.py"
STAGES = ("build", "queries", "exports", "revalidate", "commands")


def run_stage(name: str, *args: str) -> dict[str, float]:
    """Run one stage in a fresh Python process and return its figures, with its peak memory and its whole life
    (``wall``: start, imports, work and exit of the process)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(STAGE_SCRIPT), name, *args], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1]) | {"wall": time.perf_counter() - started}


def runs(count: int, *stages: tuple[str, ...]) -> list[list[dict[str, float]]]:
    """``count`` runs of each stage (name and arguments), in turn, so that paired runs share the machine's mood."""
    found: list[list[dict[str, float]]] = [[] for _ in stages]
    for _ in range(count):
        for figures, stage in zip(found, stages, strict=True):
            figures.append(run_stage(*stage))
    return found


def spread(values: list[float], unit: str = "", scale: float = 1.0, digits: int = 2) -> str:
    """The median of ``values`` with their range: ``1.23 s (1.20-1.31)``; a single value alone.

    >>> spread([3.0, 1.0, 2.0], " s"), spread([0.5], " ms", 1000, 1)
    ('2.00 s (1.00-3.00)', '500.0 ms')
    """
    low, mid, high = (f"{v * scale:,.{digits}f}" for v in (min(values), median(values), max(values)))
    return f"{mid}{unit}" + (f" ({low}-{high})" if len(values) > 1 else "")


def ratio(ours: list[float], theirs: list[float]) -> str:
    """Ratios of paired runs, as ``x1.50 (x1.40-x1.62)``: the median of the run-by-run ratios, and their range.

    >>> ratio([2.0, 3.0, 4.5], [1.0, 2.0, 3.0])
    'x1.50 (x1.50-x2.00)'
    """
    if min(theirs) <= 0:  # a floor too small to measure (memory no higher than after the imports)
        return "x? (the floor's figure is 0)"
    paired = [a / b for a, b in zip(ours, theirs, strict=True)]
    text = f"x{median(paired):.2f}"
    return text + (f" (x{min(paired):.2f}-x{max(paired):.2f})" if len(paired) > 1 else "")


def column(found: list[dict[str, float]], name: str) -> list[float]:
    return [f[name] for f in found]


def with_child(found: list[dict[str, float]]) -> list[float]:
    """Each run's peak memory with that of the process beside it (GraphML and GEXF's writer), in MB."""
    return [run["peak_mb"] + run.get("child_mb", 0.0) for run in found]


def fixed_costs(corpus: Path, count: int) -> list[dict[str, float]]:
    """Print the interpreter's start and each side's imports, and return the interpreter's runs."""
    (startup,) = runs(max(count, 5), ("startup", str(corpus)))
    print(f"\nfixed costs, median of {len(startup)} fresh processes (lowest-highest):", flush=True)
    print(f"  interpreter start and exit   {spread(column(startup, 'wall'), ' s', digits=3)}")
    return startup


def build_figures(size: int, corpus: Path, count: int, startup: list[dict[str, float]]) -> dict[str, Any]:
    """Print load and build against the floor at one size, and the least a load making kgraph's models costs;
    return kgraph's figures."""
    floor, models, load = runs(count, ("floor", str(corpus)), ("validated", str(corpus)), ("load", str(corpus)))
    start = median(column(startup, "wall"))
    print(f"\n{size:,} events: {load[0]['edges']:,.0f} edges; median of {count} runs (lowest-highest)", flush=True)
    for name, found, (first, second) in (
        ("floor (json + networkx)", floor, ("parse", "graph")),
        ("floor + kgraph's models", models, ("parse and models", "graph")),
        ("load, validate and build", load, ("load", "graph")),
    ):
        print(
            f"  {name:<26} {spread(column(found, 'total'), ' s')}  {spread(column(found, 'total'), ' µs/event', 1e6 / size, 1)}"
            f"  {spread(column(found, 'peak_mb'), ' MB', digits=0)}   ({first} {median(column(found, 'parse')):.2f} s,"
            f" {second} {median(column(found, 'build')):.2f} s; imports {spread(column(found, 'imports'), ' s')},"
            f" {median(column(found, 'base_mb')):.0f} MB after them)"
        )
    whole = [[start + f["imports"] + f["total"] for f in found] for found in (load, floor)]
    net_mb = [[f["peak_mb"] - f["base_mb"] for f in found] for found in (load, floor)]
    print(
        f"  kgraph against the floor: time {ratio(column(load, 'total'), column(floor, 'total'))} net of fixed costs"
        f" (processor time {ratio(column(load, 'cpu'), column(floor, 'cpu'))}),"
        f" {ratio(*whole)} as measured (interpreter and imports included);"
        f" memory {ratio(*net_mb)} net of the imports, {ratio(column(load, 'peak_mb'), column(floor, 'peak_mb'))}"
        " as measured (targets: x1.3 time and memory at 100,000 events; x1.5 time at 10,000 and 1,000)",
        flush=True,
    )
    print(
        f"  the floor with kgraph's models made, nothing checked, against the floor: time"
        f" {ratio(column(models, 'total'), column(floor, 'total'))} net of fixed costs (the models alone"
        f" {spread(column(models, 'validate'), ' s')}, {spread(column(models, 'validate'), ' µs/event', 1e6 / size, 1)},"
        f" {ratio(column(models, 'validate'), column(floor, 'total'))} the floor's time)",
        flush=True,
    )
    return {"peak_mb": median(column(load, "peak_mb"))}


def other_figures(corpus: Path, count: int, stages: set[str], build_mb: float | None) -> None:
    """Print queries and exports at one size."""
    if "queries" in stages:
        (queries,) = runs(count, ("queries", str(corpus)))
        for name in ("connections", "path", "events(during)"):
            target = {"connections": 5, "path": 50, "events(during)": 50}[name]
            print(f"  {name:<26} {spread(column(queries, name), ' ms', 1000)}  (target < {target} ms)")
    if "exports" not in stages:
        return
    for fmt in ("graphml", "gexf", "json", "timelinejs", "html"):
        # written piece by piece into a file, as a build writes them; GraphML and GEXF against networkx's writers
        xml = fmt in ("graphml", "gexf")
        ours, *others = runs(count, ("stream", str(corpus), fmt), *[("networkx_writer", str(corpus), fmt)] * xml)
        line = f"  export {fmt:<19} {spread(column(ours, 'total'), ' s')}  {spread(column(ours, 'peak_mb'), ' MB', digits=0)}"
        if any(run.get("child_mb") for run in ours):  # the explorer's edges' details, made on the other core
            line += f" (and {spread(column(ours, 'child_mb'), ' MB', digits=0)} in a process beside it)"
        for theirs in others:
            line += f"   networkx's writer {spread(column(theirs, 'total'), ' s')}: {ratio(column(ours, 'total'), column(theirs, 'total'))} (target x0.8)"
            if build_mb:
                line += f"; memory x{median(column(ours, 'peak_mb')) / build_mb:.2f} the build's (target x1.2)"
        print(line, flush=True)


def revalidate_figure(work: Path, files: int, count: int) -> None:
    """Print "validate again after touching one file": cold and warm, the median of fresh processes."""
    from kgraph.synth.corpus import EVENTS_PER_DOCUMENT

    corpus = corpus_of(work / f"files-{files}", files * EVENTS_PER_DOCUMENT)
    (found,) = runs(count, ("revalidate", str(corpus)))
    cold, warm, plain, reread = (column(found, k) for k in ("cold", "warm", "uncached", "warm_read"))
    print(
        f"\nvalidate again after editing one file of {files:,} ({files * EVENTS_PER_DOCUMENT:,} events), median of {count}:"
        f"\n  cold (filling the cache) {spread(cold, ' s')}, no cache {spread(plain, ' s')}, warm {spread(warm, ' s')}:"
        f" {ratio(warm, cold)} of a cold run, {ratio(warm, plain)} of an uncached one (target x0.20)"
        f"\n  read again for a build (every item rebuilt) {spread(reread, ' s')}: {ratio(reread, cold)} of a cold run",
        flush=True,
    )


def corpus_of(folder: Path, events: int) -> Path:
    """The synthetic corpus of ``events`` events (seed 1) in ``folder``, written first if it is not there:
    the same files as ``kgraph synth``, written plainly (no flush to disk for each, which takes long)."""
    from kgraph.synth.corpus import synthesize

    if not (folder / "registry.jsonl").exists():
        for relative, text in synthesize(events, seed=1):
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
    return folder


def command_time(*command: str, count: int = 5) -> str:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return spread(times, " s", digits=3)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark kgraph against the floor.")
    parser.add_argument("--sizes", default="1000,10000,100000", help="numbers of events, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes for each figure, of which the median")
    parser.add_argument("--stages", default=",".join(STAGES), help=f"which, comma-separated: {', '.join(STAGES)}")
    parser.add_argument(
        "--work", default=os.environ.get("TMPDIR", "/tmp") + "/kgraph-benchmark", help="folder for the corpora"
    )
    parser.add_argument(
        "--rebuild-files", type=int, default=1000, help="files of the corpus edited and validated again (0: skip)"
    )
    args = parser.parse_args()
    stages = set(args.stages.split(","))
    if stages - set(STAGES):
        parser.error(f"unknown stages: {', '.join(sorted(stages - set(STAGES)))} (stages: {', '.join(STAGES)})")
    work = Path(args.work)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.runs} runs of each figure", flush=True)
    startup = fixed_costs(corpus_of(work / f"events-{sizes[0]}", sizes[0]), args.runs)
    for size in sizes:
        corpus = corpus_of(work / f"events-{size}", size)
        build = build_figures(size, corpus, args.runs, startup) if "build" in stages else None
        other_figures(corpus, args.runs, stages, build and build["peak_mb"])
    if args.rebuild_files and "revalidate" in stages:
        revalidate_figure(work, args.rebuild_files, args.runs)
    if "commands" in stages:
        kgraph_bin = str(Path(sys.executable).parent / "kgraph")
        print(f"\nkgraph --help           {command_time(kgraph_bin, '--help')} (target < 0.15 s)")
        seeds = str(HERE.parent.parent / "seeds")
        print(f"kgraph validate seeds   {command_time(kgraph_bin, 'validate', seeds)} (target < 0.5 s)")
        largest = corpus_of(work / f"events-{sizes[-1]}", sizes[-1])
        built, first = runs(args.runs, ("build_command", str(largest)), ("build_command", str(largest), "empty"))
        print(
            f"kgraph build, every format, {sizes[-1]:,} events: {spread(column(built, 'wall'), ' s')} for the whole"
            f" process, {spread(with_child(built), ' MB', digits=0)} at most (its peak and its writer's own memory,"
            f" {spread(column(built, 'child_mb'), ' MB', digits=0)})"
            f" ({median(column(built, 'bytes')) / 1024**2:,.0f} MB written; target 45 s, 2,500 MB at 100,000)",
            flush=True,
        )
        print(
            f"  the same with the cache on and empty (a first build, which fills it): {spread(column(first, 'wall'), ' s')},"
            f" {ratio(column(first, 'wall'), column(built, 'wall'))} the build without the cache;"
            f" {spread(with_child(first), ' MB', digits=0)} at most; {median(column(first, 'cache_bytes')) / 1024**2:,.2f} MB of cache"
            " written",
            flush=True,
        )


if __name__ == "__main__":
    main()
