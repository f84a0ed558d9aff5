"""The pages' sources: every chart a page names exists and every chart is used; tables get
their scrolling box when the page is built."""

from __future__ import annotations

import re

from scripts.generator import paths
from scripts.generator.charts import discover
from tests.conftest import ROOT

SHORTCODE = re.compile(r"<!--\s*md:chart\s+(\S+)\s*-->")


def page_sources() -> dict[str, str]:
    return {path.relative_to(ROOT).as_posix(): path.read_text() for path in sorted(paths.DOCS.rglob("*.md"))}


def test_every_chart_a_page_names_exists():
    charts = discover()
    for page, text in page_sources().items():
        for chart_id in SHORTCODE.findall(text):
            assert chart_id in charts, f"{page} names chart '{chart_id}', which has no file charts/{chart_id}.py"


def test_every_chart_is_used_by_a_page():
    used = {chart_id for text in page_sources().values() for chart_id in SHORTCODE.findall(text)}
    unused = set(discover()) - used
    assert not unused, f"charts no page uses: {sorted(unused)}"


def test_tables_get_their_scrolling_box_at_build_time():
    from scripts.generator.site_hooks import scroll_boxes

    html = (
        '<h2 id="a">Where they go<a class="headerlink" href="#a">&para;</a></h2><table><thead></thead></table>'
        "<table>\n<caption>Claims &amp; verdicts</caption></table>"
        '<table class="data-table"><caption>a chart\'s own</caption></table>'
    )
    boxed = scroll_boxes(html)
    regions = re.findall(
        r'<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="([^"]*)">'
        r'<div class="md-typeset__table"><table class="data-table">',
        boxed,
    )
    assert regions == ["Table 1, under: Where they go", "Table 2: Claims &amp; verdicts"]
    assert boxed.count("<table") == 3 and "<table>" not in boxed
    assert boxed.count("</div></div>") == 2
