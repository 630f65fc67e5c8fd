"""A large graph's page data: the level of detail's first drawing, and every node and edge as columns.

Above :data:`kgraph.export.explorer_data.DETAIL_THRESHOLD` nodes the page's data is not one record a node or
edge (:func:`kgraph.export.explorer_data.explorer_data`) but columns (:mod:`kgraph.export.explorer_columns`),
with the same legend, filters and names around them; the page's ``columns`` part reads them as records.

>>> from tests.helpers import big_graph
>>> data, blocks = large_page_data(big_graph(30))
>>> len(data["columns"]["nodes"]["id"]) == big_graph(30).number_of_nodes(), data["detail"]["actors"]
(True, 150)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kgraph.export.explorer_columns import large_data
from kgraph.export.explorer_data import (
    _EVENT_SHAPE,
    _SHAPES,
    DETAIL,
    EVENT,
    PARTICIPATION,
    RELATION,
    _darker,
    _first_drawn,
    _induced,
    _options,
    frame,
)
from kgraph.export.layout import layout
from kgraph.export.prepare import keyed_edges, node_token
from kgraph.export.style import EVENT_LINK, NODE_COLORS, OTHER, edge_color, hex_color, node_style, type_colors
from kgraph.export.timeline_bulk import timeline_extent


def large_page_data(graph: nx.Graph) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The page's data for a large ``graph``, and the blocks of its nodes' and edges' details."""
    edges = _edges(graph)
    degree = dict.fromkeys(graph, 0)  # as networkx counts it (a loop twice), from the edges at hand
    for u, v, *_ in edges:
        degree[u] += 1
        degree[v] += 1
    initial = _first_drawn(graph, degree)
    positions = layout(_induced(graph, initial))
    columns, blocks = large_data(graph, edges, positions, degree)
    names = columns["names"]
    nodes, links = columns["nodes"], set(columns["edges"]["link"])
    kinds = {names[k]: "" for k in sorted(set(nodes["kind"]))}
    for kind in kinds:
        kinds[kind] = _EVENT_SHAPE if kind == EVENT else _SHAPES.get(node_style(kind, 0).shape, "dot")
    types = {names[t] for k, t in zip(nodes["kind"], nodes["type"], strict=True) if names[k] == EVENT}
    roles, relations = set(), set()
    triples, look = columns["edges"]["triples"], columns["edges"]["triple"]
    linked = Counter(look[i] for i in links)  # relations between two events, drawn as event links
    found = {EVENT_LINK} if links else set()
    for t, uses in Counter(look).items():
        k, edge_type = names[triples[t][0]], names[triples[t][1]]
        if uses > linked[t]:
            found.add(k)
        if k == PARTICIPATION:
            roles.add(edge_type)
        elif k == RELATION:
            relations.add(edge_type)
    edge_kinds = sorted(found)
    colors = type_colors(sorted(types))
    looks = {
        "kinds": {
            k: [hex_color(NODE_COLORS.get(k, OTHER)), _darker(NODE_COLORS.get(k, OTHER)), shape]
            for k, shape in kinds.items()
        },
        "types": {t: [code, _darker(_rgb(code))] for t, code in colors.items()},
        "edges": {k: hex_color(edge_color(k)) for k in edge_kinds},
        "link": EVENT_LINK,
    }
    data = {
        "nodes": [],
        "edges": [],
        "links": [],
        **frame(graph, kinds, types, edge_kinds, roles, relations),
        "edgeLabels": False,
        "typeColors": colors,
        "options": _options(graph.is_directed(), True),
        "detail": {**DETAIL, "initial": [str(n) for n in initial]},
        "columns": {**columns, "looks": looks},
        "timeline": timeline_extent(
            [d for k, d in zip(nodes["kind"], nodes["days"], strict=True) if names[k] == EVENT]
        ),
    }
    return data, blocks


def _rgb(code: str) -> tuple[int, int, int]:
    return int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16)


def _edges(graph: nx.Graph) -> list[tuple[Any, Any, Any, dict[str, Any], str]]:
    """Every edge as ``(u, v, key, data, id)``, its id as :func:`kgraph.export.prepare.edge_id` makes it."""
    used: set[str] = set()
    token = {node: node_token(node) for node in graph}
    keys: dict[Any, str] = {}
    edges = []
    for u, v, key, data in keyed_edges(graph):
        if key not in keys:
            keys[key] = node_token(key) if key is not None else "edge"
        source, target, text = token[u], token[v], keys[key]
        found = f"{source}--{text}--{target}"
        if "--" in text and text.startswith(f"{source}--") and text.endswith(f"--{target}"):
            found = text  # a relation id that already names both ends
        while found in used:
            found += "_"
        used.add(found)
        edges.append((u, v, key, data, found))
    return edges
