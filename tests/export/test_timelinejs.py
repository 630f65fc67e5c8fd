"""timeline.json in TimelineJS's format: dated at the right precision, with text that stays text in TimelineJS.

The browser test (test_timelinejs_browser.py) loads it in the real library; here TimelineJS 3.9.11's own
link patterns (``linkify`` in src/js/core/Util.js), copied, check the escaping without a browser.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from html import unescape

import pytest

import kgraph
from kgraph.export.short_labels import short_date
from kgraph.export.timelinejs import (
    BATCH,
    date_words,
    html_text,
    plain_text,
    timeline_data,
    to_timelinejs,
    write_timelinejs,
)
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import TIMELINE_PAYLOADS, CountingHandle, garbage_left, hostile_timeline, with_hostile_quotes

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
        "1990s",
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
@pytest.mark.parametrize("text", TIMELINE_PAYLOADS)
def test_html_text_leaves_nothing_to_linkify_and_reads_as_written(text):
    html = html_text(text)
    assert linkified(html) == []
    assert re.sub(r"<wbr>", "", html).count("<") == 0  # no markup but the invisible breaks
    assert unescape(html.replace("<wbr>", "")) == text


@pytest.mark.hostile
@pytest.mark.parametrize("text", TIMELINE_PAYLOADS)
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
    data = timeline_data(hostile_timeline().graph)
    assert len(data["events"]) == len(TIMELINE_PAYLOADS)
    for event in data["events"]:
        for html in (event["text"]["headline"], event["text"]["text"]):
            assert linkified(html) == [], event["unique_id"]
        for plain in (event["display_date"], event["group"]):
            assert "<" not in unescape(plain), event["unique_id"]


def test_an_event_with_no_known_date_is_counted_in_the_title_not_dropped_silently():
    import networkx as nx

    graph = nx.MultiDiGraph(sources={"s": {}})
    graph.add_node("dated", kind="event", type="protest", label="A", date="2023", earliest="2023-01-01")
    graph.add_node("undated", kind="event", type="protest", label="B", date="../..", precision="interval")
    data = timeline_data(graph)
    assert [e["unique_id"] for e in data["events"]] == ["dated"]
    assert data["title"]["text"]["text"] == "1 event from 1 source; 1 event with no known date is not shown"


def test_a_slide_says_what_was_claimed_denied_counted_and_first_reported(claims):
    data = timeline_data(claims.graph)
    fall = event(data, "fall-of-town")["text"]["text"]
    assert (
        "<p>Status: predicted [2020-10-29..] (The army nears the town) → occurred 2020-11-08 (The town fell)</p>"
        in fall
    )
    assert "<p>Figures: distance: at most 2 km</p>" in fall
    assert "<p>Links: A spokesman confirms the fall confirms this</p>" in fall
    assert (
        "<blockquote><strong>DENIES:</strong> The republic denied that the town had fallen.</blockquote>"
        "<p><small>doc-b — claimed by The republic — denies</small></p>"
    ) in fall
    killed = event(data, "soldiers-killed")["text"]["text"]
    assert (
        "<p>Figures: killed: 2 (claimed by The ministry); killed: between 2 and 5 (claimed by The rebels; disputes)</p>"
    ) in killed
    assert "<p>Links: confirms The town falls</p>" in event(data, "spokesman-confirms")["text"]["text"]
    assert "Status:" not in killed  # an event no later source changed has one state, its own


def test_a_slide_names_who_relays_each_quote(seeds, data):
    """Under each quote, its relayers' names follow its claimants', as the quote gives them; a quote nobody
    relays names no one."""
    graph = KnowledgeGraph(seeds).graph
    relayed = 0
    for slide in data["events"]:
        evidence = graph.nodes[slide["unique_id"]]["evidence"]
        lines = re.findall(r"</blockquote><p><small>(.*?)</small></p>", slide["text"]["text"])
        own, others = lines[: len(evidence)], lines[len(evidence) :]  # the event's own quotes come first
        assert all(line.startswith(("Participant: ", "Figure: ")) for line in others), slide["unique_id"]
        for item, line in zip(evidence, own, strict=True):
            relayers = [graph.nodes[r]["label"] for r in item.get("via", [])]
            if relayers:
                relayed += 1
                assert line.endswith(" via " + ", ".join(relayers)), slide["unique_id"]
            else:
                assert " via " not in line, slide["unique_id"]
    assert relayed
    gathering = event(data, "planned-gathering")["text"]["text"]  # Osipyan's words reach the article via Armenpress
    assert "<p><small>2023-07-blockade — claimed by Arthur Osipyan via Armenpress</small></p>" in gathering


def test_a_slide_names_every_relayer_of_a_quote_in_order_before_its_stance(claims):
    graph = claims.graph.copy()
    denial = graph.edges["army", "region", "army--located-in--region"]["evidence"][0]  # relayed by two ministries
    graph.nodes["fall-of-town"]["evidence"] = [denial]
    fall = event(timeline_data(graph), "fall-of-town")["text"]["text"]
    assert (
        "<p><small>doc-b — claimed by The republic via The foreign ministry, The defence ministry — denies</small></p>"
    ) in fall


@pytest.mark.hostile
@pytest.mark.parametrize("text", TIMELINE_PAYLOADS)
def test_claims_figures_and_states_are_escaped_like_every_other_text(claims, text):
    graph = claims.graph.copy()
    fall = graph.nodes["fall-of-town"]
    fall["history"] = [{"source": text, "status": text, "date": text}, {"status": "occurred", "date": "2020"}]
    fall["figures"] = [
        {"measure": text, "value": text, "unit": text, "evidence": [{"quote": "q", "claimed_by": [text]}]}
    ]
    fall["evidence"] = [{"quote": text, "source": text, "stance": text, "claimed_by": [text], "via": [text, text]}]
    graph.add_node(text, kind="event", label=text, earliest="2020-01-01")
    graph.add_edge(text, "fall-of-town", key=text, kind="relation", label=text)
    slide = event(timeline_data(graph), "fall-of-town")["text"]["text"]
    assert linkified(slide) == []
    assert re.sub(r"<wbr>|</?(p|small|strong|blockquote)>", "", slide).count("<") == 0
    assert unescape(slide.replace("<wbr>", "")).count(text) >= 10


#: sha256 of ``to_timelinejs``'s text before timeline.json was streamed (issue 14's start, which made the whole
#: document first): of ``kgraph.synth.corpus.write(folder, events=200, seed=1)`` and of ``hostile_timeline()``.
#: Pinned again when slides came to say dates in words and show participants' and figures' quotes (they were
#: 8e4e5026… and 97b1c9ec…): the earlier export gave the earlier hashes, and this one differs from it only in
#: ``display_date`` (189 of synth-200's events, none of the hostile ones, whose dates are not EDTF) and in the
#: quotes added at the end of a slide (32 of synth-200's slides, and each hostile one: its figure's quote).
BEFORE_STREAMING = {
    "synth-200": "a0b65aaf9a771f388b7b006b48055344f208ed6ce05e50a4b8c2c83d00dc10d4",
    "hostile": "cea7a8f2dc5802c7f467045c0758619f9f30c6a4d66277c9e4c8b65e2d4d8d2a",
}


@pytest.mark.parametrize("batch", [BATCH, 7])
@pytest.mark.parametrize("which", ["synth-200", "hostile"])
def test_the_streamed_file_is_the_text_before_streaming_an_event_batch_at_a_time(which, batch, synth_200, monkeypatch):
    from kgraph.export import timelinejs

    graph = synth_200.graph if which == "synth-200" else hostile_timeline().graph
    monkeypatch.setattr(timelinejs, "BATCH", batch)
    handle = CountingHandle()
    write_timelinejs(graph, handle)
    data = handle.getvalue()
    assert hashlib.sha256(data).hexdigest() == BEFORE_STREAMING[which]
    assert data == to_timelinejs(graph).encode("utf-8")
    events = len(json.loads(data)["events"])
    assert handle.writes == 1 + -(-events // batch) + 1  # the head, each batch of events, the end


def test_text_with_newlines_and_any_script_streams_as_the_whole_document():
    import networkx as nx

    graph = nx.MultiDiGraph(sources={"s": {}, "t": {}})
    text = 'Line one\nline two\r\n\t"quoted" \u2028 Ереван Ստեփանակերտ \x00 </script>'
    for i in range(3):
        graph.add_node(
            f"e{i}",
            kind="event",
            type="protest",
            label=text,
            date="2023-07",
            earliest="2023-07-01",
            latest=f"2023-07-{i + 2:02d}",
            precision="month",
            description=text,
        )
    for graph_ in (graph, nx.MultiDiGraph(), nx.MultiDiGraph(sources={"s": {}})):
        handle = io.BytesIO()
        write_timelinejs(graph_, handle)
        assert handle.getvalue() == to_timelinejs(graph_).encode("utf-8")
    graph.add_node("undated", kind="event", type="protest", label="B", date="../..", precision="interval")
    for only_undated in (graph, graph.subgraph(["undated"])):
        handle = io.BytesIO()
        write_timelinejs(only_undated, handle)
        assert handle.getvalue() == to_timelinejs(only_undated).encode("utf-8")
    assert json.loads(handle.getvalue())["events"] == []


def test_writing_leaves_no_garbage_for_each_event(synth_200):
    """An export runs with the collector paused: what each event left in reference cycles would stay until the end."""
    events = len(timeline_data(synth_200.graph)["events"])
    left = garbage_left(write_timelinejs, synth_200.graph)
    assert events == 200
    assert left < events


#: A made-up dispatch: an event whose participant's role is claimed and denied, and whose toll two sides give.
SHELLING = {
    "article.txt": """\
