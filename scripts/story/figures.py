"""Named figures that pages quote in prose as {{ name }}, computed from the derived tables.

Each figure's name is written out here, with its value; its kind and what it
is are in the catalogue beside this file (scripts/story/figures.yml), which the
build checks against these names. To add a figure, add its line there and its
value here. A value is a number, a year, a fraction for a percent, a country
(`country(iso, name)`), a list of years or countries, or a verdict code: the
words that write it (articles, "and", ordinals) belong to the page's language
(scripts/generator/wording.py), not to the figure.

The fact check (docs/fact-check.md) compares what a 2022 article and the
sources it quoted claimed with what the data shows. The claimed numbers are
third-party figures: they are typed once, in CLAIMED below, and are never
shown in prose except as marked quotations. Everything compared with them is
computed here from the derived tables, and so is each numeric verdict.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.generator.figures import VERDICTS, compute, country
from scripts.generator.geography import iso_numeric, map_ids
from scripts.story.derive import (
    DECIDED,
    MIN_SUBSTANTIVE_DECISIONS,
    latest_comparable_year,
    recognition_rate,
    with_recognition_rate,
)
from scripts.unhcr.names import short_name

# Verdicts the fact check gives, in the order the page explains them.
ACCURATE, PARTLY_VERIFIED, MISLEADING, WRONG, UNVERIFIABLE = VERDICTS

# What the article (and Safeguard Defenders, as it quoted them) claimed: third-party
# figures, typed as they were published, so that the data can be compared with them.
CLAIMED = {
    "from_year": 2012,  # "from 2012 (15,362) to 2021 (118,476)"
    "from_count": 15362,
    "to_year": 2021,
    "to_count": 118476,
    "increase_percent": 800,  # "almost 800 percent"
    "threshold": 100000,  # "2019 (104,248) was the first year above 100,000"
    "first_over_threshold_year": 2019,
    "first_over_threshold_count": 104248,
    "year_before_year": 2020,  # "2020 was 108,071"
    "year_before_count": 108071,
    "total_since_from_year": 730000,  # "since 2012 about 730,000 Chinese have sought asylum"
    "refugees_more_than": 170000,  # "more than 170,000 live abroad with refugee status"
    "hu_years": 8,  # "more asylum seekers than Hu Jintao's last eight years"
    "usa_count": 88722,  # United States "88,722 in 2021"
    "aus_count": 15774,  # Australia "15,774"
    # Safeguard Defenders later applied the same method: "between 2012 and mid-2024, over one million".
    "later_to_year": 2024,
    "later_total": 1000000,
}

# India's Ministry of Home Affairs, Annual Report 2020-21, counts Tibetan refugees in India as
# of the end of this year; its figure is quoted, with the report, on the pages that compare it.
INDIA_HOME_AFFAIRS_YEAR = 2020

# Hu Jintao led the Communist Party from November 2002 to November 2012 (and was
# President until March 2013). Year-end counts are taken on 31 December, so his
# "last eight years" are either the year ends 2005-2012, or 2004-2011 if 2012 is
# counted as Xi Jinping's first year, as Safeguard Defenders count it.
HU_JINTAO_LAST_YEAR_ENDS = ((2004, 2011), (2005, 2012))

# A claimed number "matches" the data when it is within this share of it; a
# claimed percentage change is "right" within this many percentage points.
ROUNDING = 0.02
PERCENT_POINTS = 25


def matches(claimed: float, actual: float) -> bool:
    return abs(claimed - actual) <= ROUNDING * abs(actual)


def compute_figures(derived: dict[str, pd.DataFrame], source: dict) -> dict:
    """All the story's figures, {name: value}; a failure names the line of this file (or another of the
    story's) where it failed."""
    return compute(lambda: all_figures(derived, source), Path(__file__).parent, derived)


def named(row) -> dict:
    """A derived table's row (coa_iso, coa_name) as a country value, with the short name charts use."""
    return country(row["coa_iso"], short_name(row["coa_name"]))


