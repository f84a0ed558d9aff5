"""Tooltips as a reader gets them: hover a mark on a desktop, tap one on a phone, in every chart, and
read that mark's values in a box that is on the page and inside the window."""

from __future__ import annotations

import re

import pytest

from tools.browser import scroll_to, wait_for

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# A point on the screen where a reader gets a tooltip: well inside a mark (the same mark under
# points a pixel and a half around it), the middle of the drawing first, where a pointer moved
# there shows one (probed in the page with a synthetic move, then put away); and what it shows.
FIND_MARK = """() => {
    const box = () => document.querySelector(".chart__tooltip");
    const view = document.querySelector(".chart__view svg").getBoundingClientRect();
    const cx = view.left + view.width / 2, cy = view.top + view.height / 2, points = [];
    for (let x = Math.ceil(view.left) + 4; x < view.right - 4; x += 3)
        for (let y = Math.ceil(view.top) + 4; y < Math.min(view.bottom, innerHeight) - 4; y += 3)
            points.push([x, y]);
    points.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
    for (const [x, y] of points) {
        const el = document.elementFromPoint(x, y);
        if (!el || !el.closest(".role-mark") || !el.__data__) continue;
        if (![[-1.5, 0], [1.5, 0], [0, -1.5], [0, 1.5]].every(([dx, dy]) => document.elementFromPoint(x + dx, y + dy) === el)) continue;
        el.dispatchEvent(new PointerEvent("pointermove", { bubbles: true, clientX: x, clientY: y }));
        if (box() && !box().hidden) {
            const text = box().innerText;
            el.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, clientX: x, clientY: y }));
            return { x, y, text, hidden: box().hidden };
        }
    }
    return null;
}"""

SHOWN = """() => {
    const box = document.querySelector(".chart__tooltip");
    if (!box || !box.isConnected || box.hidden) return null;
    const rect = box.getBoundingClientRect();
    return { text: box.innerText, left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom,
             width: innerWidth, height: innerHeight, visible: getComputedStyle(box).visibility };
}"""


def open_chart(browser, server, chart_id: str, viewport: dict, touch: bool):
    context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.goto(f"{server}charts/{chart_id}/", wait_until="networkidle")
    view = page.locator(".chart__view").first
    scroll_to(view)
    box = view.bounding_box()
    if touch:  # the reader touches the chart: the interactive view is drawn
        page.touchscreen.tap(box["x"] + 2, box["y"] + 2)
    else:
        page.mouse.move(box["x"] + 2, box["y"] + 2)
    wait_for(lambda: page.locator(".chart__view--drawn").count() == 1, what=f"{chart_id} drawn")
    return context, page


def check_tooltip(page, chart_id: str, csv: str, shown_by: str):
    mark = page.evaluate(FIND_MARK)
    assert mark, f"{chart_id}: no point of the drawing where a pointer gets a tooltip"
    assert mark["hidden"], f"{chart_id}: the tooltip stays when the pointer leaves the mark"
    if shown_by == "tap":
        page.touchscreen.tap(mark["x"], mark["y"])
    else:
        page.mouse.move(mark["x"], mark["y"])
    wait_for(lambda: page.evaluate(SHOWN) is not None, what=f"{chart_id}: a tooltip after a {shown_by}")
    shown = page.evaluate(SHOWN)
    assert shown["text"] == mark["text"], f"{chart_id}: {shown['text']!r}, not the mark's {mark['text']!r}"
    # The values are the data: the published tables hold the mark's year, and a count or rank it shows
    # (a tooltip may add a total or a share computed from them).
    numbers = [token.replace(",", "") for token in re.findall(r"\d[\d,]*(?:\.\d+)?%?", shown["text"])]
    whole = [number for number in numbers if number.isdigit()]
    years = [number for number in whole if 1990 <= int(number) <= 2100]

    def in_csv(number: str) -> bool:
        return re.search(rf"(?<![\d.]){number}(?![\d.])", csv) is not None

    assert all(in_csv(year) for year in years), (chart_id, shown)
    assert any(in_csv(number) for number in whole if number not in years), (chart_id, shown)
    inside = 0 <= shown["left"] and 0 <= shown["top"] and shown["right"] <= shown["width"]
    assert inside and shown["bottom"] <= shown["height"], f"{chart_id}: the tooltip leaves the window: {shown}"
    assert shown["visible"] == "visible"


@pytest.fixture(scope="module")
def charts(built_site) -> dict[str, str]:
    """Each chart's id, and its data download (CSV) followed by the derived tables the site publishes
    (a tooltip may show a column of the chart's table that it does not draw)."""
    tables = "\n".join(path.read_text(encoding="utf-8") for path in sorted((built_site / "data").glob("*.csv")))
    charts = sorted((built_site / "assets" / "charts").glob("*.csv"))
    return {path.stem: path.read_text(encoding="utf-8") + "\n" + tables for path in charts}


@pytest.mark.parametrize("shown_by, viewport", [("hover", DESKTOP), ("tap", PHONE)], ids=["desktop-hover", "phone-tap"])
def test_every_chart_shows_a_marks_values_in_a_tooltip(browser, server, charts, shown_by, viewport):
    assert len(charts) >= 10
    for chart_id, csv in charts.items():
        context, page = open_chart(browser, server, chart_id, viewport, touch=shown_by == "tap")
        try:
            check_tooltip(page, chart_id, csv, shown_by)
            if shown_by == "tap":  # a tap elsewhere (the chart's title) puts it away
                title = page.locator(".chart__title").first.bounding_box()
                page.touchscreen.tap(title["x"] + 4, title["y"] + title["height"] / 2)
                wait_for(lambda: page.evaluate(SHOWN) is None, what=f"{chart_id}: the tooltip put away")
        finally:
            context.close()


