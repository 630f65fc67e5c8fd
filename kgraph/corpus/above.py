"""The annotation files beside a corpus that a reading of it leaves out, named where they may define its unknown ids.

A document's folder validated on its own (``kgraph validate seeds/2023-07-blockade``) leaves out the registry
beside it (``seeds/registry.yaml``), so every id the registry defines is unknown there; one file validated alone
leaves out the files beside it. The first of those unknown ids says so, once: which files may define them, and
which folder to validate to include them. The files are those beside the one given, else those in the folder
above the folder given, then, when there are some (a registry), those in the other folders there (the other
documents), found as :mod:`kgraph.corpus.discover` finds annotation files (``*.yaml``, ``*.yml`` and
``*.jsonl``, not hidden, not a vocabulary file), but only those whose text names one of the unknown ids as a
word (a ``mkdocs.yml`` above a corpus is never named), and of the other documents only those that define one
(``id: x``), since any of them may refer to it. No such file, or no unknown id, and nothing is said.

>>> print(*noted([Problem("a.yaml", 3, "unknown place 'stepanakert'")], Path("seeds/2023-07-blockade")))
a.yaml:3: unknown place 'stepanakert' (note: seeds/registry.yaml, beside this folder, may define this id; validate \
seeds to include it)
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from kgraph.corpus.discover import ANNOTATION_SUFFIXES, VOCABULARY_FILE
from kgraph.errors import Problem, shown
from kgraph.text import or_list

__all__ = ["folder_above", "noted", "unknown_id"]

#: How the checks across files begin the message of a reference to an id no file defines (``unknown actor 'x'``,
#: ``addition to unknown id 'x'``): :mod:`kgraph.corpus.checks` and :mod:`kgraph.corpus.evidence_checks`.
_UNKNOWN_ID = ("unknown ", "addition to unknown id ")
#: The files that are no annotation file wherever they are: a corpus's vocabulary (one misplaced is not read).
_NOT_ANNOTATIONS = (VOCABULARY_FILE, "vocabulary.yml")
#: The id an unknown-id message quotes first.
_QUOTED = re.compile(r"'([^']+)'")
#: A word of a file, as an id is written (letters, digits, hyphens); an id an item defines (id: x, "id": "x").
_WORD = re.compile(r"[\w-]+")
_DEFINED = re.compile(r"""\bid["']?\s*:\s*["']?([\w-]+)""")
#: Bounds on the search: the files looked into, and the bytes read of each.
_MOST_FILES, _MOST_BYTES = 100, 4 * 1024 * 1024


def unknown_id(problem: Problem) -> bool:
    """Whether a problem the checks across files found is a reference to an id no file defines.

    >>> unknown_id(Problem("a.yaml", 3, "unknown place 'x'")), unknown_id(Problem("a.yaml", 3, "duplicate id 'x'"))
    (True, False)
    """
    return problem.is_error and problem.message.startswith(_UNKNOWN_ID)


def folder_above(folder: Path) -> Path:
    """The folder that holds ``folder``, as a path to give kgraph (``..`` above ``.``).

    >>> [str(folder_above(Path(p))) for p in ("seeds/2023-07-blockade", "seeds", ".", "..")]
    ['seeds', '.', '..', '../..']
    """
    return folder / ".." if folder.name in ("", "..") else folder.parent


def _candidates(given: Path) -> tuple[Path, str, list[Path], list[Path]]:
    """Where the files that may define a corpus's unknown ids are: the folder to validate to include them, what
    it is to the path given, the annotation files in it that a reading of ``given`` leaves out, by name, and those
    of the other documents' folders beside the one given (only when the folder has files of its own, a registry)."""
    if not given.is_dir():
        beside = _annotation_files(given.parent, leave_out=given.name)
        if beside:
            return given.parent, "this file", beside, []
    folder = given if given.is_dir() else given.parent
    above = folder_above(folder)
    try:
        if above.resolve() == folder.resolve():  # the filesystem's root
            return above, "", [], []
    except OSError:
        return above, "", [], []
    files = _annotation_files(above)
    others = [f for sub in _subfolders(above, leave_out=folder) for f in _annotation_files(sub)] if files else []
    return above, "this folder" if given.is_dir() else "this file's folder", files, others[:_MOST_FILES]


def _subfolders(folder: Path, leave_out: Path) -> list[Path]:
    """The folders in ``folder`` (not hidden), by name, but ``leave_out``; none when it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_dir())
        left_out = leave_out.resolve()
        return [folder / n for n in names[:_MOST_FILES] if (folder / n).resolve() != left_out]
    except OSError:
        return []


def _annotation_files(folder: Path, leave_out: str = "") -> list[Path]:
    """The annotation files in ``folder`` itself (see the module), by name; none when it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(
                e.name
                for e in entries
                if e.name.endswith(ANNOTATION_SUFFIXES)
                and not e.name.startswith(".")
                and e.name not in (*_NOT_ANNOTATIONS, leave_out)
                and e.is_file()  # a regular file, or a link to one
            )
    except OSError:
        return []
    return [folder / name for name in names[:_MOST_FILES]]


def _found_in(path: Path, ids: set[str], pattern: re.Pattern[str]) -> bool:
    """Whether the text of ``path`` (its first bytes, up to a bound) holds one of ``ids`` where ``pattern`` finds
    words: any word (:data:`_WORD`), or an id an item defines (:data:`_DEFINED`). One pass, whatever the ids."""
    try:
        with path.open("rb") as handle:
            text = handle.read(_MOST_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    return not ids.isdisjoint(pattern.findall(text))


def noted(problems: list[Problem], given: Path) -> list[Problem]:
    """``problems`` (those the checks across files found in the corpus at ``given``) with a note on the first
    unknown id (by file and line), naming the files beside the corpus that may define it (see the module)."""
    unknown = sorted(p for p in problems if unknown_id(p))
    if not unknown:
        return problems
    ids = {m.group(1) for p in unknown if (m := _QUOTED.search(p.message))}
    folder, where, files, others = _candidates(given)
    named = [shown(f) for f in files if _found_in(f, ids, _WORD)]
    named += [shown(f) for f in others if _found_in(f, ids, _DEFINED)]
    if not named:
        return problems
    named = named if len(named) <= 3 else [*named[:2], f"{len(named) - 2} more files"]
    which = "this id and the other unknown ones" if len(unknown) > 1 else "this id"
    them = "it" if len(named) == 1 else "them"
    note = (
        f" (note: {or_list(named)}, beside {where}, may define {which}; validate {shlex.quote(shown(folder))}"
        f" to include {them})"
    )
    first = unknown[0]
    return [p._replace(message=p.message + note) if p is first else p for p in problems]
