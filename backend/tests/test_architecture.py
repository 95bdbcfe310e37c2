"""The import graph: dependencies run one way, floor by floor, and no import hides in a function.

auth is the bottom floor, beside it the job queue (jobs: it knows no domain, the others
register their job kinds); mail stands on jobs; applications on auth; templates on those (a
library of messages), followups (plans, which recommend templates) on templates; the
calendar feed and notifications (the digest) on followups; the app's entry points (main,
cli, openapi, models, migrations) on top. The shared base (config, db, errors, ...) and the
pure `reading` package import no domain. A lower package that must tell an upper one about
a change leaves it to a session hook the upper one registers (followups.plans), never to an
import.
"""

import ast
import graphlib
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"

# Each top-level part of `app` and its floor; a module may import from its own part and
# from lower floors only. Parts on one floor do not import each other, except in the shared
# base (floor 0), where the cycle check still holds.
FLOORS = {
    "config": 0,
    "db": 0,
    "errors": 0,
    "inputs": 0,
    "vocabulary": 0,
    "idempotency": 0,
    "pagination": 0,
    "reading": 0,
    "events": 0,
    "web": 0,
    "jobs": 0,
    "mail": 1,
    "auth": 2,
    "applications": 3,
    "templates": 4,
    "replies": 4,
    "followups": 5,
    "calendar": 6,
    "webhooks": 6,
    "notifications": 6,
    "data": 6,
    "vocabulary_router": 6,
    "main": 7,
    "cli": 8,
    "models": 7,
    "openapi": 8,
    "migrations": 8,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module) -> list[tuple[ast.stmt, str, bool]]:
    """(statement, imported app module, whether it sits inside a function) for every import."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((child, a.name, inside) for a in child.names if _is_app(a.name))
            elif isinstance(child, ast.ImportFrom) and child.module and _is_app(child.module):
                for alias in child.names:  # `from app.x import y`: y may be a module itself
                    name = f"{child.module}.{alias.name}"
                    target = name if _exists(name) else child.module
                    found.append((child, target, inside))
            visit(child, inside)

    visit(tree, False)
    return found


def _is_app(name: str) -> bool:
    return name == "app" or name.startswith("app.")


def _exists(module: str) -> bool:
    base = APP.parent.joinpath(*module.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _part(module: str) -> str:
    return module.split(".")[1]


GRAPH = {
    _module_name(path): _imports(ast.parse(path.read_text(), str(path)))
    for path in sorted(APP.rglob("*.py"))
}


def test_every_part_of_the_app_has_a_floor() -> None:
    parts = {_part(m) for m in GRAPH if m != "app"}
    assert parts <= FLOORS.keys(), f"give these a floor in FLOORS: {sorted(parts - FLOORS.keys())}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down(module: str) -> None:
    if module == "app":
        return
    mine = _part(module)
    for statement, target, _ in GRAPH[module]:
        theirs = _part(target)
        if theirs == mine or FLOORS[theirs] == FLOORS[mine] == 0:  # the shared base
            continue
        assert FLOORS[theirs] < FLOORS[mine], (
            f"{module} (line {statement.lineno}) imports {target}: {theirs} is on floor "
            f"{FLOORS[theirs]}, {mine} on floor {FLOORS[mine]}; an import may only point down"
        )


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_of_an_app_module_inside_a_function(module: str) -> None:
    hidden = [(s.lineno, t) for s, t, inside in GRAPH[module] if inside]
    assert hidden == [], f"{module} imports inside a function (a circle's dodge): {hidden}"


def test_no_routers_below_the_top() -> None:
    for module, imports in GRAPH.items():
        for statement, target, _ in imports:
            if target.endswith(".router") and FLOORS.get(_part(module), 0) < FLOORS["main"]:
                raise AssertionError(f"{module} (line {statement.lineno}) imports {target}")


def test_the_module_graph_has_no_cycle() -> None:
    graph = {m: {t for _, t, _ in imports if t in GRAPH and t != m} for m, imports in GRAPH.items()}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the circle


def test_no_library_private_module_is_imported() -> None:
    private = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] if node.module != "__future__" else []
            for name in names:
                if any(part.startswith("_") for part in name.split(".")):
                    private.append(f"{path.relative_to(APP)}:{node.lineno} {name}")
    assert private == []


def test_the_checks_see_a_function_level_import_and_an_upward_one() -> None:
    sample = ast.parse(
        "from app.followups import plans\ndef f():\n    from app.applications import service\n"
    )
    found = [(t, inside) for _, t, inside in _imports(sample)]
    assert found == [("app.followups.plans", False), ("app.applications.service", True)]
    assert FLOORS[_part("app.followups.plans")] > FLOORS["auth"]  # so auth importing it fails
