"""Where asylum-seekers from China wait for a decision: the main asylum countries over time."""

import altair as alt

from charts._kit import count_axis, count_tooltip, key, year_axis, year_tooltip

TITLE = "Where asylum-seekers from China are waiting, {first_year}–{latest_year}"
SUBTITLE = (
    "Asylum-seekers from China at the end of each year, in the five asylum countries that held the most "
    "over the whole period, and in all others together"
)
MEASURE = "stock"
DATA = "china_by_asylum_country"
DESCRIPTION = (
    "Stacked area chart of asylum-seekers from China by asylum country. In {latest_year} the country "
    "with the most was {top_country_asylum_seekers_latest}, with {top_country_asylum_seekers_latest_count}."
)
NOTES = [
    (
        "In {latest_year} the United States reported {usa_unknown_origin_latest} asylum-seekers "
        "({usa_unknown_origin_share_latest} of all it counted) with origin unknown, so the {latest_year} "
        "figure is not comparable with earlier years."
    )
]
HEIGHT = 340
TOP = 5


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["asylum_seekers"]


def build(data, palette):
    totals = data.groupby("coa_name")["asylum_seekers"].sum().nlargest(TOP)
    order = list(totals.index) + ["All other countries"]
    data = data.assign(country=data["coa_name"].where(data["coa_name"].isin(totals.index), "All other countries"))
    grouped = data.groupby(["year", "country"], as_index=False)["asylum_seekers"].sum()
    colours = [
        palette.asylum_seekers,
        palette.refugees,
        palette.applications,
        palette.protection,
        palette.rejection,
        palette.other,
    ]
    return (
        alt.Chart(grouped)
        .mark_area(opacity=0.9)
        .encode(
            x=year_axis(),
            y=count_axis("asylum_seekers", "Asylum-seekers at year end").stack("zero"),
            color=alt.Color(
                "country:N",
                scale=alt.Scale(domain=order, range=colours),
                sort=order,
                legend=key(),
            ),
            order=alt.Order("country_order:Q"),
            tooltip=[
                year_tooltip(),
                alt.Tooltip("country:N", title="Asylum country"),
                count_tooltip("asylum_seekers", "Asylum-seekers"),
            ],
        )
        .transform_calculate(country_order=f"indexof({order!r}, datum.country)")
    )
