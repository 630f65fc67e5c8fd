"""kgraph: event timelines and knowledge graphs from hand-annotated news articles.

>>> import kgraph
>>> corpus = kgraph.load("seeds")
>>> corpus.lookup("Shushi").name
'Shusha'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "Corpus",
    "CorpusError",
    "KgraphError",
    "KnowledgeGraph",
    "NotFoundError",
    "Problem",
    "UsageError",
    "__version__",
    "load",
    "overlapping",
    "validate",
    "within",
]

if TYPE_CHECKING:
    from kgraph.corpus.corpus import Corpus
    from kgraph.corpus.loader import load, validate
    from kgraph.errors import CorpusError, KgraphError, NotFoundError, Problem, UsageError
    from kgraph.graph.knowledge import KnowledgeGraph
    from kgraph.graph.windows import overlapping, within

    __version__: str

_LAZY = {  # the errors too: the console script imports this package before its Ctrl-C handler exists
    **dict.fromkeys(["CorpusError", "KgraphError", "NotFoundError", "Problem", "UsageError"], "kgraph.errors"),
    "load": "kgraph.corpus.loader",
    "validate": "kgraph.corpus.loader",
    "Corpus": "kgraph.corpus.corpus",
    "KnowledgeGraph": "kgraph.graph.knowledge",
    "overlapping": "kgraph.graph.windows",
    "within": "kgraph.graph.windows",
}


#: The stages of the pipeline, each a subpackage, imported on first use.
_SUBPACKAGES = ("annotations", "corpus", "graph", "query", "export", "cli", "imports", "synth")


def __getattr__(name: str) -> Any:
    """Import the heavier parts of kgraph only when they are first used."""
    if name == "__version__":  # from the package metadata: pyproject.toml is its one source
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("kgraph")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _SUBPACKAGES:  # kgraph.export.FORMATS after `import kgraph` alone
        import importlib

        return importlib.import_module(f"kgraph.{name}")
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
