"""The derived tables, checked against sums done here by hand from data/raw.

The expected numbers are computed in this file with csv + gzip straight from the raw files,
never copied from the pipeline's output: China is origin ISO code CHN (Hong Kong SAR, Macao SAR
and Tibetans are origins of their own), years run from 2000 to the sidecar's last_year.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest
import yaml

from scripts.story.derive import DERIVED_TABLES, derive_all

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
LAST_YEAR = int(yaml.safe_load((RAW / "unhcr.source.yml").read_text(encoding="utf-8"))["last_year"])
YEARS = list(range(2000, LAST_YEAR + 1))

DECISIONS = {
    "recognized": "dec_recognized",
    "complementary_protection": "dec_other",
    "rejected": "dec_rejected",
    "otherwise_closed": "dec_closed",
    "decisions_total": "dec_total",
}
# Counts kept as whole numbers; rates and shares are fractions.
FRACTIONS = {
    "total_recognition_rate",
    "china_share",
    "total_recognition_rate_latest",
    "total_recognition_rate_all_years",
}


def read_rows(name: str) -> list[dict[str, str]]:
    with gzip.open(RAW / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def raw_rows() -> dict[str, list[dict[str, str]]]:
    return {name: read_rows(name) for name in ("countries", "population", "asylum_applications", "asylum_decisions")}


@pytest.fixture(scope="module")
def china_rows(raw_rows) -> dict[str, list[dict[str, str]]]:
    return {name: [row for row in rows if row.get("coo_iso") == "CHN"] for name, rows in raw_rows.items()}


def total(rows: list[dict[str, str]], column: str, **where: str) -> int:
    return sum(int(row[column]) for row in rows if all(row[key] == value for key, value in where.items()))


def recognition_rate(recognized: int, other: int, rejected: int) -> float | None:
    substantive = recognized + other + rejected
    return (recognized + other) / substantive if substantive else None


def assert_rate(actual, expected: float | None) -> None:
    if expected is None:
        assert pd.isna(actual), f"expected no rate (no substantive decision), got {actual}"
    else:
        assert actual == pytest.approx(expected, abs=5e-5)  # rates are rounded to 4 places


def expected_china(china_rows, year: int, **where: str) -> dict[str, int | float | None]:
    """Every count of china_by_year / china_by_asylum_country for one year (and asylum country)."""
    y = {"year": str(year), **where}
    population, applications, decisions = (
        china_rows["population"],
        china_rows["asylum_applications"],
        china_rows["asylum_decisions"],
    )
    expected = {
        "refugees": total(population, "refugees", **y),
        "asylum_seekers": total(population, "asylum_seekers", **y),
        "applications": total(applications, "applied", **y),
        "new_applications": total(applications, "applied", app_type="N", **y),
        "applications_counted_as_cases": total(applications, "applied", app_pc="C", **y),
    }
    for column, raw_column in DECISIONS.items():
        expected[column] = total(decisions, raw_column, **y)
    expected["substantive_decisions"] = (
        expected["recognized"] + expected["complementary_protection"] + expected["rejected"]
    )
    expected["total_recognition_rate"] = recognition_rate(
        expected["recognized"], expected["complementary_protection"], expected["rejected"]
    )
    return expected


# --------------------------------------------------------------------------- china_by_year


@pytest.mark.parametrize("year", [2000, 2008, 2015, 2020, 2024, LAST_YEAR], ids=lambda y: str(y))
def test_china_by_year_matches_sums_of_raw_rows(derived, china_rows, year):
    table = derived["china_by_year"]
    rows = table[table["year"] == year]
    assert len(rows) == 1, f"{len(rows)} rows for {year}"
    row = rows.iloc[0]
    expected = expected_china(china_rows, year)
    assert expected["refugees"] > 0 and expected["applications"] > 0  # the year is a real test
    for column, value in expected.items():
        if column == "total_recognition_rate":
            assert_rate(row[column], value)
        else:
            assert int(row[column]) == value, f"{column} in {year}: {row[column]} != {value}"


def test_china_excludes_hong_kong_macao_and_tibetans(derived, raw_rows):
    """The by-year refugees would be larger if HKG, MAC or TIB origins were counted as China."""
    year = 2020
    others = sum(
        int(row["refugees"])
        for row in raw_rows["population"]
        if row["year"] == str(year) and row["coo_iso"] in {"HKG", "MAC", "TIB"}
    )
    assert others > 0
    china = total(raw_rows["population"], "refugees", year=str(year), coo_iso="CHN")
    table = derived["china_by_year"].set_index("year")
    assert int(table.loc[year, "refugees"]) == china


# --------------------------------------------------------------------------- china_by_asylum_country


@pytest.mark.parametrize(
    "coa_iso, year",
    [("USA", 2024), ("DEU", 2016), ("GBR", 2012), ("CAN", 2019), ("UKR", LAST_YEAR)],
    ids=lambda value: str(value),
)
def test_china_by_asylum_country_matches_sums_of_raw_rows(derived, raw_rows, china_rows, coa_iso, year):
    table = derived["china_by_asylum_country"]
    rows = table[(table["year"] == year) & (table["coa_iso"] == coa_iso)]
    assert len(rows) == 1, f"{len(rows)} rows for {coa_iso} {year}"
    row = rows.iloc[0]
    expected = expected_china(china_rows, year, coa_iso=coa_iso)
    for column in DERIVED_TABLES["china_by_asylum_country"].columns:
        if column in ("year", "coa_iso", *STORY_CHOICES):
            continue
        if column == "coa_name":
            names = [r["name"] for r in raw_rows["countries"] if r["iso_code"] == coa_iso]
            assert row[column] == names[0]
        elif column == "total_recognition_rate":
            assert_rate(row[column], expected[column])
        elif column == "population_reported":  # a row for China in the population table, or a missing count
            rows = [r for r in china_rows["population"] if r["year"] == str(year) and r["coa_iso"] == coa_iso]
            assert bool(row[column]) == bool(rows)
        else:
            assert int(row[column]) == expected[column], (
                f"{column} for {coa_iso} {year}: {row[column]} != {expected[column]}"
            )


STORY_CHOICES = (
    "rate_shown",
    "counted_as",
    "main_decider_rank",
    "rank_asylum_seekers",
    "rank_refugees",
    "main_asylum_country_rank",
)  # below
MIN_DECISIONS, MAIN = 50, 5  # pyproject.toml [tool.story] min_substantive_decisions; five countries


def main_deciders_from_raw(china_rows) -> list[str]:
    totals = defaultdict(int)
    for row in china_rows["asylum_decisions"]:
        totals[row["coa_iso"]] += int(row["dec_total"] or 0)
    return [iso for iso, _ in sorted(totals.items(), key=lambda item: -item[1])[:MAIN]]


def test_the_main_deciders_and_the_rates_shown_are_chosen_once_in_the_data(derived, china_rows):
    main = main_deciders_from_raw(china_rows)
    table = derived["china_by_asylum_country"]
    ranked = table.dropna(subset=["main_decider_rank"]).drop_duplicates("coa_iso").sort_values("main_decider_rank")
    assert ranked["coa_iso"].tolist() == main
    assert derived["china_main_deciders"]["coa_iso"].tolist() == main
    assert (table["rate_shown"] == (table["substantive_decisions"] >= MIN_DECISIONS)).all()
    for row in derived["china_main_deciders"].itertuples():
        mine = [r for r in china_rows["asylum_decisions"] if r["coa_iso"] == row.coa_iso]
        protected = sum(int(r["dec_recognized"] or 0) + int(r["dec_other"] or 0) for r in mine)
        substantive = protected + sum(int(r["dec_rejected"] or 0) for r in mine)
        assert row.substantive_decisions_all_years == substantive
        assert_rate(row.total_recognition_rate_all_years, protected / substantive)
        units = {"cases" if r["dec_pc"] == "C" else "persons" for r in mine if r["year"] == "2000"}
        counted = table[(table["coa_iso"] == row.coa_iso) & (table["year"] == 2000)]["counted_as"].iloc[0]
        assert counted == " and ".join(sorted(units))


@pytest.mark.parametrize("year", [2000, 2021, LAST_YEAR], ids=str)
def test_each_years_ranking_of_asylum_countries_is_in_the_data(derived, china_rows, year):
    table = derived["china_by_asylum_country"]
    for stock in ("asylum_seekers", "refugees"):
        totals = defaultdict(int)
        for row in china_rows["population"]:
            if row["year"] == str(year):
                totals[row["coa_iso"]] += int(row[stock] or 0)
        expected = [iso for iso, value in sorted(totals.items(), key=lambda item: -item[1]) if value > 0][:5]
        rows = table[(table["year"] == year) & (table[f"rank_{stock}"] <= 5)].sort_values(f"rank_{stock}")
        assert rows["coa_iso"].tolist() == expected, stock


def test_china_by_asylum_country_has_one_row_per_country_with_any_data(derived, china_rows):
    """Each year lists exactly the asylum countries that appear in a China row of any table."""
    expected: dict[int, set[str]] = defaultdict(set)
    for rows in (china_rows["population"], china_rows["asylum_applications"], china_rows["asylum_decisions"]):
        for row in rows:
            if int(row["year"]) >= 2000:
                expected[int(row["year"])].add(row["coa_iso"])
    table = derived["china_by_asylum_country"]
    assert not table.duplicated(["year", "coa_iso"]).any()
    for year in (2000, 2012, LAST_YEAR):
        assert set(table.loc[table["year"] == year, "coa_iso"]) == expected[year], year


def test_asylum_countries_add_up_to_the_year(derived, china_rows):
    """Summed over asylum countries, the by-country table gives the raw totals for China."""
    by_country = derived["china_by_asylum_country"]
    for year in (2003, 2017, LAST_YEAR):
        rows = by_country[by_country["year"] == year]
        assert int(rows["asylum_seekers"].sum()) == total(china_rows["population"], "asylum_seekers", year=str(year))
        assert int(rows["rejected"].sum()) == total(china_rows["asylum_decisions"], "dec_rejected", year=str(year))


# --------------------------------------------------------------------------- china_among_origins


@pytest.fixture(scope="module")
def origin_totals(raw_rows) -> dict[str, Counter]:
    """measure -> Counter((year, coo_iso) -> total over asylum countries), every origin."""
    sources = {
        "refugees": ("population", "refugees"),
        "asylum_seekers": ("population", "asylum_seekers"),
        "applications": ("asylum_applications", "applied"),
    }
    totals = {}
    for measure, (table, column) in sources.items():
        counter: Counter = Counter()
        for row in raw_rows[table]:
            counter[(int(row["year"]), row["coo_iso"])] += int(row[column])
        totals[measure] = counter
    return totals


@pytest.mark.parametrize(
    "measure, year",
    [
        ("asylum_seekers", 2020),  # unknown origin (108,800) is just above China (108,071) this year
        ("asylum_seekers", 2015),
        ("asylum_seekers", LAST_YEAR),
        ("refugees", 2010),
        ("applications", 2024),
    ],
    ids=lambda value: str(value),
)
def test_china_among_origins_rank_and_share(derived, origin_totals, measure, year):
    by_origin = {origin: value for (y, origin), value in origin_totals[measure].items() if y == year}
    china = by_origin["CHN"]
    all_origins = sum(by_origin.values())  # unknown origin included
    known = {origin: value for origin, value in by_origin.items() if origin != "UNK" and value > 0}
    rank = 1 + sum(1 for value in known.values() if value > china)
    assert by_origin.get("UNK", 0) > 0  # so that leaving it out of the rank, not the share, is tested

    table = derived["china_among_origins"]
    rows = table[(table["year"] == year) & (table["measure"] == measure)]
    assert len(rows) == 1, f"{len(rows)} rows for {measure} {year}"
    row = rows.iloc[0]
    assert row["kind"] == ("flow" if measure == "applications" else "stock")
    assert int(row["china"]) == china
    assert int(row["all_origins"]) == all_origins
    assert int(row["china_rank"]) == rank
    assert int(row["origins_ranked"]) == len(known)
    assert row["china_share"] == pytest.approx(china / all_origins, abs=5e-5)


def test_unknown_origin_would_change_the_rank_in_2020(origin_totals):
    """Guards the 2020 case above: ranking UNK among origins would move China down one place."""
    by_origin = {o: v for (y, o), v in origin_totals["asylum_seekers"].items() if y == 2020}
    assert by_origin["UNK"] > by_origin["CHN"]


def test_china_among_origins_agrees_with_china_by_year(derived):
    """The 'china' column of each measure is China's by-year figure."""
    among = derived["china_among_origins"]
    by_year = derived["china_by_year"].set_index("year")
    for measure in ("refugees", "asylum_seekers", "applications"):
        rows = among[among["measure"] == measure].set_index("year")["china"]
        assert rows.astype("int64").to_dict() == by_year[measure].astype("int64").to_dict(), measure


