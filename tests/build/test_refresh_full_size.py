"""Proof at full size: today's data/raw/, served back in the live API's recorded shape, refreshes to the same story.

The stand-in (tests/unhcr_standin.py) serves every row of data/raw/ the way the
API answers: 10,000 rows a page, `total` an object of sums on the asylum
endpoints, null ISO codes, TIB/UNK/XXA as served, names with trailing spaces,
"-" for not available, counts as numbers and as strings. After `make refresh`
against it, every derived table and every figure must be what the snapshot
gives, except for the differences listed in EXPECTED_*, each explained there.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from scripts.generator import paths
from scripts.unhcr import refresh
from scripts.story.derive import derive_all
from scripts.story.figures import compute_figures
from scripts.unhcr.raw_tables import load_raw_tables, read_source_sidecar
from scripts.unhcr.api import Client, ClientSettings
from tests.unhcr_standin import StandIn, read_csv_gz, serving


TODAY = dt.date(2026, 12, 1)

# Figures that differ, and why: the sidecar records when the data was taken.
EXPECTED_FIGURE_CHANGES = {"date_accessed": ("2026-11-29", TODAY.isoformat())}

# How countries.csv.gz differs from the snapshot's, and why.
EXPECTED_COUNTRY_NOTES = [
    # No UNHCR region lists these (the stand-in places countries as the snapshot does);
    # the snapshot gives them none either, so nothing changes.
    "not listed in any UNHCR region by the API (regions/, countries/?unhcr_region=<id>), "
    "so their unhcr_region is the snapshot's: CRB, CUR",
    # The R package kept the API's trailing space; the refresh trims names.
    "CUW: name 'Curacao ' → 'Curacao'",
]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """data/raw/ refreshed from the stand-in into a copy; returns (copy, outcome, stand-in)."""
    standin = StandIn.from_snapshot(paths.RAW)
    with serving(standin) as base_url:
        folder = tmp_path_factory.mktemp("full")
        raw_dir = folder / "data" / "raw"
        shutil.copytree(paths.RAW, raw_dir)
        corrections = folder / "data" / "corrections.yml"
        shutil.copy(refresh.CORRECTIONS, corrections)
        client = Client(ClientSettings(base_url=base_url, backoff=0.01, max_backoff=0.1))
        outcome = refresh.refresh(
            client, raw_dir=raw_dir, corrections=corrections, release="2025.12.1", today=TODAY, log=lambda _: None
        )
    return raw_dir, outcome, standin


def test_pages_of_ten_thousand_rows(refreshed):
    _, _, standin = refreshed
    population = [(page, args) for endpoint, page, args in standin.requests if endpoint == "population"]
    assert [page for page, _ in population] == list(range(1, 15))  # 138,893 rows
    assert {args["limit"] for _, args in population} == {"10000"}


def test_every_row_arrives_and_nothing_is_revised(refreshed):
    raw_dir, outcome, _ = refreshed
    before = {name: len(frame) for name, frame in load_raw_tables(paths.RAW).items()}
    assert outcome.rows == before
    assert outcome.revisions == [] and outcome.losses == []
    for name in ("population", "asylum_applications", "asylum_decisions"):
        file_name = f"{name}.csv.gz"
        assert (raw_dir / file_name).read_bytes() == (paths.RAW / file_name).read_bytes(), file_name


def test_countries_differ_only_as_listed(refreshed):
    raw_dir, outcome, _ = refreshed
    assert outcome.country_notes == EXPECTED_COUNTRY_NOTES
    before, after = (read_csv_gz(folder / "countries.csv.gz") for folder in (paths.RAW, raw_dir))
    assert [row["unhcr_code"] for row in after] == [row["unhcr_code"] for row in before]  # same order, by name
    changed = {
        (b["unhcr_code"], column, b[column], a[column])
        for b, a in zip(before, after)
        for column in b
        if a[column] != b[column]
    }
    assert changed == {("CUW", "name", "Curacao ", "Curacao")}


def test_derived_tables_and_figures_are_the_snapshots(refreshed):
    raw_dir, _, _ = refreshed
    derived_before = derive_all(load_raw_tables(paths.RAW))
    derived_after = derive_all(load_raw_tables(raw_dir))
    assert list(derived_after) == list(derived_before)
    for name, frame in derived_before.items():
        assert derived_after[name].to_csv(index=False) == frame.to_csv(index=False), name

    figures_before = compute_figures(derived_before, read_source_sidecar(paths.RAW))
    figures_after = compute_figures(derived_after, read_source_sidecar(raw_dir))
    assert set(figures_after) == set(figures_before)
    changed = {
        name: (figures_before[name], figures_after[name])
        for name in figures_before
        if figures_after[name] != figures_before[name]
    }
    assert changed == EXPECTED_FIGURE_CHANGES
