"""Load a corpus: find the annotation files, read and validate them, and read the source texts.

This module and its helpers (:mod:`kgraph.corpus.discover` finds and reads files within bounds,
:mod:`kgraph.corpus.vocabulary_file` reads the corpus's own terms, which every file is then checked against,
:mod:`kgraph.corpus.sections` splits them into items, :mod:`kgraph.corpus.sources` reads the source texts) are the
only ones that read a corpus. Problems are collected across every file and reported together.

>>> import kgraph
>>> kgraph.validate("seeds")
[]
>>> kgraph.load("seeds").sources["2023-07-blockade"].published.edtf
'[2023-07-12,2023-07-13]'
"""

from __future__ import annotations

import os
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args, overload

from pydantic import ValidationError

from kgraph.annotations.base import Model
from kgraph.annotations.files import ENTITY_SECTIONS, SECTIONS, Addition
from kgraph.annotations.models import Source
from kgraph.annotations.terms import DEFAULT, Terms, using
from kgraph.corpus.above import noted
from kgraph.corpus.assembly import corpus_of, summary
from kgraph.corpus.checks import check
from kgraph.corpus.corpus import Corpus
from kgraph.corpus.discover import (
    ANNOTATION_SUFFIXES,
    MAX_ANNOTATION_BYTES,
    RealPaths,
    corpus_path,
    discover,
    find,
    read_bounded,
)
from kgraph.corpus.messages import message
from kgraph.corpus.record import Invalid, Record
from kgraph.corpus.salvage import partial
from kgraph.corpus.sections import EMPTY, jsonl_items, yaml_items
from kgraph.corpus.sources import read_texts
from kgraph.corpus.yamlfile import UNREADABLE, LineMap, decode
from kgraph.errors import CorpusError, Problem
from kgraph.perf import collector_paused
from kgraph.perf import progress as show_progress

if TYPE_CHECKING:
    from kgraph.corpus.cache import FileCache

__all__ = ["ANNOTATION_SUFFIXES", "discover", "load", "read", "survey", "validate"]


def load(path: str | os.PathLike[str], progress: bool = False, strict: bool = False, cache: bool = False) -> Corpus:
    """Load and validate the corpus at ``path`` (a folder or one annotation file); ``cache``: see :func:`read`.

    Raises :class:`~kgraph.errors.CorpusError` listing every problem when there is an error, or
    :class:`~kgraph.errors.UsageError` when the path names no corpus. Warnings alone do not stop
    loading: they are kept on ``corpus.warnings``. With ``strict``, warnings count as errors.
    """
    corpus, problems = read(path, progress, strict, cache)
    if corpus is None:
        raise CorpusError(_as_errors(problems) if strict else problems)
    return corpus


def validate(path: str | os.PathLike[str], strict: bool = False, cache: bool = False) -> list[Problem]:
    """Every problem (errors and warnings) in the corpus at ``path``, sorted by file and line; empty when it is valid.

    With ``strict``, warnings count as errors: they come back with severity ``"error"``.
    """
    problems = survey(path, cache=cache)[1]
    return _as_errors(problems) if strict else problems


def survey(
    path: str | os.PathLike[str], progress: bool = False, strict: bool = False, cache: bool = False
) -> tuple[str | None, list[Problem]]:
    """What :func:`read` finds, without the corpus: the corpus's :meth:`~kgraph.corpus.corpus.Corpus.summary`
    unless there is an error (or, with ``strict``, a warning), and the sorted list of problems. With ``cache``, the
    items of files that have not changed are not even rebuilt unless a check of a changed file reads them.

    >>> survey("seeds")
    ('2 sources, 3 persons, 10 organizations, 4 groups, 13 places, 26 events, 20 relations', [])
    """
    with collector_paused():
        counted, problems = _read(path, progress, cache, whole=False)
    return (None if strict and problems else counted), problems


