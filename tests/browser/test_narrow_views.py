"""A chart that a phone's screen cannot show as drawn (a world map, a grid of 26 years) is drawn there
another way (ranked bars, a row a year), and again when the screen crosses that width."""

from __future__ import annotations

import pytest

from scripts.generator.charts import discover
from tools.browser import point_at, wait_for

NARROW = sorted(chart_id for chart_id, chart in discover().items() if chart.build_narrow)
MARKS = """() => [...document.querySelectorAll('.chart__view--drawn svg .role-mark')]
    .map((g) => g.getAttribute('class').split(' ')[0])"""


def drawn_marks(page, chart_id: str) -> set[str]:
    point_at(page, page.locator(".chart__view").first)
    wait_for(lambda: page.locator(".chart__view--drawn").count() == 1, what=f"{chart_id} drawn")
    return set(page.evaluate(MARKS))


def test_the_maps_and_the_grid_have_a_phones_drawing():
    assert {"map_refugees", "map_asylum_seekers", "recognition_rates_by_country"} <= set(NARROW)


@pytest.mark.parametrize("chart_id", NARROW)
def test_a_phone_gets_the_narrow_drawing_and_a_desktop_the_wide_one(browser, server, chart_id):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}charts/{chart_id}/", wait_until="networkidle")
        wide = drawn_marks(page, chart_id)
        wide_url = page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
        assert any(url.endswith(f"{chart_id}.light.vg.json") for url in wide_url)
        page.set_viewport_size({"width": 360, "height": 740})  # the window narrows: drawn again
        wait_for(
            lambda: any(
                url.endswith(f"{chart_id}.light.narrow.vg.json")
                for url in page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
            ),
            what=f"{chart_id}: the narrow spec loaded",
        )
        wait_for(
            lambda: page.locator('.chart__view--drawn[data-drawn="light-narrow"]').count() == 1,
            what=f"{chart_id}: drawn again for the phone",
        )
        narrow = set(page.evaluate(MARKS))
        if chart_id.startswith("map_"):
            assert "mark-shape" in wide and "mark-shape" not in narrow and "mark-rect" in narrow, (wide, narrow)
        # the key to the map's classes is for the map only
        key = page.locator(".chart__key")
        if key.count():
            assert key.first.is_visible() == ("mark-shape" in narrow)
    finally:
        context.close()
