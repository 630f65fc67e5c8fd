"""The seed corpus: valid, faithful to its articles, and complete in what it annotates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

import kgraph
from kgraph.annotations.evidence import Evidence
from kgraph.annotations.models import Event, Relation
from kgraph.annotations.schema import generate
from kgraph.corpus.yamlfile import parse_yaml

from ..helpers import SEEDS, SHARED

ANNOTATION_FILES = sorted(SEEDS.rglob("*.yaml"))
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def all_evidence(corpus) -> list[tuple[str, Evidence]]:
    found = []
    for item in [*corpus.events.values(), *corpus.relations.values()]:
        found += [(item.key if isinstance(item, Relation) else item.id, e) for e in item.evidence]
        if isinstance(item, Event):
            found += [(item.id, e) for p in item.participants for e in p.evidence]
    return found


def test_seeds_are_valid():
    assert kgraph.validate(SEEDS) == []


@pytest.mark.parametrize("path", ANNOTATION_FILES, ids=lambda p: p.relative_to(SEEDS).as_posix())
def test_each_file_names_its_schema_and_validates_against_it(path: Path):
    text = path.read_text(encoding="utf-8")
    match = SCHEMA_LINE.match(text.splitlines()[0])
    assert match, "the first line must point editors at the schema"
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path.is_file()
    data, _, problems = parse_yaml(text, str(path))
    assert problems == []
    expected = "document.schema.json" if "source" in data else "registry.schema.json"
    assert schema_path.name == expected
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema == generate()[expected]
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_every_quote_is_verbatim_in_its_source(seeds):
    evidence = all_evidence(seeds)
    assert len(evidence) > 50
    for owner, item in evidence:
        assert squash(item.quote) in squash(seeds.texts[item.source]), (owner, item.quote)


def test_texts_are_the_shared_seed_articles(seeds):
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside this clone (CI always has it)")
    originals = {p.read_bytes() for p in (SHARED / "seeds").glob("*.txt")}
    copies = {(SEEDS / d / "article.txt").read_bytes() for d in ("2020-10-shusha-appeal", "2023-07-blockade")}
    assert copies == originals


def test_size_of_the_corpus(seeds):
    assert len(seeds.entities) > 20
    assert len(seeds.events) > 12
    assert len(seeds.sources) == 2


def test_shared_names_find_one_entity_each(seeds):
    assert seeds.lookup("Shushi").id == "shusha"
    assert seeds.lookup("Khankendi").id == "stepanakert"
    assert [e.id for e in seeds.find("Khankendi")] == ["stepanakert"]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between pairs of curly quotation marks, in order (the articles pair them up this way)."""
    marks = [m.start() for m in re.finditer("[“”]", text)]
    return list(zip(marks[::2], marks[1::2], strict=True))


@pytest.mark.parametrize("source", ["2020-10-shusha-appeal", "2023-07-blockade"])
def test_words_in_quotation_marks_are_attributed(seeds, source):
    """A quote lying inside quotation marks is someone's claim, unless it is a name."""
    text = squash(seeds.texts[source])
    spans = quoted_spans(text)
    names = {n for e in seeds.entities.values() for n in e.names}
    for owner, item in all_evidence(seeds):
        if item.source != source or squash(item.quote) in names:
            continue
        start = text.index(squash(item.quote))
        end = start + len(squash(item.quote))
        if any(a <= start and end <= b + 1 for a, b in spans):
            assert item.claimed_by, (owner, item.quote)


@pytest.mark.parametrize("source", ["2020-10-shusha-appeal", "2023-07-blockade"])
def test_every_quoted_passage_is_annotated(seeds, source):
    """Every passage in quotation marks is used, at least in part, as evidence."""
    text = squash(seeds.texts[source])
    used = []
    for _, item in all_evidence(seeds):
        if item.source == source:
            start = text.index(squash(item.quote))
            used.append((start, start + len(squash(item.quote))))
    for a, b in quoted_spans(text):
        assert any(start < b and a < end for start, end in used), text[a : b + 1]


def test_claims_are_attributed_to_the_speakers(seeds):
    claimants = {c for _, e in all_evidence(seeds) for c in e.claimed_by}
    assert claimants == {"gegham-stepanyan", "arthur-osipyan", "arayik-harutyunyan"}


def test_every_entity_takes_part_in_something(seeds):
    used = set()
    for event in seeds.events.values():
        used |= {p.actor for p in event.participants} | {event.place}
    for relation in seeds.relations.values():
        used |= {relation.subject, relation.object}
    used |= {getattr(e, "part_of", None) for e in seeds.entities.values()}
    assert sorted(set(seeds.entities) - used) == []


def test_recurring_entities_are_shared_by_both_documents(seeds):
    referenced: dict[str, set[str]] = {}
    for event in seeds.events.values():
        for entity in {p.actor for p in event.participants} | {event.place}:
            referenced.setdefault(entity, set()).update(e.source for e in event.evidence)
    for relation in seeds.relations.values():
        for entity in (relation.subject, relation.object):
            referenced.setdefault(entity, set()).update(e.source for e in relation.evidence)
    for entity in ("azerbaijan", "artsakh-republic", "nagorno-karabakh"):
        assert referenced[entity] == {"2020-10-shusha-appeal", "2023-07-blockade"}, entity


def test_dates_say_how_they_were_determined(seeds):
    for event in seeds.events.values():
        if event.date_basis != "stated":
            assert event.date_note, event.id
    for source in seeds.sources.values():
        assert source.published_basis != "stated"
        assert source.published_note


def test_relative_dates_resolve_to_the_right_weekdays(seeds):
    """'on Wednesday' and 'on Thursday' resolve to those weekdays in the publication window."""
    rally = seeds.events["stepanakert-rally"].date
    video = seeds.events["harutyunyan-video-appeal"].date
    assert rally.earliest is not None
    assert rally.earliest.strftime("%A") == "Wednesday"
    assert video.earliest is not None
    assert video.earliest.strftime("%A") == "Thursday"
    for event, source in ((rally, "2023-07-blockade"), (video, "2020-10-shusha-appeal")):
        published = seeds.sources[source].published
        assert published.earliest is not None
        assert published.latest is not None
        assert (published.earliest - event.earliest).days in range(7)


def test_general_knowledge_is_marked(seeds):
    for entity in seeds.entities.values():
        if entity.external_ids or getattr(entity, "coordinates", None):
            assert entity.notes, entity.id
            assert "general knowledge" in entity.notes, entity.id
