"""The package's shape (README, module map): each layer imports only those below it, without circles.

Read from the source with `ast`, so a forbidden import fails here before it shows in behaviour.
"""

import ast
from functools import cache
from pathlib import Path

from sites import PROJECT

PACKAGE = PROJECT / "guidebook"
# Folder -> the folders it may import (the top modules, "", are open to all).
MAY_IMPORT = {
    "": {""},
    "content": {"", "content"},
    "site": {"", "content", "site"},
    "html": {"", "content", "site", "html"},
    "pdf": {"", "content", "site", "pdf"},
    "publish": {"", "content", "site", "html", "pdf", "publish"},
    # The web editor: reads the content model, runs the check and names languages as the site does.
    "cms": {"", "content", "site", "cms"},
    "commands": {"", "content", "site", "html", "pdf", "publish", "cms", "commands"},
}
ENGINE = ("mkdocs", "material", "mkdocs_static_i18n")
MAX_LINES = 400
# The one import made inside a function: the command line's, after the build stamp said a build is needed
# (`guidebook build` with nothing changed answers without it: README, Performance).
DEFERRED = ["guidebook.commands.quick: guidebook.commands.cli"]


@cache  # asked for at every import of every module
def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PROJECT).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


@cache
def imports(name: str, path: Path) -> list[tuple[str, bool]]:
    """(imported module, imported inside a function) for each import of `name`'s source."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - child.level + 1] + ([child.module] if child.module else []))
                found.extend(
                    [
                        (f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base, inside)
                        for alias in child.names
                    ]
                )
            elif isinstance(child, ast.Import):
                found.extend((alias.name, inside) for alias in child.names)
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def layer(name: str) -> str:
    """The folder a module is in ('' for the top modules)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and (PACKAGE / parts[1]).is_dir() else ""


def test_each_layer_imports_only_the_layers_below_it_and_content_site_and_cms_no_engine():
    wrong = []
    for name, path in modules().items():
        for target, _ in imports(name, path):
            if target.startswith("guidebook.") and layer(target) not in MAY_IMPORT[layer(name)]:
                wrong.append(f"{name} imports {target}")
            if layer(name) in ("", "content", "site", "cms") and target.split(".")[0] in ENGINE:
                wrong.append(f"{name} imports the engine: {target}")
    assert wrong == []


def test_no_import_circle_and_no_package_import_inside_a_function():
    graph = {
        name: {target for target, _ in imports(name, path) if target in modules() and target != name}
        for name, path in modules().items()
    }
    late = [
        f"{name}: {target}"
        for name, path in modules().items()
        for target, inside in imports(name, path)
        if inside and target.startswith("guidebook")
    ]
    assert late == DEFERRED
    done, stack, circles = set(), [], []

    def walk(name: str) -> None:
        if name in stack:
            circles.append(stack[stack.index(name) :] + [name])
            return
        if name in done:
            return
        stack.append(name)
        for target in sorted(graph[name]):
            walk(target)
        stack.pop()
        done.add(name)

    for name in sorted(graph):
        walk(name)
    assert circles == []


def test_no_module_is_over_400_lines():
    long = {
        name: count
        for name, path in modules().items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
