"""GraphML 1.0 that Gephi, yEd, igraph and NetworkX open cleanly.

Key ids are ``node_<name>`` and ``edge_<name>``, never the ``d0``, ``d1``, ...
that Gephi reads by position as labels; every key has one type; colours are
``r``, ``g``, ``b`` integers and sizes ``size``, as Gephi reads them; every
edge has a unique id, a ``label`` and a positive ``weight``.

>>> import kgraph
>>> text = to_graphml(kgraph.KnowledgeGraph.load("seeds").graph)
>>> text.splitlines()[1][:60]
'<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns'
>>> '<key id="node_label" for="node" attr.name="label" attr.type="string"/>' in text
True
"""

from __future__ import annotations

import io

import networkx as nx

from kgraph.export.prepare import Edge, Node, Prepared, prepare, xml_escape, xml_value
from kgraph.export.xmlstream import Writable, XmlParts, write_xml


def write_graphml(graph: nx.Graph, handle: Writable, prepared: Prepared | None = None) -> None:
    """Write the graph as GraphML (UTF-8) into binary file ``handle``, element by element, never whole in memory.

    >>> import io, kgraph
    >>> handle = io.BytesIO()
    >>> write_graphml(kgraph.KnowledgeGraph.load("seeds").graph, handle)
    >>> handle.getvalue().endswith(b"  </graph>\\n</graphml>\\n")
    True
    """
    write_xml(prepared or prepare(graph), [(GRAPHML, handle)])


def to_graphml(graph: nx.Graph, prepared: Prepared | None = None) -> str:
    """The graph as GraphML text (what :func:`write_graphml` writes)."""
    handle = io.BytesIO()
    write_graphml(graph, handle, prepared)
    return handle.getvalue().decode("utf-8")


def _head(p: Prepared) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for domain, names, extra in (
        ("node", p.node_names, (("r", "int"), ("g", "int"), ("b", "int"), ("size", "double"))),
        ("edge", p.edge_names, (("weight", "double"), ("r", "int"), ("g", "int"), ("b", "int"))),
    ):
        for name in names:
            out.append(f'  <key id="{domain}_{name}" for="{domain}" attr.name="{name}" attr.type="{p.types[name]}"/>')
        for name, kind in extra:
            out.append(f'  <key id="{domain}_{name}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>')
    direction = "directed" if p.directed else "undirected"
    out.append(f'  <graph id="G" edgedefault="{direction}">')
    return "\n".join(out) + "\n"


# data values are element content, escaped as such (ids are attributes)
def _node(node: Node) -> str:
    out = [f'    <node id="{xml_escape(node.id, True)}">']
    out.extend(f'      <data key="node_{name}">{xml_value(value)}</data>' for name, value in node.attributes.items())
    r, g, b = node.style.color
    out.append(
        f'      <data key="node_r">{r}</data><data key="node_g">{g}</data><data key="node_b">{b}</data>'
        f'<data key="node_size">{node.style.size!r}</data>'
    )
    out.append("    </node>\n")
    return "\n".join(out)


def _edge(edge: Edge) -> str:
    out = [
        f'    <edge id="{xml_escape(edge.id, True)}" source="{xml_escape(edge.source, True)}"'
        f' target="{xml_escape(edge.target, True)}">'
    ]
    out.extend(f'      <data key="edge_{name}">{xml_value(value)}</data>' for name, value in edge.attributes.items())
    r, g, b = edge.color
    out.append(
        f'      <data key="edge_weight">{edge.weight!r}</data>'
        f'<data key="edge_r">{r}</data><data key="edge_g">{g}</data><data key="edge_b">{b}</data>'
    )
    out.append("    </edge>\n")
    return "\n".join(out)


#: How GraphML is written, part by part (see :func:`~kgraph.export.xmlstream.write_xml`).
GRAPHML = XmlParts(head=_head, node=_node, middle=lambda p: "", edge=_edge, tail=lambda p: "  </graph>\n</graphml>\n")
