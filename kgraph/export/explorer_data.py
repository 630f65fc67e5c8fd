"""What the explorer page shows, as JSON-ready data, built in one pass over the graph.

Nodes carry their full label (the tooltip's and the panel's) and a short one to draw: an event's type and
date (:mod:`kgraph.export.short_labels`). The actor view's links come from :mod:`kgraph.export.actor_links`,
the map's places and outlines from :mod:`kgraph.export.mapdata`. The names and shares the page's script uses
(kinds, filter groups, panel fields, the timeline's bulk) come from here too, so that the script repeats none.

>>> import kgraph
>>> data = explorer_data(kgraph.KnowledgeGraph.load("seeds").graph)
>>> next(n["short"] for n in data["nodes"] if n["id"] == "stepanyan-appeal-to-icrc")
'appeal · 12 Jul 2023'
>>> link = next(k for k in data["links"] if (k["from"], k["to"]) == ("gegham-stepanyan", "icrc"))
>>> link["events"]
[['stepanyan-appeal-to-icrc', ['speaker'], ['addressee']]]
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from kgraph.annotations.vocabulary import ACTOR_TYPES, NOT_YET
from kgraph.export.actor_links import actor_links
from kgraph.export.claims import SUMMARIES, figure_entries, stance_summary, states
from kgraph.export.explorer_details import _text
from kgraph.export.layout import layout
from kgraph.export.mapdata import map_data
from kgraph.export.prepare import edge_id, keyed_edges, label_of, node_token
from kgraph.export.short_labels import short_date, short_label
from kgraph.export.style import EDGE_COLORS, EVENT_LINK, NODE_COLORS, edge_color, hex_color, node_style, type_colors
from kgraph.export.timeline_bulk import BULK
from kgraph.graph.attributes import DATE_ATTRIBUTES, DATE_BOUNDS, IDENTITY_ATTRIBUTES
from kgraph.values import json_ready

#: Graphs with more nodes than this get positions from Python and no physics.
LAYOUT_THRESHOLD = 1000
#: Graphs with more edges than this draw no edge labels.
EDGE_LABEL_THRESHOLD = 400
#: Graphs with more nodes than this are drawn at a level of detail (the page's part "detail"): at first the most
#: connected actors and the events that join two of them, then the neighbourhood (up to ``neighbours`` of each
#: kind) of whatever is selected or searched.
DETAIL_THRESHOLD = 5000
DETAIL = {"actors": 150, "events": 600, "neighbours": 25}

_SHAPES = {"disc": "dot", "square": "square", "triangle": "triangle", "diamond": "diamond"}
_CSS_SHAPES = {"dot": "dot", "square": "square", "triangle": "triangle", "diamond": "diamond", "hexagon": "hexagon"}
#: In the explorer an event is a hexagon, so that it is not taken for an organization (a square).
_EVENT_SHAPE = "hexagon"

#: The kinds the explorer treats in their own way: events are dated, filtered by type and laid out on the
#: timeline; participation and relation edges are filtered by type (role, relation), relations drawn thicker.
EVENT, PARTICIPATION, RELATION, PLACE = "event", "participation", "relation", "place"
#: Edge kinds: an event at its place, a place within another.
LOCATION, PART_OF = "location", "part_of"
_KIND_NAMES = ("event", "relation", "participation", "place", "location", "partOf")
#: The graph attributes the side panel shows in its own way (or leaves out, as kind and type, shown as badges);
#: it lists every other attribute under its own name. The page gets them as ``data.fields``.
PANEL_FIELDS: dict[str, tuple[str, ...]] = {
    "node": (
        *IDENTITY_ATTRIBUTES,
        *DATE_ATTRIBUTES,
        "status",
        "acled_event_type",
        "acled_sub_event_type",
        "cameo",
        "date_basis",
        "date_note",
        "place",
        "part_of",
        "description",
        "aliases",
        "external_ids",
        "lat",
        "lon",
        "notes",
        "sources",
        "participants",
        "figures",
        "history",
        "evidence",
    ),
    "edge": (*IDENTITY_ATTRIBUTES, "role", *DATE_ATTRIBUTES, "description", "note", "symmetric", "evidence"),
}
#: The filter groups, in the order the sidebar shows them: each hides the nodes or edges (of one kind, or of any)
#: whose attribute has an unticked value. Their values are found in the graph.
FILTER_GROUPS: tuple[dict[str, str | None], ...] = (
    {"name": "kind", "title": "Entities", "items": "nodes", "kind": None, "attribute": "kind"},
    {"name": "type", "title": "Event types", "items": "nodes", "kind": EVENT, "attribute": "type"},
    {"name": "role", "title": "Roles", "items": "edges", "kind": PARTICIPATION, "attribute": "type"},
    {"name": "relation", "title": "Relations", "items": "edges", "kind": RELATION, "attribute": "type"},
)


def _bounds(data: dict[str, Any]) -> list[str | None]:
    return [data.get(k) if isinstance(data.get(k), str) else None for k in DATE_BOUNDS]


def _darker(rgb: tuple[int, int, int]) -> str:
    return hex_color((int(rgb[0] * 0.7), int(rgb[1] * 0.7), int(rgb[2] * 0.7)))


def _options(directed: bool, big: bool) -> dict[str, Any]:
    from pyvis.network import Network

    net = Network(directed=directed)
    if big:
        net.toggle_physics(False)
    else:
        net.barnes_hut(
            gravity=-6000, central_gravity=0.25, spring_length=130, spring_strength=0.04, damping=0.3, overlap=1
        )
    options: dict[str, Any] = json.loads(net.options.to_json())
    if not big:
        options["physics"]["stabilization"] = {"enabled": True, "iterations": 400, "fit": True, "updateInterval": 50}
    options["edges"]["smooth"] = False if big else {"enabled": True, "type": "continuous", "roundness": 0.3}
    options["interaction"].update(hover=not big, hideEdgesOnDrag=big, tooltipDelay=300, multiselect=False)
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    return options


def _filters(**values: list[str]) -> list[dict[str, Any]]:
    return [{**group, "values": values[str(group["name"])]} for group in FILTER_GROUPS]


def explorer_data(graph: nx.Graph) -> dict[str, Any]:
    """Everything the explorer page shows, as JSON-ready data, built in one pass over the graph."""
    big = graph.number_of_nodes() > LAYOUT_THRESHOLD
    degree = dict(graph.degree())
    initial = _first_drawn(graph, degree) if graph.number_of_nodes() > DETAIL_THRESHOLD else None
    positions = layout(_induced(graph, initial)) if initial is not None else layout(graph) if big else {}
    nodes: list[dict[str, Any]] = []
    kinds: dict[str, str] = {}
    types: set[str] = set()
    for node, data in graph.nodes(data=True):
        kind = str(data.get("kind") or "other")
        style = node_style(kind, degree[node])
        aliases = data.get("aliases") if isinstance(data.get("aliases"), list) else []
        label = label_of(data.get("label"), node)
        short, when = _event_labels(data, kind) if kind == EVENT else (label, "")
        item: dict[str, Any] = {
            "id": str(node),
            "label": label,
            "short": short,
            "when": when,
            "degree": degree[node],
            "kind": kind,
            "type": str(data.get("type") or kind),
            "color": hex_color(style.color),
            "border": _darker(style.color),
            "shape": _EVENT_SHAPE if kind == EVENT else _SHAPES.get(style.shape, "dot"),
            "size": style.size,
            "t": _bounds(data),
            "uncertain": "~" in str(data.get("date", "")) or "?" in str(data.get("date", "")),
            "names": [label, *(str(a.get("name")) for a in aliases if isinstance(a, dict) and a.get("name"))],
            "details": json_ready(data, keep_none=False),
        }
        if kind == EVENT and data.get("status") in NOT_YET:
            item["notYet"] = True  # drawn hollow: it had not happened when it was reported
        _claims(item, data)
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
        kinds.setdefault(kind, item["shape"])
        if kind == EVENT:
            types.add(item["type"])
    colors = _color_events(nodes, types)
    edges, edge_kinds, roles, relations = [], [], set(), set()
    used: set[str] = set()
    ids: dict[tuple[Any, Any, Any], str] = {}
    events = {n for n, d in graph.nodes(data=True) if d.get("kind") == EVENT}
    for u, v, key, data in keyed_edges(graph):
        kind = str(data.get("kind") or "other")
        identifier = edge_id(node_token(u), node_token(v), key, used)
        ids[u, v, key] = identifier
        edge_type = str(data.get("type") or kind)
        link = kind == RELATION and u in events and v in events
        edge: dict[str, Any] = {
            "id": identifier,
            "from": str(u),
            "to": str(v),
            "kind": kind,
            "type": edge_type,
            "label": str(data.get("label") or edge_type),
            "color": hex_color(edge_color(EVENT_LINK if link else kind)),
            "t": _bounds(data),
            "details": json_ready(data, keep_none=False),
        }
        if link:
            edge["link"] = True
        if kind != PARTICIPATION:  # a participation carries its event's evidence: the event's node says how it stands
            _claims(edge, data)
        edges.append(edge)
        if (EVENT_LINK if link else kind) not in edge_kinds:
            edge_kinds.append(EVENT_LINK if link else kind)
        if kind == PARTICIPATION:
            roles.add(edge_type)
        elif kind == RELATION:
            relations.add(edge_type)
    return {
        "nodes": nodes,
        "edges": edges,
        "links": actor_links(graph, ids),
        **frame(graph, kinds, types, edge_kinds, roles, relations),
        "edgeLabels": len(edges) <= EDGE_LABEL_THRESHOLD,
        "typeColors": colors,
        "options": _options(graph.is_directed(), big),
        **({"detail": {**DETAIL, "initial": [str(n) for n in initial]}} if initial is not None else {}),
    }


def frame(
    graph: nx.Graph, kinds: dict[str, str], types: set[str], edge_kinds: list[str], roles: set[str], relations: set[str]
) -> dict[str, Any]:
    """What the page's data says besides its nodes, edges and links: the legend (``kinds``: each node kind's shape),
    the filters, the panel's fields, the names of kinds, the map."""
    sources = graph.graph.get("sources")
    order = list(NODE_COLORS)
    return {
        "directed": graph.is_directed(),
        "sources": json_ready(sources, keep_none=False) if isinstance(sources, dict) else {},
        "legend": {
            "nodes": [
                {"name": k, "color": hex_color(NODE_COLORS.get(k, (136, 136, 136))), "shape": _CSS_SHAPES[s]}
                for k, s in sorted(kinds.items(), key=lambda i: (order.index(i[0]) if i[0] in order else 99, i[0]))
            ],
            "edges": [
                {"name": k.replace("_", " "), "color": hex_color(edge_color(k))}
                for k in sorted(edge_kinds, key=lambda k: (list(EDGE_COLORS).index(k) if k in EDGE_COLORS else 99, k))
            ],
        },
        "filters": _filters(
            kind=sorted(k for k in kinds if k != EVENT),
            type=sorted(types),
            role=sorted(roles),
            relation=sorted(relations),
        ),
        "fields": {items: list(names) for items, names in PANEL_FIELDS.items()},
        "summaries": SUMMARIES,
        "bulk": BULK,
        "kinds": dict(zip(_KIND_NAMES, (EVENT, RELATION, PARTICIPATION, PLACE, LOCATION, PART_OF), strict=True)),
        "actorKinds": list(ACTOR_TYPES),
        "map": map_data(graph),
    }


