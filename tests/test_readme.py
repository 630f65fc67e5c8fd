"""The README's annotated examples are verbatim excerpts of the example corpus, which validates without warnings."""

from __future__ import annotations

import re

import kgraph

from .helpers import ROOT

EXAMPLE = ROOT / "tests" / "fixtures" / "readme"
SECTION = "### Claims, denials, numbers, links between events, additions"


def _yaml_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION)
    section = readme[start : readme.index("\n#", start + len(SECTION))]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def test_every_example_block_is_an_excerpt_of_the_example_corpus():
    files = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.rglob("annotations.yaml"))]
    blocks = _yaml_blocks()
    assert len(blocks) == 3
    for block in blocks:
        lines = block.rstrip("\n").split("\n")
        head, rest = lines[0], "\n".join(lines[1:])
        assert any(f"\n{head}\n" in text and rest in text for text in files), block


def test_the_vocabulary_example_is_an_excerpt_of_its_fixture():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### A corpus's own terms") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    fixture = ROOT / "tests" / "fixtures" / "vocabulary" / "valid" / "vocabulary.yaml"
    assert block.group(1) in fixture.read_text(encoding="utf-8")


def test_the_example_corpus_validates_strictly():
    assert kgraph.validate(EXAMPLE, strict=True) == []


def test_the_example_says_what_the_readme_says():
    corpus = kgraph.load(EXAMPLE)
    denial = next(e for e in corpus.relations["armenian-forces--located-in--nagorno-karabakh"].evidence if e.denies)
    assert (denial.stance, denial.claimed_by) == ("denies", ("armenia",))
    shelling = corpus.events["terter-shelling"].evidence[0]
    assert (shelling.claimed_by, shelling.via) == (("defence-ministry",), ("foreign-ministry",))
    assert corpus.as_of("2020-11-09").events["ceasefire"].status == "predicted"
    assert corpus.as_of("2020-11-10").events["ceasefire"].status == "occurred"
    assert corpus.events["helicopter-downing"].place == "armenia"
