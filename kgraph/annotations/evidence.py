"""Evidence and figures: the quote that bears on a fact with its stance and claimants, and the numbers sources give.

>>> item = Evidence.model_validate({"quote": "denied it", "stance": "denies", "claimed_by": "armenia"})
>>> item.claimed_by, item.denies
(('armenia',), True)
>>> figure = Figure.model_validate({"measure": "distance", "max": 5, "qualifier": "at_most", "evidence": [{"quote": "q"}]})
>>> figure.bounds, figure.measured_in
((None, 5), 'km')
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from kgraph.annotations.base import Model
from kgraph.annotations.fields import Line, MeasureName, Number, Qualifier, Ref, Refs, Stance, Text
from kgraph.annotations.terms import active


class Evidence(Model):
    """A verbatim quote from a source about a fact: whether it supports or denies it, who claims it, who relays it."""

    quote: Text = Field(
        description="Words copied exactly from the source text (runs of white space may differ). The validator checks that the source contains them."
    )
    source: Ref | None = Field(
        None,
        description="Id of the source the quote is from. In a document's annotation file it defaults to that document.",
    )
    stance: Stance = Field(
        "supports",
        description="Where the quote stands on the fact: 'supports' it (the default), 'denies' it, or 'disputes' it. A denial never counts as support.",
    )
    claimed_by: Refs = Field(
        (),
        description="Id of the person, organization or group who makes this claim (or a list of them), when the source reports someone's words rather than stating the fact itself (e.g. 'said Stepanyan').",
    )
    via: Refs = Field(
        (),
        description="Id of who relays the claim (or a list, nearest the source first): the official, ministry or outlet the source quotes it from, e.g. a foreign ministry quoting its defence ministry.",
    )
    note: Text | None = Field(None, description="How the quote bears on the fact, or how reliable it is.")

    @property
    def denies(self) -> bool:
        """Whether the quote denies or disputes the fact rather than supporting it."""
        return self.stance != "supports"


class Figure(Model):
    """A number a source gives: people killed, a population, a distance; exact, approximate or bounded."""

    measure: MeasureName = Field(
        description="What is counted or measured: killed, wounded, displaced, population, distance, ..."
    )
    value: Number | None = Field(
        None, description="The number given, e.g. 2 for 'two killed'. Give 'value', or 'min' and/or 'max' for a range."
    )
    min: Number | None = Field(None, description="The lower bound, e.g. 2 for 'between 2 and 5'.")
    max: Number | None = Field(None, description="The upper bound, e.g. 5 for 'between 2 and 5' or 'at most 5'.")
    qualifier: Qualifier | None = Field(
        None,
        description="How the number relates to the true one: exact, about, at_least, more_than, at_most, fewer_than, between. By default exact for a value, between for a range.",
    )
    unit: Line | None = Field(
        None,
        description="The unit, for measures that have one (distance: km or m; area: km2 or ha; duration: days, hours, months or years; quantity: any, e.g. trucks). By default the measure's first unit.",
    )
    counts: Ref | None = Field(
        None, description="Id of the actor or group counted, when the figure is about one (e.g. the servicemen killed)."
    )
    evidence: list[Evidence] = Field(
        min_length=1, description="Quotes that give the number, each with its claimant and stance."
    )
    note: Text | None = Field(None, description="Anything more about the number.")

    @model_validator(mode="after")
    def _check_bounds(self) -> Figure:
        if self.value is None and self.min is None and self.max is None:
            raise PydanticCustomError("figure", "a figure needs 'value', or 'min' and/or 'max'")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise PydanticCustomError("figure", "give 'value' or 'min'/'max', not both")
        for name in ("value", "min", "max"):
            number = getattr(self, name)
            if number is not None and number < 0:
                raise PydanticCustomError("figure", f"'{name}' must not be negative ({number})")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("figure", f"'min' ({self.min}) is more than 'max' ({self.max})")
        allowed = _QUALIFIERS_FOR[
            "value"
            if self.value is not None
            else "range"
            if self.min is not None and self.max is not None
            else "min"
            if self.min is not None
            else "max"
        ]
        if self.qualifier is not None and self.qualifier not in allowed:
            raise PydanticCustomError(
                "figure",
                f"qualifier {self.qualifier!r} does not fit {_SHAPE[allowed]}; use {' or '.join(map(repr, allowed))}",
            )
        units = _units(self.measure)
        if units == ():  # a count of people: a whole number, written as one
            for name in ("value", "min", "max"):
                number = getattr(self, name)
                if isinstance(number, float):
                    raise PydanticCustomError(
                        "figure",
                        f"{self.measure!r} counts people: '{name}' must be a whole number, not {number} (a point marks "
                        "decimals in YAML: for twenty thousand, write 20000)",
                    )
        if self.unit is not None and units is not None and self.unit not in units:
            allowed_units = f"one of {', '.join(units)}" if units else "none"
            raise PydanticCustomError(
                "figure", f"{self.measure!r} is not measured in {self.unit!r} (units: {allowed_units})"
            )
        return self

    @property
    def bounds(self) -> tuple[int | float | None, int | float | None]:
        """The lowest and highest the true number may be (None where open); 'about' keeps the value as both.

        >>> Figure(measure="killed", min=200, qualifier="at_least", evidence=[{"quote": "q"}]).bounds
        (200, None)
        """
        if self.value is None:
            return self.min, self.max
        kind = self.how
        return (
            None if kind in ("at_most", "fewer_than") else self.value,
            None if kind in ("at_least", "more_than") else self.value,
        )

    @property
    def how(self) -> str:
        """The qualifier, given or by default."""
        if self.qualifier:
            return self.qualifier
        if self.value is not None:
            return "exact"
        return (
            "between"
            if self.min is not None and self.max is not None
            else "at_least"
            if self.min is not None
            else "at_most"
        )

    @property
    def measured_in(self) -> str | None:
        """The unit, given or the measure's default."""
        if self.unit is not None:
            return self.unit
        units = _units(self.measure)
        return units[0] if units else None