def _induced(graph: nx.Graph, nodes: list[Any]) -> nx.MultiGraph:
    """The graph ``nodes`` induce, in their order: networkx's own subgraph view would iterate a set of them, whose
    order changes with the hash seed, and so would the layout."""
    chosen = set(nodes)
    induced = nx.MultiGraph()
    induced.add_nodes_from(nodes)
    induced.add_edges_from((u, v) for u, v in graph.edges(nodes) if v in chosen)
    return induced


def _first_drawn(graph: nx.Graph, degree: dict[Any, int]) -> list[Any]:
    """What a large graph's page draws first: its most connected actors, then the most connected events that two
    or more of them take part in (ties by id)."""
    rank = lambda n: (-degree[n], str(n))  # noqa: E731
    kinds = {n: d.get("kind") for n, d in graph.nodes(data=True)}
    actors = sorted((n for n, k in kinds.items() if k in ACTOR_TYPES), key=rank)[: DETAIL["actors"]]
    core = set(actors)
    members: dict[Any, set[Any]] = {}
    for u, v, data in graph.out_edges(actors, data=True) if graph.is_directed() else graph.edges(data=True):
        if data.get("kind") == PARTICIPATION and u in core and kinds.get(v) == EVENT:
            members.setdefault(v, set()).add(u)
    joining = sorted((e for e, who in members.items() if len(who) >= 2), key=rank)[: DETAIL["events"]]
    return actors + joining


def _event_labels(data: dict[str, Any], kind: str) -> tuple[str, str]:
    """An event's short label (its status if not yet happened, type and date) and its date alone, as said briefly."""
    first, last = _bounds(data)[:2]
    date, precision = _text(data.get("date")), _text(data.get("precision"))
    short = short_label(str(data.get("type") or kind), date, first, last, precision, _text(data.get("status")))
    return short, short_date(date, first, last, precision)


def _color_events(nodes: list[dict[str, Any]], types: set[str]) -> dict[str, str]:
    """Gives each event node its type's colour (as on the timeline and in the filters); returns the colours."""
    colors = type_colors(sorted(types))
    for item in nodes:
        if item["kind"] == EVENT:
            code = colors[item["type"]]
            item["color"] = code
            item["border"] = _darker((int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16)))
    return colors


def _claims(item: dict[str, Any], data: dict[str, Any]) -> None:
    """What the page shows of a node's or edge's claims: how its evidence stands, its figures, its states."""
    summary = stance_summary(data.get("evidence"))
    if summary:
        item["stance"] = summary
    if data.get("figures"):
        item["figures"] = figure_entries(data["figures"])
    if data.get("history"):
        item["states"] = states(data["history"])
