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
