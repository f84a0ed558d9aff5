"""Derive the tables the story uses from the checked raw tables.

Each derived table is one function, named for what it holds, and is declared
in DERIVED_TABLES with a description of every column (the data dictionary).
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

from scripts.generator.project import settings
from scripts.unhcr.names import short_name
from scripts.unhcr.raw_tables import DataError

# The origin the story follows, its first year, and the fewest substantive decisions for which a
# recognition rate is shown (pyproject.toml, [tool.story]).
CHINA = settings().origin
FIRST_YEAR = settings().first_year
MIN_SUBSTANTIVE_DECISIONS = settings().min_substantive_decisions
MAIN_DECIDERS = 5  # the countries that decided most claims, whose rates the story compares
UNKNOWN_ORIGIN = "UNK"

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

DECISION_DESCRIPTIONS = {
    "recognized": "Decisions granting refugee status during the year (flow).",
    "complementary_protection": "Decisions granting complementary protection during the year (flow).",
    "rejected": "Decisions rejecting the claim on its substance during the year (flow).",
    "otherwise_closed": "Claims closed without a substantive decision (withdrawn, abandoned, other) during the year (flow).",
    "decisions_total": "All decisions taken during the year (flow).",
    "substantive_decisions": "recognized + complementary_protection + rejected: decisions on the claim's substance (flow).",
    "total_recognition_rate": (
        "(recognized + complementary_protection) / (recognized + complementary_protection + rejected): "
        "the share of substantive decisions that gave protection; empty where there was no substantive decision."
    ),
}


# Names that take "the" in a sentence ("the United States held the most").
WITH_THE = {
    "United States",
    "United Kingdom",
    "Netherlands",
    "Republic of Korea",
    "Russian Federation",
    "United Arab Emirates",
    "Philippines",
    "Dominican Republic",
    "Central African Rep.",
    "Czech Republic",
    "Bahamas",
    "Gambia",
}


def in_sentence(name: str) -> str:
    """A country's display name as it reads inside a sentence."""
    name = short_name(name)
    return f"the {name}" if name in WITH_THE else name


def from_china(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["coo_iso"] == CHINA) & (frame["year"] >= FIRST_YEAR)]


def recognition_rate(protected, substantive):
    """The total recognition rate: decisions that gave protection (refugee status or complementary
    protection) over substantive decisions (those and rejections); empty without a substantive decision.
    The story's one formula for it: tables, figures and charts read its result."""
    return (protected / substantive.where(substantive > 0)).round(4)


def with_recognition_rate(frame: pd.DataFrame) -> pd.DataFrame:
    protected = frame["recognized"] + frame["complementary_protection"]
    frame["substantive_decisions"] = protected + frame["rejected"]
    frame["total_recognition_rate"] = recognition_rate(protected, frame["substantive_decisions"])
    return frame


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
    table = pd.concat([population, lodged, new, as_cases, decisions], axis=1).fillna(0).astype("int64")
    return with_recognition_rate(table.reset_index())


