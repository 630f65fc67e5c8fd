"""Reading YAML: YAML 1.2 scalars, line numbers, and the mistakes it reports."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kgraph.corpus.yamlfile import MAX_DEPTH, UNREADABLE, QuotingDumper, decode, parse_yaml
from kgraph.errors import Problem


def parse(text):
    data, _, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    return data


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("2023-07-12", "2023-07-12"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0x1f", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("'42'", "42"),
        ('"true"', "true"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),
        ("199X", "199X"),
        ("2023-06-15/..", "2023-06-15/.."),
    ],
)
def test_scalars_follow_yaml_1_2(scalar, value):
    assert parse(f"a: {scalar}\n") == {"a": value}


def test_special_floats():
    data = parse("a: .inf\nb: -.Inf\nc: .nan\n")
    assert data["a"] == math.inf
    assert data["b"] == -math.inf
    assert math.isnan(data["c"])


def test_line_map_points_at_keys_and_items():
    _, lines, _ = parse_yaml("top:\n  - name: a\n    kind: b\n  - name: c\n", "f.yaml")
    assert lines.line(("top",)) == 1
    assert lines.line(("top", 1)) == 4
    assert lines.line(("top", 0, "kind")) == 3
    assert lines.line(("top", 0, "Alias", "missing")) == 2  # unknown parts are skipped


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: 1\nb: 2\na: 3\n", Problem("f.yaml", 3, "duplicate key 'a' (first at line 1)")),
        (
            "a: &x 1\nb: *x\n",
            Problem("f.yaml", 2, "YAML aliases (*name) are not supported in annotation files: write the value out"),
        ),
        ("a: !custom 1\n", Problem("f.yaml", 1, "unsupported YAML tag '!custom'")),
        ("a:\n\t- b\n", Problem("f.yaml", 2, "YAML syntax error: tab character; indent with spaces only")),
        (
            "a: 'open\n",
            Problem(
                "f.yaml",
                2,
                "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts at line 1)",
            ),
        ),
        (
            "a: 1\n---\nb: 2\n",
            Problem(
                "f.yaml", 2, "YAML syntax error: expected a single document in the stream but found another document"
            ),
        ),
        ("? [a]\n: 1\n", Problem("f.yaml", 1, "a mapping key must be plain text")),
        (
            "base: &b {x: 1}\nother:\n  <<: *b\n",
            Problem("f.yaml", 3, "YAML merge keys (<<) are not supported: write the fields out"),
        ),
    ],
)
def test_reported_mistakes(text, problem):
    assert problem in parse_yaml(text, "f.yaml")[2]


def test_the_billion_laughs_is_refused_quickly():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{','.join(['*' + previous] * 9)}]\n"
    data, _, problems = parse_yaml(bomb, "f.yaml")
    assert len([p for p in problems if "aliases" in p.message]) == 8 * 9
    assert problems[-1] == Problem(  # the last anchor is never used: refused on its own
        "f.yaml", 9, "YAML anchors (&name) are not supported in annotation files: remove &i"
    )
    assert data is not None
    assert data["i"] == [UNREADABLE] * 9  # reported, and marked so that no second error follows


@pytest.mark.hostile
def test_an_anchor_without_an_alias_is_refused_at_its_line():
    problems = parse_yaml("a: 1\nb: &x 2\nc: [&y 3, 4]\n", "f.yaml")[2]
    assert [(p.line, p.message) for p in problems] == [
        (2, "YAML anchors (&name) are not supported in annotation files: remove &x"),
        (3, "YAML anchors (&name) are not supported in annotation files: remove &y"),
    ]


@pytest.mark.hostile
def test_a_nul_byte_is_one_problem_on_its_own_line():
    assert parse_yaml("a: 1\nb: 2\nc: x\0y\n", "f.yaml")[2] == [
        Problem("f.yaml", 3, "contains a control character (U+0000), which YAML does not allow")
    ]


@pytest.mark.hostile
def test_nesting_is_refused_as_soon_as_it_is_too_deep():
    """Reading stops at level 65: libyaml never scans the rest (200,000 levels took it 400 s, then crashed)."""
    problems = parse_yaml("a: " + "{a: " * 200_000 + "1" + "}" * 200_000, "f.yaml")[2]
    assert problems == [Problem("f.yaml", 1, f"nesting deeper than {MAX_DEPTH} levels")]


def test_deep_nesting_is_a_problem_not_a_crash():
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    problems = parse_yaml(text, "f.yaml")[2]
    assert problems == [Problem("f.yaml", 1, f"nesting deeper than {MAX_DEPTH} levels")]


@pytest.mark.parametrize(
    ("raw", "text", "problems"),
    [
        (b"a: 1\n", "a: 1\n", []),
        (b"\xef\xbb\xbfa: 1\n", "a: 1\n", []),
        (b"a: 1\nb: caf\xe9\n", None, [Problem("f", 2, "invalid UTF-8 (byte 0xe9): save the file as UTF-8")]),
        ("a: 1\n".encode("utf-16"), None, [Problem("f", 1, "file is encoded as UTF-16: save it as UTF-8")]),
    ],
)
def test_decode(raw, text, problems):
    assert decode(raw, "f") == (text, problems)


# Control characters are left out: PyYAML's writer turns some (such as U+0085, a YAML line
# break) into spaces, and annotation models reject them anyway.
texts = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts.filter(bool), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(texts.filter(bool), json_like, max_size=5))
def test_round_trip_of_nested_data(data):
    """Text stays text, numbers stay numbers, and nesting is kept, whatever the values."""
    text = yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True)
    parsed, _, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    assert parsed == data


def test_explicit_standard_tags_are_honoured():
    data, _, problems = parse_yaml("a: !!str 2023\nb: !!float 1\nc: ! 12\nd: !!int 7\ne: !!bool false\n", "f.yaml")
    assert (data, problems) == ({"a": "2023", "b": 1.0, "c": "12", "d": 7, "e": False}, [])


@pytest.mark.hostile
def test_a_value_that_is_not_what_its_tag_says_is_a_problem():
    _, _, problems = parse_yaml("a: !!int seven\nb: !!float yes\n", "f.yaml")
    assert [str(p) for p in problems] == [
        "f.yaml:1: 'seven' is not a valid int (tagged !!int)",
        "f.yaml:2: 'yes' is not a valid float (tagged !!float)",
    ]
