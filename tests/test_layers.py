"""The package's folders are the stages of a build, and imports only go down.

The stage order is written once, here. A module may import modules of its
own stage and of the stages before it; never a later one, not even inside a
function or for type checking only; and no two modules import each other,
directly or round a loop.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import REPO

PACKAGE = REPO / "segue"

# Lowest first. The ground floor is what every stage needs: diagnostics and the
# recorded reading of talk files.
STAGES = (
    ("ground", ("segue", "segue.diagnostics", "segue.sources")),
    ("media", ("segue.media",)),
    ("talk", ("segue.talk",)),
    ("render", ("segue.render",)),
    ("build", ("segue.build",)),
    ("show", ("segue.show",)),
    ("commands", ("segue.commands", "segue.__main__")),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            exact = prefix == "segue"
            if (module == prefix) if exact else (module == prefix or module.startswith(prefix + ".")):
                if len(prefix) > best:
                    best, rank = len(prefix), index
    assert rank >= 0, f"{module} belongs to no stage: add its folder to STAGES"
    return rank


def imports_of(module: str) -> set[str]:
    """Every segue module `module` imports, wherever the import statement is."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_belongs_to_a_stage():
    for module in MODULES:
        stage_of(module)


def test_nothing_imports_a_later_stage():
    upward = [
        f"{module} ({STAGES[stage_of(module)][0]}) imports {target} ({STAGES[stage_of(target)][0]})"
        for module, targets in GRAPH.items()
        for target in sorted(targets)
        if stage_of(target) > stage_of(module)
    ]
    assert not upward, "\n".join(upward)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
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


def test_no_two_modules_import_each_other():
    assert cycles(GRAPH) == []


def test_the_checks_catch_what_they_look_for():
    """Control: an upward import and a loop planted in a copy of the graph are found."""
    planted = {module: set(targets) for module, targets in GRAPH.items()}
    planted["segue.talk.model"].add("segue.build.pipeline")
    assert any(stage_of(t) > stage_of("segue.talk.model") for t in planted["segue.talk.model"])
    assert cycles(planted)


def test_each_stage_folder_says_what_lives_there_and_what_it_may_import():
    for _, prefixes in STAGES[1:]:
        for prefix in prefixes:
            path = MODULES.get(prefix)
            if path is None or path.name != "__init__.py":
                continue
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert "import" in doc and len(doc.split()) > 30, f"{path}: say what lives here and what it may import"


def test_no_module_is_past_the_size_that_makes_it_two():
    long = [f"{path.relative_to(REPO)}: {n} lines" for path in MODULES.values() if (n := len(path.read_text().splitlines())) > 450]
    assert not long, "\n".join(long)
