"""Writing outputs under attack: targets that are inputs, devices, pipes or links; kills, full disks, concurrent
builds; and the command line's own failures (closed pipes, full disks, odd names, Ctrl-C), each a message.

Files too odd to commit (FIFOs, device nodes, links, names that are not UTF-8) are made at run time.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.errors import KgraphError
from kgraph.export import FILES, build
from kgraph.export.nodelink import GraphFileError
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import MEMORY_LIMIT, ROOT, SEEDS, TIME_LIMIT

pytestmark = pytest.mark.hostile
EXPORTS = ROOT / "exports"
CONSOLE_SCRIPT = Path(sys.executable).parent / "kgraph"


def run(*args: str | bytes, cwd: Path = ROOT, **options: object) -> subprocess.CompletedProcess[bytes]:
    """``kgraph ARGS`` in a new process, within bounds; stdout and stderr as bytes, never a traceback."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if "fsize" in options:
            size = int(str(options["fsize"]))
            resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    result = subprocess.run(
        [sys.executable, "-m", "kgraph", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=options.get("stdout", subprocess.PIPE),  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        check=False,
        timeout=TIME_LIMIT,
        preexec_fn=limits,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""},
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert b"Exception ignored" not in result.stderr, result.stderr.decode(errors="replace")
    return result


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the seeds whose first source text is named graph.json, as a build's output would be."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    document = folder / "2023-07-blockade"
    (document / "article.txt").rename(document / "graph.json")
    annotations = document / "annotations.yaml"
    annotations.write_text(
        annotations.read_text(encoding="utf-8").replace("  text: article.txt", "  text: graph.json"), encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A synthetic corpus whose build takes a second or more (about 2 s on two cores, cache warm), made once."""
    from kgraph.synth.corpus import write

    folder = tmp_path_factory.mktemp("synthetic") / "corpus"
    write(folder, events=4000, seed=3)
    return folder


def snapshot(folder: Path) -> dict[Path, tuple[bytes, int, int]]:
    return {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


# --- point 3: -o and --out never write over an input, a device, a pipe or through a link ---------------------------


@pytest.mark.parametrize(
    "target",
    [
        "registry.yaml",
        "2023-07-blockade/annotations.yaml",
        "2023-07-blockade/graph.json",
        "2020-10-shusha-appeal/article.txt",
        "2020-10-shusha-appeal/../registry.yaml",
        "link-to-registry.yaml",
        "hard-link-to-article.txt",
    ],
)
def test_export_refuses_to_write_over_any_input(corpus, target):
    (corpus.parent / "link-to-registry.yaml").symlink_to(corpus / "registry.yaml")
    os.link(corpus / "2020-10-shusha-appeal" / "article.txt", corpus.parent / "hard-link-to-article.txt")
    path = (corpus.parent if "-to-" in target else corpus) / target
    before = snapshot(corpus)
    result = run("export", str(corpus), "--format", "json", "-o", str(path))
    assert result.returncode == 2
    assert b"is a file of the corpus being read" in result.stderr
    assert snapshot(corpus) == before


def test_export_to_standard_output_appended_to_an_input_is_refused(corpus):
    before = snapshot(corpus)
    with (corpus / "registry.yaml").open("ab") as registry:
        result = run("export", str(corpus), "--format", "json", stdout=registry)
    assert result.returncode == 2
    assert (
        result.stderr
        == b"kgraph: error: standard output: is a file of the corpus being read; kgraph never writes over its inputs\n"
    )
    assert snapshot(corpus) == before


@pytest.mark.parametrize("out", ["2023-07-blockade", ".", "2023-07-blockade/../2023-07-blockade"])
def test_build_refuses_a_folder_of_the_corpus(corpus, out):
    before = snapshot(corpus)
    result = run("build", str(corpus), "--out", str(corpus / out))
    assert result.returncode == 2
    assert b"holds files of the corpus being read" in result.stderr
    assert snapshot(corpus) == before


def test_build_refuses_an_output_folder_with_a_hard_link_to_an_input(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.link(corpus / "registry.yaml", out / "graph.html")
    before = snapshot(corpus)
    result = run("build", str(corpus), "--out", str(out))
    assert result.returncode == 2
    assert b"graph.html: is a file of the corpus being read" in result.stderr
    assert snapshot(corpus) == before


def test_export_into_a_fifo_streams_and_leaves_the_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "seeds", "--format", "json", "-o", str(fifo))
    reader.join(timeout=TIME_LIMIT)
    assert result.returncode == 0
    assert received == [(EXPORTS / "graph.json").read_bytes()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_into_a_device_node_streams_and_leaves_the_node(tmp_path):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("cannot make a device node here")
    result = run("export", "seeds", "--format", "json", "-o", str(node))
    assert result.returncode == 0
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_export_through_a_link_to_standard_output_streams_and_leaves_the_link(tmp_path):
    link = tmp_path / "out.json"
    link.symlink_to("/proc/self/fd/1")
    result = run("export", "seeds", "--format", "json", "-o", str(link))
    assert result.returncode == 0
    assert result.stdout == (EXPORTS / "graph.json").read_bytes()
    assert link.is_symlink()
    for name, goal in (("stdout", "/dev/stdout"), ("fd", "/dev/fd/1")):
        (tmp_path / name).symlink_to(goal)
        result = run("export", "seeds", "--format", "json", "-o", str(tmp_path / name))
        assert (result.returncode, result.stdout) == (0, (EXPORTS / "graph.json").read_bytes())
        assert (tmp_path / name).is_symlink()


def test_export_through_a_link_to_a_redirected_standard_output_appends(tmp_path):
    target = tmp_path / "log"
    target.write_bytes(b"earlier\n")
    (tmp_path / "stdout").symlink_to("/dev/stdout")
    with target.open("ab") as log:
        result = run("export", "seeds", "--format", "json", "-o", str(tmp_path / "stdout"), stdout=log)
    assert result.returncode == 0
    assert target.read_bytes() == b"earlier\n" + (EXPORTS / "graph.json").read_bytes()


def _link_to_a_file(path: Path) -> None:
    (path.parent / "real.json").write_text("x")
    path.symlink_to(path.parent / "real.json")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.symlink_to(p.parent / "elsewhere.json"), "is a link to nothing"),
        (_link_to_a_file, "is a link; kgraph does not replace files through links"),
        (lambda p: p.symlink_to(p), "Too many levels of symbolic links"),
    ],
    ids=["folder", "dangling-link", "link-to-a-file", "link-loop"],
)
def test_export_refuses_targets_it_would_replace_or_follow(tmp_path, make: Callable[[Path], None], message):
    target = tmp_path / "out.json"
    make(target)
    before = {p.name: (p.is_symlink(), p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()}
    result = run("export", "seeds", "--format", "json", "-o", str(target))
    assert result.returncode == 2
    assert message.encode() in result.stderr
    assert result.stderr.startswith(f"kgraph: error: {target}: ".encode())
    after = {p.name: (p.is_symlink(), p.read_bytes() if p.is_file() else None) for p in tmp_path.iterdir()}
    assert after == before


def test_build_refuses_output_names_that_are_not_regular_files(tmp_path):
    out = tmp_path / "out"
    shutil.copytree(EXPORTS, out)
    (out / "graph.json").unlink()
    (out / "graph.json").symlink_to(tmp_path / "elsewhere.json")
    result = run("build", "seeds", "--out", str(out))
    assert result.returncode == 2
    assert f"{out / 'graph.json'}: is not a regular file".encode() in result.stderr
    assert not (tmp_path / "elsewhere.json").exists()


# --- point 5: a build replaces the whole set or nothing; concurrent builds queue; write errors are reported ---------


def _die_at_fsync(kg: KnowledgeGraph, out: Path, calls: int) -> int:
    """Build ``kg`` into ``out`` in a forked child that dies (as SIGKILL would) at its ``calls``-th fsync."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            real, count = os.fsync, [0]

            def fsync(fd: int) -> None:
                count[0] += 1
                if count[0] == calls:
                    os._exit(9)
                real(fd)

            os.fsync = fsync  # type: ignore[assignment]
            build(kg.graph, out, kg.corpus.inputs)
        finally:
            os._exit(count[0] if calls == 0 else 0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_a_build_that_dies_at_any_moment_leaves_the_old_set_or_the_new_set(tmp_path, seeds):
    kg = KnowledgeGraph(seeds)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    old = {name: b"old " + name.encode() for name in FILES.values()} | {"notes.txt": b"kept"}
    out.mkdir()
    for name, data in old.items():
        (out / name).write_bytes(data)
    build(kg.graph, fresh, kg.corpus.inputs)
    new = files_in(fresh) | {"notes.txt": b"kept"}
    fsyncs = _die_at_fsync(kg, tmp_path / "count", 0)
    assert fsyncs >= len(FILES)
    outcomes = []
    for calls in range(1, fsyncs + 1):
        assert _die_at_fsync(kg, out, calls) == 9
        found = files_in(out)
        assert found in (old, new), f"a mix of old and new files after dying at fsync {calls}"
        outcomes.append("new" if found == new else "old")
        shutil.rmtree(out)
        out.mkdir()
        for name, data in old.items():
            (out / name).write_bytes(data)
    assert outcomes[0] == "old"
    build(kg.graph, out, kg.corpus.inputs)  # the next build cleans whatever the dead ones left
    assert files_in(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["count", "fresh", "out"]
    assert sorted(p.name for p in out.iterdir()) == sorted(new)


def test_concurrent_builds_into_one_folder_queue(tmp_path, seeds):
    """One build is slowed down in the middle of writing; a second build into the same folder waits for it."""
    kg = KnowledgeGraph(seeds)
    out = tmp_path / "out"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: a build that sleeps at its first fsync
        code = 1
        try:
            real = os.fsync

            def fsync(fd: int) -> None:
                (tmp_path / "writing").touch()
                time.sleep(3)
                os.fsync = real  # type: ignore[assignment]
                real(fd)

            os.fsync = fsync  # type: ignore[assignment]
            build(kg.graph, out, kg.corpus.inputs)
            code = 0
        finally:
            os._exit(code)
    deadline = time.monotonic() + TIME_LIMIT
    while not (tmp_path / "writing").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    second = run("build", "seeds", "--out", str(out), "-q")
    first = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    assert (first, second.returncode) == (0, 0), second.stderr
    assert files_in(out) == files_in(EXPORTS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "writing"]


def test_a_build_keeps_other_files_and_the_folder_mode(tmp_path):
    out = tmp_path / "out"
    out.mkdir(mode=0o750)
    (out / "README.txt").write_text("mine")
    (out / "latest").symlink_to("graph.json")
    assert run("build", "seeds", "--out", str(out)).returncode == 0
    assert files_in(out) == files_in(EXPORTS) | {"README.txt": b"mine", "latest": (EXPORTS / "graph.json").read_bytes()}
    assert (out / "latest").is_symlink()
    assert stat.S_IMODE(out.stat().st_mode) == 0o750


def test_a_build_into_a_folder_with_subfolders_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    result = run("build", "seeds", "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"kgraph: error: {out}: holds a subfolder, 'sub'".encode())
    assert [p.name for p in out.iterdir()] == ["sub"]


def test_a_build_into_the_current_folder_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run("build", str(SEEDS), "--out", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(b"kgraph: error: .: is the current folder")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_where_folders_cannot_be_swapped_each_file_is_replaced_whole(tmp_path, seeds, monkeypatch):
    from kgraph.export import folder as outfolder

    monkeypatch.setattr(outfolder, "_exchange", lambda new, real: False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    build(KnowledgeGraph(seeds).graph, out, seeds.inputs)
    assert files_in(out) == files_in(EXPORTS) | {"notes.txt": b"mine"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_build_that_cannot_get_the_lock_says_so(tmp_path, seeds, monkeypatch):
    import fcntl

    from kgraph.export import folder as outfolder
    from kgraph.output import OutputError

    monkeypatch.setattr(outfolder, "LOCK_WAIT", 0.2)
    held = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        other = os.fork()
        if other == 0:  # pragma: no cover - the child: a second build while this process holds the lock
            try:
                build(KnowledgeGraph(seeds).graph, tmp_path / "out", seeds.inputs)
            except OutputError as exc:
                os._exit(3 if "another kgraph build has been writing there" in str(exc) else 4)
            finally:
                os._exit(5)
        assert os.waitstatus_to_exitcode(os.waitpid(other, 0)[1]) == 3
    finally:
        os.close(held)
    assert [p.name for p in tmp_path.iterdir()] == []


def test_leftovers_of_killed_builds_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".graph.json.abc123.tmp").write_text("half")
    (tmp_path / ".out.1a2b3c4d.kgraph-tmp").mkdir()
    (tmp_path / ".out.1a2b3c4d.kgraph-tmp" / "graph.json").write_text("half")
    assert run("build", "seeds", "--out", str(out)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert files_in(out) == files_in(EXPORTS)


def test_a_build_cut_short_by_the_file_size_limit_keeps_the_old_set(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_bytes(b"old")
    result = run("build", "seeds", "--out", str(out), fsize=200_000)
    assert result.returncode == 2
    assert result.stderr.startswith(f"kgraph: error: {out}: cannot write the exports: File too large".encode())
    assert files_in(out) == {"graph.json": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_export_cut_short_by_the_file_size_limit_fails(tmp_path, fmt):
    with (tmp_path / "out").open("wb") as out:
        result = run("export", "seeds", "--format", fmt, stdout=out, fsize=10_000)
    assert result.returncode == 2
    assert result.stderr == b"kgraph: error: standard output: cannot write: File too large\n"


def full_device(folder: Path) -> Path:
    """A device node of our own that behaves as /dev/full (never the system's: the broken code replaced it)."""
    node = folder / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("cannot make a device node here")
    return node


def test_export_into_a_full_device_is_an_error(tmp_path):
    node = full_device(tmp_path)
    result = run("export", "seeds", "--format", "json", "-o", str(node))
    assert (result.returncode, result.stderr) == (
        2,
        f"kgraph: error: {node}: cannot write: No space left on device\n".encode(),
    )
    assert stat.S_ISCHR(node.lstat().st_mode)


@pytest.mark.parametrize(
    "args",
    [
        ["export", "seeds", "--format", "json"],
        ["query", "timeline", "seeds"],
        ["query", "why", "seeds", "ICRC", "Iran", "--json"],
        ["validate", "seeds"],
        ["build", "seeds", "--out", "exports", "--check"],
        ["schema", "--check"],
        ["--version"],
    ],
)
def test_a_full_disk_on_output_is_an_error(args):
    with open("/dev/full", "wb") as full:
        result = run(*args, stdout=full)
    assert (result.returncode, result.stderr) == (
        2,
        b"kgraph: error: standard output: cannot write: No space left on device\n",
    )


# --- point 9: the command line's own failures ----------------------------------------------------------------------


@pytest.mark.parametrize("args", [["query", "timeline", "seeds"], ["export", "seeds", "--format", "json"]])
def test_a_pipe_closed_before_the_output_ends_quietly(args):
    process = subprocess.Popen(
        [sys.executable, "-m", "kgraph", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader is gone before kgraph writes
    _, err = process.communicate(timeout=TIME_LIMIT)
    assert (process.returncode, err) == (141, b"")


def test_head_1_of_a_long_timeline_ends_quietly(synthetic):
    process = subprocess.Popen(
        [sys.executable, "-m", "kgraph", "query", "timeline", str(synthetic)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith(b"date")
    process.stdout.close()  # what `| head -1` does after its line
    _, err = process.communicate(timeout=TIME_LIMIT)
    assert (process.returncode, err) == (141, b"")


def test_synth_into_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run("synth", str(tmp_path / "file"), "--events", "3")
    assert (result.returncode, result.stderr) == (2, f"kgraph: error: {tmp_path / 'file'}: is not a folder\n".encode())


def test_schema_into_a_file_is_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run("schema", "--out", str(tmp_path / "file"))
    assert (result.returncode, result.stderr) == (2, f"kgraph: error: {tmp_path / 'file'}: is not a folder\n".encode())


@pytest.mark.parametrize("folder", ["/proc/kgraph-schemas", "/sys/kgraph-schemas"])
def test_schema_into_a_folder_that_cannot_be_made(folder):
    result = run("schema", "--out", folder)
    assert result.returncode == 2
    assert result.stderr.startswith(f"kgraph: error: {folder}: cannot write".encode())


def test_schema_and_synth_on_a_full_disk(tmp_path):
    result = run("schema", "--out", str(tmp_path / "schemas"), fsize=1000)
    assert result.returncode == 2
    assert result.stderr.endswith(b": cannot write: File too large\n")
    result = run("synth", str(tmp_path / "synthetic"), "--events", "30", fsize=1000)
    assert result.returncode == 2
    assert result.stderr.endswith(b": cannot write: File too large\n")


def test_paths_that_are_not_utf8_are_shown_escaped(tmp_path):
    corpus = os.fsencode(tmp_path) + b"/caf\xe9"
    shutil.copytree(SEEDS, os.fsdecode(corpus))
    out = corpus + b"/../out\xff"
    result = run("build", corpus, "--out", out)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()  # all of it is UTF-8
    assert lines[0].startswith(f"{tmp_path}/caf\\xe9: 2 sources")
    size = (EXPORTS / "graph.graphml").stat().st_size / 1000
    assert lines[2] == f"wrote {tmp_path}/caf\\xe9/../out\\xff/graph.graphml ({size:.1f} kB)"
    assert files_in(Path(os.fsdecode(out))) == files_in(EXPORTS)
    result = run("export", corpus, "--format", "json", "-o", out + b"/g\xfe.json")
    assert result.returncode == 0
    size = (EXPORTS / "graph.json").stat().st_size / 1000
    assert result.stderr.decode("utf-8") == f"wrote {tmp_path}/caf\\xe9/../out\\xff/g\\xfe.json ({size:.1f} kB)\n"


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        "1",
        "null",
        '"text"',
        '{"nodes": 5}',
        '{"directed": true, "multigraph": true, "graph": [], "nodes": [], "edges": []}',
        '{"directed": true, "multigraph": true, "graph": {}, "nodes": [{"id": "a"}], "edges": []}',
        '{"directed": true, "multigraph": true, "graph": {}, "nodes": [{"id": "a", "kind": "event"}], "edges": []}',
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
        "1" * 5000,
        "1e999999",
    ],
    ids=lambda t: t[:40],
)
def test_reading_a_damaged_graph_file_raises_graph_file_error(tmp_path, text):
    path = tmp_path / "graph.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFileError) as raised:
        KnowledgeGraph.read_json(path)
    assert str(raised.value).startswith(f"{path}: ")


def test_every_damage_to_a_real_graph_file_raises_graph_file_error():
    text = (EXPORTS / "graph.json").read_text(encoding="utf-8")
    for index in range(0, len(text), 911):
        for damage in ("", "[", '"', "9" * 400, "-1e999", "{}", "null"):
            broken = text[:index] + damage + text[index + 1 :]
            try:
                KnowledgeGraph.from_json(broken)
            except GraphFileError:
                pass
            except KgraphError as exc:  # a KgraphError, but not the one the function documents
                raise AssertionError(f"{type(exc).__name__} at {index} with {damage!r}: {exc}") from None


def test_reading_a_graph_file_that_is_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "graph.json"
    os.mkfifo(fifo)
    raised: list[BaseException] = []

    def read() -> None:
        try:
            KnowledgeGraph.read_json(fifo)
        except BaseException as exc:
            raised.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # blocked, waiting for a writer: give it one, so that the test ends
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join()
        pytest.fail("read_json waited on a FIFO")
    assert len(raised) == 1
    assert isinstance(raised[0], GraphFileError)
    assert str(raised[0]) == f"{fifo}: is not a regular file"


# --- point 12 and Ctrl-C ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["build", "seeds", "--out", ""],
        ["schema", "--out", ""],
        ["export", "seeds", "--format", "json", "-o", ""],
        ["synth", "", "--events", "3"],
    ],
)
def test_an_empty_output_path_is_a_usage_error(tmp_path, args):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert b"kgraph: error: an empty path" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_ctrl_c_says_interrupted_and_exits_130(synthetic, tmp_path):
    process = subprocess.Popen(
        [str(CONSOLE_SCRIPT), "build", str(synthetic), "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=TIME_LIMIT)
    assert (process.returncode, err, out) == (130, b"kgraph: interrupted\n", b"")


# What Python itself prints when Ctrl-C lands while the interpreter starts, before kgraph's code runs: in its
# site module, its standard streams, its check of the script's path, or setting up the script's module.
PYTHON_STARTUP = (b"Fatal Python error: init_", b"python: failed to set __main__.__loader__\n")
PYTHON_BARE_INTERRUPT = b"KeyboardInterrupt\n"  # before the script's first line: no traceback
# Ctrl-C that Python swallows while it starts: it prints this and the run goes on. Swallowed in an import callback
# after run() began, it would reach kgraph's hook instead ("kgraph: interrupted", tests/cli/test_unraisable_interrupt.py),
# so this output shows that it landed before.
SWALLOWED_AT_STARTUP = (
    b"Failed checking if argv[0] is an import path entry\n",
    b"Exception ignored in: <function _get_module_lock.<locals>.cb",
)


_SCRIPT = str(CONSOLE_SCRIPT).encode()


def _before_kgraph_runs(err: bytes) -> bool:
    """Whether ``err`` is a KeyboardInterrupt before kgraph's handler can exist: in the interpreter's own startup,
    as the console script's module starts (its only frame at line 0, before its first line), or while it imports
    ``kgraph.cli.main`` (module code only, under a millisecond), never later: not inside ``run``."""
    if err == PYTHON_BARE_INTERRUPT or err.startswith(PYTHON_STARTUP):
        return True
    frames = re.findall(rb'^  File "([^"]*)", line (\d+), in (\S+)$', err, flags=re.MULTILINE)
    at_the_scripts_start = frames == [(_SCRIPT, b"0", b"<module>")]  # before its first line
    return (
        err.startswith(b"Traceback")
        and (b"from kgraph.cli.main import run" in err or at_the_scripts_start)
        and b", in run\n" not in err
        and err.rstrip().endswith(b"KeyboardInterrupt")
    )


_AT_LINE_0 = b'Traceback (most recent call last):\n  File "' + _SCRIPT + b'", line 0, in <module>\nKeyboardInterrupt\n'


@pytest.mark.parametrize(
    ("err", "before"),
    [
        (PYTHON_BARE_INTERRUPT, True),
        (_AT_LINE_0, True),  # what CI saw once, at 30 ms: the script's module started, its first line not yet run
        (_AT_LINE_0.replace(b"line 0", b"line 5"), False),  # a later line of the script: not its start
        (_AT_LINE_0.replace(_SCRIPT, b"/elsewhere/kgraph"), False),  # another script
        (
            _AT_LINE_0.replace(
                b"KeyboardInterrupt\n", b'  File "/x/kgraph/cli/main.py", line 9, in run\nKeyboardInterrupt\n'
            ),
            False,  # inside run: kgraph's own handler must have answered
        ),
        (_AT_LINE_0.replace(b"KeyboardInterrupt", b"ValueError"), False),
    ],
    ids=["bare", "script-line-0", "script-line-5", "other-script", "inside-run", "not-an-interrupt"],
)
def test_what_counts_as_an_interrupt_before_kgraph_runs(err, before):
    assert _before_kgraph_runs(err) is before


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="the kgraph console script is not installed")
def test_ctrl_c_at_any_moment_of_the_start_shows_no_traceback(synthetic, tmp_path):
    """SIGINT from 0 to 150 ms after the start: "kgraph: interrupted" and 130, or killed by the signal before Python
    handles it, or (a window kgraph cannot close: Python's own startup, see PYTHON_STARTUP and SWALLOWED_AT_STARTUP)
    what Python does with it."""
    outcomes = []
    delays = [i / 100 for i in range(16)] + [0.005, 0.015, 0.025, 0.035, 0.045, 1.0]
    for number, delay in enumerate(delays):
        out = tmp_path / f"out-{number}"
        process = subprocess.Popen(
            [str(CONSOLE_SCRIPT), "build", str(synthetic), "--out", str(out), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=TIME_LIMIT)
        if _before_kgraph_runs(err):
            outcomes.append("startup")
        elif err.startswith(SWALLOWED_AT_STARTUP):  # Python went on: the build ran to its end
            assert err.rstrip().rstrip(b":").endswith(b"KeyboardInterrupt"), (delay, err.decode())
            assert b"kgraph" not in err, (delay, err.decode())
            assert process.returncode == 0, (delay, err.decode())
            assert (out / "graph.json").is_file(), delay
            outcomes.append("swallowed at startup")
        else:
            assert b"Traceback" not in err, (delay, err.decode())
            assert (process.returncode, err) in ((130, b"kgraph: interrupted\n"), (-signal.SIGINT, b"")), (delay, err)
            assert not out.exists(), delay
            outcomes.append(str(process.returncode))
    assert outcomes[-1] == "130"
