"""Every word of every chart readable: no text cut off at the edge of its drawing, none on top of
other text, in the static drawings (each SVG file opened as a document at its own width, the
downloads included) and in the interactive views at a small phone's, a phone's, a large phone's and
a desktop's width. The browser lays the text out in its own font, as a reader's would."""

from __future__ import annotations

import re

import pytest

from tools.browser import point_at, wait_for
from tools.chart_text import text_problems

WIDTHS = (320, 360, 412, 1280)


def svg_width(path) -> int:
    return round(float(re.search(r'<svg[^>]*?\swidth="([\d.]+)', path.read_text(encoding="utf-8")).group(1)))


def test_the_checker_finds_text_cut_off_and_text_on_text_but_not_text_vega_hid(browser):
    page = browser.new_page(viewport={"width": 200, "height": 160})
    try:
        page.set_content(
            '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="160" style="font: 12px sans-serif">'
            '<text x="150" y="20">cut at the right</text>'
            '<text x="10" y="50">one label</text><text x="20" y="52">another</text>'
            '<text x="10" y="90" opacity="0">hidden</text><text x="12" y="90">shown</text>'
            '<g opacity="0"><text x="14" y="90">hidden too</text></g>'
            '<text x="120" y="66">apart</text>'  # well clear of every other label, in any font
            # rotated side by side: the boxes around them overlap, the labels do not
            '<text transform="translate(40,150) rotate(-40)">rotated one</text>'
            '<text transform="translate(70,150) rotate(-40)">rotated two</text>'
            # rotated on top of each other
            '<text transform="translate(120,150) rotate(-40)">close one</text>'
            '<text transform="translate(126,150) rotate(-40)">close two</text></svg>'
        )
        problems = text_problems(page, "svg")
    finally:
        page.close()
    assert len(problems) == 3, problems
    assert problems[0].startswith('"cut at the right" is cut off at the right')
    assert problems[1].startswith('"one label" and "another" overlap')
    assert problems[2].startswith('"close one" and "close two" overlap')


def test_no_static_drawing_cuts_off_or_overlaps_its_text(browser, server, built_site):
    drawings = sorted((built_site / "assets" / "charts").glob("*.svg"))
    assert len(drawings) >= 13 * 5  # per chart: light and dark, narrow and wide, and the download
    found = []
    for path in drawings:
        page = browser.new_page(viewport={"width": svg_width(path), "height": 600})
        try:
            page.goto(f"{server}assets/charts/{path.name}")
            found += [f"{path.name}: {problem}" for problem in text_problems(page, ":root")]
        finally:
            page.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_interactive_view_cuts_off_or_overlaps_its_text(browser, server, built_site, width):
    charts = sorted(path.name for path in (built_site / "charts").iterdir() if path.is_dir())
    assert len(charts) >= 13
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found = []
    try:
        for chart_id in charts:
            page.goto(f"{server}charts/{chart_id}/", wait_until="networkidle")
            point_at(page, page.locator(".chart__view").first)  # the reader points at it: it is drawn
            wait_for(lambda: page.locator(".chart__view--drawn").count() == 1, what=f"{chart_id} drawn")
            found += [f"{chart_id}: {problem}" for problem in text_problems(page, ".chart__view--drawn svg")]
    finally:
        context.close()
    assert not found, "\n".join(found)
