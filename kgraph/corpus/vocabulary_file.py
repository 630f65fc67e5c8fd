"""A corpus's own terms: ``vocabulary.yaml`` at the corpus folder, read and checked into a :class:`Terms`.

A section for each vocabulary a corpus may extend, each term a new ``snake_case`` word; :class:`VocabularyFile`.

>>> terms, problems = vocabulary_terms({"place_kinds": {"camp": {"description": "A refugee camp."}}})
>>> terms.descriptions("place kind")["camp"], problems
('A refugee camp.', [])
>>> print(*vocabulary_terms({"place_kinds": {"town": {"description": "A town."}}})[1])
vocabulary.yaml:1: place_kinds.town: 'town' is already a kgraph place kind; a corpus adds only new terms
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, WithJsonSchema, field_validator
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.base import Model
from kgraph.annotations.fields import LINE_PATTERN, Line
from kgraph.annotations.terms import DEFAULT, Terms
from kgraph.corpus.discover import MAX_ANNOTATION_BYTES, read_bounded
from kgraph.corpus.yamlfile import UNREADABLE, LineMap, decode, parse_yaml
from kgraph.errors import Problem
from kgraph.text import Suggester, did_you_mean

#: The vocabulary each section of the file adds to, by section.
# fmt: off
SECTIONS: dict[str, str] = {
    "event_types": "event type", "event_statuses": "event status", "roles": "role", "relation_types": "relation type",
    "measures": "measure", "organization_kinds": "organization kind", "group_kinds": "group kind",
    "place_kinds": "place kind",
}
TERM_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
_CAMEO_PATTERN = r"^(?:0[1-9]|1[0-9]|20)$"
#: ACLED's event types and the sub-event types of each (ACLED codebook, 2019 on).
ACLED: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
# fmt: on
AcledType = Literal[
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"
]
EntityType = Literal["person", "organization", "group", "place"]
End = Literal["person", "organization", "group", "place", "event"]
_SUBS = [sub for subs in ACLED.values() for sub in subs]


@dataclass(frozen=True)
class _New:
    """Annotation for the name of a term a corpus adds to a vocabulary: a ``snake_case`` word kgraph's lacks."""

    vocabulary: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        own, name = vocab.VOCABULARIES[self.vocabulary], self.vocabulary
        message = "'{term}' is already a kgraph {name}; a corpus adds only new terms"

        def new(term: str) -> str:
            if term in own:
                raise PydanticCustomError("kgraph_term", message, {"term": term, "name": name})
            return term

        text = core_schema.str_schema(pattern=TERM_PATTERN, max_length=60)
        return core_schema.no_info_after_validator_function(new, text)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: Any) -> dict[str, Any]:
        own = list(vocab.VOCABULARIES[self.vocabulary])
        # the pattern inside allOf: at the top, pydantic would make it patternProperties and leave other names free
        return {"type": "string", "maxLength": 60, "allOf": [{"pattern": TERM_PATTERN}], "not": {"enum": own}}


class Term(Model):
    """A term a corpus adds: what it means."""

    description: Line = Field(description="What the term means, in one line: editors show it beside the term.")


class EventTypeTerm(Term):
    """An event type a corpus adds, with the nearest ACLED and CAMEO terms where one fits."""

    acled: tuple[AcledType, Annotated[Line, WithJsonSchema({"type": "string", "enum": _SUBS})]] | None = Field(
        None, description="ACLED's event type and sub-event type for such events, e.g. [Protests, Peaceful protest]."
    )
    cameo: Annotated[
        str | None,
        BeforeValidator(lambda code: f"{code:02d}" if type(code) is int else code),  # 'cameo: 4' is '04'
        Field(pattern=_CAMEO_PATTERN),
        WithJsonSchema({"anyOf": [{"type": "string", "pattern": _CAMEO_PATTERN}, {"type": "integer"}]}),
    ] = Field(None, description="The CAMEO root code (01 to 20) GDELT gives such events, e.g. '14' for a protest.")

    @field_validator("acled")
    @classmethod
    def _acled_pair(cls, pair: tuple[str, str] | None) -> tuple[str, str] | None:
        if pair and pair[1] not in ACLED[pair[0]]:
            text = f"ACLED has no sub-event type {pair[1]!r} under {pair[0]!r}{did_you_mean(pair[1], ACLED[pair[0]])}"
            raise PydanticCustomError("acled", "{text}", {"text": text})
        return pair


class RoleTerm(Term):
    """A participant role a corpus adds, with the entity types that may fill it."""

    allowed: tuple[EntityType, ...] = Field(min_length=1, description="The entity types that may take this role.")


