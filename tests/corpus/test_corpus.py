"""The corpus: lookups by id, name and alias, in any case and with or without accents."""

from __future__ import annotations

import pytest

from kgraph.corpus.corpus import fold_accents, name_key
from kgraph.errors import NotFoundError


@pytest.mark.parametrize(
    ("name", "id"),
    [
        ("Shushi", "shusha"),
        ("Şuşa", "shusha"),
        ("susa", "shusha"),
        ("SHUSHA", "shusha"),
        ("Khankendi", "stepanakert"),
        ("stepanakert", "stepanakert"),
        ("Artsakh", "nagorno-karabakh"),
        ("Karabakh", "nagorno-karabakh"),
        ("Nagorno–Karabakh", "nagorno-karabakh"),
        ("ICRC", "icrc"),
        ("international committee of the red cross", "icrc"),
        ("  Gegham   Stepanyan ", "gegham-stepanyan"),
        ("Republic of Artsakh", "artsakh-republic"),
    ],
)
def test_lookup_by_any_name(seeds, name, id):
    assert seeds.lookup(name).id == id


def test_find_returns_nothing_for_an_unknown_name(seeds):
    assert seeds.find("Yerevan") == []


def test_lookup_suggests_close_names(seeds):
    with pytest.raises(NotFoundError) as raised:
        seeds.lookup("Stepanyann")
    assert raised.value.suggestions[0] == "Stepanyan"
    assert str(raised.value).startswith("nothing is named 'Stepanyann'; did you mean 'Stepanyan'")


def test_lookup_suggests_names_that_start_with_a_shortened_one_after_the_close_ones(seeds):
    """A name cut short ('Russian' for 'Russian peacekeepers') is no typo: the names that start with it as a word
    follow the close names, up to three, one per entity; an entity close by its id is suggested by its name."""
    with pytest.raises(NotFoundError) as raised:
        seeds.lookup("Russian")
    assert str(raised.value) == "nothing is named 'Russian'; did you mean 'Russian peacekeepers'?"
    assert seeds.suggest("The") == ["the airport", "the Corridor"]
    assert seeds.suggest("Nagorno") == ["Nagorno-Karabakh"]  # a hyphen ends a word too
    assert seeds.suggest("Karabakh border") == ["Karabakh border with Iran", "Karabakh region"]  # close, then by start
    assert seeds.suggest("stepanakert-airprt")[0] == "Stepanakert airport"  # close to its id: said by its name


def test_lookup_without_suggestions(seeds):
    with pytest.raises(NotFoundError, match=r"^nothing is named 'zzz'$"):
        seeds.lookup("zzz")


def test_getitem_finds_every_kind_of_thing(seeds):
    assert seeds["icrc"].name == "International Committee of the Red Cross"
    assert seeds["stepanakert-rally"].type == "protest"
    assert seeds["2023-07-blockade"].language == "en"
    assert seeds["stepanakert--capital-of--artsakh-republic"].type == "capital_of"
    assert "icrc" in seeds
    assert "nobody" not in seeds
    with pytest.raises(NotFoundError):
        seeds["nobody"]


def test_typed_lists(seeds):
    assert [p.id for p in seeds.persons] == ["arayik-harutyunyan", "gegham-stepanyan", "arthur-osipyan"]
    assert {g.kind for g in seeds.groups} == {"ethnic_group", "population", "crowd", "international_community"}
    assert len(seeds.organizations) + len(seeds.places) + len(seeds.persons) + len(seeds.groups) == len(seeds.entities)


def test_name_keys():
    assert name_key("Stepanakert’s") == name_key("stepanakert's")
    # one table of quotation marks and dashes for names and quotes (they used to fold differently)
    assert name_key("«Artsakh» – Nagorno‑Karabakh") == name_key('"artsakh" - nagorno-karabakh')
    assert fold_accents(name_key("Ghazanchetsots")) == "ghazanchetsots"
