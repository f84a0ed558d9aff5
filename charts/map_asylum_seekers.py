"""Where asylum-seekers from China were waiting at the end of the latest year: a world map."""

from charts._kit import ranked_bars, world_map

TITLE = "Where asylum-seekers from China were waiting at the end of {latest_year}"
SUBTITLE = "Asylum-seekers from China (claims still pending) at the end of {latest_year}, by asylum country"
MEASURE = "stock"
DATA = "china_by_asylum_country"
DESCRIPTION = (
    "World map shading each country by the number of asylum-seekers from China there at the end of {latest_year}. "
    "{countries_with_asylum_seekers_latest} countries had at least one. The most were in {top_country_asylum_seekers_latest} "
    "({top_country_asylum_seekers_latest_count}), then {second_country_asylum_seekers_latest} ({second_country_asylum_seekers_latest_count})."
)
NOTES = [
    "In {latest_year} the United States reported {usa_unknown_origin_share_latest} of its asylum-seekers with origin unknown, "
    "so its figure for China is too low.",
    "Too small to draw at this scale: {map_not_drawn}. Hover or tap a country for its number; the download has them all.",
]
HEIGHT = 360
PHONE_HEIGHT = 330  # on a phone: the ten countries with the most, as bars (build_narrow)
BANDS = [1, 100, 1000, 10000]


def build(data, palette):
    latest = data[data["year"] == data["year"].max()]
    return world_map(latest, "asylum_seekers", "Asylum-seekers from China", palette.asylum_seekers, palette, BANDS)


def build_narrow(data, palette):
    latest = data[data["year"] == data["year"].max()]
    return ranked_bars(latest, "asylum_seekers", "Asylum-seekers from China", palette.asylum_seekers, palette)