# --------------------------------------------------------------------------- shape of every table


@pytest.mark.parametrize("name", list(DERIVED_TABLES))
def test_columns_are_exactly_the_data_dictionary(derived, name):
    assert list(derived[name].columns) == list(DERIVED_TABLES[name].columns)
    assert all(description.strip() for description in DERIVED_TABLES[name].columns.values())


@pytest.mark.parametrize("name", list(DERIVED_TABLES))
def test_years_run_from_2000_to_the_last_year_without_gap(derived, name):
    frame = derived[name]
    if name == "china_among_origins":
        for measure, rows in frame.groupby("measure"):
            assert sorted(rows["year"]) == YEARS, measure
        assert set(frame["measure"]) == {"refugees", "asylum_seekers", "applications"}
    elif name == "china_by_year":
        assert frame["year"].tolist() == YEARS
    elif name == "china_main_deciders":  # one row per country, over the series
        assert frame["coa_iso"].is_unique and len(frame) == 5
    elif name == "returned_refugees_to_china":  # only the years with a return, from the table's first
        assert frame["year"].is_monotonic_increasing and (frame["returned_refugees"] > 0).all()
    elif name == "smallest_counts":  # one row per count, over the whole release
        assert not frame.duplicated(["table", "column"]).any()
    elif name == "series_breaks":  # one row per entry of the register, within the series' years
        assert (frame["first_year"] >= YEARS[0]).all() and (frame["last_year"] <= YEARS[-1]).all()
        assert (frame["first_year"] <= frame["last_year"]).all() and frame["found"].str.len().gt(0).all()
    else:
        assert sorted(set(frame["year"])) == YEARS


