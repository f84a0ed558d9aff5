"""Named figures that pages quote in prose as {{ name }}, computed from the derived tables.

To add one, add a line to `all_figures`: its name, value, kind and what it
is. The kind decides how it is written (scripts/generator/figures.py): count
12,345 · year 2021 · percent 12.3% · rank 5th · ratio 7.7 · text as is.

The fact check (docs/fact-check.md) compares what a 2022 article and the
sources it quoted claimed with what the data shows. The claimed numbers are
third-party figures: they are typed once, in CLAIMED below, and are never
shown in prose except as marked quotations. Everything compared with them is
computed here from the derived tables, and so is each numeric verdict.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.generator.figures import Figure, compute
from scripts.generator.geography import iso_numeric, map_ids
from scripts.story.derive import DECIDED, MIN_SUBSTANTIVE_DECISIONS, in_sentence, with_recognition_rate

# Verdicts the fact check gives, in the order the page explains them.
ACCURATE, MISLEADING, WRONG, UNCHECKABLE = "accurate", "misleading", "wrong", "cannot be checked"
VERDICTS = (ACCURATE, MISLEADING, WRONG, UNCHECKABLE)

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

# Hu Jintao led the Communist Party from November 2002 to November 2012 (and was
# President until March 2013). Year-end counts are taken on 31 December, so his
# "last eight years" are either the year ends 2005-2012, or 2004-2011 if 2012 is
# counted as Xi Jinping's first year, as Safeguard Defenders count it.
HU_JINTAO_LAST_YEAR_ENDS = ((2004, 2011), (2005, 2012))

# A claimed number "matches" the data when it is within this share of it; a
# claimed percentage change is "right" within this many percentage points.
ROUNDING = 0.02
PERCENT_POINTS = 25


def join_words(items: list) -> str:
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def matches(claimed: float, actual: float) -> bool:
    return abs(claimed - actual) <= ROUNDING * abs(actual)


def compute_figures(derived: dict[str, pd.DataFrame], source: dict) -> dict[str, Figure]:
    """All the story's figures; a failure names the line of this file (or another of the story's) where it failed."""
    return compute(lambda: all_figures(derived, source), Path(__file__).parent, derived)


def all_figures(derived: dict[str, pd.DataFrame], source: dict) -> dict[str, Figure]:
    by_year = derived["china_by_year"].set_index("year")
    first, latest = int(by_year.index.min()), int(by_year.index.max())
    figures = {
        "release": Figure(str(source["release"]), "text", "UNHCR release the site is built from"),
        "licence": Figure(str(source["licence"]), "text", "licence of the UNHCR data"),
        "attribution": Figure(str(source["attribution"]), "text", "attribution UNHCR asks for"),
        "date_accessed": Figure(str(source["date_accessed"]), "text", "date the UNHCR files were taken"),
        "first_year": Figure(first, "year", "first year of the story's series"),
        "latest_year": Figure(latest, "year", "latest year in the release"),
        "previous_year": Figure(latest - 1, "year", "the year before the latest"),
        "years_in_series": Figure(latest - first + 1, "count", "years in the story's series"),
    }
    for stock in ("asylum_seekers", "refugees"):
        series = by_year[stock]
        figures |= {
            f"{stock}_first": Figure(int(series[first]), "count", f"{stock} from China at the end of {first}"),
            f"{stock}_latest": Figure(int(series[latest]), "count", f"{stock} from China at the end of {latest}"),
            f"{stock}_previous": Figure(
                int(series[latest - 1]), "count", f"{stock} from China at the end of {latest - 1}"
            ),
            f"{stock}_peak": Figure(int(series.max()), "count", f"highest year-end {stock} from China"),
            f"{stock}_peak_year": Figure(int(series.idxmax()), "year", f"year of the highest year-end {stock}"),
            f"{stock}_low": Figure(int(series.min()), "count", f"lowest year-end {stock} from China"),
            f"{stock}_low_year": Figure(int(series.idxmin()), "year", f"year of the lowest year-end {stock}"),
        }
    figures |= story_figures(by_year, first, latest)
    figures |= application_figures(by_year, first, latest)
    figures |= origin_figures(derived["china_among_origins"], latest)
    figures |= country_figures(derived["china_by_asylum_country"], first, latest)
    figures |= united_states_figures(derived["united_states_origin_unknown"].set_index("year"), by_year, latest)
    figures |= decision_figures(by_year, derived["china_decisions_by_unit"], derived["china_main_deciders"], latest)
    figures |= fact_check_figures(by_year, derived["china_by_asylum_country"])
    figures |= claimed_figures()
    return figures


def claimed_figures() -> dict[str, Figure]:
    """The claimed numbers, written as they were published, for the fact check's quotations
    (docs/fact-check.claims.yml): a claimed_… figure stands only inside <q cite=…>."""
    return {
        f"claimed_{key}": Figure(
            f"{value:,}" if value >= 10000 else str(value), "text", f"claimed, as published: {key}"
        )
        for key, value in CLAIMED.items()
    }


def story_figures(by_year: pd.DataFrame, first: int, latest: int) -> dict[str, Figure]:
    series = by_year["asylum_seekers"]
    records = [int(year) for year in series.index[1:] if series[year] > series.loc[: year - 1].max()]
    previous, now = int(series[latest - 1]), int(series[latest])
    return {
        "asylum_seekers_record_years": Figure(
            join_words(records), "text", f"years whose year-end asylum-seekers from China beat every year since {first}"
        ),
        "asylum_seekers_record_count": Figure(len(records), "count", "how many years set such a record"),
        "asylum_seekers_peak_vs_low": Figure(
            round(series.max() / series.min(), 1), "ratio", "highest year-end asylum-seekers divided by the lowest"
        ),
        "asylum_seekers_change_word": Figure(
            "fell" if now < previous else "rose", "text", "direction of the latest change"
        ),
        "asylum_seekers_change_latest": Figure(
            round(abs(now - previous) / previous, 6),
            "percent",
            "size of the change in year-end asylum-seekers, latest year",
        ),
        "refugees_change_since_peak": Figure(
            round(1 - by_year["refugees"][latest] / by_year["refugees"].max(), 6),
            "percent",
            "how far refugees from China are below their highest year-end count",
        ),
    }


def application_figures(by_year: pd.DataFrame, first: int, latest: int) -> dict[str, Figure]:
    applications = by_year["applications"]
    cases = by_year["applications_counted_as_cases"]
    return {
        "applications_latest": Figure(
            int(applications[latest]), "count", f"asylum applications by people from China lodged in {latest}"
        ),
        "applications_previous": Figure(int(applications[latest - 1]), "count", f"applications lodged in {latest - 1}"),
        "applications_first": Figure(int(applications[first]), "count", f"applications lodged in {first}"),
        "applications_peak": Figure(int(applications.max()), "count", "most applications lodged in one year"),
        "applications_peak_year": Figure(int(applications.idxmax()), "year", "year with the most applications"),
        "new_applications_latest": Figure(
            int(by_year["new_applications"][latest]), "count", f"new applications in {latest}"
        ),
        "applications_cases_share_first": Figure(
            round(cases[first] / applications[first], 6), "percent", f"share of applications counted as cases, {first}"
        ),
        "applications_cases_share_latest": Figure(
            round(cases[latest] / applications[latest], 6), "percent", f"share counted as cases, {latest}"
        ),
        "applications_total": Figure(
            int(applications.sum()),
            "count",
            "applications lodged over the whole series (flow, persons and cases mixed)",
        ),
    }


def origin_figures(among: pd.DataFrame, latest: int) -> dict[str, Figure]:
    among = among.set_index(["measure", "year"])
    figures = {}
    for measure in ("asylum_seekers", "refugees", "applications"):
        rows = among.loc[measure]
        for label, year in (("latest", latest), ("previous", latest - 1)):
            figures[f"china_rank_{measure}_{label}"] = Figure(
                int(rows.loc[year, "china_rank"]), "rank", f"China's rank among origins by {measure}, {year}"
            )
            figures[f"china_share_{measure}_{label}"] = Figure(
                float(rows.loc[year, "china_share"]), "percent", f"China's share of all {measure}, {year}"
            )
        ranks = rows["china_rank"].astype(float)
        best = int(ranks.min())
        best_years = [int(year) for year in ranks.index if ranks[year] == best]
        figures[f"china_best_rank_{measure}"] = Figure(best, "rank", f"China's highest rank by {measure}")
        figures[f"china_best_rank_{measure}_years"] = Figure(
            join_words(best_years), "text", f"years China ranked highest by {measure}"
        )
        figures[f"china_peak_share_{measure}"] = Figure(
            float(rows["china_share"].max()), "percent", f"China's highest share of all {measure}"
        )
        figures[f"china_peak_share_{measure}_year"] = Figure(
            int(rows["china_share"].idxmax()), "year", f"year of that share ({measure})"
        )
        figures[f"origins_ranked_{measure}_latest"] = Figure(
            int(rows.loc[latest, "origins_ranked"]), "count", f"origins ranked by {measure}, {latest}"
        )
    figures["all_asylum_seekers_latest"] = Figure(
        int(among.loc[("asylum_seekers", latest), "all_origins"]), "count", f"asylum-seekers of all origins, {latest}"
    )
    return figures


def country_figures(by_country: pd.DataFrame, first: int, latest: int) -> dict[str, Figure]:
    figures = {}
    for stock in ("asylum_seekers", "refugees"):
        for label, year in (("first", first), ("latest", latest), ("previous", latest - 1)):
            rows = by_country[by_country["year"] == year]
            ranked = rows.set_index(f"rank_{stock}")
            top, second = ranked.loc[1], ranked.loc[2]
            figures[f"top_country_{stock}_{label}"] = Figure(
                in_sentence(top["coa_name"]), "text", f"asylum country with the most {stock} from China, {year}"
            )
            figures[f"top_country_{stock}_{label}_count"] = Figure(
                int(top[stock]), "count", f"{stock} from China in that country, {year}"
            )
            figures[f"top_country_{stock}_{label}_share"] = Figure(
                round(top[stock] / rows[stock].sum(), 6),
                "percent",
                f"that country's share of all {stock} from China, {year}",
            )
            figures[f"second_country_{stock}_{label}"] = Figure(
                in_sentence(second["coa_name"]), "text", f"second asylum country by {stock}, {year}"
            )
            figures[f"second_country_{stock}_{label}_count"] = Figure(
                int(second[stock]), "count", f"{stock} from China there, {year}"
            )
            figures[f"countries_with_{stock}_{label}"] = Figure(
                int((rows[stock] > 0).sum()), "count", f"asylum countries with any {stock} from China, {year}"
            )
    india = by_country[by_country["coa_iso"] == "IND"].set_index("year")["refugees"]
    figures["refugees_india_latest"] = Figure(
        int(india.get(latest, 0)), "count", f"refugees from China recorded in India, {latest}"
    )
    figures["refugees_india_first"] = Figure(
        int(india.get(first, 0)), "count", f"refugees from China recorded in India, {first}"
    )
    figures["refugees_india_peak"] = Figure(
        int(india.max()), "count", "highest count of refugees from China recorded in India"
    )
    latest_rows = by_country[by_country["year"] == latest]
    figures["refugees_india_share_latest"] = Figure(
        round(india.get(latest, 0) / latest_rows["refugees"].sum(), 6),
        "percent",
        f"India's share of refugees from China, {latest}",
    )
    figures |= map_figures(latest_rows, latest)
    return figures


def map_figures(latest_rows: pd.DataFrame, latest: int) -> dict[str, Figure]:
    """Countries with people from China that the world map is too coarse to draw."""
    drawn = map_ids()
    present = latest_rows[(latest_rows["refugees"] > 0) | (latest_rows["asylum_seekers"] > 0)]
    missing = sorted(in_sentence(row.coa_name) for row in present.itertuples() if iso_numeric(row.coa_iso) not in drawn)
    return {
        "map_not_drawn": Figure(
            join_words(missing) or "none",
            "text",
            f"countries with people from China in {latest} that the map does not draw",
        ),
    }


def united_states_figures(usa: pd.DataFrame, by_year: pd.DataFrame, latest: int) -> dict[str, Figure]:
    figures = {}
    for label, year in (("latest", latest), ("previous", latest - 1)):
        row = usa.loc[year]
        figures |= {
            f"usa_asylum_seekers_{label}": Figure(
                int(row["usa_asylum_seekers"]), "count", f"asylum-seekers of all origins in the US, {year}"
            ),
            f"usa_unknown_origin_{label}": Figure(
                int(row["usa_asylum_seekers_unknown_origin"]), "count", f"US asylum-seekers of unknown origin, {year}"
            ),
            f"usa_unknown_origin_share_{label}": Figure(
                round(row["usa_asylum_seekers_unknown_origin"] / row["usa_asylum_seekers"], 6),
                "percent",
                f"share of US asylum-seekers of unknown origin, {year}",
            ),
            f"usa_china_{label}": Figure(
                int(row["usa_asylum_seekers_from_china"]), "count", f"asylum-seekers from China in the US, {year}"
            ),
            f"usa_applications_unknown_origin_{label}": Figure(
                int(row["usa_applications_unknown_origin"]), "count", f"US applications of unknown origin, {year}"
            ),
            f"usa_applications_china_{label}": Figure(
                int(row["usa_applications_from_china"]), "count", f"US applications by people from China, {year}"
            ),
            f"usa_decisions_unknown_origin_{label}": Figure(
                int(row["usa_decisions_unknown_origin"]), "count", f"US decisions of unknown origin, {year}"
            ),
        }
    first = int(usa.index.min())
    figures["usa_asylum_seekers_first"] = Figure(
        int(usa.loc[first, "usa_asylum_seekers"]), "count", f"asylum-seekers of all origins in the US, {first}"
    )
    outside = by_year["asylum_seekers"] - usa["usa_asylum_seekers_from_china"]
    figures["asylum_seekers_outside_usa_latest"] = Figure(
        int(outside[latest]), "count", f"asylum-seekers from China outside the US, {latest}"
    )
    figures["asylum_seekers_outside_usa_previous"] = Figure(
        int(outside[latest - 1]), "count", f"asylum-seekers from China outside the US, {latest - 1}"
    )
    return figures


def decision_figures(
    by_year: pd.DataFrame, by_unit: pd.DataFrame, main: pd.DataFrame, latest: int
) -> dict[str, Figure]:
    rate = by_year["total_recognition_rate"]
    substantive = by_year["substantive_decisions"]
    usa_cases = by_unit[(by_unit["coa_iso"] == "USA") & (by_unit["counted_as"] == "cases")]
    cases_by_year = by_unit[by_unit["counted_as"] == "cases"].groupby("year")["decisions_total"].sum()
    first = int(by_year.index.min())
    return {
        "decisions_latest": Figure(
            int(by_year.loc[latest, "decisions_total"]), "count", f"decisions on claims by people from China, {latest}"
        ),
        "decisions_previous": Figure(
            int(by_year.loc[latest - 1, "decisions_total"]), "count", f"decisions, {latest - 1}"
        ),
        "substantive_decisions_latest": Figure(int(substantive[latest]), "count", f"substantive decisions, {latest}"),
        "recognition_rate_latest": Figure(float(rate[latest]), "percent", f"total recognition rate, {latest}"),
        "recognition_rate_previous": Figure(
            float(rate[latest - 1]), "percent", f"total recognition rate, {latest - 1}"
        ),
        "recognition_rate_first": Figure(float(rate[first]), "percent", f"total recognition rate, {first}"),
        "recognition_rate_max": Figure(float(rate.max()), "percent", "highest yearly total recognition rate"),
        "recognition_rate_max_year": Figure(int(rate.idxmax()), "year", "year of the highest rate"),
        "recognition_rate_min": Figure(float(rate.min()), "percent", "lowest yearly total recognition rate"),
        "recognition_rate_min_year": Figure(int(rate.idxmin()), "year", "year of the lowest rate"),
        "recognition_rate_all_years": Figure(
            float(with_recognition_rate(by_year[DECIDED].sum().to_frame().T)["total_recognition_rate"].iloc[0]),
            "percent",
            "total recognition rate over all substantive decisions of the series",
        ),
        "usa_cases_last_year": Figure(
            int(usa_cases["year"].max()), "year", "last year the US reported decisions for people from China in cases"
        ),
        "decisions_cases_share_first": Figure(
            round(cases_by_year.get(first, 0) / by_year.loc[first, "decisions_total"], 6),
            "percent",
            f"share of decisions counted as cases, {first}",
        ),
        "main_decision_countries": Figure(
            join_words([in_sentence(name) for name in main["coa_name"]]),
            "text",
            "the five countries that decided most claims by people from China",
        ),
        **main_country_rates(main),
        "min_substantive_decisions": Figure(
            MIN_SUBSTANTIVE_DECISIONS, "count", "fewest substantive decisions for which a country's rate is shown"
        ),
    }


def main_country_rates(main: pd.DataFrame) -> dict[str, Figure]:
    """Among the main deciding countries: the highest and lowest rates, over all years and in the latest year."""
    figures = {}
    for label in ("all_years", "latest"):
        rates = main.set_index("coa_name")[f"total_recognition_rate_{label}"].dropna().sort_index()
        for end, name in (("highest", rates.idxmax()), ("lowest", rates.idxmin())):
            figures[f"{end}_rate_country_{label}"] = Figure(
                in_sentence(name), "text", f"main deciding country with the {end} rate ({label})"
            )
            figures[f"{end}_rate_{label}"] = Figure(float(rates[name]), "percent", f"that rate ({label})")
    return figures


def fact_check_figures(by_year: pd.DataFrame, by_country: pd.DataFrame) -> dict[str, Figure]:
    """What the data shows for each checkable claim, and the verdicts that follow."""
    c = CLAIMED
    stock = by_year["asylum_seekers"]
    start, end = c["from_year"], c["to_year"]
    period = by_year.loc[start:end]
    f: dict[str, Figure] = {
        "claim_from_year": Figure(start, "year", "first year of the claimed comparison"),
        "claim_to_year": Figure(end, "year", "last year of the claimed comparison"),
        "claim_year_before": Figure(end - 1, "year", "the year before it"),
        "claim_threshold": Figure(c["threshold"], "count", "the threshold the claim mentions"),
        "asylum_seekers_claim_from": Figure(int(stock[start]), "count", f"asylum-seekers from China, end of {start}"),
        "asylum_seekers_claim_to": Figure(int(stock[end]), "count", f"asylum-seekers from China, end of {end}"),
        "asylum_seekers_claim_year_before": Figure(
            int(stock[end - 1]), "count", f"asylum-seekers from China, end of {end - 1}"
        ),
    }
    increase = stock[end] / stock[start] - 1
    f["increase_claim_period"] = Figure(
        round(float(increase), 6), "percent", f"rise in year-end asylum-seekers, {start} to {end}"
    )
    f["multiple_claim_period"] = Figure(
        round(float(stock[end] / stock[start]), 2), "ratio", f"{end} count divided by {start} count"
    )
    f["level_claim_period"] = Figure(
        round(float(stock[end] / stock[start]), 6), "percent", f"{end} count as a percentage of {start}"
    )

    # The record and the first year over the threshold: over the whole series up to the claim's year.
    before = stock.loc[: end - 1]
    f["highest_before_claim_to"] = Figure(int(before.max()), "count", f"highest year-end count before {end}")
    f["highest_before_claim_to_year"] = Figure(int(before.idxmax()), "year", "its year")
    above = [int(year) for year in stock.index if year > end and stock[year] > stock[end]]
    f["years_above_claim_to"] = Figure(join_words(above) or "none", "text", f"later years above the {end} count")
    over = stock[stock > c["threshold"]]
    f["first_year_over_threshold"] = Figure(int(over.index.min()), "year", "first year-end count above the threshold")
    f["asylum_seekers_first_over_threshold"] = Figure(int(over.iloc[0]), "count", "that count")

    # "730,000 since 2012": what adds up to it, and what would count people who applied.
    f["stock_sum_claim_period"] = Figure(
        int(period["asylum_seekers"].sum()),
        "count",
        f"year-end asylum-seeker counts {start}-{end} added up (not a count of people)",
    )
    f["applications_sum_claim_period"] = Figure(
        int(period["applications"].sum()), "count", f"applications lodged {start}-{end} (flow)"
    )
    f["new_applications_sum_claim_period"] = Figure(
        int(period["new_applications"].sum()), "count", f"new applications lodged {start}-{end} (flow)"
    )
    f["cases_sum_claim_period"] = Figure(
        int(period["applications_counted_as_cases"].sum()),
        "count",
        f"of those applications, counted as cases {start}-{end}",
    )
    f["claim_period_years"] = Figure(end - start + 1, "count", "years in the claimed period")
    later = c["later_to_year"]
    f["claim_later_year"] = Figure(later, "year", "last year of Safeguard Defenders' later total")
    f["stock_sum_claim_later"] = Figure(
        int(stock.loc[start:later].sum()), "count", f"year-end counts {start}-{later} added up"
    )
    f["applications_sum_claim_later"] = Figure(
        int(by_year["applications"].loc[start:later].sum()), "count", f"applications {start}-{later} (flow)"
    )

    # Refugees at the end of the claimed year, and how many of them were in India.
    f["refugees_claim_to"] = Figure(int(by_year.loc[end, "refugees"]), "count", f"refugees from China, end of {end}")
    countries = by_country[by_country["year"] == end].set_index("coa_iso")
    f["refugees_india_claim_to"] = Figure(
        int(countries.loc["IND", "refugees"]), "count", f"refugees from China in India, end of {end}"
    )

    # The main asylum countries in the claimed year.
    ranked = countries.sort_values("rank_asylum_seekers")
    f["usa_asylum_seekers_claim_to"] = Figure(
        int(countries.loc["USA", "asylum_seekers"]), "count", f"asylum-seekers from China in the US, end of {end}"
    )
    f["aus_asylum_seekers_claim_to"] = Figure(
        int(countries.loc["AUS", "asylum_seekers"]), "count", f"asylum-seekers from China in Australia, end of {end}"
    )
    f["usa_rank_claim_to"] = Figure(
        list(ranked.index).index("USA") + 1, "rank", f"US rank by asylum-seekers from China, {end}"
    )
    f["aus_rank_claim_to"] = Figure(list(ranked.index).index("AUS") + 1, "rank", f"Australia's rank, {end}")
    f["usa_applications_claim_to"] = Figure(
        int(countries.loc["USA", "applications"]),
        "count",
        f"applications by people from China lodged in the US in {end} (flow)",
    )
    f["aus_applications_claim_to"] = Figure(
        int(countries.loc["AUS", "applications"]), "count", f"applications lodged in Australia in {end} (flow)"
    )

    # Hu Jintao's last eight years: the year-end counts, one by one and (as the claim seems to) added up.
    hu_sums = []
    for label, (low, high) in zip(("a", "b"), HU_JINTAO_LAST_YEAR_ENDS):
        window = stock.loc[low:high]
        assert len(window) == c["hu_years"], "each window holds the claim's number of years"
        hu_sums.append(int(window.sum()))
        f[f"hu_{label}_from"] = Figure(low, "year", "first year end of one reading of Hu Jintao's last eight years")
        f[f"hu_{label}_to"] = Figure(high, "year", "its last year end")
        f[f"hu_{label}_sum"] = Figure(int(window.sum()), "count", f"year-end asylum-seekers {low}-{high} added up")
    all_hu = stock.loc[min(w[0] for w in HU_JINTAO_LAST_YEAR_ENDS) : max(w[1] for w in HU_JINTAO_LAST_YEAR_ENDS)]
    f["hu_max"] = Figure(int(all_hu.max()), "count", "highest single year-end count in those years")
    f["hu_max_year"] = Figure(int(all_hu.idxmax()), "year", "its year")
    f["claim_to_vs_hu_max"] = Figure(
        round(float(stock[end] / all_hu.max()), 2), "ratio", f"{end} count divided by that highest count"
    )

    # Verdicts that follow from the numbers.
    counts_right = matches(c["from_count"], stock[start]) and matches(c["to_count"], stock[end])
    f["verdict_counts"] = Figure(ACCURATE if counts_right else WRONG, "text", "verdict: the two year-end counts")
    f["verdict_increase"] = Figure(
        ACCURATE if abs(c["increase_percent"] - increase * 100) <= PERCENT_POINTS else WRONG,
        "text",
        "verdict: the percentage rise",
    )
    f["verdict_record"] = Figure(ACCURATE if stock[end] > before.max() else WRONG, "text", "verdict: record high")
    f["verdict_threshold"] = Figure(
        ACCURATE
        if int(over.index.min()) == c["first_over_threshold_year"]
        and matches(c["first_over_threshold_count"], over.iloc[0])
        else WRONG,
        "text",
        "verdict: first year over the threshold",
    )
    f["verdict_year_before"] = Figure(
        ACCURATE if matches(c["year_before_count"], stock[end - 1]) else WRONG,
        "text",
        "verdict: the count the year before",
    )
    people = period["applications"].sum()
    f["verdict_total"] = Figure(
        ACCURATE if matches(c["total_since_from_year"], people) else WRONG,
        "text",
        "verdict: people who sought asylum since the first year",
    )
    f["verdict_refugees"] = Figure(
        ACCURATE if by_year.loc[end, "refugees"] > c["refugees_more_than"] else WRONG,
        "text",
        "verdict: refugees living abroad",
    )
    beats_sums = all(stock[end] > total for total in hu_sums)
    f["verdict_hu"] = Figure(
        MISLEADING if beats_sums else WRONG, "text", "verdict: more than Hu Jintao's last eight years"
    )
    f["verdict_usa"] = Figure(
        ACCURATE
        if matches(c["usa_count"], countries.loc["USA", "asylum_seekers"]) and ranked.index[0] == "USA"
        else WRONG,
        "text",
        "verdict: the United States first",
    )
    f["verdict_aus"] = Figure(
        ACCURATE
        if matches(c["aus_count"], countries.loc["AUS", "asylum_seekers"]) and ranked.index[1] == "AUS"
        else WRONG,
        "text",
        "verdict: Australia second",
    )
    return f
