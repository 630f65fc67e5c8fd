"""Controlled vocabularies: every kind, type, role and status kgraph knows.

This module is data. The models, the JSON Schema, the validator and (later)
the graph and its exports all read their terms from here, so adding a term is
a one-line change in one place.

Each vocabulary maps a term (a ``snake_case`` word, stable across releases) to
a one-line description that editors show as a tooltip.

>>> "protest" in EVENT_TYPES
True
>>> RELATION_TYPES["capital_of"].subject
('place',)
"""

from __future__ import annotations

from dataclasses import dataclass

#: The four entity types; each has its own list in an annotation file.
ENTITY_TYPES: dict[str, str] = {
    "person": "A named individual.",
    "organization": "A state, government body, armed force, agency, movement or other organized actor.",
    "group": "A collective actor without formal organization: a population, a crowd, an ethnic group, the international community.",
    "place": "A location: a country, region, city, square, bridge, building, road or border.",
}

#: Entity types that can act: take part in events, make claims, hold relations to others.
ACTOR_TYPES: tuple[str, ...] = ("person", "organization", "group")

ORGANIZATION_KINDS: dict[str, str] = {
    "state": "A sovereign or self-proclaimed state acting as a whole.",
    "government": "The executive authorities of a state or territory.",
    "government_body": "A public office or institution: a ministry, an ombudsman, a parliament.",
    "armed_force": "A state's army or another regular armed force.",
    "armed_group": "A non-state armed group or militia.",
    "peacekeeping_force": "A force deployed to keep a ceasefire or peace.",
    "international_organization": "An intergovernmental or international humanitarian organization.",
    "ngo": "A non-governmental organization.",
    "movement": "A civic or political movement.",
    "political_party": "A political party.",
    "news_agency": "A news agency or wire service.",
    "media_outlet": "A newspaper, broadcaster or online news site.",
    "religious_body": "A church or other religious organization.",
    "company": "A business.",
}

GROUP_KINDS: dict[str, str] = {
    "population": "The inhabitants of a place, taken together.",
    "ethnic_group": "People sharing an ethnic or national identity, wherever they live.",
    "crowd": "The people gathered at one event: protesters, participants, onlookers.",
    "international_community": "States and international actors spoken of collectively.",
    "community": "Another collective of people with something in common.",
}

PLACE_KINDS: dict[str, str] = {
    "country": "A country, as a territory.",
    "region": "A region, province or other large area.",
    "district": "An administrative district.",
    "city": "A city.",
    "town": "A town.",
    "village": "A village.",
    "neighbourhood": "A part of a city or town.",
    "square": "A public square.",
    "street": "A street in a settlement.",
    "road": "A road, highway or corridor between places.",
    "bridge": "A bridge.",
    "building": "A building: a church, a headquarters, a hospital.",
    "airport": "An airport or airfield.",
    "border": "A border or a section of one.",
    "checkpoint": "A checkpoint or crossing point.",
    "landmark": "Another named landmark or site.",
}

#: Kinds by entity type; a person has no kind.
ENTITY_KINDS: dict[str, dict[str, str]] = {
    "organization": ORGANIZATION_KINDS,
    "group": GROUP_KINDS,
    "place": PLACE_KINDS,
}

EVENT_TYPES: dict[str, str] = {
    "protest": "A rally, demonstration or other public protest.",
    "march": "A procession of people from one place to another.",
    "appeal": "A call on someone to act: a plea, request or call for help.",
    "statement": "A public statement, declaration or announcement.",
    "accusation": "A public accusation or condemnation of someone.",
    "threat": "A threat to act against someone.",
    "interview": "An interview given to a journalist or outlet.",
    "blockade": "A blockade, siege, closure or ban on movement of people or goods.",
    "military_advance": "A military advance towards or into a place.",
    "attack": "An armed attack, shelling or strike.",
    "capture": "The taking of control of a place.",
    "damage": "Damage to a place or building.",
    "war": "A war or armed conflict as a whole.",
    "ceasefire": "A ceasefire or truce.",
    "negotiation": "Talks or negotiations between parties.",
    "agreement": "A signed or announced agreement.",
    "transport": "Movement of people, cargo or aid.",
    "humanitarian_crisis": "A shortage, famine or other humanitarian emergency.",
    "displacement": "People leaving or being forced from their homes.",
    "founding": "The founding or proclamation of an organization or state.",
    "meeting": "A meeting or gathering that is not a protest.",
    "election": "An election or referendum.",
}

