"""Asylum applications lodged by people from China each year, split by the unit they were counted in."""

import altair as alt

from charts._kit import count_axis, count_tooltip, key, mix, year_axis, year_bar_width, year_tooltip

TITLE = "Asylum applications by people from China, {first_year}–{latest_year}"
SUBTITLE = (
    "Claims lodged during each year in all asylum countries: new claims, repeat claims and appeals. "
    "Some countries count cases, which can hold several people, rather than persons"
)
MEASURE = "flow"
DATA = "china_by_year"
DESCRIPTION = (
    "Stacked bar chart of asylum applications by people from China in each year, split into those counted as persons "
    "and those counted as cases. There were {applications_first} in {first_year}, {applications_peak} at the most, "
    "in {applications_peak_year}, and {applications_latest} in {latest_year}. In {first_year}, {applications_cases_share_first} "
    "were counted as cases; in {latest_year}, {applications_cases_share_latest}."
)
NOTES = [
    "A case can hold several people, so bars partly counted in cases undercount people.",
    "In {latest_year} the United States reported {usa_applications_unknown_origin_latest} applications with origin unknown, "
    "so the {latest_year} figure for China is not comparable with earlier years.",
]

UNITS = {"persons": "Counted as persons", "cases": "Counted as cases"}


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["applications"]
ANNOTATIONS = [{"mark": {"year": "applications_peak_year"}, "text": "Most: {applications_peak}"}]


def build(data, palette):
    data = data.assign(
        persons=data["applications"] - data["applications_counted_as_cases"],
        cases=data["applications_counted_as_cases"],
    )
    long = data.melt(id_vars=["year", "applications"], value_vars=list(UNITS), var_name="unit", value_name="count")
    long["unit"] = long["unit"].map(UNITS)
    return (
        alt.Chart(long)
        .mark_bar(width=year_bar_width(long["year"].nunique()))
        .encode(
            x=year_axis(bars=long["year"].nunique()),
            y=count_axis("count", "Applications during the year").stack("zero"),
            color=alt.Color(
                "unit:N",
                scale=alt.Scale(
                    domain=list(UNITS.values()),
                    range=[palette.applications, mix(palette.applications, palette.grid, 0.55)],
                ),
                legend=key(),
            ),
            order=alt.Order("unit:N", sort="descending"),
            tooltip=[
                year_tooltip(),
                alt.Tooltip("unit:N", title="Unit"),
                count_tooltip("count", "Applications"),
                count_tooltip("applications", "All applications"),
            ],
        )
    )
