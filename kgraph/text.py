"""Text helpers shared by the loader, the checks, the models, the corpus and the errors.

One place for: "did you mean" suggestions that stay fast at any size, lists joined with "or", the
punctuation that names and quotes fold together, and what makes a name unsafe to show (invisible,
bidirectional controls, letters of several scripts in one word).

>>> Suggester(["march", "rally", "strike"]).close("marhc")
['march']
>>> or_list(["'a'", "'b'", "'c'"]), a_or_list(("event", "place"))
("'a', 'b' or 'c'", 'an event or a place')
>>> "“Nagorno–Karabakh”".translate(PUNCTUATION_FOLD)
'"Nagorno-Karabakh"'
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence

#: Quotation marks and dashes folded to their ASCII forms, one character for one, so that positions
#: in folded text are positions in the original (names are compared, and quotes found, in folded form).
PUNCTUATION_FOLD = str.maketrans(
    {
        **dict.fromkeys("’‘‛‚`‹›", "'"),
        **dict.fromkeys("“”„‟«»", '"'),
        **dict.fromkeys("‐‑‒–—―", "-"),
    }
)

#: Up to this many words, suggestions compare the word with every one of them (difflib's own answer);
#: beyond it, only with the words nearest in sorted order, by their beginning and by their end.
EXHAUSTIVE = 300
#: Neighbours taken on each side, in each order, as candidates in a large set of words.
_NEIGHBOURS = 12
#: Of those, how many difflib ranks.
_RANKED = 8


class Suggester:
    """Close matches for misspelt words among a fixed set, fast at any size.

    A small set is searched whole with :func:`difflib.get_close_matches`. In a large one, a single slip
    leaves either the beginning or the end of a word intact, so the candidates are the words nearest the
    misspelling in sorted order and in sorted order of their reversed text; difflib ranks those. Each
    answer is cached, so a misspelling repeated a thousand times costs one search.

    >>> ids = [f"ev-{i:06d}" for i in range(100_000)] + ["stepanakert", "shusha"]
    >>> Suggester(ids).close("stepanakrt"), Suggester(ids).close("shusa"), Suggester(ids).close("xshusha")
    (['stepanakert'], ['shusha'], ['shusha'])
    """

    def __init__(self, words: Iterable[str]):
        self.words = list(dict.fromkeys(words))
        self._forward: list[str] | None = None
        self._backward: list[str] = []
        self._cache: dict[tuple[str, int, float], list[str]] = {}

    def close(self, word: str, n: int = 1, cutoff: float = 0.6) -> list[str]:
        """Up to ``n`` words close to ``word``, best first (as :func:`difflib.get_close_matches`)."""
        key = (word, n, cutoff)
        found = self._cache.get(key)
        if found is None:
            found = difflib.get_close_matches(word, self._candidates(word), n, cutoff)
            if len(self._cache) < 100_000:
                self._cache[key] = found
        return found

    def _candidates(self, word: str) -> Sequence[str]:
        if len(self.words) <= EXHAUSTIVE:
            return self.words
        if self._forward is None:
            self._forward = sorted(self.words)
            self._backward = sorted(w[::-1] for w in self.words)
        found = set(_around(self._forward, word))
        found.update(w[::-1] for w in _around(self._backward, word[::-1]))
        # difflib ranks only those that share the most of their beginning and end with the word
        return sorted(found, key=lambda w: (-_affixes(word, w), w))[:_RANKED]


def _affixes(a: str, b: str) -> int:
    """How many characters two words share at their beginning and at their end."""
    most = min(len(a), len(b))
    start = 0
    while start < most and a[start] == b[start]:
        start += 1
    end = 0
    while end < most - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start + end


def _around(ordered: list[str], word: str) -> list[str]:
    at = bisect.bisect_left(ordered, word)
    return ordered[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS]


def did_you_mean(word: str, choices: Iterable[str] | Suggester) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or nothing.

    >>> did_you_mean("evnets", ["events", "places"])
    "; did you mean 'events'?"
    """
    suggester = choices if isinstance(choices, Suggester) else Suggester(choices)
    close = suggester.close(word)
    return f"; did you mean {close[0]!r}?" if close else ""


