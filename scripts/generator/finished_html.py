"""The finished site, checked as a browser parses it, then given its policies.

This pass is what protects readers, so it runs on the built HTML itself, outside
MkDocs: scripts/generator/build_site.py runs it on the staging folder before the swap (a
refused site is never published), and `make serve` runs it from a hook after
every rebuild (scripts/generator/safety_hooks.py, on_post_build). Whatever renders the
Markdown (MkDocs, a fork, a successor), these rules hold for what readers get.

For every HTML file:

1. Parse it with lexbor (selectolax), which follows the WHATWG parsing algorithm,
   so comments, <textarea>, <title>, foreign content (SVG, MathML) are read as a
   browser reads them. <noscript> and <template> are refused outright: a parser
   that does not run scripts reads a <noscript> differently from a browser that does.
2. Refuse anything that runs code, loads from another host or sends the reader
   elsewhere: an inline script that is not one of the theme's own constant ones
   (THEME_SCRIPTS, read from the theme's templates), a script that is not one of
   the site's files,
   any <meta http-equiv>, embeds, <style>, <base>, event handlers, javascript: URLs,
   style attributes whose CSS (escapes decoded) loads from another host.
3. Give every link to another site rel="noopener noreferrer".
4. Write the checked tree out again with the Content-Security-Policy and the
   referrer policy right after <meta charset>, parse that result and check it
   again: the bytes published are the bytes checked.

The policy trusts only what the site ships: script-src 'self' and the hashes of
the theme's constant inline scripts that the page holds, computed from the theme's
own template files, never from the page (the theme's one inline script that is not
constant, which embeds the page's base URL, is a file here:
overrides/partials/javascripts/base.html); style attributes by their hashes
('unsafe-hashes'), once checked. Those two small scripts stay inline on purpose: as
files they would stop the parser mid-page and cost phones a layout pass each.
The referrer policy is no-referrer: a reader who follows a link tells the other
site nothing, not even that they came from this site.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from scripts.generator.memo import Memo
from scripts.generator.page_safety import FORBIDDEN_ELEMENTS, check_attribute, locate, other_host
from scripts.generator.page_safety import check_element as check_any_element

CHARSET = '<meta charset="utf-8">'
REFERRER = '<meta name="referrer" content="no-referrer">'
OUTBOUND_REL = ("noopener", "noreferrer")

POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],  # + 'unsafe-hashes' and the hashes of the page's style="..." values
    "img-src": ["'self'", "data:"],  # data: for the theme's icons in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}

# Elements refused wherever they stand. <meta> and <script> have rules of their own below.
REFUSED = {tag: why for tag, why in FORBIDDEN_ELEMENTS.items() if tag not in ("meta", "script")}
META_NAMES = {
    "viewport",
    "description",
    "author",
    "generator",
    "theme-color",
    "color-scheme",
}  # not referrer: ours only
META_PREFIXES = ("og:", "twitter:")
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Links of these kinds name a page; they load nothing.
NAMING_RELS = {"canonical", "prev", "next", "alternate", "author", "license", "edit", "help", "search"}


# The theme's partials whose inline scripts pages may keep: constant code, the same on every page.
THEME_SCRIPT_TEMPLATES = ("partials/javascripts/palette.html", "partials/javascripts/content.html")
THEME_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@lru_cache(maxsize=1)
def theme_scripts() -> frozenset[str]:
    """The SHA-256 sources of the theme's constant inline scripts, read from the installed theme's templates.
    A script with any template expression in it is not constant and is never allowed inline."""
    import material

    templates = Path(material.__file__).parent / "templates"
    hashes = set()
    for name in THEME_SCRIPT_TEMPLATES:
        for body in THEME_SCRIPT.findall((templates / name).read_text(encoding="utf-8")):
            if "{{" not in body and "{%" not in body:
                hashes.add(sha256(body))
    return frozenset(hashes)


class SiteError(Exception):
    """The finished site holds something readers must not get; the message lists where."""


@dataclass(frozen=True)
class Finding:
    page: str  # the HTML file, relative to the site
    message: str
    clue: str  # text to find the cause by in the sources


def seal_site(site: Path, sources: "SourceFinder", serving: bool = False) -> None:
    """Check every HTML file under `site` and write it back with its policies; raise SiteError on a finding."""
    findings = []
    sealed = {}
    # A page sealed at an earlier build is not sealed again when nothing it depends on changed: its
    # text, the name it is published under, the site's script files (a <script src> must name one),
    # serving or building, and the installed parser and theme (the theme's own scripts' hashes).
    scripts = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.js"))
    memo = Memo("sealed", "\n".join(scripts), str(serving), *installed("selectolax", "mkdocs-material"))
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        remembered = memo.get(f"{page}\0{text}")
        if remembered is not None:
            sealed[path] = remembered
            continue
        page_findings, written = seal_page(text, page, site, serving)
        findings += page_findings
        sealed[path] = written
        if not page_findings:
            memo.put(f"{page}\0{text}", written)
    if findings:
        raise SiteError("\n".join(sources.describe(finding) for finding in findings))
    for path, text in sealed.items():
        path.write_text(text, encoding="utf-8")
    memo.forget_unused()


def installed(*packages: str) -> list[str]:
    """The installed versions of these packages, as name==version."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in packages:
        try:
            found.append(f"{package}=={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} not installed")
    return found


