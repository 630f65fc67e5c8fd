"""The seed corpus: valid, faithful to its articles, and complete in what it annotates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

import kgraph
from kgraph.annotations.evidence import Evidence
from kgraph.annotations.models import Event, Organization, Place, Relation
from kgraph.annotations.schema import generate
from kgraph.corpus.yamlfile import parse_yaml

from ..helpers import SEEDS, SHARED

ANNOTATION_FILES = sorted(SEEDS.rglob("*.yaml"))
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def all_evidence(corpus) -> list[tuple[str, Evidence]]:
    """Every evidence item with the id of what it bears on: events, relations, participants and figures."""
    found = []
    for item in [*corpus.events.values(), *corpus.relations.values()]:
        found += [(item.key if isinstance(item, Relation) else item.id, e) for e in item.evidence]
        if isinstance(item, Event):
            found += [(item.id, e) for p in item.participants for e in p.evidence]
    for item in [*corpus.events.values(), *corpus.entities.values()]:
        found += [(item.id, e) for f in item.figures for e in f.evidence]
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


def test_osipyans_words_come_through_armenpress(seeds):
    """He "told Armenpress": every claim of his is relayed by Armenpress, and nobody else's is relayed."""
    relayed = {(e.claimed_by, e.via) for _, e in all_evidence(seeds) if e.via}
    assert relayed == {(("arthur-osipyan",), ("armenpress",))}
    assert all(e.via == ("armenpress",) for _, e in all_evidence(seeds) if e.claimed_by == ("arthur-osipyan",))


def test_the_seeds_deny_nothing(seeds):
    """Neither article reports a denial, so no evidence says it denies or disputes."""
    assert [e.quote for _, e in all_evidence(seeds) if e.denies] == []


def figures_of(item) -> list[tuple[str, str, tuple, str | None, tuple[str, ...], str]]:
    """Each figure as (measure, qualifier, bounds, unit, claimants, quote of its first evidence)."""
    return [
        (
            f.measure,
            f.how,
            f.bounds,
            f.measured_in,
            tuple(c for e in f.evidence for c in e.claimed_by),
            f.evidence[0].quote,
        )
        for f in item.figures
    ]


def test_the_seeds_give_the_numbers_the_articles_give(seeds):
    shusha, stepanakert = seeds.entities["shusha"], seeds.entities["stepanakert"]
    assert figures_of(shusha) == [
        ("population", "about", (20000, 20000), None, (), "this strategic town of about 20,000 inhabitants")
    ]
    # Stepanakert is in the registry; the 2020 article adds its population, stamped with its source.
    assert figures_of(stepanakert) == [
        (
            "population",
            "about",
            (50000, 50000),
            None,
            (),
            "Stepanakert (Khankendi, in Azeri), of about 50,000 inhabitants",
        )
    ]
    assert stepanakert.figures[0].evidence[0].source == "2020-10-shusha-appeal"
    assert figures_of(seeds.entities["population-of-artsakh"]) == [
        (
            "population",
            "exact",
            (120000, 120000),
            None,
            ("gegham-stepanyan",),
            "threatens the lives of 120,000 people of Artsakh",
        )
    ]


def test_the_distances_to_shusha_are_kept_apart_by_who_gives_them(seeds):
    distances = figures_of(seeds.events["azerbaijani-advance-on-shusha"])
    assert [d[:5] for d in distances] == [
        ("distance", "fewer_than", (None, 5), "km", ()),  # the article's own "less than 5 km"
        ("distance", "at_most", (None, 5), "km", ("arayik-harutyunyan",)),  # "at most 5 kilometres"
        ("distance", "exact", (2, 2), "km", ()),  # what "information indicates"
    ]
    assert distances[2][5].startswith(
        "there is information that indicates that the Azerbaijani army is already just 2 km"
    )


def test_the_seeds_link_events_to_what_they_respond_to(seeds):
    links = {(r.subject, r.type, r.object): r for r in seeds.relations.values() if r.type in ("responds_to", "causes")}
    assert set(links) == {
        ("stepanakert-rally", "responds_to", "blockade-of-artsakh"),
        ("stepanyan-appeal-to-icrc", "responds_to", "blockade-of-artsakh"),
        ("harutyunyan-video-appeal", "responds_to", "azerbaijani-advance-on-shusha"),
        ("ban-on-food-and-goods", "causes", "threat-of-starvation"),
    }
    for relation in links.values():
        assert relation.evidence
        assert all(e.quote for e in relation.evidence)
    rally = links["stepanakert-rally", "responds_to", "blockade-of-artsakh"].evidence
    assert [(e.claimed_by, "demanding action to end" in e.quote) for e in rally] == [((), True)]
    appeal = links["stepanyan-appeal-to-icrc", "responds_to", "blockade-of-artsakh"].evidence
    assert [e.claimed_by for e in appeal] == [("gegham-stepanyan",)]


def test_armenia_is_one_state_used_as_a_place(seeds):
    armenia = seeds.entities["armenia"]
    assert isinstance(armenia, Organization)
    assert (armenia.name, armenia.kind, armenia.external_ids) == ("Armenia", "state", {"wikidata": "Q399"})
    assert [e.id for e in seeds.find("Armenia")] == ["armenia"]
    assert not any(
        isinstance(e, Place) and e.kind == "country" and "Armenia" in e.names for e in seeds.entities.values()
    )
    road = seeds.relations["stepanakert-armenia-road--connects--armenia"]
    assert (road.subject, road.object) == ("stepanakert-armenia-road", "armenia")


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
