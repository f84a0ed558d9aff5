"""Where asylum-seekers from China wait for a decision: the main asylum countries over time."""

import altair as alt

from charts._kit import count_labels, count_tooltip, every_year, key, short_name, year_axis, year_tooltip

TITLE = "Where asylum-seekers from China are waiting, {first_year}–{latest_year}"
SUBTITLE = (
    "Asylum-seekers from China at the end of each year, in the five asylum countries that held the most at "
    "the end of {comparable_year}, the latest comparable year, and in all others together; a logarithmic "
    "scale, so that countries of very different sizes can be read on one chart"
)
MEASURE = "stock"
DATA = "china_by_asylum_country"
DESCRIPTION = (
    "Line chart of asylum-seekers from China by asylum country, on a logarithmic scale. In {comparable_year} "
    "the country with the most was {top_country_asylum_seekers_comparable}, with "
    "{top_country_asylum_seekers_comparable_count}."
)
NOTES = [
    (
        "In {latest_year} the United States reported {usa_unknown_origin_latest} asylum-seekers "
        "({usa_unknown_origin_share_latest} of all it counted) with origin unknown, so the {latest_year} "
        "figure is not comparable with earlier years."
    ),
    (
        "A gap in a line, and a blank cell in the table, is a year in which the country reported no count "
        "of asylum-seekers from China: missing, not none."
    ),
]
HEIGHT = 340
OTHERS = "All other countries"


# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["asylum_seekers"]


def build(data, palette):
    data = data.assign(coa_name=data["coa_name"].map(short_name))
    main = data[data["main_asylum_country_rank"].notna()].sort_values("main_asylum_country_rank")
    order = list(dict.fromkeys(main["coa_name"])) + [OTHERS]
    years = sorted(data["year"].unique())
    # Every year for every country drawn: a year without a row, or with a row but no count of people from
    # China, is missing (empty), so that the line breaks there instead of falling to zero.
    counted = data[data["population_reported"]]
    chosen = counted[counted["main_asylum_country_rank"].notna()][["year", "coa_name", "asylum_seekers"]]
    others = counted[counted["main_asylum_country_rank"].isna()].groupby("year", as_index=False)["asylum_seekers"].sum()
    others["coa_name"] = OTHERS
    lines = every_year([chosen, others], years, order, "asylum_seekers", "coa_name")
    lines = lines.rename(columns={"coa_name": "country"})
    colours = [
        palette.asylum_seekers,
        palette.refugees,
        palette.applications,
        palette.protection,
        palette.rejection,
        palette.other,
    ]
    return (
        alt.Chart(lines)
        .mark_line(point=alt.OverlayMarkDef(size=20), invalid="break-paths-show-domains")
        .encode(
            x=year_axis(),
            y=alt.Y(
                "asylum_seekers:Q",
                title="Asylum-seekers at year end (logarithmic scale)",
                scale=alt.Scale(type="log"),
                axis=count_labels(),
            ),
            color=alt.Color("country:N", scale=alt.Scale(domain=order, range=colours), sort=order, legend=key()),
            tooltip=[
                year_tooltip(),
                alt.Tooltip("country:N", title="Asylum country"),
                count_tooltip("asylum_seekers", "Asylum-seekers"),
            ],
        )
    )
