"""What a page may contain, so that no contribution can put readers at risk.

Readers of this site include people who are watched. A page must not make their
browser contact anyone but this site, and must not run code that a reviewer
could miss in a Markdown diff. So, in a page:

- no <script> of any kind, no inline event handler (onclick=, onload=, ...),
  no javascript: (or vbscript:) URL;
- nothing LOADED from another host: images, media, iframes and other embeds,
  style sheets, fonts or scripts (and no <style> block, <meta> or <base>);
- links to other sites are fine: a plain <a href> or [text](https://...) loads
  nothing until the reader chooses to follow it.

These are pure functions: Markdown text in, problems with line numbers out.
scripts/generator/safety_hooks.py runs them on every page and stops the build with
`docs/<page>.md:<line>: <problem>`. `check_html` looks at the rendered HTML, for
anything the Markdown scan could not see. Both read HTML with Python's parser,
which is not a browser's: they exist to name the line. What readers are protected
by is scripts/generator/finished_html.py, which reads every finished page as a browser does
(with the same rules, `check_element`) before it is published.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

HELP_SCRIPT = "pages may not run scripts; a chart goes in with <!-- md:chart chart_id -->"
HELP_STYLE = "styles go in docs/assets/stylesheets/site.css"
HELP_FILE = "put the file in docs/assets/ and use a relative path"

# Elements a page may not contain at all, and why.
FORBIDDEN_ELEMENTS = {
    "script": f"<script> is not allowed: {HELP_SCRIPT}",
    "iframe": "an <iframe>: pages embed nothing; link to the other page instead",
    "frame": "a <frame>: pages embed nothing; link to the other page instead",
    "frameset": "a <frameset>: pages embed nothing",
    "object": "an <object>: pages embed nothing; link to the file instead",
    "embed": "an <embed>: pages embed nothing; link to the file instead",
    "applet": "an <applet>: pages embed nothing",
    "portal": "a <portal>: pages embed nothing",
    "fencedframe": "a <fencedframe>: pages embed nothing",
    "style": f"a <style> block: the pages' Content-Security-Policy blocks it ({HELP_STYLE})",
    "base": "a <base> element: it would change where every link on the page goes",
    "meta": "a <meta> element: a page cannot set its own headers or redirect readers",
    "noscript": "a <noscript>: browsers that run scripts read what is inside it differently",
    "template": "a <template>: its content is hidden from the checks",
}

# Attributes whose URL the browser fetches without the reader doing anything
# (or, for ping/action, sends data to when they click or submit).
LOADING_ATTRIBUTES = {
    "src",
    "srcset",
    "imagesrcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "dynsrc",
    "codebase",
    "archive",
    "ping",
    "action",
    "formaction",
    "manifest",
    "icon",
}
# href loads (instead of navigating) on these elements.
LOADING_HREF_ELEMENTS = {"link", "image", "use", "feimage", "script", "style", "tref", "mpath", "textpath"}
# Attributes holding a URL that a click follows, or that SVG animation writes into one.
URL_ATTRIBUTES = LOADING_ATTRIBUTES | {"href", "xlink:href", "cite", "longdesc", "usemap", "to", "from", "values", "by"}
DANGEROUS_SCHEMES = {"javascript", "vbscript", "livescript", "mocha"}
HOST_SCHEMES = {"http", "https", "ftp", "ws", "wss"}

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"  # [text] or ![alt], one level of nested brackets
    r"\(\s*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"  # (url  or  (<url>
)
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]^][^\[\]]*)\]:[ \t]*(\S*)")  # not [^1]: footnotes
REFERENCE_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*)\](?:[ \t]?\[([^\[\]]*)\])?")
ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*?=[^{}\n]*)\}")
ATTR_LIST_ITEM = re.compile(r"([^\s=]+)=(\"[^\"]*\"|'[^']*'|[^\s\"']+)")
CSS_URL = re.compile(
    r"url\(\s*([\"']?)(.*?)\1\s*\)|([\"'])(.*?)\3", re.I | re.S
)  # url(...) and strings (image-set, @import)
CSS_CODE = re.compile(r"expression\s*\(|-moz-binding|behavior\s*:", re.I)


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    message: str


@dataclass(frozen=True)
class Link:
    """A link or image a page names, for the link checks in the hooks.
    kind "markdown": [text](url), ![alt](url), [ref]: url; relative to the page's file.
    kind "html": href/src in raw HTML; relative to the page's address in the built site."""

    line: int
    url: str
    kind: str


