"""A real browser for tests and screenshots: Debian's chromium driven by Playwright.

Playwright cannot download its own browsers here, so it launches the system
chromium (`CHROMIUM` overrides the path). The site is served from a folder on
the loopback interface, as GitHub Pages would serve it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Shared memory in /tmp, not /dev/shm: a container's /dev/shm is 64 MB (Docker's default, and so
    # the workflows' debian:bookworm), which a page printed to PDF or a long sweep can fill, crashing the tab.
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError(
            "chromium is not installed: run `make test` (it installs Debian's chromium) or `apt-get install chromium`"
        )
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve `directory` on 127.0.0.1 on a free port; yields the base URL ending in '/'."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    with serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as base_url:
        yield base_url


@contextlib.contextmanager
def serving(server: http.server.HTTPServer):
    """Run `server` in a background thread; yields its base URL ending in '/'."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# The font the site's Latin text is drawn in on every machine the site is tested on: vl-convert
# lays the static drawings out with its own copy, and fontconfig gives it to chromium for the
# theme's Helvetica and Arial once the Makefile's DEBIAN_FONTS are installed.
SITE_FONT = "Liberation Sans"


def site_font_packages() -> str:
    """The Debian packages `make fonts` installs, as the Makefile lists them (its one list)."""
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    return re.search(r"^DEBIAN_FONTS\s*:=\s*(.+)$", makefile, re.M).group(1).strip()


@contextlib.contextmanager
def launch_chromium():
    from playwright.sync_api import sync_playwright

    try:
        playwright = sync_playwright().start()
    except Exception as error:  # its message ("Connection closed while reading from the driver") names no cause
        raise RuntimeError(
            f"Playwright's driver did not start ({error}): on Debian it needs libatomic1 (`make test` installs it)"
        ) from error
    try:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            require_site_font(browser)
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


def fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts chromium actually draws an element's own text with (family: glyphs), as its
    developer tools report them: what a font-family list resolved to on this machine."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise LookupError(f"no element matches {selector!r}")
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return {font["familyName"]: font["glyphCount"] for font in fonts}
    finally:
        session.detach()


def require_site_font(browser) -> None:
    """Stop at once, saying what to install, where chromium would draw the site's text in another font:
    every line break, page break and label width a test measures would differ from the next machine's."""
    from scripts.generator.theme import FONT

    page = browser.new_page()
    try:
        page.set_content(f"<p style='font-family: {FONT}'>Asylum-seekers from China</p>")
        drawn = fonts_drawing(page, "p")
    finally:
        page.close()
    if set(drawn) != {SITE_FONT}:
        raise RuntimeError(
            f"chromium draws the site's text in {', '.join(drawn) or 'no font'}, not {SITE_FONT}, the font the "
            f"static charts are laid out with: install Debian's {site_font_packages()} (`make test` and `make site` do)"
        )


def scroll_through(page) -> None:
    """Scroll down a screen at a time, as a reader would, so that every chart turns
    interactive (or fails, which the page shows)."""
    height = page.evaluate("document.documentElement.scrollHeight")
    step = page.viewport_size["height"] // 2
    for top in range(0, height + step, step):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(60)
    # A chart on a page too short to scroll turns interactive when the reader points at it.
    # (Element handles, not locators: a locator of undrawn charts changes under us as they draw.)
    for chart in page.query_selector_all(".chart__view:not(.chart__view--drawn)"):
        if not chart.evaluate(
            "element => element.classList.contains('chart__view--drawn') || element.hasAttribute('data-drawing')"
        ):
            # force: the pointer only has to reach the chart; Playwright's wait for a "stable" box
            # counts animation frames, which a busy headless chromium sometimes stops producing.
            chart.hover(force=True)
    page.wait_for_load_state("networkidle")
    wait_until(
        page,
        "document.querySelectorAll('.chart__view:not(.chart__view--drawn):not(.chart__view--failed)').length === 0",
    )
    page.evaluate("window.scrollTo(0, 0)")


def refuse_other_hosts(context, base_url: str, problems: list[str]) -> None:
    """Abort, and note in problems, every request a page makes off the site's origin. Only those
    pass through Python: the site's own requests never wait for the test's thread."""

    def refuse(route):
        problems.append(f"request off the site's origin: {route.request.url}")
        route.abort()

    context.route(re.compile("^(?!" + re.escape(base_url) + ")"), refuse)


def scroll_to(locator) -> None:
    """Bring an element to the middle of the window, as a reader scrolling would. (Playwright's
    scroll_into_view_if_needed first waits for a "stable" box, counted in animation frames, which a
    busy headless chromium sometimes stops producing.)"""
    locator.evaluate("element => element.scrollIntoView({block: 'center'})")


def point_at(page, locator) -> None:
    """Move the pointer onto an element (near its top left corner, where a chart's drawing is), without
    Playwright's wait for a "stable" box (see scroll_to)."""
    scroll_to(locator)
    box = locator.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + 2)


# Every drawn chart shows the drawing of the page's palette (charts.js sets data-drawn when a
# drawing is on screen; a palette switch or a phone's width draws the charts again).
DRAWN_IN_PALETTE = """() => {
    const palette = document.body.getAttribute('data-md-color-scheme') === 'slate' ? 'dark' : 'light';
    return [...document.querySelectorAll('.chart__view--drawn')]
        .every(view => (view.getAttribute('data-drawn') || '').split('-')[0] === palette);
}"""


# No transition or animation with an end is still running (the header's title fading back after
# a scroll, a hovered link's colour): what is measured then is the page at rest.
AT_REST = """() => document.getAnimations()
    .filter(animation => animation.playState === 'running')
    .every(animation => animation.effect.getComputedTiming().endTime === Infinity)"""


def at_rest(page) -> None:
    """Take the pointer off the page and wait until nothing on it is still moving or fading."""
    page.mouse.move(-1, -1)
    wait_until(page, AT_REST)


def wait_until(page, expression: str, arg=None, timeout: float = 30.0) -> None:
    """Poll a JavaScript expression from Python until it is true. (Playwright's
    wait_for_function polls with eval() inside the page, which our
    Content-Security-Policy rightly forbids.)"""
    wait_for(lambda: page.evaluate(expression, arg), expression, timeout)


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    """Poll a Python condition (which may read the page) until it is true: within Playwright's own
    30 s for an action, as one core shared with the rest of a test run may need."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {what}")
        time.sleep(0.05)
