"""One register of sources (docs/sources.yml), and the list a page shows with <!-- md:sources id id … -->.

Each source is written once, with fixed fields:

    article:                      # its id: pages cite it as <q cite="#source-article">
      publisher: The Epoch Times
      author: ...                 # where known: the people who wrote it, as the source names them
      title: Number of Chinese ...  # its own title (a headline, a report's name)
      date: "2022-06-21"          # YYYY, YYYY-MM or YYYY-MM-DD: when it was published
      link: https://...           # where it can be read; without one, a via is required
      language: en                # the language of what the link opens (en, zh-Hans …)
      via:                        # where else it can be read (a republication, a quotation, an announcement)
        label: republished by
        title: ...
        link: https://...
        language: zh-Hans
      note: ...                   # optional: a sentence about the source, without typed numbers

Publisher, title, date and a link (its own, or a via's where its own address could not be
checked) are required: a reader can find every source we cite.
A page lists the sources it draws on, in its own order, with the shortcode; each
entry gets the id `source-<id>`, so that quotations on the page can point to it.
The register is read and checked before MkDocs runs (scripts/generator/contributed_text.py);
a mistake names the file, the line and the field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from scripts.generator import paths, yaml_loader
from scripts.generator.errors import BuildError
from scripts.generator.typed_numbers import numbers_in

REGISTER = paths.DOCS / "sources.yml"
ID = re.compile(r"[a-z][a-z0-9-]*")
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
MARKUP = re.compile(r"<[A-Za-z!/?]")
FIELDS = {"publisher": True, "author": False, "title": True, "date": True, "link": False, "language": True}
VIA_FIELDS = {"label": True, "title": True, "link": True, "language": True}
LANGUAGE_NAMES = {"zh": "Chinese", "zh-Hans": "Chinese", "zh-Hant": "Chinese", "fr": "French", "de": "German"}


class SourceError(BuildError):
    """The register of sources holds a mistake; the message names the file, the line and the field."""


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    date: str
    language: str
    author: str = ""
    title: str = ""
    link: str = ""
    via: dict | None = None
    note: str = ""


def load_register(path: Path = REGISTER) -> dict[str, Source]:
    if not path.is_file():
        return {}
    where = paths.shown(path)
    try:
        node = yaml_loader.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SourceError(f"{where}: not valid YAML: {error}") from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(f"{where}:{node.start_mark.line + 1}: the register maps each source's id to its fields")
    problems, register = [], {}
    for key, value in node.value:
        source, found = read_source(key, value, where)
        problems += found
        if source:
            register[source.id] = source
    if problems:
        raise SourceError("\n".join(problems))
    return register


def read_source(key: yaml.Node, value: yaml.Node, where: str) -> tuple[Source | None, list[str]]:
    at = f"{where}:{key.start_mark.line + 1}"
    if not ID.fullmatch(str(key.value)):
        return None, [f"{at}: '{key.value}' is not a source id (lower-case letters, digits and -)"]
    if not isinstance(value, yaml.MappingNode):
        return None, [f"{at}: source '{key.value}' must be a mapping of its fields"]
    fields = {item_key.value: item for item_key, item in value.value}
    problems = [
        f"{at}: source '{key.value}' has the unknown field '{name}'"
        for name in fields.keys() - FIELDS.keys() - {"via", "note"}
    ]
    values = {}
    for name, required in FIELDS.items():
        text, problem = text_field(fields.get(name), name, required, where, key.value)
        problems += [problem] if problem else []
        values[name] = text
    values["note"], problem = text_field(fields.get("note"), "note", False, where, key.value)
    problems += [problem] if problem else []
    if values["note"] and numbers_in(values["note"]):
        line = fields["note"].start_mark.line + 1
        problems.append(
            f"{where}:{line}: source '{key.value}' note holds the typed number {numbers_in(values['note'])[0]!r}"
        )
    if values["date"] and not valid_date(values["date"]):
        line = fields["date"].start_mark.line + 1
        problems.append(
            f"{where}:{line}: source '{key.value}' date {values['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        )
    if values["language"] and not LANGUAGE.fullmatch(values["language"]):
        line = fields["language"].start_mark.line + 1
        problems.append(
            f"{where}:{line}: source '{key.value}' language {values['language']!r} is not a language tag (en, zh-Hans …)"
        )
    problems += link_problems(values["link"], fields.get("link"), where, key.value)
    via = None
    if "via" in fields:
        via, found = read_via(fields["via"], where, key.value)
        problems += found
    elif not values["link"]:
        problems.append(f"{at}: source '{key.value}' has no link (or a via: where it can be read)")
    return Source(id=key.value, via=via, **values), problems


def text_field(node: yaml.Node | None, name: str, required: bool, where: str, source: str) -> tuple[str, str | None]:
    if node is None:
        return "", (f"{where}: source '{source}' has no {name}" if required else None)
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        return "", f"{where}:{line}: source '{source}' {name} must be a text"
    if MARKUP.search(node.value):
        return "", f"{where}:{line}: source '{source}' {name} holds markup: this text is printed as plain text"
    return " ".join(str(node.value).split()), None


def read_via(node: yaml.Node, where: str, source: str) -> tuple[dict | None, list[str]]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        return None, [f"{where}:{line}: source '{source}' via must be a mapping ({', '.join(VIA_FIELDS)})"]
    fields = {item_key.value: item for item_key, item in node.value}
    problems = [
        f"{where}:{line}: source '{source}' via has the unknown field '{name}'"
        for name in fields.keys() - VIA_FIELDS.keys()
    ]
    via = {}
    for name in VIA_FIELDS:
        via[name], problem = text_field(fields.get(name), f"via {name}", True, where, source)
        problems += [problem] if problem else []
    problems += link_problems(via["link"], fields.get("link"), where, source)
    return via, problems


def link_problems(link: str, node: yaml.Node | None, where: str, source: str) -> list[str]:
    if link and not re.fullmatch(r"https://[^\s\"'<>]+", link):
        return [f"{where}:{node.start_mark.line + 1}: source '{source}' link must be an https:// address: {link!r}"]
    return []


def valid_date(text: str) -> bool:
    match = DATE.fullmatch(text)
    if not match:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def date_text(date: str) -> str:
    year, month, day = DATE.fullmatch(date).groups()
    if not month:
        return year
    named = datetime.date(int(year), int(month), int(day or 1))
    return f"{named:%B} {year}" if not day else f"{int(day)} {named:%B} {year}"


def cited(title: str, link: str, language: str) -> str:
    lang = "" if language.startswith("en") else f' lang="{escape(language)}"'
    cite = f"<cite{lang}>{text(title)}</cite>" if title else ""
    if not link:
        return cite
    hreflang = "" if language.startswith("en") else f' hreflang="{escape(language)}"'
    in_language = f" (in {LANGUAGE_NAMES.get(language, language)})" if hreflang else ""
    return f'<a href="{escape(link)}"{hreflang}>{cite or escape(link)}</a>{in_language}'


def text(value: str) -> str:
    """A plain-text field as HTML text: <, > and & escaped (quotes need not be, outside attributes)."""
    return escape(value, quote=False)


def entry(source: Source) -> str:
    """One source as a line of a Markdown list, with its anchor."""
    parts = [text(source.publisher)] + ([text(source.author)] if source.author else [])
    work = cited(source.title, source.link, source.language)
    if work:
        parts.append(work)
    parts.append(f'<time datetime="{source.date}">{date_text(source.date)}</time>')
    line = ", ".join(parts)
    if source.via:
        line += f"; {text(source.via['label'])}: " + cited(
            source.via["title"], source.via["link"], source.via["language"]
        )
    line += "."
    if source.note:
        line += f" {text(source.note)}"
    return f'- <span id="source-{source.id}"></span>{line}'


def source_list(ids: list[str], register: dict[str, Source]) -> str:
    return "\n".join(entry(register[source_id]) for source_id in ids)