def all_figures(derived: dict[str, pd.DataFrame], source: dict) -> dict:
    by_year = derived["china_by_year"].set_index("year")
    first, latest = int(by_year.index.min()), int(by_year.index.max())
    asylum_seekers, refugees = by_year["asylum_seekers"], by_year["refugees"]
    figures = {
        "release": str(source["release"]),
        "licence": str(source["licence"]),
        "attribution": str(source["attribution"]),
        "date_accessed": str(source["date_accessed"]),
        "first_year": first,
        "latest_year": latest,
        "previous_year": latest - 1,
        "years_in_series": latest - first + 1,
        "asylum_seekers_first": int(asylum_seekers[first]),
        "asylum_seekers_latest": int(asylum_seekers[latest]),
        "asylum_seekers_peak": int(asylum_seekers.max()),
        "asylum_seekers_peak_year": int(asylum_seekers.idxmax()),
        "asylum_seekers_low_year": int(asylum_seekers.idxmin()),
        "refugees_first": int(refugees[first]),
        "refugees_latest": int(refugees[latest]),
        "refugees_peak": int(refugees.max()),
        "refugees_peak_year": int(refugees.idxmax()),
    }
    figures |= story_figures(by_year, latest)
    figures |= application_figures(by_year, first, latest)
    figures |= origin_figures(derived["china_among_origins"], latest)
    figures |= country_figures(derived["china_by_asylum_country"], first, latest)
    figures |= united_states_figures(derived["united_states_origin_unknown"].set_index("year"), by_year, latest)
    figures |= decision_figures(by_year, derived["china_decisions_by_unit"], derived["china_main_deciders"], latest)
    figures |= fact_check_figures(by_year, derived["china_by_asylum_country"])
    figures |= india_figures(derived["china_by_asylum_country"], latest)
    figures |= returned_figures(derived["returned_refugees_to_china"], latest)
    figures |= small_count_figures(derived["smallest_counts"])
    figures |= striking_rate_figures(derived["china_by_asylum_country"], latest)
    figures |= comparability_figures(by_year, first, latest)
    figures |= break_rule_figures()
    figures |= counted_apart_figures(derived["china_among_origins"], figures["comparable_year"], latest)
    figures |= without_india_figures(by_year, derived["china_by_asylum_country"], latest)
    figures |= claimed_figures()
    figures |= ranks_outside_breaks_figures(derived["china_among_origins"], latest)
    figures |= direction_figures(figures)
    return figures


def break_rule_figures() -> dict:
    """The thresholds by which the build finds breaks (scripts/generator/breaks.py), for the methodology page."""
    from scripts.generator.breaks import THRESHOLDS as t
    from scripts.story.breaks import SCOPE_SHARE

    return {
        "break_scope_share": SCOPE_SHARE,
        "break_jump_share": t.jump_share,
        "break_people": t.people,
        "break_material_share": t.material,
        "break_signature_share": t.signature,
        "break_alone_share": t.alone,
        "break_repeat_years": t.repeat_years,
    }


def comparability_figures(by_year: pd.DataFrame, first: int, latest: int) -> dict:
    """The latest comparable year, from the register of breaks (data/breaks.yml): the latest year no break in
    the asylum-seekers' series touches, and the run of untouched years that ends in it. The home page leads
    with these; it calls that year's count the highest of the series, so the build checks that it is."""
    from scripts.generator.breaks import comparable_since
    from scripts.story.breaks import register

    year = latest_comparable_year(latest)
    entries = register()
    since = comparable_since(entries, "asylum_seekers", year, first)
    # the break the article's starting year falls in: the United States' collapse and return
    (collapse,) = [e for e in entries if e.country == "USA" and "asylum_seekers" in e.series and e.first < e.last]
    asylum_seekers = by_year["asylum_seekers"]
    if asylum_seekers[year] < asylum_seekers.loc[:year].max():
        raise ValueError(
            f"the latest comparable year, {year}, no longer has the most asylum-seekers from China of the series; "
            "docs/index.md says it has: rewrite its opening"
        )
    if year == latest:
        raise ValueError(
            f"the latest year, {latest}, is now comparable with the years before it; docs/index.md says it is not: "
            "rewrite its opening"
        )
    return {
        "comparable_year": year,
        "comparable_since_year": since,
        "us_collapse_first_year": collapse.first,
        "us_collapse_last_year": collapse.last,
        "asylum_seekers_comparable": int(asylum_seekers[year]),
        "asylum_seekers_comparable_since": int(asylum_seekers[since]),
        "asylum_seekers_comparable_vs_since": round(float(asylum_seekers[year] / asylum_seekers[since]), 1),
    }


