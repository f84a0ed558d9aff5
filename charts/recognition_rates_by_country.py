"""Recognition rates for people from China in the countries that decided most of their claims, year by year."""

import altair as alt

from charts._kit import count_tooltip, mix, percent_tooltip, short_name, year_tooltip

TITLE = "Recognition rates in the main asylum countries, {first_year}–{latest_year}"
SUBTITLE = (
    "Share of substantive decisions on claims by people from China that gave protection, each year, in the five countries "
    "that decided the most claims over the period"
)
MEASURE = "rate"
DATA = "china_by_asylum_country"
DESCRIPTION = (
    "Grid of coloured cells, one row per country ({main_decision_countries}) and one column per year; the darker the cell, "
    "the larger the share of decisions that gave protection. Across all countries and years the rate was {recognition_rate_all_years}."
)
NOTES = [
    "Empty cells: fewer than {min_substantive_decisions} substantive decisions that year.",
    "Where a country counted cases (a case can hold several people), the tooltip says so; the United States did until {usa_cases_last_year}.",
]
HEIGHT = 300


def build(data, palette):
    # The main deciding countries and the rates shown are chosen in the data (china_by_asylum_country).
    shown = data[data["main_decider_rank"].notna() & data["rate_shown"]].sort_values(["year", "coa_name"])
    shown = shown.assign(country=shown["coa_name"].map(short_name))
    order = list(dict.fromkeys(shown.sort_values("main_decider_rank")["country"]))
    return (
        alt.Chart(shown)
        .mark_rect(stroke=None)
        .encode(
            x=alt.X(
                "year:O",
                title=None,
                axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 5 == 0 ? datum.value : ''", labelOverlap=True),
            ),
            y=alt.Y("country:N", title=None, sort=order),
            color=alt.Color(
                "total_recognition_rate:Q",
                title="Recognition rate",
                scale=alt.Scale(domain=[0, 1], range=[mix(palette.grid, palette.protection, 0.12), palette.protection]),
                legend=alt.Legend(format="~%", gradientLength=180, direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("country:N", title="Asylum country"),
                year_tooltip(),
                percent_tooltip("total_recognition_rate", "Recognition rate"),
                count_tooltip("substantive_decisions", "Substantive decisions"),
                alt.Tooltip("counted_as:N", title="Counted as"),
            ],
        )
    )
