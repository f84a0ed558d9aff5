"""Where refugees from China were living at the end of the latest year: a world map."""

from charts._kit import ranked_bars, world_map

TITLE = "Where refugees from China were living at the end of {latest_year}"
SUBTITLE = "Recognised refugees from China at the end of {latest_year}, by asylum country"
MEASURE = "stock"
DATA = "china_by_asylum_country"
DESCRIPTION = (
    "World map shading each country by the number of refugees from China there at the end of {latest_year}. "
    "{countries_with_refugees_latest} countries had at least one. The most were in {top_country_refugees_latest} "
    "({top_country_refugees_latest_count}), then {second_country_refugees_latest} ({second_country_refugees_latest_count})."
)
NOTES = [
    "Too small to draw at this scale: {map_not_drawn}. Hover or tap a country for its number; the download has them all.",
]
HEIGHT = 360
PHONE_HEIGHT = 330  # on a phone: the ten countries with the most, as bars (build_narrow)
BANDS = [1, 100, 1000, 10000]


def build(data, palette):
    latest = data[data["year"] == data["year"].max()]
    return world_map(latest, "refugees", "Refugees from China", palette.refugees, palette, BANDS)


def build_narrow(data, palette):
    latest = data[data["year"] == data["year"].max()]
    return ranked_bars(latest, "refugees", "Refugees from China", palette.refugees, palette)
