"""Every row of tests.faults.py, applied one at a time to one built copy of the project.

The copy is built once (conftest's built_project); each row changes one file, runs
the build as `make site` does, checks the outcome, and puts the file back. Then a
markup canary and a quote canary go into every string a contributor controls
outside the pages' bodies, in turn: each must stop the build naming its file, or
leave no element or attribute of the canary in the parsed pages.
"""

from __future__ import annotations

import gzip
import hashlib
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from tests.conftest import build_project
from tests.faults import GUIDE, TABLE, Edit, Hostile, attribute_holders, country_name, front_matter, guide_with_table



def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@contextmanager
def applied(project: Path, edit: Edit):
    """The project with `edit` made; every file it touched is put back afterwards."""
    path = project / edit.file
    touched = {path: path.read_bytes() if path.exists() else None}
    try:
        if edit.create is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit.create, encoding="utf-8")
        elif edit.raw_data:
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
            if edit.cell:
                text = with_cell(text, *edit.cell)
            else:
                assert edit.old in text, f"{edit.file} no longer holds {edit.old!r}"
                text = text.replace(edit.old, edit.new, 1)
            path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
            sidecar = project / "data" / "raw" / "unhcr.source.yml"
            touched[sidecar] = sidecar.read_bytes()
            source = yaml.safe_load(touched[sidecar])
            source["files"][path.name]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
            sidecar.write_text(yaml.safe_dump(source, sort_keys=False, allow_unicode=True), encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            if edit.insert is not None:
                lines = text.split("\n")
                lines[edit.at - 1 : edit.at - 1] = edit.insert.split("\n")
                text = "\n".join(lines)
            else:
                assert edit.old in text, f"{edit.file} no longer holds {edit.old!r}"
                text = text.replace(edit.old, edit.new, 1)
            path.write_text(text, encoding="utf-8")
        yield
    finally:
        for file, content in touched.items():
            if content is None:
                file.unlink(missing_ok=True)
            else:
                file.write_bytes(content)


def with_cell(text: str, line: int, column: str, value: str) -> str:
    """The CSV text with one field replaced: line `line` of the file (1 is the header), column `column`."""
    lines = text.split("\n")
    header = lines[0].split(",")
    fields = lines[line - 1].split(",")
    fields[header.index(column)] = value
    lines[line - 1] = ",".join(fields)
    return "\n".join(lines)


def outcome(project: Path, row: Hostile):
    before = tree_digest(project / "site")
    with applied(project, row.edit):
        result = build_project(project)
    output = result.stdout + result.stderr
    return result, output, before


@pytest.mark.parametrize("row", TABLE, ids=[row.name for row in TABLE])
def test_a_hostile_contribution_is_refused_or_inert(built_project, row):
    result, output, before = outcome(built_project, row)
    if row.where is not None:
        assert result.returncode != 0, f"{row.name}: the build passed"
        assert row.where in output, output[-2500:]
        assert row.says in output, output[-2500:]
        assert "Traceback" not in output, output[-2500:]
        assert tree_digest(built_project / "site") == before, "a refused build changed site/"
    else:
        assert result.returncode == 0, output[-2500:]
        assert row.holds(built_project / "site") == []


def test_the_guides_table_of_messages_is_the_table_of_faults():
    """CONTRIBUTING.md's "What the checks say" is written from the rows above (`python -m tests.faults`),
    whose messages the build is held to: the guide cannot promise a message the build does not give."""
    text = GUIDE.read_text(encoding="utf-8")
    assert guide_with_table(text) == text, "CONTRIBUTING.md's table is stale: run `python -m tests.faults`"


# --- canaries in every contributor-controlled string -------------------------------------------

MARKUP_CANARY = '<b data-canary="m">canary</b>'
QUOTE_CANARY = 'canary" data-canary="q'


def chart_text(constant: str, old: str):
    file = "charts/asylum_seekers_by_year.py"
    return lambda canary: Edit(file, old=old, new=old + canary.replace('"', '\\"'))


def yaml_quoted(canary: str) -> str:
    return "'" + canary.replace("'", "''") + "'"


# place -> (the file a refusal must name, how to put a canary there)
PLACES = {
    "front matter title": ("docs/about.md", lambda c: front_matter("title", yaml_quoted(c))),
    "front matter description": ("docs/about.md", lambda c: front_matter("description", yaml_quoted(c))),
    "nav title": (
        "mkdocs.yml",
        lambda c: Edit(
            "mkdocs.yml", old="  - About and corrections: about.md", new=f"  - {yaml_quoted('About ' + c)}: about.md"
        ),
    ),
    "site_name": (
        "mkdocs.yml",
        lambda c: Edit(
            "mkdocs.yml",
            old="site_name: Seeking asylum from China",
            new=f"site_name: {yaml_quoted('Seeking asylum ' + c)}",
        ),
    ),
    "site_description": (
        "mkdocs.yml",
        lambda c: Edit("mkdocs.yml", old="  People from China who seek", new=f"  {c} People from China who seek"),
    ),
    "copyright": (
        "mkdocs.yml",
        lambda c: Edit("mkdocs.yml", old="  Text and charts:", new=f"  {c} Text and charts:"),
    ),
    "extra": (
        "mkdocs.yml",
        lambda c: Edit("mkdocs.yml", old="\nhooks:", new=f"\nextra:\n  note: {yaml_quoted(c)}\nhooks:"),
    ),
    "chart title": ("charts/asylum_seekers_by_year.py", chart_text("TITLE", 'TITLE = "Asylum-seekers')),
    "chart subtitle": ("charts/asylum_seekers_by_year.py", chart_text("SUBTITLE", 'SUBTITLE = "People from China')),
    "chart description": (
        "charts/asylum_seekers_by_year.py",
        chart_text("DESCRIPTION", '"Line chart of asylum-seekers'),
    ),
    "country name": ("data/raw/countries.csv.gz", lambda c: country_name("United States " + c)),
}


@pytest.mark.parametrize("canary", [MARKUP_CANARY, QUOTE_CANARY], ids=["markup", "quotes"])
@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_canary_in_any_contributed_string_is_refused_or_inert(built_project, place, canary):
    file, edit = PLACES[place]
    row = Hostile(place, edit(canary))
    result, output, before = outcome(built_project, row)
    if result.returncode != 0:
        assert file in output, output[-2500:]
        assert "Traceback" not in output, output[-2500:]
        assert tree_digest(built_project / "site") == before
    else:
        assert attribute_holders(built_project / "site", "data-canary") == []
    if canary == MARKUP_CANARY:
        assert result.returncode != 0, f"markup in the {place} built"


def test_make_serve_runs_the_finished_html_pass_too(built_project):
    """`mkdocs serve` does not run scripts/generator/build_site.py: its hook runs the same pass on every rebuild."""
    import os
    import socket
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    row = next(row for row in TABLE if row.name == "HTML5 comment that is no comment")
    with applied(built_project, row.edit):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
            cwd=built_project,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert f"{row.where}: " in output and row.says in output, output[-2000:]


# --- the guide's own examples, built as a contributor would use them ---------------------------


def guide_blocks(after: str, language: str, count: int = 1) -> list[str]:
    """The first `count` fenced blocks in `language` after the heading `after` in CONTRIBUTING.md."""
    text = GUIDE.read_text(encoding="utf-8")
    text = text[text.index(f"\n## {after}\n") :]
    blocks, rest = [], text
    while len(blocks) < count:
        start = rest.index(f"```{language}\n") + len(f"```{language}\n")
        end = rest.index("\n```", start)
        blocks.append(rest[start:end])
        rest = rest[end + 4 :]
    return blocks


def test_the_guides_examples_build(built_project):
    """A new page, a figure in its prose, a new figure and a new chart, copied from CONTRIBUTING.md
    as they stand there: they must build, so the guide cannot go stale."""
    import re

    (page,) = guide_blocks("Edit a page", "markdown")
    (prose,) = guide_blocks("Put a data-bound figure in prose", "markdown")
    (new_figure,) = guide_blocks("Put a data-bound figure in prose", "python")
    (catalogued,) = guide_blocks("Put a data-bound figure in prose", "yaml")
    chart_code, chart_line = guide_blocks("Add a chart", "python")[0], guide_blocks("Add a chart", "markdown")[0]
    chart_id = re.fullmatch(r"<!-- md:chart (\w+) -->", chart_line.strip()).group(1)
    figure_name = re.match(r'"(\w+)"', new_figure).group(1)
    example = f"{page}\n\n{prose}\n\nThe change: {{{{ {figure_name} }}}}.\n\n{chart_line}\n"
    edits = [
        Edit("docs/guide-example.md", create=example),
        Edit(
            "mkdocs.yml",
            old="  - About and corrections: about.md",
            new="  - About and corrections: about.md\n  - Guide example: guide-example.md",
        ),
        Edit(f"charts/{chart_id}.py", create=chart_code + "\n"),
        Edit(
            "scripts/story/figures.py",
            old='        "years_in_series": ',
            new="        " + new_figure.replace("\n", "\n        ") + '\n        "years_in_series": ',
        ),
        Edit("scripts/story/figures.yml", old="\nyears_in_series: ", new=f"\n{catalogued}\nyears_in_series: "),
    ]
    with (
        applied(built_project, edits[0]),
        applied(built_project, edits[1]),
        applied(built_project, edits[2]),
        applied(built_project, edits[3]),
        applied(built_project, edits[4]),
    ):
        result = build_project(built_project)
        built = (
            (built_project / "site" / "guide-example" / "index.html").read_text(encoding="utf-8")
            if result.returncode == 0
            else ""
        )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "How claims were decided" in built and f'id="{chart_id}"' in built
    assert "{{" not in built
