"""The annotation models: sources, entities, events, relations and the evidence for them.

Models are strict (an unknown field is an error) and frozen. Every field has a
description; the JSON Schema in ``schemas/`` is generated from them, so the
descriptions are also what an editor shows while someone types. The field types
(ids, names, texts, vocabulary terms) are in :mod:`kgraph.annotations.fields`.

>>> place = Place.model_validate({"id": "shusha", "name": "Shusha", "kind": "city",
...                               "aliases": ["Shushi", {"name": "Şuşa", "lang": "az"}]})
>>> [a.name for a in place.aliases]
['Shushi', 'Şuşa']
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.base import Model
from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.fields import (
    DateBasis,
    EventStatus,
    EventType,
    GroupKind,
    Language,
    Line,
    OrganizationKind,
    PlaceKind,
    Ref,
    RelationTypeName,
    RoleName,
    Slug,
    Text,
)


class Alias(Model):
    """Another name for an entity, optionally tagged with its language. Plain text is accepted too."""

    name: Line = Field(description="The name as written, e.g. 'Shushi' or 'Khankendi'.")
    lang: Language | None = Field(
        None,
        description="BCP 47 language tag of the name, e.g. 'hy' (Armenian), 'az' (Azerbaijani), 'hy-Latn' (Armenian in Latin letters).",
    )
    note: Text | None = Field(None, description="Where the name comes from or how it is used.")
    source: Ref | None = Field(
        None,
        description="Id of the source that gives the name, when a document adds it to an entity defined elsewhere ('additions'); filled in by kgraph.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        as_object = handler(schema)
        return {"anyOf": [{"type": "string", "minLength": 1, "description": "The name alone."}, as_object]}


class Coordinates(Model):
    """A point on the map, in decimal degrees (WGS 84)."""

    # strict: a number, not text and not true/false (which lax validation would take as 1.0 and 0.0)
    lat: float = Field(strict=True, ge=-90, le=90, description="Latitude in decimal degrees, north positive.")
    lon: float = Field(strict=True, ge=-180, le=180, description="Longitude in decimal degrees, east positive.")


_EXTERNAL_ID_PATTERNS = {"wikidata": r"^Q[1-9][0-9]*$", "geonames": r"^[1-9][0-9]*$"}


class Source(Model):
    """A source document: a news article and where its text is."""

    id: Slug = Field(description="Stable id of the source, e.g. '2023-07-blockade'.")
    title: Line = Field(
        description="Title as published. A title supplied by the annotator, when the document has none, is written in square brackets."
    )
    outlet: Line | None = Field(None, description="Publication or outlet that published it, when known.")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        None, description="Web address of the document, when known."
    )
    published: TimeSpan = Field(description="Publication date in EDTF; may be approximate or uncertain.")
    published_basis: DateBasis = Field(description="How the publication date was determined.")
    published_note: Text | None = Field(
        None, description="The reasoning behind the publication date, when it is not stated."
    )
    language: Language = Field(description="BCP 47 language tag of the text, e.g. 'en'.")
    text: Line = Field(description="Path of the document's plain-text file (UTF-8), relative to this annotation file.")
    notes: Text | None = Field(None, description="Anything else about the document: provenance, translation, caveats.")


class Entity(Model):
    """Fields every entity has: an id, a name, other names, a description."""

    id: Slug = Field(description="Stable, readable id, unique across the corpus, e.g. 'gegham-stepanyan'.")
    name: Line = Field(description="The name to show for the entity.")
    aliases: list[Alias] = Field(
        default_factory=list,
        description="Other names, spellings and names in other languages. Lookups find the entity by any of them.",
    )
    description: Text | None = Field(
        None, description="A short description of who or what this is, as the sources present it."
    )
    external_ids: dict[Slug, Line] = Field(
        default_factory=dict,
        description="Identifiers in other databases, e.g. {wikidata: Q227}. Always added by the annotator from general knowledge, never from a source.",
    )
    figures: list[Figure] = Field(
        default_factory=list, description="Numbers the sources give about it, e.g. a town's population."
    )
    notes: Text | None = Field(
        None,
        description="Annotator's notes; say here what was added from general knowledge rather than from the sources.",
    )

    @model_validator(mode="after")
    def _check_external_ids(self) -> Entity:
        for key, value in self.external_ids.items():
            pattern = _EXTERNAL_ID_PATTERNS.get(key)
            if pattern and not re.match(pattern, value):
                raise PydanticCustomError("external_id", f"invalid {key} id {value!r}")
        return self

    @property
    def names(self) -> list[str]:
        """The name followed by every alias."""
        return [self.name, *(a.name for a in self.aliases)]


class Person(Entity):
    """A named individual."""


class Organization(Entity):
    """A state, government body, armed force, agency, movement or other organized actor."""

    kind: OrganizationKind = Field(description="What sort of organization this is.")


class Group(Entity):
    """A collective actor: a population, a crowd, an ethnic group, the international community."""

    kind: GroupKind = Field(description="What sort of collective this is.")


class Place(Entity):
    """A location, possibly inside another place."""

    kind: PlaceKind = Field(description="What sort of place this is.")
    part_of: Ref | None = Field(None, description="Id of the place this one lies within, e.g. a square's city.")
    coordinates: Coordinates | None = Field(None, description="Where it is on the map (a representative point).")


class Participant(Model):
    """An entity taking part in an event, in a role."""

    actor: Ref = Field(description="Id of the person, organization or group (or, for some roles, place) taking part.")
    role: RoleName = Field(description="The part it plays in the event.")
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Evidence for this participant's part specifically, when it differs from the event's (e.g. only one speaker claims who was responsible).",
    )
    note: Text | None = Field(None, description="Anything more about this participant's part.")
    source: Ref | None = Field(
        None,
        description="Id of the source that names this participant, when a document adds it to an event defined elsewhere ('additions'); filled in by kgraph.",
    )


class Event(Model):
    """Something that happened, is happening, or is planned, threatened or predicted."""

    id: Slug = Field(description="Stable, readable id, unique across the corpus.")
    type: EventType = Field(description="What kind of event this is.")
    title: Line = Field(description="A short title, e.g. 'Rally in Renaissance Square'.")
    date: TimeSpan = Field(
        description="When, in EDTF: a day (2023-07-12), month (2023-07), year, interval (2023-06-15/..), approximate (2020-~09) or uncertain (2023-07-?12)."
    )
    date_basis: DateBasis = Field(description="How the date was determined.")
    date_note: Text | None = Field(
        None, description="The words of the source the date rests on, and how they were resolved."
    )
    status: EventStatus = Field(
        "occurred", description="Whether the event occurred, is ongoing, or is planned, threatened or predicted."
    )
    place: Ref | None = Field(None, description="Id of the place where it happens.")
    participants: list[Participant] = Field(default_factory=list, description="Who takes part, each in a role.")
    part_of: Ref | None = Field(None, description="Id of a larger event this one belongs to.")
    description: Text | None = Field(None, description="What happened, in a sentence or two.")
    figures: list[Figure] = Field(
        default_factory=list, description="Numbers the sources give: people killed, displaced, a distance."
    )
    evidence: list[Evidence] = Field(min_length=1, description="Quotes from the sources that report the event.")


class Relation(Model):
    """A typed, directed relation between two entities, optionally limited in time."""

    id: Slug | None = Field(
        None,
        description="Stable id; by default 'subject--type--object'. Give one when two relations would get the same default.",
    )
    type: RelationTypeName = Field(
        description="What the relation is; each type allows certain kinds of subject and object. Types such as 'causes', 'confirms' and 'realizes' link two events."
    )
    subject: Ref = Field(
        description="Id of the entity (or, for links between events, the event) the relation goes from."
    )
    object: Ref = Field(description="Id of the entity (or event) the relation goes to.")
    valid: TimeSpan | None = Field(
        None,
        description="When the relation holds, in EDTF (usually an interval). Omit when the sources do not limit it in time.",
    )
    description: Text | None = Field(None, description="The relation in words.")
    evidence: list[Evidence] = Field(min_length=1, description="Quotes from the sources that support the relation.")

    @property
    def key(self) -> str:
        """The relation's id, given or derived."""
        return self.id or f"{self.subject}--{self.type.replace('_', '-')}--{self.object}"


AnyEntity = Person | Organization | Group | Place


def is_territory(entity: object) -> bool:
    """Whether an entity stands for a territory as well as an actor: an organization of a territorial kind (a state).

    >>> is_territory(Organization(id="armenia", name="Armenia", kind="state"))
    True
    """
    return isinstance(entity, Organization) and entity.kind in vocab.TERRITORIAL_KINDS


def entity_type(entity: Entity) -> str:
    """The vocabulary name of an entity's type: 'person', 'organization', 'group' or 'place'.

    >>> entity_type(Person(id="a", name="A"))
    'person'
    """
    return type(entity).__name__.lower()
