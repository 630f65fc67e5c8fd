"""The :class:`KnowledgeGraph` facade: a corpus, its graph, and every query and export, from one object.

The graph's shape is described in :mod:`kgraph.graph.build`; the queries live in :mod:`kgraph.query`, each a
function of the graph's :class:`~kgraph.graph.index.Index`, and this class only hands them over.

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> kg.graph.nodes["shusha"]["label"], kg.graph.nodes["shusha"]["type"]
('Shusha', 'town')
>>> kg.graph.edges["gegham-stepanyan", "stepanyan-appeal-to-icrc", "speaker"]["kind"]
'participation'
"""

from __future__ import annotations

import os
import warnings
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

from kgraph.corpus.corpus import Corpus
from kgraph.graph.build import build_graph
from kgraph.graph.index import Index
from kgraph.graph.restore import corpus_from_graph

if TYPE_CHECKING:
    from kgraph.annotations.models import Event
    from kgraph.graph.windows import WindowLike
    from kgraph.query.results import Community, Connection, Link, Path, Ranked, Results, Row, TimelineEntry


class KnowledgeGraph:
    """A corpus as a graph, with queries for connections, paths, evidence, events, timelines and rankings."""

    def __init__(self, corpus: Corpus, graph: nx.MultiDiGraph | None = None):
        from kgraph.perf import collector_paused

        self.corpus = corpus
        with collector_paused():
            self.graph: nx.MultiDiGraph = build_graph(corpus) if graph is None else graph

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph) -> KnowledgeGraph:
        """A KnowledgeGraph around a graph kgraph built, such as one read back from ``graph.json``."""
        return cls(corpus_from_graph(graph), graph)

    @classmethod
    def read_json(cls, path: str | os.PathLike[str]) -> KnowledgeGraph:
        """Read a ``graph.json`` file kgraph wrote back into an equal KnowledgeGraph.

        A file that is not one is a :class:`~kgraph.export.nodelink.GraphFileError` naming it.

        >>> kg = KnowledgeGraph.read_json("exports/graph.json")
        >>> kg.why("Stepanyan", "ICRC")[0].evidence[1].claimed_by
        ('gegham-stepanyan',)
        """
        from kgraph.export.nodelink import read_graph, restoring

        graph = read_graph(path)
        with restoring(path):
            return cls.from_graph(graph)

    @classmethod
    def from_json(cls, text: str) -> KnowledgeGraph:
        """A KnowledgeGraph from the ``graph.json`` text kgraph wrote, equal to the one it was written from."""
        from kgraph.export.nodelink import graph_from_json, restoring

        graph = graph_from_json(text)
        with restoring():
            return cls.from_graph(graph)

    @classmethod
    def load(cls, path: str | os.PathLike[str], progress: bool = False) -> KnowledgeGraph:
        """Load and validate the corpus at ``path``, and build its graph."""
        from kgraph.corpus.loader import load

        return cls(load(path, progress))

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges>"

    def resolve(self, name: str) -> str:
        """The id of the entity or event with this id, name or alias; raises NotFoundError with suggestions."""
        return self.index.resolve(name)

    @cached_property
    def index(self) -> Index:
        """Lookup tables the queries share, built on first use."""
        return Index(self.corpus, self.graph)

    def connections(
        self,
        entity: str,
        depth: int = 1,
        via: str = "both",
        during: WindowLike | None = None,
        roles: list[str] | None = None,
    ) -> Results[Connection]:
        """Who is connected to ``entity``, up to ``depth`` links away, through relations, events or both.

        >>> kg = KnowledgeGraph.load("seeds")
        >>> [(c.name, c.link.label) for c in kg.connections("Gegham Stepanyan", via="events") if c.kind == "organization"]
        [('International Committee of the Red Cross', 'Stepanyan urges the ICRC to sound the alarm of genocide')]
        """
        from kgraph.query.links import connections

        return connections(self.index, entity, depth, via, during, roles)

    def why(self, a: str, b: str) -> Results[Link]:
        """The direct links between ``a`` and ``b``, each with its evidence, quote by quote.

        >>> kg = KnowledgeGraph.load("seeds")
        >>> [(e.quote, e.claimed_by) for link in kg.why("Stepanyan", "ICRC") for e in link.evidence][1]
        ('sound the alarm of danger and genocide.', 'gegham-stepanyan')
        """
        from kgraph.query.links import why

        return why(self.index, a, b)

    def path(self, a: str, b: str, via: str = "both") -> Path | None:
        """A shortest chain of entities and events from ``a`` to ``b``, or None when they are not connected.

        >>> print(KnowledgeGraph.load("seeds").path("Shushi", "Stepanakert"))
        Shusha <-[passes through]- Stepanakert–Armenia road -[connects]-> Stepanakert
        """
        from kgraph.query.paths import shortest_path

        return shortest_path(self.index, a, b, via)

    def paths(
        self,
        a: str,
        b: str,
        cutoff: int = 4,
        limit: int | None = 50,
        via: str = "both",
        timeout: float | None = 10.0,
    ) -> Results[Path]:
        """Every simple path from ``a`` to ``b`` of at most ``cutoff`` edges (shortest first, at most ``limit``).

        The search stops after ``limit`` paths or ``timeout`` seconds (None: no bound); ``truncated`` on the
        result then says why.

        >>> paths = KnowledgeGraph.load("seeds").paths("Harutyunyan", "Osipyan", cutoff=6, limit=2)
        >>> len(paths), paths.truncated
        (2, 'stopped after 2 paths')
        """
        from kgraph.query.paths import all_paths

        return all_paths(self.index, a, b, cutoff, limit, via, timeout)

    def events(
        self,
        involving: str | list[str] | None = None,
        at: str | None = None,
        type: str | list[str] | None = None,
        status: str | list[str] | None = None,
        during: WindowLike | None = None,
    ) -> Results[Event]:
        """Events matching every filter given, in chronological order; ``at`` (a place) includes places inside it.

        >>> [e.id for e in KnowledgeGraph.load("seeds").events(at="Stepanakert", type="protest")]
        ['stepanakert-rally', 'planned-gathering']
        """
        from kgraph.query.events import events

        return events(self.index, involving, at, type, status, during)

    def timeline(self, entity: str | None = None, during: WindowLike | None = None) -> Results[TimelineEntry]:
        """Events in chronological order (see :mod:`kgraph.query.timeline` for the order rule), optionally of one entity."""
        from kgraph.query.timeline import timeline

        return timeline(self.index, entity, during)

    def actor_network(self, during: WindowLike | None = None, roles: list[str] | None = None) -> nx.Graph:
        """Actors linked by the events they share: edge ``weight`` is their number, ``events`` their ids."""
        from kgraph.query.events import actor_network

        return actor_network(self.index, during, roles)

    def snapshot(self, during: WindowLike) -> nx.MultiDiGraph:
        """The subgraph of what holds in a time window: its events, their participants and places, and the relations valid then."""
        from kgraph.query.events import snapshot

        return snapshot(self.index, during)

    def centrality(
        self, measure: str = "degree", during: WindowLike | None = None, top: int | None = None
    ) -> Results[Ranked]:
        """Actors ranked by ``degree`` or ``betweenness`` centrality in the actor network."""
        from kgraph.query.rankings import centrality

        return centrality(self.index, measure, during, top)

    def communities(self, during: WindowLike | None = None, top: int | None = None) -> Results[Community]:
        """Groups of actors more linked with each other than with the rest (Louvain, fixed seed), largest first.

        >>> [(c.rank, c.size) for c in KnowledgeGraph.load("seeds").communities(top=2)]
        [(1, 6), (2, 3)]
        """
        from kgraph.query.rankings import communities

        return communities(self.index, during, top)

    def write(self, format: str, path: str | os.PathLike[str]) -> None:
        """Write one export of this graph (a format of :data:`kgraph.export.FORMATS`: ``graphml``, ``gexf``, ``json``,
        ``timelinejs``, ``html``) to ``path``, whole or not at all, never over a file the corpus was read from."""
        from pathlib import Path

        from kgraph.export import render
        from kgraph.output import write_bytes

        write_bytes(Path(path), render(self.graph, format), self.corpus.inputs)

    def to_html(self, path: str | os.PathLike[str], title: str = "kgraph explorer") -> None:
        """Write the interactive explorer of this graph to ``path``: one HTML file that works offline."""
        from pathlib import Path

        from kgraph.export.html import to_html
        from kgraph.output import write_text

        write_text(Path(path), to_html(self.graph, title), self.corpus.inputs)

    def show(self, height: int = 700, title: str = "kgraph explorer") -> object:
        """Display the explorer inline in a Jupyter notebook (needs IPython)."""
        from html import escape

        from IPython import display

        from kgraph.export.html import to_html

        page = escape(to_html(self.graph, title), quote=True)
        # IPython suggests IFrame instead, which needs a URL; srcdoc keeps the whole page inside the notebook.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            html: object = display.HTML(
                f'<iframe srcdoc="{page}" style="width:100%;height:{int(height)}px;border:0" '
                f'sandbox="allow-scripts" title="{escape(title)}"></iframe>'
            )
        return html

    def cypher(self, query: str, limit: int | None = 1000, timeout: float | None = 10.0) -> Results[Row]:
        """Run a Cypher query over the graph with grand-cypher; see :mod:`kgraph.query.cypher` for labels and examples.

        The result is a list of rows, each a dict from a returned name to its value: at most ``limit`` rows,
        within ``timeout`` seconds (None: no bound); ``truncated`` on the result says when rows were left out.
        """
        from kgraph.query.cypher import run

        return run(self.index, query, limit, timeout)