def counted_apart_figures(among: pd.DataFrame, comparable: int, latest: int) -> dict:
    """China's rank among origins as UNHCR counts it, and with Hong Kong SAR, Macao SAR and Tibetans added."""
    refugees = among[among["measure"] == "refugees"].set_index("year")
    return {
        "china_rank_refugees_comparable": int(refugees.loc[comparable, "china_rank"]),
        "china_rank_refugees_wider_latest": int(refugees.loc[latest, "china_rank_with_counted_apart"]),
        "china_rank_refugees_wider_comparable": int(refugees.loc[comparable, "china_rank_with_counted_apart"]),
    }


def without_india_figures(by_year: pd.DataFrame, by_country: pd.DataFrame, latest: int) -> dict:
    """Refugees from China with and without India's figure (Tibetans, counted under China there), and how
    much of the fall since the peak is India's."""
    india = india_refugees(by_country).reindex(by_year.index, fill_value=0)
    refugees = by_year["refugees"]
    peak = int(refugees.idxmax())
    outside = refugees - india
    return {
        "refugees_outside_india_peak_year": int(outside[peak]),
        "refugees_outside_india_latest": int(outside[latest]),
        "refugees_fall_since_peak": int(refugees[peak] - refugees[latest]),
        "refugees_fall_since_peak_in_india": int(india[peak] - india[latest]),
    }


def claimed_figures() -> dict:
    """The claimed numbers, for the fact check's quotations (docs/fact-check.claims.yml): a claimed_…
    figure stands only inside <q cite=…>."""
    c = CLAIMED
    return {
        "claimed_from_year": c["from_year"],
        "claimed_from_count": c["from_count"],
        "claimed_to_year": c["to_year"],
        "claimed_to_count": c["to_count"],
        "claimed_increase_percent": c["increase_percent"],
        "claimed_threshold": c["threshold"],
        "claimed_first_over_threshold_year": c["first_over_threshold_year"],
        "claimed_first_over_threshold_count": c["first_over_threshold_count"],
        "claimed_year_before_year": c["year_before_year"],
        "claimed_year_before_count": c["year_before_count"],
        "claimed_total_since_from_year": c["total_since_from_year"],
        "claimed_refugees_more_than": c["refugees_more_than"],
        "claimed_usa_count": c["usa_count"],
        "claimed_aus_count": c["aus_count"],
    }


def story_figures(by_year: pd.DataFrame, latest: int) -> dict:
    series = by_year["asylum_seekers"]
    previous, now = int(series[latest - 1]), int(series[latest])
    return {
        "asylum_seekers_change_word": "down" if now < previous else "up",
        "asylum_seekers_change_latest": round(abs(now - previous) / previous, 6),
    }


def application_figures(by_year: pd.DataFrame, first: int, latest: int) -> dict:
    from scripts.generator.breaks import latest_comparable_year as comparable_in
    from scripts.story.breaks import register

    applications = by_year["applications"]
    cases = by_year["applications_counted_as_cases"]
    comparable = comparable_in(register(), "applications", latest)  # the applications' own breaks
    if applications[comparable] < applications.max():
        raise ValueError(
            f"applications in {comparable}, the latest comparable year of their series, are no longer the most of "
            "any year; docs/index.md says they are: rewrite its key findings"
        )
    return {
        "applications_comparable_year": comparable,
        "applications_comparable": int(applications[comparable]),
        "applications_latest": int(applications[latest]),
        "applications_first": int(applications[first]),
        "applications_peak": int(applications.max()),
        "applications_peak_year": int(applications.idxmax()),
        "applications_cases_share_first": round(float(cases[first] / applications[first]), 6),
        "applications_cases_share_latest": round(float(cases[latest] / applications[latest]), 6),
    }


