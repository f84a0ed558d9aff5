"""Recognition rates for people from China in the countries that decided most of their claims, year by year."""

import altair as alt

from charts._kit import count_tooltip, mix, percent_tooltip, short_name, year_tooltip

TITLE = "Recognition rates in the main asylum countries, {first_year}–{latest_year}"
SUBTITLE = (
    "Share of substantive decisions on claims by people from China that gave protection, each year, in the five countries "
    "that decided the most claims over the period"
)
MEASURE = "rate"
DATA = "china_by_asylum_country"
DESCRIPTION = (
    "Grid of coloured cells, one row per country ({main_decision_countries}) and one column per year; the darker the cell, "
    "the larger the share of decisions that gave protection. Across all countries and years the rate was {recognition_rate_all_years}."
)
NOTES = [
    "Empty cells: fewer than {min_substantive_decisions} substantive decisions that year.",
    "Where a country counted cases (a case can hold several people), the tooltip says so; the United States did, for claims by people from China, until {usa_cases_last_year}.",
]
HEIGHT = 300
# The series drawn, in the words of the register of breaks (data/breaks.yml).
DRAWS = ["decisions"]
PHONE_HEIGHT = 560  # on a phone: a row a year (build_narrow)


# A cell's rate is written in it where the cell is wide enough for "100%" (pixels).
CELL_FOR_TEXT = 30


def shown_rates(data):
    # The main deciding countries and the rates shown are chosen in the data (china_by_asylum_country).
    shown = data[data["main_decider_rank"].notna() & data["rate_shown"]].sort_values(["year", "coa_name"])
    shown = shown.assign(country=shown["coa_name"].map(short_name))
    return shown, list(dict.fromkeys(shown.sort_values("main_decider_rank")["country"]))


def grid(shown, palette, x, y, text_shown):
    """Cells coloured by the rate, with the rate written in each where `text_shown` (an expression) holds."""
    tooltip = [
        alt.Tooltip("country:N", title="Asylum country"),
        year_tooltip(),
        percent_tooltip("total_recognition_rate", "Recognition rate"),
        count_tooltip("substantive_decisions", "Substantive decisions"),
        alt.Tooltip("counted_as:N", title="Counted as"),
    ]
    cells = (
        alt.Chart(shown)
        .mark_rect(stroke=None)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "total_recognition_rate:Q",
                title="Recognition rate",
                scale=alt.Scale(domain=[0, 1], range=[mix(palette.grid, palette.protection, 0.12), palette.protection]),
                legend=alt.Legend(format="~%", gradientLength=180, direction="horizontal"),
            ),
            tooltip=tooltip,
        )
    )
    # The text's colour against the cell's: the high rates are the darkest cells on a light page
    # and the brightest on a dark one.
    on_dark = palette.background if palette.scheme == "slate" else "#FFFFFF"
    rates = cells.mark_text(fontSize=11, opacity=alt.ExprRef(text_shown)).encode(
        text=alt.Text("total_recognition_rate:Q", format=".0%"),
        color=alt.condition("datum.total_recognition_rate > 0.55", alt.value(on_dark), alt.value(palette.text)),
        tooltip=tooltip,
    )
    return cells + rates


def build(data, palette):
    shown, order = shown_rates(data)
    n = shown["year"].nunique()
    years = alt.X(
        "year:O",
        title=None,
        axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 5 == 0 ? datum.value : ''", labelOverlap=True),
    )
    return grid(
        shown, palette, years, alt.Y("country:N", title=None, sort=order), f"width / {n} >= {CELL_FOR_TEXT} ? 1 : 0"
    )


def build_narrow(data, palette):
    """On a phone: a year a row and a country a column, wide enough for the rates to be written."""
    shown, order = shown_rates(data)
    countries = alt.X(
        "country:N", title=None, sort=order, axis=alt.Axis(orient="top", labelAngle=-40, labelAlign="left")
    )
    return grid(shown, palette, countries, alt.Y("year:O", title=None), "1")
