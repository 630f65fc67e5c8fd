"""Time the HTML explorer on a generated 5,000-node graph: export in Python, and opening each view in headless Chromium.

    python benchmarks/explorer.py [--nodes 5000]

Prints the figures; it checks nothing. Needs Debian's chromium and Playwright (the test extras).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kgraph.export.html import to_html
from kgraph.synth.graphs import graph_of_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graph = graph_of_size(args.nodes)
    exports = []
    for _ in range(args.runs):
        started = time.perf_counter()
        page = to_html(graph)
        exports.append(time.perf_counter() - started)
    path = Path(tempfile.mkdtemp()) / "explorer.html"
    path.write_text(page, encoding="utf-8")
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; page {len(page) / 1e6:.1f} MB")
    print(f"HTML export in Python: median {statistics.median(exports):.3f} s of {args.runs}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for view in ("actors", "full", "map"):
            walls, clocks = [], []
            for _ in range(args.runs):
                page_ = browser.new_page(viewport={"width": 1440, "height": 900})
                started = time.perf_counter()
                page_.goto(path.as_uri() + f"#view={view}")
                page_.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
                walls.append(time.perf_counter() - started)
                clocks.append(page_.evaluate("window.kgraphReady") / 1000)
                drawn = page_.evaluate("kgraph.network.body.nodeIndices.length")
                shown = page_.evaluate("kgraph.app.state.view")
                page_.close()
            print(
                f"{shown:>6} view: interactive after {statistics.median(walls):.2f} s median of {args.runs}"
                f" (spread {min(walls):.2f}-{max(walls):.2f} s; page clock {statistics.median(clocks):.2f} s),"
                f" {drawn} nodes in the view"
            )
        browser.close()


if __name__ == "__main__":
    main()
