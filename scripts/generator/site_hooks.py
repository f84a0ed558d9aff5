"""MkDocs hooks (see `hooks:` in mkdocs.yml): the bridge from the pipeline to the pages.

- Before the build, run the data pipeline (it skips itself when nothing changed)
  and load its figures and chart texts.
- Add the pipeline's outputs and the Vega runtime to the site as files.
- Expand shortcodes in pages, and stop the build, naming page and line,
  on anything it does not know:
      {{ figure_name }}             a figure the story's code computes, formatted
      <!-- md:chart chart_id -->    a chart from charts/<chart_id>.py
      <!-- md:table table_name -->  a table the story's code makes
      <!-- md:sources id id … -->  the sources named, from the register docs/sources.yml
      <!-- md:claims name -->       a fact check's records, docs/<name>.claims.yml
  (The story's code is found through [tool.story] in pyproject.toml: see
  scripts/generator/project.py. This module never imports it.)
- Give every table of a page its scrolling box at build time (see
  `scroll_boxes`), so the theme's script has none to wrap in the browser.
- After the build, report every chart that no page uses.
"""

from __future__ import annotations

import difflib
import functools
import json
import logging
import re
import secrets
import subprocess
import sys
from html import escape, unescape
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from scripts.generator import claims, explainer, history, paths, pipeline, project, publisher
from scripts.generator.citation import citation_html, dates_html
from scripts.generator.contributed_text import build_year
from scripts.generator.figures import Figure, read_figures
from scripts.generator.layout import NARROW_MEDIA, TABLE_CLASS
from scripts.generator.sources import load_register, source_list
from scripts.generator.texts import DEFAULT_LANGUAGE
from scripts.generator.wording import Wording

log = logging.getLogger("mkdocs.hooks.site")

FIGURE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
SHORTCODE = re.compile(r"<!--\s*md:(\S+)\s*(.*?)\s*-->")
FENCE = re.compile(r"^\s*(```|~~~)")
VENDOR = {  # file in node_modules -> where the site serves it
    "vega/build/vega.min.js": "assets/vendor/vega.min.js",
    "vega/LICENSE": "assets/vendor/vega.LICENSE.txt",
    "vega-interpreter/LICENSE": "assets/vendor/vega-interpreter.LICENSE.txt",
}
# vega-interpreter evaluates chart expressions without eval(), so the pages'
# Content-Security-Policy can forbid eval. npm ships it only as an ES module
# importing vega-util, whose functions the vega bundle already exposes.
INTERPRETER = ("vega-interpreter/build/vega-interpreter.js", "assets/vendor/vega-interpreter.js")
ESM_IMPORT = re.compile(r"^import \{([\w\s,]+)\} from 'vega-util';$", re.M)
ESM_EXPORT = re.compile(r"^export \{ expression as expressionInterpreter \};$", re.M)

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)

state: dict = {"figures": {}, "charts": {}, "used": {}, "page_charts": {}, "config": None, "slots": {}}


def on_config(config):
    # The up-to-date check is cheap (it hashes the inputs); only real work runs apart, so that
    # its pandas, Altair and vl-convert never load into MkDocs (a page edit rebuilds faster).
    if not pipeline.is_up_to_date():
        result = subprocess.run(
            [sys.executable, "-m", "scripts.generator.pipeline"], cwd=paths.CODE, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise PluginError(result.stderr.strip() or result.stdout.strip() or "the data pipeline failed")
    state["figures"] = read_figures(paths.FIGURES_FILE)
    # Figures are values; the page's language writes them (scripts/generator/wording.py).
    state["wording"] = Wording.for_language(config["theme"]["language"] or DEFAULT_LANGUAGE)
    state["charts"] = json.loads((paths.SPECS / "index.json").read_text(encoding="utf-8"))
    state["used"] = {}
    state["page_charts"] = {}
    state["slots"] = {}
    state["figure_uses"] = {}
    state["sources"] = load_register()
    state["slot_token"] = secrets.token_hex(8)
    state["config"] = config
    # Every page's footer credits the data first: the source and its licence, from the story's
    # settings and the data's sidecar; mkdocs.yml's copyright says the rest.
    credit = escape(
        f"Data: {project.settings().source_line} ({state['wording'].write(state['figures']['licence'])}).", quote=False
    )
    config["copyright"] = f"{credit} {config['copyright']}" if config.get("copyright") else credit
    state["credit"] = unescape(credit)
    # Who publishes the site (scripts/generator/publisher.py): from the deploy's settings, or a notice.
    try:
        state["publisher"] = publisher.read()
    except publisher.PublisherError as error:
        raise PluginError(str(error)) from None
    config["extra"]["publisher_missing"] = state["publisher"].publisher is None  # the banner of overrides/main.html
    if state["publisher"].publisher:
        name = escape(state["publisher"].publisher.name, quote=False)
        config["copyright"] = config["copyright"].replace("Text and charts", f"Published by {name}. Text and charts", 1)
    return config


JINJA_CACHE = paths.BUILD / "jinja"


def on_env(env, config, files):
    """The theme's templates, compiled, are kept between builds in build/jinja/ (compiling them is
    most of what a small build costs). Jinja recompiles a template whose source changed."""
    JINJA_CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(JINJA_CACHE))
    return env


