"""Every page in a real browser (Debian's chromium through Playwright), as a reader
would see it: no console error, no failed request, no request to another host, and
every chart drawn with marks, on a phone and on a desktop, light and dark."""

from __future__ import annotations

import pytest

from tools.browser import DRAWN_IN_PALETTE, point_at, refuse_other_hosts, scroll_through, scroll_to, wait_until

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
MARKS = "svg .role-mark path, svg .role-mark rect, svg .role-mark line, svg .role-mark text"
# The tallest horizontal band of a chart's box with nothing drawn in it (a map
# of fixed shape in a box too high for it leaves one above and below).
EMPTY_BAND = """view => {
    const box = view.getBoundingClientRect();
    const spans = [...view.querySelectorAll("svg path:not(.background), svg rect:not(.background), svg line, svg text")]
        .map(mark => mark.getBoundingClientRect()).filter(rect => rect.width || rect.height)
        .map(rect => [rect.top - box.top, rect.bottom - box.top]).sort((a, b) => a[0] - b[0]);
    let reached = 0, gap = 0;
    for (const [top, bottom] of spans) { gap = Math.max(gap, top - reached); reached = Math.max(reached, bottom); }
    return Math.round(Math.max(gap, box.height - reached));
}"""


class Visit:
    """A page opened in a fresh context, with everything that went wrong recorded."""

    def __init__(self, browser, base_url, path, viewport, scheme):
        self.base_url = base_url
        self.problems: list[str] = []
        self.context = browser.new_context(viewport=viewport, color_scheme=scheme)
        refuse_other_hosts(self.context, base_url, self.problems)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(f"failed request: {request.url}"))
        self.page.on("response", self._response)
        self.page.goto(base_url + path, wait_until="networkidle")

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def close(self):
        self.context.close()


# Every page is swept once, light on a phone; one page of each kind (a story page, the maps'
# page, a chart's own page) in every view. `make bench` sweeps every page in all of them.
ONE_OF_EACH_KIND = ("", "where/", "charts/asylum_seekers_by_year/")
VIEWS = [("every page", "light", PHONE)] + [
    ("one of each kind", scheme, viewport)
    for scheme in ("light", "dark")
    for viewport in (PHONE, DESKTOP)
    if (scheme, viewport) != ("light", PHONE)
]


@pytest.mark.parametrize("pages, scheme, viewport", VIEWS, ids=[f"{p}-{s}-{v['width']}px" for p, s, v in VIEWS])
def test_every_page_loads_cleanly_with_its_charts_drawn(browser, server, site_pages, pages, viewport, scheme):
    assert set(ONE_OF_EACH_KIND) <= set(site_pages)
    for path in site_pages if pages == "every page" else ONE_OF_EACH_KIND:
        visit = Visit(browser, server, path, viewport, scheme)
        try:
            scroll_through(visit.page)
            charts = visit.page.locator(".chart__view")
            for index in range(charts.count()):
                chart = charts.nth(index)
                name = chart.evaluate("element => element.parentElement.id")
                assert "chart__view--drawn" in chart.get_attribute("class"), f"{path}: chart {name} not drawn"
                assert chart.locator(MARKS).count() > 0, f"{path}: chart {name} has no marks"
                svg_width = chart.locator("svg").first.bounding_box()["width"]
                assert svg_width <= viewport["width"], f"{path}: chart {name} is wider than the screen"
                assert svg_width >= 0.6 * chart.bounding_box()["width"], f"{path}: chart {name} does not fill its box"
                gap = chart.evaluate(EMPTY_BAND)
                assert gap <= 60, f"{path}: chart {name} leaves an empty band {gap}px high in its box"
            page_width = visit.page.evaluate("document.documentElement.scrollWidth")
            assert page_width <= viewport["width"], f"{path}: the page scrolls sideways ({page_width}px)"
            assert not visit.problems, f"{path or 'home'}: " + "; ".join(visit.problems)
        finally:
            visit.close()


def chart_colours(page) -> set[str]:
    return set(
        page.eval_on_selector_all(
            ".chart__view svg .role-axis-label text", "nodes => nodes.map(n => n.getAttribute('fill'))"
        )
    )


def test_charts_follow_the_palette_toggle(browser, server):
    visit = Visit(browser, server, "", DESKTOP, "light")
    try:
        scroll_through(visit.page)
        light = chart_colours(visit.page)
        assert light
        scheme = visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == "default"
        # The palette toggle cycles: system (light here) -> light -> dark.
        for _ in range(3):
            if visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
                break
            visit.page.locator("form[data-md-component=palette] label:visible").first.click(force=True)
        assert visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        wait_until(visit.page, DRAWN_IN_PALETTE)
        dark = chart_colours(visit.page)
        assert dark and not dark & light
        assert not visit.problems, "; ".join(visit.problems)
    finally:
        visit.close()


def test_charts_follow_the_system_dark_setting(browser, server):
    visit = Visit(browser, server, "", DESKTOP, "dark")
    try:
        assert visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    finally:
        visit.close()


