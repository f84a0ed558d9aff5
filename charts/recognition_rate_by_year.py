"""The share of substantive decisions on claims by people from China that gave protection, each year."""

import altair as alt

from charts._kit import count_tooltip, percent_axis, percent_tooltip, year_axis, year_tooltip

TITLE = "How often claims by people from China succeed, {first_year}–{latest_year}"
SUBTITLE = (
    "Total recognition rate: refugee status and complementary protection as a share of all substantive decisions "
    "taken during each year, all asylum countries together"
)
MEASURE = "rate"
DATA = "china_by_year"
DESCRIPTION = (
    "Line chart of the total recognition rate for people from China. It was {recognition_rate_first} in {first_year}, "
    "lowest at {recognition_rate_min} in {recognition_rate_min_year}, highest at {recognition_rate_max} in "
    "{recognition_rate_max_year}, and {recognition_rate_latest} in {latest_year}."
)
NOTES = [
    "Claims closed without a decision (withdrawn, abandoned) are left out.",
    "Decisions at first instance and on appeal are counted together, and some countries count cases rather than persons.",
]


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["decisions"]
ANNOTATIONS = [{"mark": {"year": "recognition_rate_max_year"}, "text": "Highest: {recognition_rate_max}"}]


def build(data, palette):
    data = data.assign(substantive=data["recognized"] + data["complementary_protection"] + data["rejected"])
    return (
        alt.Chart(data)
        .mark_line(color=palette.protection, point=alt.OverlayMarkDef(color=palette.protection, size=30))
        .encode(
            x=year_axis(),
            y=percent_axis("total_recognition_rate", "Share of substantive decisions"),
            tooltip=[
                year_tooltip(),
                percent_tooltip("total_recognition_rate", "Recognition rate"),
                count_tooltip("substantive", "Substantive decisions"),
            ],
        )
    )
