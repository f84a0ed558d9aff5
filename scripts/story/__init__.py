"""The story: people who seek asylum from China, told with UNHCR statistics.

The generator finds this package through `[tool.story] code` in pyproject.toml
and calls the three functions below (scripts/generator/project.py says what
each returns; their names are not those of this package's modules, which would
replace them once imported). The story's constants are in [tool.story] too.
"""

from __future__ import annotations


def make_tables(settings) -> dict:
    """The derived tables, from the checked UNHCR tables in data/raw/."""
    from scripts.story.derive import derive_all
    from scripts.unhcr.raw_tables import load_raw_tables

    return derive_all(load_raw_tables())


def make_figures(tables: dict, settings) -> dict:
    from scripts.story.figures import compute_figures
    from scripts.unhcr.raw_tables import read_source_sidecar

    return compute_figures(tables, read_source_sidecar())


def make_page_tables(tables: dict, figures: dict, wording) -> dict[str, str]:
    from scripts.story.page_tables import page_tables as make

    return make(tables, figures, wording)


def unregistered_breaks(raw_dir, entries=None) -> list[str]:
    """The breaks the tables in raw_dir show that the register of breaks does not hold, described
    (`make refresh` lists them after a new release; the build stops on them)."""
    from scripts.story.breaks import missing
    from scripts.unhcr.raw_tables import load_raw_tables

    return [item.describe() for item in missing(load_raw_tables(raw_dir), entries)]