def origin_figures(among: pd.DataFrame, latest: int) -> dict:
    among = among.set_index(["measure", "year"])
    asylum_seekers, refugees, applications = (among.loc[m] for m in ("asylum_seekers", "refugees", "applications"))

    def best_rank(rows: pd.DataFrame) -> int:
        return int(rows["china_rank"].astype(float).min())

    def best_rank_years(rows: pd.DataFrame) -> list[int]:
        return [int(year) for year in rows.index if float(rows.loc[year, "china_rank"]) == best_rank(rows)]

    return {
        "china_rank_asylum_seekers_latest": int(asylum_seekers.loc[latest, "china_rank"]),
        "china_rank_asylum_seekers_previous": int(asylum_seekers.loc[latest - 1, "china_rank"]),
        "china_rank_refugees_latest": int(refugees.loc[latest, "china_rank"]),
        "china_rank_applications_latest": int(applications.loc[latest, "china_rank"]),
        "china_rank_applications_previous": int(applications.loc[latest - 1, "china_rank"]),
        "china_share_asylum_seekers_latest": float(asylum_seekers.loc[latest, "china_share"]),
        "china_share_refugees_latest": float(refugees.loc[latest, "china_share"]),
        "china_best_rank_asylum_seekers": best_rank(asylum_seekers),
        "china_best_rank_asylum_seekers_years": best_rank_years(asylum_seekers),
        "china_best_rank_refugees": best_rank(refugees),
        "china_best_rank_refugees_years": best_rank_years(refugees),
        "china_peak_share_asylum_seekers": float(asylum_seekers["china_share"].max()),
        "china_peak_share_asylum_seekers_year": int(asylum_seekers["china_share"].idxmax()),
        "china_peak_share_refugees": float(refugees["china_share"].max()),
        "china_peak_share_refugees_year": int(refugees["china_share"].idxmax()),
        "origins_ranked_asylum_seekers_latest": int(asylum_seekers.loc[latest, "origins_ranked"]),
    }


def country_figures(by_country: pd.DataFrame, first: int, latest: int) -> dict:
    def year(y: int) -> pd.DataFrame:
        return by_country[by_country["year"] == y]

    def ranked(y: int, stock: str, rank: int) -> pd.Series:
        return year(y).set_index(f"rank_{stock}").loc[rank]

    def share(y: int, stock: str, rank: int) -> float:
        return round(float(ranked(y, stock, rank)[stock] / year(y)[stock].sum()), 6)

    india = india_refugees(by_country)
    comparable = latest_comparable_year(latest)
    return {
        "top_country_asylum_seekers_comparable": named(ranked(comparable, "asylum_seekers", 1)),
        "top_country_asylum_seekers_comparable_count": int(ranked(comparable, "asylum_seekers", 1)["asylum_seekers"]),
        "top_country_asylum_seekers_comparable_share": share(comparable, "asylum_seekers", 1),
        "top_country_asylum_seekers_first": named(ranked(first, "asylum_seekers", 1)),
        "top_country_asylum_seekers_first_count": int(ranked(first, "asylum_seekers", 1)["asylum_seekers"]),
        "top_country_asylum_seekers_first_share": share(first, "asylum_seekers", 1),
        "top_country_asylum_seekers_latest": named(ranked(latest, "asylum_seekers", 1)),
        "top_country_asylum_seekers_latest_count": int(ranked(latest, "asylum_seekers", 1)["asylum_seekers"]),
        "top_country_asylum_seekers_latest_share": share(latest, "asylum_seekers", 1),
        "top_country_asylum_seekers_previous_share": share(latest - 1, "asylum_seekers", 1),
        "second_country_asylum_seekers_first": named(ranked(first, "asylum_seekers", 2)),
        "second_country_asylum_seekers_first_count": int(ranked(first, "asylum_seekers", 2)["asylum_seekers"]),
        "second_country_asylum_seekers_latest": named(ranked(latest, "asylum_seekers", 2)),
        "second_country_asylum_seekers_latest_count": int(ranked(latest, "asylum_seekers", 2)["asylum_seekers"]),
        "top_country_refugees_latest": named(ranked(latest, "refugees", 1)),
        "top_country_refugees_latest_count": int(ranked(latest, "refugees", 1)["refugees"]),
        "second_country_refugees_latest": named(ranked(latest, "refugees", 2)),
        "second_country_refugees_latest_count": int(ranked(latest, "refugees", 2)["refugees"]),
        "countries_with_asylum_seekers_latest": int((year(latest)["asylum_seekers"] > 0).sum()),
        "countries_with_refugees_latest": int((year(latest)["refugees"] > 0).sum()),
        "refugees_india_latest": int(india.get(latest, 0)),
        "refugees_india_share_latest": round(float(india.get(latest, 0) / year(latest)["refugees"].sum()), 6),
        "map_not_drawn": map_not_drawn(year(latest)),
    }


def map_not_drawn(latest_rows: pd.DataFrame) -> list[dict]:
    """Countries with people from China in the latest year that the world map is too coarse to draw."""
    drawn = map_ids()
    present = latest_rows[(latest_rows["refugees"] > 0) | (latest_rows["asylum_seekers"] > 0)]
    missing = [named(row) for _, row in present.iterrows() if iso_numeric(row["coa_iso"]) not in drawn]
    return sorted(missing, key=lambda value: value["name"])