def on_files(files: Files, config) -> Files:
    chart_files = [path for path in sorted(paths.SPECS.iterdir()) if path.suffix in (".json", ".svg", ".png", ".csv")]
    generated = {f"assets/charts/{path.name}": path for path in chart_files if not path.name.endswith(".vl.json")}
    generated.pop("assets/charts/index.json", None)
    generated |= {f"data/{path.name}": path for path in sorted(paths.DERIVED.glob("*.csv"))}
    for source, target in VENDOR.items():
        path = paths.NODE_MODULES / source
        if not path.is_file():
            raise PluginError(f"{paths.shown(path)} is missing: run `make site`, which installs it with `npm ci`")
        generated[target] = path
    for uri, path in generated.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    source, target = INTERPRETER
    files.append(File.generated(config, target, content=as_browser_global(paths.NODE_MODULES / source)))
    return files


def as_browser_global(path: Path) -> str:
    """Turn the vega-interpreter ES module into a script that sets window.vegaInterpreter."""
    code = path.read_text(encoding="utf-8")
    if len(ESM_IMPORT.findall(code)) != 1 or len(ESM_EXPORT.findall(code)) != 1:
        raise PluginError(
            f"{paths.shown(path)}: not the module shape this hook expects; check the vega-interpreter version"
        )
    code = ESM_IMPORT.sub(lambda match: f"const {{{match.group(1)}}} = window.vega;", code)
    code = ESM_EXPORT.sub("window.vegaInterpreter = { expressionInterpreter: expression };", code)
    return f"(function () {{\n{code}\n}})();\n"


def on_page_markdown(markdown: str, page, config, files) -> str:
    where = f"docs/{page.file.src_uri}"
    lines = markdown.split("\n")
    in_fence = False
    first = 1 + front_matter_lines(page, markdown)
    for index, line in enumerate(lines):
        number = first + index
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:  # code samples show shortcodes, they do not use them
            continue
        # what a shortcode writes keeps its line's indent: inside a block (`??? note`), it stays in the block
        indent = line[: len(line) - len(line.lstrip())]
        line = SHORTCODE.sub(lambda match: _shortcode(match, where, number, page).replace("\n", "\n" + indent), line)
        lines[index] = FIGURE.sub(lambda match: _figure(match.group(1), where, number), line)
    return "\n".join(lines)


def front_matter_lines(page, markdown: str) -> int:
    """MkDocs hands hooks the page without its front matter; errors must count the lines of the file."""
    source = page.file.content_string
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def on_page_content(html: str, page, config, files) -> str:
    return with_dates_and_citation(scroll_boxes(html), page, config)


FIRST_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
STANDFIRST = re.compile(r'<p class="standfirst">.*?</p>', re.S)


def with_dates_and_citation(html: str, page, config) -> str:
    """The page's dates under its headline (after the standfirst, when it has one) and, at its end, how to
    cite it and the licence of our text and charts (scripts/generator/citation.py)."""
    published, updated = page.meta.get("published_day"), page.meta.get("updated_day")
    heading = FIRST_HEADING.search(html)
    title = html_text(heading.group(1)) if heading else unescape(page.title or "")
    dates = dates_html(published, updated)
    anchor = STANDFIRST.search(html) or heading
    if dates and anchor:
        html = html[: anchor.end()] + dates + html[anchor.end() :]
    url = config["site_url"] + page.url if config.get("site_url") else ""
    site_name = unescape(config["site_name"])
    return html + citation_html(title, site_name, state["publisher"], published, updated, url, state["credit"])


