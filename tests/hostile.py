"""A small graph built to break exporters: parallel typed edges and every awkward kind of value."""

from __future__ import annotations

from datetime import date

import networkx as nx

XML_HOSTILE = "a < b && c > d \"quoted\" 'single' ]]> <!-- --> &amp; <script>x</script>"
CONTROL = "bell\x07 and\x01 escape\x1b end"


def hostile_graph() -> nx.MultiDiGraph:
    """Three typed parallel edges between one pair, and values that are None, lists, dicts, dates and hostile text."""
    graph = nx.MultiDiGraph(name="hostile", lastmodified="2024-02-29")
    graph.add_node(
        "a",
        kind="person",
        label="Ağa Şuşalı — «Ա»",
        note=None,
        tags=["x", "y"],
        meta={"k": [1, 2], "when": "2023"},
        born=date(1970, 1, 2),
        score=3,
        ratio=0.5,
        flag=True,
        text=XML_HOSTILE,
        control=CONTROL,
        earliest="2023-07-12",
        latest="2023-07-12",
    )
    graph.add_node("b", kind="organization", label="", mixed="text", score=2.5, tags=[])
    graph.add_node("c", kind="event", label="Rally\nsecond line\ttab", mixed=7, earliest="2020-01-01")
    graph.add_node("node with spaces", kind="place", label="Spaced <place>", x="not a coordinate", size="big")
    for kind in ("allied_with", "opposes", "member_of"):
        graph.add_edge(
            "a",
            "b",
            key=kind,
            kind="relation",
            type=kind,
            label=kind.replace("_", " "),
            evidence=[{"quote": f"{kind} & <evidence>", "source": "s", "claimed_by": "a"}],
        )
    graph.add_edge(
        "a",
        "c",
        key="speaker",
        kind="participation",
        type="speaker",
        label="speaker",
        weight=-2,
        earliest="2020-01-01",
        latest="2020-02-01",
    )
    graph.add_edge(
        "c", "node with spaces", key="place", kind="location", type="place", label="", weight=2.5, id="clash?"
    )
    return graph
