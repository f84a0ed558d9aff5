"""Refugees and asylum-seekers from China side by side: two stocks, never added together."""

import altair as alt

from charts._kit import count_axis, count_tooltip, year_axis, year_tooltip

TITLE = "Refugees and asylum-seekers from China, {first_year}–{latest_year}"
SUBTITLE = (
    "Recognised refugees and asylum-seekers still waiting for a decision, both counted at the end of each year. "
    "They are two separate groups of people"
)
MEASURE = "stock"
DATA = "china_by_year"
DESCRIPTION = (
    "Line chart with two lines. Refugees from China went from {refugees_first} in {first_year} to "
    "{refugees_latest} in {latest_year}, with a peak of {refugees_peak} in {refugees_peak_year}. "
    "Asylum-seekers from China went from {asylum_seekers_first} to {asylum_seekers_latest}, "
    "with a peak of {asylum_seekers_peak} in {asylum_seekers_peak_year}."
)
NOTES = [
    "A person counts in one group at a time: when a claim is granted, an asylum-seeker becomes a refugee.",
    (
        "In {latest_year} the United States reported {usa_unknown_origin_latest} asylum-seekers "
        "({usa_unknown_origin_share_latest} of all it counted) with origin unknown, so the {latest_year} "
        "figure is not comparable with earlier years."
    ),
]

SERIES = {"refugees": "Refugees", "asylum_seekers": "Asylum-seekers"}


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["refugees", "asylum_seekers"]
ANNOTATIONS = [
    {"mark": {"year": "refugees_peak_year", "group": "Refugees"}, "text": "Most: {refugees_peak}"},
    {"mark": {"year": "asylum_seekers_peak_year", "group": "Asylum-seekers"}, "text": "Most: {asylum_seekers_peak}"},
]


def build(data, palette):
    long = data.melt(id_vars="year", value_vars=list(SERIES), var_name="group", value_name="people")
    long["group"] = long["group"].map(SERIES)
    colour = alt.Color(
        "group:N",
        scale=alt.Scale(domain=list(SERIES.values()), range=[palette.refugees, palette.asylum_seekers]),
        legend=alt.Legend(title=None),
    )
    return (
        alt.Chart(long)
        .mark_line(point=alt.OverlayMarkDef(size=24))
        .encode(
            x=year_axis(),
            y=count_axis("people", "People at year end"),
            color=colour,
            strokeDash=alt.StrokeDash(
                "group:N", legend=None, scale=alt.Scale(domain=list(SERIES.values()), range=[[1, 0], [6, 3]])
            ),
            tooltip=[year_tooltip(), alt.Tooltip("group:N", title="Group"), count_tooltip("people", "People")],
        )
    )
