"""Figures: named values that pages quote in prose as {{ name }}. The story computes them; this is their model.

A figure is a value and a kind; the words that write it belong to the page's language
(scripts/generator/wording.py), not to the figure. The story's code computes the values
by name; the story's catalogue (`catalogue` in [tool.story]: one line per figure, its
kind and what it is) defines them. The build joins the two and stops when they disagree:
a value with no line in the catalogue, a line with no value, or a value of the wrong kind.

Kinds and their values:
    count     a whole number of people, decisions, countries …    12345
    rounded   a count to be written roughly ("about 120,000")      123456
    year      a year                                               2021
    percent   a share or rate, as a fraction                       0.123
    rank      a place in an order, 1 for the first                 5
    ratio     one number divided by another                        7.7
    country   a country: its ISO 3166-1 alpha-3 code and its name in the data   country("USA", "United States")
    countries a list of countries (may be empty)                   [country(…), …]
    years     a list of years (may be empty)                       [2019, 2020]
    verdict   a fact check's verdict, one of VERDICTS              "wrong"
    direction which way a number went: "up" or "down"              "down"
    text      written as it is, in every language (a release, a licence)   "2025.12.1"
"""

from __future__ import annotations

import json
import linecache
import re
import traceback
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from scripts.generator import paths, yaml_loader
from scripts.generator.errors import BuildError

VERDICTS = ("accurate", "partly_verified", "misleading", "wrong", "unverifiable")
DIRECTIONS = ("up", "down")


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _country(value) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"iso", "name"}
        and isinstance(value["iso"], str)
        and re.fullmatch(r"[A-Z]{3}", value["iso"]) is not None
        and isinstance(value["name"], str)
        and bool(value["name"].strip())
    )


# What each kind's value must be, and how the error describes it.
KINDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "count": (lambda v: _whole(v) and v >= 0, "a whole number, 0 or more"),
    "rounded": (lambda v: _whole(v) and v >= 0, "a whole number, 0 or more"),
    "year": (lambda v: _whole(v) and 1900 <= v <= 2100, "a year"),
    "percent": (lambda v: _number(v), "a fraction (0.123 for 12.3%)"),
    "rank": (lambda v: _whole(v) and v >= 1, "a whole number, 1 or more"),
    "ratio": (lambda v: _number(v), "a number"),
    "country": (_country, 'country("ISO", "name")'),
    "countries": (lambda v: isinstance(v, list) and all(_country(item) for item in v), "a list of country(…)"),
    "years": (lambda v: isinstance(v, list) and all(_whole(item) for item in v), "a list of years"),
    "verdict": (lambda v: v in VERDICTS, f"one of {', '.join(VERDICTS)}"),
    "direction": (lambda v: v in DIRECTIONS, f"one of {', '.join(DIRECTIONS)}"),
    "text": (lambda v: isinstance(v, str), "a text"),
}


def country(iso: str, name: str) -> dict:
    """A country as a figure's value: its ISO 3166-1 alpha-3 code, and its display name in the data's
    language (a language that has its own names for countries looks the code up instead)."""
    return {"iso": str(iso), "name": str(name)}


@dataclass(frozen=True)
class Figure:
    value: object
    kind: str
    about: str

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        valid, wanted = KINDS[self.kind]
        if not valid(self.value):
            raise ValueError(f"a {self.kind} figure's value is {wanted}, not {self.value!r}")


class FigureError(BuildError):
    """A figure could not be computed, or the figures and their catalogue disagree; the message names
    the line of the story's code, or of the catalogue."""


FAILURES = (KeyError, IndexError, TypeError, ValueError, ArithmeticError, AttributeError, NameError, ImportError)


def compute(make: Callable[[], dict], code: Path, tables: dict) -> dict:
    """Run the story's figures code, which returns {name: value}; a failure becomes a FigureError
    naming the line of `code` (a file, or a folder of them) where it failed."""
    try:
        return make()
    except FAILURES as error:
        raise FigureError(where_it_failed(error, code, tables, "a figure could not be computed")) from None


