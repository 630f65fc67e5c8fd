"""``graph.html``: the interactive explorer, one self-contained file that works offline.

The page inlines vis-network from the installed pyvis package and kgraph's own template, scripts and
styles (``kgraph/templates/explorer/``, one script a part of the page, in :data:`SCRIPTS` order). Nothing is
fetched: a Content-Security-Policy allows no connection, font or frame, and only the page's own scripts and
styles (by hash). Annotation text travels as JSON in a non-executed ``<script type="application/json">``
block, escaped so it cannot close it, and the page only ever sets it as text. What the page shows is built
by :func:`kgraph.export.explorer_data.explorer_data` in one pass over the graph, which is never modified; a
graph above :data:`kgraph.export.explorer_data.DETAIL_THRESHOLD` nodes gets columns instead
(:mod:`kgraph.export.explorer_large`), and its details in blocks of their own that the page parses when needed.

The page has three views of the same data: actors linked directly (the first), actors and events, and a
map. Selection, the time window and the filters are shared by the three and kept in the URL's fragment.

>>> import kgraph
>>> page = to_html(kgraph.KnowledgeGraph.load("seeds").graph)
>>> page.startswith("<!DOCTYPE html>"), "https://" in page.split("<script>")[0]
(True, False)
"""

from __future__ import annotations

import base64
import gc
import hashlib
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.export.explorer_data import DETAIL_THRESHOLD, LAYOUT_THRESHOLD, PANEL_FIELDS, explorer_data
from kgraph.export.explorer_large import large_page_data
from kgraph.export.layout import layout
from kgraph.export.pack import pack

if TYPE_CHECKING:
    from kgraph.export.xmlstream import Writable

__all__ = ["LAYOUT_THRESHOLD", "PANEL_FIELDS", "SCRIPTS", "STYLES", "explorer_data", "layout", "to_html", "write_html"]

#: The page's own scripts, in the order they run: each registers a part in ``globalThis.kgraphParts``,
#: and ``main.js``, the last, puts them together.
SCRIPTS = (
    "days.js",
    "util.js",
    "unpack.js",
    "columns.js",
    "window.js",
    "basemap.js",
    "labels.js",
    "sourcepanel.js",
    "panel.js",
    "timeline-lanes.js",
    "timeline-layout.js",
    "timeline-scale.js",
    "timeline-items.js",
    "timeline-controls.js",
    "timeline-gestures.js",
    "timeline.js",
    "search-index.js",
    "search.js",
    "mapnote.js",
    "mapview.js",
    "views.js",
    "meetings.js",
    "meetings-large.js",
    "detail.js",
    "visible.js",
    "controls.js",
    "sheet.js",
    "png.js",
    "fragment.js",
    "main.js",
)
#: The page's style sheets.
STYLES = ("explorer.css", "timeline.css", "timeline-items.css", "search.css")


#: Where the large text number ``i`` goes in the rendered template: the title is escaped, so it cannot hold a
#: ``<``.
_PIECE = "<\0kgraph-piece-{}\0>"
_MARK = re.compile("<\0kgraph-piece-([0-9]+)\0>")


def _template(name: str) -> str:
    return resources.files("kgraph").joinpath("templates", "explorer", name).read_text(encoding="utf-8")


def _vis_network_js() -> str:
    import pyvis

    return resources.files(pyvis).joinpath("lib", "vis-9.1.2", "vis-network.min.js").read_text(encoding="utf-8")


def _script_json(data: dict[str, Any]) -> str:
    return _escaped(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _escaped(text: str) -> str:
    """JSON text that cannot close the script block it is in, nor end a line in it."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def to_html(graph: nx.Graph, title: str = "kgraph explorer") -> str:
    """The explorer page for ``graph``, as one HTML document."""
    return "".join(_pieces(graph, title))


def write_html(graph: nx.Graph, handle: Writable, title: str = "kgraph explorer") -> None:
    """Write the explorer page for ``graph`` into the binary ``handle``, as UTF-8, piece by piece: the bytes of
    :func:`to_html`'s text, without the whole text made first.

    >>> import io, kgraph
    >>> graph, handle = kgraph.KnowledgeGraph.load("seeds").graph, io.BytesIO()
    >>> write_html(graph, handle)
    >>> handle.getvalue() == to_html(graph).encode("utf-8")
    True
    """
    for piece in _pieces(graph, title):
        handle.write(piece.encode("utf-8"))


def _pieces(graph: nx.Graph, title: str) -> list[str]:
    """The page's text, in pieces: the rendered template between the large texts it places."""
    scripts = [("vis-network", _vis_network_js())] + [(name, _template(name)) for name in SCRIPTS]
    for name, text in scripts:
        if "</script" in text.lower():
            raise ValueError(f"{name} contains '</script' and cannot be inlined")
    styles = [_template(name) for name in STYLES]
    for name, text in zip(STYLES, styles, strict=True):
        if "</style" in text.lower():
            raise ValueError(f"{name} contains '</style' and cannot be inlined")
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects, none in a cycle: the collector would walk them again and again
    try:
        return _render(graph, title, scripts, styles)
    finally:
        if collecting:
            gc.enable()


def _render(graph: nx.Graph, title: str, scripts: list[tuple[str, str]], styles: list[str]) -> list[str]:
    from jinja2 import Environment
    from markupsafe import Markup

    if graph.number_of_nodes() > DETAIL_THRESHOLD:  # columns, and the details in blocks read when needed
        data, blocks = large_page_data(graph)
    else:
        data, blocks = pack(explorer_data(graph)), []
    # The large texts go in after the template is rendered, where it has a mark for each, in order: given to the
    # template itself, each would be copied into a Markup and again as the template joins its output.
    pieces = [*styles, _script_json(data), *(_escaped(text) for _, text in blocks), *(text for _, text in scripts)]
    marks = [Markup(_PIECE.format(i)) for i in range(len(pieces))]
    first_block, first_script = len(styles) + 1, len(styles) + 1 + len(blocks)
    env = Environment(autoescape=True, keep_trailing_newline=True)
    rendered = env.from_string(_template("explorer.html")).render(
        title=title,
        styles=marks[: len(styles)],
        data_json=marks[len(styles)],
        blocks=[(name, mark) for (name, _), mark in zip(blocks, marks[first_block:first_script], strict=True)],
        scripts=marks[first_script:],
        script_hashes=" ".join(_hash(text) for _, text in scripts),
        style_hashes=" ".join(_hash(text) for text in styles),
    )
    page = _MARK.split(rendered)
    if page[1::2] != [str(i) for i in range(len(pieces))]:
        raise ValueError("the page's template does not place each of its pieces once, in order")
    page[1::2] = pieces
    return page
