"""The GitHub workflows: actionlint passes on every workflow (and fails on a broken
one, so a pass means something); a push to main builds and deploys with the official
Pages actions; every pull request builds with `make site`, uploads the site as a
preview and runs `make test`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint() -> str:
    path = Path(sys.executable).parent / "actionlint"
    found = str(path) if path.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is not installed: run `make site`, which installs it from requirements.txt")
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([actionlint(), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_passes_on_every_workflow():
    files = workflow_files()
    assert len(files) >= 2, f"expected the deploy and pull-request workflows in {WORKFLOWS}"
    result = lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_fails_on_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: pull_request\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v2\n"  # a retired runtime
        '      - run: echo "${{ github.event.pull_request.title }}"\n'  # script injection
        "      - uses: actions/upload-artifact@v7\n"
        "        with:\n"
        "          nmae: site\n"  # misspelt input, required input missing
    )
    result = subprocess.run([actionlint(), "-no-color", str(broken)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    for expected in ("actions/checkout@v2", "potentially untrusted", 'input "nmae" is not defined'):
        assert expected in result.stdout, result.stdout


def test_a_push_to_main_builds_and_deploys_to_pages():
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert {"pages": "write", "id-token": "write"}.items() <= workflow["permissions"].items()
    runs = [step.get("run", "") for step in steps(workflow)]
    uses = [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]
    assert "make site" in runs
    for action in (
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in uses, f"deploy.yml does not use {action}"
    upload = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_every_pull_request_builds_tests_and_uploads_a_preview():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert "pull_request_target" not in workflow["on"], "pull requests from forks must not get the repository's secrets"
    assert workflow["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in steps(workflow)]
    assert runs.index("make site") < runs.index("make test")
    upload = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_checkouts_keep_the_history_that_dates_the_pages():
    for path in workflow_files():
        for step in steps(load(path.name)):
            if step.get("uses", "").startswith("actions/checkout"):
                assert step.get("with", {}).get("fetch-depth") == 0, f"{path.name}: checkout without the whole history"


def test_actions_are_pinned_to_a_major_version():
    for path in workflow_files():
        for step in steps(load(path.name)):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+|[0-9a-f]{40})", step["uses"]), (
                    f"{path.name}: {step['uses']}"
                )
