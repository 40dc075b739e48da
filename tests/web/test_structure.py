"""The web package shaped as datasette's: views receive the app state and never import web/app.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newsfuse.web

WEB = Path(newsfuse.web.__file__).parent
MODULES = sorted(p for p in WEB.glob("*.py") if p.name not in ("__init__.py", "app.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at top level or inside a function (relative imports resolved)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(["newsfuse", "web"][: 3 - node.level] + ([base] if base else []))
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


def test_the_checker_sees_an_import_of_the_app() -> None:
    app_imports = imported_modules(WEB / "__init__.py")
    assert "newsfuse.web.app" in app_imports  # the package's front door does import it


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_view_imports_the_app(module: Path) -> None:
    assert "newsfuse.web.app" not in imported_modules(module)


def test_app_imports_its_routers_at_the_top() -> None:
    tree = ast.parse((WEB / "app.py").read_text(encoding="utf-8"))
    top = {
        f"{node.module}.{alias.name}"
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert {"newsfuse.web.pages", "newsfuse.web.json_api", "newsfuse.web.exports"} <= top
