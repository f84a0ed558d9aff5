"""axe-core in a real browser: the accessibility check shared by the tests and `make bench`.

axe-core is pinned in package.json (a devDependency, installed by `npm ci` with the
rest) and injected into the page by Playwright, so nothing is fetched from elsewhere.
A page is checked as a reader leaves it: every chart scrolled into view and drawn,
every <details> (data tables, embed codes) opened, in the light or the dark palette.
"""

from __future__ import annotations

from scripts.generator import paths
from tools.browser import at_rest, scroll_through

AXE = paths.NODE_MODULES / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}  # color_scheme -> the theme's data-md-color-scheme
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return {
    version: result.testEngine.version,
    passes: result.passes.map(rule => rule.id),
    incomplete: result.incomplete.map(rule => rule.id),
    violations: result.violations.map(rule => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      helpUrl: rule.helpUrl,
      nodes: rule.nodes.map(node => ({
        target: node.target.map(String).join(" "),
        html: node.html.slice(0, 300),
        summary: (node.failureSummary || "").slice(0, 600),
      })),
    })),
  };
}"""


def axe_path():
    if not AXE.is_file():
        raise RuntimeError(
            f"{paths.shown(AXE)} is missing: run `make site` (its `npm ci` installs axe-core from package.json)"
        )
    return AXE


def check_page(browser, url: str, scheme: str, viewport: dict) -> dict:
    """Open url in a fresh context, draw every chart, open every <details>, run axe.

    Returns axe's findings plus 'scheme_shown', the palette the theme actually used."""
    # bypass_csp: the pages may forbid inline scripts, and the injected axe is one.
    context = browser.new_context(viewport=viewport, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.mouse.move(2, 2)  # a reader's pointer arrives: charts that wait for one may start
        scroll_through(page)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        at_rest(page)  # contrast is measured on final colours, not halfway through a fade
        page.add_script_tag(path=str(axe_path()))
        result = page.evaluate(RUN_AXE)
        result["scheme_shown"] = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        return result
    finally:
        context.close()


def describe(violation: dict, nodes: int = 3) -> str:
    """One violation as a line a person can act on: rule, help, the first offending selectors."""
    targets = [node["target"] for node in violation["nodes"][:nodes]]
    more = len(violation["nodes"]) - len(targets)
    where = "; ".join(targets) + (f"; and {more} more" if more > 0 else "")
    detail = violation["nodes"][0]["summary"].replace("\n", " ") if violation["nodes"] else ""
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {where}" + (
        f" [{detail}]" if detail else ""
    )
