"""Who publishes the site, how to cite it, its licence and its dates, on the built pages.

Two builds: the session's own (`make site` with no publisher's settings, as a contributor's copy)
and one with test values as the deploy passes them (scripts/generator/publisher.py)."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scripts.generator import publisher
from scripts.generator.charts import discover
from tests.conftest import ROOT, load_mkdocs_config, nav_pages

REPOSITORY = "https://github.com/testorg/testsite"
SITE_URL = "https://testorg.github.io/testsite/"
KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGTestKeyAAAB\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----"
DEPLOY = {
    "SITE_PUBLISHER": "Test Desk",
    "SITE_EDITORS": "Ada Editor; Bo Checker",
    "SITE_CONTACT_EMAIL": "desk@news.test",
    "SITE_SAFE_CONTACT_EMAIL": "safe@news.test",
    "SITE_SAFE_CONTACT_KEY": KEY,
    "SITE_REPOSITORY_URL": REPOSITORY,
    "SITE_URL": SITE_URL,
    "EDIT_URI": f"{REPOSITORY}/edit/main/docs/",
}
# Placeholders as the issue found them, and unrendered template text.
LEFT_OVER = re.compile(r"\bOWNER\b|\bREPO\b|\{\{|\}\}|\{%|%\}")


@pytest.fixture(scope="module")
def deployed_site(tmp_path_factory) -> Path:
    """The site as the deploy builds it, with test values for every setting."""
    site = tmp_path_factory.mktemp("deployed")
    environ = {name: value for name, value in os.environ.items() if name not in publisher.VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "scripts.generator.build_site", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environ | DEPLOY | {"NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def tree(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page / "index.html").read_text(encoding="utf-8"))


def text(node) -> str:
    return " ".join(node.text(separator=" ").replace("¶", "").split()) if node is not None else ""


def git_days(path: Path) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and the last commit day of a file, asked of git here, apart from the build."""
    result = subprocess.run(["git", "log", "--format=%cs", "--", str(path)], cwd=ROOT, capture_output=True, text=True)
    days = [datetime.date.fromisoformat(line) for line in result.stdout.split()] if result.returncode == 0 else []
    return (days[-1], days[0]) if days else (None, None)


