"""Pieces every chart shares, so that axes and tooltips look the same everywhere.

Files whose name starts with "_" are not charts. Chart files import only altair
and this kit; what the kit needs from the project (the map's geometry, UNHCR's
short country names) it takes from scripts/. The story's choices (which
countries, which rates are shown) are columns of the data a chart draws.
"""

import altair as alt
import pandas as pd

from scripts.generator import project
from scripts.generator.colour import even_steps, mix
from scripts.generator.geography import iso_numeric, label_point, world_topology
from scripts.generator.theme import FONT as FONT_STACK
from scripts.unhcr.names import short_name

__all__ = ["mix", "short_name"]  # a colour mixed towards another; UNHCR's short country names


def year_axis(field: str = "year", bars: int | None = None) -> alt.X:
    """Years on x, as whole numbers, with as many labels as the width allows. For `bars` bars (one
    a year), the ends leave room for half a bar (see year_bar_width)."""
    padding = alt.ExprRef(f"{BAR_SHARE / 2} * width / {bars} + 1") if bars else alt.Undefined
    return alt.X(
        f"{field}:Q",
        title=None,
        scale=alt.Scale(zero=False, nice=False, padding=padding),
        # Flush with the ends: the first year's label left-aligned, the last right-aligned, also
        # where bars keep those years a few pixels inside the range (Vega's threshold).
        axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True, labelFlush=FLUSH_WITHIN),
    )


# A bar a year takes this share of a year's width, on a phone as on a desktop.
BAR_SHARE = 0.7


def year_bar_width(bars: int) -> alt.ExprRef:
    return alt.ExprRef(f"max(2, {BAR_SHARE} * width / {bars})")


FLUSH_WITHIN = 20  # pixels: more than the room a phone leaves at the ends for half a bar (ticks are 40 apart)


def count_axis(field: str, title: str) -> alt.Y:
    """People on y, from zero, abbreviated (50k)."""
    return alt.Y(f"{field}:Q", title=title, scale=alt.Scale(zero=True), axis=count_labels())


def count_labels() -> alt.Axis:
    """Ticks for numbers of people: 50k, 100k. Zero is written 0: the
    abbreviation takes its unit from the largest tick and would write 0k."""
    return alt.Axis(format="~s", tickCount=5, labelExpr="datum.value === 0 ? '0' : datum.label")


def count_tooltip(field: str, title: str) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:Q", title=title, format=",")


def year_tooltip(field: str = "year") -> alt.Tooltip:
    return alt.Tooltip(f"{field}:Q", title="Year", format="d")


def percent_axis(field: str, title: str, domain=(0, 1)) -> alt.Y:
    """A share or rate on y, from 0% to 100% unless told otherwise."""
    return alt.Y(
        f"{field}:Q", title=title, scale=alt.Scale(domain=list(domain)), axis=alt.Axis(format="~%", tickCount=5)
    )


def percent_tooltip(field: str, title: str) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:Q", title=title, format=".1%")


# The two stocks drawn as lines side by side: refugees solid, asylum-seekers dashed.
STOCK_SERIES = {"refugees": "Refugees", "asylum_seekers": "Asylum-seekers"}


def stock_series_encoding(palette, field: str = "group") -> dict:
    """Colour and dash for a `field` holding STOCK_SERIES' labels, so both stocks read the same in every chart."""
    domain = list(STOCK_SERIES.values())
    return {
        "color": alt.Color(
            f"{field}:N",
            scale=alt.Scale(domain=domain, range=[palette.refugees, palette.asylum_seekers]),
            legend=alt.Legend(title=None),
        ),
        "strokeDash": alt.StrokeDash(f"{field}:N", legend=None, scale=alt.Scale(domain=domain, range=[[1, 0], [6, 3]])),
    }


def key(**options) -> alt.Legend:
    """The legend of a chart's colours, with square symbols. Pages write it as text above the drawing
    (scripts/generator/legends.py); the downloaded images draw it."""
    return alt.Legend(**({"symbolType": "square"} | options))


def ramp(palette, colour: str, steps: int) -> list[str]:
    """`steps` colours from faint to `colour`, readable on the palette's background (light or dark),
    each as distinct from the one before as from the background's "none" before the first (ΔE00)."""
    return even_steps(palette.grid, colour, steps)


# ---------------------------------------------------------------------------
# World maps: country shapes served from our own site, inlined in the spec.
# ---------------------------------------------------------------------------


