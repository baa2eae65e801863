"""Imports run one way (docs/architecture.md): the audiences' packages use the core, never
the reverse; the respondent's and HR's sides use neither each other nor operations; code
outside a package with a face (an `__init__` that declares `__all__`) imports the package,
never a module behind it; no export of HR's imports another; the app never imports the
project package; and no app modules import each other in a cycle.

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


def _has_face(package: str) -> bool:
    path = MODULES[package]
    if path.name != "__init__.py":
        return False
    tree = ast.parse(path.read_text(), filename=str(path))
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets)
        for node in tree.body
    )


FACES = sorted(name for name in MODULES if _has_face(name))


def test_the_graph_sees_the_packages():
    """A guard on the parser itself: it finds the modules, the imports and the faces known
    to exist."""
    assert f"{APP}.respondent.views.survey" in MODULES
    assert f"{APP}.models" in GRAPH[f"{APP}.hr.views.figures"]
    assert f"{APP}.core.privacy" in GRAPH[f"{APP}.core.aggregates.groups"]
    assert f"{APP}.core.aggregates" in GRAPH[f"{APP}.hr.views.figures"]
    assert f"{APP}.hr.dashboard.findings" in GRAPH[f"{APP}.hr.dashboard.tables"]
    for package in ("core.instrument", "core.aggregates", "core.charts"):
        assert f"{APP}.{package}" in FACES
    assert f"{APP}.hr.dashboard" in FACES and f"{APP}.hr.exports" in FACES
    assert f"{APP}.core" not in FACES  # a folder, not a face


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


@pytest.mark.parametrize("side", ["respondent", "hr"])
def test_the_respondent_and_hr_sides_do_not_import_operations(side):
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if _audience(name) == side
        for target in targets
        if _audience(target) == "ops"
    )
    assert wrong == []


def test_no_import_goes_past_a_packages_face():
    """Outside a package with a face, only the package itself is imported: what it exports
    in its `__init__` is what others may use."""
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        for face in FACES
        for target in targets
        if target.startswith(f"{face}.") and not (name == face or name.startswith(f"{face}."))
    )
    assert wrong == []


EXPORTS = f"{APP}.hr.exports"
# The CSV, the XLSX and the PDF report; the kept PDF is the PDF report, kept.
RENDERERS = ("tidy_csv", "workbook", "pdf_report")


def test_no_export_imports_another():
    renderers = {f"{EXPORTS}.{name}" for name in RENDERERS}
    wrong = sorted(
        f"{name} imports {target}"
        for name in renderers
        for target in GRAPH[name]
        if target in renderers or target == f"{EXPORTS}.kept_pdf"
    )
    assert wrong == []
    assert GRAPH[f"{EXPORTS}.kept_pdf"] & renderers == {f"{EXPORTS}.pdf_report"}


def test_the_app_does_not_import_the_project_package():
    """supportcheck/ wires the app together (settings, URLs, middleware); the app never
    reaches back into it."""
    wrong = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module or ""]
            wrong += [f"{name} imports {m}" for m in modules if m.split(".")[0] == "supportcheck"]
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
