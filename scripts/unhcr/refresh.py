"""`make refresh`: fetch the UNHCR tables again from the API and publish them only when all is well.

Run as `python -m scripts.unhcr.refresh [--yes] [--release LABEL] [--raw-dir DIR]`.

1. Fetch every table in RAW_TABLES from the API (scripts/unhcr/api.py pages,
   retries and checks that each table arrived whole).
2. Write the new raw files and a new sidecar into a staging folder next to
   data/raw/, then check them with scripts.unhcr.raw_tables.load_raw_tables, the
   same checks the build makes.
3. Compare with the current snapshot: a release that loses whole years, or more
   than DROP_SHARE of a table's rows, is refused unless the operator passes --yes.
4. Swap the staging folder in for data/raw/. Until that rename, data/raw/ is not
   touched, so any failure leaves it byte for byte as it was. Other files in
   data/raw/ (another source's files) are copied across unchanged. A table whose
   content did not change keeps its exact bytes; the sidecar gets the new
   release, date_accessed, last_year, api, distribution and sha256s, its other
   fields and its header comment kept.
5. Report the published figures that changed and append them to
   data/corrections.yml; report how countries.csv.gz differs, and why.

Readings we had to choose (the API is not documented in full; see also the
docstring of scripts/unhcr/api.py):

- The API has no parameter to choose a release and does not name the one it
  serves: it always serves the latest. The sidecar's `release` is therefore the
  operator's --release, or "api-<date accessed>" when none is given.
- 10,000 items a page, as the R package asks (the API honours it): 14 pages for
  population/ instead of about 139 at 1,000.
- Data tables are asked with yearFrom=1951 (the first year of the database),
  yearTo=<this year>, coo_all=true, coa_all=true and cf_type=ISO, so every year,
  origin and asylum country arrives, as in the current snapshot. Item fields
  carry the CSV column names (year, coo_name, coo, coo_iso, ...); extra fields
  (coo_id, coa_id) are dropped. yearFrom is only honoured with yearTo, so both
  are always sent.
- Counts: numbers and strings ("0") are written as whole numbers; "-" and null
  become an empty field (not available). Whether an empty field is allowed is
  then decided by the build's checks (refugees may never be empty, oip may).
- countries/: see scripts/unhcr/countries.py. The table keeps the snapshot's
  meaning (the R package's): UNHCR regions from regions/, the R package's code
  corrections, UN M49 regions carried over; every difference is reported.
- Names and codes are trimmed: the API sends some with trailing spaces.
- Revisions are reported at the grain the story publishes: sums per year,
  origin and asylum country (ISO codes), for origin China from 2000 on (as in
  scripts/story/derive.py), for refugees, asylum_seekers, applied and the dec_*
  counts. A value that only one release has is written as null on the other side.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import os
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import yaml

from scripts.generator import paths, yaml_loader
from scripts.generator.errors import BuildError
from scripts.generator.project import settings
from scripts.unhcr.api import NOT_AVAILABLE, ApiError, Client, ClientSettings
from scripts.unhcr.countries import fetch_countries
from scripts.unhcr.raw_tables import RAW_TABLES, SOURCE_SIDECAR, DataError, RawTable, load_raw_tables

CORRECTIONS = paths.DATA / "corrections.yml"

ENDPOINTS = {
    "population": "population/",
    "asylum_applications": "asylum-applications/",
    "asylum_decisions": "asylum-decisions/",
    "countries": "countries/",
}
FIRST_YEAR = 1951  # the database starts with UNHCR, in 1951

# A release may lose at most this share of a table's rows (by key) without the operator's --yes.
DROP_SHARE = 0.01

# The published figures whose revisions are recorded: those the story derives.
TRACKED_ORIGINS = (settings().origin,)
TRACKED_FROM_YEAR = settings().first_year
TRACKED_COUNTS = {
    "population": ("refugees", "asylum_seekers"),
    "asylum_applications": ("applied",),
    "asylum_decisions": ("dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total"),
}
SHOWN_REVISIONS = 40  # the report lists this many; corrections.yml gets them all

CORRECTIONS_HEADER = """\
# Revisions of published figures, one entry per figure that a new UNHCR release changed.
# `make refresh` (scripts/unhcr/refresh.py) appends to this list; do not edit entries by hand.
# Each entry: date (the new data was accessed), release (the new one), table (raw table),
# year, coo_iso (origin), coa_iso (asylum country), column, old and new value; the values
# are sums over the table's other keys, as the story publishes them; null = no such figure.
"""

SIDECAR_HEADER = """\
# Provenance of every file in data/raw/ (the snapshot). Written by `make refresh`
# (scripts/unhcr/refresh.py) from the UNHCR API; never edit the data files by hand.
# The build checks each file against its sha256 here.
"""


class RefreshError(Exception):
    """The refresh cannot go on; the message says why and what to do."""


class NotRecorded(RefreshError):
    """The new data was published, but the corrections log could not be written."""


@dataclass
class Outcome:
    release: str
    date_accessed: str
    rows: dict[str, int]
    revisions: list[dict] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    country_notes: list[str] = field(default_factory=list)  # how countries.csv.gz differs, and why


# --- fetching -----------------------------------------------------------------------


def query_for(name: str, year_to: int) -> dict:
    if name == "countries":
        return {}
    return {"yearFrom": FIRST_YEAR, "yearTo": year_to, "coo_all": "true", "coa_all": "true", "cf_type": "ISO"}


def current_columns(raw_dir: Path, table: RawTable) -> tuple[str, ...]:
    """The header of the current file, so the new one has exactly its columns."""
    try:
        with gzip.open(raw_dir / table.file_name, "rt", encoding="utf-8", newline="") as lines:
            header = next(csv.reader(lines))
    except (OSError, EOFError, StopIteration, UnicodeDecodeError):
        return table.columns
    return tuple(header) if set(table.columns) <= set(header) else table.columns


def cell(value: object) -> str:
    """One value as the raw CSV writes it: whole numbers plain, "-" and null as an empty field, text trimmed."""
    if value is None or value == NOT_AVAILABLE:
        return ""
    if isinstance(value, bool):  # JSON true/false is not a count; leave it for the checks to reject
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def data_rows(items: list[dict], columns: tuple[str, ...]) -> list[list[str]]:
    return [[cell(item[column]) for column in columns] for item in items]


def fetch_tables(
    client: Client, raw_dir: Path, year_to: int, old: dict, log: Callable[[str], None], notes: list[str]
) -> dict:
    """name -> (columns, rows) for every table in RAW_TABLES; what differs in countries goes to `notes`."""
    fetched = {}
    for name, table in RAW_TABLES.items():
        columns = current_columns(raw_dir, table)
        log(f"fetching {name} from {client.url(ENDPOINTS[name])}")
        if name == "countries":
            rows, country_notes = fetch_countries(client, columns, old.get(name))
            notes += country_notes
        else:
            items = client.fetch_all(
                ENDPOINTS[name], query_for(name, year_to), columns, keys=table.keys, filled=table.iso_columns
            )
            rows = data_rows(items, columns)
        log(f"  {name}: {len(rows):,} rows")
        fetched[name] = (columns, rows)
    return fetched


# --- writing the staging folder ---------------------------------------------------------


def csv_bytes(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def write_raw_file(path: Path, content: bytes, current: Path) -> None:
    """Gzip `content` to `path`; reuse the current file's bytes when its content is the same (no spurious diff)."""
    try:
        if gzip.decompress(current.read_bytes()) == content:
            shutil.copyfile(current, path)
            return
    except (OSError, EOFError):
        pass
    with open(path, "wb") as out:
        # mtime=0: the same content always gives the same bytes, hence the same sha256.
        with gzip.GzipFile(
            filename=path.name.removesuffix(".gz"), mode="wb", fileobj=out, compresslevel=9, mtime=0
        ) as gz:
            gz.write(content)


