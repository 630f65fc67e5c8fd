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

import networkx as nx

from kgraph.export.prepare import Prepared, prepare, xml_escape, xml_value


def to_graphml(graph: nx.Graph, prepared: Prepared | None = None) -> str:
    """The graph as GraphML text."""
    p = prepared or prepare(graph)
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
    # data values are element content, escaped as such (ids are attributes)
    for node in p.nodes:
        out.append(f'    <node id="{xml_escape(node.id, True)}">')
        out.extend(
            f'      <data key="node_{name}">{xml_value(value)}</data>' for name, value in node.attributes.items()
        )
        r, g, b = node.style.color
        out.append(
            f'      <data key="node_r">{r}</data><data key="node_g">{g}</data><data key="node_b">{b}</data>'
            f'<data key="node_size">{node.style.size!r}</data>'
        )
        out.append("    </node>")
    for edge in p.edges:
        out.append(
            f'    <edge id="{xml_escape(edge.id, True)}" source="{xml_escape(edge.source, True)}"'
            f' target="{xml_escape(edge.target, True)}">'
        )
        out.extend(
            f'      <data key="edge_{name}">{xml_value(value)}</data>' for name, value in edge.attributes.items()
        )
        r, g, b = edge.color
        out.append(
            f'      <data key="edge_weight">{edge.weight!r}</data>'
            f'<data key="edge_r">{r}</data><data key="edge_g">{g}</data><data key="edge_b">{b}</data>'
        )
        out.append("    </edge>")
    out.append("  </graph>")
    out.append("</graphml>")
    return "\n".join(out) + "\n"
