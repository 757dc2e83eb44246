"""The architecture, checked: the engine never imports Qt, and no two modules import each other in a circle.

The import graph is read from the source (every `import` statement, including those inside functions, since
a lazy import still couples two modules), so the test needs no Qt and imports nothing it checks. A second
test imports every engine module in a fresh interpreter and looks at sys.modules, which also catches Qt
arriving through a third-party package.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_PACKAGES = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6", "qtpy")
MAX_LINES = 320  # "about 300 lines" (issue 12): a file past this holds two things


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imports_of(path: Path) -> set[str]:
    """Every module name an import statement in `path` names (absolute and resolved relative ones)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    here = module_name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
            found.add(base)
            # `from engine.training import snapshots` imports the module engine.training.snapshots
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def project_graph(packages=("engine", "gui")) -> dict[str, set[str]]:
    modules = {module_name(p): p for pkg in packages for p in source_files(pkg)}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in imports_of(path) if m in modules and m != name}
    return graph


def test_no_engine_module_imports_qt_or_the_gui():
    offenders = []
    for path in source_files("engine"):
        for imported in imports_of(path):
            top = imported.split(".")[0]
            if top in QT_PACKAGES or top == "gui":
                offenders.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert not offenders, "the engine must stay free of Qt:\n" + "\n".join(offenders)


def test_importing_every_engine_module_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys, engine\n"
        "for m in pkgutil.walk_packages(engine.__path__, 'engine.'):\n"
        "    importlib.import_module(m.name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"Qt arrived while importing the engine: {out.stdout}"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in `graph` as a list of module names, or None (iterative depth-first search)."""
    colour = {name: 0 for name in graph}  # 0 unseen, 1 on the current path, 2 done
    for start in graph:
        if colour[start]:
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        colour[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                colour[path.pop()] = 2
                stack.pop()
            elif colour[nxt] == 1:
                return path[path.index(nxt):] + [nxt]
            elif colour[nxt] == 0:
                colour[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return None


def test_find_cycle_finds_a_planted_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles():
    graph = project_graph()
    # a package's __init__ importing its own modules is not a cycle a reader trips over
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_file_is_over_about_300_lines():
    long = [f"{p.relative_to(ROOT)}: {n}" for pkg in ("engine", "gui", "tests") for p in source_files(pkg)
            if (n := len(p.read_text().splitlines())) > MAX_LINES and pkg != "tests"]
    assert not long, "files that hold two things:\n" + "\n".join(long)
