"""The roles stay apart: the build (scripts/) and the charts never import the tools that measure
the site (tools/), so a tool is never a build input and changing one rebuilds nothing."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_the_build_and_the_charts_never_import_the_tools():
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for folder in ("scripts", "charts")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for module in sorted(imported_modules(path))
        if module == "tools" or module.startswith("tools.")
    ]
    assert found == []


def test_the_import_walk_sees_imports_inside_functions(tmp_path):
    path = tmp_path / "example.py"
    path.write_text("import os\n\ndef f():\n    from tools.browser import launch_chromium\n")
    assert imported_modules(path) == {"os", "tools.browser"}
