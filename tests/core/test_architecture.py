"""Imports run one way (docs/architecture.md): the audiences' packages use the core, never
the reverse, the respondent's and HR's sides never use each other, and no app modules
import each other in a cycle.

Every module of the app is parsed (ast), not imported, so an import inside a function
counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = "questionnaire"
ROOT = Path(__file__).resolve().parents[2]
AUDIENCES = ("respondent", "hr", "ops")
# Entry points that wire the packages together: Django looks for management commands in
# questionnaire/management/commands/, whatever package their code lives in.
ENTRY_POINTS = (f"{APP}.management",)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted((ROOT / APP).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    }


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The app modules `name` imports, wherever in the file the import stands."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # `from package import module` imports the module; `from module import name`
            # the module that holds the name.
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module
                for alias in node.names
            ]
        else:
            continue
        found.update(target for target in targets if target in MODULES and target != name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _audience(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in AUDIENCES else None


def _is_core(name: str) -> bool:
    return _audience(name) is None and not name.startswith(ENTRY_POINTS)


def test_the_graph_sees_the_packages():
    """A guard on the parser itself: it finds the modules and the imports known to exist."""
    assert f"{APP}.respondent.views.survey" in MODULES
    assert f"{APP}.models" in GRAPH[f"{APP}.hr.views"]
    assert f"{APP}.privacy" in GRAPH[f"{APP}.aggregates.groups"]  # `from .. import privacy`


def test_the_core_imports_no_audience_package():
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if _is_core(name)
        for target in targets
        if _audience(target)
    )
    assert wrong == []


@pytest.mark.parametrize(("side", "other"), [("respondent", "hr"), ("hr", "respondent")])
def test_the_respondent_and_hr_sides_do_not_import_each_other(side, other):
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if _audience(name) == side
        for target in targets
        if _audience(target) == other
    )
    assert wrong == []


def test_no_import_cycle_among_app_modules():
    cycles = []
    state: dict[str, str] = {}  # "open" while on the path, "done" once explored

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(GRAPH[name]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []
