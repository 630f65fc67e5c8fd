"""Data flows one way (README, "Project layout"): only ``kgraph/corpus/`` reads annotation files and source texts,
only ``kgraph/export/`` writes the exports (through ``kgraph/output.py``, which ``kgraph schema``, ``kgraph synth``
and ``kgraph import`` also write through), and building and querying never touch the filesystem.

Every call that touches the filesystem is found in the package's source (its syntax tree: what the code says, not
what it does when run) and sorted into reading, writing and looking (a file's metadata: whether it exists, its
kind, where a link leads). Each module that does one outside its stage is listed here with the reason, so that a
new one fails until it is justified."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache

import pytest

from .helpers import ROOT

PACKAGE = ROOT / "kgraph"

# What touches the filesystem.

#: Functions of a module, by their full name, and what they do: "read" (a file's content, a folder's listing),
#: "write" (anything that changes the filesystem) or "look" (a file's metadata). ``open`` and ``os.open`` are
#: sorted by their mode; the calls on a file descriptor (os.read, os.fsync, os.fstat...) are not counted, as the
#: call that opened it is.
FUNCTIONS = {
    **dict.fromkeys(["os.listdir", "os.scandir", "os.walk", "os.fwalk", "glob.glob", "glob.iglob"], "read"),
    **dict.fromkeys(
        [
            "os.remove",
            "os.unlink",
            "os.rmdir",
            "os.removedirs",
            "os.rename",
            "os.renames",
            "os.replace",
            "os.mkdir",
            "os.makedirs",
            "os.mkfifo",
            "os.link",
            "os.symlink",
            "os.chmod",
            "os.chown",
            "os.lchown",
            "os.utime",
            "os.truncate",
        ],
        "write",
    ),
    **dict.fromkeys(
        [
            "os.stat",
            "os.lstat",
            "os.readlink",
            "os.access",
            "os.path.exists",
            "os.path.lexists",
            "os.path.isfile",
            "os.path.isdir",
            "os.path.islink",
            "os.path.ismount",
            "os.path.getsize",
            "os.path.getmtime",
            "os.path.realpath",
            "os.path.samefile",
        ],
        "look",
    ),
}
#: Every function of these modules writes (copies, moves, removes, makes temporary files)...
WRITING_MODULES = ("shutil", "tempfile")
#: ...but these, which touch no file.
NOT_TOUCHING = {"shutil.get_terminal_size": "the terminal's size, asked of standard output"}
#: Methods of pathlib's paths (and importlib.resources' traversables), called on any object; ``open`` is sorted by
#: its mode, ``rename`` and ``replace`` count with one argument only (``str.replace`` takes two).
METHODS = {
    **dict.fromkeys(["read_text", "read_bytes", "iterdir", "glob", "rglob"], "read"),
    **dict.fromkeys(
        ["write_text", "write_bytes", "mkdir", "unlink", "rmdir", "touch", "chmod", "symlink_to", "hardlink_to"],
        "write",
    ),
    **dict.fromkeys(
        ["stat", "lstat", "exists", "is_file", "is_dir", "is_symlink", "readlink", "samefile"],
        "look",
    ),
}
#: The flags of ``os.open`` that let it change a file.
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND", "O_EXCL", "O_TMPFILE"}


@dataclass(frozen=True, order=True)
class Touch:
    """One call that touches the filesystem: where (relative to the project, as ``kgraph/x.py``) and what."""

    path: str
    line: int
    call: str
    kind: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call} ({self.kind})"


def aliases(tree: ast.AST) -> dict[str, str]:
    """The full name of each name imported in ``tree``: ``sh`` -> ``shutil`` after ``import shutil as sh``, ``Path``
    -> ``pathlib.Path``, ``replace`` -> ``os.replace`` after ``from os import replace``."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.partition(".")[0]
                found[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return found


def dotted(node: ast.expr, names: dict[str, str]) -> str | None:
    """``os.path.realpath`` for the expression ``os.path.realpath`` (its first name through ``names``); None when it
    does not start with a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([names.get(node.id, node.id), *reversed(parts)])


def mode_kind(call: ast.Call, position: int) -> str:
    """What ``open`` does with the mode at argument ``position`` (or ``mode=``): "read" for a constant read mode,
    "write" for any other (one that may write, or one not known until it runs)."""
    mode = call.args[position] if len(call.args) > position else None
    mode = next((k.value for k in call.keywords if k.arg == "mode"), mode)
    if mode is None:
        return "read"
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return "write" if set(mode.value) & set("wax+") else "read"
    return "write"


def flags_kind(call: ast.Call) -> str:
    """What ``os.open`` does with its flags: "read" when they are constants of ``os`` none of which writes, "write"
    for any other (one that writes, or flags in a variable: not known until it runs)."""
    flags = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "flags"), None)
    if flags is None:
        return "write"
    named = {n.id for n in ast.walk(flags) if isinstance(n, ast.Name)} - {"getattr"}  # getattr(os, "O_CLOEXEC", 0)
    constants = {n.attr for n in ast.walk(flags) if isinstance(n, ast.Attribute)}
    constants |= {n.value for n in ast.walk(flags) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return "read" if named <= {"os"} and not constants & WRITE_FLAGS else "write"


def classify(call: ast.Call, names: dict[str, str], modules: set[str]) -> tuple[str, str] | None:
    """The name and kind of a call that touches the filesystem, or None; ``names`` are the full names of those
    imported, ``modules`` the names of the modules imported."""
    func = call.func
    full = dotted(func, names)
    if full in NOT_TOUCHING:
        return None
    if full in ("open", "io.open", "builtins.open", "codecs.open"):
        return full, mode_kind(call, 1)
    if full == "os.open":
        return full, flags_kind(call)
    if full in FUNCTIONS:
        return full, FUNCTIONS[full]
    if full is not None and full.partition(".")[0] in WRITING_MODULES and full.count(".") == 1:
        return full, "write"
    if not isinstance(func, ast.Attribute):
        return None
    root = func.value
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(root, ast.Name) and root.id in modules:
        return None  # a module's own function (ast.walk, json.load): those that touch files are found above
    method = func.attr
    if method == "open" and not (isinstance(func.value, ast.Name) and func.value.id[:1].isupper()):
        return f".{method}", mode_kind(call, 0)  # a path's open; not a class's own (FileCache.open)
    if method in ("rename", "replace") and len(call.args) == 1 and not call.keywords:
        return f".{method}", "write"
    if method == "resolve" and not call.args:  # a path's resolve() follows links; not Index.resolve(name)
        return f".{method}", "look"
    if method in METHODS and (METHODS[method] != "look" or not call.args or method == "samefile"):
        return f".{method}", METHODS[method]
    return None


def touches_in(source: str, path: str) -> list[Touch]:
    """Every call in ``source`` (the file ``path``) that touches the filesystem."""
    tree = ast.parse(source)
    names = aliases(tree)
    modules = {
        a.asname or a.name.partition(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (what := classify(node, names, modules)) is not None:
            found.append(Touch(path, node.lineno, *what))
    return sorted(found)


@cache
def package_files() -> dict[str, str]:
    """Each module of the package, as ``kgraph/x.py``, and its source."""
    return {f.relative_to(ROOT).as_posix(): f.read_text(encoding="utf-8") for f in sorted(PACKAGE.rglob("*.py"))}


@cache
def touches() -> tuple[Touch, ...]:
    """Every call in the package that touches the filesystem."""
    return tuple(t for path, source in package_files().items() for t in touches_in(source, path))


def allowed(path: str, places: dict[str, str]) -> bool:
    """Whether ``path`` is one of ``places``: a module (``kgraph/x.py``) or inside a folder (``kgraph/export/``)."""
    return any(path == place or (place.endswith("/") and path.startswith(place)) for place in places)


def outside(kind: str, places: dict[str, str]) -> list[str]:
    """The touches of ``kind`` outside ``places``, as ``file:line: call (kind)``."""
    return [str(t) for t in touches() if t.kind == kind and not allowed(t.path, places)]


# Building and querying.

BUILDING_AND_QUERYING = ("kgraph/graph/", "kgraph/query/")


def test_building_and_querying_never_touch_the_filesystem():
    found = [str(t) for t in touches() if t.path.startswith(BUILDING_AND_QUERYING)]
    assert found == []


# Writing.

#: Where files are written, and why.
WRITERS = {
    "kgraph/export/": "the exports, written through kgraph/output.py or as a folder swapped in whole (folder.py)",
    "kgraph/output.py": "every file replaced whole: exports, schemas, a synthetic corpus",
    "kgraph/imports/writing.py": "an imported corpus written into a temporary folder renamed into place, and the "
    "leftovers of killed imports removed",
    "kgraph/corpus/cache.py": "the cache of validated files: its folder and entries, written and pruned",
    "kgraph/annotations/schema.py": "kgraph schema makes the schemas' folder (the files go through output.py)",
    "kgraph/synth/corpus.py": "kgraph synth makes each document's folder (the files go through output.py)",
}


def test_files_are_written_only_by_the_exports_the_output_module_and_the_listed_writers():
    assert outside("write", WRITERS) == []


# Reading.

#: What is read outside the corpus stage, and why: none of it is an annotation file or a source text.
READERS = {
    "kgraph/corpus/": "annotation files, source texts, a corpus's vocabulary, the cache",
    "kgraph/imports/acled_rows.py": "the ACLED CSV file kgraph import turns into a corpus",
    "kgraph/imports/writing.py": "whether the folder to import (or synthesize) into is empty, and the leftovers "
    "beside it",
    "kgraph/export/basemap.py": "the map's outlines kgraph ships (kgraph/export/data/countries.json)",
    "kgraph/export/html.py": "the explorer's template (kgraph/templates/explorer) and pyvis's vis-network script",
    "kgraph/export/freshness.py": "the exports already written, for kgraph build --check",
    "kgraph/export/folder.py": "the folder of exports a build replaces: the files it keeps, the leftovers, its lock "
    "and its sync (a folder opened read-only)",
    "kgraph/export/nodelink.py": "a graph.json kgraph wrote, read back (KnowledgeGraph.read_json)",
    "kgraph/export/xlsx.py": "the workbook's parts, from the temporary files openpyxl wrote",
    "kgraph/annotations/schema.py": "the schema files kgraph schema --check compares",
    "kgraph/beside.py": "/proc/self: the process's threads and memory, before and after forking",
    "kgraph/perf.py": "/proc/self/status: the process's peak memory (for query budgets and benchmarks)",
}


def test_files_are_read_only_by_the_corpus_stage_and_the_listed_exceptions():
    assert outside("read", READERS) == []


# Looking.

#: Where files are looked at (whether they exist, their kind, where links lead) without being read or written.
LOOKERS = {
    **READERS,
    **WRITERS,
    "kgraph/cli/commands.py": "kgraph export refuses a file in a folder that does not exist; --watch watches the "
    "corpus's folder, leaving out --out; kgraph schema --corpus never writes over the corpus's files",
}


def test_files_are_looked_at_only_where_they_are_read_or_written_and_by_the_command_line():
    assert outside("look", LOOKERS) == []


def test_every_listed_exception_is_still_needed():
    used = {place: {t.kind for t in touches() if allowed(t.path, {place: ""})} for place in LOOKERS}
    assert [p for p in WRITERS if "write" not in used[p]] == []
    assert [p for p in READERS if "read" not in used[p]] == []
    assert [p for p in LOOKERS if not used[p]] == []


# What building and querying import.

#: Modules that building and querying import though they touch the filesystem, and why that is no data flow.
PROCESS_ONLY = {
    "kgraph.perf": "the process's own peak memory, read from /proc/self/status, bounds a Cypher query's memory "
    "(kgraph/query/budget.py); its collector_paused() touches nothing"
}
#: The methods of the KnowledgeGraph facade that read a corpus or a graph.json, or write an export: what they call
#: is done by the corpus stage and the exports, on the caller's word, never by a build or a query.
FACADE = {
    "KnowledgeGraph.__init__": "kgraph.perf's collector_paused() around the build (see PROCESS_ONLY)",
    "KnowledgeGraph.load": "the corpus stage's load()",
    "KnowledgeGraph.read_json": "a graph.json read back by kgraph.export.nodelink",
    "KnowledgeGraph.from_json": "a graph.json's text parsed by kgraph.export.nodelink",
    "KnowledgeGraph.write": "an export",
    "KnowledgeGraph.to_html": "the explorer, written through kgraph/output.py",
    "KnowledgeGraph.show": "the explorer's page, shown in a notebook",
}


def module_name(path: str) -> str:
    """``kgraph/query/paths.py`` -> ``kgraph.query.paths``; a package's ``__init__.py`` is the package."""
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_imports(path: str, source: str, known: set[str]) -> list[tuple[str, str | None]]:
    """The modules of the package the module at ``path`` imports, each with the function that imports it (as
    ``Class.method``) or None at module level; those imported only for type checking are left out, as they never
    run."""
    module = module_name(path)
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    found: list[tuple[str, str | None]] = []

    def visit(node: ast.AST, where: list[str], in_function: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for branch in node.orelse:  # the body runs only for type checkers
                visit(branch, where, in_function)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in imported(node, package, known):
                found.append((target, ".".join(where) if in_function else None))
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            where = [*where, node.name]
            in_function = in_function or not isinstance(node, ast.ClassDef)
        for child in ast.iter_child_nodes(node):
            visit(child, where, in_function)

    visit(ast.parse(source), [], False)
    return found


def imported(node: ast.Import | ast.ImportFrom, package: str, known: set[str]) -> set[str]:
    """The modules of the package an import statement imports (``from kgraph.query import paths`` imports
    ``kgraph.query.paths``; ``from kgraph.errors import Problem``, ``kgraph.errors``)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
    found = set()
    for name in names:
        target = name
        while target and target not in known:  # "kgraph.errors.Problem" -> "kgraph.errors"
            target = target.rpartition(".")[0]
        if target:
            found.add(target)
    return found


@cache
def import_table() -> dict[str, list[tuple[str, str | None]]]:
    """Each module of the package, and what it imports (see :func:`package_imports`)."""
    files = package_files()
    known = {module_name(path) for path in files}
    return {module_name(path): package_imports(path, source, known) for path, source in files.items()}


def loaded_with(module: str) -> set[str]:
    """Every module of the package that importing ``module`` runs: its module-level imports, theirs, and the
    packages that hold each."""
    table, seen, todo = import_table(), set(), [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo += [target for target, where in table.get(name, []) if where is None]
    return seen - {module}


def readers_and_writers() -> set[str]:
    """The modules that touch the filesystem, the exports and the output module."""
    touching = {module_name(t.path) for t in touches()}
    return touching | {m for m in import_table() if m.startswith(("kgraph.export", "kgraph.output"))}


def building_and_querying() -> list[str]:
    return [m for m in import_table() if m.startswith(("kgraph.graph", "kgraph.query"))]


def test_building_and_querying_load_no_reader_or_writer_when_imported():
    forbidden = readers_and_writers() - PROCESS_ONLY.keys()
    found = {m: sorted(loaded_with(m) & forbidden) for m in building_and_querying()}
    assert {m: f for m, f in found.items() if f} == {}
    assert all(any(p in loaded_with(m) for m in building_and_querying()) for p in PROCESS_ONLY)  # still needed
    for reader in ("kgraph.corpus.loader", "kgraph.corpus.discover", "kgraph.corpus.sources", "kgraph.output"):
        assert reader in forbidden  # as the README names them


def test_only_the_facade_s_methods_reach_a_reader_or_writer_when_called():
    forbidden = readers_and_writers()
    found = {
        (module, where, target)
        for module in building_and_querying()
        for target, where in import_table()[module]
        if target in forbidden and where is not None  # at module level: the test above
    }
    assert {(m, w) for m, w, _ in found} <= {("kgraph.graph.knowledge", method) for method in FACADE}
    assert {w for _, w, _ in found} == FACADE.keys()  # each listed method still imports one


# The finder itself.

FOUND = """
import os, shutil, tempfile
from os import replace as swap
from pathlib import Path
import shutil as sh

open(p)
open(p, "rb")
open(p, "w")
open(p, mode)
Path(p).open("a")
Path(p).read_text()
Path(p).write_bytes(b"")
p.mkdir(parents=True)
p.rename(q)
os.open(p, os.O_RDONLY)
os.open(p, os.O_WRONLY | os.O_CREAT)
os.open(p, flags)
swap(a, b)
sh.copy2(a, b)
tempfile.mkstemp()
os.scandir(d)
os.path.realpath(p)
p.resolve()
p.exists()
p.stat(follow_symlinks=False)
"""
NOT_FOUND = """
import ast, json, re, shutil
from kgraph.corpus.cache import FileCache

"a".replace("a", "b")
ast.walk(tree)
json.load(handle)
FileCache.open(folder, key)
index.resolve(name)
shutil.get_terminal_size()
handle.read()
handle.write(b"")
graph.nodes[n].get("x")
re.match(pattern, text).group()
"""


def test_the_finder_sorts_each_kind_of_touch():
    found = [(t.line - 6, t.call, t.kind) for t in touches_in(FOUND, "example.py")]
    assert found == [
        (1, "open", "read"),
        (2, "open", "read"),
        (3, "open", "write"),
        (4, "open", "write"),
        (5, ".open", "write"),
        (6, ".read_text", "read"),
        (7, ".write_bytes", "write"),
        (8, ".mkdir", "write"),
        (9, ".rename", "write"),
        (10, "os.open", "read"),
        (11, "os.open", "write"),
        (12, "os.open", "write"),
        (13, "os.replace", "write"),
        (14, "shutil.copy2", "write"),
        (15, "tempfile.mkstemp", "write"),
        (16, "os.scandir", "read"),
        (17, "os.path.realpath", "look"),
        (18, ".resolve", "look"),
        (19, ".exists", "look"),
        (20, ".stat", "look"),
    ]
    assert touches_in(NOT_FOUND, "example.py") == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [("open(path)", "read"), ("open(path, 'w')", "write"), ("Path(path).exists()", "look")],
)
def test_a_touch_put_into_a_query_is_found(line: str, kind: str):
    source = package_files()["kgraph/query/paths.py"] + f"\n\ndef leak(path):\n    return {line}\n"
    found = touches_in(source, "kgraph/query/paths.py")
    assert [(t.path, t.kind) for t in found] == [("kgraph/query/paths.py", kind)]
