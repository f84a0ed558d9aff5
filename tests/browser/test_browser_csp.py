"""Every page carries a Content-Security-Policy, and nothing on it breaks the policy:
in a real browser (Debian's chromium through Playwright), each page is loaded, scrolled
through so that every chart is drawn, searched and switched to the other palette, and
any `securitypolicyviolation` event or CSP console message fails the test."""

from __future__ import annotations

import re

from scripts.generator.finished_html import theme_scripts
from tools.browser import DRAWN_IN_PALETTE, refuse_other_hosts, scroll_through, wait_until

DESKTOP = {"width": 1280, "height": 900}
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', re.I)

# Installed before any script of the page runs (Playwright injects it outside the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "")
    + (event.sample ? `: ${event.sample}` : ""));
});
"""


def every_page(site_pages) -> list[str]:
    return site_pages + ["404.html"]


def test_every_page_has_a_policy_that_allows_only_this_site(built_site, site_pages):
    for page in every_page(site_pages):
        path = built_site / (page if page.endswith(".html") else page + "index.html")
        text = path.read_text(encoding="utf-8")
        policies = CSP_META.findall(text)
        assert len(policies) == 1, f"{page or 'home'}: {len(policies)} Content-Security-Policy meta tags"
        policy = dict(
            (directive.split()[0], directive.split()[1:]) for directive in policies[0].split(";") if directive.strip()
        )
        # Chart pages (embedded elsewhere) keep the same strict policy as content pages.
        assert policy.get("default-src") == ["'none'"], f"{page or 'home'}: default-src {policy.get('default-src')}"
        # Our files, and only those of the theme's constant inline scripts the page holds (hashed from the theme).
        assert policy["script-src"][0] == "'self'", f"{page or 'home'}: script-src {policy['script-src']}"
        assert set(policy["script-src"][1:]) <= theme_scripts(), f"{page or 'home'}: script-src {policy['script-src']}"
        assert "'unsafe-inline'" not in policy["style-src"], f"{page or 'home'} allows inline styles"
        assert policy["base-uri"] == ["'none'"] and policy["object-src"] == ["'none'"], page
        assert text.count('<meta name="referrer" content="no-referrer">') == 1, f"{page or 'home'}: no referrer policy"
        for directive, sources in policy.items():
            for source in sources:
                assert not re.match(r"(https?:|\*|//)", source), f"{page or 'home'}: {directive} allows {source}"
        first_script = text.find("<script")
        assert first_script == -1 or text.index("Content-Security-Policy") < first_script, (
            f"{page or 'home'}: a script comes before the policy, which covers only what follows it"
        )


def visit(browser, base_url: str, path: str) -> tuple[object, object, list[str]]:
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(RECORD_VIOLATIONS)
    problems: list[str] = []

    refuse_other_hosts(context, base_url, problems)
    page = context.new_page()
    # A page may neither open dialogs nor take the reader anywhere by itself.
    page.on(
        "dialog",
        lambda dialog: (problems.append(f"a dialog opened: {dialog.type} {dialog.message!r}"), dialog.dismiss()),
    )
    loaded = []
    page.on(
        "framenavigated",
        lambda frame: (
            problems.append(f"navigated by itself to {frame.url}")
            if loaded and frame == page.main_frame and frame.url.split("#")[0] != loaded[0]
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(base_url + path, wait_until="networkidle")
    loaded.append(page.url.split("#")[0])
    return context, page, problems


def test_no_page_breaks_its_content_security_policy(browser, server, site_pages):
    for path in every_page(site_pages):
        context, page, problems = visit(browser, server, path)
        try:
            if page.locator(".chart__view").count():
                scroll_through(page)
            # The theme's search runs in a worker and fetches its index; the palette toggle restyles the page.
            search = page.locator("input.md-search__input")
            if search.count():
                search.first.click(force=True)  # force: see scroll_through in tools/browser.py
                search.first.fill("asylum")
                page.wait_for_selector(".md-search-result__item, .md-search-result__meta", timeout=10_000)
                page.keyboard.press("Escape")
            toggle = page.locator("form[data-md-component=palette] label:visible")
            if toggle.count():
                toggle.first.click(force=True)
                wait_until(page, DRAWN_IN_PALETTE)  # every chart drawn again if the palette changed
            page.wait_for_load_state("networkidle")
            violations = page.evaluate("window.__cspViolations")
            assert not violations and not problems, f"{path or 'home'}: " + "; ".join(violations + problems)
        finally:
            context.close()


def test_a_colour_scheme_the_reader_chose_is_kept_from_page_to_page(browser, server):
    """The theme's storage helpers are a file here (overrides/partials/javascripts/base.html): a scheme the
    reader chose is kept in storage and put back on the next page (by the theme's palette script), without errors."""
    context, page, problems = visit(browser, server, "about/")
    try:
        assert page.evaluate("__md_scope.href") == server
        toggle = page.locator("form[data-md-component=palette] label:visible")
        toggle.first.click(force=True)  # system -> light
        toggle = page.locator("form[data-md-component=palette] label:visible")
        toggle.first.click(force=True)  # light -> dark
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.goto(server + "where/", wait_until="networkidle")  # the test's own navigation, not the page's
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert [problem for problem in problems if problem != f"navigated by itself to {server}where/"] == []
    finally:
        context.close()