def read_sidecar_text(raw_dir: Path) -> tuple[str, dict]:
    """The current sidecar's leading comment and its fields (empty when there is none)."""
    try:
        text = (raw_dir / SOURCE_SIDECAR).read_text(encoding="utf-8")
        fields = yaml_loader.safe_load(text)
    except (OSError, yaml.YAMLError):
        return SIDECAR_HEADER, {}
    return leading_comment(text) or SIDECAR_HEADER, fields if isinstance(fields, dict) else {}


def leading_comment(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def last_year(fetched: dict) -> int | None:
    """The latest year in the fetched data tables: the build refuses any year after the sidecar's last_year."""
    years = []
    for columns, rows in fetched.values():
        if "year" in columns:
            at = columns.index("year")
            years += [int(row[at]) for row in rows if row[at].isdigit()]
    return max(years, default=None)


def new_sidecar(raw_dir: Path, staging: Path, release: str, date_accessed: str, api: str, latest: int | None) -> str:
    header, fields = read_sidecar_text(raw_dir)
    files = dict(fields.get("files") or {})
    for table in RAW_TABLES.values():
        entry = dict(files.get(table.file_name) or {})
        entry["sha256"] = hashlib.sha256((staging / table.file_name).read_bytes()).hexdigest()
        files[table.file_name] = entry
    fields.update(
        distribution="UNHCR population statistics API, fetched by `make refresh` (scripts/unhcr/refresh.py)",
        release=release,
        last_year=latest if latest is not None else fields.get("last_year"),
        date_accessed=date_accessed,
        api=api,
        files=files,
    )
    return header + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)


