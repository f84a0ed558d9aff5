"""UNHCR's flows table (data/raw/flows.csv.gz), kept apart from the API's tables.

The API serves no flows endpoint; the R package builds the table from a spreadsheet. It has its
own sidecar (data/raw/flows.source.yml) and is checked against the sha256 recorded there;
`make refresh` leaves both alone. Of its columns the story reads `asylum_seekers`: new asylum
applications registered during the year, repeat and appeal applications excluded (a flow).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from scripts.generator import paths
from scripts.unhcr.raw_tables import ASYLUM, ORIGIN, DataError, RawTable, read_sidecar, read_table, to_counts

FLOWS_FILE = "flows.csv.gz"
FLOWS_SIDECAR = "flows.source.yml"
FLOWS = RawTable(
    name="flows",
    keys=("year", "coo", "coa"),
    text=ORIGIN + ASYLUM,
    optional_counts=("refugees", "asylum_seekers", "refugee_like", "oip"),
)


def read_flows_sidecar(raw_dir: Path = paths.RAW) -> dict:
    path = raw_dir / FLOWS_SIDECAR
    sidecar = read_sidecar(path, FLOWS_FILE)
    entry = (sidecar or {}).get("files", {}).get(FLOWS_FILE) if isinstance(sidecar, dict) else None
    if not isinstance(entry, dict) or not entry.get("sha256"):
        raise DataError(f"{paths.shown(path)}: files: {FLOWS_FILE}: sha256 is missing")
    return sidecar


def load_flows(raw_dir: Path = paths.RAW) -> pd.DataFrame:
    """The flows table, checked against its sidecar, with its counts as integers (empty: <NA>)."""
    sidecar = read_flows_sidecar(raw_dir)
    path = raw_dir / FLOWS_FILE
    if path.is_file():
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        expected = sidecar["files"][FLOWS_FILE]["sha256"]
        if actual != expected:
            raise DataError(
                f"{paths.shown(path)}: its sha256 {actual[:12]}… differs from the {expected[:12]}… recorded in "
                f"{FLOWS_SIDECAR}. It is copied by hand from the R package: restore it (git checkout -- "
                f"{paths.shown(path)}) or copy the new release and record its sha256."
            )
    frame = read_table(path, FLOWS)
    return to_counts(frame, FLOWS)
