"""Where things live. Every other module takes its paths from here.

Two roots. CODE is where the generator is installed (this repository: its
`scripts/`, its `node_modules/`). ROOT is the project being built: its pages
(`docs/`), charts (`charts/`), data (`data/`), `mkdocs.yml` and story settings
(`[tool.story]` in `pyproject.toml`, read by scripts/generator/project.py).
They are the same folder unless SITE_PROJECT names another project, as the
tests do to build a second story with the same code.
"""

import os
from pathlib import Path

CODE = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("SITE_PROJECT") or CODE).resolve()
DATA = ROOT / "data"
RAW = DATA / "raw"
CHARTS = ROOT / "charts"
DOCS = ROOT / "docs"
STORY_SETTINGS = ROOT / "pyproject.toml"

# Build outputs: recreated by the pipeline, never edited, never committed.
BUILD = ROOT / "build"
PIPELINE_OUT = BUILD / "pipeline"
DERIVED = PIPELINE_OUT / "derived"
SPECS = PIPELINE_OUT / "charts"
FIGURES_FILE = PIPELINE_OUT / "figures.json"
PAGE_TABLES = PIPELINE_OUT / "tables"
SITE = ROOT / "site"

# JavaScript the site serves, installed from the npm registry with a lock file.
NODE_MODULES = CODE / "node_modules"


def shown(path: Path) -> str:
    """A path as a person in the project folder would type it, for error messages."""
    for root in (ROOT, CODE):
        try:
            return str(Path(path).resolve().relative_to(root))
        except ValueError:
            continue
    return str(path)
