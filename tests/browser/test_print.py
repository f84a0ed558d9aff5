"""Printed pages: the home page and the decisions page printed to PDF by chromium, as a reader's
"Print" would, and the PDF read back (pypdf) for what is on paper: chart text at least 8 pt, no
chart split from its title or its notes, tables whole, the address after each link to another
site, collapsed blocks open; and black on white for a reader who reads in the dark palette."""

from __future__ import annotations

import math
import re
import unicodedata
from io import BytesIO
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from tools.browser import scroll_through, wait_until

DESKTOP = {"width": 1280, "height": 800}
A4_PRINTABLE = {"width": 680, "height": 1000}  # A4 less the print margins of site.css (15 mm a side), in CSS px
MARGIN_PT = {"top": 15 / 25.4 * 72, "bottom": 17 / 25.4 * 72}  # site.css's @page margins, in points
PRINTED = ("", "decisions/")
SMALLEST_PT = 8.0
SVG = "{http://www.w3.org/2000/svg}"


def squeeze(text: str) -> str:
    """Text as extracted, comparable with the page's: ligatures (fi) as letters, white space as one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def compact(text: str) -> str:
    """Text without its white space: where pypdf sees a space between two words depends on the font's
    spacing, not on what is printed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class Printed:
    """A PDF as text runs: each run's page and printed size in points; each page's text, whole and
    without white space, and the text of its body alone (what the page's margins hold, its number,
    left out); and the addresses its links open."""

    def __init__(self, pdf: bytes):
        self.runs: list[tuple[int, float, str]] = []
        self.pages: list[str] = []
        self.compact_pages: list[str] = []  # for finding words: see compact()
        self.bodies: list[str] = []
        self.link_targets: set[str] = set()
        for number, page in enumerate(PdfReader(BytesIO(pdf)).pages):
            body: list[str] = []
            top = float(page.mediabox.top) - MARGIN_PT["top"]

            def visit(text, cm, tm, font, size, number=number, body=body, top=top):
                if not text.strip():
                    return
                a = tm[0] * cm[0] + tm[1] * cm[2]
                b = tm[0] * cm[1] + tm[1] * cm[3]
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                self.runs.append((number, size * math.sqrt(abs(a * d - b * c)), text.strip()))
                baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # from the paper's bottom edge
                if MARGIN_PT["bottom"] <= baseline <= top:
                    body.append(text)

            self.pages.append(squeeze(page.extract_text(visitor_text=visit)))
            self.compact_pages.append(compact(self.pages[-1]))
            self.bodies.append(compact("".join(body)))
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                if action.get("/S") == "/URI":
                    self.link_targets.add(str(action["/URI"]))

    def pages_with(self, text: str) -> list[int]:
        return [number for number, words in enumerate(self.compact_pages) if compact(text) in words]

    def has(self, text: str) -> bool:
        return bool(self.pages_with(text))