def united_states_figures(usa: pd.DataFrame, by_year: pd.DataFrame, latest: int) -> dict:
    outside = by_year["asylum_seekers"] - usa["usa_asylum_seekers_from_china"]
    now, before = usa.loc[latest], usa.loc[latest - 1]
    return {
        "usa_asylum_seekers_first": int(usa.iloc[0]["usa_asylum_seekers"]),
        "usa_asylum_seekers_latest": int(now["usa_asylum_seekers"]),
        "usa_asylum_seekers_previous": int(before["usa_asylum_seekers"]),
        "usa_unknown_origin_latest": int(now["usa_asylum_seekers_unknown_origin"]),
        "usa_unknown_origin_previous": int(before["usa_asylum_seekers_unknown_origin"]),
        "usa_unknown_origin_share_latest": share(now["usa_asylum_seekers_unknown_origin"], now["usa_asylum_seekers"]),
        "usa_unknown_origin_share_previous": share(
            before["usa_asylum_seekers_unknown_origin"], before["usa_asylum_seekers"]
        ),
        "usa_china_latest": int(now["usa_asylum_seekers_from_china"]),
        "usa_china_previous": int(before["usa_asylum_seekers_from_china"]),
        "usa_applications_unknown_origin_latest": int(now["usa_applications_unknown_origin"]),
        "usa_applications_unknown_origin_previous": int(before["usa_applications_unknown_origin"]),
        "usa_decisions_unknown_origin_latest": int(now["usa_decisions_unknown_origin"]),
        "usa_decisions_unknown_origin_previous": int(before["usa_decisions_unknown_origin"]),
        "usa_applications_as_cases_latest": int(now["usa_applications_as_cases"]),
        "usa_applications_as_cases_unknown_share_latest": share(
            now["usa_applications_as_cases_unknown_origin"], now["usa_applications_as_cases"]
        ),
        "usa_decisions_as_cases_latest": int(now["usa_decisions_as_cases"]),
        "usa_decisions_as_cases_unknown_share_latest": share(
            now["usa_decisions_as_cases_unknown_origin"], now["usa_decisions_as_cases"]
        ),
        "usa_decisions_as_cases_from_china_latest": int(now["usa_decisions_as_cases_from_china"]),
        "asylum_seekers_outside_usa_latest": int(outside[latest]),
        "asylum_seekers_outside_usa_previous": int(outside[latest - 1]),
    }


def share(part: float, whole: float) -> float:
    return round(float(part / whole), 6) if whole else 0.0


def india_refugees(by_country: pd.DataFrame) -> pd.Series:
    """Refugees from China recorded in India, by year."""
    return by_country[by_country["coa_iso"] == "IND"].set_index("year")["refugees"]


def india_figures(by_country: pd.DataFrame, latest: int) -> dict:
    """Refugees from China recorded in India: how rarely the count moves, its largest fall, and its value in
    the year India's Ministry of Home Affairs counted Tibetan refugees (INDIA_HOME_AFFAIRS_YEAR)."""
    india = india_refugees(by_country).reindex(range(int(by_country["year"].min()), latest + 1), fill_value=0)
    change = india.diff().iloc[1:]
    fall_to = int(change.idxmin())
    return {
        "refugees_india_years_unchanged": int((change == 0).sum()),
        "refugees_india_years_compared": int(len(change)),
        "refugees_india_largest_fall_from_year": fall_to - 1,
        "refugees_india_largest_fall_to_year": fall_to,
        "refugees_india_largest_fall_from": int(india[fall_to - 1]),
        "refugees_india_largest_fall_to": int(india[fall_to]),
        "india_home_affairs_year": INDIA_HOME_AFFAIRS_YEAR,
        "refugees_india_home_affairs_year": int(india[INDIA_HOME_AFFAIRS_YEAR]),
    }


def returned_figures(returned: pd.DataFrame, latest: int) -> dict:
    """Refugees counted as returned to China: the latest years, and the most in any year, with where from."""
    by_year = returned.groupby("year")["returned_refugees"].sum()
    most_year = int(by_year.idxmax())
    most = returned[returned["year"] == most_year].sort_values("returned_refugees", ascending=False).iloc[0]
    return {
        "returned_refugees_latest": int(by_year.get(latest, 0)),
        "returned_refugees_previous": int(by_year.get(latest - 1, 0)),
        "returned_refugees_most": int(by_year[most_year]),
        "returned_refugees_most_year": most_year,
        "returned_refugees_most_from": named(most),
        "returned_refugees_years": [int(year) for year in by_year.index],
    }


