"""Synthetic corpora of realistic shape, for benchmarks and tests at scale.

``kgraph synth --events N --seed S OUT`` writes a corpus in kgraph's own
annotation format, so every stage runs on it unchanged: a registry of
entities (persons, organizations, groups and places in proportion, places
inside places, aliases in several languages) and one folder per source
document with its text and annotations. Events have 1 to 5 participants in
roles their kinds allow, dates of mixed precision (days, months, years,
intervals, open intervals, approximate and uncertain dates) and evidence
quoted from the generated text, some of it claimed by an actor and some
denied by another; some events give a figure, and some respond to an earlier
one; relations connect the kinds their types allow. The same N and seed give the same
files, byte for byte.

Files are JSON Lines by default (the bulk format); ``--format yaml`` writes YAML.

>>> files = dict(synthesize(events=40, seed=1))
>>> sorted(files)[:3]
['doc-00000/annotations.jsonl', 'doc-00000/article.txt', 'doc-00001/annotations.jsonl']
>>> files == dict(synthesize(events=40, seed=1))
True
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.files import ENTITY_SECTIONS

EVENTS_PER_DOCUMENT = 20
# fmt: off
_SYLLABLES = ["ka", "ra", "ne", "shu", "to", "mi", "lan", "gor", "va", "zel", "an", "ber", "ti", "os", "yan", "dar", "el", "mur"]
# fmt: on
_LANGS = ["hy", "az", "ru", "en", "fr"]
_ORG_KINDS = list(vocab.ORGANIZATION_KINDS)
_GROUP_KINDS = list(vocab.GROUP_KINDS)
_EVENT_TYPES = list(vocab.EVENT_TYPES)
_STATUSES = ["occurred"] * 6 + ["ongoing", "planned", "threatened", "predicted"]
_ACTOR_ROLES = ["agent", "target", "organizer", "participant", "speaker", "addressee", "party", "beneficiary"]
_RELATIONS = [  # type, subject kinds, object kinds (a subset of what each type allows)
    ("member_of", "person", "organization"),
    ("leads", "person", "organization"),
    ("holds_office", "person", "organization"),
    ("located_in", "organization", "place"),
    ("allied_with", "organization", "organization"),
    ("opposes", "group", "organization"),
    ("controls", "organization", "place"),
    ("represents", "person", "group"),
]


def _name(rng: random.Random, parts: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts)
    )


_SPAN_DAYS = 20 * 365  # events that happened are spread over these days; planned ones come after publication


def _date(rng: random.Random, start: date) -> tuple[str, str]:
    day = start + timedelta(days=rng.randrange(0, _SPAN_DAYS))
    roll = rng.random()
    if roll < 0.55:
        return day.isoformat(), "stated"
    if roll < 0.70:
        return day.isoformat()[:7], "stated"
    if roll < 0.75:
        return str(day.year), "inferred"
    if roll < 0.85:
        end = day + timedelta(days=rng.randrange(1, 200))
        return f"{day.isoformat()}/{end.isoformat()}", "stated"
    if roll < 0.90:
        return f"{day.isoformat()}/..", "relative"
    if roll < 0.95:
        return f"{day.isoformat()[:7]}~", "inferred"
    return f"{day.isoformat()[:8]}?{day.isoformat()[8:]}", "relative"


def _entities(rng: random.Random, count: int) -> dict[str, list[dict[str, Any]]]:
    places, persons, organizations, groups = [], [], [], []
    n_places, n_orgs, n_groups = max(3, count // 5), max(2, count * 3 // 10), max(1, count // 20)
    n_persons = max(1, count - n_places - n_orgs - n_groups)
    for i in range(n_places):
        kind = "country" if i < max(1, n_places // 100) else "region" if i < max(2, n_places // 10) else "city"
        place: dict[str, Any] = {"id": f"place-{i:05d}", "name": f"{_name(rng, 1)} {i}", "kind": kind}
        if kind != "country":
            parent = (
                rng.randrange(0, max(1, n_places // 100))
                if kind == "region"
                else rng.randrange(0, max(2, n_places // 10))
            )
            if parent != i:
                place["part_of"] = f"place-{parent:05d}"
        if rng.random() < 0.3:
            place["aliases"] = [{"name": f"{_name(rng, 1)} p{i}", "lang": rng.choice(_LANGS)}]
        places.append(place)
    for i in range(n_persons):
        person: dict[str, Any] = {"id": f"person-{i:05d}", "name": f"{_name(rng, 2)} {i}"}
        if rng.random() < 0.2:
            person["aliases"] = [f"{_name(rng, 1)} a{i}"]
        persons.append(person)
    for i in range(n_orgs):
        organizations.append(
            {
                "id": f"org-{i:05d}",
                "name": f"{_name(rng, 2)} Council {i}",
                "kind": rng.choice(_ORG_KINDS),
                "description": f"A synthetic organization, number {i}.",
            }
        )
    for i in range(n_groups):
        groups.append(
            {"id": f"group-{i:05d}", "name": f"People of {_name(rng, 1)} {i}", "kind": rng.choice(_GROUP_KINDS)}
        )
    return {"persons": persons, "organizations": organizations, "groups": groups, "places": places}


def synthesize(events: int, seed: int = 0, fmt: str = "jsonl") -> Iterator[tuple[str, str]]:
    """The files of a synthetic corpus, as (relative path, text) pairs in a fixed order."""
    rng = random.Random(seed)
    entities = _entities(rng, max(20, events // 5))
    actors = [e["id"] for section in ("persons", "organizations", "groups") for e in entities[section]]
    by_kind = {
        k: [e["id"] for e in entities[s]]
        for k, s in (("person", "persons"), ("organization", "organizations"), ("group", "groups"), ("place", "places"))
    }
    names = {e["id"]: e["name"] for section in entities.values() for e in section}
    yield _file("registry", fmt, None, entities)
    start = date(2004, 1, 1)
    documents = max(1, -(-events // EVENTS_PER_DOCUMENT))
    number = 0
    for d in range(documents):
        doc_id = f"doc-{d:05d}"
        # published after everything it reports as having happened, before what it reports as planned
        published = start + timedelta(days=_SPAN_DAYS + 260 + d % 365)
        sentences: list[str] = []
        doc_events: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        for _ in range(min(EVENTS_PER_DOCUMENT, events - number)):
            _event(rng, number, _Context(actors, by_kind, names, start, published), sentences, doc_events, relations)
            number += 1
        source = {
            "id": doc_id,
            "title": f"Synthetic report {d}",
            "published": published.isoformat(),
            "published_basis": "stated",
            "language": "en",
            "text": "article.txt",
        }
        yield f"{doc_id}/article.txt", " ".join(sentences) + "\n"
        yield _file(f"{doc_id}/annotations", fmt, source, {"events": doc_events, "relations": relations})


@dataclass(frozen=True)
class _Context:
    """What every event of a document draws on: the actors, the entities by kind, their names, the dates."""

    actors: list[str]
    by_kind: dict[str, list[str]]
    names: dict[str, str]
    start: date
    published: date


def _event(
    rng: random.Random,
    number: int,
    context: _Context,
    sentences: list[str],
    doc_events: list[dict[str, Any]],
    relations: list[dict[str, Any]],
) -> None:
    """Add one synthetic event to a document: its sentences, the event, and the relations it brings."""
    actors, by_kind, names, start, published = (getattr(context, f) for f in _Context.__dataclass_fields__)  # no copy
    status = rng.choice(_STATUSES)
    edtf, basis = _date(rng, start if status in ("occurred", "ongoing") else published + timedelta(days=40))
    chosen = rng.sample(actors, rng.randint(1, 5))
    participants = [{"actor": a, "role": rng.choice(_ACTOR_ROLES)} for a in chosen]
    title = f"{rng.choice(_EVENT_TYPES).replace('_', ' ').capitalize()} number {number}"
    quote = f"In event {number}, {names[chosen[0]]} acted near {_name(rng, 1)}."
    sentences.append(quote)
    evidence: list[dict[str, Any]] = [{"quote": quote}]
    if rng.random() < 0.3:
        claim = f"Event {number} happened, said {names[chosen[-1]]}."
        sentences.append(claim)
        evidence.append({"quote": claim, "claimed_by": chosen[-1]})
        if len(chosen) > 1 and rng.random() < 0.2:
            denial = f"Event {number} never happened, said {names[chosen[0]]}."
            sentences.append(denial)
            evidence.append({"quote": denial, "claimed_by": chosen[0], "stance": "denies"})
    figures: list[dict[str, Any]] = []
    if rng.random() < 0.1:
        count = rng.randint(1, 60)
        sentence = f"In event {number}, {count} people were killed."
        sentences.append(sentence)
        figures.append({"measure": "killed", "value": count, "evidence": [{"quote": sentence}]})
    event: dict[str, Any] = {
        "id": f"ev-{number:06d}",
        "type": rng.choice(_EVENT_TYPES),
        "title": title,
        "date": edtf,
        "date_basis": basis,
        "status": status,
        "participants": participants,
        "evidence": evidence,
    }
    if figures:
        event["figures"] = figures
    if basis != "stated":
        event["date_note"] = "Synthetic."
    if rng.random() < 0.8:
        event["place"] = rng.choice(by_kind["place"])
    if doc_events and rng.random() < 0.05:
        earlier = rng.choice(doc_events)["id"]
        sentence = f"Event {number} answered an earlier one."
        sentences.append(sentence)
        relations.append(
            {
                "type": "responds_to",
                "subject": event["id"],
                "object": earlier,
                "evidence": [{"quote": sentence}],
            }
        )
    doc_events.append(event)
    if rng.random() < 0.2:
        kind, subject_kind, object_kind = rng.choice(_RELATIONS)
        subject, obj = rng.choice(by_kind[subject_kind]), rng.choice(by_kind[object_kind])
        if subject != obj:
            sentence = f"Relation {number}: {names[subject]} and {names[obj]}."
            sentences.append(sentence)
            relations.append(
                {
                    "id": f"rel-{number:06d}",
                    "type": kind,
                    "subject": subject,
                    "object": obj,
                    "evidence": [{"quote": sentence}],
                }
            )


_RECORD = {**ENTITY_SECTIONS, "events": "event", "relations": "relation"}


def _file(
    stem: str, fmt: str, source: dict[str, Any] | None, sections: dict[str, list[dict[str, Any]]]
) -> tuple[str, str]:
    if fmt == "jsonl":
        lines = [] if source is None else [json.dumps({"record": "source", **source}, ensure_ascii=False)]
        lines += [
            json.dumps({"record": _RECORD[s], **item}, ensure_ascii=False)
            for s, items in sections.items()
            for item in items
        ]
        return f"{stem}.jsonl", "\n".join(lines) + "\n"
    import yaml

    from kgraph.corpus.yamlfile import QuotingDumper

    schema = "document" if source is not None else "registry"
    depth = "../" * stem.count("/")
    body = yaml.dump(
        {**({"source": source} if source else {}), **sections},
        Dumper=QuotingDumper,
        allow_unicode=True,
        sort_keys=False,
        width=120,
    )
    return f"{stem}.yaml", f"# yaml-language-server: $schema={depth}../schemas/{schema}.schema.json\n{body}"


def write(out: str | os.PathLike[str], events: int, seed: int = 0, fmt: str = "jsonl", progress: bool = False) -> int:
    """Write a synthetic corpus into folder ``out``; returns the number of files written.

    A folder or file that cannot be written is an :class:`~kgraph.output.OutputError`.
    """
    from kgraph.output import error, write_text
    from kgraph.perf import progress as show_progress

    count = 0
    files = 1 + 2 * max(1, -(-events // EVENTS_PER_DOCUMENT))
    for relative, text in show_progress(synthesize(events, seed, fmt), progress, "writing", files):
        path = Path(out) / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise error(path.parent, exc) from None
        write_text(path, text)
        count += 1
    return count
