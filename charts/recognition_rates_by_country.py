"""Recognition rates for people from China in the countries that decided most of their claims, year by year."""

import altair as alt

from charts._kit import MIN_SUBSTANTIVE_DECISIONS, count_tooltip, mix, percent_tooltip, short_name, year_tooltip

TITLE = "Recognition rates in the main asylum countries, {first_year}–{latest_year}"
SUBTITLE = (
    "Share of substantive decisions on claims by people from China that gave protection, each year, in the five countries "
    "that decided the most claims over the period"
)
MEASURE = "rate"
DATA = "china_decisions_by_unit"
DESCRIPTION = (
    "Grid of coloured cells, one row per country ({main_decision_countries}) and one column per year; the darker the cell, "
    "the larger the share of decisions that gave protection. Across all countries and years the rate was {recognition_rate_all_years}."
)
NOTES = [
    "Empty cells: fewer than {min_substantive_decisions} substantive decisions that year.",
    "Where a country counted cases (a case can hold several people), the tooltip says so; the United States did until {usa_cases_last_year}.",
]
HEIGHT = 300
TOP = 5


def build(data, palette):
    main = data.groupby("coa_name")["decisions_total"].sum().nlargest(TOP).index
    data = data[data["coa_name"].isin(main)]
    grouped = (
        data.groupby(["year", "coa_name"])
        .agg(
            recognized=("recognized", "sum"),
            complementary_protection=("complementary_protection", "sum"),
            rejected=("rejected", "sum"),
            units=("counted_as", lambda units: " and ".join(sorted(set(units)))),
        )
        .reset_index()
    )
    grouped["substantive"] = grouped["recognized"] + grouped["complementary_protection"] + grouped["rejected"]
    grouped = grouped[grouped["substantive"] >= MIN_SUBSTANTIVE_DECISIONS]
    grouped["rate"] = (grouped["recognized"] + grouped["complementary_protection"]) / grouped["substantive"]
    grouped["country"] = grouped["coa_name"].map(short_name)
    order = [short_name(name) for name in main]
    return (
        alt.Chart(grouped)
        .mark_rect(stroke=None)
        .encode(
            x=alt.X(
                "year:O",
                title=None,
                axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 5 == 0 ? datum.value : ''", labelOverlap=True),
            ),
            y=alt.Y("country:N", title=None, sort=order),
            color=alt.Color(
                "rate:Q",
                title="Recognition rate",
                scale=alt.Scale(domain=[0, 1], range=[mix(palette.grid, palette.protection, 0.12), palette.protection]),
                legend=alt.Legend(format="~%", gradientLength=180, direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("country:N", title="Asylum country"),
                year_tooltip(),
                percent_tooltip("rate", "Recognition rate"),
                count_tooltip("substantive", "Substantive decisions"),
                alt.Tooltip("units:N", title="Counted as"),
            ],
        )
    )