The Ministry of Defence said Ostrelian artillery shelled the village of Varna overnight.
The Ostrelian General Staff denied that its artillery had fired on the village.
Four civilians were killed, the ministry said, citing the regional governor; local officials put the toll at no fewer than seven.
""",
    "annotations.yaml": """\
source: {id: varna-report, title: Varna shelled, published: "2024-03-11", published_basis: stated, language: en,
         text: article.txt}
organizations:
  - {id: ministry-of-defence, name: Ministry of Defence, kind: government_body}
  - {id: ostrelian-artillery, name: Ostrelian artillery, kind: armed_force}
  - {id: ostrelian-general-staff, name: Ostrelian General Staff, kind: armed_force}
  - {id: regional-governor, name: regional governor, kind: government_body}
  - {id: local-officials, name: local officials, kind: government_body}
places:
  - {id: varna, name: Varna, kind: village}
events:
  - id: shelling-of-varna
    type: shelling
    title: Shelling of Varna
    date: "[2024-03-01..2024-03-10]"
    date_basis: relative
    place: varna
    participants:
      - actor: ostrelian-artillery
        role: agent
        evidence:
          - {quote: Ostrelian artillery shelled the village of Varna, claimed_by: ministry-of-defence}
          - quote: The Ostrelian General Staff denied that its artillery had fired on the village.
            stance: denies
            claimed_by: ostrelian-general-staff
      - {actor: varna, role: target}
    figures:
      - measure: killed
        value: 4
        evidence:
          - quote: Four civilians were killed, the ministry said, citing the regional governor
            claimed_by: regional-governor
            via: ministry-of-defence
      - measure: killed
        min: 7
        qualifier: at_least
        evidence: [{quote: local officials put the toll at no fewer than seven, claimed_by: local-officials}]
    evidence:
      - {quote: shelled the village of Varna overnight, claimed_by: ministry-of-defence}
