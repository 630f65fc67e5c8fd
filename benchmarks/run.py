"""Benchmark every stage of kgraph on synthetic corpora, against the floor, and print the figures.

    python benchmarks/run.py                      # 1,000, 10,000 and 100,000 events
    python benchmarks/run.py --sizes 1000,10000   # quicker

The floor is what the same data costs at the least: parsing its JSON Lines with
the json module, and adding the same nodes and edges (with the records as
attributes) to a networkx.MultiDiGraph from plain tuples. Each stage runs in a
fresh process, so its peak memory (resident set, baseline interpreter
included, as for the floor) is its own. Query times are the mean of repeated
calls on the loaded graph. XML exports are compared with networkx's own
writers on the same graph, already flattened to scalars. This script prints
figures; it checks nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _records(corpus: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted(corpus.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def stage_floor(corpus: Path) -> dict[str, float]:
    import networkx as nx

    started = time.perf_counter()
    records = _records(corpus)
    parsed = time.perf_counter()
    nodes, edges = [], []
    for record in records:
        kind = record["record"]
        if kind == "relation":
            edges.append((record["subject"], record["object"], record["id"], record))
        elif kind != "source":
            nodes.append((record["id"], record))
            if kind == "event":
                edges.extend((p["actor"], record["id"], p["role"], {"role": p["role"]}) for p in record["participants"])
                if "place" in record:
                    edges.append((record["id"], record["place"], "place", {}))
            elif record.get("part_of"):
                edges.append((record["id"], record["part_of"], "part_of", {}))
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    done = time.perf_counter()
    return {
        "parse": parsed - started,
        "build": done - parsed,
        "total": done - started,
        "edges": graph.number_of_edges(),
    }


def stage_load(corpus: Path) -> dict[str, float]:
    import kgraph

    started = time.perf_counter()
    corpus_ = kgraph.load(corpus)
    loaded = time.perf_counter()
    kg = kgraph.KnowledgeGraph(corpus_)
    done = time.perf_counter()
    return {
        "parse": loaded - started,
        "build": done - loaded,
        "total": done - started,
        "edges": kg.graph.number_of_edges(),
    }


def stage_queries(corpus: Path) -> dict[str, float]:
    import random

    import kgraph

    kg = kgraph.KnowledgeGraph.load(corpus)
    rng = random.Random(7)
    actors = [e for e in kg.corpus.entities if not e.startswith("place")]
    results: dict[str, float] = {}
    kg.connections(actors[0])  # the first call builds the shared index
    kg.path(actors[0], actors[1])
    kg.events(during="2010-03")
    for name, call in (
        ("connections", lambda: kg.connections(rng.choice(actors))),
        ("path", lambda: kg.path(rng.choice(actors), rng.choice(actors))),
        ("events(during)", lambda: kg.events(during=f"20{rng.randint(4, 23):02d}-{rng.randint(1, 12):02d}")),
    ):
        times = []
        for _ in range(50):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        results[name] = sum(times) / len(times)
    return results


def stage_export(corpus: Path, fmt: str) -> dict[str, float]:
    import kgraph
    from kgraph.export import render

    kg = kgraph.KnowledgeGraph.load(corpus)
    started = time.perf_counter()
    render(kg.graph, fmt)
    return {"total": time.perf_counter() - started}


def stage_stream(corpus: Path, fmt: str) -> dict[str, float]:
    """GraphML or GEXF written element by element into a file, as a build writes it (never whole in memory)."""
    import tempfile

    import kgraph
    from kgraph.annotations.terms import using
    from kgraph.export import terms_of
    from kgraph.export.gexf import write_gexf
    from kgraph.export.graphml import write_graphml
    from kgraph.perf import collector_paused

    kg = kgraph.KnowledgeGraph.load(corpus)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as handle, collector_paused(), using(terms_of(kg.graph)):
        (write_graphml if fmt == "graphml" else write_gexf)(kg.graph, handle)
        size = handle.tell()
    return {"total": time.perf_counter() - started, "bytes": size}


def stage_networkx_writer(corpus: Path, fmt: str) -> dict[str, float]:
    """networkx's own writer on the same graph, flattened to scalars beforehand (not timed)."""
    import io

    import networkx as nx

    import kgraph
    from kgraph.export.prepare import prepare

    kg = kgraph.KnowledgeGraph.load(corpus)
    prepared = prepare(kg.graph)
    flat = nx.MultiDiGraph()
    flat.add_nodes_from((n.id, n.attributes) for n in prepared.nodes)
    flat.add_edges_from((e.source, e.target, e.id, e.attributes) for e in prepared.edges)
    started = time.perf_counter()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, io.BytesIO())
    return {"total": time.perf_counter() - started}


def stage_revalidate(corpus: Path) -> dict[str, float]:
    """Validate with an empty cache (cold), then again after editing one file (warm), and once with no cache."""
    import tempfile

    from kgraph.corpus.loader import read

    with tempfile.TemporaryDirectory() as home:
        os.environ["KGRAPH_CACHE_DIR"] = home
        started = time.perf_counter()
        read(corpus)
        uncached = time.perf_counter() - started
        started = time.perf_counter()
        read(corpus, cache=True)
        cold = time.perf_counter() - started
        edited = min(corpus.glob("*/annotations.*"))
        original = edited.read_bytes()
        try:
            edited.write_bytes(original + b"\n")  # a real edit: the file's content changes
            started = time.perf_counter()
            read(corpus, cache=True)
            warm = time.perf_counter() - started
        finally:
            edited.write_bytes(original)
    return {"uncached": uncached, "cold": cold, "warm": warm}


