"""The field types of the annotation models: ids, one-line names, free text, language tags, vocabulary terms.

Each is checked inside pydantic's core, for speed; the loader words the errors.

>>> Vocabulary("place kind").message("citty")
"unknown place kind 'citty'; did you mean 'city'?"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.terms import active

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


#: Never in a line: control characters, line and paragraph separators, bidirectional embeddings, overrides
#: and isolates (they reorder what is shown around them), non-characters.
_NOT_IN_LINE = r"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_LINE_CHARS = rf"[^{_NOT_IN_LINE}]"
_TEXT_CHARS = r"[^\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]"
#: One line: none of the characters above, and not blank.
LINE_PATTERN = rf"^{_LINE_CHARS}*[^\s{_NOT_IN_LINE}]{_LINE_CHARS}*$"
#: Free text: the same, but tabs and line feeds are allowed.
TEXT_PATTERN = rf"^{_TEXT_CHARS}*[^\s\x00-\x1f\x7f-\x9f\ufffe\uffff]{_TEXT_CHARS}*$"


#: A stable, readable identifier. (Checked in pydantic's core for speed; the loader words the error.)
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=120)]
#: A reference to the id of something defined in the corpus.
Ref = Slug
#: What an addition may name: an id, or a relation's derived id (``subject--type--object``).
ITEM_PATTERN = r"^[a-z0-9]+(?:--?[a-z0-9]+)*$"
ItemRef = Annotated[str, Field(pattern=ITEM_PATTERN, max_length=400)]
#: Longest name or title, and longest text, in characters: more is a mistake, not an annotation.
MAX_LINE, MAX_TEXT = 1_000, 100_000
#: One line of text: a name, a title.
Line = Annotated[
    str,
    Field(pattern=LINE_PATTERN, max_length=MAX_LINE),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_LINE}),
]
#: Free text, possibly several lines.
Text = Annotated[
    str,
    Field(pattern=TEXT_PATTERN, max_length=MAX_TEXT),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT}),
]
#: References to one or more ids: one id alone, or a list of them.
Refs = Annotated[
    tuple[Ref, ...],
    BeforeValidator(lambda value: (value,) if isinstance(value, str) else () if value is None else value),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG_PATTERN, "description": "One id."},
                {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}, "uniqueItems": True},
            ]
        }
    ),
]


@dataclass(frozen=True)
class _Number:
    """Annotation for a number as written (an integer stays one), not text and not true/false."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.union_schema(
            [core_schema.int_schema(strict=True), core_schema.float_schema(strict=True, allow_inf_nan=False)],
            custom_error_type="number",
            custom_error_message="should be a number",
        )

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "number"}


#: A number, zero or more: a count, a distance.
Number = Annotated[int | float, _Number()]

#: A BCP 47 language tag.
LANGUAGE_PATTERN = r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$"
Language = Annotated[str, Field(pattern=LANGUAGE_PATTERN, examples=["en", "hy", "hy-Latn", "az", "ru"])]


#: How close a value must be to a term for the term to be suggested: a slip of the keys ('occured': 0.93), not a
#: word with the same ending ('happened' and 'threatened': 0.67). Otherwise every term is listed.
CLOSE_TERM = 0.75


@dataclass(frozen=True)
class Vocabulary:
    """Annotation marking a text field whose value must be a term of a vocabulary in :mod:`kgraph.annotations.vocabulary`
    (or one the corpus adds: see :mod:`kgraph.annotations.terms`)."""

    name: str

    def message(self, value: object) -> str:
        """The error for a value that is not a term, suggesting the closest term."""
        terms = active()
        close = terms.suggester(self.name).close(str(value), cutoff=CLOSE_TERM)
        hint = f"; did you mean {close[0]!r}?" if close else f" (one of: {', '.join(terms.descriptions(self.name))})"
        return f"unknown {self.name} {value!r}{hint}"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # kgraph's own terms are checked in pydantic's core, as a literal, for speed; only a value that is not one
        # is looked up among the corpus's terms. The loader words the error with message().
        name = self.name

        def corpus_term(value: str) -> str:
            if active().has(name, value):
                return value
            raise PydanticCustomError("vocabulary", "unknown term")

        return core_schema.union_schema(
            [
                core_schema.literal_schema(list(vocab.VOCABULARIES[name])),
                core_schema.no_info_after_validator_function(corpus_term, core_schema.str_schema()),
            ],
            mode="left_to_right",
            custom_error_type="vocabulary",
            custom_error_message=f"unknown {name}",
            custom_error_context={"vocabulary": name},
        )

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        terms = active().descriptions(self.name)
        return {"type": "string", "enum": list(terms), "enumDescriptions": list(terms.values())}


OrganizationKind = Annotated[str, Vocabulary("organization kind")]
GroupKind = Annotated[str, Vocabulary("group kind")]
PlaceKind = Annotated[str, Vocabulary("place kind")]
EventType = Annotated[str, Vocabulary("event type")]
EventStatus = Annotated[str, Vocabulary("event status")]
RoleName = Annotated[str, Vocabulary("role")]
RelationTypeName = Annotated[str, Vocabulary("relation type")]
DateBasis = Annotated[str, Vocabulary("date basis")]
Stance = Annotated[str, Vocabulary("stance")]
MeasureName = Annotated[str, Vocabulary("measure")]
Qualifier = Annotated[str, Vocabulary("qualifier")]
