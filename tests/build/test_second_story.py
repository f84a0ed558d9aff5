"""Proof that the generator is a generator: a second, tiny story (tests/fixtures/second_story/:
one page, one chart, figures, another origin, Hong Kong SAR) built by the same code as the site.

The generator finds the story only through the fixture's [tool.story]; the China story's
code is never loaded (the pipeline's record of the code it ran says so).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.unit.test_raw_tables import gz, write_sidecar

FIXTURE = ROOT / "tests" / "fixtures" / "second_story"


def make_project(dest: Path) -> Path:
    project = dest / "second_story"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("__pycache__"))
    template = project / "mkdocs.yml.in"
    (project / "mkdocs.yml").write_text(template.read_text().replace("@CODE@", str(ROOT)), encoding="utf-8")
    template.unlink()
    # The generator's runtime for charts (script and styles), served from the project's docs/.
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    raw = project / "data" / "raw"
    for table in sorted(raw.glob("*.csv")):
        (raw / f"{table.name}.gz").write_bytes(gz(table.read_bytes()))
        table.unlink()
    write_sidecar(raw)
    return project


def build(project: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env |= {"SITE_PROJECT": str(project), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""}
    return subprocess.run(
        [sys.executable, "-m", "scripts.generator.build_site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def second_story(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("second"))
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def latest_asylum_seekers(project_fixture: Path, origin: str) -> tuple[int, int]:
    """What the page must say, read from the fixture's rows here, not from the build."""
    with (project_fixture / "data" / "raw" / "population.csv").open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if row["coo_iso"] == origin]
    latest = max(int(row["year"]) for row in rows)
    return latest, sum(int(row["asylum_seekers"]) for row in rows if int(row["year"]) == latest)


def test_the_second_story_builds_its_page_with_its_own_figures(second_story):
    html = (second_story / "site" / "index.html").read_text(encoding="utf-8")
    latest, count = latest_asylum_seekers(FIXTURE, "HKG")
    assert f"At the end of {latest}, {count:,} people from Hong Kong SAR" in html
    assert "Seeking asylum from China" not in html  # nothing of the first story's configuration


def test_the_second_story_draws_its_chart_with_its_own_credit(second_story):
    site = second_story / "site"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="chart-hong_kong_asylum_seekers"' in html or "hong_kong_asylum_seekers" in html
    assert "Source: UNHCR Refugee Data Finder (test fixture), release fixture (CC BY 4.0)." in html
    drawn = (site / "assets" / "charts" / "hong_kong_asylum_seekers.csv").read_text(encoding="utf-8")
    latest, count = latest_asylum_seekers(FIXTURE, "HKG")
    assert str(latest) in drawn and str(count) in drawn
    # The footer credits the data from the story's settings, before mkdocs.yml's own line.
    assert "Data: Source: UNHCR Refugee Data Finder (test fixture) (CC BY 4.0). A test fixture." in html


def test_the_generator_ran_the_second_storys_code_and_none_of_the_first(second_story):
    code = (second_story / "build" / "pipeline" / "code-files.txt").read_text(encoding="utf-8").split()
    assert "story.py" in code
    assert not [line for line in code if "scripts/story/" in line], code
    assert any(line.endswith("scripts/generator/pipeline.py") for line in code)
    figures = json.loads((second_story / "build" / "pipeline" / "figures.json").read_text(encoding="utf-8"))
    assert sorted(figures) == ["asylum_seekers_latest", "latest_year", "licence", "release"]


def test_a_story_without_its_settings_is_refused_naming_the_file_and_key(tmp_path):
    project = make_project(tmp_path)
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text().replace('origin = "HKG"\n', ""), encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site")
    result = build(project)
    assert result.returncode != 0
    assert "pyproject.toml: [tool.story] has no 'origin' (a text)" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").read_text() == "the last good site"