def read(
    path: str | os.PathLike[str], progress: bool = False, strict: bool = False, cache: bool = False
) -> tuple[Corpus | None, list[Problem]]:
    """Read the corpus at ``path``: the corpus unless there is an error (or, with ``strict``, a warning), and the
    sorted list of problems (warnings keep their severity, so they can be shown as warnings). With ``cache``, a
    folder's files that have not changed since the last reading are not read and validated again (see
    :mod:`kgraph.corpus.cache`): the result is the same."""
    with collector_paused():
        corpus, problems = _read(path, progress, cache, whole=True)
    return (None if strict and problems else corpus), problems


def _as_errors(problems: list[Problem]) -> list[Problem]:
    return [p._replace(severity="error") for p in problems]


@overload
def _read(
    path: str | os.PathLike[str], progress: bool, cache: bool, whole: Literal[True]
) -> tuple[Corpus | None, list[Problem]]: ...
@overload
def _read(
    path: str | os.PathLike[str], progress: bool, cache: bool, whole: Literal[False]
) -> tuple[str | None, list[Problem]]: ...
def _read(
    path: str | os.PathLike[str], progress: bool, cache: bool, whole: bool
) -> tuple[Corpus | str | None, list[Problem]]:
    """The corpus (``whole``) or its summary, and the problems."""
    given = corpus_path(path)
    root = given if given.is_dir() else given.parent
    files, vocabulary, problems = find(given)
    terms = DEFAULT
    if vocabulary is not None:  # first, as every file is checked against its terms (imported only when needed)
        from kgraph.corpus.vocabulary_file import read_vocabulary

        terms, vocabulary_problems = read_vocabulary(vocabulary)
        problems += vocabulary_problems
    if not files and given != vocabulary:
        suffixes = ", ".join("*" + s for s in ANNOTATION_SUFFIXES)
        return None, [*problems, Problem(str(given), 0, f"no annotation files ({suffixes}) found")]
    records: list[Record] = []
    unread: list[str] = []  # files of which nothing could be read: the ids they define are not known
    store = _open_cache(given, terms) if cache and given.is_dir() else None
    with using(terms):
        for file in show_progress(files, progress, "reading"):
            count, found = len(records), _read_file(file, str(file), records, store, lazy=not whole)
            if len(records) == count and any(p.is_error and not p.message.startswith(EMPTY) for p in found):
                unread.append(str(file))
            problems += found
        with nullcontext() if store is None else store.writing():  # the new entries, while the rest is done
            texts, text_problems, text_files = read_texts(records, root)
            problems += text_problems
            checked = check(records, texts, unread=unread) if store is None else _checked(records, texts, store, unread)
            problems += noted(checked, given)  # the first unknown id names the files in the folder above, if any
            if not whole:
                counted, merge_problems = summary(records)
                problems = sorted(set(problems + merge_problems))
                return (None if any(p.is_error for p in problems) else counted), problems
            real = RealPaths()
            inputs = frozenset(real(f) for f in (*files, *text_files, *([vocabulary] if vocabulary else [])))
            corpus, merge_problems = corpus_of(root, records, texts, inputs, terms)  # merged even so: all problems
    problems = sorted(set(problems + merge_problems))
    if any(p.is_error for p in problems):
        return None, problems
    corpus.warnings = tuple(problems)
    return corpus, problems


def _open_cache(folder: Path, terms: Terms) -> FileCache | None:
    from kgraph.corpus.cache import FileCache, context_key, enabled

    return FileCache.open(folder, context_key(repr(terms))) if enabled() else None


def _checked(records: list[Record], texts: dict[str, str], store: FileCache, unread: list[str]) -> list[Problem]:
    from kgraph.corpus.check_cache import checked

    return checked(records, texts, store, unread)


def _read_file(
    file: Path, display: str, records: list[Record], store: FileCache | None = None, lazy: bool = False
) -> list[Problem]:
    raw, reason = read_bounded(file, MAX_ANNOTATION_BYTES)
    if raw is None:
        return [Problem(display, 0, f"{reason}; not read")]
    first = len(records)
    found = None if store is None else store.get(display, file, raw, lazy)
    if found is not None:  # its models share their sets of given fields already (see cache_codec)
        records += found[0]
        return found[1]
    problems = _parse_and_validate(file, display, raw, records)
    for record in records[first:]:
        if isinstance(record.item, Model):
            _share_fields_set(record.item)
    if store is not None:
        store.put(display, raw, records[first:], problems, later=True)
    return problems


