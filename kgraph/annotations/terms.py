"""The vocabularies in use: kgraph's own, plus the terms a corpus adds in its ``vocabulary.yaml``.

Models check vocabulary fields against the terms in use (see :func:`using`); the checks, the graph and the
queries look a role, relation type, event type or measure up in a :class:`Terms`, so a corpus's own terms
work wherever kgraph's do.

>>> DEFAULT.roles["speaker"].allowed
('person', 'organization', 'group')
>>> with using(Terms.extended({"event type": {"sit_in": "A sit-in protest."}})):
...     active().descriptions("event type")["sit_in"]
'A sit-in protest.'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from kgraph.annotations import vocabulary as vocab
from kgraph.text import Suggester


@dataclass(frozen=True)
class Terms:
    """Every vocabulary's terms: descriptions by term, by vocabulary name; and the terms that carry more than that."""

    added: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    roles: Mapping[str, vocab.Role] = field(default_factory=lambda: vocab.ROLES)
    relation_types: Mapping[str, vocab.RelationType] = field(default_factory=lambda: vocab.RELATION_TYPES)
    event_types: Mapping[str, vocab.EventKind] = field(default_factory=lambda: vocab.EVENT_TYPES)
    measures: Mapping[str, vocab.Measure] = field(default_factory=lambda: vocab.MEASURES)
    _suggesters: dict[str, Suggester] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def extended(
        cls,
        added: Mapping[str, Mapping[str, str]],
        roles: Mapping[str, vocab.Role] | None = None,
        relation_types: Mapping[str, vocab.RelationType] | None = None,
        event_types: Mapping[str, vocab.EventKind] | None = None,
        measures: Mapping[str, vocab.Measure] | None = None,
    ) -> Terms:
        """kgraph's terms with ``added`` (descriptions by term, by vocabulary name) and the full definitions given."""
        merged = {name: dict(terms) for name, terms in added.items() if terms}
        for name, extra in (("event type", event_types), ("measure", measures)):
            for term, value in (extra or {}).items():
                merged.setdefault(name, {})[term] = value.description
        for name, extra_rel in (("role", roles), ("relation type", relation_types)):
            for term, value_rel in (extra_rel or {}).items():
                merged.setdefault(name, {})[term] = value_rel.description
        event_added = {t: vocab.EventKind(d) for t, d in merged.get("event type", {}).items()}
        measure_added = {t: vocab.Measure(d) for t, d in merged.get("measure", {}).items()}
        return cls(
            added=merged,
            roles={**vocab.ROLES, **(roles or {})},
            relation_types={**vocab.RELATION_TYPES, **(relation_types or {})},
            event_types={**vocab.EVENT_TYPES, **event_added, **(event_types or {})},
            measures={**vocab.MEASURES, **measure_added, **(measures or {})},
        )

    def descriptions(self, name: str) -> Mapping[str, str]:
        """Every term of vocabulary ``name`` (a key of :data:`~kgraph.annotations.vocabulary.VOCABULARIES`) with its description."""
        extra = self.added.get(name)
        return {**vocab.VOCABULARIES[name], **extra} if extra else vocab.VOCABULARIES[name]

    def suggester(self, name: str) -> Suggester:
        """Close terms of vocabulary ``name`` for a misspelt one (made once, and each answer cached).

        >>> DEFAULT.suggester("place kind").close("citty")
        ['city']
        """
        found = self._suggesters.get(name)
        if found is None:
            found = self._suggesters[name] = Suggester(self.descriptions(name))
        return found

    def has(self, name: str, term: str) -> bool:
        """Whether ``term`` is a term of vocabulary ``name`` that the corpus adds."""
        return term in self.added.get(name, ())


#: kgraph's own vocabularies, nothing added.
DEFAULT = Terms()

_ACTIVE: ContextVar[Terms] = ContextVar("kgraph_terms", default=DEFAULT)


def active() -> Terms:
    """The terms in use: those of the corpus being read, or kgraph's own.

    >>> active() is DEFAULT
    True
    """
    return _ACTIVE.get()


@contextmanager
def using(terms: Terms) -> Iterator[None]:
    """Check vocabulary fields against ``terms`` inside the block."""
    token = _ACTIVE.set(terms)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
