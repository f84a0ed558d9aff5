"""Derive the tables the story uses from the checked raw tables.

Each derived table is one function, named for what it holds, and is declared
in DERIVING; its title and a description of every column (the data dictionary)
are in docs/texts.en.yml.
China as an origin is ISO code CHN; UNHCR counts Hong Kong SAR, Macao SAR and
"Tibetan" (TIB, used for Tibetans in Nepal) as origins of their own, so they are
not included. Refugees from China in India are recorded under CHN and are
included; their number is close to what India's government reports for the
Tibetan refugees living there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from scripts.generator import paths
from scripts.generator.project import settings
from scripts.generator.texts import Texts
from scripts.unhcr.flows import load_flows
from scripts.unhcr.raw_tables import DataError

# The origin the story follows, its first year, and the fewest substantive decisions for which a
# recognition rate is shown (pyproject.toml, [tool.story]).
CHINA = settings().origin
FIRST_YEAR = settings().first_year
MIN_SUBSTANTIVE_DECISIONS = settings().min_substantive_decisions
MAIN_DECIDERS = 5  # the countries that decided most claims, whose rates the story compares
MAIN_ASYLUM_COUNTRIES = 5  # the countries with the most asylum-seekers from China in the latest comparable year
UNKNOWN_ORIGIN = "UNK"
# Origins UNHCR counts apart from China: Hong Kong SAR, Macao SAR, and Tibetans (in Nepal; in India
# they are counted under China). The data has no code for Taiwan at all.
COUNTED_APART = ("HKG", "MAC", "TIB")

STOCK = "stock"  # people counted on 31 December
FLOW = "flow"  # events counted over the year


@dataclass(frozen=True)
class DerivedTable:
    name: str
    title: str
    derive: Callable[[dict[str, pd.DataFrame]], pd.DataFrame]
    columns: dict[str, str]  # column -> what it holds, for the data dictionary


DECISION_COLUMNS = {
    "dec_recognized": "recognized",
    "dec_other": "complementary_protection",
    "dec_rejected": "rejected",
    "dec_closed": "otherwise_closed",
    "dec_total": "decisions_total",
}


def from_china(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["coo_iso"] == CHINA) & (frame["year"] >= FIRST_YEAR)]


DECIDED = ["recognized", "complementary_protection", "rejected"]  # the decisions a rate is made of


def recognition_rate(protected, substantive):
    """The total recognition rate: decisions that gave protection (refugee status or complementary
    protection) over substantive decisions (those and rejections); empty without a substantive decision.
    The story's one formula for it: tables, figures and charts read its result. Six decimals, so
    that a rate shown to one decimal of a percent is never rounded twice (0.43846 is 43.8%, where
    0.4385 would be shown as 43.9%)."""
    return (protected / substantive.where(substantive > 0)).round(6)


def with_recognition_rate(frame: pd.DataFrame) -> pd.DataFrame:
    protected = frame["recognized"] + frame["complementary_protection"]
    frame["substantive_decisions"] = protected + frame["rejected"]
    frame["total_recognition_rate"] = recognition_rate(protected, frame["substantive_decisions"])
    return frame


def with_country_names(table: pd.DataFrame, raw: dict[str, pd.DataFrame]) -> None:
    """Add coa_name, UNHCR's name for each asylum country (its code where the countries table has none),
    as the table's third column."""
    names = raw["countries"].dropna(subset=["iso_code"]).set_index("iso_code")["name"]
    table.insert(2, "coa_name", table["coa_iso"].map(names).fillna(table["coa_iso"]))


