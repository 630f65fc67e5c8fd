"""timeline.json in TimelineJS's format: dated at the right precision, with text escaped."""

from __future__ import annotations

import json

import pytest

from kgraph.export.timelinejs import timeline_data, to_timelinejs
from kgraph.graph import KnowledgeGraph


@pytest.fixture(scope="module")
def data(seeds):
    return timeline_data(KnowledgeGraph(seeds))


def event(data, id):
    return next(e for e in data["events"] if e["unique_id"] == id)


def test_every_dated_event_is_there_in_order(seeds, data):
    assert [e["unique_id"] for e in data["events"]] == [e.id for e in KnowledgeGraph(seeds).events()]
    assert data["title"]["text"]["text"] == "26 events from 2 sources"


def test_dates_at_their_precision(data):
    assert event(data, "stepanakert-rally")["start_date"] == {"year": 2023, "month": 7, "day": 12}
    assert "end_date" not in event(data, "stepanakert-rally")
    decade = event(data, "war-over-karabakh-1990s")
    assert (decade["start_date"], decade["end_date"], decade["display_date"]) == (
        {"year": 1990},
        {"year": 1999},
        "199X",
    )
    blockade = event(data, "blockade-of-artsakh")
    assert (blockade["start_date"], "end_date" in blockade) == ({"year": 2022, "month": 12, "day": 1}, False)
    damage = event(data, "damage-to-shusha-cathedral")  # open start: placed at its known end
    assert damage["start_date"] == {"year": 2020, "month": 10, "day": 29}


def test_text_carries_quotes_and_claimants(data):
    text = event(data, "icrc-transport-blocked")["text"]["text"]
    assert "<blockquote>Since yesterday, Azerbaijan has also blocked" in text
    assert "claimed by Gegham Stepanyan" in text
    assert "<p><em>ongoing</em></p>" in text


def test_annotation_text_is_escaped(data):
    text = event(data, "stepanyan-accuses-international-community")["text"]["text"]
    assert "everyone’s criminal indifference" in text
    headline = event(data, "osipyan-interview")["text"]["headline"]
    assert headline == "Osipyan tells Armenpress the movement&#x27;s plans"


def test_the_file_is_json(seeds):
    assert json.loads(to_timelinejs(KnowledgeGraph(seeds)))["events"]