@pytest.mark.parametrize("name", list(DERIVED_TABLES))
def test_no_count_is_negative(derived, name):
    frame = derived[name]
    numeric = frame.select_dtypes("number")
    assert len(numeric.columns) >= 2, f"{name}: counts are not numeric: {frame.dtypes.to_dict()}"
    for column in numeric.columns:
        values = numeric[column].dropna()
        assert (values >= 0).all(), f"{name}.{column} has negative values"
        if column in FRACTIONS:
            assert (values <= 1).all(), f"{name}.{column} above 1"
        else:
            assert pd.api.types.is_integer_dtype(numeric[column]), f"{name}.{column} is {numeric[column].dtype}"


def test_a_release_missing_a_year_of_the_story_names_the_table_and_the_year(raw_tables):
    from scripts.unhcr.raw_tables import DataError

    population = raw_tables["population"]
    latest = int(population["year"].max())
    without = dict(
        raw_tables, population=population[~((population["coo_iso"] == "CHN") & (population["year"] == latest))]
    )
    with pytest.raises(DataError, match=rf"data/raw/population.csv.gz: no rows for origin China \(CHN\) in {latest};"):
        derive_all(without)


def test_a_figure_that_cannot_be_computed_names_its_line_and_column(derived):
    from scripts.generator.figures import FigureError
    from scripts.story.figures import compute_figures
    from scripts.unhcr.raw_tables import read_source_sidecar

    broken = dict(derived, china_by_asylum_country=derived["china_by_asylum_country"].drop(columns=["refugees"]))
    with pytest.raises(
        FigureError,
        match=r"^scripts/story/figures\.py:\d+ \(\w+\): a figure could not be computed: KeyError: 'refugees'",
    ):
        compute_figures(broken, read_source_sidecar())


