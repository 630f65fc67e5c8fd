"""The passage of a source text closest to a quote that is not in it, and the first word where they part.

Words are compared with quotation marks, dashes and case folded and the punctuation around them ignored.
Candidate passages are anchored at the occurrences of the quote's rarest words, and both the anchors and
the words compared are bounded, so that a 10 MB text and thousands of bad quotes stay fast.

>>> text = "The president asked the ICRC to urgently sound the alarm on Monday."
>>> Passages(text).closest("the ICRC to sound the alarm")
('the ICRC to urgently sound the alarm', 'sound')
>>> Passages(text).closest("nothing of the kind here") is None
True
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import Any

from kgraph.text import PUNCTUATION_FOLD

_WORD = re.compile(r"\S+")
_EDGES = re.compile(r"^\W+|\W+$")
#: Words of a quote compared with a passage; a longer quote is compared by its beginning.
MAX_WORDS = 60
#: Rare words of the quote whose occurrences anchor candidate passages.
ANCHOR_WORDS = 3
#: Candidate passages compared per quote, at most.
MAX_CANDIDATES = 60
#: A passage is only named when at least this share of its words and the quote's match.
MIN_RATIO = 0.7


def _key(word: str) -> str:
    return _EDGES.sub("", word.translate(PUNCTUATION_FOLD).lower()) or word


class Passages:
    """A source text split into words once, indexed to find the passage closest to a quote."""

    def __init__(self, text: str):
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        known: dict[str, str] = {}
        self.keys = [known.get(w) or known.setdefault(w, _key(w)) for w in _WORD.findall(text)]
        self.index: dict[str, list[int]] = defaultdict(list)
        for position, key in enumerate(self.keys):
            self.index[key].append(position)

    def closest(self, quote: str) -> tuple[str, str] | None:
        """The closest passage to ``quote`` and the quote's first word that differs from it, or None."""
        words = _WORD.findall(quote)[:MAX_WORDS]
        keys = [_key(w) for w in words]
        found = sorted({k for k in keys if k in self.index}, key=lambda k: (len(self.index[k]), k))
        starts: list[int] = []
        for key in found[:ANCHOR_WORDS]:
            offsets = [i for i, k in enumerate(keys) if k == key]
            for position in self.index[key][:MAX_CANDIDATES]:
                starts.extend(position - offset for offset in offsets)
        best: tuple[float, int, list[Any], int] | None = None
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(keys)
        for start in sorted(set(starts))[:MAX_CANDIDATES]:
            low = max(0, start - 3)
            matcher.set_seq1(self.keys[low : max(low, start + len(keys) + 3)])
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            if not blocks:
                continue
            first, last = blocks[0].a, blocks[-1].a + blocks[-1].size
            matched = sum(b.size for b in blocks)
            ratio = 2 * matched / (last - first + len(keys))
            if best is None or ratio > best[0]:
                window = self.keys[low + first : low + last]
                ops = difflib.SequenceMatcher(None, window, keys, autojunk=False).get_opcodes()
                best = (ratio, low + first, ops, low + last)
        if best is None or best[0] < MIN_RATIO:
            return None
        _, begin, ops, end = best
        part = next((op for op in ops if op[0] != "equal"), None)
        passage = self.text[self.spans[begin][0] : self.spans[end - 1][1]]
        if quote[:1].isalnum():  # trim the punctuation around the passage that the quote leaves out
            passage = re.sub(r"^\W+", "", passage)
        if quote[-1:].isalnum():
            passage = re.sub(r"\W+$", "", passage)
        if part is None:  # the same words: they part where the punctuation around a word differs
            written = _WORD.findall(passage)
            index = next((i for i, (a, b) in enumerate(zip(words, written, strict=False)) if a != b), 0)
        else:
            index = min(part[3], len(words) - 1)
        return passage, words[index]