""",
}


#: The end of the shelling's slide: each figure's quote, named by the figure, with its claimant and relayer.
FIGURE_QUOTES = (
    "<blockquote>Four civilians were killed, the ministry said, citing the regional governor</blockquote>"
    "<p><small>Figure: killed: 4 — varna-report — claimed by regional governor via Ministry of Defence</small></p>"
    "<blockquote>local officials put the toll at no fewer than seven</blockquote>"
    "<p><small>Figure: killed: at least 7 — varna-report — claimed by local officials</small></p>"
)


@pytest.fixture(scope="module")
def shelling(tmp_path_factory) -> str:
    """The slide of the shelling of Varna, as HTML."""
    folder = tmp_path_factory.mktemp("shelling") / "varna-report"
    folder.mkdir()
    for name, text in SHELLING.items():
        (folder / name).write_text(text, encoding="utf-8")
    graph = KnowledgeGraph(kgraph.load(folder.parent, strict=True)).graph
    return event(timeline_data(graph), "shelling-of-varna")["text"]["text"]


def test_a_slide_shows_its_participants_quotes_with_whose_they_are_denials_included(shelling):
    """A participant's quotes follow the event's own, each naming the participant and its role; its edge also
    holds the event's quotes, which the slide shows once."""
    assert shelling.endswith(
        "<blockquote>shelled the village of Varna overnight</blockquote>"
        "<p><small>varna-report — claimed by Ministry of Defence</small></p>"
        "<blockquote>Ostrelian artillery shelled the village of Varna</blockquote>"
        "<p><small>Participant: Ostrelian artillery (agent) — varna-report — claimed by Ministry of Defence</small></p>"
        "<blockquote><strong>DENIES:</strong> The Ostrelian General Staff denied that its artillery had fired on the "
        "village.</blockquote><p><small>Participant: Ostrelian artillery (agent) — varna-report — claimed by Ostrelian "
        "General Staff — denies</small></p>" + FIGURE_QUOTES
    )
    assert shelling.count("<blockquote>shelled the village of Varna overnight</blockquote>") == 1