# ---------------------------------------------------------------------------
# URLs
# ---------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """The URL as a browser reads it: entities decoded, control characters and
    white space taken out (a tab inside "javascript:" does not stop it), backslashes
    read as slashes."""
    url = html.unescape(url.strip().strip("<>"))
    return re.sub(r"[\x00-\x20\x7f]", "", url).replace("\\", "/")


def scheme(url: str) -> str:
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", normalise_url(url))
    return match.group(1).lower() if match else ""


def other_host(url: str) -> str | None:
    """The other host a URL points to, or None for a URL of this site (relative) or data:."""
    url = normalise_url(url)
    if url.startswith("//"):
        return urlsplit("https:" + url).hostname or url
    name = scheme(url)
    if not name or name == "data":
        return None
    if name in HOST_SCHEMES:
        return urlsplit(url).hostname or url
    return f"a {name}: URL"


def is_internal(url: str) -> bool:
    """A link to a file of this site (not another host, not mailto:, not just '#')."""
    url = normalise_url(url)
    return bool(url) and not url.startswith("//") and not scheme(url)


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


# ---------------------------------------------------------------------------
# One element or attribute list
# ---------------------------------------------------------------------------


def check_element(tag: str, attributes: list[tuple[str, str | None]]) -> list[str]:
    """Problems with one HTML element (tag and attributes as a browser decodes them)."""
    tag = tag.lower()
    problems = []
    if tag in FORBIDDEN_ELEMENTS:
        problems.append(FORBIDDEN_ELEMENTS[tag])
    for name, value in attributes:
        problems += check_attribute(tag, name.lower(), value or "")
    if tag in {"animate", "set", "animatemotion", "animatetransform"}:
        target = dict((name.lower(), value or "") for name, value in attributes).get("attributename", "")
        if target.lower() in {"href", "xlink:href"}:
            problems.append(f"an SVG <{tag}> that rewrites a link: not allowed in pages")
    return problems


def check_attribute(tag: str | None, name: str, value: str) -> list[str]:
    """Problems with one attribute; tag None for a Markdown attribute list { ... }."""
    shown = f"<{tag}>" if tag else "an attribute list { ... }"
    if name.startswith("on"):
        return [f"{name}= on {shown} is not allowed: it is an inline event handler, and {HELP_SCRIPT}"]
    problems = []
    if name in URL_ATTRIBUTES:
        urls = srcset_urls(value) if name in {"srcset", "imagesrcset"} else [value]
        for url in urls:
            if scheme(url) in DANGEROUS_SCHEMES:
                problems.append(f"a {scheme(url)}: URL ({name}= on {shown}) is not allowed: it runs a script")
            elif scheme(url) == "data" and not (name in {"src", "srcset"} and tag in {"img", "source", None}):
                problems.append(f"a data: URL ({name}= on {shown}) is not allowed: only images may be data: URLs")
            elif loads(tag, name) and (host := other_host(url)):
                problems.append(
                    f"{shown} loads {url} from another host ({host}) with {name}=: "
                    f"every reader's browser would contact it; {HELP_FILE}"
                )
    if name == "style":
        problems += check_css(value, f"the style= of {shown}")
    return problems


def loads(tag: str | None, name: str) -> bool:
    if name in LOADING_ATTRIBUTES:
        return True
    return name in {"href", "xlink:href"} and tag in LOADING_HREF_ELEMENTS


CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.S)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\n)|(.))", re.S)


def decode_css(css: str) -> str:
    """CSS as the browser's tokenizer reads it: comments out, escapes decoded (u\\rl( is url()."""
    css = CSS_COMMENT.sub("", css)

    def decoded(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return "" if match.group(2) else match.group(3)

    return CSS_ESCAPE.sub(decoded, css)


def check_css(css: str, where: str) -> list[str]:
    problems = []
    css = decode_css(css)
    for match in CSS_URL.finditer(css):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if host := other_host(url):
            problems.append(
                f"{where} loads {url} from another host ({host}): every reader's browser would contact it; {HELP_FILE}"
            )
    if CSS_CODE.search(css):
        problems.append(f"{where} uses a CSS feature that runs code")
    return problems


# ---------------------------------------------------------------------------
# A Markdown page
# ---------------------------------------------------------------------------


def mask_code(markdown: str) -> str:
    """The page with fenced code blocks and `code spans` blanked (kept line for line):
    what they show is printed as text, never run."""
    lines = markdown.split("\n")
    fence = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[index] = ""
        elif fence is not None:
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
                and not line.strip()[len(match.group(1)) :].strip()
            ):
                fence = None
            lines[index] = ""
    text = "\n".join(lines)
    return CODE_SPAN.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)


class _ElementScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((self.getpos()[0], tag, attrs))

    handle_startendtag = handle_starttag


