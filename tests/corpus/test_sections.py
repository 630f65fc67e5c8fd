"""An annotation file's sections and JSON Lines record types written in other words: each is an error that says
what was meant, and only a sure reading (another word for it, the singular or the plural) reads its items as
that, so that their own problems are found at once; a mere likeness is only suggested."""

from __future__ import annotations

import pytest

from kgraph.corpus.sections import jsonl_items, yaml_items


@pytest.mark.parametrize(
    ("key", "meant", "read"),
    [
        ("people", "persons", True),
        ("Persons", "persons", True),
        ("location", "places", True),
        ("organisations", "organizations", True),
        ("relation", "relations", True),
        ("plcaes", "places", False),
        ("relatoins", "relations", False),
    ],
)
def test_a_section_in_other_words_says_what_was_meant_and_is_read_only_when_sure(key: str, meant: str, read: bool):
    items, problems = yaml_items(f"{key}:\n  - id: a\n    name: A\n", "f.yaml")
    assert [str(p) for p in problems] == [f"f.yaml:1: unknown section {key!r}; did you mean {meant!r}?"]
    assert [(i.section, i.loc) for i in items] == ([(meant, (key, 0))] if read else [])


@pytest.mark.parametrize(
    ("kind", "meant", "read"),
    [
        ("people", "person", True),
        ("locations", "place", True),
        ("persn", "person", False),
        ("evidence", "event", False),
    ],
)
def test_a_record_type_in_other_words_says_what_was_meant_and_is_read_only_when_sure(kind: str, meant: str, read: bool):
    items, problems = jsonl_items(f'{{"record": "{kind}", "id": "a", "name": "A"}}\n', "f.jsonl")
    assert [str(p) for p in problems] == [f"f.jsonl:1: unknown record type {kind!r}; did you mean {meant!r}?"]
    assert [i.section for i in items] == ([meant + "s"] if read else [])


def test_a_section_like_none_lists_them_all():
    items, problems = yaml_items("notes:\n  - x\n", "f.yaml")
    assert items == []
    assert [str(p) for p in problems] == [
        "f.yaml:1: unknown section 'notes' (one of: source, persons, organizations, groups, places, events, relations,"
        " additions)"
    ]
