"""China's rank among all countries of origin, by year, for refugees and for asylum-seekers."""

import altair as alt

from charts._kit import STOCK_SERIES as SERIES
from charts._kit import stock_series_encoding, year_axis, year_tooltip

TITLE = "China's rank among countries of origin, {first_year}–{latest_year}"
SUBTITLE = (
    "Where China stood among all countries of origin (first = most people) by refugees and by asylum-seekers, "
    "both counted at the end of each year"
)
MEASURE = "stock"
DATA = "china_among_origins"
DESCRIPTION = (
    "Line chart of China's rank among origins. By asylum-seekers it ranked {china_best_rank_asylum_seekers} at best "
    "({china_best_rank_asylum_seekers_years}) and {china_rank_asylum_seekers_latest} in {latest_year}; by refugees, "
    "{china_best_rank_refugees} at best ({china_best_rank_refugees_years}) and {china_rank_refugees_latest} in {latest_year}."
)
NOTES = [
    "Origin unknown is not ranked. In {latest_year} the United States reported {usa_unknown_origin_latest} asylum-seekers "
    "with origin unknown, which lowers China's count and rank that year.",
]


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["refugees", "asylum_seekers"]


def build(data, palette):
    data = data[data["measure"].isin(list(SERIES))].assign(group=lambda f: f["measure"].map(SERIES))
    data = data.assign(china_rank=data["china_rank"].astype("float"))
    lowest = max(25, -(-int(data["china_rank"].max()) // 5) * 5)
    return (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=24))
        .encode(
            x=year_axis(),
            y=alt.Y(
                "china_rank:Q",
                title="Rank (first at the top)",
                scale=alt.Scale(reverse=True, domain=[1, lowest], nice=False),
                axis=alt.Axis(values=[1, *range(5, lowest + 1, 5)]),
            ),
            **stock_series_encoding(palette),
            tooltip=[
                year_tooltip(),
                alt.Tooltip("group:N", title="Measure"),
                alt.Tooltip("china_rank:Q", title="China's rank"),
                alt.Tooltip("origins_ranked:Q", title="Origins ranked"),
            ],
        )
    )
