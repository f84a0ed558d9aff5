"""Story pages read like an article: no left navigation or table of contents from 1220 px (the tabs lead
to the other pages), the site's title whole on a phone, and the home page's story on its first screen."""

from __future__ import annotations

import pytest

from tests.conftest import load_mkdocs_config, nav_pages

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
KEEPS_ITS_CONTENTS = {"methodology/", "about/"}  # reference pages, not the story, keep their contents
VISIBLE = "(selector) => { const e = document.querySelector(selector); if (!e) return false; const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden' && r.width > 0 && r.height > 0; }"


@pytest.fixture(scope="module")
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("page_path", nav_pages())
def test_no_left_navigation_and_no_contents_at_1220_px_and_wider_but_tabs(desktop, server, page_path):
    for width in (1220, 1280):
        desktop.set_viewport_size({"width": width, "height": 800})
        desktop.goto(server + page_path, wait_until="load")
        assert not desktop.evaluate(VISIBLE, ".md-sidebar--primary"), f"{page_path or 'home'}: left navigation"
        assert desktop.evaluate(VISIBLE, ".md-tabs"), f"{page_path or 'home'}: no tabs at {width} px"
        contents = desktop.evaluate(VISIBLE, ".md-sidebar--secondary")
        assert contents == (page_path in KEEPS_ITS_CONTENTS), f"{page_path or 'home'}: table of contents {contents}"
        # the text keeps a reading measure: no line of a paragraph longer than about 90 characters' width
        widest = desktop.evaluate(
            "Math.max(...[...document.querySelectorAll('.md-content p')].map(p => p.clientWidth))"
        )
        assert widest <= 840 or page_path in KEEPS_ITS_CONTENTS, (page_path, widest)


def test_the_sites_title_is_whole_on_a_360_px_phone(phone, server):
    for page_path in ("", "china-among-origins/"):
        phone.goto(server + page_path, wait_until="load")
        title = phone.locator(".md-header__topic .md-ellipsis").first
        sizes = title.evaluate(
            "(e) => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight, e.textContent.trim()]"
        )
        assert sizes[4] == load_mkdocs_config()["site_name"]
        assert sizes[0] <= sizes[1] and sizes[2] <= sizes[3], f"the title is cut: {sizes}"
        box = title.bounding_box()
        header = phone.locator(".md-header").bounding_box()
        assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]


def boxes(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries(['h1', '.md-content p.standfirst', '.md-content figure.chart'].map((s) => {
            const r = document.querySelector(s).getBoundingClientRect();
            return [s, {top: r.top + scrollY, bottom: r.bottom + scrollY}];
        }))"""
    )


def test_the_home_page_has_its_headline_standfirst_and_main_chart_on_the_first_desktop_screen(desktop, server):
    desktop.set_viewport_size(DESKTOP)
    desktop.goto(server, wait_until="load")
    found = boxes(desktop)
    assert found["h1"]["bottom"] <= DESKTOP["height"]
    assert found[".md-content p.standfirst"]["bottom"] <= DESKTOP["height"]
    assert found[".md-content figure.chart"]["top"] < DESKTOP["height"] - 100, "the chart's top is not on screen"


def test_the_home_page_has_its_headline_and_standfirst_on_a_phones_first_screen_and_its_chart_by_the_second(
    phone, server
):
    phone.goto(server, wait_until="load")
    found = boxes(phone)
    assert found[".md-content p.standfirst"]["bottom"] <= PHONE["height"]
    assert found[".md-content figure.chart"]["top"] < 2 * PHONE["height"] - 200
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_table_of_sentences_reads_a_row_at_a_time_on_a_phone(phone, server):
    phone.goto(server + "methodology/", wait_until="load")
    table = phone.locator('[aria-label="Table 2, under: Breaks in the series"] table')
    found = table.evaluate(
        """(t) => ({display: getComputedStyle(t.querySelector('td')).display,
                   label: getComputedStyle(t.querySelector('td'), '::before').content,
                   wide: t.scrollWidth <= t.clientWidth + 1,
                   head: t.querySelector('thead').getBoundingClientRect().height})"""
    )
    assert found["display"] == "block" and found["label"] == '"Break"' and found["wide"], found
    assert found["head"] <= 1  # the header row is for screen readers only
