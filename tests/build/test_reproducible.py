"""Reproducible builds: the same commit, built twice from scratch (pipeline included),
gives byte-identical site/ trees, dated from the commit. Without git history (a
tarball) the build still works: it dates itself from the newest source file and
the pages show no "last updated" date."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.generator import build_site
from tests.conftest import copy_project
from tests.build.test_build import tree_digest

# After every year the pages cite: a page may not date an event after the year it is built in.
COMMIT_DATE = "2026-05-06T07:08:09+00:00"
COMMIT_EPOCH = 1778051289


def git(project: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}
    result = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def committed_project(tmp_path_factory) -> Path:
    """A copy of the project as one commit of its own, with a fixed date."""
    copy = copy_project(tmp_path_factory.mktemp("committed"))
    (copy / ".gitignore").write_text("node_modules\nbuild/\nsite/\nsite-*/\n__pycache__/\n")
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "One commit")
    return copy


def make_site(project: Path) -> None:
    """`make site` without the install step; SOURCE_DATE_EPOCH unset, so the build finds the date itself."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, "-m", "scripts.generator.build_site"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


def test_the_same_commit_built_twice_is_byte_identical(committed_project):
    project = committed_project
    make_site(project)
    (project / "site").rename(project / "site-1")
    shutil.rmtree(project / "build")  # nothing cached: the pipeline runs again
    make_site(project)

    one, two = tree_digest(project / "site-1"), tree_digest(project / "site")
    assert one.keys() == two.keys(), f"different files: {sorted(one.keys() ^ two.keys())}"
    differ = sorted(name for name in one if one[name] != two[name])
    assert not differ, f"files that differ between two builds of the same commit: {differ}"
    # Built again with everything the build keeps (compiled templates, checks passed, the pipeline's
    # outputs) already there: the same bytes as from nothing.
    assert list((project / "build" / "jinja").iterdir()) and list((project / "build" / "checked").iterdir())
    (project / "site").rename(project / "site-2")
    (project / "build" / "site.inputs.sha256").unlink()
    make_site(project)
    warm = tree_digest(project / "site")
    assert warm == one, f"a warm build differs: {sorted(name for name in one if warm.get(name) != one[name])}"

    site = project / "site"
    with gzip.open(site / "sitemap.xml.gz") as sitemap:
        sitemap.read()
        assert sitemap.mtime == COMMIT_EPOCH - COMMIT_EPOCH % 86400  # MkDocs keeps the day
    assert {int(path.stat().st_mtime) for path in site.rglob("*")} == {COMMIT_EPOCH}
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'Last updated <time datetime="2026-05-06">6 May 2026</time>' in home


def test_without_git_history_the_date_is_the_newest_source_file(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    os.utime(tmp_path / "mkdocs.yml", (1_600_000_000, 1_600_000_000))
    os.utime(tmp_path / "docs" / "index.md", (1_700_000_000, 1_700_000_000))
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        assert build_site.last_commit_time(tmp_path) is None
        assert build_site.source_date_epoch(tmp_path) == 1_700_000_000
        os.environ["SOURCE_DATE_EPOCH"] = "1234567890"
        assert build_site.source_date_epoch(tmp_path) == 1234567890
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def test_without_git_history_a_page_has_no_dates(tmp_path):
    from scripts.generator import history

    page = tmp_path / "page.md"
    page.write_text("# A page\n")
    history.forget()
    assert history.file_days(page) == (None, None)


def test_each_page_gets_the_days_of_the_first_and_the_last_commit_that_changed_it(tmp_path):
    import datetime

    from scripts.generator import history

    def commit(name: str, day: str) -> None:
        (tmp_path / name).write_text(f"# {name} {day}\n")
        env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
        for command in (["git", "add", name], ["git", "commit", "-qm", f"{name} on {day}"]):
            subprocess.run(command, cwd=tmp_path, env=env, check=True)

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.email", "test@example.org"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.name", "Test"], cwd=tmp_path, check=True)
    commit("a.md", "2024-03-01")
    commit("b.md", "2024-05-02")
    commit("a.md", "2024-07-03")
    (tmp_path / "new.md").write_text("# not committed\n")
    history.forget()
    day = datetime.date.fromisoformat
    assert history.file_days(tmp_path / "a.md") == (day("2024-03-01"), day("2024-07-03"))
    assert history.file_days(tmp_path / "b.md") == (day("2024-05-02"), day("2024-05-02"))
    assert history.file_days(tmp_path / "new.md") == (None, None)