def test_charts_are_visible_without_javascript(browser, server, site_pages):
    for path in site_pages:
        context = browser.new_context(viewport=PHONE, java_script_enabled=False)
        page = context.new_page()
        try:
            page.goto(server + path, wait_until="load")
            for index in range(page.locator(".chart__view").count()):
                view = page.locator(".chart__view").nth(index)
                scroll_to(view)
                image = view.locator(".chart__static--light img")
                image.wait_for(state="visible")
                wait_until(page, "img => img.complete && img.naturalWidth > 0", image.element_handle())
                box = image.bounding_box()
                assert box["width"] > 300 and box["height"] > 200, f"{path}: static chart {index} is too small"
                assert not view.locator(".chart__static--dark img").is_visible()
        finally:
            context.close()


def test_the_interactive_view_replaces_the_static_one_near_the_viewport(browser, server):
    visit = Visit(browser, server, "", PHONE, "light")
    try:
        last = visit.page.locator(".chart__view").last
        assert last.locator("picture").count() == 2, "the static drawing is there before scrolling"
        assert "chart__view--drawn" not in last.get_attribute("class"), "charts far below are not drawn yet"
        height_before = last.bounding_box()["height"]
        scroll_to(last)
        wait_until(visit.page, "el => el.classList.contains('chart__view--drawn')", arg=last.element_handle())
        # The static drawing stays (for print) but is hidden under the interactive one.
        assert last.locator("picture").count() == 2 and not last.locator("picture img").first.is_visible()
        assert last.locator(".chart__drawing svg .role-mark").count() > 0
        assert last.bounding_box()["height"] == height_before, "nothing shifts when the interactive view arrives"
        assert not visit.problems, "; ".join(visit.problems)
    finally:
        visit.close()


def test_a_chart_in_view_at_load_stays_static_until_the_reader_engages(browser, server):
    visit = Visit(browser, server, "charts/asylum_seekers_by_year/", DESKTOP, "light")
    try:
        loaded = visit.page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
        assert not any("vega" in url for url in loaded), "the runtime is not part of the first load"
        view = visit.page.locator(".chart__view")
        assert view.locator(".chart__static--light img").is_visible()
        point_at(visit.page, view)
        wait_until(visit.page, "() => document.querySelector('.chart__view').classList.contains('chart__view--drawn')")
        assert view.locator("svg .role-mark").count() > 0
        assert not visit.problems, "; ".join(visit.problems)
    finally:
        visit.close()


def test_a_wide_table_scrolls_in_its_own_box_with_the_keyboard(browser, server):
    """On a phone the decisions page's table of numbers is wider than the screen: it scrolls in
    the box the build made, which the keyboard reaches and scrolls, and it is
    styled as the theme styles tables; the theme adds no box of its own."""
    visit = Visit(browser, server, "decisions/", PHONE, "light")
    try:
        page = visit.page
        boxes = page.locator(".md-typeset__scrollwrap")
        assert boxes.count() == page.locator(".md-typeset__scrollwrap[tabindex='0'][aria-label]").count() >= 1
        box = boxes.first
        assert box.evaluate("box => box.scrollWidth > box.clientWidth"), "the table fits: pick a wider one"
        box.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        wait_until(page, "() => document.querySelector('.md-typeset__scrollwrap').scrollLeft > 0")
        # The same table without its class, beside it, is styled by the theme's own rules.
        looks = page.evaluate("""() => {
            const ours = document.querySelector('.md-typeset__scrollwrap table');
            const theirs = ours.cloneNode(true);
            theirs.removeAttribute('class');
            ours.parentNode.appendChild(theirs);
            const props = ['display', 'font-size', 'border-top-width', 'border-top-style', 'border-top-color',
                           'background-color', 'border-radius', 'max-width'];
            const cell = ['padding-left', 'padding-top', 'font-weight', 'text-align', 'vertical-align',
                          'border-top-width', 'min-width'];
            const look = (table) => [getComputedStyle(table), getComputedStyle(table.querySelector('th')),
                                     getComputedStyle(table.querySelector('td'))].map((s, i) =>
                (i ? cell : props).map(p => p + ': ' + s.getPropertyValue(p)));
            const result = [look(ours), look(theirs)];
            theirs.remove();
            return result;
        }""")
        assert looks[0] == looks[1]
        assert looks[0][0][3] == "border-top-style: solid"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert not visit.problems, "; ".join(visit.problems)
    finally:
        visit.close()


def test_the_sweeps_refuse_and_report_a_request_to_another_host(browser, server):
    """The check every sweep relies on, behind the pages' own policy (bypassed here, as a page whose
    policy failed would be): a request off the site's origin (the same server by another name, so
    nothing leaves the machine) is refused and reported; the site's own pass."""
    other = server.replace("127.0.0.1", "localhost")
    context = browser.new_context(bypass_csp=True)
    problems: list[str] = []
    refuse_other_hosts(context, server, problems)
    try:
        page = context.new_page()
        page.goto(server + "about/")
        statuses = page.evaluate(
            """async ([own, other]) => Promise.all([own, other].map(url =>
                 fetch(url).then(response => response.status, () => 'refused')))""",
            [server + "about/", other + "about/"],
        )
        assert statuses == [200, "refused"]
        assert problems == [f"request off the site's origin: {other}about/"]
    finally:
        context.close()
