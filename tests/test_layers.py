"""The package's import graph: no circles, no upward imports, no hidden imports in functions.

An AST walk over ``motivsim/`` lists every import of a motivsim module (``if TYPE_CHECKING:``
blocks are left out: they never run). Three rules follow from the layout (docs/README.md):

* motivsim modules are imported at module level only; an import inside a function is allowed
  only for an optional or heavy third-party package (matplotlib, hypothesis, scipy, dask, ...);
* the graph of module-level imports has no cycle (a package counts as its ``__init__``);
* a stage imports only the stages before it in :data:`LAYERS`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "motivsim"

#: The stages, in data-flow order: a module may import modules of its own stage or of stages
#: to its left. (``motivsim`` is the package's lazy ``__init__``; ``cli`` comes last.)
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_version", "errors", "limits", "frozen", "i18n"),
    ("validation",),
    ("formula",),
    ("distributions", "csvtable"),
    ("scheme",),
    ("history",),
    ("sampling",),
    ("search",),
    ("findings",),
    ("checks",),
    ("simulation",),
    ("comparison",),
    ("tuning",),
    ("testing",),
    ("reporting",),
    ("cli", "__main__"),
    ("__init__",),
)
#: Third-party packages that may be imported inside a function (optional or slow to import).
LAZY_OK = ("matplotlib", "hypothesis", "scipy", "dask", "pandas", "concurrent", "sympy", "secrets")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """``(imported module, line, at module level)`` of each import in ``path``."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other, top)
                continue
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, top) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join([*base, child.module] if child.module else base)
                else:
                    target = child.module or ""
                # ``from motivsim.pkg import mod`` imports the submodule ``motivsim.pkg.mod``;
                # ``from motivsim.pkg import name`` reads ``name`` from ``pkg/__init__``
                subs = [f"{target}.{a.name}" for a in child.names if _exists(f"{target}.{a.name}")]
                if len(subs) < len(child.names):
                    found.append((target, child.lineno, top))
                found.extend((sub, child.lineno, top) for sub in subs)
            inner = top and not isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), True)
    return found


def _exists(module: str) -> bool:
    if not module.startswith("motivsim"):
        return False
    rel = Path(*module.split(".")[1:])
    return (ROOT / rel).with_suffix(".py").exists() or (ROOT / rel / "__init__.py").exists()


def _graph() -> dict[str, list[tuple[str, int, bool]]]:
    return {_module_name(p): _imports(p) for p in sorted(ROOT.rglob("*.py"))}


def _stage(module: str) -> int:
    parts = module.split(".")
    first = parts[1] if len(parts) > 1 else "__init__"
    for i, layer in enumerate(LAYERS):
        if first in layer:
            return i
    raise AssertionError(f"{module} is in no layer of LAYERS: add its package there")


def test_internal_imports_are_at_module_level() -> None:
    hidden = [
        f"{module}:{line} imports {target} inside a function"
        for module, imports in _graph().items()
        for target, line, top in imports
        if not top and target.startswith("motivsim")
    ]
    assert not hidden, "\n".join(hidden)


def test_imports_inside_functions_are_only_of_heavy_or_optional_packages() -> None:
    allowed = (*LAZY_OK, "motivsim")  # motivsim ones are reported by the test above
    odd = [
        f"{module}:{line} imports {target} inside a function"
        for module, imports in _graph().items()
        for target, line, top in imports
        if not top and not target.startswith(allowed)
    ]
    assert not odd, "\n".join(odd)


def test_no_import_cycles() -> None:
    graph = {
        module: sorted({t for t, _, top in imports if top and t.startswith("motivsim")})
        for module, imports in _graph().items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt == node or nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for module in graph:
        if module not in state:
            walk(module)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_modules_import_their_siblings_not_their_package() -> None:
    """Inside ``pkg``, ``from motivsim.pkg import X`` would run ``pkg/__init__`` half-way
    through its own import: modules import the sibling that defines ``X``."""
    odd = [
        f"{module}:{line} imports its own package {target}"
        for module, imports in _graph().items()
        for target, line, top in imports
        if top and target != "motivsim" and module.startswith(target + ".")
    ]
    assert not odd, "\n".join(odd)


def test_no_upward_imports() -> None:
    upward = [
        f"{module}:{line} ({LAYERS[_stage(module)][0]}) imports {target} "
        f"({LAYERS[_stage(target)][0]}), a later stage"
        for module, imports in _graph().items()
        for target, line, top in imports
        if top and target.startswith("motivsim.") and _stage(target) > _stage(module)
    ]
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize("layer", [name for layer in LAYERS for name in layer])
def test_every_layer_exists(layer: str) -> None:
    assert (ROOT / f"{layer}.py").exists() or (ROOT / layer / "__init__.py").exists()
