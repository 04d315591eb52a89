"""What may touch python-pptx and lxml: lxml only the writer (`render/pptx/write/`),
python-pptx's private API only `write/internals.py`, where each use is explained.

Every module of the package is read, whether it imports python-pptx or not: a
python-pptx object reaches modules that never name it (a presentation held by
the opened template, a shape handed to a helper), and `opened.presentation._part`
there is as private as it is in the writer. Such an access is recognised by its
name: one of the `_`-prefixed names python-pptx's own source defines or uses.
"""

from __future__ import annotations

import ast
import re
import shutil
from functools import lru_cache
from pathlib import Path

import pptx

from tests.helpers import REPO

PACKAGE = REPO / "segue"
WRITE = Path("render") / "pptx" / "write"
INTERNALS = WRITE / "internals.py"
# Methods only lxml's elements have (the standard library's ElementTree, which
# reading a rehearsed deck uses, has none of them).
LXML_ONLY = {"xpath", "getparent", "addnext", "addprevious", "getnext", "getprevious", "itersiblings", "iterancestors", "getroottree", "nsmap"}
# python-pptx makes some private methods at run time, named after an element
# (`_add_sldId`, `_insert_tbl`, `_new_txBody`, `_remove_r`).
GENERATED = re.compile(r"^_(add|insert|new|remove)_[A-Za-z]")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


@lru_cache(maxsize=1)
def pptx_private_names() -> frozenset[str]:
    """Every `_name` python-pptx's source defines or uses: its classes, functions,
    attributes and the names it reads them by."""
    names = set()
    for file in Path(pptx.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Name):
                names.add(node.id)
    return frozenset(n for n in names if _private(n))


def _attributes(tree: ast.AST):
    """(line, owner, attribute name) for `owner.name` and for getattr/setattr/hasattr/delattr
    with the name written out."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            yield node.lineno, node.value, node.attr
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            yield node.lineno, node.args[0], node.args[1].value


def _own(owner: ast.expr) -> bool:
    return isinstance(owner, ast.Name) and owner.id in ("self", "cls")


def private_uses(tree: ast.AST) -> list[str]:
    """In a module that imports python-pptx: any `x._name` but its own (self, cls),
    `_`-names imported from pptx, and subclasses of python-pptx's classes."""
    found = [f"line {line}: .{name}" for line, owner, name in _attributes(tree) if _private(name) and not _own(owner)]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pptx"):
            found += [f"line {node.lineno}: {a.name}" for a in node.names if _private(a.name)]
        elif isinstance(node, ast.ClassDef):
            found += [f"line {node.lineno}: subclass of {ast.unparse(b)}" for b in node.bases if "pptx" in ast.unparse(b).lower()]
    return found


def pptx_private_uses(tree: ast.AST) -> list[str]:
    """In any module: `x._name` where `_name` is one of python-pptx's private names."""
    names = pptx_private_names()
    return [
        f"line {line}: .{name} (python-pptx's)"
        for line, owner, name in _attributes(tree)
        if not _own(owner) and (name in names or GENERATED.match(name))
    ]


def lxml_uses(tree: ast.AST) -> list[str]:
    found = ["imports lxml"] if "lxml" in _imports(tree) else []
    return found + [f"line {line}: .{name} (lxml's)" for line, _, name in _attributes(tree) if name in LXML_ONLY]


def problems_in(package: Path) -> list[str]:
    """Every module of `package` (a copy of the build's own, in the control below)."""
    problems = []
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 50, package  # the whole package, not a part of it
    for file in modules:
        where = file.relative_to(package)
        tree = ast.parse(file.read_text(encoding="utf-8"))
        if where == INTERNALS:
            continue
        uses = pptx_private_uses(tree)
        if "pptx" in _imports(tree):
            uses += private_uses(tree)
        if WRITE not in where.parents:
            uses += lxml_uses(tree)
        problems += [f"{where} {use}" for use in dict.fromkeys(uses)]
    return problems


def test_only_the_writer_uses_lxml_and_only_internals_touch_private_pptx():
    assert problems_in(PACKAGE) == []


PLANTED = {
    # Modules that never import python-pptx, handed its objects by others.
    Path("render/pptx/deck.py"): "\n\ndef _part(opened):\n    return opened.presentation._part\n",
    Path("render/pptx/write/omml.py"): "\n\ndef _body(shape):\n    return getattr(shape, '_txBody')\n",
    Path("render/pptx/write/__init__.py"): "\n\ndef _add(slides, rId):\n    slides._add_sldId(id=256, rId=rId)\n",
    # lxml reached through an element, outside the writer.
    Path("render/pptx/accessibility.py"): "\n\ndef _parent(element):\n    return element.getparent()\n",
    # A module that imports python-pptx and touches a private name of its own.
    Path("render/pptx/write/runs.py"): "\n\ndef _font(run):\n    return run._rPr_font\n",
    # internals.py is where these belong: not a problem.
    INTERNALS: "\n\ndef element_of(shape):\n    return shape._element\n",
}


def test_the_check_finds_private_access_planted_anywhere(tmp_path):
    """Control: a copy of the package with one private access planted in each of
    several modules, most of which never import python-pptx."""
    copy = tmp_path / "segue"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for where, code in PLANTED.items():
        with (copy / where).open("a", encoding="utf-8") as module:
            module.write(code)
    found = problems_in(copy)
    assert [line.split(" line ")[0] for line in found] == sorted(str(w) for w in PLANTED if w != INTERNALS), found
    assert any("._part (python-pptx's)" in line for line in found)
    assert any("._txBody (python-pptx's)" in line for line in found)
    assert any("._add_sldId (python-pptx's)" in line for line in found)
    assert any(".getparent (lxml's)" in line for line in found)


def test_arrange_needs_no_python_pptx():
    pure = [*(PACKAGE / "render" / "pptx" / "arrange").glob("*.py")]
    pure += [PACKAGE / "render" / "pptx" / module for module in ("arranged.py", "geometry.py", "text.py")]
    assert len(pure) > 5
    for path in pure:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not _imports(tree) & {"pptx", "lxml"}, path