RECENT_YEARS = 10  # "the last ten years", over which a country's range of rates is given


def striking_rate_figures(by_country: pd.DataFrame, latest: int) -> dict:
    """The two striking differences the decisions page explains: France's rate, first and latest, and the range
    of Australia's over the recent years (rates shown only where they rest on enough decisions)."""

    def rates(iso: str) -> pd.Series:
        rows = by_country[(by_country["coa_iso"] == iso) & by_country["rate_shown"]]
        return rows.set_index("year")["total_recognition_rate"]

    france, australia = rates("FRA"), rates("AUS")
    recent = australia.loc[latest - RECENT_YEARS + 1 :]
    return {
        "france_rate_first": float(france.iloc[0]),
        "france_rate_first_year": int(france.index[0]),
        "france_rate_latest": float(france.iloc[-1]),
        "france_rate_latest_year": int(france.index[-1]),
        "recent_years": RECENT_YEARS,
        "australia_rate_recent_low": float(recent.min()),
        "australia_rate_recent_high": float(recent.max()),
    }


def small_count_figures(smallest: pd.DataFrame) -> dict:
    """How small numbers appear in the release: the smallest values above zero of the counts of people
    (refugees, asylum-seekers, applications) and of decisions."""
    people = smallest[smallest["table"] != "asylum_decisions"]
    decisions = smallest[smallest["table"] == "asylum_decisions"]
    return {
        "smallest_count_of_people": int(people["smallest_above_zero"].min()),
        "smallest_count_of_decisions": int(decisions["smallest_above_zero"].min()),
        "second_smallest_count_of_decisions": int(decisions["second_smallest_above_zero"].min()),
    }


def decision_figures(by_year: pd.DataFrame, by_unit: pd.DataFrame, main: pd.DataFrame, latest: int) -> dict:
    rate = by_year["total_recognition_rate"]
    usa_cases = by_unit[(by_unit["coa_iso"] == "USA") & (by_unit["counted_as"] == "cases")]
    cases_by_year = by_unit[by_unit["counted_as"] == "cases"].groupby("year")["decisions_total"].sum()
    first = int(by_year.index.min())
    all_years = with_recognition_rate(by_year[DECIDED].sum().to_frame().T)["total_recognition_rate"].iloc[0]
    rates_all_years = main.set_index("coa_iso")["total_recognition_rate_all_years"].dropna()
    rates_latest = main.set_index("coa_iso")["total_recognition_rate_latest"].dropna()
    countries = {row["coa_iso"]: named(row) for _, row in main.iterrows()}
    return {
        "decisions_latest": int(by_year.loc[latest, "decisions_total"]),
        "decisions_previous": int(by_year.loc[latest - 1, "decisions_total"]),
        "substantive_decisions_latest": int(by_year.loc[latest, "substantive_decisions"]),
        "recognition_rate_latest": float(rate[latest]),
        # Refugee status alone over substantive decisions, by the story's one formula for a rate.
        "refugee_recognition_rate_latest": float(
            recognition_rate(by_year["recognized"], by_year["substantive_decisions"])[latest]
        ),
        "recognition_rate_first": float(rate[first]),
        "recognition_rate_max": float(rate.max()),
        "recognition_rate_max_year": int(rate.idxmax()),
        "recognition_rate_min": float(rate.min()),
        "recognition_rate_min_year": int(rate.idxmin()),
        "recognition_rate_all_years": float(all_years),
        "usa_cases_last_year": int(usa_cases["year"].max()),
        "decisions_cases_share_first": round(
            float(cases_by_year.get(first, 0) / by_year.loc[first, "decisions_total"]), 6
        ),
        "main_decision_countries": list(countries.values()),
        # Among the main deciding countries, the highest and lowest rates, over all years and in the latest.
        "highest_rate_country_all_years": countries[highest(rates_all_years, countries)],
        "highest_rate_all_years": float(rates_all_years[highest(rates_all_years, countries)]),
        "lowest_rate_country_all_years": countries[lowest(rates_all_years, countries)],
        "lowest_rate_all_years": float(rates_all_years[lowest(rates_all_years, countries)]),
        "highest_rate_country_latest": countries[highest(rates_latest, countries)],
        "highest_rate_latest": float(rates_latest[highest(rates_latest, countries)]),
        "lowest_rate_country_latest": countries[lowest(rates_latest, countries)],
        "lowest_rate_latest": float(rates_latest[lowest(rates_latest, countries)]),
        "min_substantive_decisions": MIN_SUBSTANTIVE_DECISIONS,
    }


