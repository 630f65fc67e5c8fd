"""What an annotation file holds: its sections, and additions to what other files define.

A document's file annotates one source; a registry holds what several documents share. Either may add to an
entity, event or relation defined in another file with an ``additions`` item.

>>> sorted(SECTIONS)
['additions', 'events', 'groups', 'organizations', 'persons', 'places', 'relations']
>>> FIELD_PLACES["end"], FIELD_PLACES["stance"]
('an addition', 'evidence')
"""

from __future__ import annotations

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kgraph.annotations.base import Model
from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.fields import EventStatus, ItemRef, Ref, Text
from kgraph.annotations.models import (
    Alias,
    Coordinates,
    Event,
    Group,
    Organization,
    Participant,
    Person,
    Place,
    Relation,
    Source,
)


class Addition(Model):
    """What one document adds to an entity, event or relation defined elsewhere in the corpus, without editing that file.

    Everything added is stamped with this document's source, so the corpus can say what was known when.
    """

    to: ItemRef = Field(
        description="Id of the entity, event or relation added to, wherever in the corpus it is defined."
    )
    source: Ref | None = Field(
        None,
        description="Id of the source that says what is added. In a document's annotation file it defaults to that document.",
    )
    aliases: list[Alias] = Field(
        default_factory=list, description="Further names of an entity, as this source gives them."
    )
    participants: list[Participant] = Field(
        default_factory=list, description="Further participants of an event, as this source reports them."
    )
    figures: list[Figure] = Field(
        default_factory=list, description="Numbers this source gives about the entity or event."
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description="Quotes from this source about the event or relation, with their stance."
    )
    status: EventStatus | None = Field(
        None,
        description="The event's status as this source reports it, e.g. 'occurred' for what an earlier source predicted.",
    )
    date: TimeSpan | None = Field(
        None, description="The event's date as this source gives it, in EDTF, replacing the earlier one."
    )
    end: TimeSpan | None = Field(
        None,
        description="When the event ended, as this source reports it: the end of its date interval ('2020-09-27/..' becomes '2020-09-27/2020-11-10').",
    )
    note: Text | None = Field(None, description="What the addition rests on, or why it is made.")

    @model_validator(mode="after")
    def _check_some(self) -> Addition:
        if not (
            self.aliases or self.participants or self.figures or self.evidence or self.status or self.date or self.end
        ):
            raise PydanticCustomError(
                "addition", "adds nothing: give aliases, participants, figures, evidence, status, date or end"
            )
        if self.date is not None and self.end is not None:
            raise PydanticCustomError("addition", "give 'date' or 'end', not both")
        return self

    @property
    def changes_state(self) -> bool:
        """Whether it changes the event's status or date."""
        return self.status is not None or self.date is not None or self.end is not None


#: Model of each list section of an annotation file, by section name.
SECTIONS: dict[str, type[Model]] = {
    "persons": Person,
    "organizations": Organization,
    "groups": Group,
    "places": Place,
    "events": Event,
    "relations": Relation,
    "additions": Addition,
}

#: Entity type of each entity section.
ENTITY_SECTIONS: dict[str, str] = {
    "persons": "person",
    "organizations": "organization",
    "groups": "group",
    "places": "place",
}
#: Other words annotators write for a section or a record type; the error suggests the word kgraph reads.
SYNONYMS: dict[str, str] = {
    "people": "persons",
    "organisations": "organizations",
    "orgs": "organizations",
    "locations": "places",
    "relationships": "relations",
    "sources": "source",
    "organisation": "organization",
    "location": "place",
    "relationship": "relation",
}
#: The kinds of record that are entities.
ENTITY_KINDS = frozenset(ENTITY_SECTIONS.values())


class RegistryFile(Model):
    """A shared registry: entities, events and relations that several documents refer to."""

    model_config = ConfigDict(title="kgraph registry file")

    persons: list[Person] = Field(default_factory=list, description="Named individuals.")
    organizations: list[Organization] = Field(
        default_factory=list, description="States, government bodies, armed forces, agencies, movements."
    )
    groups: list[Group] = Field(
        default_factory=list,
        description="Collective actors: populations, crowds, ethnic groups, the international community.",
    )
    places: list[Place] = Field(
        default_factory=list, description="Countries, regions, cities, squares, bridges, buildings, roads, borders."
    )
    events: list[Event] = Field(default_factory=list, description="Events, each with its evidence.")
    relations: list[Relation] = Field(
        default_factory=list,
        description="Relations between entities, and links between events (causes, confirms, realizes, ...), each with its evidence.",
    )
    additions: list[Addition] = Field(
        default_factory=list,
        description="Additions to entities, events and relations defined in other files: names, participants, figures, evidence, a later status or end.",
    )


class DocumentFile(RegistryFile):
    """The annotations of one source document: the source and what it reports."""

    model_config = ConfigDict(title="kgraph document annotations")

    source: Source = Field(
        description="The document these annotations are of. Evidence in this file quotes it unless it names another source."
    )


#: What each kind of item is called in messages.
_NOUNS: dict[type[Model], str] = {
    Source: "a source",
    Person: "a person",
    Organization: "an organization",
    Group: "a group",
    Place: "a place",
    Event: "an event",
    Relation: "a relation",
    Addition: "an addition",
    Participant: "a participant",
    Evidence: "evidence",
    Figure: "a figure",
    Alias: "an alias",
    Coordinates: "coordinates",
}

#: Every field name an annotation may use, and the items that take it, in words.
FIELD_PLACES: dict[str, str] = {
    name: " or ".join(dict.fromkeys(noun for model, noun in _NOUNS.items() if name in model.model_fields))
    for name in sorted({name for model in _NOUNS for name in model.model_fields})
}
