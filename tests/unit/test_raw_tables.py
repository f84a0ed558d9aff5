"""The raw-data checks: every kind of fault stops the load with the file, the column and the line.

The fixture tests/fixtures/raw_small/ holds tiny plain-text copies of the four raw tables (same
headers as data/raw/*.csv.gz). `build_raw` gzips them into a temporary folder, writes the
`unhcr.source.yml` sidecar with their checksums, and applies one fault. Line numbers in the
expectations count the header as line 1, as an editor does.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest
import yaml

from scripts.generator import paths
from scripts.unhcr.raw_tables import RAW_TABLES, DataError, load_raw_tables

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "raw_small"
SIDECAR_NAME = "unhcr.source.yml"
FIXTURE_LAST_YEAR = 2025


# --------------------------------------------------------------------------- helpers


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def gz(data: bytes, *, level: int = 9, mtime: int = 0) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=mtime)


def fixture_text(table: str) -> str:
    return (FIXTURE / f"{table}.csv").read_text(encoding="utf-8")


def gz_path(raw_dir: Path, table: str) -> Path:
    return raw_dir / RAW_TABLES[table].file_name


def read_gz_text(raw_dir: Path, table: str) -> str:
    return gzip.decompress(gz_path(raw_dir, table).read_bytes()).decode("utf-8")


def write_gz_text(raw_dir: Path, table: str, text: str) -> None:
    gz_path(raw_dir, table).write_bytes(gz(text.encode("utf-8")))


def write_sidecar(raw_dir: Path, last_year: int = FIXTURE_LAST_YEAR) -> None:
    """The sidecar, with the keys of data/raw/unhcr.source.yml and checksums of the files present."""
    files = {}
    for table in RAW_TABLES.values():
        path = raw_dir / table.file_name
        files[table.file_name] = {
            "what": f"test fixture: {table.name}",
            "sha256": sha256(path.read_bytes()) if path.exists() else "0" * 64,
        }
    sidecar = {
        "producer": "UNHCR, the UN Refugee Agency",
        "dataset": "Refugee Population Statistics Database (Refugee Data Finder)",
        "url": "https://www.unhcr.org/refugee-statistics/",
        "api": "https://api.unhcr.org/population/v1/",
        "distribution": "test fixture tests/fixtures/raw_small",
        "release": "fixture",
        "last_year": last_year,
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": "Source: UNHCR Refugee Data Finder",
        "date_accessed": "2026-01-01",
        "files": files,
    }
    (raw_dir / SIDECAR_NAME).write_text(yaml.safe_dump(sidecar, sort_keys=False), encoding="utf-8")


def build_raw(
    dest: Path,
    mutate: Callable[[Path], None] | None = None,
    *,
    refresh_checksums: bool = True,
    last_year: int = FIXTURE_LAST_YEAR,
) -> Path:
    """A valid raw folder from the fixture in dest/raw, then one mutation applied.

    With refresh_checksums the sidecar is rewritten after the mutation, so that the mutation
    is the only fault (otherwise every content fault would also be a checksum mismatch).
    """
    raw_dir = dest / "raw"
    raw_dir.mkdir(parents=True)
    for name in RAW_TABLES:
        write_gz_text(raw_dir, name, fixture_text(name))
    write_sidecar(raw_dir, last_year)
    if mutate is not None:
        mutate(raw_dir)
        if refresh_checksums:
            write_sidecar(raw_dir, last_year)
    return raw_dir


# Mutations: each returns a function of the raw folder that changes one thing.


def edit_line(table: str, line: int, change: Callable[[list[str], list[str]], list[str]]):
    """Change one physical line (1 = header) as a CSV row; every other byte is kept."""

    def mutate(raw_dir: Path) -> None:
        lines = read_gz_text(raw_dir, table).split("\n")
        header = next(csv.reader([lines[0]]))
        row = next(csv.reader([lines[line - 1]]))
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(change(header, row))
        lines[line - 1] = out.getvalue()
        write_gz_text(raw_dir, table, "\n".join(lines))

    return mutate


def set_cell(table: str, line: int, column: str, value: str):
    def change(header: list[str], row: list[str]) -> list[str]:
        row[header.index(column)] = value
        return row

    return edit_line(table, line, change)


def drop_column(table: str, column: str):
    def mutate(raw_dir: Path) -> None:
        rows = list(csv.reader(io.StringIO(read_gz_text(raw_dir, table))))
        index = rows[0].index(column)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:index] + r[index + 1 :] for r in rows])
        write_gz_text(raw_dir, table, out.getvalue())

    return mutate


def add_field(table: str, line: int):
    return edit_line(table, line, lambda header, row: row + ["99"])


def remove_field(table: str, line: int):
    return edit_line(table, line, lambda header, row: row[:-1])


def not_gzip(table: str):
    def mutate(raw_dir: Path) -> None:
        gz_path(raw_dir, table).write_bytes(fixture_text(table).encode("utf-8"))

    return mutate


def truncated_gzip(table: str):
    def mutate(raw_dir: Path) -> None:
        data = gz_path(raw_dir, table).read_bytes()
        gz_path(raw_dir, table).write_bytes(data[: len(data) // 2])

    return mutate


def latin1_on_line(table: str, line: int, old: str, new: str):
    """Replace text on one line and encode the whole file as Latin-1 (not UTF-8 once new has é)."""

    def mutate(raw_dir: Path) -> None:
        lines = read_gz_text(raw_dir, table).split("\n")
        assert old in lines[line - 1]
        lines[line - 1] = lines[line - 1].replace(old, new)
        gz_path(raw_dir, table).write_bytes(gz("\n".join(lines).encode("latin-1")))

    return mutate


def remove(file_name: str):
    def mutate(raw_dir: Path) -> None:
        (raw_dir / file_name).unlink()

    return mutate


def edit_sidecar(change: Callable[[dict], None]):
    def mutate(raw_dir: Path) -> None:
        sidecar = raw_dir / SIDECAR_NAME
        source = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        change(source)
        sidecar.write_text(yaml.safe_dump(source, sort_keys=False), encoding="utf-8")

    return mutate


def regzip_same_content(table: str):
    """Same CSV text, different gzip bytes: valid content whose sha256 is not the recorded one."""

    def mutate(raw_dir: Path) -> None:
        before = gz_path(raw_dir, table).read_bytes()
        after = gz(gzip.decompress(before), level=1, mtime=1_000_000_000)
        assert after != before and gzip.decompress(after) == gzip.decompress(before)
        gz_path(raw_dir, table).write_bytes(after)

    return mutate


# --------------------------------------------------------------------------- the valid fixture


def test_fixture_sidecar_has_the_keys_of_the_real_one(tmp_path):
    real = yaml.safe_load((ROOT / "data" / "raw" / SIDECAR_NAME).read_text(encoding="utf-8"))
    ours = yaml.safe_load((build_raw(tmp_path) / SIDECAR_NAME).read_text(encoding="utf-8"))
    assert list(ours) == list(real)
    assert set(ours["files"]) == set(real["files"])
    assert all(set(entry) == set(real["files"][name]) for name, entry in ours["files"].items())


@pytest.mark.parametrize("table", list(RAW_TABLES))
def test_fixture_headers_match_the_real_files(table):
    with gzip.open(ROOT / "data" / "raw" / RAW_TABLES[table].file_name, "rt", encoding="utf-8", newline="") as f:
        real_header = next(csv.reader(f))
    assert next(csv.reader(io.StringIO(fixture_text(table)))) == real_header


def test_valid_fixture_loads_with_integer_counts(tmp_path):
    tables = load_raw_tables(build_raw(tmp_path))
    assert set(tables) == set(RAW_TABLES)
    for name, spec in RAW_TABLES.items():
        frame = tables[name]
        expected = list(csv.DictReader(io.StringIO(fixture_text(name))))
        assert len(frame) == len(expected), name
        assert list(frame.columns) == list(expected[0]), name
        integer_columns = list(spec.counts) + (["year"] if "year" in frame.columns else [])
        for column in integer_columns:
            assert frame[column].dtype == "int64", f"{name}.{column} is {frame[column].dtype}"
            assert frame[column].tolist() == [int(row[column]) for row in expected], f"{name}.{column}"
        for column in spec.optional_counts:
            assert pd.api.types.is_integer_dtype(frame[column]), f"{name}.{column} is {frame[column].dtype}"
            got = [None if pd.isna(value) else int(value) for value in frame[column]]
            assert got == [int(row[column]) if row[column] else None for row in expected], f"{name}.{column}"
    # The one optional count the fixture fills in, and the ones it leaves empty.
    assert tables["population"]["oip"].isna().sum() == len(tables["population"]) - 1
    assert tables["population"]["oip"].dropna().tolist() == [12]


def test_na_is_a_code_not_a_missing_value(tmp_path):
    tables = load_raw_tables(build_raw(tmp_path))
    applications, decisions = tables["asylum_applications"], tables["asylum_decisions"]
    for frame, column in ((applications, "dec_level"), (applications, "app_type"), (decisions, "dec_level")):
        assert frame[column].notna().all(), column
        assert (frame[column] == "NA").sum() == 1, f"{column}: {frame[column].tolist()}"
    # The application lodged with dec_level NA keeps its count.
    assert applications.loc[applications["dec_level"] == "NA", "applied"].tolist() == [9000]


def test_years_on_the_bounds_are_accepted(tmp_path):
    def both(raw_dir: Path) -> None:
        set_cell("population", 5, "year", "1950")(raw_dir)
        set_cell("population", 8, "year", str(FIXTURE_LAST_YEAR))(raw_dir)

    tables = load_raw_tables(build_raw(tmp_path, both))
    assert tables["population"]["year"].min() == 1950
    assert tables["population"]["year"].max() == FIXTURE_LAST_YEAR


def test_real_raw_data_loads(raw_tables):
    """data/raw as committed passes every check (the session fixture calls load_raw_tables())."""
    assert set(raw_tables) == set(RAW_TABLES)
    for name, spec in RAW_TABLES.items():
        lines = gzip.decompress((paths.RAW / spec.file_name).read_bytes()).count(b"\n")
        assert len(raw_tables[name]) == lines - 1, name
        for column in spec.counts:
            assert raw_tables[name][column].dtype == "int64", f"{name}.{column}"
    assert (raw_tables["asylum_applications"]["dec_level"] == "NA").any()
    assert (raw_tables["asylum_decisions"]["dec_level"] == "NA").any()


# --------------------------------------------------------------------------- one test per fault


@dataclass(frozen=True)
class Fault:
    mutate: Callable[[Path], None]
    file: str  # the message starts with this file's path
    column: str | None = None  # named in the message (for a key, every key column)
    lines: tuple[int, ...] = ()  # every one named in the message as "line N"
    says: tuple[str, ...] = ()  # further fragments the message must hold (e.g. the bad value)
    refresh_checksums: bool = True
    last_year: int = FIXTURE_LAST_YEAR
    marks: tuple = field(default=())


POPULATION = "population.csv.gz"
APPLICATIONS = "asylum_applications.csv.gz"
DECISIONS = "asylum_decisions.csv.gz"
COUNTRIES = "countries.csv.gz"

FAULTS = {
    "missing_column": Fault(drop_column("population", "asylum_seekers"), POPULATION, "asylum_seekers", (1,)),
    "non_whole_count": Fault(set_cell("population", 5, "refugees", "12.5"), POPULATION, "refugees", (5,), ("'12.5'",)),
    "non_whole_optional_count": Fault(set_cell("population", 3, "idps", "0.5"), POPULATION, "idps", (3,), ("'0.5'",)),
    "negative_count": Fault(
        set_cell("asylum_decisions", 4, "dec_rejected", "-2"), DECISIONS, "dec_rejected", (4,), ("'-2'",)
    ),
    "text_in_count": Fault(
        set_cell("asylum_applications", 6, "applied", "abc"), APPLICATIONS, "applied", (6,), ("'abc'",)
    ),
    "empty_required_count": Fault(
        set_cell("population", 7, "asylum_seekers", ""), POPULATION, "asylum_seekers", (7,), ("''",)
    ),
    "text_in_year": Fault(set_cell("asylum_decisions", 3, "year", "20x9"), DECISIONS, "year", (3,), ("'20x9'",)),
    # Line 8 (2021, CHI, CAN) becomes 2019, the key of line 2.
    "duplicate_key": Fault(set_cell("population", 8, "year", "2019"), POPULATION, "year, coo, coa", (2, 8)),
    # Line 3 differs from line 2 only by app_type; making it N repeats line 2's key.
    "duplicate_application_key": Fault(
        set_cell("asylum_applications", 3, "app_type", "N"),
        APPLICATIONS,
        "year, coo, coa, procedure_type, app_type, dec_level, app_pc",
        (2, 3),
    ),
    "year_after_last_year": Fault(
        set_cell("asylum_applications", 4, "year", str(FIXTURE_LAST_YEAR + 1)),
        APPLICATIONS,
        "year",
        (4,),
        (str(FIXTURE_LAST_YEAR),),
    ),
    # No line changes; the sidecar's last_year moves before the fixture's 2021 (population line 8).
    "year_after_sidecar_last_year": Fault(lambda raw_dir: None, POPULATION, "year", (8,), ("2020",), last_year=2020),
    "year_before_1950": Fault(set_cell("population", 4, "year", "1949"), POPULATION, "year", (4,), ("1950",)),
    "unknown_coo_iso": Fault(set_cell("asylum_decisions", 5, "coo_iso", "ZZZ"), DECISIONS, "coo_iso", (5,), ("'ZZZ'",)),
    "unknown_coa_iso": Fault(set_cell("population", 6, "coa_iso", "QQQ"), POPULATION, "coa_iso", (6,), ("'QQQ'",)),
    "empty_coo_iso": Fault(
        set_cell("population", 3, "coo_iso", ""),
        POPULATION,
        "coo_iso",
        (3,),
    ),
    "extra_field_on_a_line": Fault(add_field("asylum_decisions", 3), DECISIONS, None, (3,), ("16 fields", "15")),
    "missing_field_on_a_line": Fault(remove_field("countries", 4), COUNTRIES, None, (4,), ("6 fields", "7")),
    "not_gzip": Fault(not_gzip("asylum_applications"), APPLICATIONS, None, (), ("gzip",)),
    "truncated_gzip": Fault(truncated_gzip("population"), POPULATION, None, (), ("gzip",)),
    "not_utf8": Fault(latin1_on_line("population", 5, "Germany", "Allemagne é"), POPULATION, None, (5,), ("UTF-8",)),
    "missing_file": Fault(remove(DECISIONS), DECISIONS, None, (), ("missing",), refresh_checksums=False),
    "missing_sidecar": Fault(remove(SIDECAR_NAME), SIDECAR_NAME, None, (), ("missing",), refresh_checksums=False),
    "sidecar_without_last_year": Fault(
        edit_sidecar(lambda source: source.pop("last_year")),
        SIDECAR_NAME,
        None,
        (),
        ("last_year",),
        refresh_checksums=False,
    ),
    "checksum_mismatch": Fault(
        regzip_same_content("population"), POPULATION, None, (), ("sha256", SIDECAR_NAME), refresh_checksums=False
    ),
}


def word(text: str) -> str:
    """A regex for text standing alone (so 'refugees' does not match 'returned_refugees')."""
    return rf"(?<![\w.]){re.escape(text)}(?![\w])"


@pytest.mark.parametrize("fault", [pytest.param(f, id=name, marks=f.marks) for name, f in FAULTS.items()])
def test_fault_stops_the_load_and_says_where(tmp_path, fault: Fault):
    raw_dir = build_raw(tmp_path, fault.mutate, refresh_checksums=fault.refresh_checksums, last_year=fault.last_year)
    with pytest.raises(DataError) as caught:
        load_raw_tables(raw_dir)
    message = str(caught.value)
    # The file first, as a path a person can open.
    assert re.match(rf"\S*{re.escape(fault.file)}: ", message), f"message does not start with the file:\n{message}"
    if fault.column:
        for column in fault.column.split(", "):
            assert re.search(word(column), message), f"column {column} not named:\n{message}"
    for line in fault.lines:
        # Line 1 is the header; a message about the header may say so instead of "line 1".
        pattern = r"\bline 1\b|\bheader\b" if line == 1 else rf"\bline {line}\b"
        assert re.search(pattern, message), f"line {line} not named:\n{message}"
    for fragment in fault.says:
        assert fragment in message, f"{fragment!r} not in:\n{message}"


def test_only_the_offending_lines_are_named(tmp_path):
    """A bad value on line 5 is reported as line 5 and not as any neighbouring line."""
    raw_dir = build_raw(tmp_path, set_cell("population", 5, "refugees", "12.5"))
    with pytest.raises(DataError) as caught:
        load_raw_tables(raw_dir)
    assert re.findall(r"\bline (\d+)\b", str(caught.value)) == ["5"]


# --------------------------------------------------------------------------- the pipeline as a command


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_pipeline_fails_on_a_broken_raw_file_and_keeps_the_last_outputs(tmp_path):
    """`python -m scripts.generator.pipeline` in a copy of the project: exit non-zero, say where, publish nothing."""
    tree = tmp_path / "project"
    for name in ("data", "scripts", "charts", "docs"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, tree / name)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    # The last good outputs, as a previous run leaves them. They are written here rather than
    # by a first run, so that this data test does not depend on the charts building; the key
    # file holds a stale fingerprint, so the pipeline does not skip the run as up to date.
    out = tree / "build" / "pipeline"
    previous = {
        "inputs.sha256": "0" * 64,
        "figures.json": '{"asylum_seekers_latest": {"value": 1}}\n',
        "derived/china_by_year.csv": "year,refugees\n2000,1\n",
        "charts/index.json": "{}\n",
    }
    for name, text in previous.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    before = tree_snapshot(out)

    # A non-whole count on line 3 of population, with the sidecar's checksum updated so that
    # the content is the only fault.
    raw = tree / "data" / "raw"
    set_cell("population", 3, "refugees", "12.5")(raw)
    sidecar = raw / SIDECAR_NAME
    recorded = yaml.safe_load(sidecar.read_text(encoding="utf-8"))["files"][POPULATION]["sha256"]
    new_sha = sha256((raw / POPULATION).read_bytes())
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(recorded, new_sha), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "scripts.generator.pipeline"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0, f"the pipeline accepted a broken file:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    assert "data/raw/population.csv.gz" in result.stderr, result.stderr
    assert re.search(word("refugees"), result.stderr), result.stderr
    assert re.search(r"\bline 3\b", result.stderr), result.stderr
    assert tree_snapshot(out) == before, "build/pipeline changed after a failed run"
    leftovers = [p.name for p in (tree / "build").iterdir() if p.name != "pipeline"]
    assert leftovers == [], f"staging folders left behind: {leftovers}"