def world_map(values, field: str, label: str, colour: str, palette, thresholds: list[int]) -> alt.Chart:
    """A choropleth of `field` by country. `values` has coa_iso, coa_name and the field.

    Countries are shaded in bands (thresholds are the lower bounds of the bands
    after "none"); countries without anyone are drawn in the background grey.
    """
    values = values.assign(id=values["coa_iso"].map(iso_numeric), coa_name=values["coa_name"].map(short_name))
    values = values[values[field] > 0].dropna(subset=["id"]).sort_values(field, ascending=False)
    colours = [palette.grid] + ramp(palette, colour, len(thresholds))
    labels = (
        ["none"]
        + [f"{low:,}–{high - 1:,}" for low, high in zip(thresholds, thresholds[1:])]
        + [f"{thresholds[-1]:,} or more"]
    )
    band = (
        f"datum['{field}'] < {thresholds[0]} ? 'none' : "
        + " : ".join(f"datum['{field}'] < {high} ? {labels[i + 1]!r}" for i, high in enumerate(thresholds[1:]))
        + f" : {labels[-1]!r}"
    )
    shapes = alt.Data(values=world_topology(), format=alt.DataFormat(type="topojson", feature="countries"))
    countries = (
        alt.Chart(shapes)
        .mark_geoshape(stroke=palette.muted, strokeWidth=0.3)
        .transform_lookup(
            lookup="id",
            from_=alt.LookupData(data=values[["id", "coa_name", field]], key="id", fields=["coa_name", field]),
        )
        .transform_calculate(**{field: f"datum['{field}'] || 0", "coa_name": "datum.coa_name || datum.properties.name"})
        .transform_calculate(band=band)
        .encode(
            color=alt.Color(
                "band:N",
                scale=alt.Scale(domain=labels, range=colours),
                sort=labels,
                legend=key(title=label, direction="horizontal", titleOrient="top", orient="top"),
            ),
            tooltip=[alt.Tooltip("coa_name:N", title="Country"), alt.Tooltip(f"{field}:Q", title=label, format=",")],
        )
    )
    return alt.layer(countries, *origin_marked(shapes, palette)).project(type="equalEarth")


def origin_marked(shapes, palette) -> list:
    """The story's origin on a map: outlined, and named at its middle ("China (origin)")."""
    settings = project.settings()
    origin = iso_numeric(settings.origin)
    at = label_point(origin) if origin else None
    if at is None:
        return []
    outline = (
        alt.Chart(shapes)
        .mark_geoshape(filled=False, stroke=palette.text, strokeWidth=1.3, aria=False)
        .transform_filter(f"datum.id === '{origin}'")
    )
    name = alt.Data(values=[{"lon": at[0], "lat": at[1], "name": f"{settings.origin_name} (origin)"}])
    # aria=False: marks that mean nothing to a screen reader (the figure describes the map)
    text = {"fontSize": 11, "fontWeight": "bold", "baseline": "middle", "aria": False}
    where = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "name:N"}
    # The name over a halo of the background's colour: it reads across borders and classes.
    halo = alt.Chart(name).mark_text(**text, color=palette.background, stroke=palette.background, strokeWidth=4)
    return [outline, halo.encode(**where), alt.Chart(name).mark_text(**text, color=palette.text).encode(**where)]


def ranked_bars(values, field: str, label: str, colour: str, palette, top: int = 10) -> alt.LayerChart:
    """The `top` countries with the most, as bars with their numbers: what a world map shows, for a
    phone's screen, where the map is too small to read (charts use it as build_narrow)."""
    values = values.assign(coa_name=values["coa_name"].map(short_name))
    values = values[values[field] > 0].sort_values(field, ascending=False).head(top)
    order = list(values["coa_name"])
    most = int(values[field].max()) if len(values) else 1
    bars = (
        alt.Chart(
            values,
            title=alt.TitleParams(
                f"The {len(values)} countries with the most",
                anchor="start",
                fontSize=12,
                fontWeight="normal",
                color=palette.muted,
                font=FONT_STACK,
            ),
        )
        .mark_bar(color=colour)
        .encode(
            y=alt.Y("coa_name:N", sort=order, title=None, axis=alt.Axis(labelLimit=130, ticks=False, domain=False)),
            # room beside the longest bar for its number
            x=alt.X(f"{field}:Q", title=None, axis=None, scale=alt.Scale(domain=[0, most * 1.45])),
            tooltip=[alt.Tooltip("coa_name:N", title="Country"), alt.Tooltip(f"{field}:Q", title=label, format=",")],
        )
    )
    numbers = bars.mark_text(align="left", dx=4, fontSize=12, color=palette.text).encode(
        text=alt.Text(f"{field}:Q", format=",")
    )
    return bars + numbers


def every_year(parts: list, years, series: list, field: str, series_field: str):
    """The rows of `parts` (frames of year, series_field, field) with a row for every year and series: a pair it lacks gets an empty value, so that a
    line breaks there (a missing count is not zero), and a value of zero is empty too (a log scale
    cannot draw it)."""
    grid = pd.MultiIndex.from_product([sorted(years), series], names=["year", series_field]).to_frame(index=False)
    complete = grid.merge(pd.concat(parts, ignore_index=True), on=["year", series_field], how="left")
    complete[field] = complete[field].where(complete[field] > 0).astype("Float64")
    return complete
