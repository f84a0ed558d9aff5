"""The story a project tells, found by configuration: `[tool.story]` in the project's pyproject.toml.

The generator never imports a story by name. It reads these settings, loads the
story's code from the file or package that `code` names, and asks it for three
things (see STORY_FUNCTIONS):

    make_tables(settings)             -> {table name: DataFrame}   the derived tables
    make_figures(tables, settings)    -> {figure name: value}      what pages quote as {{ name }}; each
                                         name is defined in the catalogue (`catalogue`), which
                                         must include `release` and `licence`
    make_page_tables(tables, figures, wording) -> {table name: Markdown}   optional: <!-- md:table name -->
                                         (wording writes a figure in the story's language)

The settings are the story's constants, written once; the story's own code, the
chart kit and the UNHCR refresh read them from here too.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tomllib
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from scripts.generator import paths
from scripts.generator.errors import BuildError

STORY_FUNCTIONS = {"make_tables": True, "make_figures": True, "make_page_tables": False}  # name -> required
STORY_MODULE = "_story"  # the name a story loaded by path gets
# Figures the generator itself uses: chart footers and the site's footer name the release and its licence.
REQUIRED_FIGURES = ("release", "licence")


@dataclass(frozen=True)
class Settings:
    code: str  # the story's code: a package folder or a .py file, relative to the project
    origin: str  # ISO 3166-1 alpha-3 code of the origin the story follows, as UNHCR writes it
    origin_name: str  # its name in sentences and error messages
    first_year: int  # the story's first year; every year from it to the latest must be in the data
    source: str  # the data's source, as chart footers and the site's footer name it
    default_card_chart: str  # the chart a page's sharing card shows when the page draws none
    min_substantive_decisions: int  # fewest substantive decisions for which a recognition rate is shown
    catalogue: str  # the figures' catalogue (YAML: name, kind, what it is), relative to the project
    language: str  # the language of the story's texts: figures in chart texts and page tables are written in it
    breaks: str = (
        ""  # optional: the register of breaks in the series, drawn on the charts (scripts/generator/annotations.py)
    )

    @property
    def source_line(self) -> str:
        return f"Source: {self.source}"


class SettingsError(BuildError):
    """[tool.story] is missing, incomplete or of the wrong type; the message names the file and the key."""


@lru_cache(maxsize=None)
def settings(file: Path = paths.STORY_SETTINGS) -> Settings:
    where = paths.shown(file)
    try:
        table = tomllib.loads(file.read_text(encoding="utf-8")).get("tool", {}).get("story")
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{where}: cannot read the story's settings: {error}") from None
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: no [tool.story] table; it names the story's code and constants")
    values = {}
    for field in fields(Settings):
        kind = int if field.type == "int" else str
        wanted = "a whole number" if kind is int else "a text"
        if field.name not in table and field.default is not MISSING:
            continue
        if field.name not in table:
            raise SettingsError(f"{where}: [tool.story] has no '{field.name}' ({wanted})")
        value = table[field.name]
        if type(value) is not kind or (kind is str and not value.strip()):
            raise SettingsError(f"{where}: [tool.story] {field.name} = {value!r} is not {wanted}")
        values[field.name] = value
    unknown = sorted(set(table) - set(values))
    if unknown:
        raise SettingsError(f"{where}: [tool.story] has keys no code reads: {', '.join(unknown)}")
    return Settings(**values)


def load_story(chosen: Settings | None = None) -> ModuleType:
    """The story's code, from the path its settings name, checked for the functions the generator calls."""
    chosen = chosen or settings()
    path = (paths.ROOT / chosen.code).resolve()
    module = _import(path, chosen.code)
    for name, required in STORY_FUNCTIONS.items():
        if required and not callable(getattr(module, name, None)):
            raise SettingsError(
                f"{chosen.code}: the story's code has no function {name}() (see scripts/generator/project.py)"
            )
    return module


def _import(path: Path, written: str) -> ModuleType:
    init = path / "__init__.py" if path.is_dir() else path
    if not init.is_file():
        raise SettingsError(
            f"{paths.shown(paths.STORY_SETTINGS)}: [tool.story] code = {written!r}: no such file or package"
        )
    # Code inside this installed project is imported under its own name, so that its modules
    # import each other as usual (scripts.story.figures imports scripts.story.derive).
    if path.is_relative_to(paths.CODE):
        name = ".".join(path.relative_to(paths.CODE).with_suffix("").parts)
        spec = importlib.util.find_spec(name) if all(part.isidentifier() for part in name.split(".")) else None
        if spec is not None and spec.origin and Path(spec.origin).resolve() == init.resolve():
            return importlib.import_module(name)
    spec = importlib.util.spec_from_file_location(
        STORY_MODULE, init, submodule_search_locations=[str(path)] if path.is_dir() else None
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[STORY_MODULE] = module
    spec.loader.exec_module(module)
    return module