#: One set for all the models given the same fields: pydantic keeps a set of them on each model (which fields
#: were given, for ``model_fields_set``), as large as the model's own data. The sets are never changed in place: a
#: frozen model cannot be, and ``model_copy`` copies the set before adding to it.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _share_fields_set(model: Model) -> None:
    """Give ``model``, and every model inside it, the one set of its fields given that others share."""
    given = model.__pydantic_fields_set__
    object.__setattr__(model, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(given), given))
    fields = model.__dict__
    for name in _nested(type(model)):
        value = fields[name]
        for item in value if type(value) is list else (value,):
            if isinstance(item, Model):
                _share_fields_set(item)


@lru_cache(maxsize=64)
def _nested(model: type[Model]) -> tuple[str, ...]:
    """The fields of ``model`` that hold models, or lists of them."""

    def holds_model(kind: Any) -> bool:
        return (isinstance(kind, type) and issubclass(kind, Model)) or any(map(holds_model, get_args(kind)))

    return tuple(name for name, field in model.model_fields.items() if holds_model(field.annotation))


def _parse_and_validate(file: Path, display: str, raw: bytes, records: list[Record]) -> list[Problem]:
    text, problems = decode(raw, display)
    if text is None:
        return problems
    items, problems = (jsonl_items if file.suffix == ".jsonl" else yaml_items)(text, display)
    sources = [item for item in items if item.section == "source"]
    for extra in sources[1:]:
        problems.append(
            Problem(display, extra.lines.line(extra.loc), "a file annotates one source; this is a second one")
        )
    source_id, folder = (_id_of(sources[0].data) if sources else None), file.parent  # the folder made once a file
    for item in items:
        model = Source if item.section == "source" else SECTIONS[item.section]
        kind = "source" if item.section == "source" else ENTITY_SECTIONS.get(item.section, item.section.rstrip("s"))
        default = None if kind == "source" else source_id
        unreadable = bool(problems) and _contains_unreadable(item.data)  # already reported where the YAML was read
        valid = None if unreadable else _validate(model, item.data, item.loc, display, item.lines, problems, default)
        if valid is not None:
            records.append(Record(valid, kind, display, item.loc, item.lines, folder))
        elif (item_id := _id_of(item.data)) and kind != "relation":  # keep the id known: references to it are fine
            parts = None if unreadable else partial(model, item.data)  # its valid parts are still checked
            records.append(Record(Invalid(item_id, parts), kind, display, item.loc, item.lines, folder))
    return problems


def _contains_unreadable(value: Any) -> bool:
    if value is UNREADABLE:
        return True
    if isinstance(value, dict):
        return any(_contains_unreadable(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_unreadable(v) for v in value)
    return False


def _id_of(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def _validate(
    model: type[Model],
    data: Any,
    loc: tuple[str | int, ...],
    display: str,
    lines: LineMap,
    problems: list[Problem],
    source_id: str | None,
) -> Any:
    if isinstance(data, dict) and model is Addition and isinstance(data.get("source"), str):
        source_id = data["source"]  # what an addition says stands on its own source, in a registry too
    if source_id is not None and isinstance(data, dict):
        data = _with_default_source(data, source_id, model is Addition)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = (*loc, *error["loc"])
            problems.append(Problem(display, lines.line(where), message(error, where)))
        return None


def _with_default_source(data: dict[str, Any], source_id: str, addition: bool) -> dict[str, Any]:
    """The item with the ``source`` of its evidence (and of an addition) defaulting to ``source_id``: the file's
    source, or an addition's own. The item is the loader's own copy, so it is changed in place."""
    if addition and data.get("source") is None:
        data["source"] = source_id
    evidence_lists = [data.get("evidence")]
    for name in ("participants", "figures"):
        parts = data.get(name)
        if isinstance(parts, list):
            evidence_lists += [p.get("evidence") for p in parts if isinstance(p, dict)]
    for evidence in evidence_lists:
        if isinstance(evidence, list):
            for item in evidence:
                if isinstance(item, dict) and item.get("source") is None:
                    item["source"] = source_id
    return data
