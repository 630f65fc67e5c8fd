"""The explorer's typed time window (kgraph/templates/explorer/window.js), run in Node, against Python's.

``parse`` must read a window exactly as ``kgraph.within`` and ``kgraph.overlapping`` do (``_window``: the face
value of the date, ``Window.start`` and ``Window.end``), or refuse it with a message; it may refuse what Python
reads, never read what Python refuses, and never read something differently. ``admits`` must be
``Window.admits_bounds``. One Node process serves a whole test: it reads lines of JSON lists of calls, and
answers each with a line of JSON results.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.errors import UsageError
from kgraph.graph.windows import Mode, Window, _window

from ..helpers import ROOT

DAYS_JS = ROOT / "kgraph" / "templates" / "explorer" / "days.js"
WINDOW_JS = ROOT / "kgraph" / "templates" / "explorer" / "window.js"
EPOCH = date(1970, 1, 1)

#: Loads days.js and window.js as the page does (classic scripts that register globalThis.kgraphParts.days and
#: .window), then
#: answers each line of stdin, a JSON list of [function, ...arguments], with a JSON list of what each returned.
HARNESS = r"""
"use strict";
const fs = require("fs");
const vm = require("vm");
const readline = require("readline");
const context = vm.createContext({});
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context, { filename: "days.js" });
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context, { filename: "window.js" });
const part = vm.runInContext("globalThis.kgraphParts.window", context);
const call = ([name, ...args]) => {
  try {
    const value = part[name](...args);
    return value === undefined ? { undefined: true } : JSON.parse(JSON.stringify(value));
  } catch (error) {
    return { thrown: String(error) };
  }
};
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  process.stdout.write(JSON.stringify(JSON.parse(line).map(call)) + "\n");
});
"""


class Node:
    """One Node process running window.js; ``call`` sends it a list of calls and returns their results."""

    def __init__(self, node: str) -> None:
        self.process = subprocess.Popen(
            [node, "-e", HARNESS, str(DAYS_JS), str(WINDOW_JS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def call(self, calls: list[list[Any]]) -> list[Any]:
        assert self.process.stdin
        assert self.process.stdout
        self.process.stdin.write(json.dumps(calls) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, "window.js stopped answering"
        return list(json.loads(answer))

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the explorer's JavaScript tests: node is not on PATH")
        pytest.skip("node is not on PATH (apt-get install nodejs)")
    running = Node(found)
    yield running
    running.close()


def number(day: date | None) -> int | None:
    """A day as window.js counts days: since 1970-01-01."""
    return None if day is None else (day - EPOCH).days


def python_window(text: str) -> dict[str, Any]:
    """What Python makes of a typed window: its start and end as day numbers, or its error."""
    try:
        window = _window(text, "within")
    except UsageError as error:
        return {"error": str(error)}
    return {"start": number(window.start), "end": number(window.end)}


def disagreements(node: Node, texts: list[str]) -> list[str]:
    """Each text window.js reads that Python refuses, or reads differently; or on which it fails."""
    found = []
    for text, page in zip(texts, node.call([["parse", t] for t in texts]), strict=True):
        python = python_window(text)
        refused = set(page) == {"error"} and isinstance(page["error"], str) and page["error"] != ""
        if not refused and set(page) != {"start", "end"}:
            found.append(f"{text!r}: window.js answered {page}")
        elif "error" not in page and page != python:
            found.append(f"{text!r}: window.js reads {page}, Python {python}")
    return found


#: What a user types, and window.js reads as Python does.
READ = [
    "2023", "2023-07", "2023-07-12", "1995", "0001", "9999", "2024-02-29", " 2023 ", "\t2023-07\n",
    "2023~", "2023?", "2023%", "2023-07?", "2023-07-12~", "2023-07-12%", "9999-~11", "0001-~02",
    "?2023", "~2023-07", "%2023-07-12", "?2023-07-12", "2023?-07", "2023~-07-12", "2023-07?-12", "2023-~07",
    "2023-%07", "2023-?07-12", "2023-07-?12", "2023-07-%12", "?2023-?07-~12", "2023~-~07", "2024-02-~29",
    "201X", "20XX", "2XXX", "X023", "2X23", "201X~", "2XXX~", "20XX%", "1XXX%", "2XXX%", "7XXX%",
    "2023-XX", "2023-XX~", "2023-07-XX", "2023-07-XX~", "2023-02-XX", "2024-02-XX", "20XX-02-XX", "2023-06-XX%", "2023-XX-XX", "2023-XX-XX%", "2023-XX-15", "2023-0X-15",
    "2023-1X-05", "2023-07-1X", "2023-07-X1", "2023-XX-3X", "2023-0X-31", "201X-XX", "201X-0X", "201X-07-2X",
    "000X-1X",
    "2023-21", "2023-22", "2023-23", "2023-24", "2023-25", "2023-33", "2023-37", "2023-40", "2023-41",
    "2023-07/2023-09", "2023/2024", "2023-07-12/2023-07-12", "../2021", "2022-12~/..", "/2023", "2023/",
    "../..", "2023-07-12/..", "../2021-03-04", "2023~/2024?", "2023-07~/2023-09?", "2023-07-12%/..",
    "2023-21/2023-24", "2023-21/..", "/2023-21", "2023-~07/2024-~07", "?2023/2024", "2023-07-?12/2024",
    "2023/2024-~07", "201X/2023", "2023/202X", "2010/201X-0X", "2023-0X-15/2024", "2023/XXXX",
    "9999~/9999", "0001/0001~", "9995/", "/0005", "0XXX/2023-0X-15",
    "2023-07-12 / 2023-07-14", "2023-07-12 /2023-07-14", "2023-07-12/ 2023-07-14", "2023\t/\t2024",
    ".. / 2023", "2023 / ..", "2023 /", "/ 2023", "2023~ / 2024?", "201X / 2023-~07",
]  # fmt: skip

#: Refused by both.
REFUSED_BY_BOTH = [
    "", " ", "abc", "2023-13", "2023-00", "2023-07-00", "2023-07-32", "2023-02-30", "2023-02-29", "1900-02-29",
    "2023-02-29~", "2023-02-~29", "0000", "0000-07", "-0500", "Y12345", "12023", "202", "2023-7", "2023-07-1",
    "2023-07-12T10:00", "2023/2022", "2023-24/2023-21", "/", "//", "../", "/..", "2023//2024", "2023/2024/2025",
    "9999~", "0001~", "0001-~01", "9999-~12", "0001-01-~01", "9999-12-?31", "9999-XX~", "0001-XX~", "1XXX~",
    "9XXX%", "0XXX", "000X", "XXXX", "XXXX-07", "19XX-02-29", "20X3-02-29", "2023-0X", "2023-1X", "2023-X2",
    "2023-XX/2024", "201X~/2023", "2023-21~", "2023-21~/2024", "2023-25/2024", "2023-42", "2023-20",
    "?2023?-07", "?2023~", "2023-07~-~12", "2023~/2024-~07", "2023-07~/2024-~07", "?2023/..", "9995~/", "XXXX/2023", "0XXX/2023",
    "/0005~", "9995 /", "/ 0005", "2023\xa0/2024", "2023\v/2024", "\ufeff2023", "2023\u200b",
]  # fmt: skip

#: Read by Python, refused by window.js with a message: forms a window is not typed in.
REFUSED_BY_THE_PAGE = [
    "[2023..]", "[..2023]", "{2023,2024}", "[2023,2024]", "2023S2", "1985-04-12T23:20:30Z", "2023-21^x",
    "2023 ~", "2023 - ~07", "2023-07 ?", "20XX\t-11",
]  # fmt: skip


def test_window_js_reads_each_form_as_python_does(node: Node) -> None:
    assert disagreements(node, READ) == []
    answers = node.call([["parse", text] for text in READ])
    assert [text for text, answer in zip(READ, answers, strict=True) if "error" in answer] == []


def test_window_js_refuses_what_python_refuses(node: Node) -> None:
    assert [text for text in REFUSED_BY_BOTH if "error" not in python_window(text)] == []
    answers = node.call([["parse", text] for text in REFUSED_BY_BOTH])
    assert {t: a for t, a in zip(REFUSED_BY_BOTH, answers, strict=True) if not a.get("error")} == {}


def test_window_js_refuses_with_a_message_the_forms_it_does_not_read(node: Node) -> None:
    assert [text for text in REFUSED_BY_THE_PAGE if "error" in python_window(text)] == []
    answers = node.call([["parse", text] for text in REFUSED_BY_THE_PAGE])
    assert {t: a for t, a in zip(REFUSED_BY_THE_PAGE, answers, strict=True) if not a.get("error")} == {}


def test_the_messages_say_what_is_wrong(node: Node) -> None:
    answers = node.call([["parse", t] for t in ("2023-02-30", "2023/2022", "9999~", "[2023..]", "abc")])
    assert [answer["error"] for answer in answers] == [
        "2023-02-30: 2023-02-30 does not exist: February 2023 has 28 days",
        "2023/2022: the end (2022-12-31) is before the start (2023-01-01)",
        "9999~: widened for its qualifier, it reaches beyond the supported years 1 to 9999",
        "[2023..]: sets and lists of dates are not read here; type an interval (A/B)",
        '"abc" is not a date or interval the time window reads (examples: 2023, 2023-07, 2023-07-12,'
        " 2022-12~/.., ../2021-03, 2020-~09, 199X, 2023-21)",
    ]


def test_window_js_strips_the_spaces_python_strips(node: Node) -> None:
    spaces = [chr(c) for c in range(0x3100) if chr(c).isspace()] + ["\ufeff", "\u200b", "\u180e"]
    texts = [f"{space}2023{space}" for space in spaces]
    assert disagreements(node, texts) == []
    read = [
        text for text, answer in zip(texts, node.call([["parse", t] for t in texts]), strict=True) if "start" in answer
    ]
    assert read == [f"{space}2023{space}" for space in spaces if space.isspace()]


YEARS = ["0000", "0001", "0002", "0005", "0010", "0011", "0999", "1000", "1900", "1995", "2000", "2023", "2024"]
YEARS += ["9989", "9990", "9995", "9998", "9999", "201X", "20XX", "1XXX", "2XXX", "9XXX", "XXXX", "X023", "000X"]
MONTHS = ["01", "02", "07", "12", "00", "13", "XX", "0X", "1X", "X2", "2X", "21", "24", "25", "41", "42"]
DAYS = ["01", "15", "28", "29", "30", "31", "32", "00", "XX", "1X", "3X", "X1"]
QUALIFIER = st.sampled_from(["", "", "", "", "", "?", "~", "%"])


@st.composite
def typed_dates(draw: st.DrawFn) -> str:
    """A date as a user might type it: a year, month and day, each maybe qualified before or after."""
    year = draw(st.sampled_from(YEARS) | st.integers(1, 9999).map("{:04d}".format))
    text = draw(QUALIFIER) + year + draw(QUALIFIER)
    if draw(st.booleans()):
        text += "-" + draw(QUALIFIER) + draw(st.sampled_from(MONTHS) | st.integers(0, 13).map("{:02d}".format))
        text += draw(QUALIFIER)
        if draw(st.booleans()):
            text += "-" + draw(QUALIFIER) + draw(st.sampled_from(DAYS) | st.integers(0, 32).map("{:02d}".format))
    return text + draw(QUALIFIER)


SIDES = typed_dates() | st.sampled_from(["", ".."])
TEXTS = (
    typed_dates()
    | st.tuples(SIDES, st.sampled_from(["/", "/", " /", "/ ", " / ", "\t/\n", "//"]), SIDES).map("".join)
    | st.text(st.sampled_from("0123X-/.?~% "), max_size=14)
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.tuples(st.sampled_from(["", "", " ", "\t", "\xa0"]), TEXTS, st.sampled_from(["", "", " ", "\n"])))
def test_window_js_reads_generated_dates_as_python_does(node: Node, text: tuple[str, str, str]) -> None:
    assert disagreements(node, ["".join(text)]) == []


DAYS_RANGE = st.integers(-3, 3) | st.integers(-1000, 1000)
BOUND = st.none() | DAYS_RANGE


def to_date(n: int | None) -> date | None:
    """A day number as a day."""
    return None if n is None else EPOCH + timedelta(days=n)


@settings(max_examples=1000, deadline=None)
@given(start=BOUND, end=BOUND, mode=st.sampled_from(["overlapping", "within"]), bounds=st.lists(st.tuples(BOUND, BOUND), min_size=1, max_size=20))  # fmt: skip
def test_admits_is_admits_bounds(
    node: Node, start: int | None, end: int | None, mode: Mode, bounds: list[tuple[int | None, int | None]]
) -> None:
    window = {"start": start, "end": end, "mode": mode}
    page = node.call([["admits", window, list(pair)] for pair in bounds])
    python = Window(to_date(start), to_date(end), mode)
    assert page == [python.admits_bounds(to_date(e), to_date(l_)) for e, l_ in bounds]


@settings(max_examples=300, deadline=None)
@given(days=st.lists(st.dates(date(1, 1, 1), date(9999, 12, 31)), min_size=1, max_size=30))
def test_day_and_iso_count_days_as_python_does(node: Node, days: list[date]) -> None:
    isos = [d.isoformat() for d in days]
    assert node.call([["day", iso] for iso in isos]) == [number(d) for d in days]
    assert node.call([["iso", number(d)] for d in days]) == isos


def test_day_and_iso_keep_null_and_refuse_what_is_not_a_day(node: Node) -> None:
    assert node.call([["day", None], ["iso", None], ["iso", 0], ["day", "1970-01-01"]]) == [
        None,
        None,
        "1970-01-01",
        0,
    ]
    assert all("thrown" in answer for answer in node.call([["day", "2023-02-30"], ["day", "2023-07"]]))
