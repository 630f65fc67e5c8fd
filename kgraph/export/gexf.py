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

import io

import networkx as nx

from kgraph.export.flatten import Scalar
from kgraph.export.prepare import Edge, Node, Prepared, prepare, xml_escape, xml_value
from kgraph.export.xmlstream import Writable, XmlParts, write_xml

_NOT_DATA = {"label"}  # written as the element's own attribute


def write_gexf(graph: nx.Graph, handle: Writable, prepared: Prepared | None = None) -> None:
    """Write the graph as GEXF 1.3 (UTF-8) into binary file ``handle``, element by element, never whole in memory.

    >>> import io, kgraph
    >>> handle = io.BytesIO()
    >>> write_gexf(kgraph.KnowledgeGraph.load("seeds").graph, handle)
    >>> handle.getvalue().endswith(b"    </edges>\\n  </graph>\\n</gexf>\\n")
    True
    """
    write_xml(prepared or prepare(graph), [(GEXF, handle)])


def to_gexf(graph: nx.Graph, prepared: Prepared | None = None) -> str:
    """The graph as GEXF 1.3 text (what :func:`write_gexf` writes)."""
    handle = io.BytesIO()
    write_gexf(graph, handle, prepared)
    return handle.getvalue().decode("utf-8")


def _attvalues(attributes: dict[str, Scalar]) -> str:
    """The ``<attvalues>`` line of a node or edge, if it has data: values are XML attributes, escaped as such."""
    values = [
        f'<attvalue for="{n}" value="{xml_value(v, attribute=True)}"/>'
        for n, v in attributes.items()
        if n not in _NOT_DATA
    ]
    return "        <attvalues>" + "".join(values) + "</attvalues>\n" if values else ""


def _time(start: str | None, end: str | None) -> str:
    return (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")


def _head(p: Prepared) -> str:
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
    return "\n".join(out) + "\n"


def _node(node: Node) -> str:
    r, g, b = node.style.color
    return (
        f'      <node id="{xml_escape(node.id, True)}" label="{xml_escape(node.label, True)}"'
        f"{_time(node.start, node.end)}>\n"
        + _attvalues(node.attributes)
        + f'        <viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{node.style.size!r}"/>'
        f'<viz:shape value="{node.style.shape}"/>\n'
        "      </node>\n"
    )


def _middle(p: Prepared) -> str:
    return f'    </nodes>\n    <edges count="{len(p.edges)}">\n'


def _edge(edge: Edge) -> str:
    r, g, b = edge.color
    return (
        f'      <edge id="{xml_escape(edge.id, True)}" source="{xml_escape(edge.source, True)}"'
        f' target="{xml_escape(edge.target, True)}" label="{xml_escape(edge.label, True)}"'
        f' kind="{xml_escape(edge.kind, True)}" weight="{edge.weight!r}"{_time(edge.start, edge.end)}>\n'
        + _attvalues(edge.attributes)
        + f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
        "      </edge>\n"
    )


#: How GEXF is written, part by part (see :func:`~kgraph.export.xmlstream.write_xml`).
GEXF = XmlParts(
    head=_head, node=_node, middle=_middle, edge=_edge, tail=lambda p: "    </edges>\n  </graph>\n</gexf>\n"
)
