"""Every published page, as built: the site's own markup passes the page rules, and every page
carries its policies and holds nothing the finished-HTML pass refuses."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from scripts.generator.finished_html import check_tree
from scripts.generator.page_safety import check_html


def test_the_sites_own_chart_markup_passes_the_rendered_html_check(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    article = home[home.index("<article") : home.index("</article>")]
    assert 'class="chart"' in article
    assert check_html(article) == []


def test_every_published_page_passes_the_finished_html_checks(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        policy = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
        assert policy is not None, f"{path.relative_to(built_site)} has no Content-Security-Policy"
        page = path.relative_to(built_site).as_posix()
        assert check_tree(tree, page, built_site, policy=policy.attributes["content"]) == [], page


def test_no_page_links_to_a_placeholder_repository(built_site):
    """A local build has no "Edit this page" link; none points at a typed-in or placeholder address."""
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert "OWNER/REPO" not in html, path
        assert 'rel="edit"' not in html, path


def test_the_deploy_gives_the_edit_links_their_repository(monkeypatch):
    import yaml

    from tests.conftest import ROOT, load_mkdocs_config

    monkeypatch.setenv("EDIT_URI", "https://github.com/example/site/edit/main/docs/")
    assert load_mkdocs_config()["edit_uri"] == "https://github.com/example/site/edit/main/docs/"
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = [step for job in deploy["jobs"].values() for step in job["steps"]]
    build = next(step for step in steps if step.get("run") == "make site")
    assert build["env"]["EDIT_URI"] == "${{ github.server_url }}/${{ github.repository }}/edit/${{ github.ref_name }}/docs/"