def test_a_figure_of_an_unknown_kind_names_the_figure():
    from scripts.generator.figures import Figure

    with pytest.raises(ValueError, match="kind 'counts' is not one of count, rounded, year"):
        Figure(1, "counts", "refugees in 2020")


# --------------------------------------------------------------------------- returns, cases, small counts


def test_returned_refugees_to_china_are_the_raw_rows(derived, china_rows):
    expected = defaultdict(int)
    for row in china_rows["population"]:
        if row["returned_refugees"] and int(row["returned_refugees"]) > 0:
            expected[(int(row["year"]), row["coa_iso"])] += int(row["returned_refugees"])
    table = derived["returned_refugees_to_china"]
    got = {(int(r.year), r.coa_iso): int(r.returned_refugees) for r in table.itertuples()}
    assert got == dict(expected) and expected, "every return to China, and nothing else"
    assert min(year for year, _ in expected) < 2000, "returns before the story's first year are kept"


def test_united_states_cases_are_counted_by_origin(derived, raw_rows):
    usa = derived["united_states_origin_unknown"].set_index("year")
    for year in (2020, LAST_YEAR):
        for table, column, unit, name in (
            ("asylum_applications", "applied", "app_pc", "applications"),
            ("asylum_decisions", "dec_total", "dec_pc", "decisions"),
        ):
            rows = [r for r in raw_rows[table] if r["coa_iso"] == "USA" and int(r["year"]) == year]
            cases = [r for r in rows if r[unit] == "C"]
            assert usa.loc[year, f"usa_{name}_as_cases"] == sum(int(r[column]) for r in cases)
            unknown = sum(int(r[column]) for r in cases if r["coo_iso"] == "UNK")
            assert usa.loc[year, f"usa_{name}_as_cases_unknown_origin"] == unknown
            china = sum(int(r[column]) for r in cases if r["coo_iso"] == "CHN")
            assert usa.loc[year, f"usa_{name}_as_cases_from_china"] == china


