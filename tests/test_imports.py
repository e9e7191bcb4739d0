"""The module map of kg/: no import circles (imports inside functions included), each module saying what it owns."""

import ast
from pathlib import Path

KG = Path(__file__).parents[1] / "kg"


def module_name(path: Path) -> str:
    """kg/entities.py -> kg.entities, kg/export/__init__.py -> kg.export."""
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, name: str, modules: set[str], package: bool) -> set[str]:
    """The kg modules a module's source imports, at any depth (a function's late import counts too).

    ``from kg import x`` imports the submodule kg.x when there is one, else the package kg itself.

    >>> sorted(imports_of("from kg import x, y\\ndef f():\\n    from .z import w\\n", "kg.a",
    ...                   {"kg", "kg.x", "kg.z"}, package=False))
    ['kg', 'kg.x', 'kg.z']
    """
    found = set()
    here = name if package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from .y import z
                anchor = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in sorted(KG.rglob("*.py"))}
    return {name: imports_of(path.read_text(encoding="utf-8"), name, set(paths), path.name == "__init__.py")
            for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle of imports once, as the modules along it, the first repeated at the end.

    >>> cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    [['a', 'b', 'c', 'a']]
    """
    found, seen = [], set()

    def visit(module: str, path: list[str]) -> None:
        for imported in sorted(graph.get(module, ())):
            if imported in path:
                circle = path[path.index(imported):]
                key = frozenset(circle)
                if key not in seen:
                    seen.add(key)
                    start = circle.index(min(circle))
                    found.append(circle[start:] + circle[:start] + [min(circle)])
            elif imported not in done:
                visit(imported, path + [imported])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    return found


def test_a_circle_is_found_and_named():
    graph = {"kg.a": {"kg.b"}, "kg.b": {"kg.c"}, "kg.c": {"kg.a"}}
    assert cycles(graph) == [["kg.a", "kg.b", "kg.c", "kg.a"]]
    assert cycles({"kg.a": {"kg.b"}, "kg.b": set()}) == []


def test_function_level_imports_count():
    source = "import os\n\ndef f():\n    from kg.b import g\n    from kg import c\n"
    assert imports_of(source, "kg.a", {"kg", "kg.b", "kg.c"}, package=False) == {"kg.b", "kg.c"}


def test_every_module_is_read():
    graph = import_graph()
    assert {"kg", "kg.entities", "kg.export", "kg.export.html", "kg.ingest.files"} <= set(graph)
    assert "kg.records" in graph["kg.entities"]


def test_kg_has_no_import_circles():
    found = cycles(import_graph())
    assert not found, "import circles in kg/: " + "; ".join(" -> ".join(circle) for circle in found)


def test_every_module_starts_by_saying_what_it_owns():
    unsaid = [module_name(path) for path in sorted(KG.rglob("*.py"))
              if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert not unsaid, f"modules without a docstring saying what they own: {unsaid}"
