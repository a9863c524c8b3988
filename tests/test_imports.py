"""No import circle among the toolkit's modules (issue 19: "the house").

The import graph is read from the source with :mod:`ast` (nothing is imported): one node
per module of ``toolkit/``, one edge per ``import`` that runs when the module is imported
(top level, including ``if``/``try`` blocks, but not inside functions and not under
``if TYPE_CHECKING:``). A circle in that graph makes the import order matter and a module
half-initialised when the other reads it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "toolkit"


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(package: Path) -> dict[str, Path]:
    return {_module_name(p, package.parent): p for p in sorted(package.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(body: list[ast.stmt], lazy: bool):
    """Import statements in ``body``; inside functions only when ``lazy``."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if lazy:
                yield from _import_nodes(node.body, lazy)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _import_nodes(node.orelse, lazy)
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _import_nodes(getattr(node, field, []) or [], lazy)


def import_graph(lazy: bool = False, package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the package's modules it imports (``lazy``: also inside functions)."""
    modules = _modules(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8")).body, lazy):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
                continue
            if node.level:
                base = name.split(".")
                base = base[:len(base) - node.level + (1 if is_package else 0)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                targets.add(sub if sub in modules else source)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == {frozenset({"a", "b", "c"})}
    assert cycles({"a": {"b"}, "b": set()}) == set()


def test_the_graph_reads_relative_and_absolute_imports():
    graph = import_graph()
    assert "toolkit.examples._build" in graph["toolkit.examples.probus"]
    assert "toolkit.examples" in graph["toolkit.synth"]
    assert "toolkit.config" in graph["toolkit.examples._build"]
    # cli imports the generators only when `synth` runs
    assert "toolkit.examples" not in graph["toolkit.cli"]
    assert "toolkit.examples" in import_graph(lazy=True)["toolkit.cli"]


def test_no_import_circle_among_toolkit_modules():
    assert cycles(import_graph()) == set()


def test_no_import_circle_even_through_imports_inside_functions():
    # A lazy import hides a circle from the import order but not from the design
    # (synth <-> examples was one, dataset <-> validation another): none is tolerated.
    assert cycles(import_graph(lazy=True)) == set()


def test_validation_never_imports_the_dataset():
    # The dependency runs one way: dataset -> validation (load_dataset checks, then types);
    # what both need (the default index areas) lives in toolkit.io.defaults.
    graph = import_graph(lazy=True)
    validation = {m for m in graph if m == "toolkit.validation"
                  or m.startswith("toolkit.validation.")}
    assert "toolkit.validation.schemas" in validation
    for module in validation:
        assert "toolkit.dataset" not in graph[module], module
    assert "toolkit.validation" in import_graph()["toolkit.dataset"]


def test_example_generators_never_import_synth_even_lazily():
    # synth is a facade over toolkit.examples; the generators stand on their own.
    graph = import_graph(lazy=True)
    generators = {m for m in graph if m == "toolkit.examples" or m.startswith("toolkit.examples.")}
    assert generators >= {"toolkit.examples._build", "toolkit.examples.demo",
                          "toolkit.examples.synthetic", "toolkit.examples.probus",
                          "toolkit.examples.mowes2"}
    for module in generators:
        assert "toolkit.synth" not in graph[module], module
    part = {m: graph[m] & (generators | {"toolkit.synth"}) for m in generators | {"toolkit.synth"}}
    assert cycles(part) == set()


def _imported_by(statement: str, modules) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``statement``."""
    import subprocess
    import sys

    code = f"import sys; {statement}; print(sorted(m for m in {tuple(modules)!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True)
    return ast.literal_eval(out.stdout.strip())


def test_loading_a_dataset_does_not_import_scipy_stats():
    """``validate`` and the report runner's parent load datasets at start-up; scipy.stats
    (half a second) is imported by the statistics that need it, not by loading."""
    assert _imported_by("import toolkit.cli, toolkit.dataset, toolkit.questionnaires",
                        ["scipy.stats"]) == []


def test_a_report_worker_starts_without_the_data_libraries():
    """A Dask worker is a new interpreter: it imports the worker's module (kernels,
    exports), not pandas and pandera through the packages' public names (0.7 s each)."""
    assert _imported_by("import toolkit.report.worker",
                        ["pandas", "pandera", "toolkit.dataset"]) == []


def test_the_packages_public_names_are_there_when_used():
    import pytest

    import toolkit
    import toolkit.io
    import toolkit.report
    from toolkit.dataset import Dataset, load_dataset
    from toolkit.io.tables import TABLE_NAMES
    from toolkit.report.context import report_context
    from toolkit.validation import validate

    assert (toolkit.load_dataset, toolkit.Dataset, toolkit.validate) == (load_dataset, Dataset, validate)
    assert toolkit.report.report_context is report_context
    assert toolkit.io.TABLE_NAMES is TABLE_NAMES
    assert {"load_dataset", "validate", "__version__"} <= set(dir(toolkit))
    assert set(toolkit.report.__all__) <= set(dir(toolkit.report))
    with pytest.raises(AttributeError, match="has no attribute 'load_datasets'"):
        toolkit.load_datasets  # noqa: B018