def slug(text: str) -> str:
    """``text`` as an id would write it: ASCII lowercase letters and digits joined by hyphens; empty when it has none.

    >>> slug("Marta Kowal"), slug("Şuşa"), slug("«»")
    ('marta-kowal', 'susa', '')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def or_list(items: Sequence[str]) -> str:
    """Items joined with commas and a final "or"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def a_or_list(kinds: Sequence[str]) -> str:
    """Kinds with their article, joined with "or": 'a person, an organization or a group'."""
    return or_list([("an " if k[0] in "aeiou" else "a ") + k for k in kinds])


#: Letters that show as blank space though Unicode counts them as letters (Hangul fillers, Khmer
#: inherent vowels, the braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u17b4\u17b5\u2800")
#: Bidirectional embeddings, overrides and isolates: they reorder the text shown around them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def invisible(name: str) -> bool:
    """Whether a name shows nothing: only spaces, zero-width and format characters, combining marks, fillers.

    >>> invisible("\\u200b\\u3164"), invisible("\\u0301"), invisible("Şuşa")
    (True, True, False)
    """
    if name.isascii():
        return not name.strip()
    return all(
        c in _BLANK_LETTERS or unicodedata.category(c) in ("Cf", "Cc", "Mn", "Me", "Zs", "Zl", "Zp", "Co", "Cn")
        for c in name
    )


_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: a word, or the part of one between marks


def mixed_script_word(name: str) -> str | None:
    """The first word of ``name`` that mixes Latin letters with Cyrillic or Greek ones (look-alikes), or None.

    >>> mixed_script_word("Stеpanakert city"), mixed_script_word("Ереван/Yerevan")
    ('Stеpanakert', None)
    """
    if name.isascii():
        return None
    word: str
    for word in _LETTERS.findall(name):
        if word.isascii():
            continue
        scripts = set()
        for char in word:
            if char.isalpha():
                script = unicodedata.name(char, "").split(" ", 1)[0]
                if script in _SCRIPTS:
                    scripts.add(script)
        if "LATIN" in scripts and len(scripts) > 1:
            return word
    return None


def look_alikes(name: str) -> str | None:
    """What makes ``name`` mix Latin with Cyrillic or Greek letters in one word, in words; None if it does not.

    >>> look_alikes("Stеpanakert city"), look_alikes("Ереван/Yerevan")
    ("the Cyrillic 'е' (U+0435) among the Latin letters of 'Stеpanakert'", None)
    """
    word = mixed_script_word(name)
    if word is None:
        return None
    by_script: dict[str, list[str]] = {}
    for char in word:
        script = unicodedata.name(char, "").split(" ", 1)[0] if char.isalpha() else ""
        if script in _SCRIPTS:
            by_script.setdefault(script, []).append(char)
    main = max(by_script, key=lambda s: (len(by_script[s]), s == "LATIN"))
    odd = [
        f"{s.title()} {c!r} ({code_point(c)})"
        for s, chars in by_script.items()
        if s != main
        for c in dict.fromkeys(chars)
    ]
    return f"the {or_list(odd).replace(' or ', ' and ')} among the {main.title()} letters of {word!r}"


def code_point(char: str) -> str:
    """A character as U+XXXX.

    >>> code_point("\\x00"), code_point("\\u202e")
    ('U+0000', 'U+202E')
    """
    return f"U+{ord(char):04X}"


def occurs_as_words(name: str, text: str) -> bool:
    """Whether ``name`` occurs in ``text`` as whole words: not inside a longer word (a word character is one
    ``\\w`` matches: a letter, digit or underscore in any script).

    >>> [occurs_as_words("ann", text) for text in ("annual report", "said ann's aide", "joann, ann_b or ann")]
    [False, True, True]
    """
    if not name:
        return False
    size, length = len(name), len(text)
    at = text.find(name)
    while at >= 0:  # str.find, not a pattern compiled for each name: a large corpus has thousands of names
        end = at + size
        if (at == 0 or not _is_word(text[at - 1])) and (end == length or not _is_word(text[end])):
            return True
        at = text.find(name, at + 1)
    return False


def _is_word(character: str) -> bool:
    """Whether ``character`` is one regular expressions count as part of a word (``\\w``)."""
    return character.isalnum() or character == "_"