def test_the_keyboard_reaches_every_chart_and_reads_its_marks_in_tooltips(browser, server, charts):
    """Tab to the drawing: it shows the first mark's tooltip; the arrow keys step to others; Escape
    puts it away; leaving the drawing does too."""
    for chart_id, csv in charts.items():
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        try:
            page.goto(f"{server}charts/{chart_id}/", wait_until="networkidle")
            for _ in range(40):
                page.keyboard.press("Tab")
                if page.evaluate("() => document.activeElement.classList.contains('chart__view')"):
                    break
            else:
                pytest.fail(f"{chart_id}: Tab never reaches the drawing")
            wait_for(lambda: page.evaluate(SHOWN) is not None, what=f"{chart_id}: a tooltip on focus")
            first = page.evaluate(SHOWN)
            page.keyboard.press("End")
            wait_for(lambda: (page.evaluate(SHOWN) or first)["text"] != first["text"], what=f"{chart_id}: End")
            last = page.evaluate(SHOWN)
            page.keyboard.press("ArrowLeft")
            wait_for(lambda: (page.evaluate(SHOWN) or last)["text"] != last["text"], what=f"{chart_id}: ArrowLeft")
            for shown in (first, last, page.evaluate(SHOWN)):
                assert 0 <= shown["left"] and shown["right"] <= shown["width"], (chart_id, shown)
                assert 0 <= shown["top"] and shown["bottom"] <= shown["height"], (chart_id, shown)
                years = [year for year in re.findall(r"\b(?:19|20)\d\d\b", shown["text"])]
                assert all(re.search(rf"(?<![\d.]){year}(?![\d.])", csv) for year in years), (chart_id, shown)
            page.keyboard.press("Escape")
            wait_for(lambda: page.evaluate(SHOWN) is None, what=f"{chart_id}: Escape")
            page.keyboard.press("ArrowRight")
            wait_for(lambda: page.evaluate(SHOWN) is not None, what=f"{chart_id}: ArrowRight after Escape")
            page.keyboard.press("Tab")
            wait_for(lambda: page.evaluate(SHOWN) is None, what=f"{chart_id}: the focus leaves the drawing")
        finally:
            context.close()


NEIGHBOURS = """() => {
    const item = el => { const d = el.__data__; return Array.isArray(d) ? d[0] : d; };
    const points = [...document.querySelectorAll(".chart__view svg .mark-symbol.role-mark path")]
        .filter(el => item(el) && item(el).tooltip);
    if (points.length < 4) return null;
    const middle = Math.floor(points.length / 2);
    return points.slice(middle, middle + 2).map(el => {
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, tooltip: item(el).tooltip };
    });
}"""


NEAREST = """([x0, y0]) => {
    const item = el => { const d = el.__data__; return Array.isArray(d) ? d[0] : d; };
    let best = null, distance = Infinity;
    for (const el of document.querySelectorAll(".chart__view svg .mark-symbol.role-mark path")) {
        if (!item(el) || !item(el).tooltip) continue;
        const r = el.getBoundingClientRect();
        const d = Math.hypot(r.left + r.width / 2 - x0, r.top + r.height / 2 - y0);
        if (d < distance) { distance = d; best = item(el).tooltip; }
    }
    return best;
}"""


FAR_FROM_POINTS = """([x0, y0]) => {
    const view = document.querySelector(".chart__view svg").getBoundingClientRect();
    const centres = [...document.querySelectorAll(".chart__view svg .mark-symbol.role-mark path")].map(el => {
        const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];
    });
    for (let y = view.top + 10; y < view.bottom - 10; y += 10) {
        if (centres.every(([cx, cy]) => Math.abs(cx - x0) > 40 || Math.abs(cy - y) > 80)) return [x0, y];
    }
    return null;
}"""


def test_between_the_points_of_a_line_the_nearest_point_shows(browser, server, charts):
    """A reader's pointer rarely lands on a line's point: most of the way to the next one, a little off
    the line, the nearer point's tooltip shows; far from the line, none."""
    lines = 0
    for chart_id in charts:
        context, page = open_chart(browser, server, chart_id, DESKTOP, touch=False)
        try:
            pair = page.evaluate(NEIGHBOURS)
            if pair is None:
                continue
            lines += 1
            (a, b) = pair
            x, y = a["x"] + (b["x"] - a["x"]) * 0.4, a["y"] + (b["y"] - a["y"]) * 0.4 - 8  # just off the line
            page.mouse.move(x, y, steps=4)
            wait_for(lambda: page.evaluate(SHOWN) is not None, what=f"{chart_id}: a tooltip between two points")
            text = page.evaluate(SHOWN)["text"]
            # the nearest point of any line (where lines run close together, it can be another line's)
            nearest = page.evaluate(NEAREST, [x, y])
            assert all(str(value) in text for value in nearest.values()), (chart_id, text, nearest)
            # A point of the drawing far from every line's points (more than 30 px across or 60 up or down).
            far = page.evaluate(FAR_FROM_POINTS, [x, y])
            assert far, f"{chart_id}: no place in the drawing far from its points"
            page.mouse.move(far[0], far[1], steps=4)
            wait_for(lambda: page.evaluate(SHOWN) is None, what=f"{chart_id}: no tooltip far from the line")
        finally:
            context.close()
    assert lines >= 3, "the line charts draw their points"
