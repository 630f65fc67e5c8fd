"""GEXF 1.3 with time, for Gephi and Gephi Lite.

The graph is dynamic: nodes and edges have ``start`` and ``end`` days (ISO
dates, ``timeformat="date"``) from their face-value date bounds, left out
where a bound is open, so Gephi's Timeline can play the story. Entities
without dates are present throughout. Each edge's ``kind`` is its role or
relation type, so parallel edges of different types between the same pair
are kept apart when Gephi merges parallel edges. Colours, sizes and shapes
are written as ``viz:`` elements, and ``lastmodifieddate`` comes from the
corpus (its latest publication date), so output is the same every time.

>>> import kgraph
>>> text = to_gexf(kgraph.KnowledgeGraph.load("seeds").graph)
>>> '<graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">' in text
True
"""

from __future__ import annotations

import networkx as nx

from kgraph.export.flatten import Scalar
from kgraph.export.prepare import Prepared, prepare, xml_escape, xml_value

_NOT_DATA = {"label"}  # written as the element's own attribute


def _attvalues(attributes: dict[str, Scalar]) -> list[str]:
    """The ``<attvalues>`` line of a node or edge, if it has data: values are XML attributes, escaped as such."""
    values = [
        f'<attvalue for="{n}" value="{xml_value(v, attribute=True)}"/>'
        for n, v in attributes.items()
        if n not in _NOT_DATA
    ]
    return ["        <attvalues>" + "".join(values) + "</attvalues>"] if values else []


def _time(start: str | None, end: str | None) -> str:
    return (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")


def to_gexf(graph: nx.Graph, prepared: Prepared | None = None) -> str:
    """The graph as GEXF 1.3 text."""
    p = prepared or prepare(graph)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
        f'  <meta lastmodifieddate="{p.last_modified}">',
        "    <creator>kgraph</creator>",
    ]
    if p.description:
        out.append(f"    <description>{xml_escape(p.description)}</description>")
    out.append("  </meta>")
    direction = "directed" if p.directed else "undirected"
    out.append(
        f'  <graph defaultedgetype="{direction}" mode="dynamic" timeformat="date" timerepresentation="interval">'
    )
    for domain, names in (("node", p.node_names), ("edge", p.edge_names)):
        out.append(f'    <attributes class="{domain}" mode="static">')
        for name in names:
            if name not in _NOT_DATA:
                out.append(f'      <attribute id="{name}" title="{name}" type="{p.types[name]}"/>')
        out.append("    </attributes>")
    out.append(f'    <nodes count="{len(p.nodes)}">')
    for node in p.nodes:
        out.append(
            f'      <node id="{xml_escape(node.id, True)}" label="{xml_escape(node.label, True)}"{_time(node.start, node.end)}>'
        )
        out.extend(_attvalues(node.attributes))
        r, g, b = node.style.color
        out.append(
            f'        <viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{node.style.size!r}"/>'
            f'<viz:shape value="{node.style.shape}"/>'
        )
        out.append("      </node>")
    out.append("    </nodes>")
    out.append(f'    <edges count="{len(p.edges)}">')
    for edge in p.edges:
        out.append(
            f'      <edge id="{xml_escape(edge.id, True)}" source="{xml_escape(edge.source, True)}"'
            f' target="{xml_escape(edge.target, True)}" label="{xml_escape(edge.label, True)}"'
            f' kind="{xml_escape(edge.kind, True)}" weight="{edge.weight!r}"{_time(edge.start, edge.end)}>'
        )
        out.extend(_attvalues(edge.attributes))
        r, g, b = edge.color
        out.append(f'        <viz:color r="{r}" g="{g}" b="{b}"/>')
        out.append("      </edge>")
    out.append("    </edges>")
    out.append("  </graph>")
    out.append("</gexf>")
    return "\n".join(out) + "\n"