def print_to_pdf(browser, server, path: str, scheme: str) -> tuple[bytes, object, object]:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    # The reader has read the page, then prints it: every chart's interactive view is drawn over
    # its static one, and the static drawings, which print, have loaded.
    scroll_through(page)
    wait_until(
        page, "[...document.querySelectorAll('.chart__static--light img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    return page.pdf(format="A4"), page, context


@pytest.fixture(scope="module", params=[(path, scheme) for path in PRINTED for scheme in ("light", "dark")])
def printed(request, browser, server):
    path, scheme = request.param
    pdf, page, context = print_to_pdf(browser, server, path, scheme)
    yield path, scheme, Printed(pdf), page
    context.close()


def chart_texts(built_site, page, chart_id: str) -> list[str]:
    """The words of a chart's static drawing (the wide one, in the light palette), as printed."""
    source = page.locator(f"#{chart_id} .chart__static--light img").get_attribute("src")
    address = page.evaluate("src => new URL(src, location.href).pathname", source)
    tree = ElementTree.parse(built_site / address.lstrip("/"))
    return [
        squeeze("".join(text.itertext()))
        for text in tree.iter(f"{SVG}text")
        if "".join(text.itertext()).strip() and text.get("opacity") != "0"  # Vega hides a label that would overlap
    ]


def test_every_word_on_paper_is_at_least_8_pt(printed):
    path, scheme, pdf, _ = printed
    assert pdf.runs, f"{path or 'home'}: nothing printed"
    small = [(page + 1, round(size, 1), text) for page, size, text in pdf.runs if size < SMALLEST_PT - 0.05]
    assert not small, f"{path or 'home'} ({scheme}): text under {SMALLEST_PT} pt: {small[:8]}"


def test_every_chart_is_printed_whole_on_the_page_of_its_title(printed, built_site):
    path, scheme, pdf, page = printed
    charts = page.locator("figure.chart")
    assert charts.count() >= 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart_id = chart.get_attribute("id")
        title = chart.locator(".chart__title").inner_text()
        on = pdf.pages_with(title)
        assert len(on) == 1, f"{chart_id}: its title is on pages {on}"
        # the drawing's own words (those printed once in the whole PDF) are on its title's page
        words = [w for w in chart_texts(built_site, page, chart_id) if len(w) > 3 and len(pdf.pages_with(w)) == 1]
        assert words, f"{chart_id}: none of its drawing's words is printed"
        elsewhere = [w for w in words if pdf.pages_with(w) != on]
        assert not elsewhere, f"{chart_id}: printed away from its title: {elsewhere[:5]}"
        # and so is the end of the figure: its last note and its source
        last = chart.locator(".chart__footer li, .chart__footer p").last.inner_text()
        assert on[0] in pdf.pages_with(last), f"{chart_id}: its footer ends on another page ({last[:50]!r})"
        sizes = [size for number, size, text in pdf.runs if number == on[0] and squeeze(text) in words]
        assert sizes and min(sizes) >= SMALLEST_PT - 0.05, f"{chart_id}: its drawing's text is {min(sizes):.1f} pt"


def test_every_table_is_printed_with_all_its_columns(printed):
    path, scheme, pdf, page = printed
    headers = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset table')]
             .filter(t => !t.closest('.chart__data'))
             .map(t => [...t.querySelectorAll('thead th')].map(th => th.innerText))"""
    )
    for columns in headers:
        missing = [name for name in columns if not pdf.has(name)]
        assert not missing, f"{path or 'home'}: printed without its columns {missing}"


def test_links_to_other_sites_print_their_address(printed):
    """On paper the address is read, not clicked: it is printed after the link, and in the PDF the
    link still opens it. Where pages break depends on the fonts, so an address may run on to the next
    page: it is read from the pages' bodies joined, without the page numbers between them."""
    path, scheme, pdf, page = printed
    addresses = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset a[href^="http"]')]
             .filter(a => !a.closest('.citation__text, .chart__data, .chart__embed, .chart__downloads, .md-footer'))
             .map(a => a.href)"""
    )
    assert addresses, f"{path or 'home'}: no link to another site to check"
    # an address may be broken across lines: compare without white space
    printed_text = "".join(pdf.bodies)
    missing = [address for address in addresses if compact(address) not in printed_text]
    assert not missing, f"{path or 'home'}: printed without their addresses: {missing[:5]}"
    unlinked = sorted(set(addresses) - pdf.link_targets)
    assert not unlinked, f"{path or 'home'}: printed without a link to open: {unlinked[:5]}"


def test_page_numbers_are_in_the_margin_not_in_the_text(printed):
    """What the body-only reading above leaves out is the page counter of site.css, and only that."""
    path, scheme, pdf, _ = printed
    total = len(pdf.pages)
    assert total > 1, f"{path or 'home'}: printed on one page"
    for number, (whole, body) in enumerate(zip(pdf.compact_pages, pdf.bodies, strict=True), start=1):
        assert f"{number}/{total}" in whole, f"{path or 'home'}: page {number} is not numbered"
        margin = whole.replace(body, "", 1)
        assert margin == f"{number}/{total}", f"{path or 'home'}: page {number}'s margins hold {margin[:80]!r}"


def test_in_print_no_table_is_cut_and_every_figure_keeps_together(browser, server):
    """The rules as the browser applies them to the printed layout (print emulation at an A4 page's
    printable width): what a PDF reader cannot measure."""
    context = browser.new_context(viewport=A4_PRINTABLE)
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        for path in PRINTED:
            page.goto(server + path, wait_until="networkidle")
            cut = page.evaluate(
                """() => [...document.querySelectorAll('.md-typeset table, .md-typeset__scrollwrap, .explainer__scroll')]
                     .filter(e => e.getClientRects().length)
                     .filter(e => e.scrollWidth > e.clientWidth + 1)
                     .map(e => (e.id || e.className || e.tagName) + ': ' + e.scrollWidth + ' > ' + e.clientWidth)"""
            )
            assert not cut, f"{path or 'home'}: cut in print: {cut}"
            loose = page.evaluate(
                """() => [...document.querySelectorAll('.md-typeset figure')]
                     .filter(f => getComputedStyle(f).breakInside !== 'avoid')
                     .map(f => f.id || f.className)"""
            )
            assert not loose, f"{path or 'home'}: figures a page break may split: {loose}"
            # break-inside: avoid keeps a figure whole only if it fits on a page, whatever the font
            tall = page.evaluate(
                f"""() => [...document.querySelectorAll('.md-typeset figure.chart')]
                     .filter(f => f.getBoundingClientRect().height > {A4_PRINTABLE["height"]})
                     .map(f => f.id + ': ' + Math.round(f.getBoundingClientRect().height) + ' px')"""
            )
            assert not tall, f"{path or 'home'}: figures taller than a printed page: {tall}"
            scrolling = page.evaluate(
                """() => [...document.querySelectorAll('.md-typeset .chart__view')]
                     .filter(v => v.scrollHeight > v.clientHeight + 1).map(v => v.parentNode.id)"""
            )
            assert not scrolling, f"{path or 'home'}: chart drawings cut in print: {scrolling}"
    finally:
        context.close()


def test_a_reader_in_the_dark_palette_prints_black_on_white_with_every_block_open(browser, server):
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(server + "fact-check/", wait_until="networkidle")
        closed = page.locator("details:not([open]):not(.chart__data)").count()
        assert closed > 5, "the fact check's cards are collapsed on the screen"
        pdf = Printed(page.pdf(format="A4"))
        for card in page.locator(".claim").all():
            why = squeeze(card.locator("dd").last.text_content())[:60]
            assert pdf.has(why), f"a card printed closed: {why!r}"
        # the page is as the reader left it
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert page.locator("details:not([open]):not(.chart__data)").count() == closed
        # and what was printed was in the light palette
        page.emulate_media(media="print", color_scheme="dark")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        colour = page.evaluate("getComputedStyle(document.querySelector('.md-content .md-typeset p')).color")
        channels = [float(v) for v in re.findall(r"[\d.]+", colour)[:3]]
        assert max(channels) < 80, f"printed text is {colour}, not dark on white paper"
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    finally:
        context.close()
