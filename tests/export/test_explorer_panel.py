"""The explorer's panel in a real browser: an actor's partners listed compactly (quotes folded under a count
that names any denial, the partner not named twice), a link's quotes shown in full."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kgraph.graph.knowledge import KnowledgeGraph

from .browser import Page


@pytest.fixture(scope="module")
def seed_file(seeds: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("panel") / "graph.html"
    KnowledgeGraph(seeds).to_html(path)
    return path


def test_an_actors_partners_fold_their_quotes_and_name_the_partner_once(open_page, seed_file):
    page: Page = open_page(seed_file, (1440, 900))
    page.js("kgraph.select('gegham-stepanyan')")
    sections = page.js(
        "[...document.querySelectorAll('#panel section.partner')].map(s => s.innerText.replace(/\\s+/g, ' '))"
    )
    office = next(s for s in sections if s.startswith("Human Rights Defender of Artsakh"))
    assert office.count("Human Rights Defender of Artsakh") == 1
    assert "→ holds office" in office
    folded = page.page.locator("#panel section.partner details.quotes")
    assert folded.count() >= 2
    assert folded.first.locator("summary").inner_text() == "1 quote"
    assert not folded.first.locator("blockquote").is_visible()
    folded.first.locator("summary").click()
    assert folded.first.locator("blockquote").is_visible()


def test_a_links_panel_shows_its_quotes_in_full(open_page, seed_file):
    page: Page = open_page(seed_file, (1440, 900))
    page.js("kgraph.app.selectEdge('gegham-stepanyan~icrc')")
    assert page.page.locator("#panel details").count() == 0
    assert page.page.locator("#panel blockquote").first.is_visible()
