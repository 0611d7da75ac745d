"""The shape of the house holds: dependencies point inward, no import circle, small pieces.

Read from the source with `ast`, so an import inside a function or under `if TYPE_CHECKING:`
counts as much as one at the top of a module: `bot/` (the core) imports no adapter, no storage
and not the composition root (`peerbot/`); the adapters and storage do not import the
composition root either; no module imports itself round a circle; no product module is over
400 lines and no function over 60.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PACKAGES = ("bot", "adapters", "storage", "peerbot")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    """`bot/digest/__init__.py` -> `bot.digest`, `bot/core.py` -> `bot.core`."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the product packages, by dotted name."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def is_product(path: Path) -> bool:
    """Code we write and keep small: everything but the generated Alembic migrations."""
    return "migrations" not in path.relative_to(ROOT).parts


def imported_names(path: Path) -> Iterator[str]:
    """Every module name the module at `path` imports (see `imports_in`)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    yield from imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> Iterator[str]:
    """Every module name `source` imports, anywhere in it (functions, TYPE_CHECKING blocks):
    `import a.b` gives `a.b`; `from a import b` gives `a.b` when that is a module, else `a`;
    a relative import is read from `package`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up `level - 1` packages
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in modules() else base


def project_target(name: str) -> str | None:
    """The product module an imported name lands on (its longest known prefix), if any."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules():
            return candidate
        parts.pop()
    return None


def import_graph() -> dict[str, set[str]]:
    """Module -> the product modules it imports (itself left out)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules().items():
        targets = {project_target(imported) for imported in imported_names(path)}
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def one_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A concrete path round `component`, `a -> b -> ... -> a`, for the failure message."""
    members = set(component)
    path = [component[0]]
    seen = {component[0]}
    while True:
        step = sorted(graph[path[-1]] & members)
        nxt = next((m for m in step if m == component[0] and len(path) > 1), None)
        if nxt is not None:
            return [*path, nxt]
        fresh = [m for m in step if m not in seen]
        if not fresh:  # every neighbour visited: close the circle at the first one on the path
            back = next(m for m in step if m in seen)
            return [*path[path.index(back) :], back]
        path.append(fresh[0])
        seen.add(fresh[0])


def forbidden_imports(package: str, forbidden: tuple[str, ...]) -> list[str]:
    """`path: module` for every import in `package` of a module under `forbidden`."""
    problems = []
    for name, path in modules().items():
        if name.split(".")[0] != package:
            continue
        for imported in imported_names(path):
            if imported.split(".")[0] in forbidden:
                problems.append(f"{path.relative_to(ROOT)}: imports {imported}")
    return problems


def test_the_core_imports_no_adapter_storage_or_composition_root():
    assert forbidden_imports("bot", ("adapters", "storage", "peerbot")) == []


@pytest.mark.parametrize("package", ["adapters", "storage"])
def test_adapters_and_storage_do_not_import_the_composition_root(package):
    assert forbidden_imports(package, ("peerbot",)) == []


def test_no_import_circle_among_the_projects_modules():
    graph = import_graph()
    found = [" -> ".join(one_cycle(graph, c)) for c in circles(graph)]
    assert found == [], "import circles:\n" + "\n".join(found)


def test_no_product_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in modules().values()
        if is_product(path)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_product_function_is_over_60_lines():
    long = {}
    for path in modules().values():
        if not is_product(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}


# The checks themselves, on small graphs and sources: each would catch a real regression.


def test_a_circle_is_found_and_named_as_a_path():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    assert one_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_an_import_inside_a_function_or_type_checking_block_is_seen():
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from storage import tables\n"
        "def f():\n    import adapters.console\n    from peerbot import cli\n"
        "    from . import text\n    from .digest import week\n"
    )
    assert list(imports_in(source, "bot")) == [
        "typing",
        "storage.tables",  # a submodule named in `from ... import` counts as that module
        "adapters.console",
        "peerbot.cli",
        "bot.text",
        "bot.digest.week",
    ]
    assert "tables" not in {n for n in imports_in("from storage.tables import team", "bot")}
