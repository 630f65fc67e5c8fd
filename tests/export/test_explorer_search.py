"""The explorer's search in a real browser: suggestions by name and alias in an ARIA combobox, the keyboard and the
mouse, hidden matches offered to be shown, misses said, small screens, hostile names and a 5,000-node graph.

Every test opens its own page from file://, in Debian's headless Chromium, with every other request blocked and
recorded. Screenshots of the open list are saved under test-output/.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kgraph.export.html import SCRIPTS, to_html

from ..helpers import big_graph
from .browser import Page

LAPTOP = (1440, 900)
HIDDEN_NOTE = "hidden by a filter or the time window"


def text(page: Page, expression: str) -> str | None:
    """The value of an expression that gives a string or null."""
    value = page.js(expression)
    return None if value is None else str(value)


def type_search(page: Page, query: str) -> None:
    """Types into the search box as a reader does, key by key."""
    box = page.page.locator("#search")
    box.click()
    box.fill("")
    box.press_sequentially(query)


def press(page: Page, *keys: str) -> None:
    """Presses keys one after the other."""
    for key in keys:
        page.page.keyboard.press(key)


def suggestions(page: Page) -> list[str]:
    """The texts of the search's suggestions, in their order."""
    return list(page.page.locator("#search-list [role=option]").all_inner_texts())


def selected_id(page: Page) -> str | None:
    """The id of what the page has selected, or None."""
    return text(page, "(kgraph.app.state.selected || {}).id ?? null")


def active_option(page: Page) -> str | None:
    """The id of the suggestion the search box points to (aria-activedescendant), or None."""
    return text(page, "document.getElementById('search').getAttribute('aria-activedescendant')")


def expanded(page: Page) -> str | None:
    """The search box's aria-expanded: "true", "false" or None."""
    return text(page, "document.getElementById('search').getAttribute('aria-expanded')")


@pytest.fixture
def seed_page(open_page: Callable[..., Page], seed_file: Path) -> Page:
    page: Page = open_page(seed_file, LAPTOP)
    return page


def test_stepan_lists_the_person_and_the_places_with_their_kinds_and_the_keys_pick_the_second(seed_page: Page) -> None:
    page = seed_page
    type_search(page, "Stepan")
    options = suggestions(page)
    assert options[0].splitlines() == ["Gegham Stepanyan", "person"]
    assert options[1].splitlines() == ["Stepanakert", "place · city"]
    assert "Stepanakert–Armenia road\nplace · road" in options
    appeal = next(o for o in options if o.startswith("Stepanyan urges the ICRC"))
    assert appeal.splitlines()[1] == "event · appeal · 12 Jul 2023"
    assert page.page.locator("#search-list mark").first.inner_text() == "Stepan"
    press(page, "ArrowDown", "ArrowDown", "Enter")
    assert selected_id(page) == "stepanakert"
    assert page.page.locator("#panel h2.title").inner_text() == "Stepanakert"
    assert page.page.locator("#search").input_value() == "Stepanakert"
    assert expanded(page) == "false"
    assert page.page.locator("#search-popup").is_hidden()
    assert page.errors == []
    assert page.requests == []


def test_an_alias_shows_with_its_language_and_selects_its_node(seed_page: Page) -> None:
    page = seed_page
    type_search(page, "Shushi")
    first = page.page.locator("#search-list [role=option]").first
    assert first.locator(".search-name").inner_text() == "Shusha"
    alias = first.locator(".search-alias").inner_text()
    assert "“Shushi”" in alias
    assert "hy-Latn" in alias
    assert first.locator(".search-alias mark").inner_text() == "Shushi"
    type_search(page, "susa")
    assert "“Şuşa”" in page.page.locator("#search-list .search-alias").first.inner_text()
    type_search(page, "khankendi")
    assert suggestions(page)[0].splitlines()[0] == "Stepanakert"
    press(page, "Enter")
    assert selected_id(page) == "stepanakert"
    assert page.js("kgraph.search('KHANKENDI')") == "stepanakert"
    assert page.errors == []


def test_matches_rank_exact_names_then_starts_then_words_then_anywhere(seed_page: Page) -> None:
    def find(query: str) -> Any:
        return seed_page.js("q => kgraph.search(q)", query)

    assert find("Armenia") == "armenia"  # exact, before "Armenians" and "Stepanakert–Armenia road"
    assert find("karabakh") == "nagorno-karabakh"  # an alias, exactly
    assert find("gegham") == "gegham-stepanyan"
    assert find("red cross") == "icrc"  # words inside a name
    assert find("ICRC stepanyan") == "stepanyan-appeal-to-icrc"  # every word, in any order
    assert find("appeal · 12 Jul 2023") == "stepanyan-appeal-to-icrc"  # an event's short label
    assert find("appeal 12 jul 2023") == "stepanyan-appeal-to-icrc"
    assert find("appeal 29 oct") == "harutyunyan-video-appeal"
    assert find("  ") is None
    assert find("zzzz") is None
    type_search(seed_page, "peacekeepers")
    kinds = [o.splitlines()[1].split(" · ")[0] for o in suggestions(seed_page)]
    assert kinds == sorted(kinds, key=["organization", "place", "event"].index)


