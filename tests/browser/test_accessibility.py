"""Pages pass axe-core with zero violations, with every chart drawn and every data table
opened (tools/accessibility.py): every page once, on a phone in the light scheme; one
page of each kind (ONE_OF_EACH_KIND) on a phone and a desktop, light and dark. `make bench` sweeps every page in all four."""

from __future__ import annotations

import pytest

from tools.accessibility import SCHEMES, check_page, describe

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
# A story page with charts, a page of tables, a chart's own page, and the page of a chart that a
# phone draws another way (a map on a desktop, bars on a phone).
ONE_OF_EACH_KIND = ("", "methodology/", "charts/asylum_seekers_by_year/", "charts/map_refugees/")


def violations(browser, server, path: str, scheme: str, viewport: str) -> list[str]:
    result = check_page(browser, server + path, scheme, VIEWPORTS[viewport])
    # axe really ran, in the palette asked for: a check that ran no rule passes nothing.
    assert result["version"] and len(result["passes"]) >= 10, f"{path or 'home'}: axe did not run ({result})"
    assert result["scheme_shown"] == SCHEMES[scheme], (
        f"{path or 'home'}: shown in {result['scheme_shown']}, not {scheme}"
    )
    return [f"{path or 'home'} ({scheme}, {viewport}): {describe(violation)}" for violation in result["violations"]]


def test_every_page_has_no_axe_violations(browser, server, site_pages):
    assert site_pages, "the built site has no pages"
    assert set(ONE_OF_EACH_KIND) <= set(site_pages)
    problems = [problem for path in site_pages for problem in violations(browser, server, path, "light", "phone")]
    assert not problems, "axe-core violations:\n" + "\n".join(problems)


# Light on a phone is swept on every page above.
OTHER_VIEWS = [
    (scheme, viewport) for scheme in SCHEMES for viewport in VIEWPORTS if (scheme, viewport) != ("light", "phone")
]


@pytest.mark.parametrize("scheme, viewport", OTHER_VIEWS)
def test_one_page_of_each_kind_has_no_axe_violations(browser, server, scheme, viewport):
    problems = [problem for path in ONE_OF_EACH_KIND for problem in violations(browser, server, path, scheme, viewport)]
    assert not problems, "axe-core violations:\n" + "\n".join(problems)
