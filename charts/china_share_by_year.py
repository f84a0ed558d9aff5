"""China's share of all refugees and of all asylum-seekers in the world, by year."""

import altair as alt

from charts._kit import STOCK_SERIES as SERIES
from charts._kit import count_tooltip, percent_tooltip, stock_series_encoding, year_axis, year_tooltip

TITLE = "China's share of the world's refugees and asylum-seekers, {first_year}–{latest_year}"
SUBTITLE = "People from China as a share of all refugees, and of all asylum-seekers, of every origin, counted at the end of each year"
MEASURE = "stock"
DATA = "china_among_origins"
DESCRIPTION = (
    "Line chart of China's share of all refugees and all asylum-seekers. Its share of asylum-seekers peaked at "
    "{china_peak_share_asylum_seekers} in {china_peak_share_asylum_seekers_year} and was {china_share_asylum_seekers_latest} in "
    "{latest_year}; its share of refugees peaked at {china_peak_share_refugees} in {china_peak_share_refugees_year} and was "
    "{china_share_refugees_latest} in {latest_year}."
)
NOTES = [
    "The totals include people of unknown origin; in {latest_year} these include {usa_unknown_origin_latest} asylum-seekers "
    "in the United States, which lowers China's share that year.",
]


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["refugees", "asylum_seekers"]


def build(data, palette):
    data = data[data["measure"].isin(list(SERIES))].assign(group=lambda f: f["measure"].map(SERIES))
    return (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=24))
        .encode(
            x=year_axis(),
            y=alt.Y(
                "china_share:Q",
                title="Share of all origins",
                scale=alt.Scale(zero=True),
                axis=alt.Axis(format="~%", tickCount=5),
            ),
            **stock_series_encoding(palette),
            tooltip=[
                year_tooltip(),
                alt.Tooltip("group:N", title="Measure"),
                percent_tooltip("china_share", "China's share"),
                count_tooltip("china", "From China"),
                count_tooltip("all_origins", "All origins"),
            ],
        )
    )
