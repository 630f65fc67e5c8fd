"""The choices query arguments take, in a module that imports nothing.

The query modules check their arguments against these (:data:`kgraph.query.links.VIA`,
:data:`kgraph.query.rankings.MEASURES` are these tuples), and the command line offers them as its
``--via`` and ``--by`` choices without loading the graph stack (networkx, pydantic) to print its help.
"""

#: Which links a search may follow: relations, shared events, or both.
VIA = ("both", "relations", "events")
#: The centrality measures :func:`kgraph.query.rankings.centrality` ranks actors by.
MEASURES = ("degree", "betweenness")
