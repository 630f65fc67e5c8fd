"""timeline.json in TimelineJS's format: dated at the right precision, with text that stays text in TimelineJS.

The browser test (test_timelinejs_browser.py) loads it in the real library; here TimelineJS 3.9.11's own
link patterns (``linkify`` in src/js/core/Util.js), copied, check the escaping without a browser.
"""

from __future__ import annotations

import dataclasses
import json
import re
from html import unescape
from typing import Any

import pytest

import kgraph
from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.models import Evidence, Participant
from kgraph.corpus.corpus import Corpus
from kgraph.export.timelinejs import html_text, plain_text, timeline_data, to_timelinejs
from kgraph.graph.knowledge import KnowledgeGraph

from ..paths import SEEDS

#: Text that TimelineJS 3.9.11 turned into script with kgraph's former export, and its cousins. The first is
#: the issue's: its sanitizer decodes ``&#x27;`` and its linkify pastes ``www.…`` into ``href='…'``.
PAYLOADS = [
    "See www.x.yz/'style='animation-name:rotateplane;animation-duration:1s'onanimationstart='alert(document.domain)'x",
    "See www.x.yz/'onmouseover='window.__xss=1'x and www.x.yz/'onclick='window.__xss=2'x",
    'See WWW.X.YZ/"onmouseover="window.__xss=3"x and www.x.yz/"style="animation-name:rotateplane"x',
    "Read http://x.yz/a'onclick='window.__xss=4'b, HTTPS://x.yz/?q=1&r=2 and ftp://x.yz/'onclick='window.__xss=5'",
    "Write to a.b+c@x.yz'onclick='window.__xss=6' or see http://x.yz/u@v.wz'onmouseover='window.__xss=7'",
    "<script>window.__xss=8</script><script>alert(8)</script>",
    "<img src=x onerror=window.__xss=9><svg onload=window.__xss=10>",
    'javascript:window.__xss=11 and <a href="javascript:window.__xss=12">link</a>',
    "www.x.yz/&#x27;onmouseover=&#x27;window.__xss=13&#x27;x &#39; &apos; &quot; &lt;b&gt;",
    "&lt;img src=x onerror=window.__xss=14&gt; &amp;lt;img src=x onerror=window.__xss=15&amp;gt;",
    "The movement's plans: \"soon\", said O'Neill — 50% & more",
]
#: How many times an event's text (in kgraph's layout) shows a payload put in every field: status, description,
#: participant name and role, evidence quote, source and claimant.
TIMES_IN_TEXT = 7


def hostile_graph() -> KnowledgeGraph:
    """One event per payload, with the payload in every field the export shows, and in persons' names.

    Fields the loader would refuse (the type, status, role, source id, EDTF date) are set without validation:
    the export must not rely on the loader for its safety.
    """
    seeds = kgraph.load(SEEDS)
    person, base = seeds.entities["arayik-harutyunyan"], seeds.events["stepanakert-rally"]
    entities: dict[str, Any] = {}
    events: dict[str, Any] = {}
    for i, text in enumerate(PAYLOADS):
        actor = person.model_copy(update={"id": f"hostile-{i}", "name": text, "aliases": []})
        entities[actor.id] = actor
        date = dataclasses.replace(TimeSpan.parse(f"2023-07-{i + 1:02d}"), edtf=text)
        events[f"hostile-event-{i}"] = base.model_copy(
            update={
                "id": f"hostile-event-{i}",
                "title": text,
                "description": text,
                "type": text,
                "status": text,
                "date": date,
                "place": None,
                "part_of": None,
                "participants": [Participant.model_construct(actor=actor.id, role=text, evidence=[], note=None)],
                "evidence": [Evidence.model_construct(quote=text, source=text, claimed_by=actor.id, note=None)],
            }
        )
    return KnowledgeGraph(Corpus(seeds.root, seeds.sources, entities, events, {}, {}, {}))


#: TimelineJS's linkify patterns: URLs with a scheme, ``www.`` without one, and e-mail addresses.
LINKIFY = [
    re.compile(r"\b(?:https?|ftp)://([a-z0-9\-+&@#/%?=~_|!:,.;]*[a-z0-9\-+&@#/%=~_|])", re.I | re.M),
    re.compile(r"(^|[^/>])(www\.\S+(\b|$))", re.I | re.M),
    re.compile(r"([a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+)", re.I | re.M),
]


def linkified(html: str) -> list[str]:
    """What TimelineJS would turn into links in this HTML, after its sanitizer decoded the entities."""
    return [m.group(0) for text in (html, unescape(html)) for pattern in LINKIFY for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def data(seeds):
    return timeline_data(KnowledgeGraph(seeds).graph)


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
    assert json.loads(to_timelinejs(KnowledgeGraph(seeds).graph))["events"]


@pytest.mark.hostile
@pytest.mark.parametrize("text", PAYLOADS)
def test_html_text_leaves_nothing_to_linkify_and_reads_as_written(text):
    html = html_text(text)
    assert linkified(html) == []
    assert re.sub(r"<wbr>", "", html).count("<") == 0  # no markup but the invisible breaks
    assert unescape(html.replace("<wbr>", "")) == text


@pytest.mark.hostile
@pytest.mark.parametrize("text", PAYLOADS)
def test_plain_text_is_text_after_timelinejs_decodes_it_once(text):
    once = unescape(plain_text(text))  # TimelineJS's stripMarkup: textContent, then assigned as innerHTML
    assert "<" not in once
    assert unescape(once) == text


def test_html_text_breaks_each_link_start():
    assert html_text("www.x.yz WWW.x.yz wwww.x") == "www<wbr>.x.yz WWW<wbr>.x.yz wwww<wbr>.x"
    assert html_text("http://a HTTPS://b ftp://c x://d") == "http:<wbr>//a HTTPS:<wbr>//b ftp:<wbr>//c x:<wbr>//d"
    assert html_text("a@b.cd @") == "a<wbr>@b.cd <wbr>@"
    assert html_text("The movement's plans & more") == "The movement&#x27;s plans &amp; more"


@pytest.mark.hostile
def test_hostile_events_export_nothing_timelinejs_would_link_or_decode_into_markup():
    data = timeline_data(hostile_graph().graph)
    assert len(data["events"]) == len(PAYLOADS)
    for event in data["events"]:
        for html in (event["text"]["headline"], event["text"]["text"]):
            assert linkified(html) == [], event["unique_id"]
        for plain in (event["display_date"], event["group"]):
            assert "<" not in unescape(plain), event["unique_id"]
