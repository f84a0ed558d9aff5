"""The whole build, as `make site` runs it, in a copy of the project: bad data stops
it with a clear message and the last good site/ stays exactly as it was."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
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


@pytest.mark.slow
def test_a_good_build_fills_site(project):
    assert (project / "site" / "index.html").is_file()
    assert not list((project / "build").glob("site-*")), "the staging folder is cleaned up"


@pytest.mark.slow
def test_a_broken_raw_file_stops_the_build_and_keeps_the_last_site(project):
    before = tree_digest(project / "site")
    raw = project / "data" / "raw" / "population.csv.gz"
    good = raw.read_bytes()
    lines = gzip.decompress(good).decode().splitlines()
    header = lines[0].split(",")
    row = lines[9].split(",")
    row[header.index("refugees")] = "lots"  # line 10 of the file
    lines[9] = ",".join(row)
    raw.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    try:
        result = build_site(project)
    finally:
        raw.write_bytes(good)
    assert result.returncode != 0
    assert "data/raw/population.csv.gz: column refugees must hold whole, non-negative numbers" in result.stderr
    assert "line 10: 'lots'" in result.stderr
    assert "site/ is unchanged" in result.stderr
    assert tree_digest(project / "site") == before


@pytest.mark.slow
def test_a_broken_page_keeps_the_last_site(project):
    before = tree_digest(project / "site")
    page = project / "docs" / "methodology.md"
    good = page.read_text()
    page.write_text(good + "\n<!-- md:chart no_such_chart -->\n")
    try:
        result = build_site(project)
    finally:
        page.write_text(good)
    assert result.returncode != 0
    assert "docs/methodology.md" in result.stderr and "no_such_chart" in result.stderr
    assert tree_digest(project / "site") == before


@pytest.mark.slow
def test_the_pipeline_skips_work_when_nothing_changed(project):
    run = [sys.executable, "-m", "scripts.pipeline"]
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


@pytest.mark.slow
def test_the_pipeline_cache_covers_code_no_list_names(project):
    """A module that figures.py starts to import is part of the cache key from then on."""
    run = [sys.executable, "-m", "scripts.pipeline"]
    figures = project / "scripts" / "figures.py"
    helper = project / "scripts" / "figure_wording.py"
    good = figures.read_text()
    helper.write_text("SEPARATOR = ', '\n")
    figures.write_text(good.replace("\nimport ", "\nimport scripts.figure_wording  # noqa: F401\nimport ", 1))
    try:
        assert "outputs rebuilt" in subprocess.run(run, cwd=project, capture_output=True, text=True).stdout
        assert "scripts/figure_wording.py" in (project / "build" / "pipeline" / "code-files.txt").read_text()
        assert "up to date" in subprocess.run(run, cwd=project, capture_output=True, text=True).stdout
        helper.write_text("SEPARATOR = '; '\n")
        assert "outputs rebuilt" in subprocess.run(run, cwd=project, capture_output=True, text=True).stdout
    finally:
        figures.write_text(good)
        helper.unlink()
