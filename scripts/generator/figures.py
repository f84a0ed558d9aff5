"""Figures: named values that pages quote in prose as {{ name }}. The story computes them; this is their model.

A figure has a value, a kind and a line saying what it is. The kind decides how
it is written: count 12,345 · year 2021 · percent 12.3% · rank 5th · ratio 7.7 ·
text as is.
"""

from __future__ import annotations

import json
import linecache
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from scripts.generator import paths
from scripts.generator.errors import BuildError

KINDS = ("count", "year", "percent", "rank", "ratio", "text")


@dataclass(frozen=True)
class Figure:
    value: int | float | str
    kind: str
    about: str

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"the figure '{self.about}' has kind {self.kind!r}, not one of {', '.join(KINDS)}")

    @property
    def text(self) -> str:
        if self.kind == "count":
            return f"{int(self.value):,}"
        if self.kind == "percent":
            return f"{float(self.value) * 100:,.1f}%"
        if self.kind == "rank":
            return ordinal(int(self.value))
        if self.kind == "ratio":
            return f"{float(self.value):.1f}"
        return str(self.value)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class FigureError(BuildError):
    """A figure could not be computed; the message names the line of the story's code that computes it."""


FAILURES = (KeyError, IndexError, TypeError, ValueError, ArithmeticError)


def compute(make: Callable[[], dict[str, Figure]], code: Path, tables: dict) -> dict[str, Figure]:
    """Run the story's figures code; a failure becomes a FigureError naming the line of `code` (a file,
    or a folder of them) where it failed."""
    try:
        figures = make()
    except FAILURES as error:
        raise FigureError(where_it_failed(error, code, tables, "a figure could not be computed")) from None
    wrong = sorted(name for name, figure in figures.items() if not isinstance(figure, Figure))
    if wrong:
        raise FigureError(f"the story's figures code returned values that are not Figures: {', '.join(wrong)}")
    return figures


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


def write_figures(figures: dict[str, Figure], path: Path) -> None:
    data = {name: asdict(figure) | {"text": figure.text} for name, figure in sorted(figures.items())}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_figures(path: Path) -> dict[str, Figure]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Figure(item["value"], item["kind"], item["about"]) for name, item in data.items()}