# A chart goes into the Markdown as a slot and into the page once the theme has rendered it
# (on_post_page): its drawings and data tables are finished HTML, and Markdown, the search
# index and the page checks would only read them through again (most of what a page edit
# costs). The slot is a raw HTML block, left as it is, holding what search should find of the
# chart: its title, subtitle and description. A slot's name holds a token drawn for each build,
# so that no page can write one. The finished page, charts in, is checked outside MkDocs
# (scripts/generator/finished_html.py).
CHART_SLOT = re.compile(r'<div data-chart-slot="([0-9a-f]{16}-\d+)">[^<>]*(?:</?p>[^<>]*)*</div>')


BARE_TABLE_OR_HEADING = re.compile(r"<table>(.*?</table>)|<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)
CAPTION = re.compile(r"^\s*<caption>(.*?)</caption>", re.S)
TAG = re.compile(r"<[^>]+>")


def scroll_boxes(html: str) -> str:
    """A wide table scrolls sideways on a phone in a box the keyboard can reach
    and a screen reader can name ("Table 2, under: Where they go"). The theme
    would build those boxes in the browser for each table without a class, which
    costs a phone a tenth of a second per page; here they are built once, and
    the table gets a class so the theme leaves it alone."""
    heading, number = "", 0

    def box(match: re.Match) -> str:
        nonlocal heading, number
        if match.group(2) is not None:
            heading = html_text(match.group(2))
            return match.group(0)
        number += 1
        caption = CAPTION.match(match.group(1))
        name = (
            f"Table {number}: {html_text(caption.group(1))}"
            if caption
            else (f"Table {number}, under: {heading}" if heading else f"Table {number}")
        )
        table, classes = match.group(1), TABLE_CLASS
        if reads_as_text(table):
            table, classes = labelled_cells(table), f"{TABLE_CLASS} {STACKED_CLASS}"
        return (
            f'<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="{escape(name)}">'
            f'<div class="md-typeset__table"><table class="{classes}">{table}</div></div>'
        )

    return BARE_TABLE_OR_HEADING.sub(box, html)


# A table of sentences (a register, a list of definitions) is read on a phone one row at a time, each
# cell under its column's name (site.css, STACKED_CLASS); a table of numbers keeps its grid and scrolls.
STACKED_CLASS = "data-table--stacked"
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
BODY_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
BODY_CELL = re.compile(r"<td(\b[^>]*)>(.*?)</td>", re.S)
SENTENCE_CELL = 60  # characters: a cell this long is prose


def reads_as_text(table: str) -> bool:
    head, _, body = table.partition("</thead>")
    columns = len(HEADER_CELL.findall(head))
    return 2 <= columns <= 4 and any(len(html_text(cell)) >= SENTENCE_CELL for _, cell in BODY_CELL.findall(body))


def labelled_cells(table: str) -> str:
    """Each body cell carries its column's name (data-label), for the phone's stacked rows."""
    head, separator, body = table.partition("</thead>")
    labels = [html_text(cell) for cell in HEADER_CELL.findall(head)]

    def row(match: re.Match) -> str:
        cells = iter(labels)
        return (
            "<tr>"
            + BODY_CELL.sub(
                lambda cell: f'<td{cell.group(1)} data-label="{escape(next(cells, ""))}">{cell.group(2)}</td>',
                match.group(1),
            )
            + "</tr>"
        )

    return head + separator + BODY_ROW.sub(row, body)


def html_text(fragment: str) -> str:
    """The text a reader sees of an HTML fragment (a heading's permalink sign dropped)."""
    return unescape(TAG.sub("", fragment)).replace("¶", "").strip()


def on_post_page(output: str, page, config) -> str:
    """The charts into their slots; Open Graph and Twitter card tags (a page's card image is its first chart)."""
    output = CHART_SLOT.sub(lambda match: state["slots"].pop(match.group(1), ""), output)
    charts = state["page_charts"].get(page.url) or [project.settings().default_card_chart]
    # Titles and descriptions come HTML-escaped for the theme (scripts/generator/safety_hooks.py);
    # this template escapes them itself.
    tags = social_tags(
        config,
        title=unescape(page.title if page.is_homepage is False else config["site_name"]),
        description=unescape(page.meta.get("description") or config["site_description"]),
        page_url=page.url,
        image=f"assets/charts/{charts[0]}.png",
    )
    return output.replace("</head>", tags + "\n</head>", 1)


def social_tags(config, title: str, description: str, page_url: str, image: str) -> str:
    site_url = config.get("site_url") or ""
    absolute = (lambda path: site_url + path) if site_url else (lambda path: get_relative_url(path, page_url))
    return social_template().render(
        site_name=unescape(config["site_name"]),
        title=title,
        description=description,
        url=site_url + page_url if site_url else "",
        image=absolute(image),
    )


SOCIAL = """<meta property="og:type" content="article">
<meta property="og:site_name" content="{{ site_name }}">
<meta property="og:title" content="{{ title }}">
<meta property="og:description" content="{{ description }}">
{% if url %}<meta property="og:url" content="{{ url }}">
{% endif %}<meta property="og:image" content="{{ image }}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{{ title }}">
<meta name="twitter:description" content="{{ description }}">
<meta name="twitter:image" content="{{ image }}">"""


@functools.cache
def social_template() -> jinja2.Template:
    return TEMPLATES.from_string(SOCIAL)  # compiled once, not once a page


def write_chart_pages(config) -> None:
    """charts/<id>/index.html: each chart alone, to embed in an iframe on other sites."""
    site = Path(config["site_dir"])
    theme_css = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    theme_css += sorted((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    palette = next((entry for entry in (config["theme"].get("palette") or []) if entry.get("primary")), {})
    for chart_id, chart in state["charts"].items():
        page_url = f"charts/{chart_id}/"
        used_on = state["used"].get(chart_id, ["docs/index.md"])[0].removeprefix("docs/")
        story_page = "" if used_on == "index.md" else used_on.removesuffix(".md").removesuffix("index") + "/"
        html = TEMPLATES.get_template("chart_page.html").render(
            chart=chart,
            site_name=unescape(config["site_name"]),
            root="../../",  # chart pages are all at charts/<id>/
            theme_css=[get_relative_url(path.relative_to(site).as_posix(), page_url) for path in theme_css],
            figure=chart_html(chart_id, chart, page_url, config),
            story_url=get_relative_url(story_page.lstrip("/"), page_url) + f"#{chart_id}",
            social=social_tags(config, chart["title"], chart["description"], page_url, f"assets/charts/{chart_id}.png"),
            primary=palette.get("primary", "indigo").replace(" ", "-"),
            accent=palette.get("accent", "indigo").replace(" ", "-"),
            citation=chart_citation(chart_id, chart, page_url, config),
        )
        target = site / "charts" / chart_id / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def chart_citation(chart_id: str, chart: dict, page_url: str, config) -> str:
    """How to cite a chart: dated by its chart file's history (charts/<id>.py)."""
    published, updated = history.file_days(paths.CHARTS / f"{chart_id}.py")
    url = config["site_url"] + page_url if config.get("site_url") else ""
    site_name = unescape(config["site_name"])
    credit = state["credit"]
    return citation_html(chart["title"], site_name, state["publisher"], published, updated, url, credit, "chart")


def on_post_build(config) -> None:
    write_chart_pages(config)
    details = state["publisher"]
    if details.publisher and details.publisher.key:  # the public key readers at risk encrypt with
        (Path(config["site_dir"]) / publisher.KEY_FILE).write_text(details.publisher.key + "\n", encoding="utf-8")
    write_figure_uses()
    for chart_id in sorted(set(state["charts"]) - set(state["used"])):
        log.warning(
            f"chart '{chart_id}' (charts/{chart_id}.py) is not used by any page: add <!-- md:chart {chart_id} -->"
        )


FIGURE_USES = paths.BUILD / "figures-used.json"


def write_figure_uses() -> None:
    """Where each figure is used (pages, chart texts, fact-check records, the charts' credit), and
    the figures nothing uses, into build/figures-used.json; the build says how many of each."""
    uses = {name: list(places) for name, places in state["figure_uses"].items()}
    for chart_id, chart in state["charts"].items():
        for name in chart.get("figures_used", []):
            uses.setdefault(name, []).append(f"charts/{chart_id}.py")
    for name in project.REQUIRED_FIGURES:
        uses.setdefault(name, []).append("scripts/generator/charts.py (every chart's credit)")
    unused = sorted(set(state["figures"]) - set(uses))
    FIGURE_USES.parent.mkdir(exist_ok=True)
    FIGURE_USES.write_text(
        json.dumps({"used": dict(sorted(uses.items())), "unused": unused}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    log.info(f"figures: {len(uses)} used, {len(unused)} unused ({paths.shown(FIGURE_USES)} says where)")


# How a page may ask for a figure to be written other than by its kind: `{{ name | rounded }}` writes
# a count roughly ("about 180,000"); the exact count belongs in tables and tooltips.
WAYS = {"rounded": ("count", "rounded")}


def _figure(reference: str, where: str, number: int) -> str:
    figures: dict[str, Figure] = state["figures"]
    name, _, way = (part.strip() for part in reference.partition("|"))
    if way and way not in WAYS:
        raise PluginError(
            f"{where}:{number}: '{{{{ {reference} }}}}' asks for '{way}'; a figure can be written "
            + ", ".join(f"'{{{{ name | {known} }}}}' (a {kinds[0]})" for known, kinds in WAYS.items())
        )
    if name not in figures:
        hint = _did_you_mean(name, figures)
        raise PluginError(
            f"{where}:{number}: unknown figure '{{{{ {name} }}}}'.{hint} "
            f"Every figure is listed, with what it is, in {project.settings().catalogue}"
        )
    figure = figures[name]
    if way:
        kind, written_as = WAYS[way]
        if figure.kind != kind:
            raise PluginError(
                f"{where}:{number}: '{{{{ {reference} }}}}': {name} is a {figure.kind}; only a {kind} can be written {way}"
            )
        figure = Figure(value=figure.value, kind=written_as, about=figure.about)
    state["figure_uses"].setdefault(name, []).append(f"{where}:{number}")
    return escape(state["wording"].write(figure), quote=False)  # text from the data is text, in Markdown too


def _shortcode(match: re.Match, where: str, number: int, page) -> str:
    kind, argument = match.group(1), match.group(2)
    if kind == "table":
        return _table(argument, where, number)
    if kind == "sources":
        return _sources(argument, where, number)
    if kind == "claims":
        return to_page_addresses(_claims(argument, where, number), page.url)
    if kind == "contact":
        key_url = get_relative_url(publisher.KEY_FILE, page.url)
        return "\n\n" + publisher.contact_html(state["publisher"], key_url) + "\n\n"
    if kind == "explainer":
        if argument not in explainer.EXPLAINERS:
            raise PluginError(
                f"{where}:{number}: unknown explainer '{argument}'; the explainers are {', '.join(explainer.EXPLAINERS)}"
            )
        return "\n\n" + explainer.EXPLAINERS[argument]() + "\n\n"
    if kind == "report":
        return "\n\n" + publisher.report_html(state["publisher"]) + "\n\n"
    if kind != "chart":
        raise PluginError(
            f"{where}:{number}: unknown shortcode 'md:{kind}'; the shortcodes are <!-- md:chart chart_id -->, "
            "<!-- md:table table_name -->, <!-- md:sources source_id … -->, <!-- md:explainer name -->, <!-- md:contact --> and <!-- md:report -->"
        )
    if argument not in state["charts"]:  # the registry's ids only: never a path
        hint = _did_you_mean(argument, state["charts"])
        raise PluginError(f"{where}:{number}: unknown chart id '{argument}'.{hint} Charts are the files in charts/")
    state["used"].setdefault(argument, []).append(where)
    state["page_charts"].setdefault(page.url, []).append(argument)
    slot = f"{state['slot_token']}-{sum(len(used) for used in state['used'].values())}"
    chart = state["charts"][argument]
    state["slots"][slot] = chart_html(argument, chart, page.url, state["config"]).strip()
    found = "".join(f"<p>{escape(chart[name], quote=False)}</p>" for name in ("title", "subtitle", "description"))
    return f'\n\n<div data-chart-slot="{slot}">{found}</div>\n\n'


TABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _table(name: str, where: str, number: int) -> str:
    known = sorted(p.stem for p in paths.PAGE_TABLES.glob("*.md"))
    if not TABLE_NAME.fullmatch(name):
        # A name, never a path: /, \ or .. would reach files outside the tables.
        raise PluginError(
            f"{where}:{number}: '{name}' is not a table name: a shortcode names a table "
            f"(letters, digits and _), never a path. The tables: {', '.join(known)}"
        )
    path = paths.PAGE_TABLES / f"{name}.md"
    if name not in known:
        raise PluginError(
            f"{where}:{number}: unknown table '{name}'.{_did_you_mean(name, known)} Tables are defined in the story's code ({project.settings().code})"
        )
    return "\n\n" + path.read_text(encoding="utf-8") + "\n"


def _sources(argument: str, where: str, number: int) -> str:
    """The page's list of sources, from the register (docs/sources.yml), in the order the page names them."""
    ids = argument.split()
    register = state["sources"]
    if not ids:
        raise PluginError(
            f"{where}:{number}: <!-- md:sources --> names no source; name them by their ids in docs/sources.yml"
        )
    for source_id in ids:
        if source_id not in register:
            hint = _did_you_mean(source_id, register)
            raise PluginError(
                f"{where}:{number}: unknown source '{source_id}'.{hint} Sources are the entries of docs/sources.yml"
            )
    return "\n\n" + source_list(ids, register) + "\n"


PAGE_LINK = re.compile(r'href="((?:[a-z0-9_-]+/)*[a-z0-9_-]+)\.md(#[^"]*)?"')


def to_page_addresses(html: str, page_url: str) -> str:
    """Links to pages written as Markdown links to files (forced-returns.md#wang-jingyu), in HTML that MkDocs does
    not read (the fact check's cards), made the addresses the site publishes, relative to the page."""

    def address(match: re.Match) -> str:
        target = match.group(1)
        url = "" if target == "index" else (target.removesuffix("/index") + "/")
        return f'href="{get_relative_url(url, page_url) or "./"}{match.group(2) or ""}"'

    return PAGE_LINK.sub(address, html)


def _claims(name: str, where: str, number: int) -> str:
    """A fact check's records (docs/<name>.claims.yml) as the page's cards, their figures filled in."""
    if not claims.NAME.fullmatch(name):
        raise PluginError(f"{where}:{number}: '{name}' is not a records name: it names docs/<name>.claims.yml")
    path = claims.records_path(name)
    if not path.is_file():
        raise PluginError(f"{where}:{number}: unknown records '{name}': there is no docs/{name}.claims.yml")
    try:
        records = claims.load_records(path, build_year(), set(state["sources"]))
        for claim in records.claims:
            for field, text in claim.fields.items():
                for figure in claims.PLACEHOLDER.findall(text):
                    state["figure_uses"].setdefault(figure, []).append(f"{paths.shown(path)}:{claim.lines[field]}")
        return "\n\n" + claims.cards(records, state["figures"], state["sources"], state["wording"], name) + "\n\n"
    except claims.ClaimsError as error:
        raise PluginError(str(error)) from None


def chart_html(chart_id: str, chart: dict, page_url: str, config=None) -> str:
    """The figure for one chart; URLs relative to the page at page_url."""
    chart_page = get_relative_url(f"charts/{chart_id}/", page_url)
    site_url = (config or {}).get("site_url") if config else None
    html = TEMPLATES.get_template("chart.html").render(
        id=chart_id,
        chart=chart,
        assets=get_relative_url("assets/charts/", page_url),
        release=state["wording"].write(state["figures"]["release"]),
        narrow_media=NARROW_MEDIA,
        chart_page=chart_page,
        chart_page_absolute=f"{site_url}charts/{chart_id}/" if site_url else chart_page,
    )
    return f"\n\n{html}\n\n"


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" Did you mean '{close[0]}'?" if close else ""
