"""Positions for large graphs, computed in Python so the explorer draws them at once without physics.

Each connected component is laid out in rings around its best-connected node (a breadth-first search, in
linear time), and components are placed in rows, largest first. The same graph gives the same positions.

>>> import networkx as nx
>>> layout(nx.path_graph(3))
{1: (100.0, 100.0), 0: (160.0, 100.0), 2: (40.0, 100.0)}
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any

import networkx as nx


def layout(graph: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Positions for every node: each connected component in rings around its best-connected node, components in rows."""
    neighbours: dict[Any, list[Any]] = {n: [] for n in graph}
    for u, v in graph.edges():
        neighbours[u].append(v)
        neighbours[v].append(u)
    seen: set[Any] = set()
    components = []
    for start in graph:
        if start in seen:
            continue
        members = [start]
        seen.add(start)
        for node in members:
            for other in neighbours[node]:
                if other not in seen:
                    seen.add(other)
                    members.append(other)
        components.append(members)
    components.sort(key=len, reverse=True)
    positions: dict[Any, tuple[float, float]] = {}
    cursor_x = cursor_y = row_height = 0.0
    row_width = 2500 * math.sqrt(max(1, graph.number_of_nodes()) / 1000)
    for members in components:
        centre = max(members, key=lambda n: len(neighbours[n]))
        rings: list[list[Any]] = [[centre]]
        level = {centre: 0}
        queue = deque([centre])
        while queue:
            node = queue.popleft()
            for other in neighbours[node]:
                if other not in level:
                    level[other] = level[node] + 1
                    if level[other] == len(rings):
                        rings.append([])
                    rings[level[other]].append(other)
                    queue.append(other)
        radius = 0.0
        local: dict[Any, tuple[float, float]] = {centre: (0.0, 0.0)}
        for ring in rings[1:]:
            radius = max(radius + 60.0, len(ring) * 28.0 / (2 * math.pi))
            for i, node in enumerate(ring):
                angle = 2 * math.pi * i / len(ring)
                local[node] = (radius * math.cos(angle), radius * math.sin(angle))
        size = 2 * radius + 80
        if cursor_x + size > row_width and cursor_x > 0:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height, 0.0
        for node, (x, y) in local.items():
            positions[node] = (round(cursor_x + size / 2 + x, 1), round(cursor_y + size / 2 + y, 1))
        cursor_x += size
        row_height = max(row_height, size)
    return positions
