"""``graph.html``: the interactive explorer, one self-contained file that works offline.

The page inlines vis-network from the installed pyvis package and kgraph's
own template, script and styles; vis-network's options come from pyvis.
Nothing is fetched: a Content-Security-Policy allows no connection, font or
frame, and only the page's own scripts (by hash). Annotation text travels as
JSON in a non-executed ``<script type="application/json">`` block, escaped so
it cannot close it, and the page only ever sets it as text. The data is built
in one pass over the graph, which is never modified.

The side panel shows each quote's stance (a denial or a dispute marked with a word and a colour of its
own), its claimants and the chain that relays them, figures with who claims them, and an event's status
history; the timeline draws an event's earlier states where their dates put them. What the page needs of
these is worked out in :mod:`kgraph.export.claims`. Relations between two events (causes, confirms, ...)
are drawn in a colour of their own, and a node or relation whose quotes deny or dispute it is dashed and
says so in its label.

Above :data:`LAYOUT_THRESHOLD` nodes, positions are computed here (a radial
layout of each connected component, in linear time) and physics is off, so
large graphs draw at once.

>>> import kgraph
>>> page = to_html(kgraph.KnowledgeGraph.load("seeds").graph)
>>> page.startswith("<!DOCTYPE html>"), "https://" in page.split("<script>")[0]
(True, False)
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from typing import Any

import networkx as nx

from kgraph.export.claims import SUMMARIES, figure_entries, stance_summary, states
from kgraph.export.layout import layout
from kgraph.export.prepare import edge_id, keyed_edges, label_of, node_token
from kgraph.export.style import EDGE_COLORS, EVENT_LINK, NODE_COLORS, edge_color, hex_color, node_style
from kgraph.graph.attributes import DATE_ATTRIBUTES, DATE_BOUNDS, IDENTITY_ATTRIBUTES
from kgraph.values import json_ready

#: Graphs with more nodes than this get positions from Python and no physics.
LAYOUT_THRESHOLD = 1000
#: Graphs with more edges than this draw no edge labels.
EDGE_LABEL_THRESHOLD = 400

_SHAPES = {"disc": "dot", "square": "square", "triangle": "triangle", "diamond": "diamond"}
_CSS_SHAPES = {"dot": "dot", "square": "square", "triangle": "triangle", "diamond": "diamond"}

#: The kinds the explorer treats in their own way: events are dated, filtered by type and laid out on the
#: timeline; participation and relation edges are filtered by type (role, relation), relations drawn thicker.
EVENT, PARTICIPATION, RELATION = "event", "participation", "relation"
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


def _template(name: str) -> str:
    return resources.files("kgraph").joinpath("templates", name).read_text(encoding="utf-8")


def _vis_network_js() -> str:
    import pyvis

    return resources.files(pyvis).joinpath("lib", "vis-9.1.2", "vis-network.min.js").read_text(encoding="utf-8")


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
            gravity=-3000, central_gravity=0.5, spring_length=90, spring_strength=0.05, damping=0.25, overlap=0.3
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
    positions = layout(graph) if big else {}
    degree = dict(graph.degree())
    nodes: list[dict[str, Any]] = []
    kinds: dict[str, str] = {}
    types: set[str] = set()
    for node, data in graph.nodes(data=True):
        kind = str(data.get("kind") or "other")
        style = node_style(kind, degree[node])
        aliases = data.get("aliases") if isinstance(data.get("aliases"), list) else []
        label = label_of(data.get("label"), node)
        item: dict[str, Any] = {
            "id": str(node),
            "label": label,
            "kind": kind,
            "type": str(data.get("type") or kind),
            "color": hex_color(style.color),
            "border": _darker(style.color),
            "shape": _SHAPES.get(style.shape, "dot"),
            "size": style.size,
            "t": _bounds(data),
            "uncertain": "~" in str(data.get("date", "")) or "?" in str(data.get("date", "")),
            "names": [label, *(str(a.get("name")) for a in aliases if isinstance(a, dict) and a.get("name"))],
            "details": json_ready(data, keep_none=False),
        }
        _claims(item, data)
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
        kinds.setdefault(kind, item["shape"])
        if kind == EVENT:
            types.add(item["type"])
    edges, edge_kinds, roles, relations = [], [], set(), set()
    used: set[str] = set()
    events = {n for n, d in graph.nodes(data=True) if d.get("kind") == EVENT}
    for u, v, key, data in keyed_edges(graph):
        kind = str(data.get("kind") or "other")
        identifier = edge_id(node_token(u), node_token(v), key, used)
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
    sources = graph.graph.get("sources")
    order = list(NODE_COLORS)
    return {
        "nodes": nodes,
        "edges": edges,
        "directed": graph.is_directed(),
        "edgeLabels": len(edges) <= EDGE_LABEL_THRESHOLD,
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
        "kinds": {"event": EVENT, "relation": RELATION},
        "options": _options(graph.is_directed(), big),
    }


def _claims(item: dict[str, Any], data: dict[str, Any]) -> None:
    """What the page shows of a node's or edge's claims: how its evidence stands, its figures, its states."""
    summary = stance_summary(data.get("evidence"))
    if summary:
        item["stance"] = summary
    if data.get("figures"):
        item["figures"] = figure_entries(data["figures"])
    if data.get("history"):
        item["states"] = states(data["history"])


def _script_json(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def to_html(graph: nx.Graph, title: str = "kgraph explorer") -> str:
    """The explorer page for ``graph``, as one HTML document."""
    from jinja2 import Environment
    from markupsafe import Markup

    vis_js, app_js, css = _vis_network_js(), _template("explorer.js"), _template("explorer.css")
    for name, text in (("vis-network", vis_js), ("explorer.js", app_js)):
        if "</script" in text.lower():
            raise ValueError(f"{name} contains '</script' and cannot be inlined")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    page = env.from_string(_template("explorer.html")).render(
        title=title,
        css=Markup(css),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        data_json=Markup(_script_json(explorer_data(graph))),
        script_hashes=f"{_hash(vis_js)} {_hash(app_js)}",
        style_hashes=_hash(css),
    )
    return page