def china_by_asylum_country(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    keys = ["year", "coa_iso"]
    population = from_china(raw["population"]).groupby(keys)[["refugees", "asylum_seekers"]].sum()
    applications = from_china(raw["asylum_applications"]).groupby(keys)["applied"].sum().rename("applications")
    decisions = (
        from_china(raw["asylum_decisions"]).groupby(keys)[list(DECISION_COLUMNS)].sum().rename(columns=DECISION_COLUMNS)
    )
    table = pd.concat([population, applications, decisions], axis=1).fillna(0).astype("int64").reset_index()
    names = raw["countries"].dropna(subset=["iso_code"]).set_index("iso_code")["name"]
    table.insert(2, "coa_name", table["coa_iso"].map(names).fillna(table["coa_iso"]))
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
    return table


def main_decider_ranks(by_unit: pd.DataFrame) -> dict[str, int]:
    """The MAIN_DECIDERS countries that decided most claims by people from China over the whole series, ranked."""
    totals = by_unit.groupby("coa_iso")["decisions_total"].sum()
    return {iso: rank for rank, iso in enumerate(totals.nlargest(MAIN_DECIDERS).index, start=1)}


def china_main_deciders(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The countries that decided most claims: decisions and rates in the latest year and over all years."""
    by_country = china_by_asylum_country(raw)
    latest = int(by_country["year"].max())
    rows = []
    main = by_country[by_country["main_decider_rank"].notna()]
    for iso, country in main.groupby("coa_iso"):
        row = {"main_decider_rank": int(country["main_decider_rank"].iloc[0]), "coa_iso": iso}
        row["coa_name"] = country["coa_name"].iloc[0]
        row["decisions_total"] = int(country["decisions_total"].sum())
        for label, chosen in (("latest", country[country["year"] == latest]), ("all_years", country)):
            protected = int(chosen["recognized"].sum() + chosen["complementary_protection"].sum())
            substantive = protected + int(chosen["rejected"].sum())
            row[f"substantive_decisions_{label}"] = substantive
            rate = recognition_rate(pd.Series([protected]), pd.Series([substantive])).iloc[0]
            row[f"total_recognition_rate_{label}"] = rate if substantive >= MIN_SUBSTANTIVE_DECISIONS else None
        rows.append(row)
    return pd.DataFrame(rows).sort_values("main_decider_rank", ignore_index=True)


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
            rows.append(
                {
                    "year": year,
                    "measure": measure,
                    "kind": kind,
                    "china": china,
                    "all_origins": all_origins,
                    "china_share": round(china / all_origins, 4) if all_origins else None,
                    "china_rank": rank,
                    "origins_ranked": len(known),
                }
            )
    table = pd.DataFrame(rows)
    table["china_rank"] = table["china_rank"].astype("Int64")
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
    names = raw["countries"].dropna(subset=["iso_code"]).set_index("iso_code")["name"]
    table.insert(2, "coa_name", table["coa_iso"].map(names).fillna(table["coa_iso"]))
    return with_recognition_rate(table).sort_values(keys, ignore_index=True)


def united_states_origin_unknown(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What the United States reported by origin: all origins, origin unknown, and China, by year."""
    columns = {}
    for name, frame, column in (
        ("asylum_seekers", raw["population"], "asylum_seekers"),
        ("applications", raw["asylum_applications"], "applied"),
        ("decisions", raw["asylum_decisions"], "dec_total"),
    ):
        usa = frame[(frame["coa_iso"] == USA) & (frame["year"] >= FIRST_YEAR)]
        columns[f"usa_{name}"] = usa.groupby("year")[column].sum()
        columns[f"usa_{name}_unknown_origin"] = usa[usa["coo_iso"] == UNKNOWN_ORIGIN].groupby("year")[column].sum()
        columns[f"usa_{name}_from_china"] = usa[usa["coo_iso"] == CHINA].groupby("year")[column].sum()
    table = pd.DataFrame(columns).fillna(0).astype("int64")
    table.index.name = "year"
    return table.reset_index()


COUNTRY_COLUMNS = {
    "year": "Calendar year.",
    "refugees": "Refugees from China at the end of the year (stock).",
    "asylum_seekers": "Asylum-seekers from China at the end of the year: claims still pending (stock).",
    "applications": "Asylum applications by people from China lodged during the year, all kinds (flow).",
}

DERIVED_TABLES = {
    table.name: table
    for table in (
        DerivedTable(
            name="china_by_year",
            title="People from China seeking protection, by year",
            derive=china_by_year,
            columns={
                **COUNTRY_COLUMNS,
                "new_applications": "Of applications, those that were new claims (application type N) (flow).",
                "applications_counted_as_cases": (
                    "Of applications, those reported by countries that count cases, not persons; "
                    "a case can hold several people (flow)."
                ),
                **DECISION_DESCRIPTIONS,
            },
        ),
        DerivedTable(
            name="china_by_asylum_country",
            title="People from China seeking protection, by asylum country and year",
            derive=china_by_asylum_country,
            columns={
                "year": COUNTRY_COLUMNS["year"],
                "coa_iso": "Country of asylum, ISO 3166 alpha-3 code.",
                "coa_name": "Country of asylum, UNHCR's short name.",
                **COUNTRY_COLUMNS,
                **DECISION_DESCRIPTIONS,
                "rate_shown": (
                    "True where substantive_decisions reach the story's minimum (see china_main_deciders): "
                    "only those rates are drawn or quoted."
                ),
                "counted_as": "persons, cases, or cases and persons: the units the country reported decisions in.",
                "main_decider_rank": (
                    "1 to 5 for the five countries that decided most claims by people from China over the series; "
                    "empty for the others."
                ),
                "rank_asylum_seekers": (
                    "The country's rank that year by asylum-seekers from China (1 = most; ties in the table's "
                    "order); empty where there were none."
                ),
                "rank_refugees": "The same by refugees from China.",
            },
        ),
        DerivedTable(
            name="china_main_deciders",
            title="The countries that decided most claims by people from China: decisions and recognition rates",
            derive=china_main_deciders,
            columns={
                "main_decider_rank": "1 for the country that decided most claims over the series, and so on.",
                "coa_iso": "Country of asylum, ISO 3166 alpha-3 code.",
                "coa_name": "Country of asylum, UNHCR's short name.",
                "decisions_total": "All decisions over the series (flow, added over the years).",
                "substantive_decisions_latest": "Substantive decisions in the latest year (flow).",
                "total_recognition_rate_latest": (
                    "Total recognition rate in the latest year; empty below the minimum of substantive decisions."
                ),
                "substantive_decisions_all_years": "Substantive decisions over the series (flow, added over the years).",
                "total_recognition_rate_all_years": (
                    "Total recognition rate over the series; empty below the minimum of substantive decisions."
                ),
            },
        ),
        DerivedTable(
            name="china_among_origins",
            title="China among all countries of origin, by year",
            derive=china_among_origins,
            columns={
                "year": "Calendar year.",
                "measure": "refugees, asylum_seekers (both stocks at year end) or applications (flow during the year).",
                "kind": "stock or flow.",
                "china": "The measure for people from China.",
                "all_origins": "The measure for all origins, unknown origin included.",
                "china_share": "china / all_origins.",
                "china_rank": "China's rank among known origins (1 = largest); unknown origin is not ranked.",
                "origins_ranked": "How many known origins had more than zero that year.",
            },
        ),
        DerivedTable(
            name="china_decisions_by_unit",
            title="Decisions on claims by people from China, by asylum country, year and counting unit",
            derive=china_decisions_by_unit,
            columns={
                "year": "Calendar year.",
                "coa_iso": "Country of asylum, ISO 3166 alpha-3 code.",
                "coa_name": "Country of asylum, UNHCR's short name.",
                "counted_as": (
                    "persons or cases: the unit the asylum country reported in. A case can hold several people, "
                    "so figures counted in cases undercount people."
                ),
                **DECISION_DESCRIPTIONS,
            },
        ),
        DerivedTable(
            name="united_states_origin_unknown",
            title="What the United States reported: all origins, origin unknown, and China",
            derive=united_states_origin_unknown,
            columns={
                "year": "Calendar year.",
                "usa_asylum_seekers": "Asylum-seekers of all origins in the United States at the end of the year (stock).",
                "usa_asylum_seekers_unknown_origin": "Of those, asylum-seekers whose origin was reported as unknown (stock).",
                "usa_asylum_seekers_from_china": "Of those, asylum-seekers from China (stock).",
                "usa_applications": "Asylum applications of all origins lodged in the United States during the year (flow).",
                "usa_applications_unknown_origin": "Of those, applications whose origin was reported as unknown (flow).",
                "usa_applications_from_china": "Of those, applications by people from China (flow).",
                "usa_decisions": "Decisions of all origins taken in the United States during the year (flow).",
                "usa_decisions_unknown_origin": "Of those, decisions whose origin was reported as unknown (flow).",
                "usa_decisions_from_china": "Of those, decisions on claims by people from China (flow).",
            },
        ),
    )
}


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