_QUALIFIERS_FOR: dict[str, tuple[str, ...]] = {
    "value": ("exact", "about", "at_least", "more_than", "at_most", "fewer_than"),
    "range": ("between", "about"),
    "min": ("at_least", "more_than"),
    "max": ("at_most", "fewer_than"),
}
_SHAPE = {
    _QUALIFIERS_FOR["value"]: "a single value",
    _QUALIFIERS_FOR["range"]: "a range",
    _QUALIFIERS_FOR["min"]: "a lower bound alone",
    _QUALIFIERS_FOR["max"]: "an upper bound alone",
}


def _units(measure: str) -> tuple[str, ...] | None:
    """The units a measure takes (its first the default), or None when it takes any."""
    found = active().measures.get(measure)
    return found.units if found is not None else None


def evidence_lists(item: object) -> Iterator[tuple[tuple[str | int, ...], list[Evidence]]]:
    """Every list of evidence an entity, event, relation or addition holds, with its path: its own, its
    participants', its figures'.

    >>> figure = Figure(measure="killed", value=2, evidence=[{"quote": "two killed"}])
    >>> [path for path, _ in evidence_lists(figure)], [path for path, _ in evidence_lists(object())]
    ([('evidence',)], [])
    """
    # a model's fields are read from its __dict__: asking a model for a field it lacks is slow (pydantic's miss)
    fields = item.__dict__ if isinstance(item, Model) else {n: getattr(item, n) for n in _HOLDERS if hasattr(item, n)}
    if "evidence" in fields:
        yield ("evidence",), fields["evidence"]
    for index, participant in enumerate(fields.get("participants", ())):
        yield ("participants", index, "evidence"), participant.evidence
    for index, figure in enumerate(fields.get("figures", ())):
        yield ("figures", index, "evidence"), figure.evidence


#: The fields that hold evidence, or items that do.
_HOLDERS = ("evidence", "participants", "figures")


def all_evidence(item: object) -> list[Evidence]:
    """Every evidence item an entity, event, relation or addition holds, in the order of :func:`evidence_lists`."""
    return [e for _, evidence in evidence_lists(item) for e in evidence]