def china_by_year(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    population = from_china(raw["population"]).groupby("year")[["refugees", "asylum_seekers"]].sum()
    applications = from_china(raw["asylum_applications"])
    lodged = applications.groupby("year")["applied"].sum().rename("applications")
    new = applications[applications["app_type"] == "N"].groupby("year")["applied"].sum().rename("new_applications")
    as_cases = (
        applications[applications["app_pc"] == "C"]
        .groupby("year")["applied"]
        .sum()
        .rename("applications_counted_as_cases")
    )
    decisions = (
        from_china(raw["asylum_decisions"])
        .groupby("year")[list(DECISION_COLUMNS)]
        .sum()
        .rename(columns=DECISION_COLUMNS)
    )
    flows = raw["flows"] if "flows" in raw else load_flows()
    new_flows = from_china(flows).groupby("year")["asylum_seekers"].sum().rename("new_asylum_applications_flows")
    table = pd.concat([population, lodged, new, as_cases, decisions], axis=1).fillna(0).astype("int64")
    table = table.join(new_flows.astype("Int64"))  # empty where the flows table has no figure
    return with_recognition_rate(table.reset_index())


def china_by_asylum_country(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    keys = ["year", "coa_iso"]
    population = from_china(raw["population"]).groupby(keys)[["refugees", "asylum_seekers"]].sum()
    applications = from_china(raw["asylum_applications"]).groupby(keys)["applied"].sum().rename("applications")
    decisions = (
        from_china(raw["asylum_decisions"]).groupby(keys)[list(DECISION_COLUMNS)].sum().rename(columns=DECISION_COLUMNS)
    )
    reported = population.index
    table = pd.concat([population, applications, decisions], axis=1).fillna(0).astype("int64").reset_index()
    # A zero where the population table has no row for China is a missing count, not none: charts draw it as missing.
    table["population_reported"] = table.set_index(keys).index.isin(reported)
    with_country_names(table, raw)
    table = with_recognition_rate(table).sort_values(keys, ignore_index=True)
    # The story's choices, made once here: which rates are shown, and which countries decided most.
    table["rate_shown"] = table["substantive_decisions"] >= MIN_SUBSTANTIVE_DECISIONS
    by_unit = china_decisions_by_unit(raw)
    units = by_unit.groupby(keys)["counted_as"].agg(lambda found: " and ".join(sorted(set(found))))
    table["counted_as"] = table.set_index(keys).index.map(units).fillna("")
    ranks = main_decider_ranks(by_unit)
    table["main_decider_rank"] = table["coa_iso"].map(ranks).astype("Int64")
    for stock in ("asylum_seekers", "refugees"):  # each year's ranking of asylum countries, made once
        rank = table.groupby("year")[stock].rank(method="first", ascending=False).astype("int64")
        table[f"rank_{stock}"] = rank.where(table[stock] > 0).astype("Int64")
    # The main asylum countries the charts follow: those with the most asylum-seekers from China at the end of
    # the latest comparable year (not the sum of year-end counts, which counts a person waiting once a year).
    comparable = table[table["year"] == latest_comparable_year(int(table["year"].max()))]
    main = comparable[comparable["rank_asylum_seekers"] <= MAIN_ASYLUM_COUNTRIES]
    ranks = dict(zip(main["coa_iso"], main["rank_asylum_seekers"].astype(int)))
    table["main_asylum_country_rank"] = table["coa_iso"].map(ranks).astype("Int64")
    return table


def latest_comparable_year(latest: int) -> int:
    """The latest year, up to `latest`, that no break of the register (data/breaks.yml) touches in the
    asylum-seekers' series."""
    from scripts.generator.breaks import latest_comparable_year as computed
    from scripts.story.breaks import register

    return computed(register(), "asylum_seekers", latest)


def main_decider_ranks(by_unit: pd.DataFrame) -> dict[str, int]:
    """The MAIN_DECIDERS countries that decided most claims by people from China over the whole series, ranked."""
    totals = by_unit.groupby("coa_iso")["decisions_total"].sum()
    return {iso: rank for rank, iso in enumerate(totals.nlargest(MAIN_DECIDERS).index, start=1)}


def china_main_deciders(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The countries that decided most claims: decisions and rates in the latest year and over all years."""
    by_country = china_by_asylum_country(raw)
    main = by_country[by_country["main_decider_rank"].notna()]
    table = main.groupby("coa_iso").agg(
        main_decider_rank=("main_decider_rank", "first"),
        coa_name=("coa_name", "first"),
        decisions_total=("decisions_total", "sum"),
    )
    latest = main["year"] == main["year"].max()
    for label, rows in (("latest", main[latest]), ("all_years", main)):
        sums = with_recognition_rate(rows.groupby("coa_iso")[DECIDED].sum())
        sums = sums.reindex(table.index, fill_value=0)
        table[f"substantive_decisions_{label}"] = sums["substantive_decisions"].astype("int64")
        shown = sums["substantive_decisions"] >= MIN_SUBSTANTIVE_DECISIONS
        table[f"total_recognition_rate_{label}"] = sums["total_recognition_rate"].where(shown)
    table["main_decider_rank"] = table["main_decider_rank"].astype("int64")
    return table.reset_index().sort_values("main_decider_rank", ignore_index=True)[
        [
            "main_decider_rank",
            "coa_iso",
            "coa_name",
            "decisions_total",
            "substantive_decisions_latest",
            "total_recognition_rate_latest",
            "substantive_decisions_all_years",
            "total_recognition_rate_all_years",
        ]
    ]


def china_among_origins(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    measures = [
        ("refugees", STOCK, raw["population"], "refugees"),
        ("asylum_seekers", STOCK, raw["population"], "asylum_seekers"),
        ("applications", FLOW, raw["asylum_applications"], "applied"),
    ]
    rows = []
    for measure, kind, frame, column in measures:
        frame = frame[frame["year"] >= FIRST_YEAR]
        by_origin = frame.groupby(["year", "coo_iso"])[column].sum().reset_index()
        for year, origins in by_origin.groupby("year"):
            all_origins = int(origins[column].sum())
            known = origins[origins["coo_iso"] != UNKNOWN_ORIGIN]
            known = known[known[column] > 0]
            china = int(known.loc[known["coo_iso"] == CHINA, column].sum())
            rank = int((known[column] > china).sum()) + 1 if china > 0 else None
            # China with the origins UNHCR counts apart (Hong Kong SAR, Macao SAR, Tibetans in Nepal), as one
            joined = known["coo_iso"].isin([CHINA, *COUNTED_APART])
            wider = int(known.loc[joined, column].sum())
            rank_wider = int((known.loc[~joined, column] > wider).sum()) + 1 if wider > 0 else None
            rows.append(
                {
                    "year": year,
                    "measure": measure,
                    "kind": kind,
                    "china": china,
                    "all_origins": all_origins,
                    "china_share": round(china / all_origins, 6) if all_origins else None,
                    "china_rank": rank,
                    "origins_ranked": len(known),
                    "china_with_counted_apart": wider,
                    "china_rank_with_counted_apart": rank_wider,
                }
            )
    table = pd.DataFrame(rows)
    for column in ("china_rank", "china_rank_with_counted_apart"):
        table[column] = table[column].astype("Int64")
    return table


UNITS = {"P": "persons", "C": "cases"}
USA = "USA"


def china_decisions_by_unit(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Decisions on claims by people from China, per asylum country, year and counting unit (persons or cases)."""
    decisions = from_china(raw["asylum_decisions"]).assign(counted_as=lambda f: f["dec_pc"].map(UNITS))
    keys = ["year", "coa_iso", "counted_as"]
    table = (
        decisions.groupby(keys)[list(DECISION_COLUMNS)]
        .sum()
        .rename(columns=DECISION_COLUMNS)
        .astype("int64")
        .reset_index()
    )
    with_country_names(table, raw)
    return with_recognition_rate(table).sort_values(keys, ignore_index=True)


def united_states_origin_unknown(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What the United States reported by origin: all origins, origin unknown, and China, by year."""
    columns = {}
    for name, frame, column, unit in (
        ("asylum_seekers", raw["population"], "asylum_seekers", None),
        ("applications", raw["asylum_applications"], "applied", "app_pc"),
        ("decisions", raw["asylum_decisions"], "dec_total", "dec_pc"),
    ):
        usa = frame[(frame["coa_iso"] == USA) & (frame["year"] >= FIRST_YEAR)]
        unknown = usa["coo_iso"] == UNKNOWN_ORIGIN
        columns[f"usa_{name}"] = usa.groupby("year")[column].sum()
        columns[f"usa_{name}_unknown_origin"] = usa[unknown].groupby("year")[column].sum()
        columns[f"usa_{name}_from_china"] = usa[usa["coo_iso"] == CHINA].groupby("year")[column].sum()
        if unit:  # a flow may be counted in cases, which can hold several people
            cases = usa[unit] == "C"
            columns[f"usa_{name}_as_cases"] = usa[cases].groupby("year")[column].sum()
            columns[f"usa_{name}_as_cases_unknown_origin"] = usa[cases & unknown].groupby("year")[column].sum()
            columns[f"usa_{name}_as_cases_from_china"] = (
                usa[cases & (usa["coo_iso"] == CHINA)].groupby("year")[column].sum()
            )
    table = pd.DataFrame(columns).fillna(0).astype("int64")
    table.index.name = "year"
    return table.reset_index()


def returned_refugees_to_china(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Refugees from China whom UNHCR counted as having returned to China during the year, by the
    country of asylum the table gives beside them (by our reading, the country they returned from): every
    year the population table has such a row, before the story's
    first year too. A flow, though it is kept in the population table."""
    population = raw["population"]
    returned = population[(population["coo_iso"] == CHINA) & (population["returned_refugees"].fillna(0) > 0)]
    table = returned.groupby(["year", "coa_iso"])["returned_refugees"].sum().astype("int64").reset_index()
    with_country_names(table, raw)
    return table.sort_values(["year", "coa_iso"], ignore_index=True)


SMALL_COUNTS = {  # the counts whose smallest values show how UNHCR publishes small numbers
    "population": ("refugees", "asylum_seekers"),
    "asylum_applications": ("applied",),
    "asylum_decisions": ("dec_recognized", "dec_other", "dec_rejected", "dec_closed", "dec_total"),
}


def smallest_counts(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The two smallest values above zero of each count the story uses, over every row of the release: a
    count that never takes the values below them is rounded, or hidden, when it is small."""
    rows = []
    for table, columns in SMALL_COUNTS.items():
        for column in columns:
            values = sorted(set(raw[table][column].dropna().astype("int64")) - {0})
            rows.append(
                {
                    "table": table,
                    "column": column,
                    "smallest_above_zero": values[0] if values else None,
                    "second_smallest_above_zero": values[1] if len(values) > 1 else None,
                }
            )
    table = pd.DataFrame(rows)
    for column in ("smallest_above_zero", "second_smallest_above_zero"):
        table[column] = table[column].astype("Int64")
    return table


def series_breaks(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The register of breaks with what the data shows in its years; stops the build when the data
    shows a break the register does not hold (scripts/story/breaks.py)."""
    from scripts.story.breaks import table

    return table(raw)


# The derived tables, in the order the downloads list them. Their titles and the description of
# every column (the data dictionary) are words, not code: docs/texts.en.yml, under dictionary:.
DERIVING = {
    "china_by_year": china_by_year,
    "china_by_asylum_country": china_by_asylum_country,
    "china_main_deciders": china_main_deciders,
    "china_among_origins": china_among_origins,
    "china_decisions_by_unit": china_decisions_by_unit,
    "united_states_origin_unknown": united_states_origin_unknown,
    "returned_refugees_to_china": returned_refugees_to_china,
    "smallest_counts": smallest_counts,
    "series_breaks": series_breaks,
}


def derived_tables(texts: Texts = Texts()) -> dict[str, DerivedTable]:
    dictionary = texts.section("dictionary")
    missing = [name for name in DERIVING if name not in dictionary]
    if missing:
        raise DataError(f"{paths.shown(texts.path)}: the data dictionary has no entry for {', '.join(missing)}")
    return {
        name: DerivedTable(name, dictionary[name]["title"], derive, dict(dictionary[name]["columns"]))
        for name, derive in DERIVING.items()
    }


DERIVED_TABLES = derived_tables()


STORY_TABLES = ("population", "asylum_applications", "asylum_decisions")


def check_story_years(raw: dict[str, pd.DataFrame]) -> None:
    """Every year of the story, from FIRST_YEAR to the table's latest, has rows for origin China."""
    for name in STORY_TABLES:
        frame = raw[name]
        latest = int(frame["year"].max())
        present = set(frame.loc[frame["coo_iso"] == CHINA, "year"])
        missing = [year for year in range(FIRST_YEAR, latest + 1) if year not in present]
        if missing:
            raise DataError(
                f"data/raw/{name}.csv.gz: no rows for origin China ({CHINA}) in {', '.join(map(str, missing))}; "
                f"the story needs every year from {FIRST_YEAR} to {latest}, the table's latest. A release that "
                "dropped them must be checked with UNHCR before it is published."
            )


def derive_all(raw: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    check_story_years(raw)
    derived = {}
    for name, table in DERIVED_TABLES.items():
        frame = table.derive(raw)
        undocumented = set(frame.columns) ^ set(table.columns)
        if undocumented:
            raise ValueError(f"derived table {name}: columns and data dictionary differ: {sorted(undocumented)}")
        derived[name] = frame[list(table.columns)]
    return derived
