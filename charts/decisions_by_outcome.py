"""Decisions on asylum claims by people from China each year, by outcome."""

import altair as alt

from charts._kit import count_axis, count_tooltip, key, year_axis, year_bar_width, year_tooltip

TITLE = "Decisions on claims by people from China, {first_year}–{latest_year}"
SUBTITLE = "Decisions taken during each year in all asylum countries, by outcome"
MEASURE = "flow"
DATA = "china_by_year"
DESCRIPTION = (
    "Stacked bar chart of decisions on asylum claims by people from China in each year, split into refugee status, "
    "complementary protection, rejection, and claims closed without a decision. There were {decisions_previous} decisions "
    "in {previous_year} and {decisions_latest} in {latest_year}."
)
NOTES = [
    "Some countries report decisions as cases, which can hold several people.",
    "In {latest_year} the United States reported {usa_decisions_unknown_origin_latest} decisions with origin unknown, "
    "so the {latest_year} figures for China are incomplete.",
]
HEIGHT = 340

OUTCOMES = {
    "recognized": "Refugee status",
    "complementary_protection": "Complementary protection",
    "rejected": "Rejected",
    "otherwise_closed": "Closed without a decision",
}


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["decisions"]


def build(data, palette):
    long = data.melt(id_vars="year", value_vars=list(OUTCOMES), var_name="outcome", value_name="decisions")
    long["order"] = long["outcome"].map({key: i for i, key in enumerate(OUTCOMES)})
    long["outcome"] = long["outcome"].map(OUTCOMES)
    colours = [palette.protection, palette.refugees, palette.rejection, palette.other]
    return (
        alt.Chart(long)
        .mark_bar(width=year_bar_width(data["year"].nunique()))
        .encode(
            x=year_axis(bars=data["year"].nunique()),
            y=count_axis("decisions", "Decisions during the year").stack("zero"),
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(domain=list(OUTCOMES.values()), range=colours),
                sort=list(OUTCOMES.values()),
                legend=key(),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                year_tooltip(),
                alt.Tooltip("outcome:N", title="Outcome"),
                count_tooltip("decisions", "Decisions"),
            ],
        )
    )
