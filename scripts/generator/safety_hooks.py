"""MkDocs hooks (see `hooks:` in mkdocs.yml) that guard what contributors change.

- Page safety: every page is checked with scripts/generator/page_safety.py before anything
  else touches it, and its rendered HTML is checked again. A <script>, an inline
  event handler, a javascript: link or anything loaded from another host stops
  the build as `docs/<page>.md:<line>: <problem>`.
- Links: a link to a file that is not in the site, or to an anchor that is not on
  its page, stops the build the same way.
- Plain text stays text: what contributors write in front matter, nav titles and
  the text strings of mkdocs.yml is escaped before the theme prints it (the theme's
  templates do not escape). scripts/generator/contributed_text.py refuses markup in those
  places, before the build; under `mkdocs serve` it runs here.
- What protects readers does not depend on these hooks: scripts/generator/build_site.py checks
  the finished HTML and gives it its policies (scripts/generator/finished_html.py) after MkDocs
  has run. `mkdocs serve` does not run build_site.py, so on_post_build runs the same
  pass on the served folder after every rebuild.
- The foot of each page: its "last updated" date from git history (nothing when
  the build has no git history, as from a tarball) for overrides/partials/source-file.html.
"""

from __future__ import annotations

import difflib
import html
import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from selectolax.lexbor import LexborHTMLParser

from scripts.generator import history, paths
from scripts.generator.citation import day_text
from scripts.generator.contributed_text import ContributionError, check_contributions, check_prose
from scripts.generator.finished_html import SiteError, SourceFinder, seal_site
from scripts.generator.memo import Memo
from scripts.generator.page_safety import check_html, check_page, find_links, locate

log = logging.getLogger("mkdocs.hooks.safety")

HINT = "See 'What the checks say' in CONTRIBUTING.md."

