"""Read the raw UNHCR tables and check them before anything is derived.

Each table the project uses is declared once in RAW_TABLES. `load_raw_tables`
reads every one, checks it, and returns typed DataFrames; any fault raises
DataError with the file, the column and the first offending lines, so that a
person can open the file at that line.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from scripts.generator import paths, yaml_loader
from scripts.generator.errors import BuildError

# The source's provenance sidecar, beside its tables in data/raw/.
SOURCE_SIDECAR = "unhcr.source.yml"

# How many offending lines an error message lists.
SHOWN_ROWS = 5

# Codes that stand in the ISO columns without being countries. The release's
# README: origin "UNK" is Unknown; Tibetans are a separate origin "TIB".
NON_COUNTRY_CODES = {"UNK", "TIB"}

ORIGIN = ("coo_name", "coo", "coo_iso")
ASYLUM = ("coa_name", "coa", "coa_iso")


class DataError(BuildError):
    """A raw data file is not what the pipeline needs. The message says where."""


@dataclass(frozen=True)
class RawTable:
    name: str
    keys: tuple[str, ...]  # together unique on every row
    counts: tuple[str, ...] = ()  # whole, non-negative, never empty
    optional_counts: tuple[str, ...] = ()  # whole, non-negative, or empty
    text: tuple[str, ...] = ()  # required, may be empty
    iso_columns: tuple[str, ...] = ("coo_iso", "coa_iso")

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv.gz"

    @property
    def columns(self) -> tuple[str, ...]:
        seen = dict.fromkeys(self.keys + self.text + self.counts + self.optional_counts)
        return tuple(seen)


RAW_TABLES = {
    table.name: table
    for table in (
        RawTable(
            name="countries",
            keys=("unhcr_code",),
            text=("iso_code", "name", "unhcr_region"),
            iso_columns=(),
        ),
        RawTable(
            name="population",
            keys=("year", "coo", "coa"),
            text=ORIGIN + ASYLUM,
            counts=("refugees", "asylum_seekers"),
            optional_counts=("returned_refugees", "idps", "returned_idps", "stateless", "ooc", "oip", "hst"),
        ),
        RawTable(
            name="asylum_applications",
            keys=("year", "coo", "coa", "procedure_type", "app_type", "dec_level", "app_pc"),
            text=ORIGIN + ASYLUM,
            counts=("applied",),
        ),
        RawTable(
            name="asylum_decisions",
            keys=("year", "coo", "coa", "procedure_type", "dec_level", "dec_pc"),
            text=ORIGIN + ASYLUM,
            counts=("dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total"),
        ),
    )
}


def read_sidecar(sidecar: Path, what: str):
    """A provenance sidecar's YAML; a missing or broken file is a DataError that names it."""
    try:
        return yaml_loader.safe_load(sidecar.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{paths.shown(sidecar)}: missing; it records where {what} came from") from None
    except yaml.YAMLError as error:
        raise DataError(f"{paths.shown(sidecar)}: not valid YAML: {error}") from None


def read_source_sidecar(raw_dir: Path = paths.RAW) -> dict:
    sidecar = raw_dir / SOURCE_SIDECAR
    source = read_sidecar(sidecar, "the raw files")
    if not isinstance(source, dict):
        raise DataError(
            f"{paths.shown(sidecar)}: expected a mapping of keys (producer, release, last_year, files, ...)"
        )
    if not isinstance(source.get("last_year"), int):
        raise DataError(f"{paths.shown(sidecar)}: last_year must be the release's last year, a whole number")
    if not isinstance(source.get("files"), dict):
        raise DataError(f"{paths.shown(sidecar)}: files must map each raw file to its sha256")
    return source


def load_raw_tables(raw_dir: Path = paths.RAW) -> dict[str, pd.DataFrame]:
    """Every raw table, checked, with counts as integers (empty optional counts as <NA>)."""
    source = read_source_sidecar(raw_dir)
    last_year = source["last_year"]
    tables = {name: read_table(raw_dir / table.file_name, table) for name, table in RAW_TABLES.items()}
    # Some countries have no ISO code (an empty field): an empty code is never known.
    known_codes = {code for code in tables["countries"]["iso_code"] if code} | NON_COUNTRY_CODES
    for name, table in RAW_TABLES.items():
        frame = tables[name]
        where = raw_dir / table.file_name
        check_years(frame, where, last_year)
        for column in table.iso_columns:
            check_known_codes(frame, where, column, known_codes)
        check_unique_keys(frame, where, table.keys)
        tables[name] = to_counts(frame, table)
    check_checksums(raw_dir, source)
    return tables


def read_table(path: Path, table: RawTable) -> pd.DataFrame:
    """Read one CSV (gzip) as text, then check columns and counts line by line."""
    try:
        raw_bytes = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise DataError(f"{paths.shown(path)}: missing (the pipeline needs table '{table.name}')") from None
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(f"{paths.shown(path)}: not a readable gzip file ({error})") from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw_bytes[: error.start].count(b"\n") + 1
        raise DataError(f"{paths.shown(path)}: line {line} is not UTF-8 text") from None
    check_line_shape(path, text)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing = [column for column in table.columns if column not in frame.columns]
    if missing:
        raise DataError(
            f"{paths.shown(path)}: missing column(s) {', '.join(missing)}; the header has {', '.join(frame.columns)}"
        )
    for column in table.text:
        check_plain_text(frame, path, column)
    for column in table.counts:
        check_counts(frame, path, column, allow_empty=False)
    for column in table.optional_counts:
        check_counts(frame, path, column, allow_empty=True)
    if "year" in table.keys:
        check_counts(frame, path, "year", allow_empty=False)
    return frame


def check_line_shape(path: Path, text: str) -> None:
    """Every line must have as many fields as the header (pandas would guess otherwise)."""
    rows = csv.reader(io.StringIO(text))
    try:
        header = next(rows)
    except StopIteration:
        raise DataError(f"{paths.shown(path)}: empty file, no header line") from None
    for row in rows:
        if len(row) != len(header):
            raise DataError(
                f"{paths.shown(path)}: line {rows.line_num} has {len(row)} fields, the header has {len(header)}"
            )


def check_counts(frame: pd.DataFrame, path: Path, column: str, allow_empty: bool) -> None:
    values = frame[column]
    whole = values.str.fullmatch(r"[0-9]+")
    if allow_empty:
        whole |= values == ""
    _fail_on(
        frame, ~whole, path, column, "must hold whole, non-negative numbers" + ("" if allow_empty else ", never empty")
    )


def check_plain_text(frame: pd.DataFrame, path: Path, column: str) -> None:
    """Names reach the pages (tables, figures, charts) as text: they may hold no markup."""
    markup = frame[column].str.contains(r"<[A-Za-z/!?]", regex=True)
    _fail_on(frame, markup, path, column, "holds markup (a tag); names are printed as plain text")


def check_years(frame: pd.DataFrame, path: Path, last_year: int) -> None:
    if "year" not in frame.columns:
        return
    years = frame["year"].astype(int)
    outside = (years < 1950) | (years > last_year)
    _fail_on(frame, outside, path, "year", f"must lie between 1950 and {last_year}, the release's last year")


def check_known_codes(frame: pd.DataFrame, path: Path, column: str, known: set[str]) -> None:
    unknown = ~frame[column].isin(known)
    _fail_on(frame, unknown, path, column, "must hold ISO 3166 codes listed in countries.csv.gz (or UNK, TIB)")


def check_unique_keys(frame: pd.DataFrame, path: Path, keys: tuple[str, ...]) -> None:
    repeated = frame.duplicated(list(keys), keep=False)
    _fail_on(frame, repeated, path, ", ".join(keys), "together must be unique; these lines repeat a key")


def to_counts(frame: pd.DataFrame, table: RawTable) -> pd.DataFrame:
    frame = frame.copy()
    if "year" in frame.columns:
        frame["year"] = frame["year"].astype("int64")
    for column in table.counts:
        frame[column] = frame[column].astype("int64")
    for column in table.optional_counts:
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    for column in table.text:
        frame[column] = frame[column].replace("", None)
    return frame


def check_checksums(raw_dir: Path, source: dict) -> None:
    """The files must be the ones the sidecar describes: raw data is never edited by hand."""
    sidecar = raw_dir / SOURCE_SIDECAR
    recorded = source.get("files") or {}
    for table in RAW_TABLES.values():
        path = raw_dir / table.file_name
        entry = recorded.get(table.file_name)
        if not entry or "sha256" not in entry:
            raise DataError(f"{paths.shown(sidecar)}: no sha256 recorded for {table.file_name}")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != entry["sha256"]:
            raise DataError(
                f"{paths.shown(path)}: its sha256 {actual[:12]}… differs from the {entry['sha256'][:12]}… "
                f"recorded in {sidecar.name}. Raw files are never edited by hand: restore it "
                f"(git checkout -- {paths.shown(path)}) or fetch a new release with `make refresh`."
            )


def _fail_on(frame: pd.DataFrame, bad: pd.Series, path: Path, column: str, rule: str) -> None:
    if not bad.any():
        return
    offending = frame[bad].head(SHOWN_ROWS)
    context = [c for c in ("year", "coo_iso", "coa_iso", "unhcr_code") if c in frame.columns and c not in column]
    lines = []
    for index, row in offending.iterrows():
        # Line 1 is the header, so data row i (from 0) is line i + 2.
        where = ", ".join(f"{c}={row[c]}" for c in context)
        shown_column = column.split(", ")[0] if ", " not in column else None
        value = f"{row[shown_column]!r}" if shown_column else ", ".join(f"{c}={row[c]}" for c in column.split(", "))
        lines.append(f"  line {index + 2}: {value}" + (f" ({where})" if where else ""))
    count = int(bad.sum())
    raise DataError(
        f"{paths.shown(path)}: column {column} {rule}; {count} line{'s' if count > 1 else ''} fail{'' if count > 1 else 's'}, "
        f"first:\n" + "\n".join(lines)
    )
