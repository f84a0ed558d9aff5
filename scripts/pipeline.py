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

KEY_FILE = paths.PIPELINE_OUT / "inputs.sha256"
# The project's modules the last run loaded, one path a line: the code the outputs depend on,
# found by running it rather than listed by hand (a new module imported anywhere is in it).
CODE_FILE = paths.PIPELINE_OUT / "code-files.txt"


def input_files(code: list[Path] | None = None) -> list[Path]:
    files = sorted(paths.RAW.iterdir()) + sorted(paths.CHARTS.glob("*.py"))
    files += recorded_code() if code is None else code
    files.append(paths.ROOT / "requirements.txt")
    files.append(paths.ROOT / "data" / "corrections.yml")  # shown on the About page
    return [path for path in dict.fromkeys(files) if path.is_file()]


def loaded_code() -> list[Path]:
    """Every file of the project's own code that this process has loaded."""
    found = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not file:
            continue
        path = Path(file).resolve()
        if path.is_relative_to(paths.ROOT) and not {".venv", "node_modules", "tests"} & set(
            path.relative_to(paths.ROOT).parts
        ):
            found.add(path)
    return sorted(found)


def recorded_code() -> list[Path]:
    if not CODE_FILE.is_file():
        return []
    return [paths.ROOT / line for line in CODE_FILE.read_text(encoding="utf-8").splitlines() if line]


def digest(files: list[Path], *extra: str) -> str:
    """One hash of the files' names and contents (and of any extra strings)."""
    hasher = hashlib.sha256()
    for path in files:
        hasher.update(str(path.relative_to(paths.ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        hasher.update(text.encode() + b"\0")
    return hasher.hexdigest()


def fingerprint(code: list[Path] | None = None) -> str:
    return digest(input_files(code), *(str(path.relative_to(paths.ROOT)) for path in (code or recorded_code())))


def is_up_to_date() -> bool:
    # Without a record of the code it ran, no earlier run can be trusted.
    return KEY_FILE.is_file() and CODE_FILE.is_file() and KEY_FILE.read_text() == fingerprint()


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
    if not force and is_up_to_date():
        return False
    paths.BUILD.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="pipeline-", dir=paths.BUILD))
    try:
        build_outputs(staging)
        code = loaded_code()
        (staging / CODE_FILE.name).write_text("".join(f"{path.relative_to(paths.ROOT)}\n" for path in code))
        (staging / KEY_FILE.name).write_text(fingerprint(code))
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
    from scripts.figures import FigureError
    from scripts.raw_tables import DataError

    try:
        did_work = run(force="--force" in sys.argv)
    except (DataError, ChartError, FigureError) as error:
        print(f"error: {error}", file=sys.stderr)
        print("Nothing was published; the last good build is unchanged.", file=sys.stderr)
        return 1
    print("pipeline: outputs rebuilt" if did_work else "pipeline: up to date, nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
