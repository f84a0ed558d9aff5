"""What a fresh Debian machine gets from the Makefile: every pinned package installs on the oldest
Python the project supports (Debian 12's); the fonts every tool draws the site with, installed by
`make site` and `make test` (and by the workflows) when missing, named in the README and known to
the browser tests' font check; the 20 slowest tests listed after every `make test`."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import tomllib
from importlib.metadata import distribution

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT
from tools.browser import site_font_packages

INSTALLER = ROOT / "scripts" / "install_debian_packages.sh"


def test_every_pinned_package_installs_on_the_oldest_python_the_project_supports():
    supported = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"])
    oldest = re.fullmatch(r">=([\d.]+)", str(supported)).group(1)
    pins = [
        Requirement(line.split("#")[0])
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(pins) > 20
    stale = [str(pin) for pin in pins if not pin.specifier.contains(distribution(pin.name).version)]
    assert not stale, f"installed at other versions than pinned: {stale} (make site installs the pins)"
    refused = {
        f"{pin.name}=={distribution(pin.name).version}": needs
        for pin in pins
        if (needs := distribution(pin.name).metadata.get("Requires-Python"))
        and not SpecifierSet(needs).contains(oldest)
    }
    assert not refused, (
        f"pinned packages that do not install on Python {oldest}: {refused} (pin older ones in requirements.in)"
    )


def dry_run(target: str) -> str:
    """The commands `make target` would run on a machine where nothing is installed yet."""
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


def makefile_fonts() -> list[str]:
    (line,) = [line for line in dry_run("fonts").splitlines() if "install_debian_packages.sh" in line]
    return line.split("install_debian_packages.sh", 1)[1].split()


def test_the_fonts_are_the_ones_the_browser_check_names_and_the_readme_lists():
    fonts = makefile_fonts()
    assert fonts == site_font_packages().split(), "tools/browser.py's message reads another list"
    assert any(font.startswith("fonts-liberation") for font in fonts)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{font}`" in readme for font in fonts), "the README does not name every font package"


def test_make_site_and_make_test_install_the_fonts_and_chromium():
    fonts_line = " ".join(["scripts/install_debian_packages.sh", *makefile_fonts()])
    assert fonts_line in dry_run("site")
    test = dry_run("test")
    assert fonts_line in test
    assert "install_debian_packages.sh chromium libatomic1" in test  # libatomic1: Playwright's Node.js
    assert test.index(fonts_line) < test.index("-m pytest"), "the fonts are installed before the tests run"


def test_make_test_lists_its_twenty_slowest_tests():
    (pytest_line,) = [line for line in dry_run("test").splitlines() if "-m pytest" in line]
    assert re.search(r"--durations=20\b", pytest_line)


def test_the_workflows_install_the_fonts_before_they_build():
    for name in ("deploy.yml", "pull-request.yml"):
        text = (ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert "run: make fonts" in text, f"{name} does not install the fonts"
        assert text.index("run: make fonts") < text.index("run: make site"), name


def fake_apt(tmp_path):
    """A PATH whose apt-get and sudo only record that they were called."""
    calls = tmp_path / "calls"
    for tool in ("apt-get", "sudo"):
        script = tmp_path / "bin" / tool
        script.parent.mkdir(exist_ok=True)
        script.write_text(f'#!/bin/sh\necho "{tool} $*" >> {calls}\n')
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}, calls


def test_the_installer_leaves_installed_packages_alone_and_installs_only_the_missing(tmp_path):
    env, calls = fake_apt(tmp_path)
    installed = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}\n", "dpkg"], capture_output=True, text=True, check=True
    ).stdout.split()
    done = subprocess.run(["bash", str(INSTALLER), *installed], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "" and not calls.exists(), "nothing to install, nothing run"

    missing = "no-such-package-for-the-test"
    run = subprocess.run(["bash", str(INSTALLER), "dpkg", missing], env=env, capture_output=True, text=True)
    asked = calls.read_text() if calls.exists() else ""
    said = run.stdout + run.stderr
    # As root (CI) or with sudo it installs the missing package alone; otherwise it says what to run.
    assert f"install -y -qq --no-install-recommends {missing}\n" in asked or (
        run.returncode != 0 and f"apt-get install --no-install-recommends {missing}" in said
    ), said + asked
    assert " dpkg" not in asked, "an installed package is not installed again"