state: dict = {"links": [], "serving": False, "checked": None}


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` adds an inline live-reload script to every page it serves, different
    # each time: while previewing, inline scripts are allowed (every other rule stays).
    state["serving"] = command == "serve"


PLAIN_TEXT_KEYS = ("site_name", "site_description", "site_author")


def on_config(config):
    state["links"] = []
    state["checked"] = Memo("page-html")  # pages' rendered HTML that passed check_html
    history.forget()
    if state["serving"]:  # `make site` checks these in scripts/generator/build_site.py, before MkDocs runs
        try:
            check_contributions(Path(config["config_file_path"]))
            check_prose(Path(config["config_file_path"]))
        except ContributionError as error:
            raise PluginError(f"{error}\n{HINT}") from None
    for key in PLAIN_TEXT_KEYS:
        if isinstance(config.get(key), str):
            config[key] = html.escape(config[key])
    config["extra"] = escaped(config.get("extra") or {})
    if config.get("nav"):
        config["nav"] = escaped_nav(config["nav"])
    return config


def escaped(value):
    """Every string in a structure, HTML-escaped (quotes too): the theme prints them as they are."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [escaped(item) for item in value]
    if isinstance(value, dict):
        return type(value)((key, escaped(item)) for key, item in value.items())
    return value


def escaped_nav(nav):
    """The nav with its titles escaped (its paths left alone)."""
    if isinstance(nav, list):
        return [escaped_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {html.escape(str(title)): escaped_nav(item) for title, item in nav.items()}
    return nav


# ---------------------------------------------------------------------------
# Pages: safety, links to files, last updated
# ---------------------------------------------------------------------------


@event_priority(100)  # before scripts/generator/site_hooks.py expands shortcodes: line numbers are the file's
def on_page_markdown(markdown: str, page, config, files) -> str:
    where = f"docs/{page.file.src_uri}"
    first = 1 + front_matter_lines(page, markdown)
    problems = [(problem.line, problem.message) for problem in check_page(markdown, first)]
    for link in find_links(markdown, first):
        path, fragment = split_url(link.url)
        if link.kind == "html":  # raw HTML: relative to the page's address, checked in the built site
            state["links"].append((where, link.line, page.file.dest_uri, link.url, link.url, None))
        elif path.startswith("/"):
            problems.append((link.line, f"link '{link.url}' starts with '/': link to the file, relative to this page"))
        elif path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
            found = files.get_file_from_path(target)
            if target.startswith(".."):
                problems.append(
                    (link.line, f"link '{link.url}' points outside docs/: link to the file on GitHub instead")
                )
            elif found is None:
                problems.append(
                    (link.line, f"link '{link.url}': there is no file docs/{target}.{suggest(target, files)}")
                )
            elif fragment and found.is_documentation_page():  # the anchor is checked once the page is built
                state["links"].append(
                    (where, link.line, found.dest_uri, "#" + fragment, link.url, f"docs/{found.src_uri}")
                )
        elif fragment:
            state["links"].append((where, link.line, page.file.dest_uri, "#" + fragment, link.url, "this page"))
    if problems:
        raise PluginError(report(where, problems))
    for key, value in list(page.meta.items()):
        if isinstance(value, str):
            page.meta[key] = html.escape(value)  # printed by the theme as it is
    published, updated = history.file_days(Path(page.file.abs_src_path)) if page.file.abs_src_path else (None, None)
    page.meta["published_day"], page.meta["updated_day"] = published, updated  # for the page's dates and citation
    page.meta["last_updated"] = {"iso": updated.isoformat(), "text": day_text(updated)} if updated else None
    return markdown


@event_priority(-100)  # after every other hook: this is the HTML readers get
def on_page_content(content: str, page, config, files) -> str:
    if state["checked"].get(content) is not None:  # this very HTML passed at an earlier build
        return content
    problems = check_html(content)
    if problems:
        where = f"docs/{page.file.src_uri}"
        source = page.file.content_string
        raise PluginError(report(where, [(locate(source, clue), message) for message, clue in problems]))
    state["checked"].put(content)
    return content


def report(where: str, problems: list[tuple[int, str]], hint: bool = True) -> str:
    lines = [f"{where}:{number}: {message}" for number, message in sorted(set(problems))]
    return "\n".join(lines + ([HINT] if hint else []))


def front_matter_lines(page, markdown: str) -> int:
    """MkDocs hands hooks the page without its front matter; errors must count the lines of the file."""
    source = page.file.content_string
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def split_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url.strip().strip("<>"))
    return unquote(parts.path), unquote(parts.fragment)


def suggest(target: str, files) -> str:
    known = [
        file.src_uri
        for file in files
        if not file.src_uri.startswith("assets/javascripts/lunr") and not file.inclusion.is_excluded()
    ]
    close = difflib.get_close_matches(target, known, n=1, cutoff=0.5)
    return f" Did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------------------
# Links in raw HTML and anchors, checked against the built site
# ---------------------------------------------------------------------------


def page_ids(path: Path) -> set[str]:
    """Every id and name on a built page, as a browser parses it."""
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    return {value for node in tree.css("[id], [name]") for key in ("id", "name") if (value := node.attributes.get(key))}


@event_priority(-100)  # after scripts/generator/site_hooks.py has written its pages
def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    problems: dict[str, list[tuple[int, str]]] = {}
    ids: dict[Path, set[str]] = {}
    for where, number, from_file, url, shown, target in state["links"]:
        problem = broken(site, from_file, url, ids, shown, target)
        if problem:
            problems.setdefault(where, []).append((number, problem))
    if problems:
        raise PluginError(
            "\n".join([report(where, found, hint=False) for where, found in sorted(problems.items())] + [HINT])
        )
    state["checked"].forget_unused()
    seal_served(config)  # last: after the chart pages (scripts/generator/site_hooks.py) and the link checks


def seal_served(config) -> None:
    if not state["serving"]:
        return  # scripts/generator/build_site.py runs this pass on the finished site itself
    finder = SourceFinder(paths.ROOT, Path(config["docs_dir"]), Path(config["config_file_path"]))
    try:
        seal_site(Path(config["site_dir"]), finder, serving=True)
    except SiteError as error:
        raise PluginError(f"the finished pages hold what readers must not get:\n{error}\n{HINT}") from None


def broken(
    site: Path, from_file: str, url: str, ids: dict[Path, set[str]], shown: str | None = None, target: str | None = None
) -> str | None:
    """What is wrong with a link from the built file from_file (a path in the site), or None.
    shown and target: the link as the page writes it and the page it names, for the message."""
    path, fragment = split_url(url)
    url = shown or url
    if path.startswith("/"):
        return f"link '{url}' starts with '/': use a path relative to this page"
    target_path = posixpath.normpath(posixpath.join(posixpath.dirname(from_file), path)) if path else from_file
    if target_path.startswith(".."):
        return f"link '{url}' points outside the site"
    file = site / target_path
    if file.is_dir() or path.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        return f"link '{url}': the built site has no {file.relative_to(site).as_posix()}"
    if fragment and file.suffix == ".html":
        if file not in ids:
            ids[file] = page_ids(file)
        if fragment not in ids[file]:
            where = target or file.relative_to(site).as_posix()
            return (
                f"link '{url}': there is no anchor #{fragment} on {where} (a heading's anchor is the end of its ¶ link)"
            )
    return None
