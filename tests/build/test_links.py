"""Links: every href and src of every built HTML file (and every url() of the site's
style sheets, and every place the search index points to) resolves to a file in the
built site, every #anchor exists on its page, and links to other sites are links
only, never something a page loads. A broken link in a page stops the build, naming
the page and the line."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "data-spec-light", "data-spec-dark"}
CSS_URL = re.compile(r"url\(\s*([\"']?)(.*?)\1\s*\)")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str, str]] = []  # line, tag, attribute, url
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in URL_ATTRIBUTES and value is not None:
                urls = (
                    [part.strip().split()[0] for part in value.split(",") if part.strip()]
                    if name == "srcset"
                    else [value]
                )
                self.links += [(self.getpos()[0], tag, name, url) for url in urls]

    handle_startendtag = handle_starttag


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def is_other_site(url: str) -> bool:
    return url.startswith("//") or bool(re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url))


def resolve(site: Path, from_file: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL in from_file names (directories mean their index.html), and its fragment.
    404.html is served at any missing address, so MkDocs writes its links from the site's root."""
    parts = urlsplit(url)
    base = from_file.parent.relative_to(site).as_posix()
    if url.startswith("/") and from_file == site / "404.html":
        parts, base = urlsplit(url[1:] or "./"), "."
    target = (
        posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if parts.path
        else from_file.relative_to(site).as_posix()
    )
    path = site / target
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


@pytest.fixture(scope="module")
def pages(built_site) -> dict[Path, Links]:
    return {path: parse(path) for path in sorted(built_site.rglob("*.html"))}


def test_every_link_and_asset_in_every_page_resolves(built_site, pages):
    broken = []
    checked = 0
    for path, parsed in pages.items():
        where = path.relative_to(built_site).as_posix()
        for line, tag, attribute, url in parsed.links:
            if not url or url == "#" or is_other_site(url):
                continue
            target, fragment = resolve(built_site, path, url)
            checked += 1
            if not target.resolve().is_relative_to(built_site.resolve()):
                broken.append(f"{where}:{line}: <{tag} {attribute}='{url}'> points outside the site")
            elif not target.is_file():
                broken.append(f"{where}:{line}: <{tag} {attribute}='{url}'>: no file {target.relative_to(built_site)}")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(
                    f"{where}:{line}: <{tag} {attribute}='{url}'>: no anchor #{fragment} on {target.relative_to(built_site)}"
                )
    assert checked > 50, f"only {checked} links checked: is the parser finding them?"
    assert not broken, "\n".join(broken)


def test_links_to_other_sites_are_only_links(built_site, pages):
    loads = []
    for path, parsed in pages.items():
        for line, tag, attribute, url in parsed.links:
            if (
                is_other_site(url)
                and not url.startswith(("mailto:", "tel:"))
                and not (tag in ("a", "area") and attribute == "href")
            ):
                if not url.startswith("data:") or tag not in ("img", "source"):
                    loads.append(f"{path.relative_to(built_site)}:{line}: <{tag} {attribute}='{url}'>")
    assert not loads, "pages load from other hosts:\n" + "\n".join(loads)


def test_every_url_in_the_style_sheets_resolves(built_site):
    broken = []
    for css in sorted(built_site.rglob("*.css")):
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
            url = match.group(2)
            if url.startswith("data:") or url.startswith("#"):
                continue
            if is_other_site(url):
                broken.append(f"{css.relative_to(built_site)}: loads {url} from another host")
                continue
            target, _ = resolve(built_site, css, url)
            if not target.is_file():
                broken.append(f"{css.relative_to(built_site)}: url({url}): no file {target.relative_to(built_site)}")
    assert not broken, "\n".join(broken)


def test_every_search_result_points_to_a_page_and_anchor(built_site, pages):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"], "the search index is empty"
    root = built_site / "index.html"
    for doc in index["docs"]:
        target, fragment = resolve(built_site, root, doc["location"] or "./")
        assert target.is_file(), f"search result '{doc['location']}' has no page"
        assert not fragment or fragment in pages[target].ids, f"search result '{doc['location']}' has no anchor"


# A broken link added to a page stops the build, naming page and line: rows of tests/faults.py.
