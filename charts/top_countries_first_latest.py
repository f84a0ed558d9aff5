"""The main asylum countries for asylum-seekers from China in the first and the latest year."""

import altair as alt

from charts._kit import count_labels, count_tooltip, key, mix, short_name

TITLE = "The main asylum countries in {first_year} and {latest_year}"
SUBTITLE = (
    "Asylum-seekers from China at the end of {first_year} and at the end of {latest_year}, in the countries that "
    "held the most in either year"
)
MEASURE = "stock"
DATA = "china_by_asylum_country"
DESCRIPTION = (
    "Bar chart comparing, country by country, asylum-seekers from China at the end of {first_year} and of {latest_year}. "
    "The most were in {top_country_asylum_seekers_first} in {first_year} ({top_country_asylum_seekers_first_count}) and in "
    "{top_country_asylum_seekers_latest} in {latest_year} ({top_country_asylum_seekers_latest_count}). The second were "
    "{second_country_asylum_seekers_first} ({second_country_asylum_seekers_first_count}) and {second_country_asylum_seekers_latest} "
    "({second_country_asylum_seekers_latest_count})."
)
NOTES = [
    "In {latest_year} the United States reported {usa_unknown_origin_share_latest} of its asylum-seekers with origin unknown, "
    "so its figure for China is too low."
]
HEIGHT = 380
TOP = 5


def build(data, palette):
    first, latest = int(data["year"].min()), int(data["year"].max())
    years = data[data["year"].isin([first, latest])]
    chosen = set(years.loc[years["rank_asylum_seekers"] <= TOP, "coa_iso"])  # the ranks are the data's
    shown = years[years["coa_iso"].isin(chosen)].assign(
        country=lambda f: f["coa_name"].map(short_name), when=lambda f: f["year"].astype(str)
    )
    order = list(shown[shown["year"] == latest].sort_values("asylum_seekers", ascending=False)["country"])
    order += [c for c in shown.sort_values("asylum_seekers", ascending=False)["country"] if c not in order]
    colours = [mix(palette.asylum_seekers, palette.grid, 0.55), palette.asylum_seekers]
    return (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y("country:N", title=None, sort=order),
            yOffset=alt.YOffset("when:N", sort=[str(first), str(latest)]),
            x=alt.X("asylum_seekers:Q", title="Asylum-seekers at year end", axis=count_labels()),
            color=alt.Color(
                "when:N",
                scale=alt.Scale(domain=[str(first), str(latest)], range=colours),
                legend=key(),
            ),
            tooltip=[
                alt.Tooltip("country:N", title="Asylum country"),
                alt.Tooltip("year:Q", title="Year", format="d"),
                count_tooltip("asylum_seekers", "Asylum-seekers"),
            ],
        )
    )