def build_staging(fetched: dict, raw_dir: Path, staging: Path, release: str, date_accessed: str, api: str) -> None:
    for name, (columns, rows) in fetched.items():
        file_name = RAW_TABLES[name].file_name
        write_raw_file(staging / file_name, csv_bytes(columns, rows), raw_dir / file_name)
    # Files in data/raw/ that are not ours to refresh move along unchanged.
    ours = {table.file_name for table in RAW_TABLES.values()} | {SOURCE_SIDECAR}
    if raw_dir.is_dir():
        for path in raw_dir.iterdir():
            if path.name in ours:
                continue
            if path.is_dir():
                shutil.copytree(path, staging / path.name, symlinks=True)
            else:
                shutil.copy2(path, staging / path.name, follow_symlinks=False)
    sidecar = new_sidecar(raw_dir, staging, release, date_accessed, api, last_year(fetched))
    (staging / SOURCE_SIDECAR).write_text(sidecar, encoding="utf-8")


# --- comparing with the current snapshot ---------------------------------------------------


def read_csv_gz(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, compression="gzip")


def read_snapshot(raw_dir: Path) -> dict[str, pd.DataFrame | None]:
    """The current tables as text, unchecked (a broken snapshot must not block its own repair)."""
    tables = {}
    for name, table in RAW_TABLES.items():
        try:
            tables[name] = read_csv_gz(raw_dir / table.file_name)
        except Exception:  # missing, not gzip, not CSV: nothing to compare with
            tables[name] = None
    return tables


def key_set(frame: pd.DataFrame, keys: tuple[str, ...]) -> set[tuple]:
    if not set(keys) <= set(frame.columns):
        return set()
    return set(frame[list(keys)].itertuples(index=False, name=None))


def losses(old: dict, new: dict) -> list[str]:
    """What the new release loses that the operator must confirm: whole years, or many rows."""
    found = []
    for name, table in RAW_TABLES.items():
        before, after = old.get(name), new[name]
        if before is None or before.empty:
            continue
        if "year" in before.columns:
            gone_years = sorted(set(before["year"]) - set(after["year"]), key=lambda year: (len(year), year))
            if gone_years:
                found.append(f"{table.file_name}: loses every row of year(s) {', '.join(gone_years)}")
        gone = len(key_set(before, table.keys) - key_set(after, table.keys))
        if gone > DROP_SHARE * len(before):
            found.append(
                f"{table.file_name}: loses {gone:,} of its {len(before):,} rows "
                f"({gone / len(before):.1%}, more than the {DROP_SHARE:.0%} allowed without --yes)"
            )
    return found


