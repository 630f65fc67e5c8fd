"""Controlled vocabularies: every kind, type, role and status kgraph knows.

This module is data: the models, the JSON Schema, the checks, the graph and its exports read their terms from
here. Each vocabulary maps a term (a ``snake_case`` word, stable across releases) to a one-line description,
which editors show as a tooltip, or to a record that holds one.

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
    "state": "A sovereign or self-proclaimed state acting as a whole; it stands for its territory too.",
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


@dataclass(frozen=True)
class EventKind:
    """An event type: what it means, and the nearest terms of the ACLED and CAMEO codebooks.

    ``acled`` is ACLED's event type and sub-event type, for the events ACLED records (political violence,
    protests and strategic developments); ``cameo`` is the CAMEO root code (``"01"`` to ``"20"``) GDELT uses.
    Either is None where no term fits.
    """

    description: str
    acled: tuple[str, str] | None = None
    cameo: str | None = None


_STRATEGIC, _REMOTE, _CIVILIANS = "Strategic developments", "Explosions/Remote violence", "Violence against civilians"
_TRANSFER, _CHANGE = "Non-violent transfer of territory", "Change to group/activity"

# fmt: off
EVENT_TYPES: dict[str, EventKind] = {
    "protest": EventKind("A rally, demonstration or other public protest.", ("Protests", "Peaceful protest"), "14"),
    "march": EventKind("A procession of people from one place to another.", ("Protests", "Peaceful protest"), "14"),
    "appeal": EventKind("A call on someone to act: a plea, request or call for help.", None, "02"),
    "statement": EventKind("A public statement, declaration or announcement.", None, "01"),
    "accusation": EventKind("A public accusation or condemnation of someone.", None, "11"),
    "threat": EventKind("A threat to act against someone.", None, "13"),
    "interview": EventKind("An interview given to a journalist or outlet.", None, "01"),
    "blockade": EventKind("A blockade, siege, closure or ban on movement of people or goods.", (_STRATEGIC, "Other"), "17"),
    "military_advance": EventKind("A military advance towards or into a place.", ("Battles", "Armed clash"), "15"),
    "attack": EventKind("An armed attack or assault on people or positions.", ("Battles", "Armed clash"), "19"),
    "shelling": EventKind("Shelling, a missile, air or drone strike.", (_REMOTE, "Shelling/artillery/missile attack"), "19"),
    "killing": EventKind("The killing of people, reported as deaths rather than a battle.", (_CIVILIANS, "Attack"), "18"),
    "capture": EventKind("The taking of control of a place.", ("Battles", "Non-state actor overtakes territory"), "19"),
    "withdrawal": EventKind("Forces or authorities leaving a place or handing it over.", (_STRATEGIC, _TRANSFER), "08"),
    "damage": EventKind("Damage to a place or building.", (_STRATEGIC, "Looting/property destruction"), None),
    "war": EventKind("A war or armed conflict as a whole.", None, "19"),
    "ceasefire": EventKind("A ceasefire or truce.", (_STRATEGIC, "Agreement"), "08"),
    "negotiation": EventKind("Talks or negotiations between parties.", None, "04"),
    "agreement": EventKind("A signed or announced agreement.", (_STRATEGIC, "Agreement"), "05"),
    "decree": EventKind("An order, decree or law issued by an authority.", None, None),
    "dissolution": EventKind("The dissolution of an organization, state or institution.", (_STRATEGIC, _CHANGE), None),
    "transport": EventKind("Movement of people, cargo or aid.", None, None),
    "humanitarian_crisis": EventKind("A shortage, famine or other humanitarian emergency.", None, None),
    "displacement": EventKind("People leaving or being forced from their homes.", None, None),
    "evacuation": EventKind("The organized removal of people from a place for their safety.", None, "07"),
    "communications_disruption": EventKind("A cut in telephone, internet, power or other links.", (_STRATEGIC, "Other"), "17"),
    "founding": EventKind("The founding or proclamation of an organization or state.", None, None),
    "meeting": EventKind("A meeting or gathering that is not a protest.", None, "04"),
    "election": EventKind("An election or referendum.", None, None),
}
# fmt: on

EVENT_STATUSES: dict[str, str] = {
    "occurred": "It happened and is over.",
    "ongoing": "It had begun and had not ended when the source was written.",
    "planned": "An actor says it intends to do it.",
    "ordered": "An authority has ordered it to be done.",
    "demanded": "An actor demands that it be done.",
    "threatened": "An actor threatens to do it if a condition is (not) met.",
    "predicted": "Someone expects it may happen; nobody intends it.",
}

#: Statuses of an event that had not happened when the source reported it.
NOT_YET: tuple[str, ...] = ("planned", "ordered", "demanded", "threatened", "predicted")

#: Where an evidence item stands on the fact it is attached to.
STANCES: dict[str, str] = {
    "supports": "The quote asserts the fact (the default).",
    "denies": "The quote denies the fact: the claimant says it is not so.",
    "disputes": "The quote questions the fact or gives another version of it, without denying it outright.",
}

#: Event types of saying something: their evidence may quote a denial as what was said.
SPEECH_EVENT_TYPES: tuple[str, ...] = ("statement", "interview", "accusation", "appeal", "threat")
#: Words that mark a quote as a denial; evidence with one of them that does not say ``stance: denies`` is warned about.
# fmt: off
DENIAL_CUES: tuple[str, ...] = (
    "deny", "denies", "denied", "denying", "denial", "refute", "refutes", "refuted", "rejected the claim",
    "dismissed the claim", "not true", "untrue", "baseless",
)
# fmt: on


@dataclass(frozen=True)
class Measure:
    """A quantity that figures report: what it counts, its units, whether totals make sense.

    ``units`` lists the units it may be given in, the first the default: none for a count of people, None for any.
    """

    description: str
    units: tuple[str, ...] | None = ()
    summable: bool = True


MEASURES: dict[str, Measure] = {
    "killed": Measure("People killed."),
    "wounded": Measure("People wounded or injured."),
    "missing": Measure("People missing."),
    "detained": Measure("People detained, arrested or taken captive."),
    "displaced": Measure("People displaced from their homes."),
    "evacuated": Measure("People evacuated."),
    "crowd": Measure("People taking part, e.g. in a protest."),
    "population": Measure("People living in a place or belonging to a group.", summable=False),
    "distance": Measure("A distance between places or positions.", ("km", "m"), summable=False),
    "area": Measure("An area of land.", ("km2", "ha"), summable=False),
    "duration": Measure("How long something lasts or lasted.", ("days", "hours", "months", "years"), summable=False),
    "quantity": Measure("An amount of goods, vehicles or aid, in the unit given (e.g. trucks, tonnes).", None),
}

#: How a figure's number relates to the true one.
QUALIFIERS: dict[str, str] = {
    "exact": "Exactly this number (the default for a single value).",
    "about": "Approximately this number ('about 20,000', 'some 50').",
    "at_least": "At least this number ('at least 200').",
    "more_than": "More than this number ('more than 200').",
    "at_most": "At most this number ('at most 5 km').",
    "fewer_than": "Fewer than this number ('fewer than 10').",
    "between": "Between the minimum and maximum given ('between 2 and 5 km').",
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


_COLLECTIVE = ("organization", "group")


def _between_events(description: str, symmetric: bool = False) -> RelationType:
    return RelationType(description, ("event",), ("event",), symmetric)


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
        "The two actors are at war or in armed conflict.", _COLLECTIVE, _COLLECTIVE, symmetric=True
    ),
    "causes": _between_events("The subject event caused, or contributed to, the object event."),
    "responds_to": _between_events("The subject event is a response to the object event."),
    "follows": _between_events("The subject event comes after the object event and continues it."),
    "confirms": _between_events("The subject, a later report, confirms that the claimed object event happened."),
    "realizes": _between_events("The subject is what a planned, ordered, threatened or predicted event became."),
    "contradicts": _between_events("The two events (usually statements) say opposite things.", symmetric=True),
}

#: Organization kinds that stand for a territory too: one may be where an event happens, what a place lies in.
TERRITORIAL_KINDS: tuple[str, ...] = ("state",)

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
    "event type": {name: kind.description for name, kind in EVENT_TYPES.items()},
    "event status": EVENT_STATUSES,
    "role": {name: role.description for name, role in ROLES.items()},
    "relation type": {name: rel.description for name, rel in RELATION_TYPES.items()},
    "date basis": DATE_BASES,
    "stance": STANCES,
    "measure": {name: m.description for name, m in MEASURES.items()},
    "qualifier": QUALIFIERS,
}
