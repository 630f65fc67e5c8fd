"""The query methods of the :class:`~kgraph.KnowledgeGraph` facade: each hands one query of :mod:`kgraph.query`
the graph's index, or the index of the graph as known on ``as_of``.

Every method takes ``as_of=DAY`` (a date, or ISO text such as ``"2020-11-10"``): the query then answers on the
graph as known from the sources published by that day (:meth:`kgraph.KnowledgeGraph.as_of`).

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> [e.id for e in kg.events(status="predicted", as_of="2020-10-30")]
['capture-of-shusha']
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.annotations.models import Event
    from kgraph.graph.index import Index
    from kgraph.graph.windows import WindowLike
    from kgraph.query.results import (
        Claim,
        Community,
        Connection,
        Dispute,
        Link,
        Path,
        Ranked,
        Results,
        Row,
        TimelineEntry,
        Total,
    )


class Queries:
    """Connections, evidence, paths, events, timelines, rankings, disputes, claims, figures and Cypher, as methods."""

    def _at(self, as_of: date | str | None) -> Index:
        """The index of this graph, or of the graph as known on ``as_of``."""
        raise NotImplementedError

    def connections(
        self,
        entity: str,
        depth: int = 1,
        via: str = "both",
        during: WindowLike | None = None,
        roles: list[str] | None = None,
        as_of: date | str | None = None,
    ) -> Results[Connection]:
        """Who (or, from an event, which events) ``entity`` is connected to, up to ``depth`` links away.

        >>> import kgraph
        >>> kg = kgraph.KnowledgeGraph.load("seeds")
        >>> [(c.name, c.link.label) for c in kg.connections("Gegham Stepanyan", via="events") if c.kind == "organization"]
        [('International Committee of the Red Cross', 'Stepanyan urges the ICRC to sound the alarm of genocide')]
        """
        from kgraph.query.links import connections

        return connections(self._at(as_of), entity, depth, via, during, roles)

    def why(self, a: str, b: str, as_of: date | str | None = None) -> Results[Link]:
        """The direct links between two entities or two events, each with every quote, its stance and claimants.

        >>> import kgraph
        >>> kg = kgraph.KnowledgeGraph.load("seeds")
        >>> [(e.quote, e.stance, e.claimed_by) for link in kg.why("Stepanyan", "ICRC") for e in link.evidence][1]
        ('sound the alarm of danger and genocide.', 'supports', ('gegham-stepanyan',))
        """
        from kgraph.query.links import why

        return why(self._at(as_of), a, b)

    def path(self, a: str, b: str, via: str = "both", as_of: date | str | None = None) -> Path | None:
        """A shortest chain of entities and events from ``a`` to ``b``, or None when they are not connected.

        Of several equally short chains, the one :meth:`paths` gives first (their ids in alphabetical order).

        >>> import kgraph
        >>> print(kgraph.KnowledgeGraph.load("seeds").path("Shushi", "Stepanakert"))
        Shusha -[part of]-> Nagorno-Karabakh <-[part of]- Stepanakert
        """
        from kgraph.query.paths import shortest_path

        return shortest_path(self._at(as_of), a, b, via)

    def paths(
        self,
        a: str,
        b: str,
        cutoff: int = 4,
        limit: int | None = 50,
        via: str = "both",
        timeout: float | None = 10.0,
        as_of: date | str | None = None,
    ) -> Results[Path]:
        """Every simple path from ``a`` to ``b`` of at most ``cutoff`` edges (shortest first, at most ``limit``).

        The search stops after ``limit`` paths or ``timeout`` seconds (None: no bound); ``truncated`` on the
        result then says why, as it does when nothing is found because the shortest path is longer than ``cutoff``.

        >>> import kgraph
        >>> paths = kgraph.KnowledgeGraph.load("seeds").paths("Harutyunyan", "Osipyan", cutoff=6, limit=2)
        >>> len(paths), paths.truncated
        (2, 'stopped after 2 paths')
        """
        from kgraph.query.paths import all_paths

        return all_paths(self._at(as_of), a, b, cutoff, limit, via, timeout)

    def events(
        self,
        involving: str | list[str] | None = None,
        at: str | None = None,
        type: str | list[str] | None = None,
        status: str | list[str] | None = None,
        during: WindowLike | None = None,
        as_of: date | str | None = None,
    ) -> Results[Event]:
        """Events matching every filter given, in chronological order; ``at`` (a place) includes places inside it.

        >>> import kgraph
        >>> [e.id for e in kgraph.KnowledgeGraph.load("seeds").events(at="Stepanakert", type="protest")]
        ['stepanakert-rally', 'planned-gathering']
        """
        from kgraph.query.events import events

        return events(self._at(as_of), involving, at, type, status, during)

    def timeline(
        self, entity: str | None = None, during: WindowLike | None = None, as_of: date | str | None = None
    ) -> Results[TimelineEntry]:
        """Events in chronological order (see :mod:`kgraph.query.timeline` for the order rule), optionally of one entity."""
        from kgraph.query.timeline import timeline

        return timeline(self._at(as_of), entity, during)

    def actor_network(
        self, during: WindowLike | None = None, roles: list[str] | None = None, as_of: date | str | None = None
    ) -> nx.Graph:
        """Actors linked by the events they share: edge ``weight`` is their number, ``events`` their ids."""
        from kgraph.query.events import actor_network

        return actor_network(self._at(as_of), during, roles)

    def snapshot(self, during: WindowLike, as_of: date | str | None = None) -> nx.MultiDiGraph:
        """The subgraph of what holds in a time window: its events, their participants and places, and the relations valid then."""
        from kgraph.query.events import snapshot

        return snapshot(self._at(as_of), during)

    def centrality(
        self,
        measure: str = "degree",
        during: WindowLike | None = None,
        top: int | None = None,
        as_of: date | str | None = None,
    ) -> Results[Ranked]:
        """Actors ranked by ``degree`` or ``betweenness`` centrality in the actor network."""
        from kgraph.query.rankings import centrality

        return centrality(self._at(as_of), measure, during, top)

    def disputes(self, as_of: date | str | None = None) -> Results[Dispute]:
        """Every event, relation, participant and figure whose evidence takes more than one stance, side by side.

        >>> import kgraph
        >>> all(len(d.sides) > 1 for d in kgraph.KnowledgeGraph.load("seeds").disputes())
        True
        """
        from kgraph.query.claims import disputes

        return disputes(self._at(as_of))

    def claims(self, by: str | None = None, as_of: date | str | None = None) -> Results[Claim]:
        """Every quote an actor claims or relays (``by``: that actor's only), with its stance, fact and source.

        >>> import kgraph
        >>> {(c.actor, c.part) for c in kgraph.KnowledgeGraph.load("seeds").claims(by="Stepanyan")}
        {('gegham-stepanyan', 'claims')}
        """
        from kgraph.query.claims import claims

        return claims(self._at(as_of), by)

    def figures(
        self,
        measure: str | list[str] | None = None,
        during: WindowLike | None = None,
        involving: str | None = None,
        as_of: date | str | None = None,
    ) -> Results[Total]:
        """Each side's total per measure (see :mod:`kgraph.query.figures`): competing claims side by side, never added.

        >>> import kgraph
        >>> {t.measure for t in kgraph.KnowledgeGraph.load("seeds").figures(measure="distance")} <= {"distance"}
        True
        """
        from kgraph.query.figures import figures

        return figures(self._at(as_of), measure, during, involving)

    def communities(
        self, during: WindowLike | None = None, top: int | None = None, as_of: date | str | None = None
    ) -> Results[Community]:
        """Groups of actors more linked with each other than with the rest (Louvain, fixed seed), largest first.

        >>> import kgraph
        >>> [(c.rank, c.size) for c in kgraph.KnowledgeGraph.load("seeds").communities(top=2)]
        [(1, 6), (2, 3)]
        """
        from kgraph.query.rankings import communities

        return communities(self._at(as_of), during, top)

    def cypher(
        self, query: str, limit: int | None = 1000, timeout: float | None = 10.0, as_of: date | str | None = None
    ) -> Results[Row]:
        """Run a Cypher query over the graph with grand-cypher; see :mod:`kgraph.query.cypher` for labels and examples.

        The result is a list of rows, each a dict from a returned name to its value: at most ``limit`` rows,
        within ``timeout`` seconds (None: no bound); ``truncated`` on the result says when rows were left out.
        """
        from kgraph.query.cypher import run

        return run(self._at(as_of), query, limit, timeout)