def _by_name(rates: pd.Series, countries: dict) -> pd.Series:
    """Rates in the order of the countries' names, so that a tie goes to the first name, as it always has."""
    return rates.loc[sorted(rates.index, key=lambda iso: countries[iso]["name"])]


def highest(rates: pd.Series, countries: dict) -> str:
    return _by_name(rates, countries).idxmax()


def lowest(rates: pd.Series, countries: dict) -> str:
    return _by_name(rates, countries).idxmin()


def fact_check_figures(by_year: pd.DataFrame, by_country: pd.DataFrame) -> dict:
    """What the data shows for each checkable claim, and the verdicts that follow."""
    c = CLAIMED
    stock = by_year["asylum_seekers"]
    start, end = c["from_year"], c["to_year"]
    period = by_year.loc[start:end]
    increase = float(stock[end] / stock[start] - 1)
    # The record and the first year over the threshold: over the whole series up to the claim's year.
    before = stock.loc[: end - 1]
    over = stock[stock > c["threshold"]]
    later = c["later_to_year"]
    countries = by_country[by_country["year"] == end].set_index("coa_iso")
    ranked = list(countries.sort_values("rank_asylum_seekers").index)
    # Hu Jintao's last eight years: the year-end counts, one by one and (as the claim seems to) added up.
    (a_from, a_to), (b_from, b_to) = HU_JINTAO_LAST_YEAR_ENDS
    hu_a, hu_b = stock.loc[a_from:a_to], stock.loc[b_from:b_to]
    assert len(hu_a) == len(hu_b) == c["hu_years"], "each window holds the claim's number of years"
    all_hu = stock.loc[min(a_from, b_from) : max(a_to, b_to)]
    people = period["applications"].sum()

    def verdict(right: bool) -> str:
        return ACCURATE if right else WRONG

    def framed(right: bool) -> str:
        """A right number that the claim presents as something it is not."""
        return MISLEADING if right else WRONG

    return {
        "claim_from_year": start,
        "claim_to_year": end,
        "claim_year_before": end - 1,
        "claim_threshold": c["threshold"],
        "claim_period_years": end - start + 1,
        "claim_later_year": later,
        "asylum_seekers_claim_from": int(stock[start]),
        "asylum_seekers_claim_to": int(stock[end]),
        "asylum_seekers_claim_year_before": int(stock[end - 1]),
        "increase_claim_period": round(increase, 6),
        "multiple_claim_period": round(float(stock[end] / stock[start]), 2),
        "level_claim_period": round(float(stock[end] / stock[start]), 6),
        "highest_before_claim_to": int(before.max()),
        "highest_before_claim_to_year": int(before.idxmax()),
        "years_above_claim_to": [int(year) for year in stock.index if year > end and stock[year] > stock[end]],
        "first_year_over_threshold": int(over.index.min()),
        "asylum_seekers_first_over_threshold": int(over.iloc[0]),
        # "730,000 since 2012": what adds up to it, and what would count people who applied.
        "stock_sum_claim_period": int(period["asylum_seekers"].sum()),
        "applications_sum_claim_period": int(period["applications"].sum()),
        "new_applications_sum_claim_period": int(period["new_applications"].sum()),
        "new_flows_sum_claim_period": int(period["new_asylum_applications_flows"].sum()),
        "cases_sum_claim_period": int(period["applications_counted_as_cases"].sum()),
        "stock_sum_claim_later": int(stock.loc[start:later].sum()),
        "applications_sum_claim_later": int(by_year["applications"].loc[start:later].sum()),
        # Refugees at the end of the claimed year, and how many of them were in India.
        "refugees_claim_to": int(by_year.loc[end, "refugees"]),
        "refugees_india_claim_to": int(countries.loc["IND", "refugees"]),
        # The main asylum countries in the claimed year.
        "usa_asylum_seekers_claim_to": int(countries.loc["USA", "asylum_seekers"]),
        "aus_asylum_seekers_claim_to": int(countries.loc["AUS", "asylum_seekers"]),
        "usa_rank_claim_to": ranked.index("USA") + 1,
        "aus_rank_claim_to": ranked.index("AUS") + 1,
        "usa_applications_claim_to": int(countries.loc["USA", "applications"]),
        "hu_a_from": a_from,
        "hu_a_to": a_to,
        "hu_a_sum": int(hu_a.sum()),
        "hu_b_from": b_from,
        "hu_b_to": b_to,
        "hu_b_sum": int(hu_b.sum()),
        "hu_max": int(all_hu.max()),
        "hu_max_year": int(all_hu.idxmax()),
        "claim_to_vs_hu_max": round(float(stock[end] / all_hu.max()), 2),
        # Verdicts that follow from the numbers.
        "verdict_counts": verdict(matches(c["from_count"], stock[start]) and matches(c["to_count"], stock[end])),
        "verdict_increase": verdict(abs(c["increase_percent"] - increase * 100) <= PERCENT_POINTS),
        "verdict_record": verdict(stock[end] > before.max()),
        "verdict_threshold": verdict(
            int(over.index.min()) == c["first_over_threshold_year"]
            and matches(c["first_over_threshold_count"], over.iloc[0])
        ),
        "verdict_year_before": verdict(matches(c["year_before_count"], stock[end - 1])),
        "verdict_total": verdict(matches(c["total_since_from_year"], people)),
        # Right numbers framed as something they are not (see the records' why): misleading, not accurate.
        "verdict_refugees": framed(by_year.loc[end, "refugees"] > c["refugees_more_than"]),
        "verdict_hu": MISLEADING if stock[end] > hu_a.sum() and stock[end] > hu_b.sum() else WRONG,
        "verdict_usa": framed(matches(c["usa_count"], countries.loc["USA", "asylum_seekers"]) and ranked[0] == "USA"),
        "verdict_aus": framed(matches(c["aus_count"], countries.loc["AUS", "asylum_seekers"]) and ranked[1] == "AUS"),
    }


