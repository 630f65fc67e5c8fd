"""The loader's fast paths give what the plain ways gave: whole-word search without a pattern for each name, the
denial cue of a quote told at once when it has none, white space squashed without a pattern; and models given the
same fields share one set of them."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

import kgraph
from kgraph.annotations.base import Model
from kgraph.annotations.vocabulary import DENIAL_CUES
from kgraph.corpus.evidence_checks import squash
from kgraph.corpus.warnings import _DENIAL, _PASSIVE, _REFUSAL, _fold, denial_cue
from kgraph.text import occurs_as_words

from ..helpers import SEEDS

#: Letters, digits and marks of several scripts, the underscore, spaces of several kinds and punctuation.
CHARACTERS = st.sampled_from("aAnN_1٣éĞşЖжΩ漢 \t\n\u00a0\u2003\u1680\x1c\x1f'`’-—.,!?\u0301")
TEXT = st.text(CHARACTERS, max_size=30)


def occurs_as_it_was(name: str, text: str) -> bool:
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@given(TEXT, TEXT, TEXT)
@example("ann", "annual ", "said ann's aide")
@example("a", "", "a٣ or _a or a")
def test_a_name_occurs_as_whole_words_as_the_pattern_says(name, before, after):
    for text in (before + name + after, before + after, name, before):
        assert occurs_as_words(name, text) == occurs_as_it_was(name, text)


def denial_cue_as_it_was(quote: str) -> str | None:
    text = _fold(quote)
    for cue in _DENIAL.finditer(text):
        if not (_PASSIVE.search(text[: cue.start()]) or _REFUSAL.match(text[cue.end() :])):
            return cue.group(0)
    return None


CUES = st.sampled_from([*DENIAL_CUES, "NOT  TRUE", "not\ntrue", "Rejected\tthe claim", "un`true", "Ｄenied"])


@given(st.lists(st.one_of(CUES, TEXT, st.sampled_from(["was", "access", "the", "it"])), max_size=6))
@example(["Baseless ", "accusations"])
@example(["They ", "REFUTED", " it"])
def test_a_quote_reads_as_a_denial_as_it_did(parts):
    quote = " ".join(parts)
    for text in (quote, quote.upper(), quote.title()):
        assert denial_cue(text) == denial_cue_as_it_was(text)


@given(TEXT)
@example(" \u2003two\u00a0words\x1c\n")
def test_white_space_is_squashed_as_the_pattern_did(text):
    assert squash(text) == re.sub(r"\s+", " ", text).strip()


def test_models_given_the_same_fields_share_one_set_of_them():
    corpus = kgraph.load(SEEDS)
    evidence = [e for event in corpus.events.values() for e in event.evidence]
    by_fields: dict[frozenset[str], set[int]] = {}
    for item in evidence:
        by_fields.setdefault(frozenset(item.model_fields_set), set()).add(id(item.model_fields_set))
    assert len(evidence) > len(by_fields)
    assert all(len(ids) == 1 for ids in by_fields.values())
    participants = [p for event in corpus.events.values() for p in event.participants]
    assert len({id(p.model_fields_set) for p in participants}) < len(participants)
    events = list(corpus.events.values())
    assert len({id(e.model_fields_set) for e in events}) < len(events)


def test_a_copy_with_changes_leaves_the_shared_set_as_it_was():
    corpus = kgraph.load(SEEDS)
    first, *others = [e for event in corpus.events.values() for e in event.evidence if not e.note]
    shared = first.model_fields_set
    before = set(shared)
    copied = first.model_copy(update={"note": "a note"})
    assert "note" in copied.model_fields_set
    assert first.model_fields_set == before
    assert all(other.model_fields_set == before for other in others if other.model_fields_set is shared)


def fields_sets(corpus: kgraph.Corpus) -> list[tuple[str, set[str]]]:
    """Every model of the corpus (nested ones too) with the fields it was given, in a fixed order."""
    found: list[tuple[str, set[str]]] = []

    def walk(value: object) -> None:
        if isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, Model):
            found.append((type(value).__name__, set(value.model_fields_set)))
            for item in value.__dict__.values():
                walk(item)

    for table in (corpus.sources, corpus.entities, corpus.events, corpus.relations):
        walk(list(table.values()))
    return found


def test_each_model_says_it_was_given_what_it_was_given(monkeypatch):
    from kgraph.corpus import loader

    shared = fields_sets(kgraph.load(SEEDS))
    monkeypatch.setattr(loader, "_share_fields_set", lambda model: None)
    assert shared == fields_sets(kgraph.load(SEEDS))
    assert len(shared) > 200


def test_real_paths_are_those_path_resolve_gives(tmp_path, monkeypatch):
    from pathlib import Path

    from kgraph.corpus.discover import RealPaths

    (tmp_path / "real" / "inner").mkdir(parents=True)
    (tmp_path / "real" / "inner" / "a.yaml").write_text("a")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "inner" / "b.yaml").symlink_to(tmp_path / "real" / "inner" / "a.yaml")
    (tmp_path / "real" / "up").symlink_to(tmp_path / "real" / "inner")
    monkeypatch.chdir(tmp_path)
    real = RealPaths()
    for name in [
        "linked/inner/a.yaml",
        "linked/inner/b.yaml",
        "real/inner/a.yaml",
        "real/up/a.yaml",
        "real/up/../inner/a.yaml",
        "linked/inner/missing.yaml",
        tmp_path / "linked" / "up" / "b.yaml",
    ]:
        path = Path(name)
        assert real(path) == path.resolve(), name
    assert len(real.folders) == 4  # each folder once; a path with ".." is resolved whole
    for name in ["real/./inner/a.yaml", "linked/inner/.", "real/up/", "real/up/..", "linked//inner/b.yaml", "a.yaml"]:
        assert real.text(name) == str(Path(name).resolve()), name  # as written, not made a Path first


def test_the_checks_make_only_the_texts_whose_quotes_they_check(monkeypatch):
    from kgraph.corpus import checks

    squashed: list[str] = []
    squash_as_it_is = checks.squash
    monkeypatch.setattr(checks, "squash", lambda text: squashed.append(text) or squash_as_it_is(text))
    assert checks.check([], {"a": "a  source text", "b": "another"}) == []
    assert squashed == []  # no quote checked: no text made for it
    assert kgraph.validate(SEEDS) == []
    assert len(squashed) == 2  # the seeds' two sources, once each, as their quotes are checked
