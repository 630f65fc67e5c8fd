"""kgraph build and kgraph export: every file, byte-identical, checked for staleness, written whole."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from kgraph.export import FILES, build, render, render_all, stale
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import ROOT, SEEDS, kgraph_cli

EXPORTS = ROOT / "exports"


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def test_committed_exports_are_current(kg):
    assert stale(kg.graph, EXPORTS) == []
    assert sorted(p.name for p in EXPORTS.iterdir()) == sorted(FILES.values())


def test_two_builds_are_byte_identical(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for out in (one, two):
        assert kgraph_cli("build", "seeds", "--out", str(out)).returncode == 0
    for name in FILES.values():
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


@pytest.mark.parametrize("corpus", ["seeds", "claims"])
def test_builds_do_not_depend_on_hash_seeds(tmp_path, request, corpus):
    """The claims corpus too: figures, stances, histories and links between events come out in one order."""
    path = "seeds" if corpus == "seeds" else str(request.getfixturevalue("claims_path"))
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-m", "kgraph", "build", path, "--out", str(tmp_path / seed)],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            check=True,
            capture_output=True,
        )
    for name in FILES.values():
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_build_prints_counts_and_sizes(tmp_path):
    result = kgraph_cli("build", "seeds", "--out", str(tmp_path))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seeds: 2 sources, 3 persons")
    assert lines[1] == "graph: 56 nodes, 98 edges"
    assert [line.split()[1] for line in lines[2:]] == [str(tmp_path / name) for name in FILES.values()]
    assert all(line.endswith(("kB)", "MB)", " B)")) for line in lines[2:])


def test_check_mode_reports_stale_files(tmp_path):
    shutil.copytree(EXPORTS, tmp_path / "exports")
    assert kgraph_cli("build", "seeds", "--out", str(tmp_path / "exports"), "--check").returncode == 0
    (tmp_path / "exports" / "graph.gexf").write_text("edited", encoding="utf-8")
    (tmp_path / "exports" / "timeline.json").unlink()
    result = kgraph_cli("build", "seeds", "--out", str(tmp_path / "exports"), "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'exports' / 'graph.gexf'}: stale: run 'kgraph build seeds --out {tmp_path / 'exports'}'",
        f"{tmp_path / 'exports' / 'timeline.json'}: stale: run 'kgraph build seeds --out {tmp_path / 'exports'}'",
    ]
    assert not (tmp_path / "exports" / "timeline.json").exists()  # check mode writes nothing


@pytest.mark.parametrize("fmt", list(FILES))
def test_export_one_format_to_stdout_or_a_file(tmp_path, fmt):
    result = subprocess.run(
        [sys.executable, "-m", "kgraph", "export", "seeds", "--format", fmt], cwd=ROOT, capture_output=True, check=True
    )
    assert result.stdout == (EXPORTS / FILES[fmt]).read_bytes()
    target = tmp_path / f"out.{fmt}"
    assert kgraph_cli("export", "seeds", "--format", fmt, "-o", str(target)).returncode == 0
    assert target.read_bytes() == result.stdout


def test_export_usage_errors(tmp_path):
    result = kgraph_cli("export", "seeds", "--format", "pdf")
    assert result.returncode == 2
    assert "invalid choice: 'pdf'" in result.stderr
    result = kgraph_cli("export", "seeds", "--format", "json", "-o", str(tmp_path / "missing" / "g.json"))
    assert (result.returncode, result.stderr) == (
        2,
        f"kgraph: error: {tmp_path / 'missing' / 'g.json'}: the folder {tmp_path / 'missing'} does not exist\n",
    )


def test_a_failed_build_leaves_previous_exports_untouched(tmp_path):
    out = tmp_path / "exports"
    shutil.copytree(EXPORTS, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    annotations = corpus / "2023-07-blockade" / "annotations.yaml"
    annotations.write_text(
        annotations.read_text(encoding="utf-8").replace("actor: icrc,", "actor: icrcc,"), encoding="utf-8"
    )
    result = kgraph_cli("build", str(corpus), "--out", str(out))
    assert result.returncode == 1
    assert "unknown actor 'icrcc'" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_leaves_no_temporary_files(tmp_path, kg):
    build(kg.graph, tmp_path, kg.corpus.inputs)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES.values())


def test_render_all_matches_render(kg):
    files = render_all(kg.graph)
    for fmt, name in FILES.items():
        assert files[name] == render(kg.graph, fmt)
