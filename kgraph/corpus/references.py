"""How a reference that is wrong is worded: what the thing referred to is, and which id may have been meant.

:class:`ReferenceWords` is part of the corpus checker (:mod:`kgraph.corpus.checks`), which supplies the lookups.
An id is suggested when a name or alias is written in its place, or when it is close to the one written; only a
valid id is suggested. An entity whose own id is invalid keeps that id known, so that its references are not
reported twice; a reference written as that id would be valid is told so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kgraph.annotations.fields import ITEM_PATTERN
from kgraph.corpus.corpus import name_key
from kgraph.corpus.record import Record
from kgraph.text import Suggester, a_or_list, or_list, slug

_VALID_ID = re.compile(ITEM_PATTERN)


class ReferenceWords:
    """What to say of a reference to an unknown id or to the wrong kind of thing; mixed into the corpus checker."""

    by_id: dict[str, Record]
    names: dict[str, str]
    suggesters: dict[tuple[str, ...], Suggester]
    unread: Sequence[str]
    _invalid_ids: dict[str, str] | None = None

    def fits(self, id: str, allowed: tuple[str, ...]) -> bool:
        raise NotImplementedError

    def what(self, id: str) -> str:
        """The kind of thing ``id`` is, with its article: 'a person', 'an organization of kind 'armed_force''."""
        record = self.by_id[id]
        kind = getattr(record.item, "kind", None)
        if record.kind == "organization" and kind:
            return f"an organization of kind {kind!r}"
        return a_or_list((record.kind,))

    def hint(self, allowed: tuple[str, ...]) -> str:
        """What to do when an organization stands where a place belongs: only a state stands for its territory."""
        if "place" in allowed:
            return "; of organizations, only a state (kind 'state') also stands for a place"
        return ""

    def suggest(self, target: str, allowed: tuple[str, ...]) -> str:
        """What to add to "unknown ... 'target'": the id that may be meant, or where the id may be defined."""
        named = self.names.get(name_key(target))
        if named and self.fits(named, allowed) and _VALID_ID.match(named):
            return f"; did you mean {named!r}?"
        if self._invalid_ids is None:  # made on the first unknown reference
            self._invalid_ids = {slug(i): i for i in self.by_id if not _VALID_ID.match(i)}
        invalid = self._invalid_ids.get(target)
        if invalid is not None and self.fits(invalid, allowed):
            where = self.by_id[invalid]
            return f"; the id is written {invalid!r} at {where.file}:{where.line('id')}, which is not valid"
        suggester = self.suggesters.get(allowed)
        if suggester is None:  # one per set of allowed kinds, made on the first unknown reference
            suggester = Suggester(i for i in self.by_id if self.fits(i, allowed) and _VALID_ID.match(i))
            self.suggesters[allowed] = suggester
        close = suggester.close(target)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        if self.unread:  # the id may well be right, and defined where nothing valid could be read
            files = self.unread if len(self.unread) <= 3 else [*self.unread[:2], f"{len(self.unread) - 2} more files"]
            hint += f"{' (' if close else '; '}nothing valid could be read of {or_list(files)}, which may define it"
            hint += ")" if close else ""
        return hint