def test_a_miss_clears_the_selection_and_says_so_politely(seed_page: Page) -> None:
    page = seed_page
    page.js("kgraph.select('icrc', false)")
    assert page.page.locator("#panel").is_visible()
    type_search(page, "Atlantis")
    assert expanded(page) == "false"
    press(page, "Enter")
    assert selected_id(page) is None
    assert page.js("kgraph.network.getSelectedNodes()") == []
    status = page.page.locator("#search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("No name matches “Atlantis”")
    assert page.page.locator("#search-show").is_hidden()
    page.js("kgraph.select('icrc', false)")  # the message goes once something else is selected
    assert status.is_hidden()
    press(page, "Escape", "Escape")
    type_search(page, "Atlantis")
    press(page, "Enter")
    assert status.is_visible()
    type_search(page, "Arm")  # and as soon as the reader types again
    assert status.is_hidden()
    assert page.errors == []


def test_a_match_hidden_by_the_time_window_is_marked_and_offered_to_be_shown(seed_page: Page) -> None:
    page = seed_page
    page.js("kgraph.setWindow('2023-01-01', '2023-12-31')")
    node = "harutyunyan-video-appeal"
    assert page.js("id => kgraph.app.isShown(id)", node) is False
    type_search(page, "video appeal")
    first = page.page.locator("#search-list [role=option]").first
    assert first.locator(".search-name").inner_text() == "Harutyunyan's video appeal to defend Shusha"
    assert first.locator(".search-hidden-note").inner_text() == HIDDEN_NOTE
    type_search(page, "Stepanyan urges")
    assert page.page.locator("#search-list .search-hidden-note").count() == 0
    type_search(page, "video appeal")
    press(page, "Enter")
    assert selected_id(page) is None
    status = page.page.locator("#search-status")
    assert HIDDEN_NOTE in status.inner_text()
    page.page.get_by_role("button", name="Show it").click()
    assert selected_id(page) == node
    assert page.js("id => kgraph.app.isShown(id)", node) is True
    assert page.js("kgraph.shownEvents()").count(node) == 1
    assert page.page.locator("#panel h2.title").inner_text() == "Harutyunyan's video appeal to defend Shusha"
    assert status.is_hidden()
    assert page.errors == []


def test_the_box_is_an_aria_combobox_whose_active_option_follows_the_keys(seed_page: Page) -> None:
    page = seed_page
    box = page.page.get_by_role("combobox", name="Find")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-autocomplete") == "list"
    listbox = page.page.locator("#" + str(box.get_attribute("aria-controls")))
    assert listbox.get_attribute("role") == "listbox"
    type_search(page, "Stepan")
    assert box.get_attribute("aria-expanded") == "true"
    ids = page.js("[...document.querySelectorAll('#search-list [role=option]')].map(o => o.id)")
    assert len(ids) == len(set(ids)) == len(suggestions(page)) > 3
    assert all(ids)
    assert active_option(page) is None
    walk = [("ArrowDown", 0), ("ArrowDown", 1), ("ArrowUp", 0), ("End", -1), ("Home", 0), ("ArrowUp", -1)]
    for key, at in walk:
        press(page, key)
        assert active_option(page) == ids[at], key
        chosen = page.js("[...document.querySelectorAll('#search-list [aria-selected=true]')].map(o => o.id)")
        assert chosen == [ids[at]]
    press(page, "ArrowDown")
    assert active_option(page) == ids[0]  # from the last, down goes round to the first
    press(page, "Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert active_option(page) is None
    assert box.input_value() == "Stepan"
    press(page, "Escape")
    assert box.input_value() == ""
    type_search(page, "Stepan")
    press(page, "Enter")  # no option is active: the best match
    assert selected_id(page) == "gegham-stepanyan"
    assert page.errors == []


def test_a_click_picks_an_option(seed_page: Page) -> None:
    page = seed_page
    type_search(page, "Stepan")
    page.page.locator("#search-list [role=option]", has_text="Stepanakert airport").click()
    assert selected_id(page) == "stepanakert-airport"
    assert expanded(page) == "false"


@pytest.mark.parametrize("viewport", [(1440, 900), (800, 600), (390, 844)])
def test_the_list_and_the_offer_stay_on_screen(
    open_page: Callable[..., Page], seed_file: Path, viewport: tuple[int, int]
) -> None:
    page = open_page(seed_file, viewport)
    width, height = viewport
    type_search(page, "a")
    assert len(suggestions(page)) == 12
    assert page.page.locator("#search-more").inner_text().endswith("more names match: type more to narrow")
    inside = "sel => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
    left, top, right, bottom = page.js(inside, "#search-popup")
    assert 0 <= left < right <= width
    assert 0 <= top < bottom <= height
    press(page, "ArrowDown")
    page.screenshot(f"explorer-search-{width}x{height}.png")
    page.js("kgraph.setWindow('2023-01-01', '2023-12-31')")
    type_search(page, "Harutyunyan's video appeal to defend Shusha")
    press(page, "Enter")
    left, top, right, bottom = page.js(inside, "#search-status")
    assert 0 <= left < right <= width
    assert 0 <= top < bottom <= height
    assert page.page.get_by_role("button", name="Show it").is_visible()
    page.screenshot(f"explorer-search-hidden-{width}x{height}.png")
    assert page.js("document.documentElement.scrollWidth") <= width
    assert page.errors == []


PAYLOADS = [
    "<script>window.__xss = 'script'</script>",
    "<img src=x onerror=\"window.__xss = 'img'\">",
    "</script><script>window.__xss = 'close'</script>",
    "javascript:window.__xss = 'link'",
    '" onmouseover="window.__xss = \'attr\'" x="',
    "'><svg onload=alert('svg')>",
    "<!-- {{ 7*7 }} ${7*7} -->",
]


def payload_graph() -> nx.MultiDiGraph:
    """The hostile graph of the explorer's other browser tests: markup in every name, alias and language."""
    graph = nx.MultiDiGraph(sources={"s": {"title": PAYLOADS[1], "id": "s"}})
    for i, text in enumerate(PAYLOADS):
        kind = ["person", "organization", "event", "place"][i % 4]
        graph.add_node(
            text,
            kind=kind,
            type=text,
            label=text,
            aliases=[{"name": f"{text} alias", "lang": text}],
            date=text,
            earliest="2023-07-12",
            latest="2023-07-13",
            evidence=[{"quote": text, "source": "s", "claimed_by": PAYLOADS[0]}],
        )
    for a, b in itertools.pairwise(PAYLOADS):
        graph.add_edge(a, b, key=b, kind="relation", type=a, label=b)
    return graph


def test_searching_markup_runs_no_script(open_page: Callable[..., Page], tmp_path: Path) -> None:
    path = tmp_path / "payloads.html"
    path.write_text(to_html(payload_graph()), encoding="utf-8")
    page = open_page(path, LAPTOP)
    for query in ["<", "script", "window", "onerror", "alias", "svg", "7*7", "javascript:"]:
        type_search(page, query)
        for text in suggestions(page):
            assert any(p in text for p in PAYLOADS), text
        press(page, "ArrowDown", "Enter")
    page.js("kgraph.setWindow('2024-01-01', null)")
    type_search(page, "alias")
    assert page.page.locator("#search-list .search-hidden-note").count() == len(PAYLOADS)
    press(page, "End", "Enter")
    page.page.get_by_role("button", name="Show it").click()
    type_search(page, "nothing of the kind <b>")
    press(page, "Enter")
    assert page.page.locator("#search-status").inner_text().startswith("No name matches “nothing of the kind <b>”")
    page.page.wait_for_timeout(200)
    assert page.js("window.__xss === undefined")
    assert page.dialogs == []
    assert (
        page.js(
            "document.querySelectorAll('#search-box *:not(label, input, div, ul, li, span, mark, p, button)').length"
        )
        == 0
    )
    assert page.js("document.querySelectorAll('script').length") == 2 + len(SCRIPTS)
    assert page.requests == []
    assert page.errors == []


def test_a_keystroke_folds_nothing_again_at_5000_nodes(open_page: Callable[..., Page], tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(to_html(big_graph()), encoding="utf-8")
    page = open_page(path, LAPTOP)
    type_search(page, "Node 4")
    assert suggestions(page)[0].splitlines()[0] == "Node 4"
    timings = page.js(
        """() => {
            const box = document.getElementById('search');
            const best = [];
            for (const q of ['n', 'no', 'nod', 'node 4', 'node 49', 'e', 'zzz', 'a b', '4 node']) {
                const runs = [];
                for (let run = 0; run < 5; run += 1) {
                    box.value = q;
                    const t = performance.now();
                    box.dispatchEvent(new Event('input'));
                    runs.push(performance.now() - t);
                }
                best.push(Math.min(...runs));
            }
            return best;
        }"""
    )
    print(f"\nat 5,000 nodes a keystroke lists its matches in {max(timings):.1f} ms at most")  # printed, not checked
    folds = page.js(
        """() => {
            const normalize = String.prototype.normalize;
            let calls = 0;
            String.prototype.normalize = function (...args) { calls += 1; return normalize.apply(this, args); };
            try { kgraph.search('node 4'); kgraph.search('e'); } finally { String.prototype.normalize = normalize; }
            return calls;
        }"""
    )
    assert folds <= 2  # the query alone: every name was folded once, before
    assert page.errors == []
