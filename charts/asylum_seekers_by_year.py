"""Asylum-seekers from China at the end of each year, all asylum countries together."""

import altair as alt

from charts._kit import count_axis, count_tooltip, year_axis, year_tooltip

TITLE = "Asylum-seekers from China, {first_year}–{latest_year}"
SUBTITLE = "People from China whose asylum claim was still pending at the end of each year, in all asylum countries"
MEASURE = "stock"
DATA = "china_by_year"
DESCRIPTION = (
    "Line chart of asylum-seekers from China at each year end. There were {asylum_seekers_first} in {first_year}, "
    "a peak of {asylum_seekers_peak} in {asylum_seekers_peak_year}, and {asylum_seekers_latest} in {latest_year}."
)
NOTES = [
    "In {latest_year} the United States reported {usa_unknown_origin_latest} asylum-seekers, "
    "{usa_unknown_origin_share_latest} of all it counted, with origin unknown, "
    "so the {latest_year} figure for China is not comparable with earlier years."
]


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["asylum_seekers"]
ANNOTATIONS = [{"mark": {"year": "asylum_seekers_peak_year"}, "text": "Most: {asylum_seekers_peak}"}]


def build(data, palette):
    return (
        alt.Chart(data)
        .mark_line(color=palette.asylum_seekers, point=alt.OverlayMarkDef(color=palette.asylum_seekers, size=30))
        .encode(
            x=year_axis(),
            y=count_axis("asylum_seekers", "Asylum-seekers at year end"),
            tooltip=[year_tooltip(), count_tooltip("asylum_seekers", "Asylum-seekers")],
        )
    )