def seal_page(text: str, page: str, site: Path, serving: bool = False) -> tuple[list[Finding], str]:
    """(findings, the page as it will be published)."""
    tree = LexborHTMLParser(text)
    findings = check_tree(tree, page, site)
    if findings:
        return findings, text
    mark_outbound_links(tree)
    written = tree.html
    if CHARSET not in written:
        return [Finding(page, f"no {CHARSET} to put the policies after (has the theme changed?)", "<head")], text
    policy = content_security_policy(tree, serving)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'
    written = written.replace(CHARSET, CHARSET + meta + REFERRER, 1)
    # What is published is what a browser will parse: check that once more.
    again = LexborHTMLParser(written)
    findings = check_tree(again, page, site, policy=policy)
    return findings, written


# What a page shows when something was never filled in: a repository's placeholder owner or name, a
# template's unrendered braces, an example address. No page may carry one, in its text or its attributes.
PLACEHOLDER = re.compile(r"github\.com/OWNER\b|\bOWNER/REPO\b|@OWNER\b|\{\{|\}\}|\{%|%\}|@example\.(?:com|org|net)\b")


def placeholders(tree: LexborHTMLParser, page: str) -> list[Finding]:
    found = []
    for node in tree.root.traverse(include_text=True):
        if node.tag == "-text":
            values = [] if in_code(node) else [node.text_content or ""]
        else:
            values = [value or "" for value in node.attributes.values()] if node.tag and node.tag[0] != "_" else []
        for value in values:
            match = PLACEHOLDER.search(value)
            if match:
                found.append(
                    Finding(
                        page,
                        f"a placeholder left in the page: '{match.group(0)}' in '{value.strip()[:80]}'",
                        match.group(0),
                    )
                )
    return found


def in_code(node) -> bool:
    """Text that shows code (a sample of Markdown, a script) is not a page's own words."""
    parent = node.parent
    while parent is not None:
        if parent.tag in ("code", "pre", "script", "style"):
            return True
        parent = parent.parent
    return False


def check_tree(tree: LexborHTMLParser, page: str, site: Path, policy: str | None = None) -> list[Finding]:
    """Every finding in one parsed page. With `policy` (the published page), the page must carry
    exactly that Content-Security-Policy and our referrer policy, once each; no page may hold a placeholder."""
    findings = placeholders(tree, page)
    ours = {"content-security-policy": [], "referrer": []}
    for node in tree.root.traverse(include_text=False):
        tag = node.tag
        if not tag or tag.startswith(("_", "!", "-")):
            continue  # comments and the doctype
        attributes = [(name, value or "") for name, value in node.attributes.items()]
        if tag == "meta" and policy is not None:
            kind = (_attr(attributes, "http-equiv") or _attr(attributes, "name")).lower()
            if kind in ours:
                ours[kind].append(_attr(attributes, "content"))
                continue
        text = node.text(deep=True) if tag == "script" else None
        findings += [Finding(page, message, clue) for message, clue in check_element(tag, attributes, page, site, text)]
    if policy is not None and ours != {"content-security-policy": [policy], "referrer": ["no-referrer"]}:
        findings.append(
            Finding(
                page,
                "the published page does not carry exactly one Content-Security-Policy and "
                "one referrer policy, the build's",
                "<head",
            )
        )
    return findings


def check_element(
    tag: str, attributes: list[tuple[str, str]], page: str, site: Path, text: str | None = None
) -> list[tuple[str, str]]:
    """(message, clue) for each problem with one element of the finished page."""
    clue = next(
        (value for name, value in attributes if value and name in ("src", "href", "style", "content")), f"<{tag}"
    )
    if tag in REFUSED:
        return [(REFUSED[tag], clue)]
    if tag == "script":
        return [(message, clue) for message in check_script(attributes, page, site, text)]
    if tag == "meta":
        problem = check_meta(attributes)
        return [(problem, clue)] if problem else []
    naming_link = tag == "link" and set(_attr(attributes, "rel").lower().split()) <= NAMING_RELS
    if naming_link:  # rel=canonical and the like name a page (absolute, with SITE_URL): they load nothing
        attributes = [(name, value) for name, value in attributes if name.lower() != "href" or _runs_code(value)]
    return [(message, clue) for message in check_any_element(tag, attributes)]


