"""Where things live. Every other module takes its paths from here."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SOURCE_SIDECAR = RAW / "unhcr.source.yml"
CHARTS = ROOT / "charts"
DOCS = ROOT / "docs"

# Build outputs: recreated by the pipeline, never edited, never committed.
BUILD = ROOT / "build"
PIPELINE_OUT = BUILD / "pipeline"
DERIVED = PIPELINE_OUT / "derived"
SPECS = PIPELINE_OUT / "charts"
FIGURES_FILE = PIPELINE_OUT / "figures.json"
PAGE_TABLES = PIPELINE_OUT / "tables"
SITE = ROOT / "site"

# JavaScript the site serves, installed from the npm registry with a lock file.
NODE_MODULES = ROOT / "node_modules"


def shown(path: Path) -> str:
    """A path as a person in the project folder would type it, for error messages."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
