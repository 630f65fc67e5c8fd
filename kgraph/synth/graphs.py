"""Generated graphs of any size with every kind of node, for the explorer's benchmarks and tests at scale.

>>> graph_of_size(100).number_of_edges() > 100
True
"""

from __future__ import annotations

import networkx as nx


def graph_of_size(nodes: int) -> nx.MultiDiGraph:
    """A generated networkx graph of ``nodes`` nodes of every kind, about 1.3 edges a node, with dates and places
    with coordinates: for the explorer at scale.

    >>> graph_of_size(100).number_of_nodes()
    100
    """
    graph = nx.MultiDiGraph()
    kinds = ["person", "organization", "group", "place", "event"]
    for i in range(nodes):
        graph.add_node(f"n{i}", kind=kinds[i % 5], label=f"Node {i}", earliest=f"20{10 + i % 14}-01-01")
        if kinds[i % 5] == "place":  # spread over a region some 7 by 4 degrees, for the map
            graph.nodes[f"n{i}"].update(lat=38 + (i * 37 % 400) / 100, lon=43 + (i * 53 % 700) / 100)
        elif kinds[i % 5] == "event":  # each event at the place generated just before it
            graph.nodes[f"n{i}"]["place"] = f"n{i - 1}"
    for i in range(1, nodes):
        graph.add_edge(f"n{i}", f"n{(i * 7919) % i}", key="link", kind="participation", type="agent", label="agent")
        if i % 3 == 0:
            graph.add_edge(
                f"n{i}", f"n{(i * 31) % nodes}", key="rel", kind="relation", type="allied_with", label="allied with"
            )
    return graph
