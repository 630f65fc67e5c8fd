"""kgraph's ``timeline.json`` in the real TimelineJS (npm ``@knight-lab/timelinejs``, pinned in tests/js).

TimelineJS is loaded from node_modules in Debian's headless Chromium, from file:// with every other request
blocked, and given kgraph's export with ``new TL.Timeline(...)``. Every slide is visited and every element
hovered, focused and clicked, so that any handler the text could smuggle in would fire.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kgraph.export.timelinejs import to_timelinejs

from ..helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PAYLOAD_TIMES_IN_TEXT,
    ROOT,
    TIMELINE_PAYLOADS,
    hostile_timeline,
    with_hostile_quotes,
)

DIST = ROOT / "tests" / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = [
        reason
        for reason, absent in (
            ("Debian's chromium is not installed (apt-get install chromium)", not Path(CHROMIUM).exists()),
            ("TimelineJS is not installed: run 'npm ci' in tests/js", not (DIST / "js" / "timeline.js").is_file()),
        )
        if absent
    ]
    if missing:
        if os.environ.get("CI"):
            pytest.fail("CI must run the TimelineJS test: .ci/run installs chromium and runs 'npm ci' in tests/js")
        pytest.skip("; ".join(missing))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Timeline:
    """A page showing one timeline.json in TimelineJS, with its dialogs and blocked requests recorded."""

    def __init__(self, browser: Any, folder: Path, data: dict[str, Any]):
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        page = folder / "timeline.html"
        page.write_text(
            '<!doctype html><html><head><meta charset="utf-8">'
            f'<link rel="stylesheet" href="{(DIST / "css" / "timeline.css").as_uri()}">'
            f'<script src="{(DIST / "js" / "timeline.js").as_uri()}"></script></head>'
            '<body><div id="kgraph-timeline" style="width: 1200px; height: 700px"></div></body></html>',
            encoding="utf-8",
        )
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route)  # the context's, so that pages a link opens are covered too
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(page.as_uri())
        self.page.evaluate(
            "([data, path]) => { window.timeline = new TL.Timeline('kgraph-timeline', data,"
            " {script_path: path, font: null, duration: 10}); }",
            [data, (DIST / "js").as_uri() + "/"],
        )
        self.page.wait_for_function(
            "n => document.querySelectorAll('#kgraph-timeline .tl-slide').length === n", arg=len(data["events"]) + 1
        )

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def show(self, slide: int, unique_id: str) -> dict[str, str]:
        """Go to a slide with TimelineJS's API and return the text of its headline, date and body."""
        self.js("n => window.timeline.goTo(n)", slide)
        self.page.wait_for_function("id => window.timeline.current_id === id", arg=unique_id)
        return dict(
            self.js(
                """id => {
                    const slide = document.getElementById(id), text = s => slide.querySelector(s)?.textContent ?? null;
                    return {headline: text('.tl-headline'), date: text('.tl-headline-date'),
                            body: text('.tl-text-content')};
                }""",
                unique_id,
            )
        )

    def poke_everything(self) -> None:
        """Hover, focus and click every element of the timeline (links' default action cancelled), as a reader might."""
        self.js(
            """() => {
                window.addEventListener('click', e => e.preventDefault(), true);
                for (const el of document.querySelectorAll('#kgraph-timeline *')) {
                    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'focus',
                                        'focusin', 'click', 'dblclick', 'mouseout'])
                        el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
                }
            }"""
        )
        self.page.wait_for_timeout(1500)  # CSS animations of the slides (the payload fires on animationstart)

    def smuggled(self) -> dict[str, list[str]]:
        """What in the rendered timeline is not inert: handler attributes, styles from text, links, elements."""
        return dict(
            self.js(
                """() => {
                    const all = [...document.querySelectorAll('#kgraph-timeline *')];
                    const attrs = all.flatMap(el => [...el.attributes].map(a => [el, a.name, a.value]));
                    const show = ([el, name, value]) => `${el.tagName.toLowerCase()} ${name}=${value}`;
                    return {
                        handlers: attrs.filter(([, name]) => name.startsWith('on')).map(show),
                        styles: attrs.filter(([, name, value]) => name === 'style'
                                             && /animation|rotateplane|xss|alert/i.test(value)).map(show),
                        links: all.filter(el => el.hasAttribute('href')).map(el => el.getAttribute('href'))
                                  .filter(href => !/^https?:\\/\\/[^'"\\s]*$/.test(href)),
                        text_links: all.filter(el => el.matches('.tl-slide a, .tl-timemarker a')).map(el => el.outerHTML),
                        elements: all.filter(el => el.matches('script, img, svg, iframe, object, embed'))
                                     .map(el => el.outerHTML),
                    };
                }"""
            )
        )


def _shown_and_inert(timeline: Timeline, data: dict[str, Any], prefix: str = "") -> dict[str, dict[str, str]]:
    """Each slide whose event's id starts with ``prefix``, shown, by id; then every control poked, and no dialog,
    script, style, link or element smuggled in."""
    events = enumerate(data["events"], start=1)
    shown = {
        e["unique_id"]: timeline.show(slide, e["unique_id"]) for slide, e in events if e["unique_id"].startswith(prefix)
    }
    timeline.poke_everything()
    assert timeline.dialogs == []
    assert timeline.js("window.__xss") is None
    assert timeline.smuggled() == {"handlers": [], "styles": [], "links": [], "text_links": [], "elements": []}
    return shown