EVENT_STATUSES: dict[str, str] = {
    "occurred": "It happened and is over.",
    "ongoing": "It had begun and had not ended when the source was written.",
    "planned": "An actor says it intends to do it.",
    "threatened": "An actor threatens to do it if a condition is (not) met.",
    "predicted": "Someone expects it may happen; nobody intends it.",
}


@dataclass(frozen=True)
class Role:
    """A participant role and the entity types that may fill it."""

    description: str
    allowed: tuple[str, ...]


ROLES: dict[str, Role] = {
    "agent": Role("Carries the event out.", ACTOR_TYPES),
    "target": Role("The event is directed against it.", (*ACTOR_TYPES, "place")),
    "affected": Role("Affected by the event without being its target.", (*ACTOR_TYPES, "place")),
    "organizer": Role("Organized or called the event.", ACTOR_TYPES),
    "participant": Role("Took part in the event.", ACTOR_TYPES),
    "speaker": Role("Speaks in a statement, appeal or interview.", ACTOR_TYPES),
    "addressee": Role("The one a statement or appeal is addressed to.", ACTOR_TYPES),
    "interviewer": Role("The journalist or outlet an interview is given to.", ACTOR_TYPES),
    "party": Role("A side in a war, talks or an agreement.", ACTOR_TYPES),
    "mediator": Role("Mediates between the parties.", ACTOR_TYPES),
    "beneficiary": Role("The one the event is meant to help.", ACTOR_TYPES),
    "subject": Role("What the event is about: the state founded, the place damaged.", (*ACTOR_TYPES, "place")),
}


@dataclass(frozen=True)
class RelationType:
    """A relation type: the entity types it may connect, and whether it reads the same both ways."""

    description: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    symmetric: bool = False


RELATION_TYPES: dict[str, RelationType] = {
    "holds_office": RelationType(
        "The person holds an office in, or is an official of, the organization.", ("person",), ("organization",)
    ),
    "leads": RelationType("The person leads the organization or group.", ("person",), ("organization", "group")),
    "member_of": RelationType(
        "The subject is a member of the organization or group.", ACTOR_TYPES, ("organization", "group")
    ),
    "represents": RelationType(
        "The subject speaks for, or acts on behalf of, the object.", ACTOR_TYPES, ("organization", "group")
    ),
    "part_of": RelationType("The organization is a unit or branch of the other.", ("organization",), ("organization",)),
    "located_in": RelationType("The subject is based or lives in the place.", (*ACTOR_TYPES, "place"), ("place",)),
    "capital_of": RelationType(
        "The place is the capital of the territory or state.", ("place",), ("place", "organization")
    ),
    "controls": RelationType("The actor holds control of the place.", ("organization", "group"), ("place",)),
    "connects": RelationType("The road, bridge or border links to the place.", ("place",), ("place",)),
    "passes_through": RelationType("The road or route runs through the place.", ("place",), ("place",)),
    "allied_with": RelationType("The two actors are allies.", ACTOR_TYPES, ACTOR_TYPES, symmetric=True),
    "opposes": RelationType("The subject opposes, or calls the object its enemy.", ACTOR_TYPES, ACTOR_TYPES),
    "in_conflict_with": RelationType(
        "The two actors are at war or in armed conflict.",
        ("organization", "group"),
        ("organization", "group"),
        symmetric=True,
    ),
}

#: How a date was determined. Every date in an annotation says which.
DATE_BASES: dict[str, str] = {
    "stated": "The source states the date.",
    "relative": "Resolved from a relative expression ('on Wednesday', 'since yesterday') against the source's publication date.",
    "inferred": "Inferred from other statements in the source.",
    "general_knowledge": "Added by the annotator from outside the source.",
}

#: The vocabularies that model fields are checked against, by the noun used in messages.
VOCABULARIES: dict[str, dict[str, str]] = {
    "organization kind": ORGANIZATION_KINDS,
    "group kind": GROUP_KINDS,
    "place kind": PLACE_KINDS,
    "event type": EVENT_TYPES,
    "event status": EVENT_STATUSES,
    "role": {name: role.description for name, role in ROLES.items()},
    "relation type": {name: rel.description for name, rel in RELATION_TYPES.items()},
    "date basis": DATE_BASES,
}
