"""No ``typing.Any`` in the public signatures of KnowledgeGraph and the query functions (issue 11's acceptance)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest

import kgraph.query
from kgraph.graph.knowledge import KnowledgeGraph


def _query_modules() -> list[ModuleType]:
    return [importlib.import_module(f"kgraph.query.{m.name}") for m in pkgutil.iter_modules(kgraph.query.__path__)]


def _namespace() -> dict[str, object]:
    """Names the modules import only for type checking, so that their annotations can be evaluated."""
    import networkx as nx

    from kgraph.annotations.models import Event
    from kgraph.graph.index import Index
    from kgraph.graph.windows import WindowLike

    names: dict[str, object] = {"Index": Index, "Event": Event, "WindowLike": WindowLike, "nx": nx}
    names.update(vars(importlib.import_module("kgraph.query.results")))
    try:
        import pandas
    except ImportError:  # to_pandas() is then checked against a stand-in
        pandas = ModuleType("pandas")
        pandas.DataFrame = type("DataFrame", (), {})  # type: ignore[attr-defined]
    names["pandas"] = pandas
    return names


def _public(owner: object) -> Iterator[tuple[str, Callable[..., object]]]:
    """The public functions a module defines, or the public methods of a class (class methods included)."""
    for name, member in vars(owner).items():
        value = member.__func__ if isinstance(member, classmethod | staticmethod) else member
        value = value.fget if isinstance(value, property) else value
        if not name.startswith("_") and inspect.isfunction(value):
            yield name, value


def signatures() -> Iterator[tuple[str, Callable[..., object], dict[str, object]]]:
    """Every public method of KnowledgeGraph and every public function and method of the query modules."""
    for cls in KnowledgeGraph.__mro__[:-1]:  # its own methods and those it inherits (the queries), not object's
        for name, function in _public(cls):
            yield f"KnowledgeGraph.{name}", function, vars(importlib.import_module(cls.__module__))
    for module in _query_modules():
        for name, function in _public(module):
            if function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function, vars(module)
        for cls_name, cls in vars(module).items():
            if inspect.isclass(cls) and cls.__module__ == module.__name__ and not cls_name.startswith("_"):
                for name, function in _public(cls):
                    yield f"{module.__name__}.{cls_name}.{name}", function, vars(module)


def contains_any(annotation: object, module: dict[str, object], seen: set[str] | None = None) -> bool:
    """Whether ``Any`` appears anywhere in the annotation: in a union, a generic's arguments, or an alias."""
    seen = set() if seen is None else seen
    if annotation is typing.Any:
        return True
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):  # an alias given as text (a recursive one), evaluated once
        if annotation in seen:
            return False
        seen.add(annotation)
        annotation = eval(annotation, {**_namespace(), **module})
        return contains_any(annotation, module, seen)
    return any(contains_any(arg, module, seen) for arg in typing.get_args(annotation))


CASES = list(signatures())


def test_the_walk_finds_the_facade_and_the_query_functions():
    names = {name for name, _, _ in CASES}
    assert {"KnowledgeGraph.cypher", "KnowledgeGraph.communities", "KnowledgeGraph.read_json"} <= names
    assert {
        "KnowledgeGraph.disputes",
        "KnowledgeGraph.claims",
        "KnowledgeGraph.figures",
        "KnowledgeGraph.as_of",
    } <= names
    assert {"kgraph.query.links.connections", "kgraph.query.cypher.run", "kgraph.query.budget.check_count"} <= names
    assert "kgraph.query.results.Results.to_records" in names


@pytest.mark.parametrize(("name", "function", "module"), CASES, ids=[name for name, _, _ in CASES])
def test_no_any_in_public_signatures(name, function, module):
    hints = typing.get_type_hints(function, globalns={**_namespace(), **module})
    assert "return" in hints or name.endswith("__init__"), f"{name} has no return annotation"
    with_any = [arg for arg, annotation in hints.items() if contains_any(annotation, module)]
    assert not with_any, f"{name}: Any in the annotation of {', '.join(with_any)}"


def test_the_check_sees_any_inside_unions_generics_and_aliases():
    assert contains_any(dict[str, list[typing.Any]] | None, {})
    assert contains_any("list[JSON]", {"JSON": "int | dict[str, typing.Any]", "typing": typing})
    assert not contains_any("list[JSON]", {"JSON": "int | list[JSON]"})
    assert not contains_any(dict[str, object], {})