def revalidate_figure(work: Path, files: int) -> None:
    """Print "validate again after touching one file": cold and warm, the median of three fresh processes."""
    from statistics import median

    from kgraph.synth.corpus import EVENTS_PER_DOCUMENT, write

    corpus = work / f"files-{files}"
    if not (corpus / "registry.jsonl").exists():
        write(corpus, files * EVENTS_PER_DOCUMENT, seed=1)
    runs = [run_stage("revalidate", str(corpus)) for _ in range(3)]
    cold, warm, plain = (median(r[k] for r in runs) for k in ("cold", "warm", "uncached"))
    spread = ", ".join(f"{r['warm'] / r['cold']:.2f}" for r in runs)
    print(
        f"\nvalidate again after editing one file of {files:,} ({files * EVENTS_PER_DOCUMENT:,} events), median of 3:"
        f"\n  cold (filling the cache) {cold:.2f} s, no cache {plain:.2f} s, warm {warm:.2f} s:"
        f" x{warm / cold:.2f} of a cold run (runs: {spread}), x{warm / plain:.2f} of an uncached one (target x0.20)",
        flush=True,
    )


def run_stage(name: str, *args: str) -> dict[str, float]:
    """Run one stage in a fresh Python process and return its figures, with its peak memory."""
    result = subprocess.run(
        [sys.executable, str(HERE), "--stage", name, *args], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def command_time(*command: str, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark kgraph against the floor.")
    parser.add_argument("--sizes", default="1000,10000,100000", help="numbers of events, comma-separated")
    parser.add_argument(
        "--work", default=os.environ.get("TMPDIR", "/tmp") + "/kgraph-benchmark", help="folder for the corpora"
    )
    parser.add_argument(
        "--rebuild-files", type=int, default=1000, help="files of the corpus edited and validated again (0: skip)"
    )
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        corpus = Path(args.rest[0])
        figures = globals()[f"stage_{args.stage}"](corpus, *args.rest[1:])
        figures["peak_mb"] = _peak_mb()
        print(json.dumps(figures))
        return

    from kgraph.synth.corpus import write

    sizes = [int(s) for s in args.sizes.split(",")]
    rows: list[tuple[str, str, list[str]]] = []
    for size in sizes:
        corpus = Path(args.work) / f"events-{size}"
        if not (corpus / "registry.jsonl").exists():
            write(corpus, size, seed=1)
        floor, load = run_stage("floor", str(corpus)), run_stage("load", str(corpus))
        queries = run_stage("queries", str(corpus))
        print(f"\n{size:,} events: {load['edges']:,.0f} edges", flush=True)
        print(
            f"  floor (json + networkx)    {floor['total']:7.2f} s  {floor['peak_mb']:7.0f} MB"
            f"   (parse {floor['parse']:.2f} s, graph {floor['build']:.2f} s)"
        )
        print(
            f"  load, validate and build   {load['total']:7.2f} s  {load['peak_mb']:7.0f} MB"
            f"   (load {load['parse']:.2f} s, graph {load['build']:.2f} s)"
            f"   x{load['total'] / floor['total']:.2f} time, x{load['peak_mb'] / floor['peak_mb']:.2f} memory (targets x2, x1.5)"
        )
        for name, seconds in queries.items():
            if name != "peak_mb":
                target = {"connections": 5, "path": 50, "events(during)": 50}[name]
                print(f"  {name:<26} {seconds * 1000:7.2f} ms  (target < {target} ms)")
        for fmt in ("graphml", "gexf", "json", "timelinejs", "html"):
            # GraphML and GEXF streamed into a file, as a build writes them; the others rendered in memory
            ours = run_stage("stream" if fmt in ("graphml", "gexf") else "export", str(corpus), fmt)
            line = f"  export {fmt:<19} {ours['total']:7.2f} s  {ours['peak_mb']:7.0f} MB"
            if fmt in ("graphml", "gexf"):
                theirs = run_stage("networkx_writer", str(corpus), fmt)
                line += (
                    f"   networkx's writer {theirs['total']:.2f} s: x{ours['total'] / theirs['total']:.2f} (target x0.8);"
                    f" memory x{ours['peak_mb'] / load['peak_mb']:.2f} the build's (target x1.2)"
                )
            print(line, flush=True)
        rows.append((str(size), "", []))
    if args.rebuild_files:
        revalidate_figure(Path(args.work), args.rebuild_files)
    kgraph_bin = str(Path(sys.executable).parent / "kgraph")
    print(f"\nkgraph --help           {command_time(kgraph_bin, '--help'):.3f} s (target < 0.15 s)")
    print(
        f"kgraph validate seeds   {command_time(kgraph_bin, 'validate', str(HERE.parent.parent / 'seeds')):.3f} s (target < 0.5 s)"
    )


if __name__ == "__main__":
    main()