def html_elements(text: str) -> list[tuple[int, str, list[tuple[str, str | None]]]]:
    """Every start tag in the text, with its line (1-based) and decoded attributes."""
    scanner = _ElementScanner()
    scanner.feed(text)
    scanner.close()
    return scanner.found


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def reference_definitions(text: str) -> dict[str, tuple[int, str]]:
    """[label]: url definitions (the URL may stand on the next line), by normalised label."""
    definitions = {}
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = REFERENCE_DEFINITION.match(line)
        if not match:
            continue
        url, number = match.group(2), index + 1
        if not url and index + 1 < len(lines) and lines[index + 1].strip():
            url, number = lines[index + 1].split()[0], index + 2
        if url:
            definitions.setdefault(label_key(match.group(1)), (number, url.strip("<>")))
    return definitions


def label_key(label: str) -> str:
    return " ".join(label.lower().split())


def check_page(markdown: str, first_line: int = 1) -> list[Problem]:
    """Every problem in a page (Markdown without its front matter, which starts at first_line)."""
    text = mask_code(markdown)
    problems: list[tuple[int, str]] = []

    for number, tag, attributes in html_elements(text):
        problems += [(number, message) for message in check_element(tag, attributes)]

    for match in inline_links(text):
        image, url = match.group(1) == "!", match.group(3)
        problems += [(line_of(text, match.start()), message) for message in markdown_url_problems(url, image)]

    definitions = reference_definitions(text)
    for number, url in definitions.values():
        if scheme(url) in DANGEROUS_SCHEMES:
            problems.append((number, f"a {scheme(url)}: link is not allowed: it runs a script"))
    for match in REFERENCE_IMAGE.finditer(text):
        if text.startswith("(", match.end()) and match.group(2) is None:
            continue  # an inline image, checked above
        label = match.group(2) or match.group(1)
        if label_key(label) in definitions:
            _, url = definitions[label_key(label)]
            problems += [(line_of(text, match.start()), message) for message in markdown_url_problems(url, True)]

    for match in ATTR_LIST.finditer(text):
        for item in ATTR_LIST_ITEM.finditer(match.group(1)):
            value = item.group(2)
            if value[:1] in "\"'":
                value = value[1:-1]
            problems += [
                (line_of(text, match.start()), message)
                for message in check_attribute(None, item.group(1).lower(), html.unescape(value))
            ]

    return sorted({Problem(number + first_line - 1, message) for number, message in problems})


def inline_links(text: str) -> list[re.Match]:
    """Every [text](url) and ![alt](url), including an image inside a link's text."""
    found = []
    for start in (match.start() for match in re.finditer(r"!?\[", text)):
        match = INLINE_LINK.match(text, start)
        if match:
            found.append(match)
    return found


def markdown_url_problems(url: str, image: bool) -> list[str]:
    if scheme(url) in DANGEROUS_SCHEMES:
        return [f"a {scheme(url)}: link is not allowed: it runs a script"]
    if scheme(url) == "data" and not image:
        return ["a data: link is not allowed: only images may be data: URLs"]
    if image and (host := other_host(url)):
        return [f"an image from another host ({host}): {url}: every reader's browser would contact it; {HELP_FILE}"]
    return []


def find_links(markdown: str, first_line: int = 1) -> list[Link]:
    """The internal links and images a page names, for the link checks."""
    text = mask_code(markdown)
    links = []
    for match in inline_links(text):
        links.append(Link(line_of(text, match.start()), match.group(3).strip("<>"), "markdown"))
    for number, url in reference_definitions(text).values():
        links.append(Link(number, url, "markdown"))
    for number, tag, attributes in html_elements(text):
        for name, value in attributes:
            if value and name.lower() in {"href", "src"}:
                links.append(Link(number, value, "html"))
    return sorted(
        (Link(link.line + first_line - 1, link.url, link.kind) for link in links if is_internal(link.url)),
        key=lambda link: (link.line, link.url),
    )


# ---------------------------------------------------------------------------
# The rendered page: a second line of defence
# ---------------------------------------------------------------------------


def check_html(content: str) -> list[tuple[str, str]]:
    """Problems in a page's rendered HTML, each with a piece of text to find it by in the source."""
    problems = []
    for _, tag, attributes in html_elements(content):
        for message in check_element(tag, attributes):
            clue = next(
                (value for name, value in attributes if value and name.lower() in URL_ATTRIBUTES | {"style"}), None
            )
            problems.append((message, clue or f"<{tag}"))
    return problems


def locate(markdown: str, clue: str, first_line: int = 1) -> int:
    """The first line of the page that contains the clue (or a part of it), else the first line."""
    lines = markdown.split("\n")
    for candidate in (clue, html.escape(clue, quote=False), clue[:40], clue.split("/")[-1]):
        if candidate:
            for index, line in enumerate(lines):
                if candidate.lower() in line.lower():
                    return index + first_line
    return first_line
