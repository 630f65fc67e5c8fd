"""Time the HTML explorer: export in Python, and opening each view in headless Chromium.

    python benchmarks/explorer.py [--nodes 5000]            a generated graph of that many nodes
    python benchmarks/explorer.py --corpus /tmp/s100k        a corpus (made by `kgraph synth`), loaded first
    python benchmarks/explorer.py --page graph.html          a page already written (no export timed)

Prints the figures; it checks nothing. For each view: the time until the page says it is ready (the median of
``--runs`` and their spread) and the page's JavaScript heap then (CDP's Performance.getMetrics, JSHeapUsedSize:
performance.memory is capped). The export's time is to_html's alone (not loading nor building the graph), and its
peak memory is the process's (ru_maxrss, which includes the graph). Needs Debian's chromium and Playwright.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from kgraph.export.html import to_html


def _graph(args: argparse.Namespace) -> Any:
    if args.corpus:
        from kgraph.graph.knowledge import KnowledgeGraph

        return KnowledgeGraph.load(args.corpus).graph
    from kgraph.synth.graphs import graph_of_size

    return graph_of_size(args.nodes)


def export(args: argparse.Namespace) -> Path:
    """Writes the page (timing to_html), or returns the page given."""
    if args.page:
        return Path(args.page).resolve()
    graph = _graph(args)
    exports = []
    for _ in range(args.runs if not args.corpus else 1):
        started = time.perf_counter()
        page = to_html(graph)
        exports.append(time.perf_counter() - started)
    path = Path(tempfile.mkdtemp()) / "explorer.html"
    path.write_text(page, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; page {len(page) / 1e6:.1f} MB")
    print(
        f"HTML export (to_html alone): median {statistics.median(exports):.2f} s of {len(exports)}"
        f" (spread {min(exports):.2f}-{max(exports):.2f} s); process peak {peak:.2f} GB"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--corpus", help="a corpus folder to load instead of a generated graph")
    parser.add_argument("--page", help="an explorer page already written: only open it")
    parser.add_argument("--views", default="actors,full,map")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = export(args)
    print(f"page: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for view in args.views.split(","):
            walls, clocks, heaps = [], [], []
            for _ in range(args.runs):
                page_ = browser.new_page(viewport={"width": 1440, "height": 900})
                cdp = page_.context.new_cdp_session(page_)
                cdp.send("Performance.enable")
                started = time.perf_counter()
                page_.goto(path.as_uri() + f"#view={view}")
                page_.wait_for_selector("body[data-ready=true]", state="attached", timeout=600_000)
                walls.append(time.perf_counter() - started)
                clocks.append(page_.evaluate("window.kgraphReady") / 1000)
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                heaps.append(metrics["JSHeapUsedSize"] / 1e6)
                drawn = page_.evaluate("kgraph.network.body.nodeIndices.length")
                shown = page_.evaluate("kgraph.app.state.view")
                page_.close()
            print(
                f"{shown:>6} view: interactive after {statistics.median(walls):.2f} s median of {args.runs}"
                f" (spread {min(walls):.2f}-{max(walls):.2f} s; page clock {statistics.median(clocks):.2f} s),"
                f" JS heap {statistics.median(heaps):.0f} MB (spread {min(heaps):.0f}-{max(heaps):.0f}),"
                f" {drawn} nodes in the view"
            )
        browser.close()


if __name__ == "__main__":
    main()
