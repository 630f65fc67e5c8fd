"""How the graph looks in every export: colour and shape by kind, size by degree.

Colours are the Okabe–Ito palette, readable by people with colour-blindness.

>>> node_style("event", degree=4)
Style(color=(213, 94, 0), size=18.0, shape='square')
>>> hex_color(node_style("person", 0).color)
'#e69f00'
"""

from __future__ import annotations

import colorsys
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


#: Colours of event types in the explorer (its graph, timeline and legend alike): a qualitative palette
#: (Tableau's twenty, the strong ten first), given in the order of the types' names.
EVENT_TYPE_PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#499894", "#b6992d", "#9d7660", "#d37295", "#79706e",
    "#a0cbe8", "#ffbe7d", "#ff9d9a", "#8cd17d", "#d4a6c8", "#86bcb6", "#f1ce63", "#d7b5a6", "#fabfd2", "#bab0ac",
)  # fmt: skip


def type_colors(types: list[str]) -> dict[str, str]:
    """A colour (#rrggbb) for each event type, by the types' sorted order; past the palette, hues a golden angle apart.

    >>> type_colors(["protest", "appeal"])
    {'appeal': '#4e79a7', 'protest': '#f28e2b'}
    >>> type_colors([f"t{i:02}" for i in range(22)])["t21"]
    '#be4837'
    """
    ordered = sorted(set(types))
    colors = {}
    for i, name in enumerate(ordered):
        if i < len(EVENT_TYPE_PALETTE):
            colors[name] = EVENT_TYPE_PALETTE[i]
        else:
            hue = (i * 137.508) % 360 / 360
            r, g, b = colorsys.hls_to_rgb(hue, 0.48, 0.55)
            colors[name] = hex_color((round(r * 255), round(g * 255), round(b * 255)))
    return colors


def hex_color(rgb: tuple[int, int, int]) -> str:
    """A colour as #rrggbb."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
