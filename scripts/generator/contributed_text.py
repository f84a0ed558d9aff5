"""What contributors write outside the pages' bodies, checked before anything is built.

Contributors change content: docs/**/*.md with their front matter, the nav and
the text strings of mkdocs.yml (site_name, site_description, site_author,
copyright, extra.*), chart files' text constants, and the data. All of it is
printed into pages by templates that do not escape it, so it is checked here,
naming the file and line that holds it:

- Plain-text places (front matter, nav titles, site_name, site_description,
  site_author, extra.*, chart texts) hold no markup: a tag, a comment or a
  declaration ("<" followed by a letter, "/", "!" or "?") stops the build. Their
  "&", "<", ">" and quotes are escaped when the page is rendered (the hooks).
- copyright may hold a few inline tags (COPYRIGHT_TAGS); links in it are checked
  like the pages' links.
- Code is not content, and no check can make it safe: Python, JavaScript,
  templates, workflows, and the hooks and plugins of mkdocs.yml. The build runs
  only the hooks and plugins listed here (mkdocs-macros, for one, would render
  every page as a template able to read files), and docs/ may serve files as they
  are (.html, .js, .svg, .css, ...) only when SERVED_AS_IS lists them. Changing
  these lists, like any code, needs a maintainer's review (.github/CODEOWNERS).

Country names reach pages from the data; scripts/unhcr/raw_tables.py checks them the
same way, naming the raw file and its line.
"""

from __future__ import annotations

import ast
import datetime
import os
import re
from pathlib import Path

import yaml
from selectolax.lexbor import LexborHTMLParser

from scripts.generator import paths, yaml_loader
from scripts.generator.claims import ClaimsError, claimed_outside_quotes, load_records
from scripts.generator.memo import Memo
from scripts.generator.page_safety import check_attribute
from scripts.generator.sources import SourceError, load_register
from scripts.generator.typed_numbers import HINT as NUMBER_HINT
from scripts.generator.typed_numbers import in_code_text, typed_numbers

MARKUP = re.compile(r"<[A-Za-z/!?]")
PLAIN_CONFIG_KEYS = ("site_name", "site_description", "site_author")
COPYRIGHT_TAGS = {"a": {"href", "title"}, "em": set(), "strong": set(), "br": set(), "span": set()}

# The only hooks and plugins the build runs (code, reviewed like code).
ALLOWED_HOOKS = ("scripts/generator/site_hooks.py", "scripts/generator/safety_hooks.py")
ALLOWED_PLUGINS = ("search",)

# Files under docs/ that are served exactly as they are: our own code, reviewed as code.
SERVED_AS_IS = ("assets/javascripts/charts.js", "assets/stylesheets/site.css")
ACTIVE_SUFFIXES = {
    ".html",
    ".htm",
    ".xhtml",
    ".shtml",
    ".js",
    ".mjs",
    ".cjs",
    ".svg",
    ".svgz",
    ".xml",
    ".xsl",
    ".xslt",
    ".css",
    ".wasm",
    ".swf",
    ".pdf",
    ".php",
    ".htaccess",
}


class ContributionError(Exception):
    """Something a contributor wrote cannot go into pages; the message names file and line."""


def markup_problem(text: str) -> str | None:
    match = MARKUP.search(text)
    if not match:
        return None
    snippet = text[match.start() : match.start() + 20].split(">")[0]
    return (
        f"holds markup ({snippet}…): this text is printed as plain text, so it may not contain tags "
        "(a '<' followed by a space or a digit is fine)"
    )


def check_contributions(config_path: Path) -> Path:
    """Check everything a contributor controls besides the pages' bodies; the docs folder, for later steps."""
    config_path = Path(config_path)
    problems: list[str] = []
    config = compose(config_path)
    where = shown(config_path)
    values = mapping(config)
    for key in PLAIN_CONFIG_KEYS:
        if key in values:
            problems += plain_strings(values[key], where, key)
    if "extra" in values:
        problems += plain_strings(values["extra"], where, "extra")
    if "nav" in values:
        problems += nav_titles(values["nav"], where)
    if "copyright" in values:
        problems += copyright_problems(values["copyright"], where)
    problems += code_in_config(values, config_path)
    docs = config_path.parent / scalar(values.get("docs_dir"), "docs")
    for page in sorted(docs.rglob("*")):
        relative = page.relative_to(docs).as_posix()
        if page.suffix == ".md":
            problems += front_matter_problems(page)
        elif (
            page.is_file()
            and (page.suffix.lower() in ACTIVE_SUFFIXES or page.name.startswith(".ht"))
            and relative not in SERVED_AS_IS
        ):
            problems.append(
                f"{shown(page)}: a file served exactly as it is ({page.suffix or page.name}) can run code or load from "
                "other sites in readers' browsers; such files are code: a maintainer adds them to SERVED_AS_IS "
                "in scripts/generator/contributed_text.py after review"
            )
    for chart in sorted(paths.CHARTS.glob("[!_]*.py")):
        problems += chart_text_problems(chart)
    try:
        register = load_register(docs / "sources.yml")
    except SourceError as error:
        problems.append(str(error))
        register = {}
    for records in sorted(docs.glob("*.claims.yml")):
        try:
            load_records(records, build_year(), set(register))
        except ClaimsError as error:
            problems.append(str(error))
    if problems:
        raise ContributionError("\n".join(problems))
    return docs


