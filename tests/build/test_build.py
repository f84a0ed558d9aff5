"""The whole build, as `make site` runs it, in a copy of the project: bad data stops
it with a clear message and the last good site/ stays exactly as it was."""

from __future__ import annotations

import hashlib
import subprocess
from html import escape
import sys
from pathlib import Path

import pytest

from tests.conftest import build_project


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


build_site = build_project


@pytest.fixture
def project(built_project) -> Path:
    return built_project


def test_a_good_build_fills_site(project):
    assert (project / "site" / "index.html").is_file()
    assert not list((project / "build").glob("site-*")), "the staging folder is cleaned up"


def test_the_pipeline_skips_work_when_nothing_changed(project):
    run = [sys.executable, "-m", "scripts.generator.pipeline"]
    first = subprocess.run(run, cwd=project, capture_output=True, text=True)
    second = subprocess.run(run, cwd=project, capture_output=True, text=True)
    assert first.returncode == second.returncode == 0
    assert "up to date" in second.stdout
    chart = project / "charts" / "asylum_seekers_by_year.py"
    good = chart.read_text()
    chart.write_text(good + "\n# edited\n")
    try:
        third = subprocess.run(run, cwd=project, capture_output=True, text=True)
    finally:
        chart.write_text(good)
    assert "outputs rebuilt" in third.stdout
    # The words figures and page tables are written with, and the figures' catalogue, are inputs too.
    for words in (project / "docs" / "texts.en.yml", project / "scripts" / "story" / "figures.yml"):
        good = words.read_text()
        words.write_text(good + "\n# edited\n")
        try:
            rebuilt = subprocess.run(run, cwd=project, capture_output=True, text=True)
        finally:
            words.write_text(good)
        assert "outputs rebuilt" in rebuilt.stdout, words


def test_the_pipeline_cache_covers_code_no_list_names(project):
    """A module that figures.py starts to import is part of the cache key from then on."""
    run = [sys.executable, "-m", "scripts.generator.pipeline"]
    figures = project / "scripts" / "story" / "figures.py"
    helper = project / "scripts" / "story" / "figure_wording.py"
    good = figures.read_text()
    helper.write_text("SEPARATOR = ', '\n")
    figures.write_text(good.replace("\nimport ", "\nimport scripts.story.figure_wording  # noqa: F401\nimport ", 1))
    try:
        assert "outputs rebuilt" in subprocess.run(run, cwd=project, capture_output=True, text=True).stdout
        assert "scripts/story/figure_wording.py" in (project / "build" / "pipeline" / "code-files.txt").read_text()
        assert "up to date" in subprocess.run(run, cwd=project, capture_output=True, text=True).stdout
        helper.write_text("SEPARATOR = '; '\n")
        assert "outputs rebuilt" in subprocess.run(run, cwd=project, capture_output=True, text=True).stdout
    finally:
        figures.write_text(good)
        helper.unlink()


def test_the_build_says_where_each_figure_is_used_and_which_are_not(built_project):
    import json

    uses = json.loads((built_project / "build" / "figures-used.json").read_text(encoding="utf-8"))
    pages = (built_project / "docs" / "index.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(pages, start=1) if "{{ asylum_seekers_latest" in text)
    assert f"docs/index.md:{line}" in uses["used"]["asylum_seekers_latest"]
    assert any(place.startswith("docs/fact-check.claims.yml:") for place in uses["used"]["verdict_counts"])
    assert "charts/asylum_seekers_by_year.py" in sum(uses["used"].values(), [])
    figures = json.loads((built_project / "build" / "pipeline" / "figures.json").read_text(encoding="utf-8"))
    assert set(uses["unused"]) == set(figures) - set(uses["used"])
    # The catalogue holds only figures something quotes: the unused ones were deleted.
    assert uses["unused"] == []


def test_search_finds_a_chart_by_its_texts_not_by_its_data_table(built_project):
    import json

    index = json.loads((built_project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(entry["text"] for entry in index["docs"])
    charts = json.loads((built_project / "build" / "pipeline" / "charts" / "index.json").read_text(encoding="utf-8"))
    chart = charts["asylum_seekers_by_year"]
    for name in ("title", "subtitle", "description"):
        assert escape(chart[name], quote=False) in text, name
    # The chart itself (its data table, downloads and embed code) is in the page, not in the index.
    page = (built_project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Show the data in this chart" in page and 'data-chart="asylum_seekers_by_year"' in page
    assert "Show the data in this chart" not in text and "Embed this chart" not in text