def where_it_failed(error: Exception, code: Path, tables: dict, what: str) -> str:
    """The innermost line of the story's code in the error's traceback, as `file:N (function): what: problem`."""
    code = Path(code).resolve()
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).resolve() == code or Path(frame.filename).resolve().is_relative_to(code)
    ]
    frame = frames[-1] if frames else None
    problem = f"{type(error).__name__}: {error}"
    if isinstance(error, KeyError):
        lacking = [name for name, table in tables.items() if str(error.args[0]) not in table.columns]
        problem += f" (no such column or row; the derived tables are {', '.join(tables)})" if lacking else ""
    if frame is None:
        return f"{paths.shown(code)}: {what}: {problem}"
    line = linecache.getline(frame.filename, frame.lineno).strip()
    return f"{paths.shown(Path(frame.filename))}:{frame.lineno} ({frame.name}): {what}: {problem}\n  the line: {line}"


# The catalogue: one entry per figure, `name: {kind: …, about: …}`.


@dataclass(frozen=True)
class Entry:
    kind: str
    about: str
    line: int


@lru_cache(maxsize=None)
def _read_catalogue(path: Path, stamp: float) -> dict[str, Entry]:
    where = paths.shown(path)
    text, data = yaml_loader.read_mapping(
        path, FigureError, "defines every figure pages may quote", "one entry per figure, `name: {kind: …, about: …}`"
    )
    lines = {
        match.group(1): number
        for number, line in enumerate(text.splitlines(), 1)
        if (match := re.match(r"([A-Za-z_][A-Za-z0-9_]*):", line))
    }
    entries = {}
    for name, entry in data.items():
        at = f"{where}:{lines.get(name, 1)}"
        if not isinstance(entry, dict) or set(entry) != {"kind", "about"}:
            raise FigureError(f"{at}: {name}: write it as `{name}: {{kind: …, about: …}}`")
        if entry["kind"] not in KINDS:
            raise FigureError(f"{at}: {name}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
        if not isinstance(entry["about"], str) or not entry["about"].strip():
            raise FigureError(f"{at}: {name}: `about` says what the figure is, in a few words")
        entries[str(name)] = Entry(entry["kind"], entry["about"], lines.get(name, 1))
    return entries


def read_catalogue(path: Path) -> dict[str, Entry]:
    return _read_catalogue(path, path.stat().st_mtime if path.is_file() else 0.0)


def catalogued(values: dict, catalogue: Path, code: str) -> dict[str, Figure]:
    """The story's values as Figures, each with the kind and description its catalogue gives."""
    entries = read_catalogue(catalogue)
    where = paths.shown(catalogue)
    problems = []
    for name in sorted(set(values) - set(entries)):
        problems.append(f"{where}: '{name}' is computed by the story's code ({code}) but not in the catalogue")
    for name in sorted(set(entries) - set(values)):
        problems.append(
            f"{where}:{entries[name].line}: '{name}' is in the catalogue but the story's code ({code}) does not compute it"
        )
    figures = {}
    for name in sorted(set(entries) & set(values)):
        entry = entries[name]
        try:
            figures[name] = Figure(values[name], entry.kind, entry.about)
        except ValueError as error:
            problems.append(f"{where}:{entry.line}: '{name}': {error}")
    if problems:
        raise FigureError("\n".join(problems))
    return figures


def story_figures(values: dict) -> dict[str, Figure]:
    """The story's values joined with the catalogue its settings name."""
    from scripts.generator import project

    chosen = project.settings()
    return catalogued(values, paths.ROOT / chosen.catalogue, chosen.code)


def write_figures(figures: dict[str, Figure], path: Path) -> None:
    data = {name: asdict(figure) for name, figure in sorted(figures.items())}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_figures(path: Path) -> dict[str, Figure]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Figure(item["value"], item["kind"], item["about"]) for name, item in data.items()}