def test_smallest_counts_are_the_smallest_values_in_the_release(derived, raw_rows):
    table = derived["smallest_counts"].set_index(["table", "column"])
    for (name, column), row in table.iterrows():
        values = sorted({int(r[column]) for r in raw_rows[name] if r[column] not in ("", "0")})
        assert (row["smallest_above_zero"], row["second_smallest_above_zero"]) == tuple(values[:2]), column


def test_new_asylum_applications_come_from_the_flows_table_as_it_is(derived):
    """Summed here from data/raw/flows.csv.gz; an empty field is no figure, and a year with none stays empty."""
    sums: dict[int, int] = defaultdict(int)
    with gzip.open(RAW / "flows.csv.gz", "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row["coo_iso"] == "CHN" and row["asylum_seekers"] and 2000 <= int(row["year"]) <= LAST_YEAR:
                sums[int(row["year"])] += int(row["asylum_seekers"])
    column = derived["china_by_year"].set_index("year")["new_asylum_applications_flows"]
    assert {int(year): int(value) for year, value in column.items() if not pd.isna(value)} == dict(sums)
    assert sum(sums[year] for year in range(2012, 2022)) == 289_250  # the total the issue found in the table


def test_a_year_without_a_population_row_for_china_is_marked_missing_not_none(derived, china_rows):
    """South Africa reported no row for people from China in 2006, 2009 and 2010 (issue 17)."""
    table = derived["china_by_asylum_country"].set_index(["coa_iso", "year"])
    reported = {(r["coa_iso"], int(r["year"])) for r in china_rows["population"]}
    for year in (2006, 2009, 2010):
        assert ("ZAF", year) not in reported
        if ("ZAF", year) in table.index:
            assert not table.loc[("ZAF", year), "population_reported"]
    assert table.loc[("ZAF", 2008), "population_reported"]


def test_the_main_asylum_countries_are_the_five_with_most_asylum_seekers_in_the_latest_comparable_year(
    derived, china_rows
):
    """Chosen by one year's count, not by adding year-end counts (issue 17)."""
    from scripts.story.derive import latest_comparable_year

    year = latest_comparable_year(LAST_YEAR)
    counts = defaultdict(int)
    for r in china_rows["population"]:
        if r["year"] == str(year):
            counts[r["coa_iso"]] += int(r["asylum_seekers"])
    top = sorted(counts, key=counts.get, reverse=True)[:MAIN]
    table = derived["china_by_asylum_country"]
    chosen = table[table["main_asylum_country_rank"].notna()].groupby("coa_iso")["main_asylum_country_rank"].first()
    assert chosen.sort_values().index.tolist() == top
    assert "ITA" in top  # hidden when the five were chosen by summing stocks