# The ranks page writes each measure's best years in one sentence; a longer list is to be rephrased there.
MOST_YEARS_IN_A_SENTENCE = 3


def ranks_outside_breaks_figures(among: pd.DataFrame, latest: int) -> dict:
    """China's highest rank among origins by each measure over the years no break of the register
    (data/breaks.yml) touches in that measure's series: a rank from a year inside a break is not comparable
    with the others. docs/china-among-origins.md quotes these, and calls the latest year not comparable for
    asylum-seekers and applications, so the build checks that the register still says so."""
    from scripts.generator.breaks import touched_years
    from scripts.story.breaks import register

    entries = register()

    def best(measure: str) -> tuple[int, list[int]]:
        ranks = among[among["measure"] == measure].set_index("year")["china_rank"].astype(float).dropna()
        ranks = ranks[~ranks.index.isin(touched_years(entries, measure))]
        years = [int(year) for year in ranks.index if ranks[year] == ranks.min()]
        if len(years) > MOST_YEARS_IN_A_SENTENCE:
            raise ValueError(
                f"China's best rank by {measure} outside breaks holds in {len(years)} years; "
                "docs/china-among-origins.md lists them in one sentence: give their number and span instead"
            )
        return int(ranks.min()), years

    for measure in ("asylum_seekers", "applications"):
        if latest not in touched_years(entries, measure):
            raise ValueError(
                f"the latest year, {latest}, is now comparable in the {measure} series; "
                "docs/china-among-origins.md says it is not: rewrite its section on ranks"
            )
    asylum_seekers, refugees, applications = best("asylum_seekers"), best("refugees"), best("applications")
    return {
        "china_best_rank_asylum_seekers_outside_breaks": asylum_seekers[0],
        "china_best_rank_asylum_seekers_outside_breaks_years": asylum_seekers[1],
        "china_best_rank_refugees_outside_breaks": refugees[0],
        "china_best_rank_refugees_outside_breaks_years": refugees[1],
        "china_best_rank_applications_outside_breaks": applications[0],
        "china_best_rank_applications_outside_breaks_years": applications[1],
    }


def direction_figures(figures: dict) -> dict:
    """Directions the pages write from the data (rose or fell), so that a release in which a value moves the
    other way changes the word."""
    return {
        "france_rate_change_word": "down" if figures["france_rate_latest"] < figures["france_rate_first"] else "up",
    }
