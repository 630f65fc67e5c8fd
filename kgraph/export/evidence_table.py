"""The evidence table of the spreadsheet exports (``evidence.csv``, and the workbook's evidence sheet): one row
per quote, saying what it is evidence of, and who says it, in which source, with what stance.

A node's rows are its evidence, then each of its figures'; an edge's, the same. An event's quotes are listed
once, under the event: a participant's edge holds its own quotes, then its event's (:mod:`kgraph.graph.build`),
and lists only its own. Column by column: ``node``, or ``edge`` (its id in ``edges.csv``) with the edge's
``edge_source``, ``edge_target`` and ``edge_key``; ``figure`` (``killed: between 2 and 5``) when the quote bears
on a figure; the ``quote``; its ``stance`` (``supports``, ``denies`` or ``disputes``); its ``source`` id and the
source's ``source_title``, ``source_outlet`` and ``source_url``; ``claimed_by`` and ``via`` (ids, joined with
``; ``, nearest the source first); its ``note``; and ``evidence_text``, all of it in words.

>>> rows = list(evidence_rows({"evidence": [{"quote": "q", "source": "s", "claimed_by": ["a"]}]}, Sources({}), node="n"))
>>> dict(zip(EVIDENCE_COLUMNS, rows[0]))["evidence_text"], rows[0][0], rows[0][6:9]
('“q” (s; claimed by a)', 'n', ['q', 'supports', 's'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from kgraph.export.cells import CellValue
from kgraph.graph.attributes import amount_text, evidence_text, ids, own_part, plain_text, stance_of

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.prepare import Edge

#: The columns of the evidence table.
EVIDENCE_COLUMNS = (
    "node",
    "edge",
    "edge_source",
    "edge_target",
    "edge_key",
    "figure",
    "quote",
    "stance",
    "source",
    "source_title",
    "source_outlet",
    "source_url",
    "claimed_by",
    "via",
    "note",
    "evidence_text",
)


def other_stances() -> tuple[str, ...]:
    """The stances in use other than the default (support), in the vocabulary's order: those tags list.

    >>> other_stances()
    ('denies', 'disputes')
    """
    from kgraph.annotations.terms import active

    default = stance_of({})
    return tuple(stance for stance in active().descriptions("stance") if stance != default)


def evidence_items(value: object) -> list[Mapping[Any, Any]]:
    """The evidence items of a list: dicts as they are, anything else as a quote of its text.

    >>> evidence_items([{"quote": "q"}, "plain"]), evidence_items(None)
    ([{'quote': 'q'}, {'quote': 'plain'}], [])
    """
    if not isinstance(value, list | tuple):
        return []
    return [item if isinstance(item, Mapping) else {"quote": plain_text(item)} for item in value]


def own_evidence(evidence: object, shared: object) -> list[Mapping[Any, Any]]:
    """A participant's own evidence items: its edge's, less its event's (``shared``), which the edge ends with.

    >>> event = [{"quote": "e"}]
    >>> own_evidence(event, event), own_evidence([{"quote": "p"}, {"quote": "e"}], event)
    ([], [{'quote': 'p'}])
    """
    if evidence is shared:
        return []
    items = evidence_items(evidence)
    own = own_part(items, evidence_items(shared))
    return items if own is None else own


class Sources:
    """The title, outlet and URL of each source the graph names, by id."""

    def __init__(self, sources: Mapping[Any, Any]) -> None:
        self.sources = sources

    def about(self, source: object) -> list[CellValue]:
        """The title, outlet and URL of ``source`` (an id), each ``None`` when not known.

        >>> Sources({"s": {"title": "T", "url": "http://x"}}).about("s"), Sources({}).about("s")
        (['T', None, 'http://x'], [None, None, None])
        """
        found = self.sources.get(source) if isinstance(source, str) else None
        if not isinstance(found, Mapping):
            return [None, None, None]
        return [_text(found.get(name)) for name in ("title", "outlet", "url")]


def _text(value: object) -> str | None:
    return None if value is None or value == "" else plain_text(value)


def quote_count(graph: nx.Graph) -> int:
    """How many rows ``evidence.csv`` has for ``graph``: its quotes, counted without writing them.

    >>> import kgraph
    >>> quote_count(kgraph.KnowledgeGraph.load("seeds").graph)
    75
    """
    from kgraph.export.prepare import keyed_edges

    def count(data: Mapping[Any, Any], shared: object = None) -> int:
        evidence = data.get("evidence")
        found = len(own_evidence(evidence, shared) if shared is not None else evidence_items(evidence))
        figures = data.get("figures")
        for figure in figures if isinstance(figures, list | tuple) else ():
            if isinstance(figure, Mapping):
                found += len(evidence_items(figure.get("evidence")))
        return found

    total = sum(count(data) for _, data in graph.nodes(data=True))
    for _, target, _, data in keyed_edges(graph):
        shared = graph.nodes[target].get("evidence") if data.get("kind") == "participation" else None
        total += count(data, shared)
    return total


def evidence_rows(
    data: Mapping[Any, Any],
    sources: Sources,
    node: str | None = None,
    edge: Edge | None = None,
    key: object = None,
    shared: object = None,
) -> Iterator[list[CellValue]]:
    """A row for each quote of a node or an edge: its evidence, then each of its figures'.

    >>> figure = {"measure": "killed", "min": 2, "max": 5, "evidence": [{"quote": "2 to 5", "stance": "disputes"}]}
    >>> [row[5:8] for row in evidence_rows({"figures": [figure]}, Sources({}), node="n")]
    [['killed: between 2 and 5', '2 to 5', 'disputes']]
    """
    of: list[CellValue] = (
        [node, None, None, None, None]
        if edge is None
        else [None, edge.id, edge.source, edge.target, None if key is None else plain_text(key)]
    )
    evidence = data.get("evidence")
    items = own_evidence(evidence, shared) if shared is not None else evidence_items(evidence)
    groups: list[tuple[str | None, list[Mapping[Any, Any]]]] = [(None, items)]
    figures = data.get("figures")
    for figure in figures if isinstance(figures, list | tuple) else ():
        if isinstance(figure, Mapping):
            named = f"{plain_text(figure.get('measure', ''))}: {amount_text(figure)}"
            groups.append((named, evidence_items(figure.get("evidence"))))
    for figure_name, group in groups:
        for item in group:
            source = item.get("source")
            yield [
                *of,
                figure_name,
                _text(item.get("quote")),
                stance_of(item),
                _text(source),
                *sources.about(source),
                "; ".join(ids(item.get("claimed_by"))) or None,
                "; ".join(ids(item.get("via"))) or None,
                _text(item.get("note")),
                evidence_text(item),
            ]
