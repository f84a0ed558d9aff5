"""Page checks: the strict build passes, every chart and figure a page names exists,
every chart is used, and a broken page stops the build naming the page and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.generator import paths
from scripts.generator.charts import discover
from tests.conftest import ROOT, load_mkdocs_config, mkdocs_build

SHORTCODE = re.compile(r"<!--\s*md:chart\s+(\S+)\s*-->")


def page_sources() -> dict[str, str]:
    return {path.relative_to(ROOT).as_posix(): path.read_text() for path in sorted(paths.DOCS.rglob("*.md"))}




def test_the_strict_build_passes_and_charts_are_in_the_pages(built_site):
    home = (built_site / "index.html").read_text()
    assert home.count('class="chart"') >= 3
    assert "{{" not in home and "md:chart" not in home
    for chart_id in discover():
        for scheme in ("light", "dark"):
            assert (built_site / "assets" / "charts" / f"{chart_id}.{scheme}.vg.json").is_file()
    assert (built_site / "assets" / "vendor" / "vega.min.js").is_file()


def test_every_page_credits_the_source(built_site, site_pages):
    for page in site_pages:
        html = (built_site / page / "index.html").read_text()
        assert "Source: UNHCR Refugee Data Finder" in html, f"{page or 'home'} does not credit UNHCR"


def test_no_page_loads_anything_from_another_host(built_site):
    loads = re.compile(r"<(?:script|img|iframe|link|source|video|audio)\b[^>]*?(?:src|href)=[\"']?(?:https?:)?//", re.I)
    for path in built_site.rglob("*.html"):
        found = loads.findall(path.read_text())
        assert not found, f"{path.relative_to(built_site)} loads from another host: {found[:3]}"
    for path in built_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*[\"']?https?:|fonts\.googleapis", path.read_text()), path


def test_derived_tables_are_offered_as_downloads(built_site):
    from scripts.story.derive import DERIVED_TABLES

    for name in DERIVED_TABLES:
        download = built_site / "data" / f"{name}.csv"
        assert download.is_file(), f"no download for {name}"
        assert download.read_text().splitlines()[0] == ",".join(DERIVED_TABLES[name].columns)


# The faults a page can have (unknown chart, figure, shortcode, table; broken links) are rows of
# tests/faults.py, built one at a time in one copy of the project by tests/test_faults.py.


def config_with_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(paths.DOCS, docs)
    config = load_mkdocs_config()
    config["docs_dir"] = str(docs)
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config.pop("watch", None)
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def test_shortcodes_inside_code_blocks_are_left_as_written(tmp_path):
    config = config_with_docs(tmp_path)
    page = tmp_path / "docs" / "methodology.md"
    page.write_text(page.read_text() + "\n```markdown\n<!-- md:chart no_such_chart --> and {{ no_such_figure }}\n```\n")
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "{{ no_such_figure }}" in (tmp_path / "site" / "methodology" / "index.html").read_text()


def test_an_unused_chart_is_reported(tmp_path):
    config = config_with_docs(tmp_path)
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text().replace("<!-- md:chart asylum_seekers_by_year -->", ""))
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0
    assert "chart 'asylum_seekers_by_year' (charts/asylum_seekers_by_year.py) is not used by any page" in result.stderr



def test_every_table_has_a_class_and_page_tables_a_named_box(built_site, site_pages):
    """The theme's script wraps, in the reader's browser, each table without a
    class; the build does it instead, so every table has one. A page table can be
    scrolled with the keyboard and is named, uniquely, for screen readers."""
    tables = 0
    for path in site_pages:
        html = (built_site / path / "index.html").read_text()
        assert not re.search(r"<table(?![^>]*\bclass=)", html), f"{path or 'home'}: a table without a class"
        names = re.findall(
            r'<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="([^"]+)">'
            r'<div class="md-typeset__table"><table',
            html,
        )
        in_charts = len(re.findall(r'<div class="chart__table" tabindex="0" role="region"[^>]*><table', html))
        in_explainers = len(re.findall(r'<div class="explainer__scroll" tabindex="0" role="region"[^>]*><table', html))
        assert len(names) + in_charts + in_explainers == html.count("<table"), f"{path or 'home'}: a table outside any scrolling box"
        assert len(set(names)) == len(names), f"{path or 'home'}: two tables share a name"
        tables += len(names)
    assert tables >= 5


def test_every_story_page_ends_with_the_previous_and_the_next_page_in_reading_order(built_site):
    """The pages of the navigation, read in order: each links back to the one before and on to the one after."""
    config = load_mkdocs_config()
    order = [next(iter(item.values())) for item in config["nav"]]
    folders = ["" if page == "index.md" else page.removesuffix(".md") + "/" for page in order]
    for number, folder in enumerate(folders):
        html = (built_site / folder / "index.html").read_text(encoding="utf-8")
        links = dict(
            (kind, href)
            for href, kind in re.findall(r'<a href="([^"]*)" class="md-footer__link md-footer__link--(prev|next)"', html)
        )
        expected = {}
        if number > 0:
            expected["prev"] = folders[number - 1]
        if number < len(folders) - 1:
            expected["next"] = folders[number + 1]
        resolved = {kind: _resolve(folder, href) for kind, href in links.items()}
        assert resolved == expected, (folder or "home", links)


def _resolve(folder: str, href: str) -> str:
    """A relative link from the page in `folder` to the folder it opens ("" for the home page)."""
    parts = [part for part in folder.split("/") if part]
    for part in href.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts) + ("/" if parts else "")


def test_a_table_of_sentences_is_stacked_on_a_phone_with_each_cell_named_and_a_table_of_numbers_is_not(built_site):
    from selectolax.lexbor import LexborHTMLParser

    methodology = LexborHTMLParser((built_site / "methodology" / "index.html").read_text())
    register = methodology.css_first('[aria-label="Table 2, under: Breaks in the series"] table')
    assert "data-table--stacked" in register.attributes["class"].split()
    headers = [" ".join(th.text().split()) for th in register.css("thead th")]
    assert headers[0] == "Break" and len(headers) == 3
    rows = register.css("tbody tr")
    assert len(rows) > 10
    for row in rows:
        assert [td.attributes.get("data-label") for td in row.css("td")] == headers
    where = LexborHTMLParser((built_site / "where" / "index.html").read_text())
    numbers = where.css("table.data-table")
    assert numbers and not [t for t in numbers if "data-table--stacked" in t.attributes["class"]]
