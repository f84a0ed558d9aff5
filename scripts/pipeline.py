"""The data pipeline: raw tables → checks → derived tables → figures → chart specs.

Run as `python -m scripts.pipeline`. It skips all work when none of its inputs
(raw data, chart files, pipeline code, pinned requirements) changed since the
last run, and writes its outputs elsewhere first, so a failure leaves the last
good outputs in place.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from scripts import paths

PIPELINE_CODE = ("raw_tables.py", "derive.py", "figures.py", "charts.py", "theme.py", "pipeline.py", "paths.py", "page_tables.py", "chart_outputs.py")
KEY_FILE = paths.PIPELINE_OUT / "inputs.sha256"


def input_files() -> list[Path]:
    files = sorted(paths.RAW.iterdir()) + sorted(paths.CHARTS.glob("*.py"))
    files += [paths.ROOT / "scripts" / name for name in PIPELINE_CODE]
    files.append(paths.ROOT / "requirements.txt")
    files.append(paths.ROOT / "data" / "corrections.yml")  # shown on the About page
    return [path for path in files if path.is_file()]


def digest(files: list[Path], *extra: str) -> str:
    """One hash of the files' names and contents (and of any extra strings)."""
    hasher = hashlib.sha256()
    for path in files:
        hasher.update(str(path.relative_to(paths.ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        hasher.update(text.encode() + b"\0")
    return hasher.hexdigest()


def fingerprint() -> str:
    return digest(input_files())


def is_up_to_date() -> bool:
    return KEY_FILE.is_file() and KEY_FILE.read_text() == fingerprint()


def build_outputs(out: Path) -> None:
    # Imported here so that an up-to-date check does not pay for pandas and Altair.
    from scripts.charts import discover, write_specs
    from scripts.derive import derive_all
    from scripts.figures import compute_figures, write_figures
    from scripts.page_tables import write_page_tables
    from scripts.raw_tables import load_raw_tables, read_source_sidecar

    raw = load_raw_tables()
    derived = derive_all(raw)
    (out / "derived").mkdir(parents=True)
    for name, frame in derived.items():
        frame.to_csv(out / "derived" / f"{name}.csv", index=False, lineterminator="\n")
    figures = compute_figures(derived, read_source_sidecar())
    write_figures(figures, out / paths.FIGURES_FILE.name)
    write_page_tables(derived, figures, out / "tables")
    write_specs(discover(), derived, figures, out / "charts")


def run(force: bool = False) -> bool:
    """Bring the outputs up to date; True when work was done."""
    key = fingerprint()
    if not force and is_up_to_date():
        return False
    paths.BUILD.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="pipeline-", dir=paths.BUILD))
    try:
        build_outputs(staging)
        (staging / KEY_FILE.name).write_text(key)
        old = paths.BUILD / "pipeline.old"
        shutil.rmtree(old, ignore_errors=True)
        if paths.PIPELINE_OUT.exists():
            paths.PIPELINE_OUT.rename(old)
        staging.rename(paths.PIPELINE_OUT)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return True


def main() -> int:
    from scripts.charts import ChartError
    from scripts.raw_tables import DataError

    try:
        did_work = run(force="--force" in sys.argv)
    except (DataError, ChartError) as error:
        print(f"error: {error}", file=sys.stderr)
        print("Nothing was published; the last good build is unchanged.", file=sys.stderr)
        return 1
    print("pipeline: outputs rebuilt" if did_work else "pipeline: up to date, nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