def check_script(attributes: list[tuple[str, str]], page: str, site: Path, text: str | None = None) -> list[str]:
    kind = _attr(attributes, "type").lower()
    src = _attr(attributes, "src")
    if not src:
        if kind in DATA_SCRIPT_TYPES:
            return []  # a data block (the theme's configuration): never run
        if text is not None and sha256(text) in theme_scripts():
            return []  # one of the theme's own constant scripts
        return ["an inline <script>: pages run only the site's own script files"]
    if kind not in SCRIPT_TYPES:
        return [f"a <script> of type {kind!r}"]
    if other_host(src) or _runs_code(src):
        return [f"a <script> from {src}: pages run only the site's own script files"]
    target = resolve(page, src)
    if target is None or not (site / target).is_file() or not target.endswith(".js"):
        return [f"a <script> whose file {src} is not one of the site's script files"]
    return [
        problem
        for name, value in attributes
        for problem in check_attribute("script", name.lower(), value)
        if name != "src"
    ]


def check_meta(attributes: list[tuple[str, str]]) -> str | None:
    names = {name.lower() for name, _ in attributes}
    if "http-equiv" in names:
        return (
            f'a <meta http-equiv="{_attr(attributes, "http-equiv")}">: it can redirect readers or change the page\'s '
            "policy; only the build sets the page's policies"
        )
    if names <= {"charset"}:
        return None
    key = (_attr(attributes, "name") or _attr(attributes, "property")).lower()
    if key in META_NAMES or key.startswith(META_PREFIXES):
        return None
    return f"a <meta> of unknown kind ({key or ', '.join(sorted(names))})"


def mark_outbound_links(tree: LexborHTMLParser) -> None:
    """rel="noopener noreferrer" on every link to another site (kept with the rel tokens it had)."""
    for node in tree.css("a[href], area[href]"):
        if not other_host(node.attributes.get("href") or ""):
            continue
        tokens = (node.attributes.get("rel") or "").split()
        node.attrs["rel"] = " ".join(dict.fromkeys(tokens + list(OUTBOUND_REL)))


def content_security_policy(tree: LexborHTMLParser, serving: bool = False) -> str:
    policy = {name: list(sources) for name, sources in POLICY.items()}
    inline = sorted({sha256(node.text(deep=True)) for node in tree.css("script:not([src])")} & theme_scripts())
    policy["script-src"] += inline
    styles = sorted({node.attributes["style"] for node in tree.css("[style]") if node.attributes.get("style")})
    if styles:
        policy["style-src"] += ["'unsafe-hashes'"] + [sha256(value) for value in styles]
    if serving:
        # `mkdocs serve` puts an inline live-reload script into every page it serves, when it serves it:
        # the local preview allows inline scripts; nothing published does.
        policy["script-src"].append("'unsafe-inline'")
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def resolve(page: str, url: str) -> str | None:
    """The site path a URL of this site on `page` points to, or None if it leaves the site. An absolute
    path (the 404 page's) starts at the site's root, which is where SITE_URL puts it, or /."""
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    if path.startswith("/"):
        root = urlsplit(os.environ.get("SITE_URL", "")).path.rstrip("/") + "/"
        if not path.startswith(root):
            return None
        path, page = path.removeprefix(root), "index.html"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return None if target.startswith("..") else target


def _attr(attributes: list[tuple[str, str]], name: str) -> str:
    return next((value for key, value in attributes if key.lower() == name), "")


def _runs_code(url: str) -> bool:
    return bool(re.match(r"\s*(java|vb)script:", html.unescape(url), re.I))


class SourceFinder:
    """Where a finding in a built page came from: the page's Markdown file or the configuration, with the line."""

    def __init__(self, root: Path, docs: Path, config: Path):
        self.root, self.docs, self.config = root, docs, config

    def source_of(self, page: str) -> Path | None:
        if page.startswith("charts/") and page.endswith("/index.html"):
            return self.root / "charts" / (page.split("/")[1] + ".py")
        stem = page.removesuffix("index.html").removesuffix(".html").rstrip("/") or "index"
        for candidate in (self.docs / f"{stem}.md", self.docs / stem / "index.md"):
            if candidate.is_file():
                return candidate
        return None

    def describe(self, finding: Finding) -> str:
        where = f"site/{finding.page}"
        for source in filter(None, (self.source_of(finding.page), self.config)):
            text = source.read_text(encoding="utf-8")
            for candidate in (finding.clue, html.unescape(finding.clue)):
                if candidate and candidate.lower() in text.lower():
                    return f"{shown(source, self.root)}:{locate(text, candidate)}: {finding.message} (in {where})"
        source = self.source_of(finding.page)
        built_from = f" (built from {shown(source, self.root)})" if source else ""
        return f"{where}{built_from}: {finding.message}"


def shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
