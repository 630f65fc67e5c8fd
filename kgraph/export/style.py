"""How the graph looks in every export: colour and shape by kind, size by degree.

Colours are the Okabe–Ito palette, readable by people with colour-blindness.

>>> node_style("event", degree=4)
Style(color=(213, 94, 0), size=18.0, shape='square')
>>> hex_color(node_style("person", 0).color)
'#e69f00'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

NODE_COLORS: dict[str, tuple[int, int, int]] = {
    "person": (230, 159, 0),
    "organization": (0, 114, 178),
    "group": (0, 158, 115),
    "place": (204, 121, 167),
    "event": (213, 94, 0),
}
NODE_SHAPES: dict[str, str] = {
    "person": "disc",
    "organization": "square",
    "group": "triangle",
    "place": "diamond",
    "event": "square",
}
EDGE_COLORS: dict[str, tuple[int, int, int]] = {
    "participation": (153, 153, 153),
    "relation": (68, 68, 68),
    "location": (204, 121, 167),
    "part_of": (187, 187, 187),
    "event link": (0, 114, 178),
}
#: The explorer draws relations between two events (causes, confirms, realizes, ...) in a colour of their own.
EVENT_LINK = "event link"
OTHER = (136, 136, 136)


@dataclass(frozen=True)
class Style:
    """A node's or edge's colour (r, g, b), size and shape."""

    color: tuple[int, int, int]
    size: float
    shape: str


def node_style(kind: str, degree: int) -> Style:
    """The style of a node of ``kind`` with ``degree`` edges: size grows with the square root of the degree."""
    return Style(NODE_COLORS.get(kind, OTHER), round(10 + 4 * math.sqrt(degree), 2), NODE_SHAPES.get(kind, "disc"))


def edge_color(kind: str) -> tuple[int, int, int]:
    """The colour of an edge of ``kind``."""
    return EDGE_COLORS.get(kind, OTHER)


def hex_color(rgb: tuple[int, int, int]) -> str:
    """A colour as #rrggbb."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