def written(day: datetime.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def test_the_deployed_site_names_its_publisher_editors_and_both_addresses(deployed_site):
    about = tree(deployed_site, "about")
    body = text(about.body)
    assert "published by Test Desk" in body and "Editors: Ada Editor, Bo Checker" in body
    mails = {node.attributes["href"] for node in about.css('a[href^="mailto:"]')}
    assert mails == {"mailto:desk@news.test", "mailto:safe@news.test"}
    key_link = about.css_first('a[href$="contact-key.asc"]')
    assert key_link is not None and (deployed_site / "contact-key.asc").read_text().strip() == KEY
    report = about.css_first('a[href$="/issues/new"]')
    assert report is not None and report.attributes["href"] == f"{REPOSITORY}/issues/new"
    assert "has no publisher's details" not in body


def test_the_deployed_site_leaves_no_placeholder_and_links_only_to_its_own_repository(deployed_site):
    pages = sorted(deployed_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        shown = text(page.body)
        assert not LEFT_OVER.search(shown), (path, LEFT_OVER.search(shown).group(0))
        for node in page.css("[href], [src]"):
            address = node.attributes.get("href") or node.attributes.get("src") or ""
            assert not LEFT_OVER.search(address), (path, address)
            if "github.com" in address and re.search(r"/(edit|issues)/", address):  # the site's own links
                assert address.startswith(REPOSITORY + "/"), (path, address)
        assert page.css_first(".publisher-missing-banner") is None, path
    for page in nav_pages():
        edit = tree(deployed_site, page).css_first('a[rel~="edit"]')
        source = "index.md" if page == "" else page.rstrip("/") + ".md"
        assert edit is not None and edit.attributes["href"] == f"{REPOSITORY}/edit/main/docs/{source}", page


def test_the_deployed_citations_name_the_publisher_and_the_pages_address(deployed_site):
    for page in nav_pages():
        citation = text(tree(deployed_site, page).css_first(".citation"))
        assert citation.startswith("How to cite this page Test Desk."), (page, citation)
        assert f" {SITE_URL}{page} " in citation, (page, citation)
    chart_id = sorted(discover())[0]
    citation = text(tree(deployed_site, f"charts/{chart_id}").css_first(".citation"))
    assert "Test Desk" in citation and f" {SITE_URL}charts/{chart_id}/ " in citation


def test_a_copy_built_without_the_settings_says_so_on_every_page_and_links_nowhere_it_should_not(built_site):
    for page in nav_pages():
        html = tree(built_site, page)
        banner = html.css_first(".publisher-missing-banner")
        assert banner is not None and "without its publisher's details" in text(banner), page
        assert "[publisher not set in this copy]" in text(html.css_first(".citation")), page
        assert not html.css('a[href^="mailto:"]'), page
        assert not [node for node in html.css("a[href]") if LEFT_OVER.search(node.attributes["href"])], page
    about = text(tree(built_site, "about").body)
    assert "This copy of the site has no publisher's details" in about
    for name in publisher.REQUIRED:
        assert name in about
    assert "no link to the issue tracker" in about
    assert not (built_site / "contact-key.asc").exists()


def test_every_page_and_chart_page_has_a_citation_the_licence_and_the_datas_own_credit(built_site):
    config = load_mkdocs_config()
    targets = [(page, "page") for page in nav_pages()] + [(f"charts/{chart_id}", "chart") for chart_id in discover()]
    for page, what in targets:
        html = tree(built_site, page)
        citation = html.css_first(".citation")
        assert citation is not None, page
        said = text(citation)
        assert said.startswith(f"How to cite this {what}"), (page, said)
        assert f"“{text(html.css_first('h1'))}”" in said, (page, said)
        assert config["site_name"] in said
        licence = citation.css_first('a[rel~="license"]')
        assert licence is not None and text(licence) == "CC BY 4.0", page
        assert licence.attributes["href"] == "https://creativecommons.org/licenses/by/4.0/"
        assert "Source: UNHCR Refugee Data Finder" in said, page  # the data keeps its own attribution


def test_every_page_shows_its_publication_and_last_update_from_git_history(built_site):
    for page in nav_pages():
        source = ROOT / "docs" / ("index.md" if page == "" else page.rstrip("/") + ".md")
        first, last = git_days(source)
        html = tree(built_site, page)
        dates = html.css_first(".page-dates")
        citation = text(html.css_first(".citation"))
        if first is None:  # built without history: no date is invented
            assert dates is None and "no date" in citation, page
            continue
        times = [node.attributes["datetime"] for node in dates.css("time")]
        assert times == ([first.isoformat()] if first == last else [first.isoformat(), last.isoformat()]), page
        assert f"Published {written(first)}" in citation, page
        if first != last:
            assert f"updated {written(last)}" in citation, page
        # the dates come under the headline: after the standfirst when there is one
        anchor = html.css_first("p.standfirst") or html.css_first("h1")
        assert anchor.next is not None
        following = anchor.next
        while following is not None and following.tag == "-text":
            following = following.next
        assert following is not None and "page-dates" in (following.attributes.get("class") or ""), page


def test_the_deploy_checks_the_settings_before_it_builds_and_passes_them_to_the_build():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name", "") for step in steps]
    check = steps[names.index("Check the publisher's details")]
    build = steps[names.index("Build the site")]
    assert names.index("Check the publisher's details") < names.index("Build the site")
    assert check["run"] == "python3 -m scripts.generator.publisher"
    for name in (*publisher.REQUIRED, *publisher.OPTIONAL):
        assert check["env"][name] == build["env"][name] == f"${{{{ vars.{name} }}}}", name
    repository = "${{ github.server_url }}/${{ github.repository }}"
    assert check["env"][publisher.REPOSITORY] == build["env"][publisher.REPOSITORY] == repository