def test_a_slide_shows_its_figures_quotes_with_the_figure_they_count(shelling, claims):
    assert shelling.endswith(FIGURE_QUOTES)
    killed = event(timeline_data(claims.graph), "soldiers-killed")["text"]["text"]
    assert killed.endswith(
        "<blockquote><strong>DISPUTES:</strong> Between 2 and 5 soldiers were killed, the rebels claimed.</blockquote>"
        "<p><small>Figure: killed: between 2 and 5 — doc-b — claimed by The rebels — disputes</small></p>"
    )


def test_the_date_is_said_in_words_as_the_explorer_says_it(seeds, data):
    graph = KnowledgeGraph(seeds).graph
    for slide in data["events"]:
        node = graph.nodes[slide["unique_id"]]
        said = short_date(node["date"], node.get("earliest"), node.get("latest"), node["precision"])
        assert slide["display_date"] == plain_text(said), slide["unique_id"]
    dates = {e["unique_id"]: e["display_date"] for e in data["events"]}
    assert dates["icrc-transport-blocked"] == "from 11 Jul 2023"
    assert dates["azerbaijani-gains-in-southern-karabakh"] == "~Sep 2020 – 29 Oct 2020"
    assert dates["capture-of-shusha"] == "29 Oct 2020 or later"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[2024-03-01..2024-03-10]", "a day from 1 Mar 2024 to 10 Mar 2024"),
        ("2024-03-01/2024-03-10", "1 Mar 2024 – 10 Mar 2024"),
        ("{2023-07-12,2023-07-14}", "12 Jul 2023 and 14 Jul 2023"),
        ("[2023-07-12,2023-07-14,2023-08]", "12 Jul 2023, 14 Jul 2023 or Aug 2023"),
        ("{2023-01..2023-03}", "every day from Jan 2023 to Mar 2023"),
        ("[2023-07-12..]", "12 Jul 2023 or later"),
    ],
)
def test_a_set_of_days_reads_apart_from_an_interval_and_one_of_them_from_all(text, words):
    """A one-of set is not a span of days, nor two days that both happened the days between them."""
    assert date_words({"date": text}) == words


@pytest.mark.hostile
@pytest.mark.parametrize("text", TIMELINE_PAYLOADS)
def test_a_date_that_is_not_edtf_is_shown_as_written(text):
    """A graph from elsewhere may hold any text as a date: it is not read as EDTF (a ``/`` is no interval)."""
    assert date_words({"date": text, "earliest": "2023-07-01", "latest": "2023-07-01", "precision": "day"}) == text
    graph = hostile_timeline().graph
    slide = event(timeline_data(graph), f"hostile-event-{TIMELINE_PAYLOADS.index(text)}")
    assert unescape(unescape(slide["display_date"])) == text


@pytest.mark.hostile
@pytest.mark.parametrize("text", TIMELINE_PAYLOADS)
def test_participants_and_figures_quotes_are_escaped_like_every_other_text(claims, text):
    graph = with_hostile_quotes(claims.graph, "fall-of-town", text)
    slide = event(timeline_data(graph), "fall-of-town")["text"]["text"]
    assert linkified(slide) == []
    assert re.sub(r"<wbr>|</?(p|small|strong|blockquote)>", "", slide).count("<") == 0
    shown = unescape(slide.replace("<wbr>", ""))
    said = f"— {text} — claimed by {text} via {text} — {text}"
    assert f"{text}</blockquote><p><small>Participant: {text} ({text}) {said}</small></p>" in shown
    assert f"{text}</blockquote><p><small>Figure: {text}: {text} {text} {text} {said}</small></p>" in shown
