"""Shared fixtures: the checked raw tables, the derived tables, one built site and one built copy.

The tests are grouped in folders by what they protect and what they cost, and each folder
gives its tests their markers (FOLDER_MARKERS): unit/ (the code, on small fixtures) and
story/ (the story's data, figures, charts and page sources) build no site and take
seconds (`make test-fast`); build/ builds the site; browser/ drives chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from scripts.story.derive import derive_all
from scripts.unhcr.raw_tables import load_raw_tables

TESTS = Path(__file__).resolve().parent
FOLDER_MARKERS = {"unit": (), "story": (), "build": ("slow",), "browser": ("browser", "slow")}


def pytest_collection_modifyitems(items):
    for item in items:
        folder = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        if folder not in FOLDER_MARKERS:
            raise pytest.UsageError(f"tests/{folder}: every test lives in one of {', '.join(FOLDER_MARKERS)}")
        for marker in FOLDER_MARKERS[folder]:
            item.add_marker(marker)


@pytest.fixture(scope="session")
def raw_tables():
    return load_raw_tables()


@pytest.fixture(scope="session")
def derived(raw_tables):
    return derive_all(raw_tables)


def load_mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as MkDocs reads it (its !ENV tags resolved)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load(path.read_text(encoding="utf-8"), Loader=get_yaml_loader())


def nav_pages() -> list[str]:
    """Every page of the navigation in reading order, as its address ('' for the home page)."""
    pages = []
    for entry in load_mkdocs_config()["nav"]:
        (source,) = entry.values()
        pages.append("" if source == "index.md" else source.removesuffix(".md") + "/")
    return pages


def mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """The site into site_dir as `make site` builds it: the contributions checked, `mkdocs build --strict`,
    then the finished HTML checked and given its policies (scripts/generator/build_site.py)."""
    return run_build(ROOT, "--config-file", str(config), "--site-dir", str(site_dir))


def run_build(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.generator.build_site", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site, built once per test run with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def site_pages(built_site) -> list[str]:
    """Every HTML page of the built site, as a URL path ('' for the home page)."""
    pages = []
    for path in sorted(built_site.rglob("index.html")):
        relative = path.parent.relative_to(built_site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


@pytest.fixture(scope="session")
def server(built_site):
    """The built site served on the loopback interface; yields its base URL."""
    from tools.browser import serve_directory

    with serve_directory(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for every browser test."""
    from tools.browser import launch_chromium

    with launch_chromium() as chromium:
        yield chromium


# What a copy of the project needs to build on its own.
PROJECT_PARTS = ("data", "scripts", "charts", "docs", "overrides", "mkdocs.yml", "pyproject.toml", "requirements.txt")


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources in destination, sharing node_modules."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


def build_project(project: Path) -> subprocess.CompletedProcess:
    """`make site` in a copy of the project (scripts/generator/build_site.py, its site/ and build/)."""
    return run_build(project)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """One copy of the project with a good site/ built in it, shared by the tests that change a
    source and build again; each of them puts back what it changed."""
    copy = copy_project(tmp_path_factory.mktemp("project"))
    result = build_project(copy)
    assert result.returncode == 0, result.stderr[-3000:]
    return copy