class RelationTypeTerm(Term):
    """A relation type a corpus adds: what it may connect, and whether it reads the same both ways."""

    subject: tuple[End, ...] = Field(min_length=1, description="What the subject may be: entity types, or event.")
    object: tuple[End, ...] = Field(min_length=1, description="What the object may be: entity types, or event.")
    symmetric: bool = Field(False, description="Whether the relation reads the same both ways (allied_with).")


class MeasureTerm(Term):
    """A measure a corpus adds, for figures."""

    units: Annotated[
        tuple[Annotated[str, Field(pattern=LINE_PATTERN)], ...] | None,
        BeforeValidator(lambda units: None if units == "any" else (units,) if isinstance(units, str) else units),
        WithJsonSchema(
            {"anyOf": [{"const": "any"}, {"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
        ),
    ] = Field((), description="Its units, the first the default; none for a count of people; 'any' for any unit.")
    summable: bool = Field(True, description="Whether figures of it add up to a total (a count of killed does).")


def _of(name: str) -> Any:
    return Field(None, description=f"{name} the corpus adds: each term a new snake_case word, with its description.")


class VocabularyFile(Model):
    """A corpus's own terms (``vocabulary.yaml`` at the corpus folder): each a new snake_case word with a description."""

    event_types: dict[Annotated[str, _New("event type")], EventTypeTerm] | None = _of("Event types")
    event_statuses: dict[Annotated[str, _New("event status")], Term] | None = _of("Event statuses")
    roles: dict[Annotated[str, _New("role")], RoleTerm] | None = _of("Participant roles")
    relation_types: dict[Annotated[str, _New("relation type")], RelationTypeTerm] | None = _of("Relation types")
    measures: dict[Annotated[str, _New("measure")], MeasureTerm] | None = _of("Measures of figures")
    organization_kinds: dict[Annotated[str, _New("organization kind")], Term] | None = _of("Organization kinds")
    group_kinds: dict[Annotated[str, _New("group kind")], Term] | None = _of("Group kinds")
    place_kinds: dict[Annotated[str, _New("place kind")], Term] | None = _of("Place kinds")


def read_vocabulary(path: Path | None) -> tuple[Terms, list[Problem]]:
    """The terms of a corpus whose ``vocabulary.yaml`` is at ``path`` (kgraph's own for None), and its problems.

    >>> read_vocabulary(None) == (DEFAULT, [])
    True
    """
    if path is None:
        return DEFAULT, []
    display = str(path)
    raw, reason = read_bounded(path, MAX_ANNOTATION_BYTES)
    if raw is None:
        return DEFAULT, [Problem(display, 0, f"{reason}; not read")]
    text, problems = decode(raw, display)
    if text is None:
        return DEFAULT, problems
    data, lines, problems = parse_yaml(text, display)
    if data is None:
        empty = "file is empty: expected sections such as event_types, roles, place_kinds"
        return DEFAULT, problems or [Problem(display, 0, empty)]
    terms, more = vocabulary_terms(data, lines, display)
    return terms, problems + more


def vocabulary_terms(
    data: Any, lines: LineMap | None = None, display: str = "vocabulary.yaml"
) -> tuple[Terms, list[Problem]]:
    """kgraph's terms with those of a vocabulary file's ``data``, and every problem in it (with its line in ``lines``).

    Where a term is wrong, it is still known, so that its uses are not reported as unknown too.

    >>> terms, problems = vocabulary_terms({"roles": {"negotiator": {"description": "Negotiates.", "allowed": ["persn"]}}})
    >>> print(*problems)
    vocabulary.yaml:1: roles.negotiator.allowed[0]: unknown entity type 'persn'; did you mean 'person'?
    >>> "negotiator" in terms.roles
    True
    """
    lines = lines or LineMap()
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({data!r})"
        return DEFAULT, [Problem(display, 1, f"expected a mapping of sections ({', '.join(SECTIONS)}), found {found}")]
    try:
        return _terms(VocabularyFile.model_validate(data)), []
    except ValidationError as exc:
        details = exc.errors(include_url=False)
    # left out: what was reported where the YAML was read, and a list too short only because its items are wrong
    errors = [e for e in details if e["input"] is not UNREADABLE and not (e["type"] == "too_short" and e["input"])]
    located = [(error, _in_data(error["loc"], data)) for error in errors]
    problems = [Problem(display, lines.line(where), _message(error, where)) for error, where in located]
    wrong = {tuple(e["loc"][:2]) for e in details}
    misnamed = {tuple(e["loc"][:2]) for e in details if e["loc"][2:3] == ("[key]",)}
    known: dict[str, dict[str, Any]] = {}  # the right terms, and the wrong ones allowing anything: known, so their
    for section, terms in data.items():  # uses raise no more problems
        if section in SECTIONS and isinstance(terms, dict):
            for term, info in terms.items():
                if (section, term) not in wrong:
                    known.setdefault(section, {})[term] = info
                elif (section, term) not in misnamed:
                    known.setdefault(section, {})[term] = {
                        "description": "(wrong in vocabulary.yaml)",
                        **_ANY.get(section, {}),
                    }
    return _terms(VocabularyFile.model_validate(known)), problems


_ANYTHING = [*vocab.ENTITY_TYPES, "event"]
_ANY: dict[str, dict[str, Any]] = {"roles": {"allowed": _ANYTHING[:-1]}, "measures": {"units": "any"}}
_ANY["relation_types"] = {"subject": _ANYTHING, "object": _ANYTHING}


def _terms(model: VocabularyFile) -> Terms:
    added: dict[str, dict[str, str]] = {}
    events, measures = {}, {}
    roles: dict[str, vocab.Role] = {}
    relations: dict[str, vocab.RelationType] = {}
    for section, name in SECTIONS.items():
        for term, info in (getattr(model, section) or {}).items():
            if isinstance(info, EventTypeTerm):
                events[term] = vocab.EventKind(info.description, info.acled, info.cameo)
            elif isinstance(info, RoleTerm):
                roles[term] = vocab.Role(info.description, info.allowed)
            elif isinstance(info, RelationTypeTerm):
                relations[term] = vocab.RelationType(info.description, info.subject, info.object, info.symmetric)
            elif isinstance(info, MeasureTerm):
                measures[term] = vocab.Measure(info.description, info.units, info.summable)
            else:
                added.setdefault(name, {})[term] = info.description
    if not (added or events or measures or roles or relations):
        return DEFAULT
    return Terms.extended(added, roles, relations, events, measures)


def _in_data(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """The parts of an error's location that are in the data (not pydantic's tags for unions and keys)."""
    found: list[str | int] = []
    for part in loc:
        inside = part in data if isinstance(data, dict) else isinstance(part, int) and 0 <= part < len(data)
        if isinstance(data, dict | list | tuple) and inside:
            found.append(part)
            data = data[part]
    return tuple(found)


_NOUNS = {"allowed": "entity type", "subject": "entity type", "object": "entity type", "acled": "ACLED event type"}
_CHOICES = {"allowed": tuple(vocab.ENTITY_TYPES), "acled": tuple(ACLED)}


def _message(error: Any, where: tuple[str | int, ...]) -> str:
    kind, loc, value = error["type"], error["loc"], error["input"]
    fields = [p for p in loc if isinstance(p, str) and p in _NOUNS]
    pattern = error.get("ctx", {}).get("pattern")
    if kind == "extra_forbidden" and len(where) == 1:
        return f"unknown section {loc[-1]!r}{did_you_mean(str(loc[-1]), SECTIONS)}"
    if kind == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}{did_you_mean(str(loc[-1]), _FIELDS)}"
        where = where[:-1]
    elif kind == "missing":
        field = loc[-1]
        message = f"missing required field {field!r}" if isinstance(field, str) else f"item {field + 1} is missing"
    elif kind == "literal_error" and fields:
        choices = _CHOICES.get(fields[-1], (*vocab.ENTITY_TYPES, "event"))
        message = f"unknown {_NOUNS[fields[-1]]} {value!r}{did_you_mean(str(value), Suggester(choices))}"
        message += "" if "did you mean" in message else f" (one of: {', '.join(choices)})"
    elif pattern == TERM_PATTERN:
        message = f"invalid term {value!r}: terms are lowercase words joined by underscores, such as 'sit_in'"
    elif pattern == _CAMEO_PATTERN:
        message = f"invalid CAMEO root code {value!r}: one of 01 to 20"
    elif pattern == LINE_PATTERN:
        message = "must be one line of text: not blank, no control characters or line breaks"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        found = "nothing" if value is None else "a list" if isinstance(value, list) else f"the value {value!r}"
        wanted = "terms, each with its fields" if len(where) == 1 else "fields (description, ...)"
        message = f"expected a mapping of {wanted}, found {found}"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"should be true or false, not {value!r}"
    elif kind == "too_short":
        message = "needs at least 1 item, found none"
    else:
        message = error["msg"].replace("Input should be", "should be").replace("a valid tuple", "a list")
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
    return f"{path}: {message}" if path else message


_FIELDS = Suggester(
    sorted({f for m in (EventTypeTerm, RoleTerm, RelationTypeTerm, MeasureTerm) for f in m.model_fields})
)
