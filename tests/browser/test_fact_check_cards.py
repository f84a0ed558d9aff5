"""The fact check on a phone: one card a claim, in the records' order, each read with its title, its
verdict and its labelled parts; opened from the keyboard; the whole page at most eight screens tall."""

from __future__ import annotations

from contextlib import contextmanager

import yaml

from tests.conftest import ROOT

PHONE = {"width": 360, "height": 740}


def records() -> list[dict]:
    return yaml.safe_load((ROOT / "docs" / "fact-check.claims.yml").read_text(encoding="utf-8"))["claims"]


@contextmanager
def fact_check(browser, server, **options):
    """The fact-check page open on a phone's screen, closed afterwards."""
    context = browser.new_context(viewport=PHONE, **options)
    try:
        page = context.new_page()
        page.goto(server + "fact-check/", wait_until="networkidle")
        yield page
    finally:
        context.close()


def test_the_fact_check_is_one_card_a_claim_on_a_phone_and_at_most_eight_screens(browser, server):
    with fact_check(browser, server, is_mobile=True, has_touch=True) as page:
        titles = page.locator("article.claim .claim__title").all_inner_texts()
        assert titles == [" ".join(record["title"].split()) for record in records()]
        widths = page.locator("article.claim").evaluate_all(
            "(cards) => cards.map((c) => c.getBoundingClientRect().right)"
        )
        assert max(widths) <= PHONE["width"]
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 8 * PHONE["height"], f"the page is {height / PHONE['height']:.1f} screens tall"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_card_is_read_in_order_title_verdict_then_each_part_under_its_label(browser, server):
    with fact_check(browser, server) as page:
        card = page.locator("article.claim").first
        first = records()[0]
        closed = card.aria_snapshot()
        assert first["title"] in closed and "Verdict:" in closed
        assert "What the data shows" not in closed  # closed: the parts are not read yet
        card.locator("summary").focus()
        page.keyboard.press("Enter")
        opened = card.aria_snapshot()
        order = [
            first["title"],
            "Verdict:",
            "The claim",
            "Claimed by:",
            "What the data shows",
            "How we computed it",
            "Why this verdict",
        ]
        positions = [opened.find(text) for text in order]
        assert -1 not in positions and positions == sorted(positions), opened
        assert card.get_attribute("aria-labelledby") == card.locator(".claim__title").get_attribute("id")


def test_the_explainer_counts_what_it_draws(browser, server):
    """Each dot is a year end a claim is still waiting; the sums and the totals are those dots."""
    with fact_check(browser, server) as page:
        figure = page.locator("figure.explainer")
        rows = figure.locator("tbody tr")
        dots = [rows.nth(i).locator(".explainer__dot").count() for i in range(rows.count())]
        sums = [int(rows.nth(i).locator(".explainer__total").inner_text()) for i in range(rows.count())]
        assert dots == sums and sum(dots) > rows.count()  # more year-end counts than claims
        column_dots = [
            figure.locator(f"tbody tr td:nth-child({column + 2}) .explainer__dot").count() for column in range(5)
        ]
        footer = [int(text) for text in figure.locator("tfoot td").all_inner_texts()]
        assert footer == column_dots + [sum(dots)]
        lodged = figure.locator(".explainer__lodged").count()
        assert lodged == rows.count()
        text = figure.locator(".explainer__sum").inner_text()
        assert f"Claims lodged (a flow): {lodged}." in text and f"(stocks): {sum(dots)}." in text
        assert figure.evaluate("(f) => f.scrollWidth <= f.clientWidth")
        assert "Illustration, not data" in figure.locator("figcaption").inner_text()