@pytest.mark.hostile
def test_hostile_text_in_every_field_stays_text_in_timelinejs(browser, tmp_path):
    data = json.loads(to_timelinejs(hostile_timeline().graph))
    timeline = Timeline(browser, tmp_path, data)
    shown = _shown_and_inert(timeline, data)
    for unique_id, texts in shown.items():  # and each text is shown as written, every time
        text = TIMELINE_PAYLOADS[int(unique_id.rsplit("-", 1)[1])]
        assert (texts["headline"], texts["date"]) == (text, text), unique_id
        assert texts["body"].count(text) == PAYLOAD_TIMES_IN_TEXT, (unique_id, texts["body"])
    groups = timeline.js(
        "[...document.querySelectorAll('#kgraph-timeline .tl-timegroup-message')].map(g => g.textContent)"
    )
    assert sorted(groups) == sorted(TIMELINE_PAYLOADS)
    markers = timeline.js(
        "[...document.querySelectorAll('#kgraph-timeline .tl-timemarker .tl-headline')].map(m => m.textContent)"
    )
    assert sorted(markers) == sorted(TIMELINE_PAYLOADS)
    assert timeline.errors == []
    assert timeline.requests == []


def test_the_seed_timeline_reads_naturally_in_timelinejs(browser, tmp_path):
    """The committed exports/timeline.json: every event a slide, apostrophes and quotes shown as written."""
    data = json.loads((ROOT / "exports" / "timeline.json").read_text(encoding="utf-8"))
    timeline = Timeline(browser, tmp_path, data)
    assert len(data["events"]) == 26
    slide = next(i for i, e in enumerate(data["events"], start=1) if e["unique_id"] == "osipyan-interview")
    assert timeline.show(slide, "osipyan-interview")["headline"] == "Osipyan tells Armenpress the movement's plans"
    slide = next(i for i, e in enumerate(data["events"], start=1) if e["unique_id"] == "icrc-transport-blocked")
    shown = timeline.show(slide, "icrc-transport-blocked")
    assert "Since yesterday, Azerbaijan has also blocked" in shown["body"]
    assert "claimed by Gegham Stepanyan" in shown["body"]
    assert shown["date"] == "from 11 Jul 2023"
    assert timeline.smuggled() == {"handlers": [], "styles": [], "links": [], "text_links": [], "elements": []}
    assert timeline.errors == []
    assert timeline.requests == []


@pytest.mark.hostile
def test_hostile_claims_figures_and_states_stay_text_in_timelinejs(browser, tmp_path, claims):
    """One slide per payload, with the payload as a state's source, status and date, a figure's measure, value,
    unit and claimant, and a quote, its source, stance, claimant and relayers."""
    graph = claims.graph.copy()
    for i, text in enumerate(TIMELINE_PAYLOADS):
        graph.add_node(
            f"claims-{i}",
            kind="event",
            type="capture",
            label=f"Claims {i}",
            date="2020-12",
            precision="month",
            earliest=f"2020-12-{i + 1:02d}",
            latest=f"2020-12-{i + 1:02d}",
            history=[{"source": text, "status": text, "date": text}, {"status": "occurred", "date": "2020-12"}],
            figures=[
                {"measure": text, "value": text, "unit": text, "evidence": [{"quote": "q", "claimed_by": [text]}]}
            ],
            evidence=[{"quote": text, "source": text, "stance": text, "claimed_by": [text], "via": [text, text]}],
        )
    data = json.loads(to_timelinejs(graph))
    timeline = Timeline(browser, tmp_path, data)
    shown = _shown_and_inert(timeline, data, "claims-")
    for unique_id, texts in shown.items():
        text = TIMELINE_PAYLOADS[int(unique_id.rsplit("-", 1)[1])]
        # 17: the figure's quote names its measure, value, unit and claimant too
        assert texts["body"].count(text) == 17, (unique_id, texts["body"])
    assert timeline.errors == []
    assert timeline.requests == []


@pytest.mark.hostile
def test_hostile_participants_and_figures_quotes_stay_text_in_timelinejs(browser, tmp_path, claims):
    """One slide per payload, with the payload as a participant's name and role, as a figure's measure, value, unit
    and what it counts, and as each one's quote: its words, source, stance, claimant and relayer."""
    graph = claims.graph
    for i, text in enumerate(TIMELINE_PAYLOADS):
        day = f"2020-12-{i + 1:02d}"
        graph.add_node(
            f"quotes-{i}",
            kind="event",
            type="capture",
            label=f"Quotes {i}",
            date=day,
            precision="day",
            earliest=day,
            latest=day,
            evidence=[{"quote": "q", "source": "doc-a"}],
        )
        graph = with_hostile_quotes(graph, f"quotes-{i}", text)
    data = json.loads(to_timelinejs(graph))
    timeline = Timeline(browser, tmp_path, data)
    shown = _shown_and_inert(timeline, data, "quotes-")
    for unique_id, texts in shown.items():
        text = TIMELINE_PAYLOADS[int(unique_id.rsplit("-", 1)[1])]
        said = f"— {text} — claimed by {text} via {text} — {text}"
        assert f"{text}Participant: {text} ({text}) {said}" in texts["body"], unique_id
        assert f"{text}Figure: {text}: {text} {text} {text} {said}" in texts["body"], unique_id
    assert timeline.errors == []
    assert timeline.requests == []
