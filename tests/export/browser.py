"""What every browser test of the explorer shares: headless Chromium (Debian's) driven by Playwright, and a page
opened from disk with its console errors, dialogs and blocked requests recorded.

Test modules import the fixtures ``browser`` and ``open_page`` from here. Every request other than the page's own
file is blocked and recorded: the explorer works offline, and the tests say so.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..helpers import CHROMIUM, CHROMIUM_ARGS, ROOT

OUTPUT = ROOT / "test-output"
#: Markup and script in annotation text: the explorer must show each as text and run none.
PAYLOADS = [
    "<script>window.__xss = 'script'</script>",
    "<img src=x onerror=\"window.__xss = 'img'\">",
    "</script><script>window.__xss = 'close'</script>",
    "javascript:window.__xss = 'link'",
    '" onmouseover="window.__xss = \'attr\'" x="',
    "'><svg onload=alert('svg')>",
    "<!-- {{ 7*7 }} ${7*7} -->",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for a test module; under CI its absence is a failure, elsewhere a skip."""
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
    """A page opened from disk (with an optional URL fragment), ready when the explorer says so."""

    def __init__(self, browser: Any, path: Path, viewport: tuple[int, int] = (1500, 950), fragment: str = ""):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.downloads: list[Any] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        started = time.perf_counter()
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
        self.seconds = time.perf_counter() - started

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.page.close()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def click_node(self, node: str) -> None:
        point = self.js("id => kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id])", node)
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def hidden(self, node: str) -> bool:
        return bool(self.js("id => !!kgraph.nodes.get(id).hidden", node))

    def screenshot(self, name: str) -> Path:
        OUTPUT.mkdir(exist_ok=True)
        path = OUTPUT / name
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Page]]:
    """Opens pages for one test and closes them after it, so that no test sees another's clicks and filters."""
    pages: list[Page] = []

    def opened(path: Path, viewport: tuple[int, int] = (1500, 950), fragment: str = "") -> Page:
        pages.append(Page(browser, path, viewport, fragment))
        return pages[-1]

    yield opened
    for page in pages:
        page.close()
