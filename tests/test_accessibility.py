"""Every page passes axe-core with zero violations, light and dark, on a phone and a
desktop, with every chart drawn and every data table opened (scripts/accessibility.py)."""

from __future__ import annotations

import pytest

from scripts.accessibility import SCHEMES, check_page, describe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_has_no_axe_violations(browser, server, site_pages, scheme, viewport):
    assert site_pages, "the built site has no pages"
    problems = []
    for path in site_pages:
        result = check_page(browser, server + path, scheme, VIEWPORTS[viewport])
        # axe really ran, in the palette asked for: a check that ran no rule passes nothing.
        assert result["version"] and len(result["passes"]) >= 10, f"{path or 'home'}: axe did not run ({result})"
        assert result["scheme_shown"] == SCHEMES[scheme], f"{path or 'home'}: shown in {result['scheme_shown']}, not {scheme}"
        problems += [f"{path or 'home'} ({scheme}, {viewport}): {describe(violation)}" for violation in result["violations"]]
    assert not problems, "axe-core violations:\n" + "\n".join(problems)
