"""One font for the site's text on every machine it is tested on: chromium lays the pages' words
out exactly as wide as vl-convert laid out the static charts' words, and prints them in that font.
Where it would not (the font package missing), the browser tests stop at once, saying what to
install, instead of failing somewhere else on line and page breaks."""

from __future__ import annotations

from io import BytesIO

import pytest
import vl_convert
from pypdf import PdfReader

from scripts.generator.theme import FONT
from tools.browser import SITE_FONT, fonts_drawing, require_site_font, scroll_through

# Words as the charts write them: a title, a label with a dash, counts, a rate.
SAMPLES = ("Asylum-seekers from China, 2000–2025", "Refugee recognition rate", "180,960", "Counted as cases 49.7%")


def vl_convert_width(text: str, size: int, weight: str) -> float:
    """The width vl-convert gives a text mark set in the charts' font: the drawing's width with no
    room but the text's own (Vega rounds it up to a whole pixel)."""
    spec = {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "autosize": "pad",
        "marks": [
            {
                "type": "text",
                "encode": {
                    "enter": {
                        "text": {"value": text},
                        "font": {"value": FONT},
                        "fontSize": {"value": size},
                        "fontWeight": {"value": weight},
                    }
                },
            }
        ],
    }
    return vl_convert.vega_to_scenegraph(spec)["width"]


@pytest.mark.parametrize(("size", "weight"), [(12, "normal"), (11, "bold")])
def test_chromium_sets_the_sites_words_as_wide_as_the_static_charts_were_laid_out(browser, size, weight):
    page = browser.new_page()
    try:
        page.set_content(
            "".join(
                f"<span style='font: {weight} {size}px {FONT}; white-space: pre'>{text}</span><br>" for text in SAMPLES
            )
        )
        widths = page.evaluate("[...document.querySelectorAll('span')].map(s => s.getBoundingClientRect().width)")
        assert set(fonts_drawing(page, "span")) == {SITE_FONT}
    finally:
        page.close()
    for text, width in zip(SAMPLES, widths, strict=True):
        laid_out = vl_convert_width(text, size, weight)
        # within a pixel in Liberation Sans (vl-convert rounds up); DejaVu Sans is 5 to 37 px wider here
        assert abs(laid_out - width) <= 1.5, (
            f"{text!r} at {size} px {weight}: chromium {width:.1f}, vl-convert {laid_out}"
        )


def test_the_pages_text_and_charts_are_drawn_and_printed_in_the_site_font(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(server, wait_until="networkidle")
        scroll_through(page)  # the charts' interactive views drawn
        for selector in (".md-typeset p", ".md-typeset h1", ".chart__title", ".chart__view svg .role-axis-label text"):
            assert set(fonts_drawing(page, selector)) == {SITE_FONT}, selector
        pdf = PdfReader(BytesIO(page.pdf(format="A4")))
    finally:
        context.close()
    named = {
        str(font.get_object()["/BaseFont"]).split("+")[-1].split("-")[0]
        for paper in pdf.pages
        for font in paper["/Resources"].get("/Font", {}).values()
        if "/BaseFont" in font.get_object()
    }
    assert named == {SITE_FONT.replace(" ", "")}, f"printed in {sorted(named)}"


def test_the_check_names_what_to_install_when_chromium_would_use_another_font(browser, monkeypatch):
    import tools.browser

    monkeypatch.setattr(tools.browser, "SITE_FONT", "A font this machine does not have")
    with pytest.raises(
        RuntimeError, match=r"draws the site's text in Liberation Sans, not A font.*install Debian's fonts-liberation2"
    ):
        require_site_font(browser)