# --- mkdocs.yml ----------------------------------------------------------------------------


class _AnyTags(yaml_loader.SAFE_LOADER):
    """Composes mkdocs.yml whatever its tags (!ENV ...): only the nodes and their lines are read."""


def compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=_AnyTags)
    except yaml.YAMLError as error:
        raise ContributionError(f"{shown(path)}: not valid YAML: {error}") from None


def mapping(node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def scalar(node, default: str = "") -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") else default


def line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def strings(node: yaml.Node, label: str):
    """(label, node) for every string scalar under node."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":str"):
            yield label, node
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from strings(item, f"{label}[{index}]")
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from strings(value, f"{label}.{key.value}")


def plain_strings(node: yaml.Node, where: str, label: str) -> list[str]:
    problems = []
    for name, item in strings(node, label):
        problem = markup_problem(item.value)
        if problem:
            problems.append(f"{where}:{line(item)}: {name} {problem}")
    return problems


def nav_titles(node: yaml.Node, where: str) -> list[str]:
    """Every title in the nav (the keys of its entries), at any depth."""
    problems = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems += nav_titles(item, where)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            problem = markup_problem(str(key.value))
            if problem:
                problems.append(f"{where}:{line(key)}: the nav title {key.value!r} {problem}")
            problems += nav_titles(value, where)
    return problems


def copyright_problems(node: yaml.Node, where: str) -> list[str]:
    text = scalar(node)
    fragment = LexborHTMLParser(f"<body>{text}</body>")
    problems = []
    for element in fragment.body.traverse(include_text=False) if fragment.body else []:
        if element.tag in ("body", "-text") or element.tag.startswith("_"):
            continue
        allowed = COPYRIGHT_TAGS.get(element.tag)
        if allowed is None:
            problems.append(
                f"{where}:{line(node)}: copyright may hold only the tags {', '.join(sorted(COPYRIGHT_TAGS))}; "
                f"it holds <{element.tag}>"
            )
            continue
        for name, value in element.attributes.items():
            if name not in allowed:
                problems.append(f"{where}:{line(node)}: copyright: {name}= on <{element.tag}> is not allowed")
            problems += [
                f"{where}:{line(node)}: copyright: {message}"
                for message in check_attribute(element.tag, name, value or "")
            ]
    if "<!--" in text:
        problems.append(f"{where}:{line(node)}: copyright may not hold an HTML comment")
    return problems


def code_in_config(values: dict[str, yaml.Node], config_path: Path) -> list[str]:
    where = shown(config_path)
    problems = []
    for item in values["hooks"].value if isinstance(values.get("hooks"), yaml.SequenceNode) else []:
        hook = Path(scalar(item))
        hook = hook if hook.is_absolute() else config_path.parent / hook
        # The generator's own hook files, wherever the project is (a project's copies are not these).
        if hook.resolve() not in {(paths.CODE / allowed).resolve() for allowed in ALLOWED_HOOKS}:
            problems.append(
                f"{where}:{line(item)}: the hook {scalar(item)} is not one the build runs "
                f"({', '.join(ALLOWED_HOOKS)}); hooks are code: a maintainer adds one to ALLOWED_HOOKS "
                "in scripts/generator/contributed_text.py after review"
            )
    for item in values["plugins"].value if isinstance(values.get("plugins"), yaml.SequenceNode) else []:
        name = scalar(item) or next(iter(mapping(item)), "")
        if name not in ALLOWED_PLUGINS:
            problems.append(
                f"{where}:{line(item)}: the plugin {name!r} is not one the build runs "
                f"({', '.join(ALLOWED_PLUGINS)}); plugins are code (some render pages as templates "
                "that can read any file): a maintainer adds one to ALLOWED_PLUGINS after review"
            )
    return problems


# --- pages' front matter ----------------------------------------------------------------------


def front_matter_problems(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    match = re.match(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(\n|$)", text, re.S)
    if not match:
        return []
    try:
        node = yaml_loader.compose(match.group(1))
    except yaml.YAMLError as error:
        return [f"{shown(page)}: the front matter is not valid YAML: {error}"]
    problems = []
    for name, item in strings(node, "front matter") if node is not None else []:
        problem = markup_problem(item.value)
        if problem:
            problems.append(
                f"{shown(page)}:{line(item) + 1}: {name.replace('front matter.', 'front matter ')} {problem}"
            )
    return problems


# --- chart files' texts -------------------------------------------------------------------------


def chart_text_problems(chart: Path, numbers: bool = False) -> list[str]:
    """Every string in a chart file's module-level UPPER_CASE constants (its texts, today's and later ones)."""
    try:
        tree = ast.parse(chart.read_text(encoding="utf-8"), filename=str(chart))
    except SyntaxError:
        return []  # the chart registry reports it, with its line
    problems = []
    for statement in tree.body:
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else ([statement.target] if isinstance(statement, ast.AnnAssign) else [])
        )
        names = [target.id for target in targets if isinstance(target, ast.Name) and target.id.isupper()]
        if not names or statement.value is None:
            continue
        for node in ast.walk(statement.value):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                problem = markup_problem(node.value)
                if problem:
                    problems.append(f"{shown(chart)}:{node.lineno}: {names[0]} {problem}")
                if numbers and names[0] in READER_TEXTS:
                    problems += [
                        f"{shown(chart)}:{node.lineno}: {names[0]} holds the typed number {found!r}; "
                        "write a {figure} from the data instead"
                        for found in in_code_text(node.value)
                    ]
    return problems


# A chart's texts that readers see, where numbers come from figures.
READER_TEXTS = ("TITLE", "SUBTITLE", "DESCRIPTION", "NOTES")


# --- numbers typed by hand -----------------------------------------------------------------------


def check_prose(config_path: Path) -> None:
    """No number typed by hand: in the pages, the charts' texts and the table texts. It runs after the
    safety checks (a hostile page is refused for what it does, before anything is said of its digits)."""
    config_path = Path(config_path)
    docs = config_path.parent / scalar(mapping(compose(config_path)).get("docs_dir"), "docs")
    problems = []
    memo = Memo("numbers", str(build_year()))  # pages that passed, at an earlier build, as they are now
    for page in sorted(docs.rglob("*.md")):
        text = f"{shown(page)}\0{page.read_text(encoding='utf-8')}"
        if memo.get(text) is None:
            found = number_problems(page)
            problems += found
            if not found:
                memo.put(text)
    for chart in sorted(paths.CHARTS.glob("[!_]*.py")):
        problems += [problem for problem in chart_text_problems(chart, numbers=True) if "typed number" in problem]
    for texts in sorted(docs.glob("texts.*.yml")):
        problems += table_text_problems(texts)
    if problems:
        raise ContributionError("\n".join(problems))
    memo.forget_unused()


def number_problems(page: Path) -> list[str]:
    """A page's typed numbers, unquoted quotations and malformed dates (scripts/generator/typed_numbers.py),
    and claimed numbers outside quotations."""
    text = page.read_text(encoding="utf-8")
    found = typed_numbers(text, build_year())
    problems = [f"{shown(page)}:{number}: {what}" for number, what in found]
    problems += [
        f"{shown(page)}:{number}: {claimed} is a claimed number: it stands only in <q cite=…>"
        for number, claimed in claimed_outside_quotes(text)
    ]
    if any("typed number" in what for _, what in found):
        problems.append(f"{shown(page)}: {NUMBER_HINT}")
    return problems


def table_text_problems(path: Path) -> list[str]:
    """Page-table headers and cell sentences (texts.<language>.yml, tables:) hold no typed number."""
    try:
        node = yaml_loader.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"{shown(path)}: not valid YAML: {error}"]
    tables = next((value for key, value in node.value if key.value == "tables"), None) if node else None
    problems = []
    for name, item in strings(tables, "tables") if tables is not None else []:
        problems += [
            f"{shown(path)}:{line(item)}: {name} holds the typed number {found!r}; a number comes from the data"
            for found in in_code_text(item.value)
        ]
    return problems


def build_year() -> int:
    """The year of this build: SOURCE_DATE_EPOCH's when set (a rebuild of an old commit), else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).year
    return datetime.date.today().year


def shown(path: Path) -> str:
    return paths.shown(Path(path))
