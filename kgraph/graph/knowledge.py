"""The :class:`KnowledgeGraph` facade: a corpus, its graph, and every query and export, from one object.

The graph's shape is described in :mod:`kgraph.graph.build`; the queries live in :mod:`kgraph.query`, each a
function of the graph's :class:`~kgraph.graph.index.Index`, and this class only hands them over. Every query
takes ``as_of=DAY`` (a date, or ISO text): it then answers on the graph as known from the sources published by
that day (:meth:`KnowledgeGraph.as_of`).

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
from datetime import date
from functools import cached_property

import networkx as nx

from kgraph.corpus.corpus import Corpus
from kgraph.graph.build import build_graph
from kgraph.graph.index import Index
from kgraph.graph.restore import corpus_from_graph
from kgraph.query.facade import Queries

#: How many graphs as of a day a KnowledgeGraph keeps (days with the same sources share one).
_KEEP_AS_OF = 8


class KnowledgeGraph(Queries):
    """A corpus as a graph, with queries for connections, paths, evidence, events, timelines, rankings, disputes,
    claims and figures (the methods of :class:`~kgraph.query.facade.Queries`), and its exports."""

    def __init__(self, corpus: Corpus, graph: nx.MultiDiGraph | None = None):
        from kgraph.perf import collector_paused

        self.corpus = corpus
        with collector_paused():
            self.graph: nx.MultiDiGraph = build_graph(corpus) if graph is None else graph
        self._known: dict[frozenset[str], KnowledgeGraph] = {}  # by the sources known: the last few asked for

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
    def load(cls, path: str | os.PathLike[str], progress: bool = False, cache: bool = False) -> KnowledgeGraph:
        """Load and validate the corpus at ``path``, and build its graph; ``cache``: files that have not changed
        since the last reading are not validated again (see :func:`kgraph.corpus.loader.read`)."""
        from kgraph.corpus.loader import load

        return cls(load(path, progress, cache=cache))

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges>"

    def resolve(self, name: str) -> str:
        """The id of the entity or event with this id, name or alias; raises NotFoundError with suggestions."""
        return self.index.resolve(name)

    def how_named(self, name: str) -> str | None:
        """What ``name`` is read as, when an alias or a name without accents (see :meth:`Index.how_named`).

        >>> KnowledgeGraph.load("seeds").how_named("Republic of Artsakh")
        "'Republic of Artsakh' is read as Artsakh Republic (artsakh-republic), by its alias"
        """
        return self.index.how_named(name)

    @cached_property
    def index(self) -> Index:
        """Lookup tables the queries share, built on first use."""
        return Index(self.corpus, self.graph)

    def as_of(self, day: date | str) -> KnowledgeGraph:
        """The graph as known from the sources published by ``day`` (a date or ISO text), made once per day.

        >>> kg = KnowledgeGraph.load("seeds")
        >>> len(kg.as_of("2020-10-30").corpus.sources), kg.as_of("2020-10-30") is kg.as_of(date(2020, 10, 30))
        (1, True)
        """
        from kgraph.corpus.asof import day_of, known_sources

        when = day_of(day)
        key = known_sources(self.corpus.sources, when)
        found = self._known.pop(key, None) or KnowledgeGraph(self.corpus.as_of(when))
        self._known[key] = found  # the most recently used last; the oldest goes when there are too many
        while len(self._known) > _KEEP_AS_OF:
            del self._known[next(iter(self._known))]
        return found

    def _at(self, as_of: date | str | None) -> Index:
        """The index of this graph, or of the graph as known on ``as_of``."""
        return self.index if as_of is None else self.as_of(as_of).index

    def write(self, format: str, path: str | os.PathLike[str]) -> None:
        """Write one export of this graph (a format of :data:`kgraph.export.FORMATS`: ``graphml``, ``gexf``, ``json``,
        ``timelinejs``, ``html``, ``cypher``, ``xlsx``, ``acled``) to ``path``, whole or not at all, never over a file
        the corpus was read from; GraphML and GEXF element by element, never whole in memory. A folder format
        (``neo4j``, ``csv``) writes its files into folder ``path``, replaced as one set."""
        from pathlib import Path

        from kgraph.export import FOLDERS, export, export_folder

        if format in FOLDERS:
            export_folder(self.graph, format, path, self.corpus.inputs)
        else:
            export(self.graph, format, Path(path), self.corpus.inputs)

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
