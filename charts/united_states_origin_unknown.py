"""Asylum-seekers in the United States by whether their origin was reported: the break in the latest year."""

import altair as alt

from charts._kit import count_axis, count_tooltip, key, year_axis, year_bar_width, year_tooltip

TITLE = "Asylum-seekers in the United States whose origin was not reported, {first_year}–{latest_year}"
SUBTITLE = "Asylum-seekers of every origin in the United States at the end of each year, by whether their country of origin was reported"
MEASURE = "stock"
DATA = "united_states_origin_unknown"
DESCRIPTION = (
    "Stacked bar chart of asylum-seekers in the United States. At the end of {previous_year}, {usa_unknown_origin_previous} of "
    "{usa_asylum_seekers_previous} had no reported origin ({usa_unknown_origin_share_previous}); at the end of {latest_year}, "
    "{usa_unknown_origin_latest} of {usa_asylum_seekers_latest} ({usa_unknown_origin_share_latest})."
)
NOTES = ["People of unknown origin may include people from China; how many cannot be known from the data."]
HEIGHT = 320

GROUPS = {"known": "Origin reported", "usa_asylum_seekers_unknown_origin": "Origin unknown"}


def build(data, palette):
    data = data.assign(known=data["usa_asylum_seekers"] - data["usa_asylum_seekers_unknown_origin"])
    long = data.melt(
        id_vars=["year", "usa_asylum_seekers"], value_vars=list(GROUPS), var_name="group", value_name="people"
    )
    long["group"] = long["group"].map(GROUPS)
    return (
        alt.Chart(long)
        .mark_bar(width=year_bar_width(data["year"].nunique()))
        .encode(
            x=year_axis(bars=data["year"].nunique()),
            y=count_axis("people", "Asylum-seekers at year end").stack("zero"),
            color=alt.Color(
                "group:N",
                scale=alt.Scale(domain=list(GROUPS.values()), range=[palette.asylum_seekers, palette.applications]),
                legend=key(),
            ),
            order=alt.Order("group:N", sort="descending"),
            tooltip=[
                year_tooltip(),
                alt.Tooltip("group:N", title="Origin"),
                count_tooltip("people", "Asylum-seekers"),
                count_tooltip("usa_asylum_seekers", "All"),
            ],
        )
    )
