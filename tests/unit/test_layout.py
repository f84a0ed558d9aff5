"""The roles stay apart, as the folders say (README, "The tree"):

- scripts/generator/ is the reusable build: it never imports the story, the data
  source, the charts or the tools; it finds the story through [tool.story] in
  pyproject.toml (scripts/generator/project.py) and the charts by path;
- scripts/unhcr/ is the data source: it may use the generator's paths and settings,
  never the story;
- scripts/story/ is the China story: it uses the generator and the source, never a chart;
- a chart file imports only altair and the chart kit (charts/_kit.py);
- nothing of the build imports tools/, so a tool is never a build input.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN = {  # folder -> module prefixes its files may not import
    "scripts/generator": ("scripts.story", "scripts.unhcr", "charts", "tools"),
    "scripts/unhcr": ("scripts.story", "charts", "tools"),
    "scripts/story": ("charts", "tools"),
    "charts": ("scripts.story", "tools"),
}
CHART_FILE_IMPORTS = {"altair", "charts._kit"}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions; `from a import b` counts a and a.b."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def is_under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def forbidden_imports(root: Path) -> list[str]:
    found = []
    for folder, prefixes in FORBIDDEN.items():
        for path in sorted((root / folder).rglob("*.py")):
            for module in sorted(imported_modules(path)):
                if any(is_under(module, prefix) for prefix in prefixes):
                    found.append(f"{path.relative_to(root)} imports {module}")
    for path in sorted((root / "charts").glob("[!_]*.py")):
        for module in sorted(imported_modules(path) - CHART_FILE_IMPORTS):
            if not any(is_under(module, allowed) for allowed in CHART_FILE_IMPORTS):
                found.append(
                    f"{path.relative_to(root)} imports {module} (a chart file imports only altair and the kit)"
                )
    return found


def test_each_role_imports_only_what_it_may():
    assert forbidden_imports(ROOT) == []


def test_every_module_of_the_build_is_in_a_role():
    loose = sorted(path.name for path in (ROOT / "scripts").glob("*.py") if path.name != "__init__.py")
    assert loose == [], "scripts/ holds only the role folders (generator, story, unhcr)"


@pytest.mark.parametrize(
    "folder, code, expected",
    [
        ("scripts/generator", "from scripts.story.derive import CHINA\n", "imports scripts.story.derive"),
        ("scripts/generator", "def f():\n    from scripts import story\n", "imports scripts.story"),
        ("scripts/generator", "import charts._kit\n", "imports charts._kit"),
        ("scripts/unhcr", "from scripts.story import figures\n", "imports scripts.story"),
        ("scripts/story", "from charts._kit import short_name\n", "imports charts._kit"),
        ("charts", "import pandas as pd\n", "imports pandas (a chart file"),
        ("charts", "from scripts.generator.project import settings\n", "imports scripts.generator.project (a chart"),
        ("scripts/generator", "from tools.browser import launch_chromium\n", "imports tools.browser"),
    ],
)
def test_the_walk_finds_a_forbidden_import(tmp_path, folder, code, expected):
    (tmp_path / folder).mkdir(parents=True)
    (tmp_path / folder / "example.py").write_text(code)
    (tmp_path / "charts").mkdir(exist_ok=True)
    assert any(expected in line for line in forbidden_imports(tmp_path)), forbidden_imports(tmp_path)


def test_the_import_walk_sees_imports_inside_functions(tmp_path):
    path = tmp_path / "example.py"
    path.write_text("import os\n\ndef f():\n    from tools.browser import launch_chromium\n")
    assert imported_modules(path) == {"os", "tools.browser", "tools.browser.launch_chromium"}


def test_no_source_file_is_ignored_by_git():
    """An ignore pattern that catches a source file (as `build/` once caught tests/build/) keeps it out of
    every commit, and so out of CI, without a word. Meaningful in a working tree; a clone has no such files."""
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--", *SOURCE_FOLDERS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip("not a git work tree")
    ignored = [line for line in listed.stdout.splitlines() if "__pycache__" not in line and ".pytest_cache" not in line]
    assert ignored == []


SOURCE_FOLDERS = ("scripts", "charts", "tests", "tools", "docs", "data", "overrides", ".github", ".ci")
