"""The package's shape: what the runtime may import, and the order its layers depend in."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from marsad import errors

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "marsad"


def test_loading_the_pipeline_imports_no_training_code():
    script = ("import marsad, sys; marsad.load(); "
              "print([m for m in sys.modules if m.startswith('marsad.training')])")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout


def test_every_error_class_is_in_the_catalogue():
    catalogue = {name for name, value in vars(errors).items()
                 if isinstance(value, type) and issubclass(value, BaseException)}
    outside = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    ast.unparse(base).split(".")[-1] in catalogue
                    or ast.unparse(base).endswith(("Error", "Exception", "Warning"))
                    for base in node.bases):
                outside.append(f"{path.relative_to(REPO)}: {node.name}")
    assert outside == []


def test_error_codes_are_unique():
    codes = [cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.MarsadError)]
    assert len(codes) == len(set(codes))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the marsad modules it imports anywhere in its body, functions included."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: from . import x, from ..a import b
                    base = package[:len(package) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # `from package import module` imports the module, `from module import name` a name
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    imported.add(target)
        graph[name] = imported
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for neighbour in sorted(graph.get(node, ())):
            if state.get(neighbour) == 1:
                return path[path.index(neighbour):] + [neighbour]
            if neighbour not in state and (cycle := visit(neighbour)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_graph_sees_function_level_and_relative_imports():
    graph = import_graph()
    assert "marsad.nlp.extensions" in graph["marsad.nlp.pipeline"]
    assert "marsad.text.dates" in graph["marsad.ingest.dateline"]  # imported inside a function


def test_no_import_cycles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_ingestion_does_not_depend_on_the_nlp_stage():
    graph = import_graph()
    for name in graph:
        if name.startswith(("marsad.ingest", "marsad.text")):
            assert not {m for m in graph[name] if m.startswith("marsad.nlp")}, name


# SQL of the store is written only under marsad/store/; ner_features reads the name index that
# arabic-name-romanizer ships, which is no part of the store.
_SQL = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\"|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIRTUAL))\b")
_NOT_THE_STORE = {"marsad/nlp/ner_features.py"}


def test_sql_of_the_store_lives_in_the_store_package():
    outside = []
    for path in PACKAGE.rglob("*.py"):
        where = path.relative_to(REPO).as_posix()
        if where.startswith("marsad/store/") or where in _NOT_THE_STORE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.search(node.value):
                outside.append(f"{where}:{node.lineno}")
    assert outside == []