def tracked_sums(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> pd.DataFrame:
    """Sums per year, origin and asylum country of the story's origins, as the story publishes them."""
    keys = ["year", "coo_iso", "coa_iso"]
    if frame is None or not set(keys + list(columns)) <= set(frame.columns):
        return pd.DataFrame(columns=keys + list(columns)).set_index(keys)
    frame = frame[frame["coo_iso"].isin(TRACKED_ORIGINS)].copy()
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce")
    frame = frame[frame["year"] >= TRACKED_FROM_YEAR]
    for column in columns:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame.groupby(keys)[list(columns)].sum(min_count=1)


def revisions(old: dict, new: dict, date_accessed: str, release: str) -> list[dict]:
    """One entry per published figure whose value differs between the two releases."""
    entries = []
    for name, columns in TRACKED_COUNTS.items():
        if old.get(name) is None:
            continue  # no earlier release of this table: nothing was revised
        before, after = tracked_sums(old[name], columns), tracked_sums(new[name], columns)
        both = before.add_suffix("_old").join(after.add_suffix("_new"), how="outer").sort_index()
        for (year, coo_iso, coa_iso), row in both.iterrows():
            for column in columns:
                was, now = _whole(row[f"{column}_old"]), _whole(row[f"{column}_new"])
                if was != now:
                    entries.append(
                        {
                            "date": date_accessed,
                            "release": release,
                            "table": name,
                            "year": int(year),
                            "coo_iso": coo_iso,
                            "coa_iso": coa_iso,
                            "column": column,
                            "old": was,
                            "new": now,
                        }
                    )
    return entries


def _whole(value) -> int | None:
    return None if pd.isna(value) else int(value)


# --- publishing ----------------------------------------------------------------------------


def swap_in(staging: Path, raw_dir: Path) -> None:
    """Put `staging` where `raw_dir` is. Two renames in one folder; if the second fails, the first is undone."""
    backup = raw_dir.with_name(f".{raw_dir.name}-previous-{os.getpid()}")
    had_old = raw_dir.exists()
    if had_old:
        os.rename(raw_dir, backup)
    try:
        os.rename(staging, raw_dir)
    except BaseException:
        if had_old:
            os.rename(backup, raw_dir)
        raise
    if had_old:
        shutil.rmtree(backup, ignore_errors=True)


def corrections_text(path: Path, new_entries: list[dict]) -> str:
    """The corrections file with `new_entries` appended, its header comment kept."""
    text = path.read_text(encoding="utf-8") if path.exists() else CORRECTIONS_HEADER + "[]\n"
    try:
        entries = yaml_loader.safe_load(text)
    except yaml.YAMLError as error:
        raise RefreshError(f"{paths.shown(path)}: not valid YAML ({error}); fix it, then refresh again") from None
    entries = entries or []
    if not isinstance(entries, list):
        raise RefreshError(f"{paths.shown(path)}: must hold a YAML list of corrections")
    body = yaml.safe_dump(entries + new_entries, sort_keys=False, allow_unicode=True, width=1000)
    return (leading_comment(text) or CORRECTIONS_HEADER) + body


def write_beside(path: Path, text: str) -> Path:
    """Write `text` to a temporary file next to `path`, ready for an atomic os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    # mkstemp makes the file private; the replacement keeps the permissions the file had.
    os.chmod(name, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
    return Path(name)


def refresh(
    client: Client,
    raw_dir: Path = paths.RAW,
    corrections: Path = CORRECTIONS,
    confirm_drops: bool = False,
    release: str | None = None,
    today: dt.date | None = None,
    log: Callable[[str], None] = print,
) -> Outcome:
    """Fetch, check, publish. Raises ApiError, DataError or RefreshError, leaving raw_dir untouched."""
    raw_dir = Path(raw_dir)
    today = today or dt.date.today()
    date_accessed = today.isoformat()
    release = release or f"api-{date_accessed}"
    old = read_snapshot(raw_dir)

    country_notes: list[str] = []
    fetched = fetch_tables(client, raw_dir, today.year, old, log, country_notes)

    raw_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{raw_dir.name}-refresh-", dir=raw_dir.parent))
    corrections_tmp = None
    try:
        # mkdtemp makes a private folder; the published one keeps the current folder's permissions.
        os.chmod(staging, stat.S_IMODE(raw_dir.stat().st_mode) if raw_dir.exists() else 0o755)
        build_staging(fetched, raw_dir, staging, release, date_accessed, client.settings.base_url)
        try:
            load_raw_tables(staging)  # the build's own checks, on the new files and their sidecar
        except DataError as error:
            raise RefreshError(
                "the fetched data fails the build's checks, so it was not published "
                f"(the lines named are those of the new file, which was not kept):\n{error}"
            ) from None

        new = {name: read_csv_gz(staging / table.file_name) for name, table in RAW_TABLES.items()}
        outcome = Outcome(
            release, date_accessed, rows={name: len(frame) for name, frame in new.items()}, country_notes=country_notes
        )
        outcome.losses = losses(old, new)
        if outcome.losses and not confirm_drops:
            raise RefreshError(
                "the new data loses rows the current snapshot has:\n  "
                + "\n  ".join(outcome.losses)
                + "\nIf UNHCR really withdrew them, run again with --yes to publish it anyway."
            )
        outcome.revisions = revisions(old, new, date_accessed, release)
        if outcome.revisions:
            corrections_tmp = write_beside(corrections, corrections_text(corrections, outcome.revisions))

        swap_in(staging, raw_dir)
        if corrections_tmp:
            try:
                os.replace(corrections_tmp, corrections)
            except OSError as error:
                kept, corrections_tmp = corrections_tmp, None
                raise NotRecorded(
                    f"{paths.shown(raw_dir)} was refreshed, but {paths.shown(corrections)} could not be replaced "
                    f"({error}); the updated list is in {paths.shown(kept)}: move it there by hand"
                ) from None
            corrections_tmp = None
        return outcome
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if corrections_tmp:
            corrections_tmp.unlink(missing_ok=True)


# --- the command -----------------------------------------------------------------------------


def report(outcome: Outcome, raw_dir: Path, corrections: Path, log: Callable[[str], None] = print) -> None:
    log(f"refresh: {paths.shown(raw_dir)} now holds release {outcome.release}, accessed {outcome.date_accessed}")
    for name, rows in outcome.rows.items():
        log(f"  {name}: {rows:,} rows")
    for loss in outcome.losses:
        log(f"  confirmed with --yes: {loss}")
    if outcome.country_notes:
        log("countries.csv.gz, where it differs from the last snapshot or from the API (scripts/unhcr/countries.py):")
        for note in outcome.country_notes:
            log(f"  {note}")
    if (raw_dir / "flows.csv.gz").exists():
        log(
            "  flows.csv.gz: left as it was; the API serves no flows table (it is copied by hand from the R "
            "package, see flows.source.yml)"
        )
    if not outcome.revisions:
        log("No published figure from China changed.")
        return
    log(f"Published figures that changed ({len(outcome.revisions)}), origin {', '.join(TRACKED_ORIGINS)}:")
    for entry in outcome.revisions[:SHOWN_REVISIONS]:
        log(
            f"  {entry['table']}.{entry['column']} {entry['year']} {entry['coo_iso']}→{entry['coa_iso']}: "
            f"{_shown_value(entry['old'])} → {_shown_value(entry['new'])}"
        )
    if len(outcome.revisions) > SHOWN_REVISIONS:
        log(f"  … and {len(outcome.revisions) - SHOWN_REVISIONS} more")
    log(f"All {len(outcome.revisions)} are recorded in {paths.shown(corrections)}.")


def report_breaks(raw_dir: Path, log: Callable[[str], None] = print, entries: list | None = None) -> list[str]:
    """The breaks in the story's series that the new tables show and the register of breaks does not
    hold yet: a person reviews each and adds it before the site is built and published."""
    from scripts.generator import project

    story = project.load_story(project.settings())
    if not hasattr(story, "unregistered_breaks"):
        return []
    found = story.unregistered_breaks(raw_dir, entries)
    where = project.settings().breaks or "the register of breaks"
    if not found:
        log(f"No new break in the story's series: every break the data shows is in {where}.")
        return found
    log(
        f"New breaks in the story's series ({len(found)}), not yet in {where}; the build stops until each is reviewed and entered:"
    )
    for line in found:
        log(f"  {line}")
    return found


def _shown_value(value: int | None) -> str:
    return "none" if value is None else f"{value:,}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.unhcr.refresh",
        description="Fetch the UNHCR tables from the API and replace data/raw/ only if every table arrived whole "
        "and passes the build's checks. Set UNHCR_API_BASE to use another API base URL.",
    )
    parser.add_argument(
        "--yes", action="store_true", help="publish even if the new data loses whole years or many rows"
    )
    parser.add_argument("--release", help="the release's name for the sidecar (default: api-<today>)")
    parser.add_argument("--raw-dir", type=Path, default=paths.RAW, help="the raw folder to refresh (default: data/raw)")
    parser.add_argument(
        "--corrections", type=Path, default=CORRECTIONS, help="the corrections log (default: data/corrections.yml)"
    )
    parser.add_argument("--page-size", type=int, default=ClientSettings.page_size, help="items asked per page")
    parser.add_argument("--attempts", type=int, default=ClientSettings.attempts, help="tries per page")
    parser.add_argument(
        "--backoff", type=float, default=ClientSettings.backoff, help="seconds before the first retry (doubles)"
    )
    parser.add_argument(
        "--timeout", type=float, default=ClientSettings.read_timeout, help="seconds to wait for an answer"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = ClientSettings.from_env(
        page_size=args.page_size, attempts=args.attempts, backoff=args.backoff, read_timeout=args.timeout
    )
    client = Client(settings, log=lambda message: print(message, file=sys.stderr))
    try:
        outcome = refresh(
            client,
            raw_dir=args.raw_dir,
            corrections=args.corrections,
            confirm_drops=args.yes,
            release=args.release,
            log=lambda message: print(message, file=sys.stderr),
        )
    except NotRecorded as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (ApiError, DataError, RefreshError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"Nothing was changed: {paths.shown(args.raw_dir)} is as it was.", file=sys.stderr)
        return 1
    report(outcome, args.raw_dir, args.corrections)
    try:
        report_breaks(args.raw_dir)
    except BuildError as error:
        print(f"error: the new tables were kept, but their breaks could not be listed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
