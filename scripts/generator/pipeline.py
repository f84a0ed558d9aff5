"""The data pipeline: the story's derived tables → figures → page tables → chart specs.

Run as `python -m scripts.generator.pipeline`. The story's code is found through
its settings (scripts/generator/project.py), never imported by name. The
pipeline skips all work when none of its inputs (everything under data/, the
chart files, every module of the project's code it ran, the story's settings,
the pinned requirements) changed since the last run, and writes its outputs
elsewhere first, so a failure leaves the last good outputs in place.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from scripts.generator import paths, project
from scripts.generator.errors import BuildError

KEY_FILE = paths.PIPELINE_OUT / "inputs.sha256"
# The project's modules the last run loaded, one path a line: the code the outputs depend on,
# found by running it rather than listed by hand (a new module imported anywhere is in it).
CODE_FILE = paths.PIPELINE_OUT / "code-files.txt"


def input_files(code: list[Path] | None = None) -> list[Path]:
    files = sorted(path for path in paths.DATA.rglob("*") if path.is_file()) + sorted(paths.CHARTS.glob("*.py"))
    files += recorded_code() if code is None else code
    # docs/sources.yml: the register of breaks and the page tables name its sources
    files += [paths.STORY_SETTINGS, paths.CODE / "requirements.txt", paths.DOCS / "sources.yml", *catalogue_and_texts()]
    return [path for path in dict.fromkeys(files) if path.is_file()]


def catalogue_and_texts() -> list[Path]:
    """The figures' catalogue and the words the outputs are written with (docs/texts.<language>.yml)."""
    try:
        chosen = project.settings()
    except BuildError:
        return []
    return [paths.ROOT / chosen.catalogue, *sorted(paths.DOCS.glob("texts.*.yml"))]


def loaded_code() -> list[Path]:
    """Every file of the project's own code that this process has loaded."""
    found = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not file:
            continue
        path = Path(file).resolve()
        for root in (paths.ROOT, paths.CODE):
            if path.is_relative_to(root) and not {".venv", "node_modules", "tests"} & set(path.relative_to(root).parts):
                found.add(path)
    return sorted(found)


def _written(path: Path) -> str:
    """A code file as the record writes it: relative to the project, or to the generator's folder."""
    for prefix, root in (("", paths.ROOT), ("@code/", paths.CODE)):
        if path.is_relative_to(root):
            return prefix + str(path.relative_to(root))
    return str(path)


def _read(line: str) -> Path:
    return paths.CODE / line.removeprefix("@code/") if line.startswith("@code/") else paths.ROOT / line


def recorded_code() -> list[Path]:
    if not CODE_FILE.is_file():
        return []
    return [_read(line) for line in CODE_FILE.read_text(encoding="utf-8").splitlines() if line]


def digest(files: list[Path], *extra: str) -> str:
    """One hash of the files' names and contents (and of any extra strings)."""
    hasher = hashlib.sha256()
    for path in files:
        hasher.update(_written(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        hasher.update(text.encode() + b"\0")
    return hasher.hexdigest()


def fingerprint(code: list[Path] | None = None) -> str:
    return digest(input_files(code), *(_written(path) for path in (code or recorded_code())))


def is_up_to_date() -> bool:
    # Without a record of the code it ran, no earlier run can be trusted.
    return KEY_FILE.is_file() and CODE_FILE.is_file() and KEY_FILE.read_text() == fingerprint()


def build_outputs(out: Path) -> None:
    # Imported here so that an up-to-date check does not pay for pandas and Altair.
    from scripts.generator.charts import discover, write_specs
    from scripts.generator.figures import FAILURES, story_figures, where_it_failed, write_figures
    from scripts.generator.wording import Wording

    chosen = project.settings()
    story = project.load_story(chosen)
    code = paths.ROOT / chosen.code

    def step(what: str, call):
        """One call into the story's code; its failure names the story's file and line, not a traceback."""
        try:
            return call()
        except BuildError:
            raise
        except FAILURES as error:
            raise BuildError(where_it_failed(error, code, {}, f"the story's {what} failed")) from None

    derived = step("make_tables()", lambda: story.make_tables(chosen))
    (out / "derived").mkdir(parents=True)
    for name, frame in derived.items():
        frame.to_csv(out / "derived" / f"{name}.csv", index=False, lineterminator="\n")
    values = step("make_figures()", lambda: story.make_figures(derived, chosen))
    if not isinstance(values, dict):
        raise project.SettingsError(
            f"{chosen.code}: make_figures() returned {type(values).__name__}, not {{name: value}}"
        )
    figures = story_figures(values)
    missing = [name for name in project.REQUIRED_FIGURES if name not in figures]
    if missing:
        raise project.SettingsError(
            f"{chosen.catalogue}: the story's figures lack {', '.join(missing)}, which the generator uses"
        )
    wording = Wording.for_language(chosen.language)
    write_figures(figures, out / paths.FIGURES_FILE.name)
    (out / "tables").mkdir()
    tables = {}
    if hasattr(story, "make_page_tables"):
        tables = step("make_page_tables()", lambda: story.make_page_tables(derived, figures, wording))
    for name, markdown in tables.items():
        (out / "tables" / f"{name}.md").write_text(markdown + "\n", encoding="utf-8")
    write_specs(discover(), derived, figures, out / "charts", chosen, wording)


def run(force: bool = False) -> bool:
    """Bring the outputs up to date; True when work was done."""
    if not force and is_up_to_date():
        return False
    paths.BUILD.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="pipeline-", dir=paths.BUILD))
    try:
        build_outputs(staging)
        code = loaded_code()
        (staging / CODE_FILE.name).write_text("".join(f"{_written(path)}\n" for path in code))
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
    try:
        did_work = run(force="--force" in sys.argv)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        print("Nothing was published; the last good build is unchanged.", file=sys.stderr)
        return 1
    print("pipeline: outputs rebuilt" if did_work else "pipeline: up to date, nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
