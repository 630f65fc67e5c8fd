"""The explorer's typed time window in a real browser, against the Python API: the events the page shows for a
window typed in ``#time-window``, with the question chosen in ``#time-mode``, are the events
``kg.events(during=kgraph.within(text))`` (or ``overlapping``) finds. On the seeds and on tests/fixtures/dates, a
corpus with one event for each form of date kgraph reads. Headless Chromium (Debian's), driven by Playwright,
every request but file:// blocked and recorded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kgraph
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import CHROMIUM, CHROMIUM_ARGS, FIXTURES, SEEDS

MODES = {"overlapping": kgraph.overlapping, "within": kgraph.within}

#: Windows typed on the seeds: closed, open at either end or both, EDTF forms, spaces around the slash.
SEED_WINDOWS = [
    "2023", "2023-07", "2020-09-27/2020-11-10", "../2020-10", "2022-12/..", "../..", "2020-~10", "2023~", "202X",
    "199X", "2023-21", "2020-11-09 / 2020-11-10", "?2022-12-12", "2020-09/2020-11-2X", "/2020", "2023-10/",
]  # fmt: skip

#: Windows typed on the corpus of date forms: each form of date, and the events of each form at its edges.
DATES_WINDOWS = [
    "2023", "2023-07", "../2021", "2022-12~/..", "199X", "2020-~09", "1990/1999", "../..", "2023-21", "2023-33",
    "2021%", "2023-06-15 / 2023-08-31", "/2020", "2023-10/", "2023-XX", "2020-09-2X", "1995?", "?2022-03-04",
    "2023-09~/2023-10?", "2023-~10/2023-11-?15", "1994-05/1994-06", "2024",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Page:
    """A page opened from disk, with its console errors and blocked requests recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1440, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def type_window(self, text: str) -> None:
        """Type a window as a user does, and press Enter."""
        self.page.fill("#time-window", text)
        self.page.press("#time-window", "Enter")

    def shown(self) -> set[str]:
        """The ids of the event nodes that pass the window."""
        return set(self.page.evaluate("kgraph.shownEvents()"))

    def drawn(self) -> set[str]:
        """The ids of the event nodes the full view draws."""
        return set(
            self.page.evaluate(
                "[...kgraph.app.views.get('full').shownNodes].filter(id => kgraph.app.byId.get(id).kind === 'event')"
            )
        )


def page_of(browser: Any, corpus_path: Path, tmp_path: Path) -> tuple[Page, KnowledgeGraph]:
    """The explorer of a corpus, opened, and the corpus's KnowledgeGraph."""
    kg = KnowledgeGraph(kgraph.load(corpus_path))
    path = tmp_path / "graph.html"
    kg.to_html(path)
    return Page(browser, path), kg


def differences(page: Page, kg: KnowledgeGraph, windows: list[str]) -> list[str]:
    """Each window and question whose events on the page are not the Python API's, said in full."""
    found = []
    for text in windows:
        for mode, window in MODES.items():
            page.type_window(text)
            page.page.select_option("#time-mode", mode)
            expected = {event.id for event in kg.events(during=window(text))}
            shown = page.shown()
            drawn = page.drawn()
            error = page.page.locator("#time-window-error").inner_text()
            if drawn != shown:
                found.append(f"{mode} {text!r}: the full view draws {sorted(drawn ^ shown)} against what passes")
            if shown != expected or error:
                found.append(
                    f"{mode} {text!r}: page shows {len(shown)}, Python {len(expected)}; only on the page"
                    f" {sorted(shown - expected)}, only in Python {sorted(expected - shown)}; error {error!r}"
                )
    return found


@pytest.mark.parametrize(
    ("corpus", "windows"), [("seeds", SEED_WINDOWS), ("dates", DATES_WINDOWS)], ids=["seeds", "dates"]
)
def test_the_page_shows_the_events_python_finds_in_a_typed_window(
    browser: Any, tmp_path: Path, corpus: str, windows: list[str]
) -> None:
    corpus_path = SEEDS if corpus == "seeds" else FIXTURES / "dates"
    page, kg = page_of(browser, corpus_path, tmp_path)
    try:
        every = {event.id for event in kg.events()}
        assert page.shown() == every  # no window: every event
        assert differences(page, kg, windows) == []
        assert page.errors == []
        assert page.requests == []
    finally:
        page.page.close()


def test_the_windows_mean_something(tmp_path: Path) -> None:
    """Each window of the test keeps some events and leaves out others, in one question or the other, so that
    the comparison above says something about it."""
    for corpus_path, windows in ((SEEDS, SEED_WINDOWS), (FIXTURES / "dates", DATES_WINDOWS)):
        kg = KnowledgeGraph(kgraph.load(corpus_path))
        every = {event.id for event in kg.events()}
        for text in windows:
            found = [{event.id for event in kg.events(during=window(text))} for window in MODES.values()]
            assert found[1] <= found[0], text  # what certainly falls in a window could fall in it
            if "../.." not in text:
                assert found[0] != every or found[1] != found[0], text


def test_a_window_the_page_cannot_read_says_why_and_changes_nothing(browser: Any, tmp_path: Path) -> None:
    page, kg = page_of(browser, FIXTURES / "dates", tmp_path)
    try:
        page.type_window("2023")
        page.page.select_option("#time-mode", "within")
        before = page.shown()
        assert before == {event.id for event in kg.events(during=kgraph.within("2023"))}
        page.type_window("2023-13")
        error = page.page.locator("#time-window-error")
        assert "2023-13" in error.inner_text()
        assert error.is_visible()
        assert page.shown() == before
        page.type_window("2023-07/2023-09")  # a window it reads clears the error
        assert page.page.locator("#time-window-error").inner_text() == ""
        assert page.errors == []
    finally:
        page.page.close()
